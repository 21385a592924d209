from __future__ import annotations

import pytest
from export_samples import make_event

from marsad.records import Event


@pytest.fixture
def event() -> Event:
    return make_event()
