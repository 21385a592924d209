"""The ``marsad`` command: a thin layer over the library.

Each sub-command lives in its own module of this package with a ``register(subparsers)``
function that adds its parser and sets ``func`` (which returns the exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from marsad import __version__

COMMANDS = ("extract", "eval", "ingest", "export", "serve", "batch", "watch", "compare")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic conflict reports → ACLED-grade event records")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"marsad.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"marsad.cli.{name}":
                raise
            continue  # that command is not built yet
        module.register(sub)
    return parser


NEGATIVE_VALUE_OPTIONS = ("--bbox",)  # options whose value may start with a minus sign ("-5,14,-2,16")


def glue_negative_values(argv: Sequence[str]) -> list[str]:
    """``--bbox -5,14,-2,16`` as ``--bbox=-5,14,-2,16``: argparse would read the value as an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        if arg in NEGATIVE_VALUE_OPTIONS and len(nxt) > 1 and nxt[0] == "-" and (nxt[1].isdigit() or nxt[1] == "."):
            out.append(f"{arg}={nxt}")
            i += 2
            continue
        out.append(arg)
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(glue_negative_values(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): end quietly, without a traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
