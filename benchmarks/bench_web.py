"""Load run of ``factbeat serve`` on loopback: requests/s, p50, p99 and errors per endpoint.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_web.py                 # builds a store from ../shared/data
    .venv/bin/python benchmarks/bench_web.py --db /tmp/web.duckdb --duration 5

It starts the real server (``python -m factbeat.cli --db STORE serve``) on a free 127.0.0.1
port, warms each endpoint once (so the runs measure the cached JSON path, as the target
asks), then drives ``GET /api/figure``, ``GET /api/rank`` and ``POST /api/check`` at 1, 16 and
64 connections for ``--duration`` seconds each with wrk (Debian's ``wrk``), or with an asyncio
httpx client when wrk is absent.  Every run is bounded in time and only talks to loopback.
Results are printed as a Markdown table and written to ``benchmarks/out/web.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASETS = [
    "mps-borough-crime-historic",
    "mps-borough-crime-2010-2026",
    "london-borough-population",
]
CHECK_TEXT = (
    "Violent crime in Barnet rose from 6,948 offences in 2015 to 7,631 in 2016, a rise of 15 per cent. "
    "Gun crime went up from 67 to 76, an increase of 13%."
)
ENDPOINTS = {
    "figure": (
        "GET",
        "/api/figure?area=Barnet&measure=violence%20against%20the%20person&period=2016",
        None,
    ),
    "rank": ("GET", "/api/rank?measure=burglary&period=2016&by=rate&order=asc", None),
    "check": ("POST", "/api/check", json.dumps({"text": CHECK_TEXT, "date": "2017-02-10"})),
}


def build_store(folder: Path) -> Path:
    import factbeat

    data = REPO.parent / "shared" / "data"
    if not data.is_dir():
        sys.exit(f"no --db given and no real data at {data}")
    path = folder / "bench.duckdb"
    with factbeat.open(path) as fb:
        fb.download(DATASETS, mirror=str(data))
    return path


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "factbeat.cli", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("server did not start: " + proc.stderr.read().decode()[-2000:])


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(
    url: str, method: str, path: str, body: str | None, connections: int, duration: int
) -> dict:
    """One wrk run; a Lua script sets the method, body and headers for POST."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f"wrk.method = {json.dumps(method)}\n")
        if body is not None:
            script.write(
                f"wrk.body = {json.dumps(body)}\nwrk.headers['Content-Type'] = 'application/json'\n"
            )
    cmd = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "5s",
        "-s",
        script.name,
        url + path,
    ]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=duration + 30, check=True
    ).stdout
    os.unlink(script.name)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": errors,
    }


def run_python(
    url: str, method: str, path: str, body: str | None, connections: int, duration: int
) -> dict:
    """Fallback load generator: ``connections`` asyncio workers over one httpx client."""
    import asyncio

    import httpx

    async def main() -> dict:
        latencies, errors = [], 0
        end = time.perf_counter() + duration
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=5) as client:

            async def worker() -> None:
                nonlocal errors
                while time.perf_counter() < end:
                    start = time.perf_counter()
                    try:
                        r = await client.request(
                            method,
                            path,
                            content=body,
                            headers={"content-type": "application/json"} if body else None,
                        )
                        errors += r.status_code != 200
                    except httpx.HTTPError:
                        errors += 1
                    latencies.append((time.perf_counter() - start) * 1000)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            elapsed = time.perf_counter() - started
        latencies.sort()
        pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
        return {
            "requests": len(latencies),
            "rps": len(latencies) / elapsed,
            "p50_ms": pick(0.5),
            "p99_ms": pick(0.99),
            "errors": errors,
        }

    return asyncio.run(main())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="store to serve (default: build one from ../shared/data)"
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per run (default 5)")
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "web.json")
    args = parser.parse_args()
    tool = (
        "wrk" if args.tool == "wrk" or (args.tool == "auto" and shutil.which("wrk")) else "python"
    )
    runner = run_wrk if tool == "wrk" else run_python
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        proc, url = start_server(db)
        try:
            results = measure(
                url, runner, [int(c) for c in args.connections.split(",")], args.duration
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    report(results, tool, args.out)


def measure(url: str, runner, connections: list[int], duration: int) -> list[dict]:
    import httpx

    results = []
    for name, (method, path, body) in ENDPOINTS.items():
        warm = httpx.request(
            method,
            url + path,
            content=body,
            headers={"content-type": "application/json"},
            timeout=60,
        )
        warm.raise_for_status()
        for c in connections:
            row = {
                "endpoint": name,
                "method": method,
                "connections": c,
                **runner(url, method, path, body, c, duration),
            }
            print(
                f"{name:7} c={c:<3} {row['rps']:9.0f} req/s  p50 {row['p50_ms']:7.2f} ms  p99 {row['p99_ms']:7.2f} ms"
                f"  errors {row['errors']}",
                flush=True,
            )
            results.append(row)
    return results


def report(results: list[dict], tool: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"tool": tool, "cpus": os.cpu_count(), "results": results}, indent=2))
    print(f"\nload generator: {tool}; {os.cpu_count()} CPUs shared by server and client\n")
    print("| endpoint | connections | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['method']} {r['endpoint']} | {r['connections']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
