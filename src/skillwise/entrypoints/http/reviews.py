"""Course reviews and ratings."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.examples import REVIEW, REVIEW_REQUEST
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.learning import (
    ReviewCreateSchema,
    ReviewSchema,
    ReviewUpdateSchema,
)

blp = Blueprint("reviews", __name__, description="Reviews and ratings")


@blp.route("/courses/<uuid:course_id>/reviews/")
class CourseReviews(MethodView):
    @public_or_signed_in
    @operation("listReviews")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(ReviewSchema))
    @fails(404, "No such course", "course_not_found")
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, course_id, list_reviews=Provide[Container.learning.list_reviews]):
        """A course's reviews, newest first."""
        return page_body(list_reviews(optional_actor(), course_id, page_request(args)))

    @signed_in
    @operation("createReview")
    @blp.arguments(ReviewCreateSchema, example=REVIEW_REQUEST)
    @blp.response(201, ReviewSchema, example=REVIEW)
    @fails(403, "Not enrolled in this course", "not_enrolled")
    @fails(404, "No such course", "course_not_found")
    @fails(409, "Reviewed already", "already_reviewed")
    @fails(
        422,
        "A rating outside 1..5 or a too long comment",
        "unprocessable_entity",
        "invalid_rating",
        "comment_too_long",
    )
    @inject
    def post(self, review, course_id, post_review=Provide[Container.learning.post_review]):
        """Review a course I am enrolled in: a rating from 1 to 5 and an optional comment."""
        return post_review(current_actor(), course_id, **review)


@blp.route("/reviews/<uuid:review_id>/")
class ReviewDetail(MethodView):
    @signed_in
    @operation("updateReview")
    @blp.arguments(ReviewUpdateSchema)
    @blp.response(200, ReviewSchema)
    @fails(403, "Neither the author nor an admin", "not_review_author")
    @fails(404, "No such review", "review_not_found")
    @fails(
        422,
        "A rating outside 1..5 or a too long comment",
        "unprocessable_entity",
        "invalid_rating",
        "comment_too_long",
    )
    @inject
    def patch(self, changes, review_id, edit_review=Provide[Container.learning.edit_review]):
        """Change a review's rating or comment (its author or an admin)."""
        return edit_review(current_actor(), review_id, **changes)

    @signed_in
    @operation("deleteReview")
    @blp.response(204)
    @fails(403, "Neither the author nor an admin", "not_review_author")
    @fails(404, "No such review", "review_not_found")
    @inject
    def delete(self, review_id, delete_review=Provide[Container.learning.delete_review]):
        """Delete a review (its author or an admin); its rating leaves the course's average."""
        delete_review(current_actor(), review_id)
