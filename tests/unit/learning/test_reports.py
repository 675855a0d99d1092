from uuid import uuid4

import pytest

from skillwise.application.learning.use_cases.file_report import FileReport
from skillwise.application.learning.use_cases.list_reports import ListReports
from skillwise.application.learning.use_cases.resolve_report import ResolveReport
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.errors import Conflict, DomainValidationError, NotFound, PermissionDenied
from skillwise.domain.identity import Role
from skillwise.domain.learning.reports import ReportStatus, ReportTargetType
from skillwise.domain.learning.reviews import Review
from tests.factories import NOW


@pytest.fixture
def file_report(uow, clock):
    return FileReport(uow=uow, clock=clock)


@pytest.fixture
def resolve(uow, clock):
    return ResolveReport(uow=uow, clock=clock)


@pytest.fixture
def admin(world):
    return world.user(Role.ADMIN)


def a_review_in(world):
    course, student = world.course(), world.user()
    review = Review(
        user_id=student.id, course_id=course.id, rating=1, created_at=NOW, updated_at=NOW
    )
    world.uow.reviews.rows[review.id] = review
    return review


def test_a_signed_in_user_reports_a_course_and_gets_a_receipt(world, file_report, clock):
    reporter, course = world.user(), world.course()

    report = file_report(
        reporter.as_actor(),
        target_type=ReportTargetType.COURSE,
        target_id=course.id,
        reason="  Copied from another site. ",
    )

    assert report.status is ReportStatus.OPEN and report.reason == "Copied from another site."
    assert report.created_at == clock.now()
    assert list(world.uow.reports.rows) == [report.id]
    assert world.notifications_of(reporter) == ["report_filed"]


def test_reviews_and_users_can_be_reported_too(world, file_report):
    reporter = world.user()
    review = a_review_in(world)

    by_review = file_report(
        reporter.as_actor(), target_type=ReportTargetType.REVIEW, target_id=review.id, reason="Spam"
    )
    by_user = file_report(
        reporter.as_actor(),
        target_type=ReportTargetType.USER,
        target_id=review.user_id,
        reason="Harassment",
    )

    assert by_review.target_type is ReportTargetType.REVIEW
    assert by_user.target_id == review.user_id


def test_a_second_open_report_of_the_same_target_is_a_conflict(world, file_report):
    reporter, course = world.user(), world.course()
    file_report(
        reporter.as_actor(), target_type=ReportTargetType.COURSE, target_id=course.id, reason="a"
    )

    with pytest.raises(Conflict) as error:
        file_report(
            reporter.as_actor(),
            target_type=ReportTargetType.COURSE,
            target_id=course.id,
            reason="b",
        )

    assert error.value.code == "already_reported"
    assert len(world.uow.reports.rows) == 1


def test_another_user_may_report_the_same_target(world, file_report):
    course = world.course()
    for _ in range(2):
        file_report(
            world.user().as_actor(),
            target_type=ReportTargetType.COURSE,
            target_id=course.id,
            reason="Misleading",
        )

    assert len(world.uow.reports.rows) == 2


def test_after_a_decision_the_same_user_may_report_again(world, file_report, resolve, admin):
    reporter, course = world.user(), world.course()
    first = file_report(
        reporter.as_actor(), target_type=ReportTargetType.COURSE, target_id=course.id, reason="a"
    )
    resolve(admin.as_actor(), first.id, status=ReportStatus.DISMISSED)

    second = file_report(
        reporter.as_actor(), target_type=ReportTargetType.COURSE, target_id=course.id, reason="b"
    )

    assert second.is_open and second.id != first.id


@pytest.mark.parametrize("target_type", list(ReportTargetType))
def test_reporting_something_that_does_not_exist_is_not_found(world, file_report, target_type):
    with pytest.raises(NotFound):
        file_report(world.user().as_actor(), target_type=target_type, target_id=uuid4(), reason="x")


