from uuid import uuid4

import pytest

from skillwise.application.learning.use_cases.delete_review import DeleteReview
from skillwise.application.learning.use_cases.edit_review import EditReview
from skillwise.application.learning.use_cases.list_reviews import ListReviews
from skillwise.application.learning.use_cases.post_review import PostReview
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import Conflict, DomainValidationError, NotFound, PermissionDenied
from skillwise.domain.identity import Role


@pytest.fixture
def post(uow, clock):
    return PostReview(uow=uow, clock=clock)


@pytest.fixture
def edit(uow, clock):
    return EditReview(uow=uow, clock=clock)


@pytest.fixture
def delete(uow):
    return DeleteReview(uow=uow)


@pytest.fixture
def instructor(world):
    return world.user(Role.INSTRUCTOR)


@pytest.fixture
def course(world, instructor):
    return world.course(instructor)


@pytest.fixture
def student(world, course):
    student = world.user(full_name="Grace Hopper")
    world.enrollment(student, course)
    return student


def test_an_enrolled_student_reviews_a_course_and_its_rating_counts(
    world, post, course, student, instructor, catalog_cache
):
    review = post(student.as_actor(), course.id, rating=4, comment="  Clear and practical. ")

    assert review.rating == 4 and review.comment == "Clear and practical."
    assert review.author.id == student.id and review.author.full_name == "Grace Hopper"
    stored = world.uow.courses.get(course.id)
    assert (stored.rating_count, stored.rating_sum, stored.rating_avg) == (1, 4, 4.0)
    assert world.notifications_of(instructor) == ["new_review"]
    assert catalog_cache.changed == [course.id]


def test_ratings_of_several_students_average_exactly(world, post, course):
    for rating in (5, 4, 4):
        student = world.user()
        world.enrollment(student, course)
        post(student.as_actor(), course.id, rating=rating)

    stored = world.uow.courses.get(course.id)
    assert (stored.rating_count, stored.rating_sum, stored.rating_avg) == (3, 13, 4.33)


def test_a_student_not_enrolled_cannot_review(world, post, course):
    with pytest.raises(PermissionDenied) as error:
        post(world.user().as_actor(), course.id, rating=5)

    assert error.value.code == "not_enrolled"
    assert world.uow.reviews.rows == {}


def test_a_refunded_student_cannot_review(world, post, course):
    student = world.user()
    world.enrollment(student, course, status=EnrollmentStatus.REFUNDED)

    with pytest.raises(PermissionDenied) as error:
        post(student.as_actor(), course.id, rating=5)

    assert error.value.code == "not_enrolled"


def test_a_student_who_completed_the_course_may_review_it(world, post, course):
    student = world.user()
    world.enrollment(student, course, status=EnrollmentStatus.COMPLETED)

    assert post(student.as_actor(), course.id, rating=5).rating == 5


def test_a_second_review_of_the_same_course_is_a_conflict(world, post, course, student):
    post(student.as_actor(), course.id, rating=5)

    with pytest.raises(Conflict) as error:
        post(student.as_actor(), course.id, rating=1)

    assert error.value.code == "already_reviewed"
    stored = world.uow.courses.get(course.id)
    assert (stored.rating_count, stored.rating_sum) == (1, 5)


@pytest.mark.parametrize("rating", [0, 6, -1, True, "5", 4.5])
def test_a_rating_outside_one_to_five_whole_stars_is_refused(post, course, student, rating):
    with pytest.raises(DomainValidationError) as error:
        post(student.as_actor(), course.id, rating=rating)

    assert error.value.code == "invalid_rating"


def test_a_comment_longer_than_2000_characters_is_refused(post, course, student):
    with pytest.raises(DomainValidationError) as error:
        post(student.as_actor(), course.id, rating=3, comment="x" * 2001)

    assert error.value.code == "comment_too_long"


def test_a_comment_of_exactly_2000_characters_is_accepted(post, course, student):
    assert len(post(student.as_actor(), course.id, rating=3, comment="x" * 2000).comment) == 2000


def test_reviewing_a_draft_one_cannot_see_is_not_found(world, post):
    course = world.course(published=False)

    with pytest.raises(NotFound):
        post(world.user().as_actor(), course.id, rating=5)


def test_reviewing_an_unknown_course_is_not_found(world, post):
    with pytest.raises(NotFound):
        post(world.user().as_actor(), uuid4(), rating=5)


def test_the_author_changes_the_rating_and_the_course_sum_follows(
    world, post, edit, course, student, catalog_cache
):
    review = post(student.as_actor(), course.id, rating=2)

    edited = edit(student.as_actor(), review.id, rating=5, comment="Better on second look.")

    assert (edited.rating, edited.comment) == (5, "Better on second look.")
    stored = world.uow.courses.get(course.id)
    assert (stored.rating_count, stored.rating_sum) == (1, 5)
    assert catalog_cache.changed == [course.id, course.id]


