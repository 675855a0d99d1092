"""Every resource blueprint, registered under /api/v1 in this order."""

from flask_smorest import Blueprint

from skillwise.entrypoints.http import (
    admin_courses,
    admin_payments,
    attachments,
    auth,
    courses,
    dashboards,
    earnings,
    enrollments,
    instructors,
    lessons,
    modules,
    notifications,
    payments,
    payments_fake,
    payments_sslcommerz,
    profile,
    progress,
    reports,
    reviews,
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
        admin_courses.blp,
        enrollments.blp,
        progress.blp,
        reviews.blp,
        reports.blp,
        notifications.blp,
        payments.blp,
        payments_fake.blp,
        payments_sslcommerz.blp,
        admin_payments.blp,
        earnings.blp,
        dashboards.blp,
    ]
