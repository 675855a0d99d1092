"""Example requests and answers of the main journeys, shown in the OpenAPI document.

A test validates each example against the schema it illustrates, so they stay true.
"""

from __future__ import annotations

from typing import Any

USER_ID = "8f14e45f-ceea-4671-9d2b-7b3a1c2d4e5f"
INSTRUCTOR_ID = "1c7a92ae-351c-4c8b-8f4e-0d2a6b9e3f10"
COURSE_ID = "3d6f0c2a-8b1e-4f5a-9c7d-2e4b6a8c0f13"
LESSON_ID = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
ENROLLMENT_ID = "b2c4e6f8-0a1c-4e3d-9f5b-7d9e1a3c5e70"
PAYMENT_ID = "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b"

REGISTER_REQUEST = {
    "email": "ada@example.com",
    "password": "correct-Horse-7",
    "full_name": "Ada Lovelace",
    "role": "student",
}

USER = {
    "id": USER_ID,
    "email": "ada@example.com",
    "full_name": "Ada Lovelace",
    "bio": "",
    "avatar_url": None,
    "role": "student",
    "email_verified": False,
    "date_joined": "2026-11-26T10:00:00Z",
}

LOGIN_REQUEST = {"email": "ada@example.com", "password": "correct-Horse-7"}

SESSION = {
    "access": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ZjE0In0.c2lnbmF0dXJl",
    "refresh": "rt_3q2+7w==.9f8e7d6c5b4a",
    "token_type": "Bearer",
    "user": {**USER, "email_verified": True},
}

COURSE_SUMMARY = {
    "id": COURSE_ID,
    "title": "Python for Data Science",
    "slug": "python-for-data-science",
    "subtitle": "From notebooks to models",
    "category": "data-science",
    "level": "beginner",
    "language": "en",
    "price": 1999,
    "currency": "USD",
    "is_free": False,
    "thumbnail_url": None,
    "rating_avg": 4.5,
    "rating_count": 12,
    "enrollment_count": 240,
    "instructor": {"id": INSTRUCTOR_ID, "full_name": "Grace Hopper"},
    "lesson_count": 24,
    "total_duration_seconds": 18000,
    "published_at": "2026-10-01T09:00:00Z",
}

COURSE_PAGE = {
    "count": 41,
    "page": 1,
    "page_size": 20,
    "next": "https://api.skillwise.example/api/v1/courses/?page=2",
    "previous": None,
    "next_cursor": None,
    "results": [COURSE_SUMMARY],
}

_NEXT_CURSOR = "WyI0ZjNhOWMxZDJiN2U4YTYwIiwidCIsIjIwMjYtMTAtMDFUMDk6MDA6MDArMDA6MDAiXQ"

COURSE_PAGES = {
    "by_page": {"summary": "A numbered page (`?page=1`)", "value": COURSE_PAGE},
    "by_cursor": {
        "summary": "A cursor page (`?cursor=`, then each `next_cursor`)",
        "value": {
            "count": None,
            "page": None,
            "page_size": 20,
            "next": f"https://api.skillwise.example/api/v1/courses/?cursor={_NEXT_CURSOR}",
            "previous": None,
            "next_cursor": _NEXT_CURSOR,
            "results": [COURSE_SUMMARY],
        },
    },
}

NEW_COURSE_REQUEST = {
    "title": "Python for Data Science",
    "subtitle": "From notebooks to models",
    "description": "Load, clean and model data with pandas and scikit-learn.",
    "category": "data-science",
    "level": "beginner",
    "language": "en",
    "price": 1999,
    "currency": "USD",
}


def _example(summary: str, value: Any) -> dict[str, Any]:
    return {"summary": summary, "value": value}


PAYMENT_REQUESTS = {
    "default_gateway": _example("The configured gateway", {"course_id": COURSE_ID}),
    "fake": _example("The fake gateway", {"course_id": COURSE_ID, "gateway": "fake"}),
    "stripe": _example("Stripe", {"course_id": COURSE_ID, "gateway": "stripe"}),
    "sslcommerz": _example("SSLCOMMERZ", {"course_id": COURSE_ID, "gateway": "sslcommerz"}),
    "coupon": _example("With a coupon", {"course_id": COURSE_ID, "coupon": "WELCOME10"}),
}

_NO_COUPON = {"price": 1999, "discount": 0, "coupon": None}
_PENDING = {"id": PAYMENT_ID, "status": "pending", "amount": 1999, "currency": "USD", **_NO_COUPON}

CHECKOUTS = {
    "fake": _example(
        "The fake gateway: open checkout_url and press Pay",
        {
            **_PENDING,
            "gateway": "fake",
            "checkout_url": "https://api.skillwise.example/api/v1/payments/fake/checkout/"
            f"{PAYMENT_ID}/",
        },
    ),
    "stripe": _example(
        "Stripe: hand these to the PaymentSheet",
        {
            **_PENDING,
            "gateway": "stripe",
            "client_secret": "pi_3PxYz_secret_abc123",
            "publishable_key": "pk_test_51Hx",
            "customer": "cus_Q1w2e3r4",
            "ephemeral_key": "ek_test_YWNjdF8x",
        },
    ),
    "sslcommerz": _example(
        "SSLCOMMERZ: open checkout_url in a webview",
        {
            "id": PAYMENT_ID,
            "status": "pending",
            "amount": 225000,
            "currency": "BDT",
            "price": 250000,
            "discount": 25000,
            "coupon": "WELCOME10",
            "gateway": "sslcommerz",
            "checkout_url": "https://sandbox.sslcommerz.com/EasyCheckOut/testcde5f1a2b3c",
        },
    ),
    "free_with_coupon": _example(
        "A coupon took the whole price off: enrolled already, nothing to collect",
        {
            "id": PAYMENT_ID,
            "status": "succeeded",
            "amount": 0,
            "currency": "USD",
            "price": 1999,
            "discount": 1999,
            "coupon": "FLASK100",
            "gateway": "fake",
        },
    ),
}

PROGRESS_REQUEST = {"lesson_id": LESSON_ID, "completed": True, "position_seconds": 754}

COURSE_PROGRESS = {
    "course_id": COURSE_ID,
    "enrollment_id": ENROLLMENT_ID,
    "status": "active",
    "access": "active",
    "suspension_reason": None,
    "completed_at": None,
    "completed_lessons": 1,
    "total_lessons": 24,
    "percent": 4,
    "last_lesson_id": LESSON_ID,
    "lessons": [
        {
            "lesson_id": LESSON_ID,
            "completed": True,
            "completed_at": "2026-11-26T10:12:34Z",
            "position_seconds": 754,
        }
    ],
}

REVIEW_REQUEST = {"rating": 5, "comment": "Clear, practical and well paced."}

REVIEW = {
    "id": "c3d5e7f9-1b2d-4f6a-8c0e-2a4c6e8a0b12",
    "course_id": COURSE_ID,
    "rating": 5,
    "comment": "Clear, practical and well paced.",
    "author": {"id": USER_ID, "full_name": "Ada Lovelace"},
    "created_at": "2026-11-26T11:00:00Z",
    "updated_at": "2026-11-26T11:00:00Z",
}
