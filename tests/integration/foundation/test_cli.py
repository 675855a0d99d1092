import json

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect

from skillwise.entrypoints.cli import main

pytestmark = pytest.mark.integration


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLWISE_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SKILLWISE_DATABASE_URL", raising=False)
    monkeypatch.delenv("SKILLWISE_REDIS_URL", raising=False)
    return tmp_path


def test_db_upgrade_creates_the_schema_in_the_embedded_sqlite_file(env):
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = create_engine(f"sqlite:///{env / 'skillwise.db'}")
    assert "courses" in inspect(engine).get_table_names()
    engine.dispose()


def test_openapi_prints_the_spec_as_json(env):
    result = CliRunner().invoke(main, ["openapi"])
    assert result.exit_code == 0, result.output
    spec = json.loads(result.output)
    assert spec["info"]["title"] == "SkillWise API"
    assert "/health/live" in spec["paths"]


def test_production_without_a_secret_key_refuses_with_the_reason(env, monkeypatch):
    monkeypatch.setenv("SKILLWISE_ENV", "production")
    monkeypatch.delenv("SKILLWISE_SECRET_KEY", raising=False)
    result = CliRunner().invoke(main, ["openapi"])
    assert result.exit_code != 0
    assert "SKILLWISE_SECRET_KEY" in result.output


def test_the_worker_refuses_to_start_without_redis(env):
    result = CliRunner().invoke(main, ["worker"])
    assert result.exit_code != 0
    assert "SKILLWISE_REDIS_URL" in result.output
