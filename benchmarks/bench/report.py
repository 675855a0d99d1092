"""The run's figures as JSON, a markdown table and a chart, timestamped and as `latest.*`."""

from __future__ import annotations

import json
import os
import platform
import shutil
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        # Other work on the machine shares its CPUs with the apps and with wrk.
        "load_average_start": os.getloadavg(),
    }


def _load(averages: list[float] | None) -> str:
    return "unknown" if averages is None else " / ".join(f"{value:.1f}" for value in averages)


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def markdown(results: dict[str, Any]) -> str:
    box = results["machine"]
    config = results["config"]
    lines = [
        f"# Benchmark {results['started_at']}",
        "",
        f"Machine: {box['nproc']} CPUs ({box['cpu']}), {box['memory_gib']} GiB, "
        f"Linux {box['kernel']}, Python {box['python']}; load average (1, 5, 15 min) "
        f"{_load(box['load_average_start'])} at the start, "
        f"{_load(box.get('load_average_end'))} at the end.",
        f"Every app: gunicorn gthread, {config['workers']} workers x {config['threads']} threads; "
        f"wrk -t{config['wrk_threads']} -c{config['connections']} -d{config['duration_s']}s "
        f"after a {config['warmup_s']} s warm-up; {config['courses']:,} published courses, "
        f"page size 20. Read scenarios ran in {config.get('rounds', 1)} interleaved rounds; "
        "each row is its median round (every round's req/s in the last column).",
        "",
        "| scenario | req/s | p50 ms | p99 ms | errors | x Flask hello | x DRF list | rounds |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["scenarios"]:
        lines.append(
            f"| {row['name']} | {row['rate']:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | "
            f"{row['errors']} | {_ratio(row['x_flask'])} | {_ratio(row['x_drf'])} | "
            f"{' / '.join(f'{rate:,.0f}' for rate in row.get('round_rates', [row['rate']]))} |"
        )
    keyset = results["keyset"]
    lines += ["", "## Deep pages: offset vs keyset (signed in)", ""]
    lines += [
        f"- {row['name']}: {row['rate']:,.0f} req/s, p50 {row['p50_ms']:.1f} ms, "
        f"p99 {row['p99_ms']:.1f} ms, errors {row['errors']}"
        for row in keyset["rows"]
    ]
    if keyset["note"]:
        lines.append(f"- {keyset['note']}")
    memory = results["memory"]
    lines += ["", "## SkillWise worker memory (RSS per worker, MiB)", ""]
    lines += [
        f"- {moment}: {', '.join(f'{kib / 1024:.0f}' for kib in sizes)}"
        for moment, sizes in memory["worker_rss_kib"].items()
    ]
    lines.append(
        f"- growth from warm to the end, over {memory['requests']:,} requests in all: "
        f"{memory['growth_from_warm_percent']:+.1f}%"
    )
    argon2 = results["argon2"]
    if argon2:
        lines += [
            "",
            "## Login and argon2",
            "",
            f"- one argon2id verify at the app's cost ({argon2['parameters']}), in one "
            f"process: {argon2['verify_ms']:.0f} ms ({argon2['verify_cpu_ms']:.0f} ms of CPU "
            f"over its lanes), so at most {argon2['ceiling_rate']:.1f} logins/s on "
            f"{box['nproc']} CPUs if argon2 were all a login did",
            f"- one login at a time: {argon2['login_alone_ms']:.0f} ms, argon2 is "
            f"{argon2['share_alone_percent']:.0f}% of it (best of 9 each, interleaved)",
            f"- at {config['connections']} connections: {argon2['login_rate']:.1f} logins/s, "
            f"p50 {argon2['login_p50_ms']:.0f} ms (queueing behind other logins' argon2)",
        ]
    for name, profile in (results.get("profile") or {}).items():
        lines += [
            "",
            f"## Where the time of {name} goes (one worker, profiled)",
            "",
            f"- {profile['wall_ms_per_request']:.2f} ms wall and "
            f"{profile['cpu_ms_per_request']:.2f} ms of the worker's CPU per request, one "
            f"request at a time through the WSGI app ({profile['requests']} requests); the "
            f"call tree is in {profile['file']}",
            *(
                f"- {share * 100:.1f}%: {layer}"
                for layer, share in profile["layers"].items()
                if share >= 0.001
            ),
        ]
    lines += ["", *(f"- {note}" for note in results["notes"])]
    return "\n".join(lines) + "\n"


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    rows = results["scenarios"]
    names = [row["name"] for row in rows]
    figure, (rates, tails) = pyplot.subplots(1, 2, figsize=(14, 0.45 * len(rows) + 1.5))
    # Log scales: the rows span three orders of magnitude, and a linear bar of 50 is invisible.
    bars = rates.barh(names, [max(row["rate"], 0.1) for row in rows], color="#3b7dd8")
    rates.bar_label(bars, [f"{row['rate']:,.0f}" for row in rows], padding=3, fontsize=8)
    rates.set_xscale("log")
    rates.set_xlabel("requests per second (log)")
    rates.invert_yaxis()
    bars = tails.barh(names, [max(row["p99_ms"], 0.1) for row in rows], color="#d8703b")
    tails.bar_label(bars, [f"{row['p99_ms']:,.0f}" for row in rows], padding=3, fontsize=8)
    tails.set_xscale("log")
    tails.set_xlabel("p99 latency, ms (log)")
    tails.invert_yaxis()
    tails.set_yticklabels([])
    box = results["machine"]
    figure.suptitle(
        f"{results['started_at']}: {box['nproc']} CPUs, gunicorn gthread "
        f"{results['config']['workers']}x{results['config']['threads']}, wrk -c32"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def write(results: dict[str, Any], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = results["started_at"].replace(":", "").replace("-", "")
    table = markdown(results)
    paths = {
        "json": directory / f"{stamp}.json",
        "md": directory / f"{stamp}.md",
        "png": directory / f"{stamp}.png",
    }
    paths["json"].write_text(json.dumps(results, indent=2) + "\n")
    paths["md"].write_text(table)
    chart(results, paths["png"])
    for suffix, path in paths.items():
        shutil.copyfile(path, directory / f"latest.{suffix}")
    return paths["md"]
