"""deploy/gunicorn.conf.py, read as gunicorn reads it, under made-up environments."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from gunicorn.config import Config

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"
REDIS = "redis://cache.internal:6379/0"


@pytest.fixture
def load_config(monkeypatch):
    def load(cpus: int, **environ: str) -> ModuleType:
        for name in ("WEB_CONCURRENCY", "SKILLWISE_REDIS_URL", "HOST", "PORT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cpus)))
        spec = importlib.util.spec_from_file_location("gunicorn_conf", CONFIG)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


def test_workers_follow_the_cpus_the_process_may_use(load_config):
    assert load_config(cpus=1, SKILLWISE_REDIS_URL=REDIS).workers == 3
    assert load_config(cpus=4, SKILLWISE_REDIS_URL=REDIS).workers == 9


def test_web_concurrency_overrides_the_cpu_count(load_config):
    assert load_config(cpus=8, SKILLWISE_REDIS_URL=REDIS, WEB_CONCURRENCY="3").workers == 3


def test_without_redis_one_worker_keeps_the_in_process_cache_and_queue_whole(load_config):
    assert load_config(cpus=8).workers == 1
    assert load_config(cpus=8, WEB_CONCURRENCY="1").workers == 1


def test_several_workers_without_redis_refuse_to_start(load_config):
    with pytest.raises(RuntimeError, match="SKILLWISE_REDIS_URL"):
        load_config(cpus=2, WEB_CONCURRENCY="4")


def test_a_web_concurrency_below_one_refuses_to_start(load_config):
    with pytest.raises(RuntimeError, match="at least 1"):
        load_config(cpus=2, SKILLWISE_REDIS_URL=REDIS, WEB_CONCURRENCY="0")


def test_every_setting_in_the_file_is_one_gunicorn_knows_and_accepts(load_config):
    module = load_config(cpus=2, SKILLWISE_REDIS_URL=REDIS, HOST="127.0.0.1", PORT="8123")
    config = Config()
    settings = {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_")
        and name.islower()
        and not callable(value)
        and not isinstance(value, ModuleType)
    }
    assert set(settings) <= set(config.settings)
    for name, value in settings.items():
        config.set(name, value)

    assert config.bind == ["127.0.0.1:8123"]
    assert config.worker_class_str == "gthread"
    assert config.graceful_timeout < config.keepalive
    assert config.logger_class.__name__ == "JsonAccessLogger"
