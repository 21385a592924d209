"""``make watch-demo``: the bundled sample reports served as a news site on localhost, watched once.

    python scripts/watch_demo.py [--reports sample/reports.jsonl] [--rules sample/rules.yaml] [--out out/watch-demo]

Serves an RSS feed of the reports and one HTML page per report (``marsad.watch.demo``), runs
``marsad watch FEED --once --alerts RULES`` against it with a fresh database, and prints the alerts (also
written to OUT/alerts.jsonl). Works offline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from marsad.cli import main as marsad
from marsad.watch.demo import SiteServer, build_site

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=Path, default=ROOT / "sample" / "reports.jsonl")
    ap.add_argument("--rules", type=Path, default=ROOT / "sample" / "rules.yaml")
    ap.add_argument("--out", type=Path, default=Path("out") / "watch-demo")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.reports.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    with SiteServer(build_site(rows)) as server:
        feed = server.url + "/feed.xml"
        print(f"serving {len(rows)} sample reports at {feed}", flush=True)
        rc = marsad(["watch", feed, "--once", "--alerts", str(args.rules), "--alerts-out",
                     str(args.out / "alerts.jsonl"), "--database", str(args.out / "marsad.db")])
    alerts = args.out / "alerts.jsonl"
    n = len(alerts.read_text(encoding="utf-8").splitlines()) if alerts.exists() else 0
    print(f"{n} alerts written to {alerts}; the store is {args.out / 'marsad.db'} "
          f"(marsad serve --database {args.out / 'marsad.db'} shows them at /alerts and on the dashboard)")
    return rc if n else 1


if __name__ == "__main__":
    sys.exit(main())
