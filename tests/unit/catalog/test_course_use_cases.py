"""Creating, editing, publishing, deleting and reading courses, with fakes."""

from uuid import uuid4

import pytest

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.catalog.counts import CatalogCounts
from skillwise.application.catalog.page_marks import PageMarks
from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.catalog.use_cases.create_course import CreateCourse, NewCourse
from skillwise.application.catalog.use_cases.delete_course import DeleteCourse
from skillwise.application.catalog.use_cases.get_course import GetCourse
from skillwise.application.catalog.use_cases.list_courses import ListCourses
from skillwise.application.catalog.use_cases.list_instructor_courses import ListInstructorCourses
from skillwise.application.catalog.use_cases.update_course import UpdateCourse
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.catalog.slugs import SlugTaken
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import (
    CurrencyNotSupported,
    DomainValidationError,
    NotFound,
    PermissionDenied,
    UnknownCurrency,
)
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW
from tests.fakes.basics import DictCache
from tests.fakes.catalog import AcceptedCurrencyList

# The currencies the gateways of these tests charge in.
CHARGED = AcceptedCurrencyList("USD", "EUR", "BDT", "MGA", "JPY")


def list_courses(shelf, cache=None):
    cache = cache or DictCache()
    return ListCourses(shelf.queries, CatalogCounts(cache), PageMarks(cache))


def create(shelf, accepted=CHARGED):
    return CreateCourse(shelf.uow, shelf.clock, shelf.queries, accepted)


def update(shelf, accepted=CHARGED):
    return UpdateCourse(shelf.uow, shelf.clock, shelf.queries, accepted)


def delete(shelf):
    return DeleteCourse(shelf.uow, shelf.clock, shelf.queries, shelf.storage)


def a_new_course(title="Python From Zero", price=1999, currency="USD"):
    return NewCourse(
        title=title,
        description="Learn Python.",
        category="programming",
        level=CourseLevel.BEGINNER,
        language="en",
        price=price,
        currency=currency,
    )


# --- creating ---


def test_an_instructor_creates_a_draft_they_own(shelf):
    teacher = shelf.actor(Role.INSTRUCTOR)
    detail = create(shelf)(teacher, a_new_course())
    assert detail.course.status is CourseStatus.DRAFT
    assert detail.course.instructor_id == teacher.user_id
    assert detail.course.slug == "python-from-zero"
    assert detail.course.price.amount_minor == 1999
    assert shelf.uow.commits == 1


def test_a_student_cannot_create_a_course(shelf):
    with pytest.raises(PermissionDenied):
        create(shelf)(shelf.actor(Role.STUDENT), a_new_course())
    assert shelf.uow.courses.rows == {}


def test_a_repeated_title_gets_a_numbered_slug(shelf):
    teacher = shelf.actor(Role.INSTRUCTOR)
    slugs = [create(shelf)(teacher, a_new_course()).course.slug for _ in range(3)]
    assert slugs == ["python-from-zero", "python-from-zero-2", "python-from-zero-3"]


def test_a_negative_price_creates_nothing(shelf):
    with pytest.raises(DomainValidationError):
        create(shelf)(shelf.actor(Role.INSTRUCTOR), a_new_course(price=-5))
    assert shelf.uow.courses.rows == {}


@pytest.mark.parametrize("currency", ["XYZ", "XAU"])
def test_a_price_in_a_code_iso_4217_has_no_money_for_creates_nothing(shelf, currency):
    with pytest.raises(UnknownCurrency) as refused:
        create(shelf)(shelf.actor(Role.INSTRUCTOR), a_new_course(currency=currency))
    assert refused.value.code == "unknown_currency"
    assert shelf.uow.courses.rows == {}


def test_a_price_in_a_currency_no_configured_gateway_charges_creates_nothing(shelf):
    with pytest.raises(CurrencyNotSupported) as refused:
        create(shelf)(shelf.actor(Role.INSTRUCTOR), a_new_course(currency="XOF"))
    assert refused.value.code == "currency_not_supported"
    assert shelf.uow.courses.rows == {}


def test_a_free_course_is_not_asked_about_gateways(shelf):
    detail = create(shelf, AcceptedCurrencyList())(
        shelf.actor(Role.INSTRUCTOR), a_new_course(price=0, currency="XOF")
    )
    assert detail.course.price == Money(0, "XOF")


