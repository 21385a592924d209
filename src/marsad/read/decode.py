"""Bytes → text for Arabic reports: UTF-8 (BOM or not), UTF-16/32 with a BOM, or Windows-1256.

``decode_bytes`` raises :class:`DecodeError` with a short reason ("binary content",
"not UTF-8 or Windows-1256 text", ...) that the readers turn into a ``ReadFailure``.
The text is returned exactly as decoded (BOM removed, newlines untouched) so that
evidence offsets point into it.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024  # one document (a .txt/.html file, a JSON Lines row) may not be larger
MIN_ARABIC_SHARE = 0.5  # share of non-ASCII letters that must be Arabic for a Windows-1256 guess to be accepted
MAX_CONTROL_SHARE = 0.05  # more control characters than this and the content is taken for binary

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


class DecodeError(ValueError):
    """Bytes that are not a text Marsad can read; ``str(exc)`` is the reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "cp1256", ...


def too_large(size: int, limit: int | None = None) -> str | None:
    """The failure reason for a document of ``size`` bytes, or None when it is within ``limit`` (MAX_BYTES)."""
    limit = MAX_BYTES if limit is None else limit
    if size > limit:
        return f"document is {size:,} bytes, over the {limit:,}-byte limit"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document's bytes (see the module doc); raises DecodeError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} text after its byte-order mark ({exc.reason})") from exc
            _check_not_binary(text)
            return Decoded(text, encoding + "-sig" if encoding == "utf-8" else encoding)
    if b"\x00" in data:
        raise DecodeError("binary content")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and _valid_utf8_before(data, exc.start) \
                and _all_arabic_in_cp1256(data) is None:
            raise DecodeError(f"truncated UTF-8: the text ends inside a character (byte {exc.start:,})") from None
        text = data.decode("cp1256", errors="replace")
        _check_not_binary(text)
        if arabic_share("".join(ch for ch in text if ord(ch) > 127)) < MIN_ARABIC_SHARE:
            raise DecodeError("not UTF-8 or Windows-1256 text") from None
        return Decoded(text, "cp1256")
    _check_not_binary(text)
    arabic_in_cp1256 = _all_arabic_in_cp1256(data) if _non_arabic_non_ascii(text) else None
    if arabic_in_cp1256 is not None:
        # Windows-1256 Arabic that happens to be valid UTF-8 (short texts: «آ،» is b"\xc2\xa1", «¡»):
        # read as UTF-8 it has no Arabic at all, read as Windows-1256 nothing but Arabic
        return Decoded(arabic_in_cp1256, "cp1256")
    return Decoded(text, "utf-8")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


def _non_arabic_non_ascii(text: str) -> bool:
    """The text has non-ASCII characters and none of them is Arabic."""
    wide = [ch for ch in text if ord(ch) > 127]
    return bool(wide) and not any(_is_arabic(ch) for ch in wide)


def _all_arabic_in_cp1256(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if not all(_is_arabic(ch) for ch in text if ord(ch) > 127) or arabic_share(text) < MIN_ARABIC_SHARE:
        return None  # «¡Hola!» is Spanish in UTF-8, not «آ،Hola!»
    return text


def _valid_utf8_before(data: bytes, end: int) -> bool:
    """The bytes before ``end`` are valid UTF-8 and hold non-ASCII text (so the file is UTF-8, cut short)."""
    try:
        head = data[:end].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) > 127 for ch in head)


def arabic_share(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic letters (0.0 when there are no letters)."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if _is_arabic(ch):
                arabic += 1
    return arabic / letters if letters else 0.0


def _check_not_binary(text: str) -> None:
    if "\x00" in text:
        raise DecodeError("binary content")
    if not text:
        return
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise DecodeError("binary content")
