"""Course slugs: readable, unique names for URLs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from skillwise.domain.errors import Conflict

SLUG_MAX_LENGTH = 200
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; 'course' when nothing of the text survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "course"


class SlugTaken(Conflict):
    """Another course took this slug between choosing it and saving the course."""

    code = "slug_taken"


def first_free_slug(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3` ... whichever is not taken yet."""
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"
