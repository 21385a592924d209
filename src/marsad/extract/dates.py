"""Date expressions in Arabic news text, resolved against the publication date.

:func:`find_dates` finds every date expression in a (normalised) text and resolves it to the
range of days it allows, with ACLED's time precision (1 a day, 2 within a week, 3 within a
month or wider). The vocabulary is data (``marsad/data/ar/dates.yaml``); this module holds the
grammar and the news conventions used to resolve an expression:

* a weekday name is the most recent such day on or before publication (the publication day
  itself when the weekday matches); with «الماضي/المنصرم...» strictly before it (1-7 days);
* «اليوم», «أمس», «أول أمس» ... are publication day minus 0, 1, 2, optionally with a part of the
  day («فجر اليوم», «مساء أمس») and a confirming weekday («أمس الجمعة», «أمس (السبت)»);
* nights: «ليل الأحد إلى الاثنين», «ليلة الأربعاء الخميس», «ليلة أمس», «الليلة الماضية» give
  date_min = the first day, date_max = the next day and precision 1 (the event is dated to the
  first night day, which :attr:`DateMention.day` returns). A night named by one weekday alone
  («ليلة الخميس») is that day;
* day + month without a year: the most recent such date on or before publication;
  month alone: the most recent such month (strictly before the publication month with «الماضي»);
  «22 الجاري» / «العاشر من الشهر الماضي» a day of the publication month / the month before;
  coordinated days «الأول والثالث من أغسطس» are two mentions, «بين 12 و15 يناير» one range;
* an ordinal day word is a date only before «من» + a month (not in «الفوج الأول من الجنود»), a
  month name that is also a common word (مارس, آب, ماي...) only with a date context;
* «الأسبوع الماضي» the 7 days before publication (precision 2), «هذا الأسبوع» the 7 days ending
  on it, «الشهر الماضي» the previous calendar month, «العام الماضي» the previous year, «مطلع/منتصف/
  نهاية» a part of a month (days 1-10, 11-20, 21-end), of a year (months 1-3, 5-8, 10-12) or of a
  week (start: Saturday-Tuesday, end/weekend: Friday-Sunday);
* «قبل/منذ N أيام» publication minus N (precision 1); weeks ±2 days, months ±10 days, years ±60 days;
* «مؤخرا», «في الأيام الأخيرة» the two weeks before publication (precision 3);
* «السبت قبل الماضي», «الأسبوع قبل الماضي» go one more week back;
* scheduled events («الخميس المقبل», «غدا») resolve after publication: every mention that starts
  after publication has kind "future" (the caller should not date a reported event with it).

Kinds: "weekday", "relative", "night", "absolute" (a day with a month), "month", "year", "vague"
(«مؤخرا»), "future".

Publication forms: with ``"YYYY-MM"`` (or ``"YYYY"``) only, an expression relative to publication
resolves to the hull of its resolutions at the first and the last day of that period (so the
whole month, precision 3), while a day + month without a year is taken on or before the last day.
With ``published=None`` only expressions carrying their own year are returned: weekday, relative
and year-less expressions give no mention (the caller falls back on the publication date).

Spans index into ``fold(text)``, which is ``text`` itself when the stage passes the normalised text
(:attr:`marsad.analysis.AnalysedDoc.text`); passing the :class:`~marsad.text.normalise.NormText`
(``doc.norm``) skips the folding. A publication year outside 1900-2100 counts as unknown.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from marsad.text.normalise import NormText, fold

__all__ = ["DateMention", "day_range_for_published", "find_dates", "load_lexicon"]

Precision = Literal[1, 2, 3]
Range = tuple[date, date]

_L = r"[\u0621-\u064Aa-z0-9]"
_B = rf"(?<!{_L})"
_E = rf"(?!{_L})"
_MIN_YEAR, _MAX_YEAR = 1950, 2049
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # span in the normalised text
    end: int
    date_min: date  # the range the expression allows
    date_max: date
    precision: Precision  # 1 = a day, 2 = within a week, 3 = within a month (or wider)
    kind: str  # "relative", "weekday", "night", "absolute", "month", "year", "vague", "future"

    @property
    def day(self) -> date | None:
        """The day of the event when it is known (precision 1), else None."""
        return self.date_min if self.precision == 1 else None


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]  # folded name -> month number
    ambiguous: frozenset[str]
    weekdays: dict[str, int]  # folded name -> Python weekday
    tod: tuple[str, ...]
    night: frozenset[str]
    day_offsets: dict[str, int]
    past: tuple[str, ...]
    future: tuple[str, ...]
    current: tuple[str, ...]
    ordinals: dict[str, int]
    number_words: dict[str, tuple[int, int]]
    units: dict[str, str]  # folded spelling -> unit
    dual_units: dict[str, str]
    calendar_units: dict[str, str]
    this_words: tuple[str, ...]
    parts: dict[str, str]  # folded word -> start/mid/end
    seasons: dict[str, tuple[int, int]]
    spans: dict[str, tuple[int, int, bool]]  # phrase -> (min offset, max offset, is a night)
    not_today_before: frozenset[str]
    not_today_after: frozenset[str]
    count_nouns: tuple[str, ...]
    not_year_before: frozenset[str]
    general_heads: frozenset[str]


def _f(words: Iterable[Any]) -> list[str]:
    return [" ".join(fold(str(w)).split()) for w in words]


@lru_cache(maxsize=1)
def load_lexicon() -> _Lexicon:
    """Read ``data/ar/dates.yaml`` once; every phrase is folded like the text it is matched in."""
    raw = yaml.safe_load(resources.files("marsad.data").joinpath("ar/dates.yaml").read_text(encoding="utf-8"))
    months = {name: int(num) for num, names in raw["months"].items() for name in _f(names)}
    weekdays = {name: int(num) for num, names in raw["weekdays"].items() for name in _f(names)}
    numbers: dict[str, tuple[int, int]] = {}
    for word, val in raw["number_words"].items():
        lo, hi = (val, val) if isinstance(val, int) else (int(val[0]), int(val[1]))
        numbers[_f([word])[0]] = (lo, hi)
    spans: dict[str, tuple[int, int, bool]] = {}
    night_spans = set(_f(raw.get("night_spans", [])))
    for entry in raw["spans"]:
        lo, hi = (int(x) for x in entry["offsets"])
        spans.update({p: (lo, hi, p in night_spans) for p in _f(entry["phrases"])})
    cal_units = {w: u for u, ws in raw["calendar_units"].items() for w in _f(ws)}
    cal_units.update({w: u for u, ws in raw.get("calendar_units_feminine", {}).items() for w in _f(ws)})
    return _Lexicon(
        months=months,
        ambiguous=frozenset(_f(raw["ambiguous_months"])),
        weekdays=weekdays,
        tod=tuple(_f(raw["time_of_day"])),
        night=frozenset(_f(raw["night_words"])),
        day_offsets={p: int(off) for off, ps in raw["day_offsets"].items() for p in _f(ps)},
        past=tuple(_f(raw["past_markers"])),
        future=tuple(_f(raw["future_markers"])),
        current=tuple(_f(raw["current_markers"])),
        ordinals={p: int(n) for n, ps in raw["ordinals"].items() for p in _f(ps)},
        number_words=numbers,
        units={w: u for u, ws in raw["units"].items() for w in _f(ws)},
        dual_units={w: u for u, ws in raw["dual_units"].items() for w in _f(ws)},
        calendar_units=cal_units,
        this_words=tuple(_f(raw["this_words"])),
        parts={w: p for p, ws in raw["parts"].items() for w in _f(ws)},
        seasons={_f([k])[0]: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        spans=spans,
        not_today_before=frozenset(_f(raw["not_today_before"])),
        not_today_after=frozenset(_f(raw["not_today_after"])),
        count_nouns=tuple(_f(raw["count_nouns"])),
        not_year_before=frozenset(_f(raw["not_year_before"])),
        general_heads=frozenset(_f(raw["general_heads"])),
    )


def _alt(phrases: Iterable[str]) -> str:
    """A regex alternation of folded phrases, longest first, each word boundary-closed."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in uniq) + f"){_E}"


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class _Rule:
    """A grammar built around a keyword: the ``anchors`` (literal words, found with ``str.find``, much faster
    than a regex scan) locate the keyword; ``full`` is then tried only at the word starts up to ``back``
    characters before it."""

    full: re.Pattern[str]
    anchors: tuple[str, ...] | re.Pattern[str]  # literal words, or a regex whose group "k" is the keyword
    group: str  # the group of ``full`` that must contain the keyword occurrence
    back: int


