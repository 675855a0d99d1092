from django.urls import path

from drf_courses.views import CourseList

urlpatterns = [path("api/courses/", CourseList.as_view())]
