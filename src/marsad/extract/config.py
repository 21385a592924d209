"""Named parameters of the extractor's decisions (windows, distances, weights, margins): one file,
``data/geometry.yaml``, read once. A component reads its section with :func:`params`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _all() -> dict[str, dict[str, Any]]:
    text = resources.files("marsad").joinpath("data/geometry.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def params(section: str) -> dict[str, Any]:
    """The parameters of one decision component."""
    return _all()[section]