def test_repricing_in_a_currency_no_gateway_charges_changes_nothing(shelf):
    course = shelf.course()
    before = course.price
    with pytest.raises(CurrencyNotSupported):
        update(shelf)(shelf.owner_of(course), course.id, {"price": 500000, "currency": "XOF"})
    with pytest.raises(UnknownCurrency):
        update(shelf)(shelf.owner_of(course), course.id, {"currency": "XYZ"})
    assert shelf.uow.courses.rows[course.id].price == before
    assert shelf.uow.commits == 0


def test_editing_the_title_of_a_course_priced_before_a_gateway_left_is_allowed(shelf):
    course = shelf.course(price=Money(1999, "EUR"))
    detail = update(shelf, AcceptedCurrencyList("USD"))(
        shelf.owner_of(course), course.id, {"title": "Still For Sale Elsewhere"}
    )
    assert detail.course.title == "Still For Sale Elsewhere"


def test_creating_tells_the_catalog_cache_after_the_commit(shelf):
    detail = create(shelf)(shelf.actor(Role.ADMIN), a_new_course())
    assert shelf.cache.changes == [(detail.course.id, 1)]


# --- editing and publishing ---


def test_the_owner_edits_details_and_the_slug_stays(shelf):
    course = shelf.course()
    slug = course.slug
    detail = update(shelf)(
        shelf.owner_of(course), course.id, {"title": "A New Name", "price": 500, "currency": "BDT"}
    )
    assert detail.course.title == "A New Name"
    assert detail.course.slug == slug
    assert (detail.course.price.amount_minor, detail.course.price.currency) == (500, "BDT")
    assert shelf.cache.changes == [(course.id, 1)]


def test_an_admin_edits_any_course(shelf):
    course = shelf.course(published=False)
    detail = update(shelf)(shelf.actor(Role.ADMIN), course.id, {"subtitle": "Now better"})
    assert detail.course.subtitle == "Now better"


def test_another_instructor_is_refused_a_published_course_and_does_not_see_a_draft(shelf):
    stranger = shelf.actor(Role.INSTRUCTOR)
    published, draft = shelf.course(), shelf.course(published=False)
    with pytest.raises(PermissionDenied):
        update(shelf)(stranger, published.id, {"title": "Mine now"})
    with pytest.raises(NotFound):
        update(shelf)(stranger, draft.id, {"title": "Mine now"})
    assert published.title != "Mine now" and draft.title != "Mine now"
    assert shelf.cache.changes == []


def test_publishing_a_course_without_lessons_is_refused_and_changes_nothing(shelf):
    course = shelf.course(published=False, modules=0)
    with pytest.raises(DomainValidationError) as refused:
        update(shelf)(shelf.owner_of(course), course.id, {"status": "published", "title": "New"})
    assert refused.value.code == "course_has_no_lessons"
    stored = shelf.uow.courses.rows[course.id]
    assert stored.status is CourseStatus.DRAFT and stored.title != "New"


def test_publishing_a_course_with_a_lesson_stamps_the_time(shelf):
    course = shelf.course(published=False)
    detail = update(shelf)(shelf.owner_of(course), course.id, {"status": "published"})
    assert detail.course.status is CourseStatus.PUBLISHED
    assert detail.course.published_at == shelf.clock.now()


def test_archiving_and_unpublishing(shelf):
    course = shelf.course()
    owner = shelf.owner_of(course)
    assert update(shelf)(owner, course.id, {"status": "archived"}).course.status is (
        CourseStatus.ARCHIVED
    )
    assert update(shelf)(owner, course.id, {"status": "draft"}).course.status is (
        CourseStatus.DRAFT
    )


# --- deleting ---


def test_deleting_a_course_without_students_removes_it_and_its_files(shelf):
    course = shelf.course()
    shelf.storage.files["a" * 32] = b"file"
    shelf.uow.attachments.add(
        Attachment(
            lesson_id=next(iter(shelf.uow.lessons.rows)),
            course_id=course.id,
            filename="notes.txt",
            content_type="text/plain",
            size_bytes=4,
            storage_key="a" * 32,
            created_at=NOW,
        )
    )
    assert delete(shelf)(shelf.owner_of(course), course.id) is None
    assert course.id not in shelf.uow.courses.rows
    assert shelf.storage.files == {}
    assert shelf.cache.changes == [(course.id, 1)]


def test_deleting_a_course_with_students_archives_it_instead(shelf):
    course = shelf.course()
    shelf.enroll(shelf.actor(), course)
    archived = delete(shelf)(shelf.owner_of(course), course.id)
    assert archived is not None and archived.course.status is CourseStatus.ARCHIVED
    assert shelf.uow.courses.rows[course.id].status is CourseStatus.ARCHIVED


