"""The columns a SkillWise course list page shows, with the same indexes SkillWise has."""

import uuid

from django.db import models


class Instructor(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    full_name = models.CharField(max_length=200)

    class Meta:
        db_table = "drf_instructors"


class Course(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    instructor = models.ForeignKey(Instructor, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    subtitle = models.CharField(max_length=300, blank=True)
    category = models.CharField(max_length=80, db_index=True)
    level = models.CharField(max_length=20, db_index=True)
    language = models.CharField(max_length=20, db_index=True)
    price_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    thumbnail_url = models.CharField(max_length=500, null=True)
    status = models.CharField(max_length=20)
    published_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField()
    rating_count = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    enrollment_count = models.IntegerField(default=0)
    lesson_count = models.IntegerField(default=0)
    total_duration_seconds = models.IntegerField(default=0)

    class Meta:
        db_table = "drf_courses"
        indexes = [models.Index(fields=["status", "created_at"])]
