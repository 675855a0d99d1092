"""Files in an S3-compatible object store (`SKILLWISE_STORAGE=s3`), reached through boto3."""

from __future__ import annotations

import re
from collections.abc import Iterable
from tempfile import SpooledTemporaryFile
from typing import Any, BinaryIO, cast
from urllib.parse import quote

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from skillwise.adapters.storage.local import _readable_size
from skillwise.application.catalog.uploads import PresignedUpload, StoredObject
from skillwise.domain.catalog.attachments import AttachmentTooLarge

_KEY = re.compile(r"^[0-9a-f]{32}$")
# Files up to this size are staged in memory before the upload, larger ones on disk.
_IN_MEMORY_BYTES = 8 * 1024 * 1024
_MISSING = {"404", "NoSuchKey", "NotFound"}


def build_s3_client(*, endpoint_url: str | None = None, region: str | None = None) -> Any:
    """A client for AWS S3, or for any S3-compatible store at `endpoint_url`.

    Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
    AWS_PROFILE, or the instance's role), never from SkillWise settings. Signature version 4
    is asked for explicitly: it is the only one every region and most other stores accept.
    """
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=region,
        config=Config(signature_version="s3v4", retries={"mode": "standard"}),
    )


class S3FileStorage:
    """Each file is one object in `bucket`, named by its key.

    Keys are generated hex UUIDs and checked as such, so no name a user controls reaches the
    store. The bucket stays private: readers get short-lived signed URLs.
    """

    def __init__(self, client: Any, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    def save(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> int:
        self._check(key)
        # Staged first, so an oversize file is refused before anything reaches the store.
        with SpooledTemporaryFile(max_size=_IN_MEMORY_BYTES) as staged:
            size = 0
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise AttachmentTooLarge(
                        f"Attachments can be at most {_readable_size(max_bytes)}."
                    )
                staged.write(chunk)
            staged.seek(0)
            self._client.put_object(Bucket=self._bucket, Key=key, Body=staged, ContentLength=size)
        return size

    def open(self, key: str) -> BinaryIO | None:
        self._check(key)
        try:
            response = self._client.get_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                return None
            raise
        return cast(BinaryIO, response["Body"])

    def delete(self, key: str) -> None:
        self._check(key)
        self._client.delete_object(Bucket=self._bucket, Key=key)

    def presigned_upload(
        self, key: str, *, content_type: str, size: int, expires_in: int
    ) -> PresignedUpload:
        self._check(key)
        post = self._client.generate_presigned_post(
            Bucket=self._bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", size, size]],
            ExpiresIn=expires_in,
        )
        return PresignedUpload(url=post["url"], fields=dict(post["fields"]))

    def head(self, key: str) -> StoredObject | None:
        self._check(key)
        try:
            response = self._client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                return None
            raise
        return StoredObject(
            size=response["ContentLength"], content_type=response.get("ContentType")
        )

    def read_prefix(self, key: str, n: int) -> bytes | None:
        self._check(key)
        try:
            response = self._client.get_object(
                Bucket=self._bucket, Key=key, Range=f"bytes=0-{n - 1}"
            )
        except ClientError as error:
            if _is_missing(error):
                return None
            # An empty object has no byte 0 to start a range at.
            if error.response.get("Error", {}).get("Code") == "InvalidRange":
                return b""
            raise
        body = response["Body"]
        try:
            return body.read(n)
        finally:
            body.close()

    def presigned_download(self, key: str, *, expires_in: int, filename: str) -> str:
        self._check(key)
        return self._client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": key,
                "ResponseContentDisposition": _attachment_disposition(filename),
            },
            ExpiresIn=expires_in,
        )

    @staticmethod
    def _check(key: str) -> None:
        if not _KEY.match(key):
            raise ValueError(f"{key!r} is not a storage key")


def _is_missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in _MISSING


def _attachment_disposition(filename: str) -> str:
    """`attachment` with the name twice: plain ASCII for old clients, RFC 6266 UTF-8 for the rest.

    The ASCII form drops quotes, backslashes and control characters, so a name cannot break
    out of the header value.
    """
    fallback = (
        "".join(
            char if char.isascii() and char.isprintable() and char not in '"\\' else "_"
            for char in filename
        ).strip()
        or "download"
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