def test_a_course_that_payments_refer_to_is_archived_instead_of_deleted(shelf):
    course = shelf.course()
    shelf.uow.courses.referenced.add(course.id)
    archived = delete(shelf)(shelf.actor(Role.ADMIN), course.id)
    assert archived.course.status is CourseStatus.ARCHIVED


def test_only_the_owner_or_an_admin_deletes(shelf):
    course = shelf.course()
    with pytest.raises(PermissionDenied):
        delete(shelf)(shelf.actor(Role.STUDENT), course.id)
    assert course.id in shelf.uow.courses.rows


# --- reading ---


def test_a_draft_is_hidden_from_guests_and_strangers_but_shown_to_owner_and_admin(shelf):
    draft = shelf.course(published=False)
    get = GetCourse(shelf.uow, shelf.queries)
    for caller in (None, shelf.actor(Role.STUDENT), shelf.actor(Role.INSTRUCTOR)):
        with pytest.raises(NotFound):
            get(caller, draft.id)
    assert get(shelf.owner_of(draft), draft.id).course.id == draft.id
    assert get(shelf.actor(Role.ADMIN), draft.id).course.id == draft.id


def test_an_archived_course_stays_visible_to_its_students(shelf):
    course = shelf.course()
    student = shelf.actor()
    shelf.enroll(student, course)
    course.status = CourseStatus.ARCHIVED
    get = GetCourse(shelf.uow, shelf.queries)
    assert get(student, course.id).course.id == course.id
    refunded = shelf.actor()
    shelf.enroll(refunded, course, EnrollmentStatus.REFUNDED)
    with pytest.raises(NotFound):
        get(refunded, course.id)


def test_the_detail_carries_the_outline_and_totals(shelf):
    course = shelf.course(modules=2, lessons_per_module=3)
    detail = GetCourse(shelf.uow, shelf.queries)(None, course.id)
    assert [m.position for m in detail.modules] == [1, 2]
    assert detail.lesson_count == 6
    assert detail.total_duration_seconds == 6 * 300


def test_the_catalog_refuses_a_price_range_upside_down(shelf):
    with pytest.raises(DomainValidationError) as refused:
        list_courses(shelf)(CourseFilters(min_price=500, max_price=100), None, PageRequest())
    assert refused.value.code == "invalid_price_range"


def test_the_catalog_lists_published_courses_only(shelf):
    published, _draft = shelf.course(), shelf.course(published=False)
    page = list_courses(shelf)(CourseFilters(), None, PageRequest())
    assert [c.id for c in page.items] == [published.id]


def test_the_catalog_counts_its_matches_once_per_catalog_version(shelf):
    cache = DictCache()
    browse = list_courses(shelf, cache)
    shelf.course()
    assert browse(CourseFilters(), None, PageRequest()).total == 1
    shelf.course()  # behind the cache's back: the stored count stands until a version bump
    assert browse(CourseFilters(), None, PageRequest(page_size=1)).total == 1
    assert browse(CourseFilters(is_free=True), None, PageRequest()).total == 2
    CatalogCache(cache).course_changed(uuid4())
    assert browse(CourseFilters(), None, PageRequest()).total == 2


def test_instructors_list_their_own_courses_of_every_status(shelf):
    teacher = shelf.user(Role.INSTRUCTOR)
    mine = {shelf.course(teacher).id, shelf.course(teacher, published=False).id}
    shelf.course()
    page = ListInstructorCourses(shelf.queries)(teacher.as_actor(), PageRequest())
    assert {c.id for c in page.items} == mine
    with pytest.raises(PermissionDenied):
        ListInstructorCourses(shelf.queries)(shelf.actor(Role.STUDENT), PageRequest())


def test_a_slug_taken_by_a_concurrent_creation_is_chosen_again(shelf, monkeypatch):
    """The other creation commits between this one's slug lookup and its insert."""
    lookups = []

    def slugs_seen(base):
        lookups.append(base)
        return set() if len(lookups) == 1 else {base}

    def add(course):
        if course.slug == "python-from-zero":
            raise SlugTaken("taken")
        shelf.uow.courses.rows[course.id] = course

    monkeypatch.setattr(shelf.uow.courses, "slugs_starting_with", slugs_seen)
    monkeypatch.setattr(shelf.uow.courses, "add", add)
    detail = create(shelf)(shelf.actor(Role.INSTRUCTOR), a_new_course())
    assert detail.course.slug == "python-from-zero-2"
    assert len(lookups) == 2
