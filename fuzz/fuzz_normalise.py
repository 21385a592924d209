"""Atheris target: normalisation and its offset map on arbitrary (decoded) bytes.

    python fuzz/fuzz_normalise.py -atheris_runs=20000

Checks: normalise == fold, the offset map is monotonic and complete, every word of the
normalised text maps back to an original slice that folds to the word.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    from marsad.text.normalise import fold, normalise

_WORD = re.compile(r"\S+")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    nt = normalise(text)
    if nt.text != fold(text):
        raise AssertionError("normalise and fold disagree")
    if len(nt.to_orig) != len(nt.text) + 1 or nt.to_orig[-1] != len(text):
        raise AssertionError("offset map has the wrong length")
    if any(b < a for a, b in zip(nt.to_orig, nt.to_orig[1:], strict=False)):
        raise AssertionError("offset map goes backwards")
    for m in _WORD.finditer(nt.text):
        s, e = nt.span(m.start(), m.end())
        if not (0 <= s < e <= len(text)) or m.group() not in fold(text[s:e]):
            raise AssertionError(f"word {m.group()!r} maps to {text[s:e]!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