def test_editing_only_the_comment_leaves_the_rating_alone(
    world, post, edit, course, student, catalog_cache
):
    review = post(student.as_actor(), course.id, rating=3)

    edited = edit(student.as_actor(), review.id, comment="Shorter now.")

    assert (edited.rating, edited.comment) == (3, "Shorter now.")
    assert world.uow.courses.get(course.id).rating_sum == 3
    assert catalog_cache.changed == [course.id]


def test_an_admin_may_edit_any_review(world, post, edit, course, student):
    review = post(student.as_actor(), course.id, rating=1, comment="rude words")

    edited = edit(world.user(Role.ADMIN).as_actor(), review.id, comment="[removed]")

    assert edited.comment == "[removed]" and edited.author.id == student.id


def test_someone_else_cannot_edit_or_delete_a_review(world, post, edit, delete, course, student):
    review = post(student.as_actor(), course.id, rating=4)
    other = world.user()
    world.enrollment(other, course)

    with pytest.raises(PermissionDenied):
        edit(other.as_actor(), review.id, rating=1)
    with pytest.raises(PermissionDenied):
        delete(other.as_actor(), review.id)
    assert world.uow.courses.get(course.id).rating_sum == 4


def test_an_invalid_edit_changes_nothing(world, post, edit, course, student):
    review = post(student.as_actor(), course.id, rating=4)

    with pytest.raises(DomainValidationError):
        edit(student.as_actor(), review.id, rating=9)

    assert world.uow.reviews.get(review.id).rating == 4
    assert world.uow.courses.get(course.id).rating_sum == 4


def test_deleting_a_review_takes_its_rating_out_of_the_course(world, post, delete, course, student):
    other = world.user()
    world.enrollment(other, course)
    post(other.as_actor(), course.id, rating=5)
    review = post(student.as_actor(), course.id, rating=1)

    delete(student.as_actor(), review.id)

    assert world.uow.reviews.get(review.id) is None
    stored = world.uow.courses.get(course.id)
    assert (stored.rating_count, stored.rating_sum, stored.rating_avg) == (1, 5, 5.0)


def test_an_admin_may_delete_any_review(world, post, delete, course, student):
    review = post(student.as_actor(), course.id, rating=2)

    delete(world.user(Role.ADMIN).as_actor(), review.id)

    assert world.uow.courses.get(course.id).rating_count == 0


def test_after_deleting_a_review_the_student_may_review_again(world, post, delete, course, student):
    review = post(student.as_actor(), course.id, rating=2)
    delete(student.as_actor(), review.id)

    assert post(student.as_actor(), course.id, rating=4).rating == 4


def test_editing_or_deleting_an_unknown_review_is_not_found(world, edit, delete):
    with pytest.raises(NotFound):
        edit(world.user().as_actor(), uuid4(), rating=3)
    with pytest.raises(NotFound):
        delete(world.user().as_actor(), uuid4())


def test_reviews_are_listed_newest_first_with_their_authors(
    world, uow, queries, post, course, clock
):
    names = []
    for name in ("First Student", "Second Student"):
        student = world.user(full_name=name)
        world.enrollment(student, course)
        post(student.as_actor(), course.id, rating=5)
        clock.advance(minutes=1)
        names.append(name)

    page = ListReviews(uow=uow, queries=queries)(None, course.id, PageRequest(1, 20))

    assert page.total == 2
    assert [review.author.full_name for review in page.items] == list(reversed(names))


def test_guests_cannot_list_reviews_of_a_draft(world, uow, queries):
    course = world.course(published=False)

    with pytest.raises(NotFound):
        ListReviews(uow=uow, queries=queries)(None, course.id, PageRequest(1, 20))


def test_students_enrolled_in_an_archived_course_still_read_its_reviews(world, uow, queries):
    course = world.course(published=False)
    enrolled = world.user()
    world.enrollment(enrolled, course)
    refunded = world.user()
    world.enrollment(refunded, course, status=EnrollmentStatus.REFUNDED)
    list_reviews = ListReviews(uow=uow, queries=queries)

    assert list_reviews(enrolled.as_actor(), course.id, PageRequest(1, 20)).total == 0
    with pytest.raises(NotFound):
        list_reviews(refunded.as_actor(), course.id, PageRequest(1, 20))
    with pytest.raises(NotFound):
        list_reviews(world.user().as_actor(), course.id, PageRequest(1, 20))