@dataclass(frozen=True, slots=True)
class _Grammar:
    month: _Rule
    relday: _Rule
    weekday: _Rule
    relative: _Rule
    ago: _Rule
    calendar: _Rule
    numeric: re.Pattern[str]
    year: _Rule
    count_after: re.Pattern[str]
    spans: _Rule
    prev_word: re.Pattern[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    lx = load_lexicon()
    mn = _alt(lx.months)
    wd = _alt(lx.weekdays)
    tod = _alt(lx.tod)
    past = _alt(lx.past)
    fut = _alt(lx.future)
    cur = _alt(lx.current)
    # feminine agreement («السنة الماضية»): marker + ه
    marker_f = _alt([m + "ه" for m in (*lx.past, *lx.future, *lx.current)] + [*lx.past, *lx.future, *lx.current])
    ords = _alt(lx.ordinals)
    parts = _alt(lx.parts)
    seasons = _alt(lx.seasons)
    yearw = r"(?:عام|العام|سنه|السنه)"
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)"
    wdpre = rf"(?:(?P<wdpre>{_B}[وف]?(?:{tod}\s+)?(?:يوم\s+)?{wd})\s*[،,]?\s*(?:الموافق\s+)?)?"
    daypart = (
        rf"(?P<dp>{_B}[وفب]?(?:يوم\s+)?(?:ال)?(?P<d>\d{{1,2}})(?!\d)"
        rf"(?:\s*(?P<dsep>-|–|و|الي|حتي)\s*(?:ال)?(?P<d2>\d{{1,2}})(?!\d))?\s*(?:من\s+)?(?:شهر\s+)?)"
    )
    ordpart = (
        rf"(?P<op>{_B}[وف]?(?:يوم\s+)?(?:(?P<o>{ords})(?:\s*و\s*(?P<o2>{ords}))?\s+من\s+(?:شهر\s+)?|(?P<o1>اول){_E}\s+(?:من\s+)?(?:شهر\s+)?))"
    )
    partpart = rf"(?P<pp>{_B}[وف]?(?P<part>{parts})\s+(?:شهر\s+)?)"
    cuepart = rf"(?:{_B}[وف]?(?:في|منذ|خلال|حتي|طيله|طوال){_E}\s+(?P<sh1>شهر\s+)?)"
    shpart = rf"(?P<sh>{_B}[وف]?[بل]?شهر\s+)"
    alt = rf"(?:\s*(?:[/(\-–]\s*)?(?P<m2>{mn})(?:\s*\))?)?"
    tail = (
        rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{yearw}\s*)?{year}(?:\s*م{_E})?"
        rf"|\s+(?:من\s+)?(?:العام|السنه)\s+(?P<yrel>{marker_f})"
        rf"|\s+(?P<rel>{past}|{fut}|{cur}))?"
    )
    month = re.compile(
        _B
        + wdpre
        + rf"(?:{daypart}|{ordpart}|{partpart}|{cuepart}|{shpart})?"
        + rf"(?<![\u0621-\u064A])[وف]?(?P<m1>{mn}){alt}{tail}"
    )
    weekday = re.compile(
        rf"{_B}[وف]?(?:(?P<tod>{tod})\s+)?(?:(?:يوم|يومي)\s+)?(?P<wd>{wd})"
        rf"(?:\s*(?P<sep>الي|حتي|-|–|و)?\s*(?:يوم\s+)?(?P<wd2>{wd}))?(?:\s+(?P<before>قبل\s+)?(?P<rel>{marker_f}))?"
    )
    relative = re.compile(
        rf"{_B}[وف]?(?:(?P<tod>{tod})\s+)?(?:يوم\s+)?(?P<rel>{_alt(lx.day_offsets)})"
        rf"(?:\s*[،,]?\s*(?P<paren>\()?\s*(?:يوم\s+)?(?P<wd>{wd})(?(paren)\s*\)))?"
    )
    relday = re.compile(
        rf"{_B}[وفب]?(?:يوم\s+)?(?:(?:ال)?(?P<d>\d{{1,2}})(?!\d)\s+(?:من\s+)?|(?P<o>{ords})\s+من\s+(?=(?:هذا\s+)?الشهر))"
        rf"(?:(?:هذا\s+)?الشهر\s+)?(?P<mod>{past}|{cur})"
    )
    units = _alt([*lx.units, "ساعه", "ساعات"])
    duals = _alt([*lx.dual_units, "ساعتين"])
    ago = re.compile(
        rf"{_B}[وف]?(?P<kw>قبل|منذ)\s+(?:(?:نحو|حوالي|قرابه|زهاء)\s+)?"
        rf"(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{_alt(lx.number_words)})\s+)?(?:(?P<unit>{units})|(?P<dual>{duals}))"
        rf"(?!\s+(?:من|علي){_E})(?!\s*\d)(?!\s+{mn})"
    )
    calendar_rx = re.compile(
        rf"{_B}[وف]?(?:(?P<off>عطله)\s+)?(?:(?P<part>{parts})\s+)?(?:(?P<this>{_alt(lx.this_words)})\s+)?"
        rf"(?P<unit>[بل]?{_alt(lx.calendar_units)}|لل(?:{'|'.join(u[2:] for u in lx.calendar_units)}){_E})"
        rf"(?:\s+(?P<before>قبل\s+)?(?P<mod>{marker_f}))?"
    )
    # starts with a digit class so that the regex engine skips to digits fast; the parts are checked in code
    numeric = re.compile(r"\d+(?P<sep>[/.\-])\d+(?P=sep)\d+(?![/.\-]?\d)")
    year_rx = re.compile(
        rf"(?<![\d.,])(?:{_B}[وف]?(?:(?P<part>{parts}|{seasons})\s+(?:{yearw}\s*)?|(?P<cue>{yearw}|ال)\s*"
        rf"|(?P<prep>في|منذ|حتي|خلال|بين|الي|من|قبل|بعد|و){_E}\s*))?"
        rf"(?P<y>(?:19[5-9]|20[0-4])\d)(?!\d)(?!\s*[/.\-]\s*\d{{1,2}}(?!\d))"
    )
    count_after = re.compile(rf"\s*(?:[وفبل]?(?:ال)?(?:{_count_alt(lx.count_nouns)})|من{_E})")
    spans = re.compile(rf"{_B}[وف]?(?P<p>{_alt(lx.spans)})")
    def longest(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({max(w.split(), key=len) for w in words}))

    span_back = max(len(p) for p in lx.spans) + 2
    return _Grammar(
        month=_Rule(month, re.compile(rf"(?<![\u0621-\u064A])[وف]?(?P<k>{mn})"), "m1", 90),
        relday=_Rule(relday, (*lx.past, *lx.current), "mod", 40),
        weekday=_Rule(weekday, tuple(lx.weekdays), "wd", 50),
        relative=_Rule(relative, longest(lx.day_offsets), "rel", 60),
        ago=_Rule(ago, ("قبل", "منذ"), "kw", 2),
        calendar=_Rule(calendar_rx, tuple(u[2:] for u in lx.calendar_units), "unit", 32),
        numeric=numeric,
        year=_Rule(year_rx, re.compile(r"(?P<k>(?:19[5-9]|20[0-4])\d)(?!\d)"), "y", 40),
        count_after=count_after,
        spans=_Rule(spans, longest(lx.spans), "p", span_back),
        prev_word=re.compile(r"([^\s،,.:;()\"'«»]+)[\s،,]*$"),
    )


