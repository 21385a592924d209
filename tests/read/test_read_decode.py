"""Bytes → text: UTF-8 (with/without BOM), UTF-16 with BOM, Windows-1256; binary and other text refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from marsad.read.decode import DecodeError, arabic_share, decode_bytes, too_large

ARABIC = "هاجم مسلحون مجهولون قرية في منطقة موبتي وسط مالي، وقتل عشرة مدنيين."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (("Mali: " + ARABIC).encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text.endswith(ARABIC)
    assert not decoded.text.startswith("\ufeff")
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content"),
        (bytes(range(1, 32)) * 20, "binary content"),
        ("Le Mali a été frappé à Sévaré, près de Mopti.".encode("latin-1"), "not UTF-8 or Windows-1256 text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16-le"),
    ],
)
def test_unreadable_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_newlines_and_offsets_untouched() -> None:
    text = "سطر أول\r\nسطر ثان\n"
    assert decode_bytes(text.encode("utf-8")).text == text


@pytest.mark.parametrize(("size", "limit", "refused"), [(10, 10, False), (11, 10, True), (0, 10, False)])
def test_too_large(size: int, limit: int, refused: bool) -> None:
    reason = too_large(size, limit)
    assert (reason is not None) == refused
    if reason:
        assert f"{size:,}" in reason


@pytest.mark.parametrize(("text", "share"), [("مالي", 1.0), ("Mali", 0.0), ("مالي Mali", 0.5), ("123", 0.0)])
def test_arabic_share(text: str, share: float) -> None:
    assert arabic_share(text) == share


_arabic_text = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ءآأؤإئة،.\n0123456789")), min_size=1, max_size=200
).filter(lambda t: any(c.isalpha() for c in t))


def _also_arabic_utf8(data: bytes) -> bool:
    """Windows-1256 bytes that are also UTF-8 Arabic («ط،» is b"\\xd8\\xa1", «ء» in UTF-8): no reader can
    tell which was meant; the UTF-8 reading is kept."""
    try:
        return any("\u0600" <= ch <= "\u06ff" for ch in data.decode("utf-8"))
    except UnicodeDecodeError:
        return False


@given(_arabic_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]))
def test_round_trip_any_arabic_text(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    assume(not (encoding == "cp1256" and _also_arabic_utf8(data)))
    assert decode_bytes(data).text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("آ،", "cp1256"), ("¡Hola!", "utf-8"), ("Sévaré", "utf-8"), ("Ségou مالي", "cp1256")],
)
def test_windows_1256_that_is_also_valid_utf8(text: str, encoding: str) -> None:
    # b"\xc2\xa1" is «آ،» in Windows-1256 and «¡» in UTF-8: Arabic wins only when the UTF-8 reading has none
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == encoding
