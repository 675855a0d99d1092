"""`make bench`: SkillWise side by side with a Flask hello-world and a DRF course list.

    BENCH_DURATION=10 BENCH_WARMUP=3 WEB_CONCURRENCY=4 make bench

Builds and seeds the benchmark databases (once per parameter set), serves the three apps with
gunicorn in one configuration, drives each scenario with wrk at 32 connections and prints the
table; results go to benchmarks/results/. Environment: BENCH_POSTGRES_URL (a server URL, default
postgresql://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (redis://127.0.0.1:6379/0),
BENCH_DURATION and BENCH_WARMUP (seconds), WEB_CONCURRENCY (workers per app, default 4),
BENCH_ROUNDS (default 3: the read scenarios run in that many interleaved rounds and each row
is its median round, so a passing slowdown of a shared machine does not decide a ratio),
BENCH_ONLY (comma-separated words: only the scenarios whose names contain one, "keyset" for the
deep pages, "profile" for the profiles of a signed-in list and of /health/live; such a partial
run prints its rows and writes no results, except the profiles' own files). Only loopback
addresses are served and loaded.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import argon2
import redis
from catalog_data import Parameters
from databases import drf_environment, prepare
from load import CONNECTIONS, Figures, Request, ensure_wrk, run_wrk
from load import THREADS as WRK_THREADS
from report import machine, write
from servers import THREADS, Server, gunicorn, workers
from skillwise_api import (
    API,
    ENROLLMENTS_PER_USER,
    PASSWORD,
    BenchUsers,
    call,
    expect,
    offers_cursor,
    page_count,
    sample_course_ids,
)

BENCHMARKS = Path(__file__).resolve().parent.parent
ROOT = BENCHMARKS.parent
REDIS_PREFIX = "skillwise-bench:"
DEEP_PAGE = 500
WARM_AFTER = "guest list, random page (cache hit)"


@dataclass(frozen=True)
class Scenario:
    name: str
    server: str
    requests: Callable[[], list[Request]]
    expected: int = 200
    signed_in: bool = False


def _loopback(url: str) -> str:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"the benchmark only talks to loopback services, not {host}")
    return url


def _flush_cache(redis_url: str) -> None:
    """Cached pages and queued tasks of earlier runs would skew the first scenarios."""
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{REDIS_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def _login_against_argon2(base_url: str, users: BenchUsers) -> dict:
    """One login at a time beside one argon2 verify in this process, interleaved, best of 9.

    The best of several is the figure least disturbed by other work on a shared machine, and
    interleaving exposes both to the same moments.
    """
    password_hash = users.password_hash()
    hasher = argon2.PasswordHasher()
    logins, verifies, verify_cpu = [], [], []
    for n in range(9):
        started = time.perf_counter()
        status, _, answer = call(
            base_url, "POST", f"{API}/auth/login/", {"email": users.email(n), "password": PASSWORD}
        )
        logins.append((time.perf_counter() - started) * 1000)
        expect(status, {200}, "login", answer)
        started, started_cpu = time.perf_counter(), time.process_time()
        hasher.verify(password_hash, PASSWORD)
        verifies.append((time.perf_counter() - started) * 1000)
        verify_cpu.append((time.process_time() - started_cpu) * 1000)
    parameters = argon2.extract_parameters(password_hash)
    return {
        "parameters": f"m={parameters.memory_cost} KiB, t={parameters.time_cost}, "
        f"p={parameters.parallelism}",
        "verify_ms": min(verifies),
        "verify_cpu_ms": min(verify_cpu),
        "login_alone_ms": min(logins),
        "share_alone_percent": min(verifies) / min(logins) * 100,
    }


def scenarios(
    servers: dict[str, Server], users: BenchUsers, course_ids: list[str]
) -> list[Scenario]:
    skillwise = servers["skillwise"].base_url
    pages = page_count(skillwise, "page_size=20")
    guest_pages = [Request(f"{API}/courses/?page={n}") for n in range(1, pages + 1)]

    def primed(requests: list[Request]) -> list[Request]:
        _prime(skillwise, requests)
        return requests

    def conditional_pages() -> list[Request]:
        # Each page's ETag, sent back as a client that saw the page before would send it.
        return [
            Request(request.path, {"If-None-Match": etag})
            for request, etag in zip(guest_pages, _prime(skillwise, guest_pages), strict=True)
        ]

    search = "search=python&level=beginner"
    search_pages = page_count(skillwise, search)
    details = [Request(f"{API}/courses/{course}/") for course in course_ids]
    logins = [
        Request(
            f"{API}/auth/login/",
            {"Content-Type": "application/json"},
            "POST",
            json.dumps({"email": users.email(n), "password": PASSWORD}),
        )
        for n in range(users.count)
    ]
    return [
        Scenario("Flask hello-world JSON", "flask", lambda: [Request("/")]),
        Scenario(
            "DRF ListAPIView, random page",
            "drf",
            lambda: [Request(f"/api/courses/?page={n}") for n in range(1, pages + 1)],
        ),
        Scenario("SkillWise /health/live", "skillwise", lambda: [Request("/health/live")]),
        Scenario("guest list, random page (cache hit)", "skillwise", lambda: primed(guest_pages)),
        Scenario("guest list, If-None-Match (304)", "skillwise", conditional_pages, expected=304),
        Scenario("signed-in list, random page", "skillwise", lambda: guest_pages, signed_in=True),
        Scenario(
            f"signed-in list, {search}",
            "skillwise",
            lambda: [
                Request(f"{API}/courses/?{search}&page={n}") for n in range(1, search_pages + 1)
            ],
            signed_in=True,
        ),
        Scenario("guest course detail (cache hit)", "skillwise", lambda: primed(details)),
        Scenario("signed-in course detail", "skillwise", lambda: details, signed_in=True),
        Scenario(
            "signed-in GET /enrollments/",
            "skillwise",
            lambda: [Request(f"{API}/enrollments/")],
            signed_in=True,
        ),
        Scenario(
            "signed-in GET /notifications/",
            "skillwise",
            lambda: [Request(f"{API}/notifications/")],
            signed_in=True,
        ),
        Scenario("POST /auth/login/ (argon2id)", "skillwise", lambda: logins),
    ]


def _prime(base_url: str, requests: list[Request]) -> list[str]:
    """Ask for every request once as a guest, so the cache holds them all; returns the ETags."""

    def fetch(request: Request) -> str:
        status, headers, answer = call(base_url, "GET", request.path)
        expect(status, {200}, request.path, answer)
        return headers["ETag"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch, requests))


def keyset_rows(
    wrk: str, server: Server, users: BenchUsers, duration: float, warmup: float
) -> tuple[list[dict], str]:
    skillwise = server.base_url

    def measure(name: str, path: str) -> dict:
        for seconds in (warmup, duration):
            figures = run_wrk(wrk, skillwise, [Request(path)], seconds, tokens=users.tokens())
            server.settle()
        return _row(name, figures)

    rows = [
        measure("offset, page 1", f"{API}/courses/?page=1"),
        measure(f"offset, page {DEEP_PAGE}", f"{API}/courses/?page={DEEP_PAGE}"),
    ]
    if not offers_cursor(skillwise):
        return rows, "keyset pagination (?cursor=) is not offered by the API: skipped"
    headers = {"Authorization": f"Bearer {users.tokens()[0]}"}
    path = f"{API}/courses/?cursor="
    for _ in range(DEEP_PAGE - 1):
        status, _, answer = call(skillwise, "GET", path, headers=headers)
        following = answer.get("next") if status == 200 else None
        if not following or "cursor=" not in following:
            return rows, "?cursor= is documented but its answers carry no next cursor: skipped"
        parts = urlsplit(following)
        path = f"{parts.path}?{parts.query}"
    rows.append(measure(f"keyset, page {DEEP_PAGE}", path))
    return rows, ""


def _median_row(name: str, runs: list[Figures]) -> dict:
    """The run with the median rate (the lower middle of an even count), and every run's rate."""
    ranked = sorted(runs, key=lambda figures: figures.rate)
    row = _row(name, ranked[(len(ranked) - 1) // 2])
    row["round_rates"] = [figures.rate for figures in runs]
    row["requests_all_rounds"] = sum(figures.requests for figures in runs)
    return row


def _row(name: str, figures) -> dict:
    return {
        "name": name,
        "requests": figures.requests,
        "rate": figures.rate,
        "p50_ms": figures.p50_ms,
        "p90_ms": figures.p90_ms,
        "p99_ms": figures.p99_ms,
        "errors": figures.errors,
        "unexpected_status": figures.unexpected_status,
        "socket_errors": figures.socket_errors,
        "expected_hits": figures.expected_hits,
    }


def _selected() -> list[str]:
    return [word.strip() for word in os.environ.get("BENCH_ONLY", "").split(",") if word.strip()]


def _partial_run(only: list[str], measure, reads, logins, keyset_rows_of, profile) -> None:
    """A few scenarios while working on them: their rows printed, nothing written."""
    for scenario in [*reads, logins]:
        if any(word in scenario.name for word in only):
            measure(scenario)
    if "keyset" in only:
        rows, note = keyset_rows_of()
        for row in rows:
            print(f"  {row['name']:<48} {row['rate']:9,.0f} req/s  p50 {row['p50_ms']:7.1f} ms")
        if note:
            print(f"  {note}")
    if "profile" in only:
        for summary in profile().values():
            print(f"  profile: {summary['file']}")


def main() -> None:
    # A plain kill must still run the `finally` blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    duration = float(os.environ.get("BENCH_DURATION", "10"))
    rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
    warmup = float(os.environ.get("BENCH_WARMUP", "3"))
    server_url = _loopback(
        os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    redis_url = _loopback(os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
    started_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    box = machine()
    print(f"machine: {box['nproc']} CPUs, {box['cpu']}, {box['memory_gib']} GiB RAM")
    wrk = ensure_wrk()
    parameters = Parameters()
    skillwise_url, drf_url = prepare(
        server_url, parameters, ROOT / ".venv" / "bin", BENCHMARKS / "apps"
    )
    _flush_cache(redis_url)
    bench_bin = Path(sys.executable).parent

    with ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="skillwise-bench-")))
        port_env = {"SKILLWISE_VAR_DIR": str(logs / "var")}
        skillwise_env = {
            **port_env,
            "SKILLWISE_ENV": "production",
            "SKILLWISE_SECRET_KEY": secrets.token_urlsafe(48),
            "SKILLWISE_DATABASE_URL": skillwise_url,
            "SKILLWISE_REDIS_URL": redis_url,
            "SKILLWISE_REDIS_PREFIX": REDIS_PREFIX,
            "SKILLWISE_RATELIMIT_ENABLED": "false",
        }
        servers = {
            "flask": stack.enter_context(
                gunicorn(
                    "flask",
                    bench_bin / "gunicorn",
                    "flask_hello:app",
                    ready_path="/",
                    logs=logs,
                    chdir=BENCHMARKS / "apps",
                )
            ),
            "drf": stack.enter_context(
                gunicorn(
                    "drf",
                    bench_bin / "gunicorn",
                    "drf_courses.wsgi:application",
                    ready_path="/api/courses/",
                    logs=logs,
                    chdir=BENCHMARKS / "apps",
                    env=drf_environment(drf_url),
                )
            ),
            "skillwise": stack.enter_context(
                gunicorn(
                    "skillwise",
                    ROOT / ".venv" / "bin" / "gunicorn",
                    "skillwise.entrypoints.wsgi:app",
                    ready_path="/health/live",
                    logs=logs,
                    env=skillwise_env,
                )
            ),
        }
        skillwise = servers["skillwise"].base_url
        print(", ".join(f"{name} on {server.base_url}" for name, server in servers.items()))
        # The first requests load code and open connections; the warm figure is the baseline.
        memory = {"at boot": servers["skillwise"].worker_rss_kib()}
        users = BenchUsers(skillwise, database_url_plain(skillwise_url), CONNECTIONS)
        users.ensure()
        course_ids = sample_course_ids(users.database_url, 1000)

        rows: list[dict] = []

        def measure_once(scenario: Scenario) -> Figures:
            server = servers[scenario.server]
            requests = scenario.requests()
            for seconds in (warmup, duration):
                figures = run_wrk(
                    wrk,
                    server.base_url,
                    requests,
                    seconds,
                    expected=scenario.expected,
                    tokens=users.tokens() if scenario.signed_in else None,
                )
                server.settle()
            if scenario.name == WARM_AFTER and f"warm, after {WARM_AFTER}" not in memory:
                memory[f"warm, after {WARM_AFTER}"] = servers["skillwise"].worker_rss_kib()
            print(
                f"  {scenario.name:<48} {figures.rate:9,.0f} req/s  p50 {figures.p50_ms:7.1f} ms"
                f"  p99 {figures.p99_ms:7.1f} ms  errors {figures.errors}"
            )
            return figures

        def measure(scenario: Scenario, rounds: int = 1) -> None:
            runs = [measure_once(scenario) for _ in range(rounds)]
            rows.append({**_median_row(scenario.name, runs), "app": scenario.server})

        def measure_in_rounds(scenarios_: list[Scenario], rounds: int) -> None:
            runs: dict[str, list[Figures]] = {scenario.name: [] for scenario in scenarios_}
            for number in range(1, rounds + 1):
                print(f"round {number} of {rounds}")
                for scenario in scenarios_:
                    runs[scenario.name].append(measure_once(scenario))
            for scenario in scenarios_:
                rows.append(
                    {**_median_row(scenario.name, runs[scenario.name]), "app": scenario.server}
                )

        *reads, logins = scenarios(servers, users, course_ids)
        only = _selected()
        if only:
            _partial_run(
                only,
                measure,
                reads,
                logins,
                lambda: keyset_rows(wrk, servers["skillwise"], users, duration, warmup),
                lambda: _profiles(skillwise_env, users),
            )
            return
        measure_in_rounds(reads, rounds)
        keyset, keyset_note = keyset_rows(wrk, servers["skillwise"], users, duration, warmup)
        profile = _profiles(skillwise_env, users)
        memory["after the reads"] = servers["skillwise"].worker_rss_kib()
        argon2_figures = _login_against_argon2(skillwise, users)
        measure(logins)
        memory["after the logins too"] = servers["skillwise"].worker_rss_kib()
        skillwise_requests = sum(row["requests"] for row in keyset) + sum(
            row["requests_all_rounds"] for row in rows if row["app"] == "skillwise"
        )

    flask_rate = rows[0]["rate"]
    drf_rate = rows[1]["rate"]
    for row in rows:
        row["x_flask"] = row["rate"] / flask_rate
        row["x_drf"] = row["rate"] / drf_rate
    login = rows[-1]
    results = {
        "started_at": started_at,
        "machine": box,
        "config": {
            "workers": workers(),
            "threads": THREADS,
            "connections": CONNECTIONS,
            "wrk_threads": WRK_THREADS,
            "duration_s": duration,
            "rounds": rounds,
            "warmup_s": warmup,
            "courses": parameters.courses,
            "seed": parameters.fingerprint(),
        },
        "scenarios": rows,
        "keyset": {"rows": keyset, "note": keyset_note},
        "profile": profile,
        "memory": {
            "worker_rss_kib": memory,
            "requests": skillwise_requests,
            "growth_from_warm_percent": (
                sum(memory["after the logins too"]) / sum(memory[f"warm, after {WARM_AFTER}"]) - 1
            )
            * 100,
        },
        "argon2": {
            **argon2_figures,
            "login_p50_ms": login["p50_ms"],
            "login_rate": login["rate"],
            "ceiling_rate": (box["nproc"] or 1) * 1000 / argon2_figures["verify_cpu_ms"],
        },
        "notes": [
            "SkillWise runs with SKILLWISE_ENV=production, Redis for cache, blocklist and "
            "tasks, rate limits off; served by gunicorn directly with the same flags as the "
            "reference apps (`skillwise serve` adds an access log and a task worker).",
            "Both lists read lesson totals from columns of their course tables (SkillWise "
            "keeps them with the outline, migration 0010).",
            f"Course details spread over a fixed sample of {len(course_ids):,} courses; "
            f"signed-in requests spread over {users.count} users, each enrolled in "
            f"{ENROLLMENTS_PER_USER} free courses through the API.",
            "errors: answers outside 2xx (or other than 304 where 304s are asked for), plus "
            "wrk's socket errors.",
        ],
    }
    results["machine"]["load_average_end"] = os.getloadavg()
    table = write(results, BENCHMARKS / "results")
    print()
    print(table.read_text())
    print(f"results: {table} (and latest.md, latest.json, latest.png)")


PROFILES = {
    "signed-in list": ("profile-signed-in-list.txt", []),
    "/health/live": ("profile-health-live.txt", ["/health/live", "guest"]),
}


def _profiles(skillwise_env: dict[str, str], users: BenchUsers) -> dict[str, dict]:
    found = {}
    for name, (file, arguments) in PROFILES.items():
        summary = _profile(skillwise_env, users, file, arguments)
        if summary:
            found[name] = summary
    return found


def _profile(
    skillwise_env: dict[str, str], users: BenchUsers, file: str, arguments: list[str]
) -> dict | None:
    """pyinstrument over one request path in one process of the app's own venv, same settings:
    what limits the load run's figures, layer by layer (benchmarks/profile_request.py)."""
    out = BENCHMARKS / "results" / file
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(BENCHMARKS / "profile_request.py"),
            str(out),
            *arguments,
        ],
        env={
            **os.environ,
            **skillwise_env,
            "BENCH_PROFILE_EMAIL": users.email(0),
            "BENCH_PASSWORD": PASSWORD,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"  profile skipped: {done.stderr.strip().splitlines()[-1:]}")
        return None
    summary = json.loads(out.with_suffix(".json").read_text())
    return {**summary, "file": str(out.relative_to(ROOT))}


def database_url_plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


if __name__ == "__main__":
    main()
