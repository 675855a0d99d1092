"""Courses and their outline: course > module > lesson, with lesson attachments."""
