"""Course reviews and ratings."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, optional_actor, public, signed_in
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
    @public
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(ReviewSchema))
    @blp.alt_response(404, description="No such course")
    @inject
    def get(self, args, course_id, list_reviews=Provide[Container.learning.list_reviews]):
        """A course's reviews, newest first."""
        return page_body(list_reviews(optional_actor(), course_id, page_request(args)))

    @signed_in
    @blp.arguments(ReviewCreateSchema)
    @blp.response(201, ReviewSchema)
    @blp.alt_response(403, description="Not enrolled in this course")
    @blp.alt_response(404, description="No such course")
    @blp.alt_response(409, description="Reviewed already")
    @inject
    def post(self, review, course_id, post_review=Provide[Container.learning.post_review]):
        """Review a course I am enrolled in: a rating from 1 to 5 and an optional comment."""
        return post_review(current_actor(), course_id, **review)


@blp.route("/reviews/<uuid:review_id>/")
class ReviewDetail(MethodView):
    @signed_in
    @blp.arguments(ReviewUpdateSchema)
    @blp.response(200, ReviewSchema)
    @blp.alt_response(403, description="Neither the author nor an admin")
    @blp.alt_response(404, description="No such review")
    @inject
    def patch(self, changes, review_id, edit_review=Provide[Container.learning.edit_review]):
        """Change a review's rating or comment (its author or an admin)."""
        return edit_review(current_actor(), review_id, **changes)

    @signed_in
    @blp.response(204)
    @blp.alt_response(403, description="Neither the author nor an admin")
    @blp.alt_response(404, description="No such review")
    @inject
    def delete(self, review_id, delete_review=Provide[Container.learning.delete_review]):
        """Delete a review (its author or an admin); its rating leaves the course's average."""
        delete_review(current_actor(), review_id)
