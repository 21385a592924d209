"""The shipped Sahel gazetteer (GeoNames, CC BY 4.0), the curated Arabic alias table and a few curated towns.

Loaded once (``Gazetteer.default()``) from ``marsad/data/geo/gazetteer.tsv.gz`` (built by
``scripts/build_gazetteer.py``), ``marsad/data/ar/places.tsv`` and ``marsad/data/geo/extra_places.tsv``
(towns GeoNames lacks in usable form; synthetic negative ids, no geonameid). Rows are kept
column-wise and turned into :class:`marsad.records.Place` only when asked for.
"""

from __future__ import annotations

import gzip
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.countries import covered as _covered
from marsad.geo.transliterate import denasal_key, latin_fold, latin_keys
from marsad.records import Place
from marsad.text.normalise import fold

COUNTRY_NAMES = {c.iso2: c.name for c in _covered()}
COUNTRY_CODES = {v: k for k, v in COUNTRY_NAMES.items()}
_REGION_PREFIXES = ("منطقه ", "ولايه ", "اقليم ", "محافظه ", "دايره ", "مقاطعه ", "جهه ")
FCODE_RANK = {"PPLC": 4.0, "PPLA": 3.0, "PPLA2": 2.2, "PPLA3": 1.6, "PPL": 1.0, "PPLX": 0.6}


_CELL = 0.25  # degrees: grid of the admin1 footprints (``km_to_admin1``)


