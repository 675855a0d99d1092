"""wrk as the load generator: one generated Lua script per scenario, figures read back as JSON.

Each request is drawn at random (a fixed seed per wrk thread) from the scenario's list of
requests, and signed-in ones with a random user's token, so a scenario spreads over every
page, course or user. The script counts
answers outside the scenario's expected status (any 2xx, or exactly 304 when the scenario asks
for 304s) and reports them with wrk's socket errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CONNECTIONS = 32
THREADS = 2


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    body: str | None = None


@dataclass(frozen=True)
class Figures:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    unexpected_status: int
    expected_hits: int
    socket_errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.unexpected_status + self.socket_errors


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: install it (apt-get install -y wrk) and run again")
    print("installing wrk with apt-get")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "wrk"


def _lua(value: object) -> str:
    if value is None:
        return "nil"
    if isinstance(value, str):
        # JSON string escapes are valid Lua for the ASCII this benchmark sends.
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


SCRIPT = """
local choices = {
%(choices)s
}
local tokens = {%(tokens)s}
local expected = %(expected)d
local threads = {}
local started = 0

function setup(thread)
  started = started + 1
  thread:set("number", started)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(7919 * number)
  unexpected = 0
  hits = 0
end

-- Formatted per request, in every scenario alike, so a token can be drawn apart from the path.
function request()
  local choice = choices[math.random(#choices)]
  local headers = choice.headers
  if #tokens > 0 then
    headers = {}
    for name, value in pairs(choice.headers) do
      headers[name] = value
    end
    headers["Authorization"] = tokens[math.random(#tokens)]
  end
  return wrk.format(choice.method, choice.path, headers, choice.body)
end

function response(status, headers, body)
  if status == expected then
    hits = hits + 1
  end
  if not ((status >= 200 and status < 300) or (expected == 304 and status == 304)) then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local unexpected_total, hits_total = 0, 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
    hits_total = hits_total + thread:get("hits")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_FIGURES {"requests": %%d, "duration_us": %%d, "p50_us": %%.0f, "p90_us": %%.0f, ' ..
    '"p99_us": %%.0f, "socket_errors": %%d, "unexpected": %%d, "hits": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout,
    unexpected_total, hits_total))
end
"""


def script(requests: list[Request], expected: int, tokens: list[str]) -> str:
    choices = ",\n".join(
        f"  {{method = {_lua(r.method)}, path = {_lua(r.path)}, "
        f"headers = {_lua(r.headers)}, body = {_lua(r.body)}}}"
        for r in requests
    )
    return SCRIPT % {
        "choices": choices,
        "expected": expected,
        "tokens": ", ".join(_lua(f"Bearer {token}") for token in tokens),
    }


def run_wrk(
    wrk: str,
    base_url: str,
    requests: list[Request],
    seconds: float,
    *,
    expected: int = 200,
    tokens: list[str] | None = None,
) -> Figures:
    """Drive `requests` at random for `seconds`, each signed with a random one of `tokens`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script(requests, expected, tokens or []))
    try:
        answer = subprocess.run(
            [
                wrk,
                f"-t{THREADS}",
                f"-c{CONNECTIONS}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                handle.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    finally:
        Path(handle.name).unlink()
    line = next(
        (row for row in answer.stdout.splitlines() if row.startswith("BENCH_FIGURES ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{answer.stdout}\n{answer.stderr}")
    raw = json.loads(line.removeprefix("BENCH_FIGURES "))
    return Figures(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        unexpected_status=raw["unexpected"],
        expected_hits=raw["hits"],
        socket_errors=raw["socket_errors"],
    )
