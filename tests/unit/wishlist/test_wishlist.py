"""Keeping courses for later: which courses may be kept, and the list they make."""

from __future__ import annotations

import pytest

from skillwise.application.shared.pagination import PageRequest
from skillwise.application.wishlist.use_cases.add_to_wishlist import AddToWishlist
from skillwise.application.wishlist.use_cases.list_wishlist import ListWishlist
from skillwise.application.wishlist.use_cases.remove_from_wishlist import RemoveFromWishlist
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.errors import CourseNotFound, DomainValidationError
from skillwise.domain.identity import Role
from skillwise.domain.wishlist import NotInWishlist


def add(wishes, student, course):
    return AddToWishlist(wishes.uow, wishes.clock, wishes.queries)(student.as_actor(), course.id)


def test_a_published_course_is_added_once_and_answered_with_its_summary(wishes):
    student, course = wishes.user(), wishes.course()

    first, added = add(wishes, student, course)
    again, added_again = add(wishes, student, course)

    assert (added, added_again) == (True, False)
    assert first.course.id == course.id and first.course.title == course.title
    assert again.added_at == first.added_at == wishes.clock.now()
    assert len(wishes.uow.wishlist.rows) == 1


def test_a_course_the_caller_may_not_see_is_not_found(wishes):
    student, draft = wishes.user(), wishes.course(published=False)

    with pytest.raises(CourseNotFound):
        add(wishes, student, draft)
    assert wishes.uow.wishlist.rows == {}


def test_a_visible_course_outside_the_catalog_cannot_be_wished_for(wishes):
    teacher = wishes.user(Role.INSTRUCTOR)
    own_draft = wishes.course(published=False, owner=teacher)

    with pytest.raises(DomainValidationError) as refused:
        add(wishes, teacher, own_draft)
    assert refused.value.code == "course_not_published"


def test_removing_a_course_forgets_it_and_removing_it_again_is_not_found(wishes):
    student, course = wishes.user(), wishes.course()
    add(wishes, student, course)

    RemoveFromWishlist(wishes.uow)(student.as_actor(), course.id)

    assert wishes.uow.wishlist.rows == {}
    with pytest.raises(NotInWishlist) as missing:
        RemoveFromWishlist(wishes.uow)(student.as_actor(), course.id)
    assert missing.value.code == "not_in_wishlist"


def test_the_list_is_mine_latest_first_and_skips_courses_taken_out_of_the_catalog(wishes):
    student, other = wishes.user(), wishes.user()
    first, second, archived = wishes.course(), wishes.course(), wishes.course()
    for course in (first, second, archived):
        wishes.add(student, course)
    wishes.add(other, first)
    wishes.uow.courses.rows[archived.id].status = CourseStatus.ARCHIVED

    page = ListWishlist(wishes.queries)(student.as_actor(), PageRequest())

    assert page.total == 2
    assert [item.course.id for item in page.items] == [second.id, first.id]
