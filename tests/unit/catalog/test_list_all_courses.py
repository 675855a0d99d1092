import pytest

from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.catalog.use_cases.list_all_courses import ListAllCourses
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Role


def test_admins_see_every_course_whatever_its_status_and_owner(shelf):
    published = shelf.course()
    draft = shelf.course(published=False)
    listed = ListAllCourses(shelf.queries)(
        shelf.actor(Role.ADMIN), CourseFilters(), None, None, PageRequest()
    )
    assert {c.id for c in listed.items} == {published.id, draft.id}


def test_admins_narrow_the_list_by_status(shelf):
    shelf.course()
    draft = shelf.course(published=False)
    listed = ListAllCourses(shelf.queries)(
        shelf.actor(Role.ADMIN), CourseFilters(), CourseStatus.DRAFT, None, PageRequest()
    )
    assert [c.id for c in listed.items] == [draft.id]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.INSTRUCTOR])
def test_nobody_but_admins_lists_every_course(shelf, role):
    with pytest.raises(PermissionDenied):
        ListAllCourses(shelf.queries)(shelf.actor(role), CourseFilters(), None, None, PageRequest())
