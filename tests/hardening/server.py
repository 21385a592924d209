"""A real ``marsad serve`` process on a free loopback port, for the tests about the running server.

    with running_server(tmp_path, database=url, env={"MARSAD_API_KEY": KEY}) as srv:
        httpx.get(srv.url + "/health")

The server is started with the interpreter running the tests (``python -m marsad.cli serve``), waited
for (``/health``, bounded), and stopped (SIGTERM, then SIGKILL) at the end; its log is kept in a file
for the assertions about what it printed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

KEY = "hardening-test-key-0123456789"
START_TIMEOUT = 60.0


@dataclass(slots=True)
class Server:
    url: str
    host: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _src_path() -> str:
    import marsad

    return str(Path(marsad.__file__).resolve().parents[1])


@contextmanager
def running_server(workdir: Path, *, database: str, env: dict[str, str] | None = None,
                   args: tuple[str, ...] = ()) -> Iterator[Server]:
    port = free_port()
    log = workdir / f"server-{port}.log"
    full_env = {**os.environ, "MARSAD_API_KEY": KEY, "PYTHONPATH": _src_path(), **(env or {})}
    cmd = [sys.executable, "-m", "marsad.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--database", database, "--create", "--no-access-log", *args]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=workdir)
    server = Server(f"http://127.0.0.1:{port}", "127.0.0.1", port, proc, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"marsad serve exited with {proc.returncode}:\n{server.log_text()}")
            try:
                if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"marsad serve did not answer in {START_TIMEOUT} s:\n{server.log_text()}")
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
