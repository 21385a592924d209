#!/usr/bin/env python3
"""Build ``src/marsad/data/ar/frequent_words.txt``: the Arabic words too frequent in general text to be read
as a village by the geocoder's fuzzy or clitic matching.

Source: the Arabic word frequencies that the ``wordfreq`` package ships (Wikipedia, subtitles, news, web
text, Twitter; data CC BY-SA 4.0, Robyn Speer / Luminoso), not the project's corpora. Kept: Arabic-script
words with a Zipf frequency of at least ``--zipf`` (3.0 = once per million words), folded as Marsad folds
text. Left out: the GeoNames Arabic names of the gazetteer's major places (countries, admin1 areas and
their seats, capitals, towns of 100,000 people or more), which are frequent *because* they are places.

Run: ``python scripts/build_stoplist.py`` (``make gazetteer`` runs it after the gazetteer).
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from marsad.geo.gazetteer import Gazetteer  # noqa: E402
from marsad.geo.transliterate import is_arabic  # noqa: E402
from marsad.text.normalise import fold  # noqa: E402

HEADER = """# Arabic words frequent in general text (Zipf >= {zipf}), folded: never read as a village by the geocoder's
# fuzzy or clitic matching, nor through a GeoNames Arabic alternate name (curated places.tsv spellings are
# unaffected). Built by scripts/build_stoplist.py from the word frequencies of the wordfreq package
# ({version}; data CC BY-SA 4.0, Robyn Speer / Luminoso), minus the Arabic names of the gazetteer's major
# places. One word a line, {n} words.
"""


def major_place_names(gaz: Gazetteer) -> set[str]:
    keep = {"PCLI", "ADM1", "PPLC", "PPLA"}
    out: set[str] = set()
    for name, rows in gaz.arabic_index.items():
        if any(gaz.fcode[i] in keep or gaz.pop[i] >= 100_000 for i in rows):
            out.add(name)
    return out


def build(zipf: float, out: Path) -> int:
    import wordfreq

    keep = major_place_names(Gazetteer.default())
    words: set[str] = set()
    for word, freq in wordfreq.get_frequency_dict("ar").items():
        if freq < 10 ** (zipf - 9) or not is_arabic(word):
            continue
        f = fold(word)
        if len(f) >= 2 and " " not in f and f not in keep:
            words.add(f)
    version = f"wordfreq {metadata.version('wordfreq')}"
    out.write_text(HEADER.format(zipf=zipf, version=version, n=len(words)) + "\n".join(sorted(words)) + "\n",
                   encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zipf", type=float, default=3.0, help="the lowest Zipf frequency of a listed word")
    ap.add_argument("--out", default=str(REPO / "src" / "marsad" / "data" / "ar" / "frequent_words.txt"))
    args = ap.parse_args(argv)
    n = build(args.zipf, Path(args.out))
    print(f"stoplist: {n} frequent Arabic words written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
