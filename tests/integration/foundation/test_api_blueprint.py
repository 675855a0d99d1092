"""Arguments are parsed with one schema instance for every request, not one per request."""

import pytest
from flask import Flask
from flask.views import MethodView
from flask_smorest import Api
from marshmallow import Schema, fields

from skillwise.entrypoints.http.api_blueprint import Blueprint

pytestmark = pytest.mark.integration


class CountedArgs(Schema):
    made = 0
    page = fields.Integer(load_default=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountedArgs.made += 1


def test_a_schema_class_is_instantiated_once_however_many_requests_parse_it():
    app = Flask("counting")
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    api = Api(app)
    blp = Blueprint("counted", __name__)

    @blp.route("/items")
    class Items(MethodView):
        @blp.arguments(CountedArgs, location="query")
        @blp.response(200)
        def get(self, args):
            return {"page": args["page"]}

    api.register_blueprint(blp)
    made_before_requests = CountedArgs.made
    client = app.test_client()
    assert [client.get(f"/items?page={n}").json["page"] for n in (1, 2, 3)] == [1, 2, 3]
    assert CountedArgs.made == made_before_requests
