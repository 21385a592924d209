"""The comparison's figures (``summarise``), as JSON, Markdown, and HTML with two plots drawn as inline SVG
(a monthly bar chart of both sources, a map of the misses over the offline basemap) — no network, no
plotting library."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

from marsad.compare.match import Matching, Pair, norm

FIELDS = ("date", "event_type", "sub_event_type", "actors", "actor1", "fatalities")


_PAREN = re.compile(r"\s*\([^)]*\)")


def actor_norm(name: str | None) -> str:
    """An actor name without its parentheses: ACLED's «Military Forces of Mali (2021-)» and «Unidentified Armed
    Group (Burkina Faso)» are Marsad's «Military Forces of Mali» and «Unidentified Armed Group» (the pair is
    in one country already)."""
    return norm(_PAREN.sub("", name or ""))


def _pair(one: str | None, two: str | None) -> set[str]:
    return {actor_norm(x) for x in (one, two) if x}


def _agree(p: Pair) -> dict[str, bool]:
    m, a = p.marsad, p.acled
    return {
        "date": m.day == a.day,
        "event_type": m.event_type == a.event_type,
        "sub_event_type": m.sub_event_type == a.sub_event_type,
        "actors": _pair(m.actor1, m.actor2) == _pair(a.actor1, a.actor2),
        "actor1": actor_norm(m.actor1) == actor_norm(a.actor1),
        "fatalities": m.fatalities is not None and m.fatalities == a.fatalities,
    }


def _region(country: str | None, admin1: str | None) -> str:
    return f"{country or '?'} / {admin1 or '?'}"


def summarise(result: Matching, *, params: dict[str, Any] | None = None) -> dict[str, Any]:
    n = len(result.pairs)
    agree: Counter[str] = Counter()
    diffs = []
    for p in result.pairs:
        agree.update(k for k, v in _agree(p).items() if v)
        if p.marsad.fatalities is not None and p.acled.fatalities is not None:
            diffs.append(abs(p.marsad.fatalities - p.acled.fatalities))
    by_month: dict[str, Counter[str]] = {}
    by_admin1: dict[str, Counter[str]] = {}

    def add(month: str, region: str, what: str) -> None:
        by_month.setdefault(month, Counter())[what] += 1
        by_admin1.setdefault(region, Counter())[what] += 1

    for p in result.pairs:
        add(p.acled.day.strftime("%Y-%m"), _region(p.acled.country, p.acled.admin1), "matched")
    for a in result.only_acled:
        add(a.day.strftime("%Y-%m"), _region(a.country, a.admin1), "only_acled")
    for m in result.only_marsad:
        add(m.day.strftime("%Y-%m"), _region(m.country, m.admin1), "only_marsad")

    def table(groups: dict[str, Counter[str]]) -> list[dict[str, Any]]:
        return [{"key": k, "matched": c["matched"], "only_acled": c["only_acled"], "only_marsad": c["only_marsad"],
                 "acled": c["matched"] + c["only_acled"], "marsad": c["matched"] + c["only_marsad"]}
                for k, c in sorted(groups.items())]

    n_acled, n_marsad = n + len(result.only_acled), n + len(result.only_marsad)
    return {
        "params": params or {},
        "acled_rows": n_acled,
        "marsad_events": n_marsad,
        "matched": n,
        "only_acled": len(result.only_acled),
        "only_marsad": len(result.only_marsad),
        "recall_of_acled": round(n / n_acled, 4) if n_acled else None,  # share of ACLED rows Marsad also has
        "precision_vs_acled": round(n / n_marsad, 4) if n_marsad else None,  # share of Marsad events ACLED has
        "agreement": {f: (round(agree[f] / n, 4) if n else None) for f in FIELDS},
        "fatalities_mean_abs_diff": round(sum(diffs) / len(diffs), 3) if diffs else None,
        "by_month": table(by_month),
        "by_admin1": table(by_admin1),
    }


def to_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2, default=str)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _md_table(rows: Iterable[dict[str, Any]], first: str) -> list[str]:
    out = [f"| {first} | ACLED | Marsad | matched | only ACLED | only Marsad |", "|---|---:|---:|---:|---:|---:|"]
    out += [f"| {r['key']} | {r['acled']} | {r['marsad']} | {r['matched']} | {r['only_acled']} | {r['only_marsad']} |"
            for r in rows]
    return out


def to_markdown(s: dict[str, Any]) -> str:
    p = s["params"]
    scope = ", ".join(f"{k} {v}" for k, v in p.items() if v) or "everything stored"
    lines = [
        "# Marsad compared with ACLED", "",
        f"Scope: {scope}. Same event: dates within 2 days, places within 50 km or the same admin2, compatible types.",
        "",
        "| | count |", "|---|---:|",
        f"| ACLED rows | {s['acled_rows']} |", f"| Marsad merged events | {s['marsad_events']} |",
        f"| matched | {s['matched']} |", f"| only in ACLED | {s['only_acled']} |",
        f"| only in Marsad | {s['only_marsad']} |",
        f"| share of ACLED rows matched | {_pct(s['recall_of_acled'])} |",
        f"| share of Marsad events matched | {_pct(s['precision_vs_acled'])} |", "",
        "## Agreement on matched pairs", "", "| field | agreement |", "|---|---:|",
        *[f"| {f.replace('_', ' ')} | {_pct(v)} |" for f, v in s["agreement"].items()],
        f"| fatalities, mean absolute difference | {s['fatalities_mean_abs_diff'] if s['fatalities_mean_abs_diff'] is not None else '–'} |",  # noqa: E501
        "", "## Per month", "", *_md_table(s["by_month"], "month"),
        "", "## Per admin1", "", *_md_table(s["by_admin1"], "country / admin1"), "",
    ]
    return "\n".join(lines)


# -- plots ---------------------------------------------------------------------------------------------


def bar_chart(rows: list[dict[str, Any]], width: int = 900, height: int = 260) -> str:
    """Grouped bars per month: ACLED rows and Marsad events."""
    if not rows:
        return "<p>No events in the period.</p>"
    left, bottom, top = 40, 40, 20
    inner_w, inner_h = width - left - 10, height - bottom - top
    peak = max(max(r["acled"], r["marsad"]) for r in rows) or 1
    step = inner_w / len(rows)
    bar = max(1.0, step * 0.4)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="events per month, ACLED and Marsad" class="chart">',
             f'<line x1="{left}" y1="{top + inner_h}" x2="{width - 10}" y2="{top + inner_h}" stroke="#333"/>',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
             f'<text x="{left - 4}" y="{top + inner_h}" text-anchor="end" font-size="10">0</text>']
    label_every = max(1, len(rows) // 12)
    for i, r in enumerate(rows):
        x = left + i * step + step * 0.1
        for k, (key, colour) in enumerate((("acled", "#d95f02"), ("marsad", "#1b9e77"))):
            h = inner_h * r[key] / peak
            parts.append(f'<rect x="{x + k * bar:.1f}" y="{top + inner_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{html.escape(r["key"])} {key}: {r[key]}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{top + inner_h + 14}" font-size="10">{html.escape(r["key"])}</text>')
    parts.append(f'<rect x="{width - 170}" y="4" width="10" height="10" fill="#d95f02"/>'
                 f'<text x="{width - 156}" y="13" font-size="11">ACLED</text>'
                 f'<rect x="{width - 100}" y="4" width="10" height="10" fill="#1b9e77"/>'
                 f'<text x="{width - 86}" y="13" font-size="11">Marsad</text></svg>')
    return "".join(parts)


@lru_cache(maxsize=1)
def _basemap() -> list[list[list[tuple[float, float]]]]:
    data = json.loads(files("marsad").joinpath("data", "geo", "basemap.geojson").read_text(encoding="utf-8"))
    shapes = []
    for f in data.get("features", []):
        g = f.get("geometry") or {}
        polys = g.get("coordinates", []) if g.get("type") == "MultiPolygon" else [g.get("coordinates", [])]
        shapes.append([[(float(x), float(y)) for x, y, *_ in ring] for poly in polys for ring in poly[:1]])
    return shapes


def miss_map(result: Matching, width: int = 900, height: int = 480,
             box: tuple[float, float, float, float] = (-13.0, 8.0, 17.0, 26.0)) -> str:
    """Points of the misses (only ACLED, only Marsad) over the country outlines; box is west, south, east, north."""
    w, s, e, n = box

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) / (e - w) * width, (n - lat) / (n - s) * height

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="map of events found by one source only" class="map">',
             f'<rect width="{width}" height="{height}" fill="#eef4f8"/>']
    for rings in _basemap():
        for ring in rings:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring))
            parts.append(f'<polygon points="{pts}" fill="#f7f4ea" stroke="#999" stroke-width="0.6"/>')
    for a in result.only_acled:
        x, y = xy(a.longitude, a.latitude)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#d95f02" fill-opacity="0.7">'
                     f'<title>only ACLED: {a.day} {html.escape(a.location or "")}</title></circle>')
    for m in result.only_marsad:
        if m.latitude is None or m.longitude is None:
            continue
        x, y = xy(m.longitude, m.latitude)
        parts.append(f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#1b9e77" fill-opacity="0.7">'
                     f'<title>only Marsad: {m.day} {html.escape(m.location or "")}</title></rect>')
    parts.append('<circle cx="12" cy="14" r="4" fill="#d95f02"/><text x="20" y="18" font-size="12">only ACLED</text>'
                 '<rect x="108" y="10" width="8" height="8" fill="#1b9e77"/>'
                 '<text x="120" y="18" font-size="12">only Marsad</text></svg>')
    return "".join(parts)


def to_html(summary: dict[str, Any], result: Matching) -> str:

    md = to_markdown(summary)
    body: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if not table:
            return
        rows = [row for row in table if not re.match(r"^\|[-:|]+\|$", row)]
        head, *rest = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
        body.append("<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"
                    + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rest)
                    + "</tbody></table>")
        table.clear()

    for line in md.splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line.startswith("## "):
            title = line[3:]
            if title == "Per month":
                body.append("<h2>Events per month</h2>" + bar_chart(summary["by_month"]))
                body.append("<h2>Where only one source has the event</h2>" + miss_map(result))
            body.append(f"<h2>{html.escape(title)}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    flush()
    style = ("body{font-family:system-ui,sans-serif;max-width:960px;margin:1em auto;padding:0 1em}"
             "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
             "td{text-align:right}td:first-child{text-align:left}svg{width:100%;height:auto}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marsad compared with ACLED</title>'
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>")
