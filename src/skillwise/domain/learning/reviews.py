"""Reviews of a course by its students, and the course's rating they add up to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.catalog.course import Course
from skillwise.domain.enrollments import Enrollment
from skillwise.domain.errors import Conflict, DomainValidationError
from skillwise.domain.identity import Actor

MIN_RATING = 1
MAX_RATING = 5
MAX_COMMENT_LENGTH = 2000


def ensure_valid_rating(rating: int) -> None:
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise DomainValidationError("rating is a whole number.", code="invalid_rating")
    if not MIN_RATING <= rating <= MAX_RATING:
        raise DomainValidationError(
            f"rating is between {MIN_RATING} and {MAX_RATING}.", code="invalid_rating"
        )


def ensure_valid_comment(comment: str) -> None:
    if len(comment) > MAX_COMMENT_LENGTH:
        raise DomainValidationError(
            f"comment is at most {MAX_COMMENT_LENGTH} characters.", code="comment_too_long"
        )


class DuplicateReview(Conflict):
    """A student reviews a course once; edit the existing review instead."""

    code = "already_reviewed"


@dataclass(eq=False)
class Review:
    user_id: UUID
    course_id: UUID
    rating: int
    created_at: datetime
    updated_at: datetime
    comment: str = ""
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def write(
        cls, *, user_id: UUID, course_id: UUID, rating: int, comment: str, now: datetime
    ) -> Review:
        ensure_valid_rating(rating)
        comment = comment.strip()
        ensure_valid_comment(comment)
        return cls(
            user_id=user_id,
            course_id=course_id,
            rating=rating,
            comment=comment,
            created_at=now,
            updated_at=now,
        )

    def may_be_changed_by(self, actor: Actor) -> bool:
        return actor.owns_or_administers(self.user_id)

    def revise(self, *, rating: int | None, comment: str | None, now: datetime) -> int:
        """Change rating and/or comment; returns the previous rating."""
        previous = self.rating
        if rating is not None:
            ensure_valid_rating(rating)
            self.rating = rating
        if comment is not None:
            comment = comment.strip()
            ensure_valid_comment(comment)
            self.comment = comment
        self.updated_at = now
        return previous


def count_rating(course: Course, rating: int) -> None:
    course.rating_count += 1
    course.rating_sum += rating


def replace_rating(course: Course, previous: int, current: int) -> None:
    course.rating_sum += current - previous


def uncount_rating(course: Course, rating: int) -> None:
    course.rating_count -= 1
    course.rating_sum -= rating


def may_review(enrollment: Enrollment | None) -> bool:
    """Only students who hold the course (refunds give up the right) review it."""
    return enrollment is not None and enrollment.grants_access
