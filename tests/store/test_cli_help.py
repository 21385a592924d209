"""Every option of every ``marsad`` command has help text; long commands take --progress and --quiet."""

from __future__ import annotations

import argparse

import pytest

from marsad.cli import build_parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_option_has_help(name: str) -> None:
    missing = [a.option_strings or [a.dest] for a in _commands()[name]._actions
               if not a.help and not isinstance(a, argparse._HelpAction)]
    assert missing == []


@pytest.mark.parametrize(("name", "expected"), [
    ("extract", {"--progress", "--quiet"}), ("ingest", {"--progress", "--quiet"}), ("export", {"--quiet"}),
    ("batch", {"--quiet"}),
])
def test_long_commands_take_progress_and_quiet(name: str, expected: set[str]) -> None:
    options = {o for a in _commands()[name]._actions for o in a.option_strings}
    assert expected <= options