_WORD_START = re.compile(rf"(?<!{_L})\S")
_CLITICS = frozenset("وفبلك")


def _is_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "a" <= ch <= "z" or "0" <= ch <= "9"


def _at_word_start(text: str, h: int) -> bool:
    """True when position h starts a word, allowing up to two proclitics (و/ف/ب/ل/ك) before it."""
    if text[h].isdigit():
        return True
    i = h
    for _ in range(3):
        if i == 0 or not _is_letter(text[i - 1]):
            return True
        if text[i - 1] not in _CLITICS:
            return False
        i -= 1
    return False


def _positions(text: str, anchors: tuple[str, ...] | re.Pattern[str]) -> list[int]:
    """Sorted word-start positions of the anchor words (``str.find`` is far faster than a regex scan of
    an alternation whose words begin with different letters)."""
    if isinstance(anchors, re.Pattern):
        return [m.start("k") for m in anchors.finditer(text)]
    found: set[int] = set()
    for a in anchors:
        i = text.find(a)
        while i >= 0:
            if _at_word_start(text, i) or (a[:2] != "ال" and i >= 2 and text[i - 2 : i] in ("ال", "لل")
                                            and _at_word_start(text, i - 2)):
                found.add(i)
            i = text.find(a, i + 1)
    return sorted(found)