@dataclass(frozen=True, slots=True)
class Alias:
    """One row of ``places.tsv``: an Arabic spelling (folded) pointing to a gazetteer row."""

    arabic: str
    idx: int
    flags: frozenset[str]
    note: str


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Column-wise GeoNames rows for ML/BF/NE with indexes by consonant key, Arabic and Latin name."""

    def __init__(self, lines: Iterable[str], alias_lines: Iterable[str], extra_lines: Iterable[str] = ()) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.cc: list[str] = []
        self.fclass: list[str] = []
        self.fcode: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.admin1_pcode: list[str] = []
        self.admin2_pcode: list[str] = []
        self.latin: list[str] = []  # "|"-joined folded Latin names, split on demand
        self.by_gid: dict[int, int] = {}
        self.key_index: dict[str, list[int]] = {}
        self.arabic_index: dict[str, list[int]] = {}
        self.by_name: dict[tuple[str, str], list[int]] = {}  # (cc, folded primary name) → rows
        self._latin_index: dict[str, list[int]] | None = None
        self._nasal_index: dict[str, list[int]] | None = None
        self._footprint: dict[str, list[tuple[float, float]]] = {}
        extra_aliases: list[str] = []
        for line in lines:
            if not line or line[0] == "#":
                continue
            f = line.rstrip("\n").split("\t")
            i = len(self.gid)
            gid = int(f[0])
            self.gid.append(gid)
            self.name.append(f[1])
            self.cc.append(f[2])
            self.fclass.append(f[3])
            self.fcode.append(f[4])
            self.lat.append(float(f[5]))
            self.lon.append(float(f[6]))
            self.pop.append(int(f[7]))
            self.admin1.append(f[8])
            self.admin2.append(f[9])
            self.admin1_pcode.append(f[10])
            self.admin2_pcode.append(f[11])
            self.latin.append(f[13])
            self.by_gid[gid] = i
            if f[12]:
                for k in f[12].split("|"):
                    self.key_index.setdefault(k, []).append(i)
            if f[3] == "P":
                self.by_name.setdefault((f[2], latin_fold(f[1])), []).append(i)
            if f[14] and f[3] in ("P", "A") and f[4] != "ADM2":
                for a in f[14].split("|"):
                    a = a.split("،")[0].strip()
                    if not a or (f[4] == "ADM1" and not a.startswith(_REGION_PREFIXES)):
                        continue
                    self.arabic_index.setdefault(a, []).append(i)
        self._add_extra(extra_lines, extra_aliases)
        self.capital_of_admin1: dict[tuple[str, str], int] = {}
        self.adm1_row: dict[tuple[str, str], int] = {}
        self.country_row: dict[str, int] = {}
        self.capital: dict[str, int] = {}
        self.seat_of_admin2: dict[tuple[str, str], int] = {}
        self._index_admin()
        self.aliases: dict[str, list[Alias]] = {}
        for line in [*alias_lines, *extra_aliases]:
            if not line.strip() or line[0] == "#" or line.startswith("arabic\t"):
                continue
            ar, gid_s, _name, flags, note = ([*line.rstrip("\n").split("\t"), "", ""])[:5]
            idx = self.by_gid.get(int(gid_s))
            if idx is None:
                continue
            key = " ".join(fold(ar).split())
            self.aliases.setdefault(key, []).append(Alias(key, idx, frozenset(flags.split(",")), note))

    def _add_extra(self, extra_lines: Iterable[str], aliases: list[str]) -> None:
        """Curated towns GeoNames lacks in usable form (``extra_places.tsv``): synthetic negative ids,
        no geonameid in :meth:`place`; admin names and p-codes as in the GeoNames rows of their cercle."""
        pcodes: dict[tuple[str, str, str], tuple[str, str]] = {}
        for i in range(len(self.gid)):
            key = (self.cc[i], self.admin1[i], self.admin2[i])
            pcodes.setdefault(key, (self.admin1_pcode[i], self.admin2_pcode[i]))
        for line in extra_lines:
            if not line.strip() or line[0] == "#" or line.startswith("id\t"):
                continue
            sid, name, cc, fcode, lat, lon, a1, a2, latin, arabic = line.rstrip("\n").split("\t")[:10]
            i = len(self.gid)
            gid = int(sid)
            p1, p2 = pcodes.get((cc, a1, a2), ("", ""))
            self.gid.append(gid)
            self.name.append(name)
            self.cc.append(cc)
            self.fclass.append("P")
            self.fcode.append(fcode)
            self.lat.append(float(lat))
            self.lon.append(float(lon))
            self.pop.append(0)
            self.admin1.append(a1)
            self.admin2.append(a2)
            self.admin1_pcode.append(p1)
            self.admin2_pcode.append(p2)
            names = [latin_fold(n) for n in [name, *latin.split("|")] if n]
            self.latin.append("|".join(dict.fromkeys(names)))
            self.by_gid[gid] = i
            for k in sorted({k for n in names for k in latin_keys(n)}):
                self.key_index.setdefault(k, []).append(i)
            self.by_name.setdefault((cc, latin_fold(name)), []).append(i)
            aliases.extend(f"{a}\t{gid}\t{name}\tplace\textra_places.tsv" for a in arabic.split("|") if a)

    def _index_admin(self) -> None:
        best_a1: dict[tuple[str, str], tuple[float, int]] = {}
        best_a2: dict[tuple[str, str], tuple[float, int]] = {}
        for i, code in enumerate(self.fcode):
            cc = self.cc[i]
            if code == "ADM1":
                self.adm1_row[(cc, self.admin1[i])] = i
            elif code == "PCLI":
                self.country_row[cc] = i
            elif code == "PPLC":
                self.capital[cc] = i
            if self.fclass[i] != "P":
                continue
            if code in ("PPLA", "PPLC"):
                rank = (2.0 if code == "PPLA" else 1.0) + self.pop[i] / 1e8
                key1 = (cc, self.admin1[i])
                if rank > best_a1.get(key1, (-1.0, -1))[0]:
                    best_a1[key1] = (rank, i)
            key2 = (cc, self.admin2[i])
            same = code in ("PPLA", "PPLA2", "PPLC") and latin_fold(self.name[i]) == latin_fold(self.admin2[i])
            rank2 = FCODE_RANK.get(code, 0.5) + (2.0 if same else 0.0) + math.log10(self.pop[i] + 1) / 10
            if rank2 > best_a2.get(key2, (-1.0, -1))[0]:
                best_a2[key2] = (rank2, i)
        self.capital_of_admin1 = {k: v[1] for k, v in best_a1.items()}
        self.seat_of_admin2 = {k: v[1] for k, v in best_a2.items()}

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self.gid)

    def latin_names(self, i: int) -> list[str]:
        return self.latin[i].split("|") if self.latin[i] else []

    def latin_lookup(self, name: str) -> list[int]:
        if self._latin_index is None:
            idx: dict[str, list[int]] = {}
            for i, names in enumerate(self.latin):
                if names:
                    for n in names.split("|"):
                        idx.setdefault(n, []).append(i)
            self._latin_index = idx
        return self._latin_index.get(latin_fold(name), [])

    def nasal_lookup(self, key: str) -> list[int]:
        """Rows whose key equals ``key`` once nasals before b/d are dropped (Tidimbawen ~ تندينباون)."""
        if self._nasal_index is None:
            idx: dict[str, list[int]] = {}
            for k, rows in self.key_index.items():
                idx.setdefault(denasal_key(k), []).extend(rows)
            self._nasal_index = idx
        return self._nasal_index.get(denasal_key(key), [])

    def km_to_admin1(self, i: int, admin1: str) -> float:
        """Approximate distance (km) from row i to the area of an admin1 region: to the nearest
        0.25° cell holding at least two populated places of that region (0 inside it)."""
        if self.admin1[i] == admin1:
            return 0.0
        cells = self._footprint.get(admin1)
        if cells is None:
            count: dict[tuple[int, int], int] = {}
            for j, a in enumerate(self.admin1):
                if a == admin1 and self.fclass[j] == "P":
                    c = (math.floor(self.lat[j] / _CELL), math.floor(self.lon[j] / _CELL))
                    count[c] = count.get(c, 0) + 1
            cells = [((a + 0.5) * _CELL, (b + 0.5) * _CELL) for (a, b), n in count.items() if n >= 2]
            self._footprint[admin1] = cells
        if not cells:
            return math.inf
        lat, lon = self.lat[i], self.lon[i]
        kx = math.cos(math.radians(lat)) * 111.2
        d = min(math.hypot((la - lat) * 111.2, (lo - lon) * kx) for la, lo in cells)
        return max(0.0, d - _CELL * 111.2 * 0.7)

    def homonyms(self, i: int) -> list[int]:
        """Populated places of the same country with the same primary name (i itself included)."""
        if self.fclass[i] != "P":
            return [i]
        return self.by_name.get((self.cc[i], latin_fold(self.name[i])), [i])

    def importance(self, i: int) -> float:
        code = self.fcode[i]
        if self.fclass[i] == "P":
            return FCODE_RANK.get(code, 0.8) + math.log10(self.pop[i] + 1) / 6
        if code in ("ADM1", "PCLI", "ADM2"):
            return 2.0
        return 0.5

    def region_place(self, i: int) -> int:
        """For an ADM1/ADM2/PCLI row: the row of its capital/seat; other rows map to themselves."""
        code, cc = self.fcode[i], self.cc[i]
        if code == "ADM1":
            return self.capital_of_admin1.get((cc, self.admin1[i]), i)
        if code == "ADM2":
            return self.seat_of_admin2.get((cc, self.admin2[i]), i)
        if code == "PCLI":
            return self.capital.get(cc, i)
        return i

    def place(self, i: int, precision: int = 1, *, admin1: str | None = None) -> Place:
        return Place(
            location=self.name[i],
            country=COUNTRY_NAMES.get(self.cc[i], self.cc[i]),
            admin1=admin1 or self.admin1[i] or None,
            admin2=self.admin2[i] or None,
            geonameid=self.gid[i] if self.gid[i] > 0 else None,
            latitude=self.lat[i],
            longitude=self.lon[i],
            geo_precision=precision,
            admin1_pcode=self.admin1_pcode[i] or None,
            admin2_pcode=self.admin2_pcode[i] or None,
        )

    def distance(self, i: int, j: int) -> float:
        return km(self.lat[i], self.lon[i], self.lat[j], self.lon[j])

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_package(cls) -> Gazetteer:
        data = resources.files("marsad") / "data"
        raw = (data / "geo" / "gazetteer.tsv.gz").read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
        aliases = (data / "ar" / "places.tsv").read_text(encoding="utf-8")
        extra = (data / "geo" / "extra_places.tsv").read_text(encoding="utf-8")
        return cls(io.StringIO(text), aliases.splitlines(), extra.splitlines())

    @classmethod
    def default(cls) -> Gazetteer:
        return _default_gazetteer()


@cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.from_package()