def test_a_draft_one_cannot_see_cannot_be_reported(world, file_report):
    course = world.course(published=False)

    with pytest.raises(NotFound):
        file_report(
            world.user().as_actor(),
            target_type=ReportTargetType.COURSE,
            target_id=course.id,
            reason="x",
        )


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_reason_must_have_1_to_1000_characters(world, file_report, reason):
    with pytest.raises(DomainValidationError) as error:
        file_report(
            world.user().as_actor(),
            target_type=ReportTargetType.COURSE,
            target_id=world.course().id,
            reason=reason,
        )

    assert error.value.code == "invalid_reason"


def test_an_admin_resolves_a_report_and_the_reporter_hears_of_it(
    world, file_report, resolve, admin, clock
):
    reporter, course = world.user(), world.course()
    report = file_report(
        reporter.as_actor(), target_type=ReportTargetType.COURSE, target_id=course.id, reason="a"
    )

    decided = resolve(
        admin.as_actor(), report.id, status=ReportStatus.RESOLVED, resolution_note="Taken down."
    )

    assert decided.status is ReportStatus.RESOLVED
    assert (decided.resolved_by, decided.resolved_at) == (admin.id, clock.now())
    assert world.uow.reports.get_for_update(report.id).resolution_note == "Taken down."
    assert world.notifications_of(reporter) == ["report_filed", "report_closed"]


def test_a_report_is_decided_only_once(world, file_report, resolve, admin):
    report = file_report(
        world.user().as_actor(),
        target_type=ReportTargetType.COURSE,
        target_id=world.course().id,
        reason="a",
    )
    resolve(admin.as_actor(), report.id, status=ReportStatus.RESOLVED)

    with pytest.raises(Conflict) as error:
        resolve(admin.as_actor(), report.id, status=ReportStatus.DISMISSED)

    assert error.value.code == "report_closed"


def test_reopening_is_not_a_decision(world, file_report, resolve, admin):
    report = file_report(
        world.user().as_actor(),
        target_type=ReportTargetType.COURSE,
        target_id=world.course().id,
        reason="a",
    )

    with pytest.raises(DomainValidationError):
        resolve(admin.as_actor(), report.id, status=ReportStatus.OPEN)


def test_only_admins_list_and_decide_reports(world, uow, file_report, resolve):
    student = world.user()
    report = file_report(
        student.as_actor(),
        target_type=ReportTargetType.COURSE,
        target_id=world.course().id,
        reason="a",
    )

    with pytest.raises(PermissionDenied):
        ListReports(uow)(student.as_actor(), PageRequest())
    with pytest.raises(PermissionDenied):
        resolve(student.as_actor(), report.id, status=ReportStatus.RESOLVED)


def test_deciding_an_unknown_report_is_not_found(resolve, admin):
    with pytest.raises(NotFound):
        resolve(admin.as_actor(), uuid4(), status=ReportStatus.RESOLVED)


def test_admins_filter_reports_by_status_and_target_type(
    world, uow, file_report, resolve, admin, clock
):
    reporter = world.user()
    course_report = file_report(
        reporter.as_actor(),
        target_type=ReportTargetType.COURSE,
        target_id=world.course().id,
        reason="a",
    )
    clock.advance(minutes=1)
    user_report = file_report(
        reporter.as_actor(),
        target_type=ReportTargetType.USER,
        target_id=world.user().id,
        reason="b",
    )
    resolve(admin.as_actor(), course_report.id, status=ReportStatus.RESOLVED)
    listing = ListReports(uow)

    everything = listing(admin.as_actor(), PageRequest())
    open_ones = listing(admin.as_actor(), PageRequest(), status=ReportStatus.OPEN)
    about_courses = listing(admin.as_actor(), PageRequest(), target_type=ReportTargetType.COURSE)

    assert [r.id for r in everything.items] == [user_report.id, course_report.id]
    assert [r.id for r in open_ones.items] == [user_report.id]
    assert [r.id for r in about_courses.items] == [course_report.id]
