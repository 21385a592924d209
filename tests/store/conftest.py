"""Store fixtures: every store test runs on SQLite and on PostgreSQL (``MARSAD_TEST_PG_URL``, set by ``make test``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.document import Document
from marsad.records import Claim, Event, Evidence
from marsad.store.db import Store, open_store
from pgschema import PG_SKIP, PG_URL, pg_database


def _pg_schema() -> Iterator[tuple[str, dict[str, Any]]]:
    """A fresh schema of the test database per test, dropped afterwards."""
    with pg_database() as url:
        yield url, {}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(URL, engine kwargs) of an empty database of the requested kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}", {}
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    yield from _pg_schema()


@pytest.fixture
def store(db_target: tuple[str, dict[str, Any]]) -> Iterator[Store]:
    url, kwargs = db_target
    st = open_store(url, migrate=True, **kwargs)
    try:
        yield st
    finally:
        st.dispose()


TEXT_A = "أعلنت جماعة نصرة الإسلام والمسلمين أنها هاجمت معسكرا للجيش المالي في بلدة بوني يوم الثلاثاء وقتلت خمسة جنود."


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """An event of a document; keyword arguments override the defaults (a clash in Boni, Mopti)."""

    def build(doc_id: str = "doc-a", text: str = TEXT_A, **kw: Any) -> Event:
        trigger = text.find("هاجمت")
        base: dict[str, Any] = dict(
            doc_id=doc_id, event_date="2024-01-02", date_min="2024-01-02", date_max="2024-01-02",
            time_precision=1, event_type="Battles", sub_event_type="Armed clash", actor1="jnim",
            actor2="military:mali", country="Mali", admin1="Mopti", admin2="Douentza", location="Boni",
            geonameid=2460954, latitude=15.05, longitude=-2.21, geo_precision=1, fatalities=5,
            claims=[Claim("jnim", 5, quote="وقتلت خمسة جنود")],
            evidence=[Evidence("trigger", max(trigger, 0), max(trigger, 0) + 5)],
        )
        base.update(kw)
        return Event(**base)

    return build


def doc(doc_id: str, text: str = TEXT_A, published: str | None = "2024-01-03", **kw: Any) -> Document:
    return Document(doc_id, text, published, **kw)


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    return doc
