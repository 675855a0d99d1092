"""`skillwise seed-demo`: known demo accounts and a realistic catalog to browse."""