def _count_alt(nouns: Iterable[str]) -> str:
    out = []
    for n in nouns:
        star = n.endswith("*")
        w = re.escape(n.rstrip("*"))
        out.append(w + (r"[\u0621-\u064A]*" if star else "") + _E)
    return "|".join(out)


# --------------------------------------------------------------------------- publication


@dataclass(frozen=True, slots=True)
class _Pub:
    lo: date
    hi: date

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


_PUB_RX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=1024)
def _parse_published(published: str | None) -> _Pub | None:
    if not published:
        return None
    m = _PUB_RX.match(published.strip())
    if not m:
        return None
    y = int(m.group(1))
    if not 1900 <= y <= 2100:  # far outside the news era: treated as unknown (keeps date arithmetic in range)
        return None
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return _Pub(d, d)
        if m.group(2):
            mo = int(m.group(2))
            return _Pub(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))
        return _Pub(date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None


def day_range_for_published(published: str | None) -> tuple[date, date] | None:
    """The days a publication date allows: one day, a whole month or a whole year; None if unknown/invalid."""
    pub = _parse_published(published)
    return None if pub is None else (pub.lo, pub.hi)


# --------------------------------------------------------------------------- date arithmetic


def _month_range(y: int, m: int) -> Range | None:
    if not (1 <= m <= 12 and date.min.year <= y <= date.max.year):
        return None
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _add_months(d: date, k: int) -> date:
    y, m = _shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_on_or_before(m: int, d: int, ref: date) -> date | None:
    """The most recent day-month on or before ref (Feb 29 goes back to a leap year)."""
    for y in range(ref.year, ref.year - 9, -1):
        got = _safe_date(y, m, d)
        if got is not None and got <= ref:
            return got
    return None


def _next_after(m: int, d: int, ref: date) -> date | None:
    for y in range(ref.year, ref.year + 9):
        got = _safe_date(y, m, d)
        if got is not None and got > ref:
            return got
    return None


def _precision(rng: Range) -> Precision:
    width = (rng[1] - rng[0]).days + 1
    if width <= 1:
        return 1
    if width <= 7:
        return 2
    return 3


def _hull(pub: _Pub, f: Callable[[date], Range | None]) -> Range | None:
    """Resolve a publication-relative expression; over a month/year publication, the hull at both ends."""
    a = f(pub.lo)
    if pub.exact:
        return a
    b = f(pub.hi)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), max(a[1], b[1])


_PART_DAYS = {"start": (1, 10), "mid": (11, 20), "end": (21, 31)}
_PART_MONTHS = {"start": (1, 3), "mid": (5, 8), "end": (10, 12)}


def _month_part(y: int, m: int, part: str | None) -> Range | None:
    rng = _month_range(y, m)
    if rng is None or part is None:
        return rng
    lo, hi = _PART_DAYS[part]
    return date(y, m, lo), date(y, m, min(hi, rng[1].day))


def _year_part(y: int, part: str | None, season: tuple[int, int] | None = None) -> Range | None:
    if not date.min.year < y < date.max.year:
        return None
    if season is not None:
        a, b = season
        start = date(y - 1, a, 1) if a > b else date(y, a, 1)
        return start, date(y, b, calendar.monthrange(y, b)[1])
    if part is None:
        return date(y, 1, 1), date(y, 12, 31)
    a, b = _PART_MONTHS[part]
    return date(y, a, 1), date(y, b, calendar.monthrange(y, b)[1])


def _weekday_on_or_before(ref: date, wd: int, strict: bool = False) -> date:
    delta = (ref.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)


# --------------------------------------------------------------------------- the finder


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    rng: Range
    kind: str
    night: bool = False


