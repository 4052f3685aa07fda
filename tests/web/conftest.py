"""Fixtures for the web tests: a store built from the real data, and a real server on loopback.

The store is ingested once per session from ``../shared/data`` (skipped when absent) and the
server is ``factbeat --db STORE serve`` in a subprocess on a free loopback port, so the tests go
through uvicorn, the CLI entry point and real sockets, not only FastAPI's in-process client.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
DATASETS = [
    "mps-borough-crime-historic",
    "mps-borough-crime-2010-2026",
    "london-borough-population",
]
ARTIFACTS = REPO / "test-artifacts"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB store with the legacy and Home Office borough files and populations."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data folder at {SHARED_DATA}")
        pytest.skip(f"real data not found at {SHARED_DATA}")
    import factbeat

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with factbeat.open(path) as fb:
        fb.download(DATASETS, mirror=str(SHARED_DATA))
    return path


def _wait_until_up(proc: subprocess.Popen, url: str, deadline_s: float = 60.0) -> None:
    """Poll the health endpoint until it answers (or the process dies, or the deadline passes)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}"
            )
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start in time")


@pytest.fixture(scope="session")
def server(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``factbeat serve`` running on a free loopback port; stopped after the session."""
    port = free_port()
    env = {**os.environ, "FACTBEAT_ASSETS_DIR": str(tmp_path_factory.mktemp("assets"))}
    env.pop("FACTBEAT_DB", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "factbeat.cli",
            "--db",
            str(web_store),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, url)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client
