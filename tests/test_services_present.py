"""Under ``make test`` (MARSAD_REQUIRE_SERVICES=1) the PostgreSQL server and the browser must be there:
their tests may skip on a developer's machine, never in the project's own run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("MARSAD_REQUIRE_SERVICES"),
                                reason="only under make test (MARSAD_REQUIRE_SERVICES=1)")


def test_postgres_url_is_set() -> None:
    assert os.environ.get("MARSAD_TEST_PG_URL"), "make test starts PostgreSQL and sets MARSAD_TEST_PG_URL"


@pytest.mark.parametrize("binary", ["/usr/bin/chromium", "/usr/bin/chromedriver"])
def test_browser_is_installed(binary: str) -> None:
    assert Path(binary).exists(), f"{binary} missing: scripts/ensure_chromium.sh should have installed it"


def test_shared_corpora_are_beside_the_repository() -> None:
    """The evaluation gate and the corpus tests read ../shared: under make test its absence fails the run."""
    from marsad.evaluate import shared_dir

    shared = shared_dir()
    assert (shared / "eval" / "score.py").exists() and (shared / "corpus" / "dev").is_dir(), (
        f"no shared corpora at {shared}: clone the project with ../shared beside it (or set MARSAD_SHARED)")
