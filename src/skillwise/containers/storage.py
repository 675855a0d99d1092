"""Where course files live: the local disk (the default) or an S3-compatible bucket."""

from __future__ import annotations

from pathlib import Path

from dependency_injector import containers, providers

from skillwise.adapters.storage.local import LocalFileStorage
from skillwise.adapters.storage.s3 import S3FileStorage, build_s3_client
from skillwise.settings import Settings


def _attachments_dir(settings: Settings) -> Path:
    return settings.var_dir / "attachments"


class Storage(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    s3_client = providers.Singleton(
        build_s3_client,
        endpoint_url=settings.provided.s3_endpoint_url,
        region=settings.provided.s3_region,
    )
    file_storage = providers.Selector(
        settings.provided.storage,
        local=providers.Singleton(
            LocalFileStorage, root=providers.Callable(_attachments_dir, settings)
        ),
        s3=providers.Singleton(S3FileStorage, client=s3_client, bucket=settings.provided.s3_bucket),
    )
    # Clients upload to and download from object storage directly; the local disk has no URLs.
    direct_upload_storage = providers.Selector(
        settings.provided.storage, local=providers.Object(None), s3=file_storage
    )
