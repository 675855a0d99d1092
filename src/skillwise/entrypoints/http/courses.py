"""The course catalog: browse, create, edit, publish, delete.

Guests' answers to `GET /courses/` and `GET /courses/{id}/` come from the catalog cache;
signed-in callers always get fresh ones. Every answer carries an ETag and honours
If-None-Match with 304. Cursor pages of the list are cached like numbered ones: a cursor names
a fixed place in the list, so its page changes only when the catalog does, which moves every
cached page on at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dependency_injector.wiring import Provide, inject
from flask import Response, current_app, jsonify
from flask.views import MethodView

from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.catalog.use_cases.create_course import NewCourse
from skillwise.application.catalog.use_cases.serve_cached_catalog import CachedAnswer
from skillwise.containers import Container
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    roles,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import conditional_get, fails, operation
from skillwise.entrypoints.http.catalog_answers import catalog_question, catalog_response
from skillwise.entrypoints.http.examples import COURSE_PAGES, NEW_COURSE_REQUEST
from skillwise.entrypoints.http.schemas.catalog import (
    CourseCreateSchema,
    CourseDetailSchema,
    CourseListArgs,
    CourseSummarySchema,
    CourseUpdateSchema,
)
from skillwise.entrypoints.http.schemas.common import (
    cursor_page_body,
    page_body,
    page_request,
    scrollable_page_of,
)

blp = Blueprint("courses", __name__, url_prefix="/courses", description="The course catalog")

CoursePageSchema = scrollable_page_of(CourseSummarySchema)
# One instance each, so their dump plans are made once (schemas/dumping.py).
_COURSE_PAGE = CoursePageSchema()
_COURSE_DETAIL = CourseDetailSchema()


def _json_bytes(data: Any) -> bytes:
    return current_app.json.dumps_bytes(data)


def _catalog_answer(
    render: Callable[[], bytes], from_cache: Callable[[Callable[[], bytes]], CachedAnswer]
) -> Response:
    """Guests get the cached answer, others a fresh one; both with an ETag, 304 on a match."""
    answer = from_cache(render) if optional_actor() is None else CachedAnswer.of(render())
    return catalog_response(answer)


def course_filters(args: dict[str, Any]) -> CourseFilters:
    return CourseFilters(
        search=args.get("search"),
        category=args.get("category"),
        level=args.get("level"),
        language=args.get("language"),
        instructor_id=args.get("instructor"),
        min_price=args.get("min_price"),
        max_price=args.get("max_price"),
        is_free=args.get("is_free"),
        currency=args.get("currency"),
    )


def by_cursor(args: dict[str, Any]) -> bool:
    """Whether the list is walked by cursor; with a page number too, neither is guessed."""
    if "cursor" not in args:
        return False
    if "page" in args:
        raise DomainValidationError(
            "Ask for a page by its number or by a cursor, not both.", code="cursor_with_page"
        )
    return True


@blp.route("/")
class Courses(MethodView):
    @public_or_signed_in
    @operation("listCourses")
    @conditional_get
    @blp.arguments(CourseListArgs, location="query")
    @blp.response(200, CoursePageSchema, examples=COURSE_PAGES)
    @fails(
        422,
        "A filter, the ordering, the page or the cursor is not valid, or a cursor is sent "
        "with other filters or another ordering than it was answered to, or with `page`",
        "unprocessable_entity",
        "invalid_price_range",
        "invalid_cursor",
        "cursor_mismatch",
        "cursor_with_page",
    )
    @inject
    def get(
        self,
        args,
        list_courses=Provide[Container.catalog.list_courses],
        scroll_courses=Provide[Container.catalog.scroll_courses],
        serve_cached_catalog=Provide[Container.catalog.serve_cached_catalog],
    ):
        """Browse the published catalog: search, filter, order, paginate.

        `search` looks in titles, subtitles and descriptions (full text on PostgreSQL, every
        word as a substring on SQLite). Prices are in minor units; combine them with
        `currency` when the catalog mixes currencies.

        For infinite scroll, walk by cursor: `cursor=` (empty) answers the first page, and
        each answer's `next_cursor` (also in `next`) the one after, until it is null. Every
        cursor page costs what the first does, a course published during the walk is never
        answered twice, and `count` and `page` are null, since counting the matches is what a
        cursor page saves.
        """

        def render() -> bytes:
            filters, ordering = course_filters(args), args.get("ordering")
            if by_cursor(args):
                body = cursor_page_body(
                    scroll_courses(filters, ordering, args["cursor"], args["page_size"])
                )
            else:
                body = {
                    **page_body(list_courses(filters, ordering, page_request(args))),
                    "next_cursor": None,
                }
            return _json_bytes(_COURSE_PAGE.dump(body))

        return _catalog_answer(
            render, lambda fresh: serve_cached_catalog.course_list(catalog_question(), fresh)
        )

    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("createCourse")
    @blp.arguments(CourseCreateSchema, example=NEW_COURSE_REQUEST)
    @blp.response(201, CourseDetailSchema)
    @fails(
        422,
        "Not valid (see `errors`), or priced in a code outside ISO 4217 or a currency no "
        "configured gateway charges in",
        "unprocessable_entity",
        "blank_title",
        "negative_price",
        "price_too_high",
        "unknown_currency",
        "currency_not_supported",
    )
    @inject
    def post(self, new_course, create_course=Provide[Container.catalog.create_course]):
        """Create a draft course that I teach. Its slug comes from the title and stays put
        when the title changes later."""
        return create_course(current_actor(), NewCourse(**new_course))


@blp.route("/<uuid:course_id>/")
class CourseById(MethodView):
    @public_or_signed_in
    @operation("getCourse")
    @conditional_get
    @blp.response(200, CourseDetailSchema)
    @fails(404, "No such course, or a draft or archived one not mine", "course_not_found")
    @inject
    def get(
        self,
        course_id,
        get_course=Provide[Container.catalog.get_course],
        serve_cached_catalog=Provide[Container.catalog.serve_cached_catalog],
    ):
        """A course with its outline (modules and lesson titles), rating and totals."""

        def render() -> bytes:
            return _json_bytes(_COURSE_DETAIL.dump(get_course(optional_actor(), course_id)))

        return _catalog_answer(
            render, lambda fresh: serve_cached_catalog.course_detail(course_id, fresh)
        )

    @signed_in
    @operation("updateCourse")
    @blp.arguments(CourseUpdateSchema)
    @blp.response(200, CourseDetailSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such course", "course_not_found")
    @fails(
        422,
        "Not valid, priced in a code outside ISO 4217 or a currency no configured gateway "
        "charges in, or publishing a course without a lesson",
        "unprocessable_entity",
        "blank_title",
        "negative_price",
        "price_too_high",
        "unknown_currency",
        "currency_not_supported",
        "course_has_no_lessons",
    )
    @inject
    def patch(self, changes, course_id, update_course=Provide[Container.catalog.update_course]):
        """Edit a course (its instructor or an admin). `status` publishes ("published", which
        needs a lesson), archives ("archived") or unpublishes ("draft") it."""
        return update_course(current_actor(), course_id, changes)

    @signed_in
    @operation("deleteCourse")
    @blp.response(204, description="Deleted with its modules, lessons and files")
    @blp.alt_response(
        200,
        schema=CourseDetailSchema,
        description="Students or payments depend on the course, so it was archived instead",
        success=True,
    )
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such course", "course_not_found")
    @inject
    def delete(self, course_id, delete_course=Provide[Container.catalog.delete_course]):
        """Delete a course (its instructor or an admin). A course that students enrolled in
        or that was paid for is archived instead and answered with 200."""
        archived = delete_course(current_actor(), course_id)
        if archived is not None:
            return jsonify(_COURSE_DETAIL.dump(archived))
        return None
