"""A Django REST Framework course list over the benchmark's catalog, written the way the
framework's tutorial teaches: a model, a ModelSerializer, a ListAPIView with page numbers."""
