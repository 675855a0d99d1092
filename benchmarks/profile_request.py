"""Where one worker's time goes on a request, for `make bench`'s report.

Run with the project's own interpreter (it imports the app), in the production configuration
the benchmark serves, against the benchmark's database and Redis:

    .venv/bin/python benchmarks/profile_request.py OUT.txt [PATH [guest]]

PATH defaults to the signed-in course list (`{page}` is a random page); `guest` sends no token.

Requests go through the WSGI app in this process, one at a time, with pyinstrument sampling;
the output is its call tree and a line per layer (share of the wall time per request), so a
target the load run misses can be read against what each request spends.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "400"))
LIST_PATH = "/api/v1/courses/?page={page}"
LAYERS = {
    "the test client (not part of a served request)": (
        "werkzeug/test.py",
        "flask/testing.py",
        "profile_request.py",
    ),
    "SQL (SQLAlchemy, psycopg, server round trips)": ("sqlalchemy", "psycopg"),
    "Redis (catalog version and count, token blocklist)": ("redis",),
    "JWT decoding (flask-jwt-extended, PyJWT)": ("flask_jwt_extended", "jwt"),
    "response bodies (dump plans, marshmallow, JSON)": ("schemas/dumping", "marshmallow", "orjson"),
    "the edge: request id, headers, access line, metrics": (
        "logging",
        "prometheus_client",
        "logging_setup",
        "metrics",
        "http/edge",
        "access_lines",
        "buffered_log",
    ),
    "SkillWise's views, hooks, use cases and adapters": ("skillwise/",),
    "Flask, Werkzeug, webargs, flask-smorest": ("flask/", "werkzeug", "webargs", "flask_smorest"),
}


def _layer_of(path: str) -> str | None:
    for layer, needles in LAYERS.items():
        if any(needle in path for needle in needles):
            return layer
    return None


def _layer_shares(session) -> dict[str, float]:
    """Self time of every frame, summed per layer, as a share of the whole. A frame outside
    every layer (the standard library, C calls, synthetic frames) counts for its caller's."""
    totals = dict.fromkeys(LAYERS, 0.0)
    whole = 0.0
    stack = [(session.root_frame(), next(iter(LAYERS)))]
    while stack:
        frame, inherited = stack.pop()
        layer = _layer_of(frame.file_path or "") or inherited
        totals[layer] += frame.total_self_time
        whole += frame.total_self_time
        stack.extend((child, layer) for child in frame.children)
    return {layer: value / whole for layer, value in totals.items()} if whole else totals


def main(out: Path, path: str, signed_in: bool) -> None:
    from pyinstrument import Profiler

    from skillwise.entrypoints.wsgi import app

    client = app.test_client()
    answer = client.post(
        "/api/v1/auth/login/",
        json={"email": os.environ["BENCH_PROFILE_EMAIL"], "password": os.environ["BENCH_PASSWORD"]},
    )
    token = answer.get_json()["access"]
    headers = {"Authorization": f"Bearer {token}"} if signed_in else {}
    pages = int(os.environ.get("BENCH_PROFILE_PAGES", "500"))

    def run() -> None:
        for _ in range(REQUESTS):
            status = client.get(path.format(page=random.randint(1, pages)), headers=headers)
            assert status.status_code == 200, status.status_code

    run()  # warm: code loaded, connections open, counts cached
    started, cpu = time.perf_counter(), time.process_time()
    run()
    wall_ms = (time.perf_counter() - started) / REQUESTS * 1000
    cpu_ms = (time.process_time() - cpu) / REQUESTS * 1000
    profiler = Profiler(interval=0.0005)
    profiler.start()
    run()
    profiler.stop()
    shares = _layer_shares(profiler.last_session)
    summary = {
        "path": path.format(page="N"),
        "signed_in": signed_in,
        "requests": REQUESTS,
        "wall_ms_per_request": wall_ms,
        "cpu_ms_per_request": cpu_ms,
        "layers": shares,
    }
    lines = [
        f"{'Signed-in' if signed_in else 'Guest'} GET {summary['path']} through the WSGI app"
        " in one process, one request at"
        f" a time: {wall_ms:.2f} ms wall, {cpu_ms:.2f} ms of this process's CPU per request"
        f" ({REQUESTS} requests, unprofiled).",
        "",
        "Share of the profiled wall time by layer:",
        *(f"  {share * 100:5.1f}%  {layer}" for layer, share in shares.items()),
        "",
        profiler.output_text(unicode=False, color=False),
    ]
    out.write_text("\n".join(lines))
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]),
        arguments[1] if len(arguments) > 1 else LIST_PATH,
        signed_in=arguments[2:] != ["guest"],
    )
