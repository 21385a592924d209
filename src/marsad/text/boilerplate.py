"""Flag sentences that are page furniture (embedded tweets, share prompts, bylines, related links).

A flagged sentence never yields an event; the lexicon is ``data/ar/boilerplate.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from marsad.analysis import AnalysedDoc
from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold


@lru_cache(maxsize=1)
def _lexicon() -> tuple[PhraseMatcher[bool], re.Pattern[str]]:
    data = yaml.safe_load(resources.files("marsad").joinpath("data/ar/boilerplate.yaml").read_text("utf-8"))
    matcher: PhraseMatcher[bool] = PhraseMatcher(((p, True) for p in data["phrases"]), clitics=False)
    # the text is normalised, its Latin letters lower-cased: the patterns are written in lower case
    regex = re.compile("|".join(f"(?:{fold(r)})" for r in data["regex"]))
    return matcher, regex


def is_boilerplate(text: str, start: int = 0, end: int | None = None) -> bool:
    """Is the sentence ``text[start:end]`` (normalised text) page furniture? The phrases are matched in
    the whole text's window, so that the document is tokenised once for every stage."""
    matcher, regex = _lexicon()
    stop = len(text) if end is None else end
    sentence = text[start:stop]
    if regex.search(sentence):  # the patterns are anchored on the sentence
        # a post's marks (a handle, a link, a date line) around news told in Arabic («RT @x: عاجل | مقتل 12
        # جنديا في هجوم ...») are a social-media post or a breaking item: content, not furniture
        return len(_ARABIC_WORD.findall(regex.sub(" ", sentence))) < _CONTENT_WORDS
    return next(iter(matcher.finditer(text, start, stop)), None) is not None


_ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2,}")
_CONTENT_WORDS = 6  # Arabic words beside a post's marks that make it content


class BoilerplateFilter:
    name = "boilerplate"

    def process(self, doc: AnalysedDoc) -> None:
        for s in doc.sentences:
            s.boilerplate = is_boilerplate(doc.text, s.start, s.end)
