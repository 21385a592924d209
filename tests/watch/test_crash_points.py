"""A crash at each point between storing an item and delivering its alert, then a restart: the store, the
alerts file and the webhook end as after an uninterrupted run (the SIGKILL test hits these points at random)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from marsad.settings import sqlite_url
from marsad.store.db import open_store
from marsad.store.models import DocumentRow, EventRow
from marsad.watch import alerts as alerts_mod
from marsad.watch import runner as runner_mod
from marsad.watch.rules import Rule
from marsad.watch.sources import Source

from .conftest import REPORTS, Site, alert_lines, make_watcher


class Crash(BaseException):
    """Not an Exception: nothing in the watcher catches it, as nothing survives a SIGKILL."""


def _once(original: Callable[..., Any], after: bool = False) -> Callable[..., Any]:
    """``original`` that crashes on its first call (before it runs, or just after)."""
    calls = {"n": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1 and not after:
            raise Crash
        out = original(*args, **kwargs)
        if calls["n"] == 1:
            raise Crash
        return out

    return wrapper


CRASHES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    # stored, but neither the items' state nor their alerts recorded
    "after-ingest": lambda mp: mp.setattr(runner_mod, "save_items", _once(runner_mod.save_items)),
    # state and alerts committed, the alerts not written to the file
    "before-file": lambda mp: mp.setattr(alerts_mod.AlertSink, "deliver", _once(alerts_mod.AlertSink.deliver)),
    # alerts written to the file, their rows not marked written
    "after-file": lambda mp: mp.setattr(alerts_mod.os, "fsync", _once(os.fsync, after=True)),
    # the webhook received the alert, its delivery not recorded
    "after-post": lambda mp: mp.setattr(alerts_mod.AlertSink, "_post", _once(alerts_mod.AlertSink._post, after=True)),
}


def _run(store: Any, feed: str, tmp: Path, rules: list[Rule]) -> None:
    w = make_watcher(store, [Source(feed, "feed")], tmp, rules)
    try:
        w.run()
    finally:
        w.close()
        if w.sink is not None:
            w.sink.close()


def _final(store: Any, tmp: Path) -> tuple[Any, ...]:
    with store.session() as s:
        docs = sorted(s.scalars(select(DocumentRow.doc_id)))
        events = sorted(s.execute(select(EventRow.doc_id, EventRow.location, EventRow.fatalities)).all())
    return docs, events, sorted(a["key"] for a in alert_lines(tmp))


@pytest.mark.parametrize("point", sorted(CRASHES))
def test_crash_then_restart(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    feed = site.feed("/feed.xml", site.articles(list(REPORTS)))
    rules = [Rule(name="deaths", min_fatalities=1, webhook=site.url + "/hook")]
    ref_store = open_store(sqlite_url(tmp_path / "ref.db"))
    _run(ref_store, feed, tmp_path / "ref", rules)
    reference = _final(ref_store, tmp_path / "ref")
    ref_store.dispose()
    site.hooks.clear()

    store = open_store(sqlite_url(tmp_path / "w.db"))
    with monkeypatch.context() as mp:
        CRASHES[point](mp)
        with pytest.raises(Crash):
            _run(store, feed, tmp_path / "w", rules)
    _run(store, feed, tmp_path / "w", rules)
    assert _final(store, tmp_path / "w") == reference  # nothing lost, nothing twice
    store.dispose()
    received = Counter(k for path, k, _ in site.hooks if path == "/hook")
    assert sorted(received) == reference[2]
    # only an alert whose POST was in flight at the crash is sent again, with the same key
    assert sum(received.values()) - len(received) == (1 if point == "after-post" else 0)
