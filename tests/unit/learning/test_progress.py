from uuid import uuid4

import pytest

from skillwise.application.learning.use_cases.get_progress import GetProgress
from skillwise.application.learning.use_cases.record_progress import RecordProgress
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import DomainValidationError, NotFound, PermissionDenied


@pytest.fixture
def record(uow, clock):
    return RecordProgress(uow=uow, clock=clock)


@pytest.fixture
def progress(uow):
    return GetProgress(uow=uow)


@pytest.fixture
def enrolled(world):
    student, course = world.user(), world.course(lessons=3)
    return student, course, world.enrollment(student, course)


def test_completing_a_lesson_counts_it_and_answers_the_course_progress(
    world, record, enrolled, clock
):
    student, course, enrollment = enrolled
    first = world.lessons_of(course)[0]

    result = record(student.as_actor(), enrollment.id, lesson_id=first.id, completed=True)

    assert (result.completed_lessons, result.total_lessons, result.percent) == (1, 3, 33)
    assert result.lessons[0].completed is True
    assert result.lessons[0].completed_at == clock.now()
    assert result.last_lesson_id == first.id
    assert world.uow.commits == 1


def test_percent_is_rounded_down(world, record, enrolled):
    student, course, enrollment = enrolled
    lessons = world.lessons_of(course)
    for lesson in lessons[:2]:
        result = record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)

    assert result.percent == 66


def test_finishing_the_last_lesson_completes_the_enrollment_and_notifies_once(
    world, record, enrolled, clock
):
    student, course, enrollment = enrolled
    for lesson in world.lessons_of(course):
        clock.advance(minutes=1)
        result = record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)

    assert result.percent == 100
    assert result.status is EnrollmentStatus.COMPLETED
    stored = world.uow.enrollments.get(enrollment.id)
    assert stored.status is EnrollmentStatus.COMPLETED and stored.completed_at == clock.now()
    assert world.notifications_of(student) == ["course_completed"]

    record(
        student.as_actor(), enrollment.id, lesson_id=world.lessons_of(course)[0].id, completed=True
    )
    assert world.notifications_of(student) == ["course_completed"]


def test_unmarking_a_lesson_after_completion_keeps_the_course_completed(world, record, enrolled):
    student, course, enrollment = enrolled
    for lesson in world.lessons_of(course):
        record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)

    result = record(
        student.as_actor(), enrollment.id, lesson_id=world.lessons_of(course)[0].id, completed=False
    )

    assert result.percent == 66
    assert result.lessons[0].completed_at is None
    assert result.status is EnrollmentStatus.COMPLETED


def test_lessons_added_later_lower_the_percent_but_never_revoke_completion(
    world, record, progress, enrolled
):
    student, course, enrollment = enrolled
    for lesson in world.lessons_of(course):
        record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)
    added = world.add_lesson(course)

    result = progress(student.as_actor(), course.id)

    assert (result.completed_lessons, result.total_lessons, result.percent) == (3, 4, 75)
    assert result.status is EnrollmentStatus.COMPLETED
    assert result.lessons[-1].lesson_id == added.id and result.lessons[-1].completed is False


def test_completing_a_lesson_again_keeps_its_first_completion_time(world, record, enrolled, clock):
    student, course, enrollment = enrolled
    lesson = world.lessons_of(course)[0]
    first_time = clock.now()
    record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)
    clock.advance(hours=1)

    result = record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)

    assert result.lessons[0].completed_at == first_time


def test_the_playback_position_is_remembered_without_changing_completion(world, record, enrolled):
    student, course, enrollment = enrolled
    lesson = world.lessons_of(course)[1]
    record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)

    result = record(student.as_actor(), enrollment.id, lesson_id=lesson.id, position_seconds=120)

    assert result.lessons[1].position_seconds == 120
    assert result.lessons[1].completed is True


@pytest.mark.parametrize("position", [-1, 301])
def test_a_position_outside_the_lesson_is_refused(world, record, enrolled, position):
    student, course, enrollment = enrolled
    lesson = world.lessons_of(course)[0]

    with pytest.raises(DomainValidationError) as error:
        record(student.as_actor(), enrollment.id, lesson_id=lesson.id, position_seconds=position)

    assert error.value.code == "invalid_position"
    assert world.uow.lesson_progress.rows == {}


def test_a_lesson_without_a_known_duration_takes_any_position(world, record):
    student, course = world.user(), world.course(duration_seconds=0)
    enrollment = world.enrollment(student, course)
    lesson = world.lessons_of(course)[0]

    result = record(student.as_actor(), enrollment.id, lesson_id=lesson.id, position_seconds=9000)

    assert result.lessons[0].position_seconds == 9000


def test_a_lesson_of_another_course_is_refused(world, record, enrolled):
    student, _, enrollment = enrolled
    other_course = world.course()

    with pytest.raises(DomainValidationError) as error:
        record(
            student.as_actor(),
            enrollment.id,
            lesson_id=world.lessons_of(other_course)[0].id,
            completed=True,
        )

    assert error.value.code == "lesson_not_in_course"


def test_a_refunded_enrollment_records_nothing(world, record):
    student, course = world.user(), world.course()
    enrollment = world.enrollment(student, course, status=EnrollmentStatus.REFUNDED)

    with pytest.raises(PermissionDenied) as error:
        record(
            student.as_actor(),
            enrollment.id,
            lesson_id=world.lessons_of(course)[0].id,
            completed=True,
        )

    assert error.value.code == "enrollment_refunded"


def test_another_users_enrollment_is_not_found(world, record, enrolled):
    _, course, enrollment = enrolled

    with pytest.raises(NotFound):
        record(
            world.user().as_actor(),
            enrollment.id,
            lesson_id=world.lessons_of(course)[0].id,
            completed=True,
        )


def test_a_request_with_nothing_to_record_is_refused(world, record, enrolled):
    student, course, enrollment = enrolled

    with pytest.raises(DomainValidationError) as error:
        record(student.as_actor(), enrollment.id, lesson_id=world.lessons_of(course)[0].id)

    assert error.value.code == "nothing_to_record"


def test_progress_lists_every_lesson_in_outline_order_and_where_to_resume(
    world, record, progress, enrolled, clock
):
    student, course, enrollment = enrolled
    lessons = world.lessons_of(course)
    record(student.as_actor(), enrollment.id, lesson_id=lessons[2].id, completed=True)
    clock.advance(minutes=3)
    record(student.as_actor(), enrollment.id, lesson_id=lessons[0].id, position_seconds=42)

    result = progress(student.as_actor(), course.id)

    assert [state.lesson_id for state in result.lessons] == [lesson.id for lesson in lessons]
    assert [state.completed for state in result.lessons] == [False, False, True]
    assert result.lessons[0].position_seconds == 42
    assert result.last_lesson_id == lessons[0].id
    assert result.course_id == course.id and result.enrollment_id == enrollment.id


def test_progress_of_a_course_one_is_not_enrolled_in_is_not_found(world, progress):
    with pytest.raises(NotFound) as error:
        progress(world.user().as_actor(), world.course().id)

    assert error.value.code == "not_enrolled"


def test_progress_of_an_unknown_course_is_not_found(world, progress):
    with pytest.raises(NotFound):
        progress(world.user().as_actor(), uuid4())
