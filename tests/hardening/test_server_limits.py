"""The running server against slow clients and a held SQLite lock (issue 12, items 5 and 7), each on a real
``marsad serve`` process: partial request heads are cut off, connections beyond the cap get 503 in the
error shape, the log does not grow with repeated errors, and a write that waits past the busy timeout
answers 503 with Retry-After instead of a 500 after 30 s."""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from server import KEY, running_server

from marsad.api.server import RepeatFilter

BOUND = 30.0  # every wait below gives up after this long (a broken guard fails the test, never hangs it)
PARTIAL_HEAD = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def _closed_by_server(sock: socket.socket, *, trickle: bool) -> bool:
    """Whether the server closes ``sock`` (EOF or reset) within BOUND seconds; with ``trickle`` the client
    keeps sending one more header byte a second, as a slowloris client does."""
    sock.settimeout(1.0)
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        try:
            if trickle:
                sock.sendall(b"x")
            if sock.recv(1024) == b"":
                return True
        except TimeoutError:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return True
    return False


@contextmanager
def _partial_clients(host: str, port: int, n: int) -> Iterator[list[socket.socket]]:
    with ExitStack() as stack:
        socks = []
        for _ in range(n):
            s = stack.enter_context(socket.create_connection((host, port), timeout=BOUND))
            s.sendall(PARTIAL_HEAD)
            socks.append(s)
        yield socks


@pytest.mark.slow
@pytest.mark.parametrize("trickle", [False, True], ids=["silent", "trickling"])
def test_a_partial_request_head_is_cut_off(tmp_path: Path, trickle: bool) -> None:
    with running_server(tmp_path, database=str(tmp_path / "slow.db"), env={"MARSAD_HEADER_TIMEOUT": "1"}) as srv, \
            _partial_clients(srv.host, srv.port, 1) as (sock,):
        assert _closed_by_server(sock, trickle=trickle)
        assert httpx.get(srv.url + "/health", timeout=BOUND).status_code == 200


@pytest.mark.slow
def test_an_idle_kept_alive_connection_is_closed(tmp_path: Path) -> None:
    env = {"MARSAD_KEEP_ALIVE_TIMEOUT": "1", "MARSAD_HEADER_TIMEOUT": "60"}
    with running_server(tmp_path, database=str(tmp_path / "ka.db"), env=env) as srv, \
            socket.create_connection((srv.host, srv.port), timeout=BOUND) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        assert _closed_by_server(sock, trickle=False)


@pytest.mark.slow
def test_connections_beyond_the_cap_get_503_then_the_server_recovers(tmp_path: Path) -> None:
    cap = 3
    env = {"MARSAD_MAX_CONNECTIONS": str(cap), "MARSAD_HEADER_TIMEOUT": "3"}
    with running_server(tmp_path, database=str(tmp_path / "cap.db"), env=env) as srv:
        with _partial_clients(srv.host, srv.port, cap) as socks:
            refused = httpx.get(srv.url + "/health", timeout=BOUND)
            assert refused.status_code == 503
            assert refused.headers["Retry-After"].isdigit()
            assert refused.json()["error"]["code"] == "too_many_connections"
            assert all(_closed_by_server(s, trickle=False) for s in socks)  # the header timeout frees them
        assert httpx.get(srv.url + "/health", timeout=BOUND).status_code == 200
        log = srv.log_text()
    # 1 refusal and 3 timeouts: one line each kind (identical lines are rate-limited)
    assert log.count("connection refused: over the cap of 3 open connections") == 1
    assert log.count("connection closed: request head incomplete") == 1


@pytest.mark.slow
def test_many_cut_off_connections_do_not_grow_the_log(tmp_path: Path) -> None:
    env = {"MARSAD_HEADER_TIMEOUT": "1", "MARSAD_MAX_CONNECTIONS": "10"}
    with running_server(tmp_path, database=str(tmp_path / "flood.db"), env=env) as srv:
        before = srv.log.stat().st_size
        for _ in range(3):  # 3 waves of 30 slow clients: 20 refused and 10 timed out per wave
            with _partial_clients(srv.host, srv.port, 30) as socks:
                assert all(_closed_by_server(s, trickle=False) for s in socks)
        grown = srv.log.stat().st_size - before
        assert httpx.get(srv.url + "/health", timeout=BOUND).status_code == 200
    assert grown < 1_000, srv.log_text()  # two kinds of line, each printed once a minute at most


@pytest.mark.parametrize(("messages", "let_through"), [
    (["same"] * 50, ["same"]),
    (["a", "b", "a", "b", "c"], ["a", "b", "c"]),
    ([f"request {i}" for i in range(5)], [f"request {i}" for i in range(5)]),
])
def test_the_repeat_filter_lets_one_of_a_kind_through(messages: list[str], let_through: list[str]) -> None:
    flt = RepeatFilter(window=3600)
    records = [logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, m, None, None) for m in messages]
    assert [r.getMessage() for r in records if flt.filter(r)] == let_through


def test_the_repeat_filter_counts_what_it_suppressed() -> None:
    flt = RepeatFilter(window=0.0)  # every window over at once: the next record reports the count
    flt.seen[("asyncio", logging.ERROR, "Too many open files")] = (time.monotonic() - 1, 41)
    record = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "Too many open files", None, None)
    assert flt.filter(record)
    assert record.getMessage() == "Too many open files [repeated 41 more times in the last 0 s]"


@pytest.mark.slow
def test_a_write_waiting_for_the_sqlite_lock_answers_503_with_retry_after(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    body = {"doc_id": "busy-1", "text": "قتل مسلحون جنديين قرب تمبكتو يوم الاثنين.", "published": "2024-03-12"}
    with running_server(tmp_path, database=str(db), env={"MARSAD_SQLITE_BUSY_TIMEOUT": "1"}) as srv:
        holder = sqlite3.connect(db, timeout=1, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
            res = httpx.post(srv.url + "/documents", json=body, headers={"X-API-Key": KEY}, timeout=BOUND)
            assert res.status_code == 503, res.text
            assert res.headers["Retry-After"].isdigit()
            assert res.json()["error"]["code"] == "database_busy"
            assert httpx.get(srv.url + "/events", timeout=BOUND).status_code == 200  # reads go on meanwhile
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        again = httpx.post(srv.url + "/documents", json=body, headers={"X-API-Key": KEY}, timeout=BOUND)
        assert again.status_code == 201, again.text


@pytest.mark.slow
def test_connections_far_over_the_cap_are_dropped_at_once(tmp_path: Path) -> None:
    from marsad.api.server import REFUSE_SLACK

    cap = 2
    env = {"MARSAD_MAX_CONNECTIONS": str(cap), "MARSAD_HEADER_TIMEOUT": "60"}
    with running_server(tmp_path, database=str(tmp_path / "drop.db"), env=env) as srv:
        with _partial_clients(srv.host, srv.port, cap + REFUSE_SLACK + 5) as socks:
            # the 5 beyond cap + slack are closed although the header timeout (60 s) is far away;
            # the 32 in the slack go at the short timeout of refused connections; the 2 within the cap stay
            assert all(_closed_by_server(s, trickle=False) for s in socks[cap:])
        assert httpx.get(srv.url + "/health", timeout=BOUND).status_code == 200
        log = srv.log_text()
    assert log.count("connection dropped: far over the cap of 2 open connections") == 1
