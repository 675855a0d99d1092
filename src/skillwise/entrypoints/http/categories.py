"""The catalog's categories, counted over published courses.

One answer for everyone, cached under the catalog list's version (so a course change
refreshes it), with an ETag and 304 on If-None-Match like the course list.
"""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import current_app
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import conditional_get, operation
from skillwise.entrypoints.http.catalog_answers import catalog_response
from skillwise.entrypoints.http.schemas.categories import CategorySchema

blp = Blueprint("categories", __name__, url_prefix="/categories", description="Course categories")


@blp.route("/")
class Categories(MethodView):
    @public
    @operation("listCategories")
    @blp.response(200, CategorySchema(many=True))
    @conditional_get
    @inject
    def get(
        self,
        list_categories=Provide[Container.catalog.list_categories],
        serve_cached_catalog=Provide[Container.catalog.serve_cached_catalog],
    ):
        """Every category with published courses, alphabetical, with how many each has.

        The `slug` is the value courses carry in `category`: list a category's courses with
        `/courses/?category={slug}`.
        """

        def render() -> bytes:
            categories = CategorySchema(many=True).dump(list_categories())
            return current_app.json.dumps(categories).encode()

        return catalog_response(serve_cached_catalog.categories(render))