class _Finder:
    def __init__(self, text: str, pub: _Pub | None) -> None:
        self.text = text
        self.pub = pub
        self.lx = load_lexicon()
        self.g = _grammar()
        self.found: list[_Found] = []

    def add(self, start: int, end: int, rng: Range | None, kind: str, night: bool = False) -> None:
        if rng is None or rng[0] > rng[1] or start >= end:
            return
        if self.pub is not None and kind not in ("future",) and rng[0] > self.pub.hi:
            kind = "future"
        self.found.append(_Found(start, end, rng, kind, night))

    def prev_word(self, pos: int) -> str:
        m = self.g.prev_word.search(self.text, max(0, pos - 40), pos)
        return m.group(1) if m else ""

    def next_word(self, pos: int) -> str:
        rest = self.text[pos : pos + 40].split()
        return rest[0] if rest else ""

    def _anchored(self, rule: _Rule) -> list[re.Match[str]]:
        """Like ``rule.full.finditer`` but only tried near the keyword's occurrences: for each, the match
        starting earliest (at most ``rule.back`` characters before) whose keyword group holds it."""
        text = self.text
        out: list[re.Match[str]] = []
        last_end = 0
        for h in _positions(text, rule.anchors):
            if h < last_end:
                continue
            starts = [ws.start() for ws in _WORD_START.finditer(text, max(last_end, h - rule.back), h + 1)]
            for pos in starts:
                m = rule.full.match(text, pos)
                if m is not None and m.start(rule.group) <= h < max(m.end(rule.group), h + 1):
                    out.append(m)
                    last_end = m.end()
                    break
        return out

    # -- month-based expressions: «12 يناير 2013», «الأول من آب/أغسطس», «مطلع مارس», «يونيو الماضي»
    def months(self) -> None:
        lx = self.lx
        for m in self._anchored(self.g.month):
            m1 = _key(m.group("m1"))
            month = lx.months[m1]
            day: int | None = None
            day2: int | None = None
            start = m.start("m1")
            split: tuple[int, int] | None = None  # «الأول والثالث من أغسطس»: two days, two mentions
            if m.group("d"):
                day = int(m.group("d"))
                start = m.start("dp")
                if m.group("d2"):
                    day2 = int(m.group("d2"))
                    if m.group("dsep") == "و" and self.prev_word(start) not in ("بين", "وبين"):
                        split = (m.end("d"), m.start("d2"))
            elif m.group("o") or m.group("o1"):
                prev = self.prev_word(m.start("op"))
                if self._attributive(prev):
                    start = m.start("m1")
                else:
                    day = lx.ordinals[_key(m.group("o"))] if m.group("o") else 1
                    start = m.start("op")
                    if m.group("o2"):
                        day2 = lx.ordinals[_key(m.group("o2"))]
                        if self.prev_word(start) not in ("بين", "وبين"):
                            split = (m.end("o"), m.start("o2"))
            elif m.group("pp"):
                start = m.start("pp")
            elif m.group("sh"):
                start = m.start("sh")
            elif m.group("sh1"):
                start = m.start("sh1")
            if day is not None and not 1 <= day <= 31:
                day, day2, start, split = None, None, m.start("m1"), None
            if day2 is not None and not 1 <= day2 <= 31:
                day2, split = None, None
            if day is not None and m.group("wdpre"):
                start = m.start("wdpre")
            part = lx.parts[_key(m.group("part"))] if m.group("part") and day is None else None
            has_context = any(
                m.group(g) for g in ("d", "o", "o1", "pp", "sh", "sh1", "m2", "y", "yrel", "rel")
            ) or self._cue_before(m.start("m1"))
            if m1 in lx.ambiguous and not has_context:
                continue
            if split is not None and day2 is not None:
                rng, kind = self._resolve_month(m, month, day, None, part)
                self.add(start, split[0], rng, kind)
                rng, kind = self._resolve_month(m, month, day2, None, part)
                self.add(split[1], m.end(), rng, kind)
                continue
            rng, kind = self._resolve_month(m, month, day, day2, part)
            self.add(start, m.end(), rng, kind)

    def _cue_before(self, pos: int) -> bool:
        return self.prev_word(pos) in ("في", "وفي", "منذ", "خلال", "حتي", "طيله", "طوال", "شهر", "بشهر", "لشهر")

    def _attributive(self, prev: str) -> bool:
        """An ordinal after a definite noun is an adjective («الفوج الأول من ...»), not a day."""
        lx = self.lx
        if not prev or prev in ("يوم", "الموافق", "في", "وفي") or prev in lx.weekdays:
            return False
        bare = prev[1:] if prev[:1] in "وف" and len(prev) > 3 else prev
        return bare.startswith(("ال", "بال", "لل", "كال")) and prev not in lx.day_offsets

    def _resolve_month(
        self, m: re.Match[str], month: int, day: int | None, day2: int | None, part: str | None
    ) -> tuple[Range | None, str]:
        pub = self.pub
        lx = self.lx
        rel = m.group("rel")
        relkind = None
        if rel:
            r = _key(rel)
            relkind = "past" if r in lx.past else "future" if r in lx.future else "current"
        year: int | None = int(m.group("y")) if m.group("y") else None
        if year is None and m.group("yrel"):
            if pub is None:
                return None, ""
            yr = _key(m.group("yrel"))
            yr = yr[:-1] if yr.endswith("ه") and yr[:-1] in (*lx.past, *lx.future, *lx.current) else yr
            year = pub.hi.year + (-1 if yr in lx.past else 1 if yr in lx.future else 0)
        if day is not None:
            kind = "absolute"
            if year is not None:
                first = _safe_date(year, month, day)
            elif pub is None:
                return None, ""
            elif relkind == "future":
                first, kind = _next_after(month, day, pub.hi), "future"
            else:
                first = _last_on_or_before(month, day, pub.hi)
                upcoming = _next_after(month, day, pub.hi)
                # «الانتخابات المقررة في 29 يوليو» in a paper of 2 July: a day a year back is less likely
                # than the same day a few weeks ahead, which is a plan, not an event
                if first is not None and upcoming is not None and pub.lo == pub.hi \
                        and (pub.hi - first).days > 300 and (upcoming - pub.hi).days <= 45:
                    first, kind = upcoming, "future"
            if first is None:
                return None, ""
            last = first
            if day2 is not None and day < day2 <= 31:
                last = _safe_date(first.year, month, day2) or first
            return (first, last), kind
        if year is None:
            if pub is None:
                return None, ""
            ref = pub.hi
            if relkind == "past":
                year = ref.year if month < ref.month else ref.year - 1
            elif relkind == "future":
                year = ref.year if month > ref.month else ref.year + 1
            elif relkind == "current":
                year = ref.year
            else:
                year = ref.year if month <= ref.month else ref.year - 1
        return _month_part(year, month, part), "future" if relkind == "future" else "month"

    # -- «22 الجاري», «العاشر من الشهر الماضي»: a day of the publication month or of the one before
    def reldays(self) -> None:
        if self.pub is None:
            return
        lx = self.lx
        for m in self._anchored(self.g.relday):
            if m.group("o"):
                if self._attributive(self.prev_word(m.start("o"))):
                    continue
                day = lx.ordinals[_key(m.group("o"))]
            else:
                day = int(m.group("d"))
            shift = -1 if _key(m.group("mod")) in lx.past else 0

            def resolve(p: date, day: int = day, shift: int = shift) -> Range | None:
                y, mo = _shift_month(p.year, p.month, shift)
                got = _safe_date(y, mo, day)
                return None if got is None else (got, got)

            ref = self.pub.hi
            self.add(m.start(), m.end(), resolve(ref), "absolute")

    # -- «الثلاثاء», «مساء الخميس», «الجمعة الماضي», «ليل الأحد إلى الاثنين»
    def weekdays(self) -> None:
        if self.pub is None:
            return
        lx = self.lx
        for m in self._anchored(self.g.weekday):
            w = lx.weekdays[_key(m.group("wd"))]
            if w == 6 and re.match(r"\s+عشر", self.text[m.end("wd") :]):  # «الأحد عشر» = eleven
                continue
            if w == 0 and not m.group("tod") and self._dual_noun(self.prev_word(m.start("wd"))):
                continue  # «البلدين الاثنين» = both
            tod = _key(m.group("tod")) if m.group("tod") else None
            night = tod in lx.night if tod else False
            rel = _key(m.group("rel")) if m.group("rel") else None
            if rel is not None and rel not in (*lx.past, *lx.future, *lx.current):
                rel = rel[:-1]  # feminine agreement: «الجمعة الماضية»
            if rel in lx.current:
                rel = None
            strict = rel in lx.past if rel else False
            future = rel in lx.future if rel else False
            if m.group("before") and not strict:
                continue
            extra = timedelta(days=7) if m.group("before") else timedelta(0)  # «السبت قبل الماضي»
            wd2 = lx.weekdays[_key(m.group("wd2"))] if m.group("wd2") else None

            def resolve(
                p: date, w: int = w, wd2: int | None = wd2, strict: bool = strict, future: bool = future,
                extra: timedelta = extra,
            ) -> Range:
                last_w = w if wd2 is None else wd2
                if future:
                    ahead = (last_w - p.weekday()) % 7 or 7
                    last = p + timedelta(days=ahead)
                else:
                    last = _weekday_on_or_before(p, last_w, strict) - extra
                if wd2 is None:
                    return last, last
                return last - timedelta(days=(wd2 - w) % 7), last

            rng = _hull(self.pub, resolve)
            # a night runs from one day into the next: «ليل الأحد إلى الاثنين», «ليلة الثلاثاء الأربعاء»
            is_night = wd2 is not None and (wd2 - w) % 7 == 1 and (night or m.group("sep") != "و")
            kind = "future" if future else "night" if is_night else "weekday"
            self.add(m.start(), m.end(), rng, kind, night=is_night and self.pub.exact)

    @staticmethod
    def _dual_noun(prev: str) -> bool:
        return prev.startswith(("ال", "وال")) and prev.endswith(("ين", "ان")) and len(prev) > 4

    # -- «اليوم», «أمس», «فجر اليوم», «أمس الجمعة», «ليلة أمس»
    def relatives(self) -> None:
        if self.pub is None:
            return
        lx = self.lx
        for m in self._anchored(self.g.relative):
            word = _key(m.group("rel"))
            off = lx.day_offsets[word]
            tod = _key(m.group("tod")) if m.group("tod") else None
            if off == 0 and not m.group("wd"):
                nxt = self.next_word(m.end())
                if nxt in lx.not_today_after or (nxt.startswith("ال") and nxt not in lx.weekdays):
                    continue  # «صباح اليوم نفسه», «اليوم التالي», «اليوم الثاني», «اليوم العالمي»
                if not tod and self.prev_word(m.start("rel")) in lx.not_today_before:
                    continue  # «في نفس اليوم», «حتى اليوم»
            night = tod in lx.night if tod else False

            def resolve(p: date, off: int = off, night: bool = night) -> Range:
                d = p + timedelta(days=off)
                return (d, d + _DAY) if night else (d, d)

            self.add(m.start(), m.end(), _hull(self.pub, resolve), "night" if night else "relative",
                     night=night and self.pub.exact)

    # -- «قبل يومين», «منذ ثلاثة أيام», «قبل أسبوع»
    def agos(self) -> None:
        if self.pub is None:
            return
        lx = self.lx
        for m in self._anchored(self.g.ago):
            if m.group("dual"):
                unit = lx.dual_units.get(_key(m.group("dual")), "hour")
                lo = hi = 2
            else:
                uw = _key(m.group("unit"))
                unit = lx.units.get(uw, "hour")
                if m.group("n"):
                    lo = hi = int(m.group("n"))
                elif m.group("nw"):
                    lo, hi = lx.number_words[_key(m.group("nw"))]
                elif uw in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات", "سنين", "ساعات"):
                    lo, hi = 2, 9
                else:
                    lo = hi = 1
            if lo <= 0:
                continue

            def resolve(p: date, unit: str = unit, lo: int = lo, hi: int = hi) -> Range | None:
                try:
                    if unit == "hour":
                        return (p - _DAY, p) if hi < 24 else (p - timedelta(days=hi // 24 + 1), p)
                    if unit == "day":
                        return p - timedelta(days=hi), p - timedelta(days=lo)
                    if unit == "week":
                        return p - timedelta(days=7 * hi + 2), p - timedelta(days=7 * lo - 2)
                    if unit == "month":
                        return _add_months(p, -hi) - timedelta(days=10), _add_months(p, -lo) + timedelta(days=10)
                    return _add_months(p, -12 * hi) - timedelta(days=60), _add_months(p, -12 * lo) + timedelta(days=60)
                except (OverflowError, ValueError):
                    return None

            self.add(m.start(), m.end(), _hull(self.pub, resolve), "relative")

    # -- «الأسبوع الماضي», «مطلع الشهر الجاري», «العام الماضي», «نهاية الأسبوع»
    def calendars(self) -> None:
        if self.pub is None:
            return
        lx = self.lx
        for m in self._anchored(self.g.calendar):
            unit_word = _key(m.group("unit"))
            if unit_word.startswith("لل"):
                unit_word = "ال" + unit_word[2:]
            elif unit_word[:1] in "بل" and unit_word[1:] in lx.calendar_units:
                unit_word = unit_word[1:]
            unit = lx.calendar_units[unit_word]
            part = lx.parts[_key(m.group("part"))] if m.group("part") else None
            mod = _key(m.group("mod")) if m.group("mod") else None
            if mod is not None and mod not in (*lx.past, *lx.future, *lx.current):
                mod = mod[:-1]
            if m.group("off"):
                part = "end" if unit == "week" else part
            if mod is None and part is None and not m.group("this"):
                continue
            if mod == "السابق" and unit == "year":
                continue
            if unit == "year" and not part and not m.group("this") and self._general_adjective(m.start("unit")):
                continue
            shift = -1 if mod in lx.past else 1 if mod in lx.future else 0
            if m.group("before"):  # «الأسبوع قبل الماضي»
                if shift != -1:
                    continue
                shift = -2
            explicit = bool(m.group("this")) or mod in lx.current
            start = m.start("off") if m.group("off") else m.start("part") if m.group("part") else (
                m.start("this") if m.group("this") else m.start("unit"))

            def resolve(p: date, unit: str = unit, part: str | None = part, shift: int = shift,
                        explicit: bool = explicit) -> Range | None:
                return _calendar_range(p, unit, part, shift, explicit)

            rng = _hull(self.pub, resolve)
            self.add(start, m.end(), rng, "future" if shift > 0 else "relative")

    def _general_adjective(self, pos: int) -> bool:
        """«الأمين العام الحالي»: «العام» after such a noun is the adjective 'general'."""
        prev = self.prev_word(pos)
        if prev[:1] in "وفل" and prev[1:3] == "ال":
            prev = prev[1:]
        return prev in self.lx.general_heads

    # -- fixed spans: «مؤخرا», «خلال اليومين الماضيين», «الليلة الماضية»
    def spans(self) -> None:
        if self.pub is None:
            return
        for hit in self._anchored(self.g.spans):
            lo, hi, night = self.lx.spans[_key(hit.group("p"))]

            def resolve(p: date, lo: int = lo, hi: int = hi) -> Range:
                return p + timedelta(days=lo), p + timedelta(days=hi)

            kind = "night" if night else "vague" if hi - lo > 6 else "relative"
            self.add(hit.start(), hit.end(), _hull(self.pub, resolve), kind, night=night and self.pub.exact)

    # -- «12/1/2013», «2013-01-12»
    def numerics(self) -> None:
        for m in self.g.numeric.finditer(self.text):
            if m.start() and self.text[m.start() - 1] in "0123456789/.-":
                continue
            p1, p2, p3 = m.group().split(m.group("sep"))
            if len(p1) == 4 and len(p2) <= 2 and len(p3) <= 2:  # 2013-01-12
                y, mo, d = int(p1), int(p2), int(p3)
            elif len(p1) <= 2 and len(p2) <= 2 and (len(p3) == 4 or (len(p3) == 2 and m.group("sep") == "/")):
                a, b, c = int(p1), int(p2), int(p3)  # day/month/year, the Arabic order (month/day if it must be)
                y = c if len(p3) == 4 else 2000 + c if c < 50 else 1900 + c
                d, mo = (a, b) if b <= 12 else (b, a)
            else:
                continue
            if not _MIN_YEAR <= y <= _MAX_YEAR:
                continue
            got = _safe_date(y, mo, d)
            if got is not None:
                self.add(m.start(), m.end(), (got, got), "absolute")

    # -- «عام 2013», «في 2013», «صيف 2015», «أواخر 2012»
    def years(self) -> None:
        lx = self.lx
        for m in self._anchored(self.g.year):
            y = int(m.group("y"))
            if not (m.group("part") or m.group("cue")):
                if self.g.count_after.match(self.text, m.end()):
                    continue
                if self.prev_word(m.start("y")) in lx.not_year_before:
                    continue
            season = None
            part = None
            if m.group("part"):
                pw = _key(m.group("part"))
                season = lx.seasons.get(pw)
                part = lx.parts.get(pw)
            start = m.start("part") if m.group("part") else m.start("cue") if m.group("cue") else m.start("y")
            self.add(start, m.end(), _year_part(y, part, season), "year")

    def run(self) -> list[DateMention]:
        if not self.text:
            return []
        self.months()
        self.reldays()
        self.numerics()
        self.years()
        self.weekdays()
        self.relatives()
        self.agos()
        self.calendars()
        self.spans()
        return self._select()

    def _select(self) -> list[DateMention]:
        """Longest-first, non-overlapping; ties go to the earlier (more specific grammar) candidate."""
        order = sorted(range(len(self.found)), key=lambda i: (-(self.found[i].end - self.found[i].start), i))
        taken: list[_Found] = []  # non-overlapping, kept sorted by start: a new span need only check its neighbours
        starts: list[int] = []
        for i in order:
            f = self.found[i]
            k = bisect_left(starts, f.start)
            if (k > 0 and taken[k - 1].end > f.start) or (k < len(taken) and taken[k].start < f.end):
                continue
            taken.insert(k, f)
            starts.insert(k, f.start)
        out = []
        for f in taken:
            prec: Precision = 1 if f.night else _precision(f.rng)
            out.append(DateMention(f.start, f.end, f.rng[0], f.rng[1], prec, f.kind))
        return out


def _calendar_range(p: date, unit: str, part: str | None, shift: int, explicit: bool) -> Range | None:
    if unit == "week":
        if part is None:
            if shift == 0:
                return p - timedelta(days=6), p
            if shift < 0:
                return p + timedelta(days=7 * shift), p + timedelta(days=7 * shift + 6)
            return p + _DAY, p + timedelta(days=7)
        if part == "end":  # the weekend: Friday to Sunday
            fri = _weekday_on_or_before(p, 4)
            if shift < 0:
                fri += timedelta(days=7 * (shift + 1) - (7 if (p - fri).days <= 2 else 0))
            elif shift > 0:
                fri += timedelta(days=7)
            lo, hi = fri, fri + timedelta(days=2)
        else:
            sun = _weekday_on_or_before(p, 6) + timedelta(days=7 * shift)
            a, b = (-1, 2) if part == "start" else (2, 4)
            lo, hi = sun + timedelta(days=a), sun + timedelta(days=b)
            if shift == 0 and lo > p and not explicit:
                lo, hi = lo - timedelta(days=7), hi - timedelta(days=7)
        if shift == 0 and lo <= p < hi:
            hi = p
        return lo, hi
    if unit == "month":
        y, mo = _shift_month(p.year, p.month, shift)
        rng = _month_part(y, mo, part)
        if rng is None:
            return None
        if shift == 0 and part is not None and rng[0] > p and not explicit:
            y, mo = _shift_month(p.year, p.month, -1)
            rng = _month_part(y, mo, part)
            if rng is None:
                return None
        if shift == 0 and rng[0] <= p < rng[1]:
            rng = (rng[0], p)
        return rng
    yrng = _year_part(p.year + shift, part)
    if yrng is None:
        return None
    if shift == 0 and part is not None and yrng[0] > p and not explicit:
        yrng = _year_part(p.year - 1, part)
        if yrng is None:
            return None
    if shift == 0 and yrng[0] <= p < yrng[1]:
        yrng = (yrng[0], p)
    return yrng


def find_dates(text: str | NormText, published: str | None) -> list[DateMention]:
    """Every date expression in ``text`` resolved against ``published`` ("YYYY-MM-DD", "YYYY-MM", "YYYY" or None).

    Mentions come in text order, without overlaps; spans index into the normalised text.
    Never raises on odd input: an unreadable ``published`` is treated as unknown.
    """
    norm = text.text if isinstance(text, NormText) else fold(text)
    return _Finder(norm, _parse_published(published)).run()
