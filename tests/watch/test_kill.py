"""SIGKILL in the middle of a pass, then a restart: no item lost, none stored twice, no alert written twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from marsad.settings import sqlite_url
from marsad.store.db import open_store
from marsad.store.models import DocumentRow, EventRow
from marsad.store.watch_tables import WatchAlertRow

from .conftest import PUBLISHED, Site

TOWNS = [("دوانتزا", "وسط مالي", "جنود ماليين"), ("بوني", "وسط مالي", "جنود ماليين"),
         ("جيبو", "شمال بوركينا فاسو", "جنود من جيش بوركينا فاسو"), ("تيلابيري", "غرب النيجر", "جنود نيجريين"),
         ("ميناكا", "شرق مالي", "جنود ماليين")]
NUMBERS = ["خمسة", "ستة", "سبعة", "ثمانية"]
DAYS = ["الاثنين", "الثلاثاء"]
N = 40


def _reports() -> list[tuple[str, str]]:
    """40 reports of 10 attacks (town × day), each told by 4 outlets with different tolls: clusters that grow."""
    out = []
    for i in range(N):
        town, region, who = TOWNS[i % 5]
        day = DAYS[(i // 5) % 2]
        num = NUMBERS[i // 10]
        out.append((f"هجوم قرب {town}",
                    f"قتل {num} {who} في هجوم شنه مسلحون على نقطة تفتيش قرب بلدة {town} {region} يوم {day}، "
                    f"بحسب مصادر أمنية."))
    return out


def _serve(site: Site, delay: float) -> str:
    items = []
    for i, (title, body) in enumerate(_reports()):
        site.page(f"/k/{i}.html", title, body, delay=delay)
        items.append((title, f"/k/{i}.html", PUBLISHED))
    return site.feed("/feed.xml", items)


def _rules(path: Path, hook: str) -> Path:
    path.write_text(f"rules:\n  - name: any-deaths\n    min_fatalities: 1\n    webhook: {hook}\n"
                    "  - name: mali\n    countries: [Mali]\n", encoding="utf-8")
    return path


def _cmd(feed: str, db: Path, rules: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "watch", feed, "--once", "--alerts", str(rules),
            "--alerts-out", str(out), "--database", str(db), "--workers", "1", "--batch", "4", "--rate", "0",
            "--quiet"]


def _count_docs(db: Path) -> int:
    if not db.exists():
        return 0
    engine = create_engine(sqlite_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except SQLAlchemyError:  # the schema may not exist yet while the watcher starts
        return 0
    finally:
        engine.dispose()


def _state(db: Path) -> dict[str, Any]:
    store = open_store(sqlite_url(db))
    try:
        with store.session() as s:
            docs = Counter(s.scalars(select(DocumentRow.doc_id)))
            events = sorted(s.execute(select(EventRow.doc_id, EventRow.location, EventRow.event_date,
                                             EventRow.fatalities)).all())
            clusters = sorted(tuple(sorted(s.scalars(select(EventRow.doc_id).where(EventRow.cluster_id == c))))
                              for c in s.scalars(select(EventRow.cluster_id).distinct()))
            alert_keys = set(s.scalars(select(WatchAlertRow.key)))
            n_alerts = s.scalar(select(func.count()).select_from(WatchAlertRow))
            unwritten = s.scalar(select(func.count()).select_from(WatchAlertRow)
                                 .where(WatchAlertRow.written_at.is_(None)))
    finally:
        store.dispose()
    return {"docs": docs, "events": events, "clusters": clusters, "alert_keys": alert_keys,
            "n_alerts": n_alerts, "unwritten": unwritten}


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []


@pytest.mark.slow
def test_sigkill_mid_pass_then_restart(site: Site, tmp_path: Path) -> None:
    feed = _serve(site, delay=0.08)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    # the reference: one uninterrupted pass
    ref_db, ref_out = tmp_path / "ref.db", tmp_path / "ref.jsonl"
    subprocess.run(_cmd(feed, ref_db, _rules(tmp_path / "ref.yaml", site.url + "/hook-ref"), ref_out),
                   check=True, env=env, timeout=300)
    # killed in the middle of its pass, then run again
    db, out = tmp_path / "w.db", tmp_path / "w.jsonl"
    cmd = _cmd(feed, db, _rules(tmp_path / "r.yaml", site.url + "/hook"), out)
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 120
    while _count_docs(db) < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed_at = _count_docs(db)
    assert 10 <= killed_at < N, "the watcher was not killed in the middle of its pass"
    subprocess.run(cmd, check=True, env=env, timeout=300)

    ref, got = _state(ref_db), _state(db)
    assert set(got["docs"]) == set(ref["docs"]) and len(got["docs"]) == N  # no item lost
    assert max(got["docs"].values()) == 1  # none stored twice
    assert got["events"] == ref["events"] and got["clusters"] == ref["clusters"]
    lines = _lines(out)
    keys = [a["key"] for a in lines]
    assert len(keys) == len(set(keys)) == got["n_alerts"]  # each alert written exactly once
    assert set(keys) == got["alert_keys"] and got["unwritten"] == 0
    # every final merged event that a rule matches was alerted in its final state
    final = {tuple(sorted(s["doc_id"] for s in a["event"]["sources"])) for a in lines}
    assert set(ref["clusters"]) <= final
    # the webhook got every alert of its rule; a repeat (the POST in flight at the kill) carries the same key
    hook_keys = Counter(k for path, k, _ in site.hooks if path == "/hook")
    assert set(hook_keys) == {k for k in keys if k.startswith("any-deaths|")}
    assert sum(hook_keys.values()) - len(hook_keys) <= 1


@pytest.mark.slow
def test_sigterm_stops_after_the_current_item(site: Site, tmp_path: Path) -> None:
    feed = _serve(site, delay=0.1)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    db, out = tmp_path / "w.db", tmp_path / "w.jsonl"
    rules = _rules(tmp_path / "r.yaml", site.url + "/hook")
    cmd = [c for c in _cmd(feed, db, rules, out) if c != "--once"] + ["--interval", "600"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _count_docs(db) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "SIGTERM: stopping after the current item" in err
    stopped_at = _count_docs(db)
    assert 4 <= stopped_at < N
    state = _state(db)
    assert state["unwritten"] == 0 and len(_lines(out)) == state["n_alerts"]  # what was stored was alerted
    subprocess.run(_cmd(feed, db, rules, out), check=True, env=env, timeout=300)
    assert _count_docs(db) == N
    keys = [a["key"] for a in _lines(out)]
    assert len(keys) == len(set(keys))
