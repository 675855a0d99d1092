"""Every resource blueprint, registered under /api/v1 in this order."""

from flask_smorest import Blueprint

from skillwise.entrypoints.http import (
    attachments,
    auth,
    courses,
    instructors,
    lessons,
    modules,
    profile,
    users,
)

API_PREFIX = "/api/v1"


def api_blueprints() -> list[Blueprint]:
    return [
        auth.blp,
        profile.blp,
        users.blp,
        courses.blp,
        modules.blp,
        lessons.blp,
        attachments.blp,
        instructors.blp,
    ]
