import pytest

from skillwise.settings import ConfigurationError, Settings


def test_files_stay_on_local_disk_unless_object_storage_is_chosen(tmp_path):
    settings = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)})
    assert settings.storage == "local"
    assert settings.download_url_ttl_seconds == 300


def test_object_storage_is_read_from_the_environment(tmp_path):
    settings = Settings.from_env(
        {
            "SKILLWISE_VAR_DIR": str(tmp_path),
            "SKILLWISE_STORAGE": "s3",
            "SKILLWISE_S3_BUCKET": "skillwise-files",
            "SKILLWISE_S3_ENDPOINT_URL": "https://storage.example.com",
            "SKILLWISE_S3_REGION": "eu-central-1",
            "SKILLWISE_DOWNLOAD_URL_TTL_SECONDS": "120",
        }
    )
    assert settings.storage == "s3"
    assert settings.s3_bucket == "skillwise-files"
    assert settings.s3_endpoint_url == "https://storage.example.com"
    assert settings.s3_region == "eu-central-1"
    assert settings.download_url_ttl_seconds == 120


def test_object_storage_without_a_bucket_refuses_to_start(tmp_path):
    with pytest.raises(ConfigurationError, match="SKILLWISE_S3_BUCKET"):
        Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path), "SKILLWISE_STORAGE": "s3"})


def test_an_unknown_storage_refuses_to_start(tmp_path):
    with pytest.raises(ConfigurationError, match="SKILLWISE_STORAGE"):
        Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path), "SKILLWISE_STORAGE": "disk"})
