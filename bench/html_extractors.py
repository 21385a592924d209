#!/usr/bin/env python3
"""Main-text extraction of news pages: trafilatura against Marsad's own ``read/html_main.py``.

    python bench/html_extractors.py [--rounds 200]

Five page layouts written here (Arabic text of our own): a clean ``<article>``; a ``<div>`` soup with a long
"most read" list and reader comments; text in ``<br>``-separated lines of one ``<div>``; paragraphs among
long "related stories" teasers; and the date only in JSON-LD. For each extractor: the share of the article's
sentences found (recall), the share of boilerplate sentences that leaked in, whether the publication date
was found, and the time per page (trafilatura as the watcher runs it, ``fast``, and with its fallbacks).
Prints a table; no target (it informs the choice of extractor).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from marsad.read.html_main import extract_page
from marsad.watch.pages import read_page

BODY = ["قتل ستة جنود في هجوم على موقع عسكري قرب بلدة بوني وسط مالي يوم الأحد.",
        "وقال مصدر أمني إن المهاجمين وصلوا على دراجات نارية وأحرقوا آليتين قبل أن ينسحبوا.",
        "وأضاف المصدر أن تعزيزات وصلت إلى المنطقة صباح الاثنين وأن عمليات التمشيط متواصلة."]
NOISE = ["الأكثر قراءة: ارتفاع أسعار الوقود في العاصمة للمرة الثالثة هذا العام",
         "تعليق القارئ: نرجو من الحكومة أن تهتم بالطرق الريفية قبل موسم الأمطار",
         "اقرأ أيضا: المنتخب الوطني يفوز في مباراته الودية استعدادا للبطولة القارية",
         "اشترك في نشرتنا البريدية لتصلك آخر الأخبار كل صباح"]
DATE = "2024-05-12"


@dataclass(frozen=True)
class Page:
    name: str
    html: str


def _ps(lines: list[str]) -> str:
    return "".join(f"<p>{x}</p>" for x in lines)


PAGES = [
    Page("clean <article>", f'<html><head><meta property="article:published_time" content="{DATE}T09:00:00Z">'
         f"<title>هجوم قرب بوني</title></head><body><nav>{NOISE[3]}</nav><article><h1>هجوم قرب بوني</h1>"
         f"{_ps(BODY)}</article><footer>{NOISE[2]}</footer></body></html>"),
    Page("div soup, most-read, comments", f'<html><head><meta name="date" content="{DATE}"></head><body>'
         f'<div class="wrap"><div class="col-main"><div class="txt">{_ps(BODY)}</div></div>'
         f'<div class="col-side"><div class="most-read"><ul>{"".join(f"<li>{NOISE[0]} {i}</li>" for i in range(8))}'
         f'</ul></div></div><div class="comments"><div class="comment">{_ps([NOISE[1]] * 3)}</div></div></div>'
         f"</body></html>"),
    Page("<br> lines in one div", f'<html><head><meta property="article:published_time" content="{DATE}">'
         f'</head><body><div id="content">{"<br><br>".join(BODY)}</div><div class="share">{NOISE[3]}</div>'
         f"</body></html>"),
    Page("long related teasers", f'<html><head><meta property="article:published_time" content="{DATE}"></head>'
         f'<body><main><div class="story">{_ps(BODY)}</div><section class="related">'
         f'{"".join(f"<div class=teaser><p>{NOISE[2]} {NOISE[0]}</p></div>" for _ in range(4))}</section></main>'
         f"</body></html>"),
    Page("date only in JSON-LD", '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
         f'"datePublished": "{DATE}T08:00:00Z", "headline": "هجوم قرب بوني"}}</script></head><body><article>'
         f"{_ps(BODY)}</article><aside>{NOISE[0]}</aside></body></html>"),
]


def _score(text: str, date: str | None) -> tuple[float, float, bool]:
    found = sum(s in text for s in BODY) / len(BODY)
    leaked = sum(n in text for n in NOISE) / len(NOISE)
    return found, leaked, date == DATE


def _html_main(html: str) -> tuple[str, str | None]:
    page = extract_page(html)
    return page.text, (page.published or "")[:10] or None


def _trafilatura(html: str) -> tuple[str, str | None]:
    try:
        page = read_page(html, extractor="trafilatura")
    except ValueError:
        return "", None
    return page.text, page.published


def _trafilatura_full(html: str) -> tuple[str, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    return (getattr(doc, "text", "") or "", getattr(doc, "date", None)) if doc is not None else ("", None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args(argv)
    print(f"{'page':<32} {'extractor':<12} {'recall':>6} {'leak':>6} {'date':>5} {'ms/page':>8}")
    for page in PAGES:
        for name, fn in (("html_main", _html_main), ("traf. fast", _trafilatura), ("traf. full", _trafilatura_full)):
            text, date = fn(page.html)
            found, leaked, dated = _score(text, date)
            t0 = time.perf_counter()
            for _ in range(args.rounds):
                fn(page.html)
            ms = (time.perf_counter() - t0) / args.rounds * 1000
            print(f"{page.name:<32} {name:<12} {found:>6.2f} {leaked:>6.2f} {'yes' if dated else 'no':>5} {ms:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
