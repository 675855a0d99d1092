"""Gunicorn in production: `gunicorn -c deploy/gunicorn.conf.py skillwise.entrypoints.wsgi:app`.

Read from the same environment as the application (deploy/README.md lists the variables).
"""

import os
from collections.abc import Mapping


class GunicornConfigurationError(RuntimeError):
    """The environment asks for a server this application cannot run as."""


def available_cpus() -> int:
    """The CPUs this process may run on, which a container or a cgroup may set below the
    machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def worker_count(environ: Mapping[str, str], cpus: int) -> int:
    """WEB_CONCURRENCY when set, else gunicorn's rule of thumb of two per CPU plus one.

    Without Redis the cache, the rate limits and the task queue live inside the process, so
    one worker is the only correct count.
    """
    configured = environ.get("WEB_CONCURRENCY", "").strip()
    shared_state = bool(environ.get("SKILLWISE_REDIS_URL", "").strip())
    if configured:
        workers = int(configured)
        if workers < 1:
            raise GunicornConfigurationError("WEB_CONCURRENCY must be at least 1.")
        if workers > 1 and not shared_state:
            raise GunicornConfigurationError(
                "More than one worker needs SKILLWISE_REDIS_URL: without it each worker would "
                "keep its own cache and task queue."
            )
        return workers
    return 2 * max(cpus, 1) + 1 if shared_state else 1


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = worker_count(os.environ, available_cpus())
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request taking longer than this is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy, a scale-in) workers finish the requests they hold for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than the load balancer's idle timeout (60 s on most), so the balancer, not gunicorn,
# closes idle connections and never sends a request down one gunicorn has just dropped.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycling workers now and then bounds what a slow leak can grow to; the jitter keeps them
# from all restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Only the load balancer may say, through X-Forwarded-Proto, that a request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "skillwise.entrypoints.access_log.JsonAccessLogger"

proc_name = "skillwise-web"
# Worker heartbeats on tmpfs: a heartbeat file on a slow or full disk gets healthy workers
# killed for missing it.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
