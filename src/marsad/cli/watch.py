"""``marsad watch SOURCE...``: watch feeds, link pages and folders; store what is new; alert on what matters.

    marsad watch https://example.org/rss.xml ./drop/ [--links] [--interval 300] [--once]
                 [--alerts rules.yaml] [--alerts-out alerts.jsonl] [--database URL|PATH]

Each alert is printed on standard output (one line) and written to ``--alerts-out``; a summary of each
source's poll and every error (item and reason) go to standard error. SIGTERM or Ctrl-C stops the watch
after the current item. Exit code 0; 2 when the rules file, a source or the database cannot be used.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from typing import Any


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("watch", help="watch news feeds, pages and folders; alert on events")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="RSS/Atom feed URL, links page URL, or directory")
    p.add_argument("--links", action="store_true", help="URL sources are pages listing article links, not feeds")
    p.add_argument("--interval", type=float, default=300.0, help="seconds between passes (default 300)")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron)")
    p.add_argument("--alerts", help="rules file (YAML)")
    p.add_argument("--alerts-out", default="alerts.jsonl", help="JSON Lines file of alerts (default alerts.jsonl)")
    p.add_argument("--database", help="database URL or SQLite path (default: MARSAD_DATABASE_URL or ./marsad.db)")
    p.add_argument("--rate", type=float, default=2.0, help="requests per second to one host (default 2; 0: no limit)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before a request times out (default 10)")
    p.add_argument("--retries", type=int, default=3, help="retries of a failed request, with backoff (default 3)")
    p.add_argument("--workers", type=int, default=4, help="threads fetching pages (default 4)")
    p.add_argument("--batch", type=int, default=50, help="items stored per transaction (default 50)")
    p.add_argument("--processes", type=int, default=0,
                   help="worker processes reading pages and extracting events (default 0: in this process)")
    p.add_argument("--extractor", choices=("trafilatura", "html_main"), default="trafilatura",
                   help="main-text extractor of web pages (default trafilatura)")
    p.add_argument("--quiet", action="store_true", help="no per-source summary")
    p.set_defaults(func=run)


def _print_alert(alert: dict[str, Any]) -> None:
    ev = alert.get("event", {})
    place = ", ".join(str(x) for x in (ev.get("location"), ev.get("admin1"), ev.get("country")) if x)
    print(f"ALERT {alert['rule']} {alert['cluster_id']} v{alert['version']}: {ev.get('event_date') or '?'} "
          f"{ev.get('sub_event_type') or ev.get('event_type') or '?'} at {place or '?'}, "
          f"fatalities {ev.get('fatalities')}, {ev.get('n_sources')} source(s) — {alert['reason']}", flush=True)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.settings import SettingsError, get_settings
    from marsad.store import open_store
    from marsad.watch.alerts import AlertSink
    from marsad.watch.fetch import FetchConfig
    from marsad.watch.rules import Rule, RulesError, load_rules
    from marsad.watch.runner import WatchConfig, Watcher
    from marsad.watch.sources import SourceError, parse_source

    logging.basicConfig(level=logging.WARNING, format="marsad watch: %(message)s", stream=sys.stderr)
    if min(args.interval, args.timeout) <= 0 or min(args.workers, args.batch) < 1 or \
            min(args.retries, args.rate, args.processes) < 0:
        print("marsad watch: --interval, --timeout, --workers and --batch must be positive; --retries, --rate and "
              "--processes >= 0", file=sys.stderr)
        return 2
    try:
        sources = [parse_source(s, links=args.links) for s in args.sources]
        rules: list[Rule] = load_rules(args.alerts) if args.alerts else []
    except (SourceError, RulesError) as exc:
        print(f"marsad watch: {exc}", file=sys.stderr)
        return 2
    try:
        store = open_store(get_settings().with_database(args.database))
    except (SettingsError, SQLAlchemyError, OSError) as exc:
        print(f"marsad watch: cannot open the database: {exc}", file=sys.stderr)
        return 2
    fetch = FetchConfig(timeout=args.timeout, retries=args.retries, rate=args.rate)
    sink = AlertSink(args.alerts_out, user_agent=fetch.user_agent)
    config = WatchConfig(sources, rules, interval=args.interval, once=args.once, fetch=fetch, workers=args.workers,
                         batch=args.batch, processes=args.processes,
                         extractor=args.extractor)
    watcher = Watcher(store, config, sink=sink, on_alert=_print_alert)

    def stop(signum: int, _frame: Any) -> None:
        print(f"marsad watch: {signal.Signals(signum).name}: stopping after the current item", file=sys.stderr)
        watcher.request_stop()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        reports = watcher.run()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        watcher.close()
        sink.close()
        store.dispose()
    if not args.quiet:
        for r in reports:
            state = "" if r.complete else " (incomplete)"
            print(f"marsad watch: {r.source}: listed {r.listed}, stored {r.stored}, unchanged {r.unchanged}, "
                  f"errors {len(r.errors)}, events {r.events}, alerts {r.alerts}{state}", file=sys.stderr)
    return 0
