"""Atheris target: the whole pipeline on arbitrary bytes, read like a .txt or JSON Lines document.

    python fuzz/fuzz_extract.py -atheris_runs=20000 [fuzz/corpus/extract]

The bytes go through the reader (decode, JSON row) and then ``extract``. A ReadFailure or a
DocumentError is a correct answer; any other exception is a crash. Every evidence span must lie
inside the document text and cover non-blank text. Inputs are mixed with words of the synthetic
templates so that the fuzzer reaches the extraction rules, not only the decoder.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    from marsad.document import Document, DocumentError
    from marsad.pipeline import extract
    from marsad.read import read_stream

WORDS = ("قتل", "جنود", "هجوم", "كمين", "عبوة ناسفة", "مسلحون", "اختطف", "الجيش المالي", "تمبكتو", "غاو",
         "ميناكا", "يوم الأحد", "أمس", "مارس 2021", "عشرة", "خمسة", "عشرات", "جماعة نصرة الإسلام والمسلمين",
         "داعش", "قرب", "في", "مقتل", "وإصابة", "١٢", "٢٠٢٠", "،", ".", "\n\n")


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    parts: list[str] = []
    while fdp.remaining_bytes():
        if fdp.ConsumeBool():
            parts.append(WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)])
        else:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 12)))
    return " ".join(parts)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:  # raw bytes through the .txt reader
        raw, fmt = fdp.ConsumeBytes(fdp.remaining_bytes()), "txt"
    elif mode == 1:  # raw bytes through the JSON Lines reader
        raw, fmt = fdp.ConsumeBytes(fdp.remaining_bytes()), "jsonl"
    else:  # template words and noise as a .txt document
        raw, fmt = _text(fdp).encode("utf-8"), "txt"
    for item in read_stream(io.BytesIO(raw), name="fuzz", fmt=fmt, published="2021-03-15"):
        if not isinstance(item, Document):
            continue
        try:
            events = extract(item)
        except DocumentError:
            continue
        for event in events:
            for ev in event.evidence:
                if not (0 <= ev.start < ev.end <= len(item.text)) or not item.text[ev.start : ev.end].strip():
                    raise AssertionError(f"bad evidence {ev} in a text of {len(item.text)} characters")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
