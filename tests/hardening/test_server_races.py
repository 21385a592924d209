"""Concurrent writes of one doc_id against a real ``marsad serve`` (SQLite and PostgreSQL): every request
answers 2xx and the store holds the document once (issue 12, item 2)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server import KEY, running_server
from sqlalchemy import create_engine, func, select

from marsad.store.models import DocumentRow, EventRow
from pgschema import PG_SKIP, PG_URL, pg_database

CLIENTS = 20
TEXTS = (
    "قتل مسلحون ستة مدنيين في هجوم على قرية قرب بلدة دوانتزا وسط مالي يوم الأحد، بحسب مصادر محلية.",
    "هاجم مسلحون مجهولون سوقا قرب بلدة منكا شرق مالي يوم الجمعة وقتلوا أربعة تجار، وفق ما قال مسؤول محلي.",
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'race.db'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    with pg_database() as url:
        yield url


def _post_together(url: str, bodies: list[dict[str, str]]) -> list[int | str]:
    """POST every body at once (one thread and connection each, released together by a barrier)."""
    barrier = threading.Barrier(len(bodies))
    statuses: list[int | str] = [0] * len(bodies)

    def one(i: int) -> None:
        with httpx.Client(base_url=url, timeout=120, headers={"X-API-Key": KEY}) as client:
            barrier.wait(timeout=60)
            try:
                statuses[i] = client.post("/documents", json=bodies[i]).status_code
            except httpx.TransportError as exc:
                statuses[i] = type(exc).__name__

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return statuses


@pytest.mark.slow
@pytest.mark.parametrize("texts", [TEXTS[:1], TEXTS], ids=["same-text", "two-texts"])
def test_simultaneous_posts_of_one_doc_id_all_succeed(tmp_path: Path, database: str, texts: tuple[str, ...]) -> None:
    bodies = [{"doc_id": "race-1", "text": texts[i % len(texts)], "published": "2024-03-12"} for i in range(CLIENTS)]
    with running_server(tmp_path, database=database) as srv:
        statuses = _post_together(srv.url, bodies)
        counts = Counter(statuses)
        assert all(isinstance(s, int) and 200 <= s < 300 for s in statuses), f"statuses: {dict(counts)}"
        final = httpx.get(srv.url + "/documents/race-1", timeout=30)
        assert final.status_code == 200
    engine = create_engine(database)
    try:
        with engine.connect() as conn:
            docs = conn.execute(select(func.count()).select_from(DocumentRow)).scalar_one()
            stored_text = conn.execute(select(DocumentRow.text)).scalar_one()
            keys = conn.execute(select(EventRow.key)).scalars().all()
    finally:
        engine.dispose()
    assert docs == 1
    assert stored_text in texts
    assert len(keys) == len(set(keys))  # the events of one version of the document, not of two
