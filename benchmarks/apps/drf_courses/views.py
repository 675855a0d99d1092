from rest_framework import generics, serializers

from drf_courses.models import Course, Instructor


class InstructorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instructor
        fields = ["id", "full_name"]


class CourseSerializer(serializers.ModelSerializer):
    instructor = InstructorSerializer()
    price = serializers.IntegerField(source="price_minor")
    is_free = serializers.SerializerMethodField()
    rating_avg = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "slug",
            "subtitle",
            "category",
            "level",
            "language",
            "price",
            "currency",
            "is_free",
            "thumbnail_url",
            "rating_avg",
            "rating_count",
            "enrollment_count",
            "instructor",
            "lesson_count",
            "total_duration_seconds",
            "published_at",
        ]

    def get_is_free(self, course: Course) -> bool:
        return course.price_minor == 0

    def get_rating_avg(self, course: Course) -> float | None:
        return course.rating_sum / course.rating_count if course.rating_count else None


class CourseList(generics.ListAPIView):
    serializer_class = CourseSerializer
    queryset = (
        Course.objects.filter(status="published")
        .select_related("instructor")
        .order_by("-created_at", "id")
    )
