"""Attachment files in a local directory (the default: `var/attachments`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO
from uuid import uuid4

from skillwise.domain.catalog.attachments import AttachmentTooLarge

_KEY = re.compile(r"^[0-9a-f]{32}$")


def _readable_size(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size} bytes"


class LocalFileStorage:
    """Files live at `<root>/<first two characters of the key>/<key>`.

    Keys are generated hex UUIDs and checked as such, so no path a user controls is ever
    opened. A file is written under a temporary name and renamed into place, so a reader
    never sees half of one.
    """

    def __init__(self, root: Path) -> None:
        self._root = root

    def save(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> int:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{key}.{uuid4().hex}.part")
        size = 0
        try:
            with partial.open("wb") as file:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise AttachmentTooLarge(
                            f"Attachments can be at most {_readable_size(max_bytes)}."
                        )
                    file.write(chunk)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return size

    def open(self, key: str) -> BinaryIO | None:
        try:
            return self._path(key).open("rb")
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"{key!r} is not a storage key")
        return self._root / key[:2] / key
