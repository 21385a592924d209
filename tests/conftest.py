"""Project-wide test settings, and the rule that under ``make test`` no test skips unless allowed.

With ``MARSAD_REQUIRE_SERVICES=1`` (set by ``make test``) a skipped test fails the run unless
``tests/skip_allowlist.txt`` allows it (its node id, the reason it gives, and why it may skip): a
renamed module, a missing server or browser, or a guard left behind cannot turn tests into skips
that pass. Expected failures (``xfail``) are not skips.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run on a shared 2-core machine next to servers and other tests: a slow example is not a
# failure (no deadline), and the health check on slow data generation would only add noise.
settings.register_profile("marsad", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("marsad")

ALLOWLIST = Path(__file__).with_name("skip_allowlist.txt")


@dataclass(frozen=True, slots=True)
class AllowedSkip:
    pattern: str
    reason: str
    why: str


def read_allowlist(path: Path = ALLOWLIST) -> list[AllowedSkip]:
    """The entries of the allow-list; a line without its three fields is an error, not ignored."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) != 3 or not all(fields):
            raise pytest.UsageError(f"{path}:{n}: expected 'node id pattern | skip reason | why it may skip'")
        out.append(AllowedSkip(*fields))
    return out


def skip_allowed(nodeid: str, reason: str, allowed: list[AllowedSkip]) -> bool:
    return any(fnmatch.fnmatchcase(nodeid, a.pattern) and a.reason in reason for a in allowed)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    if not os.environ.get("MARSAD_REQUIRE_SERVICES"):
        return
    report: pytest.TestReport = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if skip_allowed(report.nodeid, reason, read_allowlist()):
        return
    report.outcome = "failed"
    report.longrepr = (f"skipped under make test ({reason}), and not allowed by {ALLOWLIST.name}: "
                       "make the test run, or add it there with the reason it may skip")
