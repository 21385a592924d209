"""``marsad compare --acled FILE.csv``: how the stored merged events compare with an ACLED export.

    marsad compare --acled export.csv [--from 2024-01-01] [--to 2024-06-30] [--country Mali]
                   [--json] [--out compare/] [--database URL|PATH]

Matches each stored merged event with at most one ACLED row (dates within 2 days, places within 50 km or in
the same admin2, compatible types) and reports matched / only in ACLED / only in Marsad per month and admin1,
and the agreement of date, type, sub-type, actors and fatalities on the matched pairs. Writes
``OUT/compare.md`` and ``OUT/compare.html`` (plots as inline SVG) and prints the Markdown, or with ``--json``
the figures as one JSON object. ACLED rows that cannot be read are reported (line and reason) on standard
error and skipped. Exit code 0; 2 when the file or the database cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from exc


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("compare", help="compare the stored events with an ACLED export")
    p.add_argument("--acled", required=True, type=Path, help="ACLED export (CSV, ACLED's columns)")
    p.add_argument("--from", dest="date_from", type=_day, help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_day, help="last day (YYYY-MM-DD)")
    p.add_argument("--country", help="one country (e.g. Mali)")
    p.add_argument("--json", action="store_true", help="print the figures as a JSON object instead of Markdown")
    p.add_argument("--out", type=Path, default=Path("compare"), help="folder of compare.md and compare.html")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL or ./marsad.db)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.compare.acled import AcledError, read_acled
    from marsad.compare.events import merged_events
    from marsad.compare.match import match
    from marsad.compare.report import summarise, to_html, to_json, to_markdown
    from marsad.settings import SettingsError, get_settings
    from marsad.store import open_store

    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"marsad compare: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
        return 2
    try:
        rows, errors = read_acled(args.acled)
    except AcledError as exc:
        print(f"marsad compare: {exc}", file=sys.stderr)
        return 2
    for line, reason in errors:
        print(f"marsad compare: {args.acled}:{line}: {reason} (row skipped)", file=sys.stderr)
    rows = [r for r in rows if (not args.date_from or r.day >= args.date_from)
            and (not args.date_to or r.day <= args.date_to)
            and (not args.country or r.country.casefold() == args.country.casefold())]
    try:
        store = open_store(get_settings().with_database(args.database))
        with store.session() as session:
            events = merged_events(session, date_from=args.date_from, date_to=args.date_to, country=args.country)
        store.dispose()
    except (SettingsError, SQLAlchemyError, OSError) as exc:
        print(f"marsad compare: cannot read the database: {exc}", file=sys.stderr)
        return 2
    result = match(events, rows)
    params = {"from": str(args.date_from or ""), "to": str(args.date_to or ""), "country": args.country or "",
              "acled_file": str(args.acled), "acled_rows_skipped": len(errors)}
    summary = summarise(result, params=params)
    markdown = to_markdown(summary)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "compare.md").write_text(markdown, encoding="utf-8")
        (args.out / "compare.html").write_text(to_html(summary, result), encoding="utf-8")
        (args.out / "compare.json").write_text(to_json(summary), encoding="utf-8")
    except OSError as exc:
        print(f"marsad compare: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(to_json(summary) if args.json else markdown)
    print(f"marsad compare: report written to {args.out / 'compare.md'} and {args.out / 'compare.html'}",
          file=sys.stderr)
    return 0
