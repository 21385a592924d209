#!/usr/bin/env python3
"""Geocoder speed: gazetteer load time, lookups per second, find() throughput. Prints figures.

    python bench/geo_bench.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.resolve import Geocoder
from marsad.text.normalise import normalise

NAMES = ["غاو", "بتمبكتو", "وباماكو", "ميناكا", "مينكا", "دوانتزا", "سيغو", "سيجو", "كيدال", "موبتي", "واغادوغو",
         "جيبو", "نيامي", "تيلابيري", "سيفاري", "Ouagadougou", "Ménaka", "Sévaré", "Gao", "Tombouctou",
         "زوكوبالا", "سوكورا", "ديا", "كسيلا", "Koro"]
TEXTS = [
    "هاجم مسلحون مجهولون فجر اليوم معسكرا للجيش المالي في بلدة بوني بين دوانتزا وهومبوري في منطقة موبتي وسط مالي،"
    " وقال مصدر أمني إن الهجوم أسفر عن مقتل عشرة جنود. وفي سياق متصل انفجرت عبوة ناسفة قرب مدينة غاو شمال البلاد.",
    "أعلنت وزارة الدفاع في بوركينا فاسو مقتل 15 جنديا في كمين على بعد 30 كلم من جيبو في إقليم سوم، فيما قتل مدنيون"
    " في قرية بمنطقة الساحل. وفي النيجر قتل جنود في هجوم قرب تيلابيري على الحدود مع مالي.",
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gaz = Gazetteer.from_package()
    t1 = time.perf_counter()
    geo = Geocoder(gaz)
    t2 = time.perf_counter()
    print(f"gazetteer load: {t1 - t0:.3f} s ({len(gaz)} rows); geocoder init: {t2 - t1:.3f} s")
    geo.lookup("غاو")  # warm caches
    n = 0
    t = time.perf_counter()
    for _ in range(args.rounds * 40):
        for name in NAMES:
            geo.lookup(name)
            n += 1
    dt = time.perf_counter() - t
    print(f"lookup: {n / dt:,.0f} lookups/s ({n} lookups)")
    texts = [normalise(x).text for x in TEXTS]
    chars = 0
    t = time.perf_counter()
    for _ in range(args.rounds * 10):
        for x in texts:
            geo.find(x)
            chars += len(x)
    dt = time.perf_counter() - t
    print(f"find: {args.rounds * 10 * len(texts) / dt:,.0f} documents/s ({chars / dt / 1000:,.0f} k chars/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
