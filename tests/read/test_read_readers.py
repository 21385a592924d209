"""Readers: .txt, .jsonl, manifests, .html, directories and streams; one bad document never stops the rest."""

from __future__ import annotations

import codecs
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document, ReadFailure
from marsad.read import decode, read_path, read_paths, read_stream

TEXT = "أعلن الجيش المالي مقتل ثلاثة جنود في كمين قرب بلدة دوينتزا يوم الأحد."
OTHER = "قال سكان إن مسلحين مجهولين خطفوا خمسة مدنيين في منطقة تيلابيري غربي النيجر."


def docs(items: list[Document | ReadFailure]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items: list[Document | ReadFailure]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def jsonl(*rows: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


# -- .txt ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1256"],
)
def test_txt_in_every_encoding(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "report-1.txt"
    path.write_bytes(data)
    [doc] = list(read_path(path, published="2024-09-17"))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.published, doc.source) == ("report-1", TEXT, "2024-09-17", str(path))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02\x03binary\x00" * 10, "binary content"),
        (b"", "empty document"),
        (b" \n\t\r\n", "empty document"),
        (codecs.BOM_UTF8 + b"\n", "empty document"),
        ("Sévaré près de Mopti".encode("latin-1"), "not UTF-8 or Windows-1256 text"),
    ],
)
def test_txt_failures_name_the_document(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [failure] = list(read_path(path))
    assert isinstance(failure, ReadFailure)
    assert (failure.doc_id, failure.reason, failure.source) == ("bad", reason, str(path))


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 40)
    (tmp_path / "big.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "small.txt").write_text("مالي", encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [d.doc_id for d in docs(items)] == ["small"]
    [failure] = failures(items)
    assert failure.doc_id == "big"
    assert f"{len(TEXT.encode('utf-8')):,} bytes" in failure.reason


@pytest.mark.parametrize(
    ("name", "kw", "reason"),
    [
        ("missing.txt", {}, "no such file"),
        ("report.pdf", {}, "unknown file type '.pdf'"),
        ("report.txt", {"fmt": "docx"}, "unknown format 'docx'"),
        ("report.txt", {"published": "someday"}, "argument published"),
        ("report.txt", {"published": "1850-01-01"}, "before 1900"),
    ],
)
def test_bad_path_or_arguments(tmp_path: Path, name: str, kw: dict[str, str], reason: str) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    [failure] = list(read_path(tmp_path / name, **kw))
    assert isinstance(failure, ReadFailure)
    assert reason in failure.reason


def test_fmt_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_text(f"<html><body><script>x()</script><p>{TEXT}</p></body></html>", encoding="utf-8")
    [doc] = docs(list(read_path(path, fmt="html")))
    assert doc.text == TEXT


# -- .jsonl -------------------------------------------------------------------------------------


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        jsonl(
            {
                "doc_id": "a",
                "text": TEXT,
                "published": "2024-09-17",
                "title": "عنوان",
                "outlet": "x",
                "doc_kind": "news",
            },
            "{not json",
            "",
            '["a", "list"]',
            {"doc_id": "b"},
            {"doc_id": "c", "text": 42},
            {"doc_id": "d", "text": TEXT, "published": 2024},
            {"doc_id": "e", "text": TEXT, "published": "2024-02-31"},
            {"text": TEXT},
            {"doc_id": "", "text": TEXT},
            {"doc_id": "f", "text": "   "},
            {"doc_id": "g", "text": OTHER, "title": None, "url": "https://example.org/1", "tags": ["mali", 2]},
            {"doc_id": "a", "text": OTHER},
        ),
        encoding="utf-8",
    )
    items = list(read_path(path))
    good = docs(items)
    assert [d.doc_id for d in good] == ["a", "g"]
    assert good[0].text == TEXT and good[0].title == "عنوان" and good[0].outlet == "x"
    assert good[0].meta == {"doc_kind": "news"} and good[0].source == f"{path}:1"
    assert good[1].meta == {"tags": '["mali",2]'} and good[1].url == "https://example.org/1"
    got = {(f.doc_id, f.source, f.reason) for f in failures(items)}
    where = str(path)
    assert got == {
        (f"{where}:2", f"{where}:2", "invalid JSON (Expecting property name enclosed in double quotes at column 2)"),
        (f"{where}:4", f"{where}:4", "a row must be a JSON object, got list"),
        ("b", f"{where}:5", "missing field text"),
        ("c", f"{where}:6", "field text must be a string, got int"),
        ("d", f"{where}:7", "field published must be a string or null, got int"),
        ("e", f"{where}:8", "field published: '2024-02-31' is not a date (day is out of range for month)"),
        (f"{where}:9", f"{where}:9", "missing field doc_id"),
        (f"{where}:10", f"{where}:10", "field doc_id must be a non-empty string, got str"),
        ("f", f"{where}:11", "empty document"),
        ("a", f"{where}:13", f"duplicate doc_id (first read from {where}:1)"),
    }


def test_jsonl_title_is_not_prepended(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"doc_id": "a", "text": TEXT, "title": "عنوان لا يبدأ به النص"}), encoding="utf-8")
    [doc] = docs(list(read_path(path)))
    assert doc.text == TEXT and doc.title == "عنوان لا يبدأ به النص"


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("cp1256"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8-bom", "cp1256", "utf-16", "crlf"],
)
def test_jsonl_encodings(tmp_path: Path, encode: object) -> None:
    path = tmp_path / "docs.jsonl"
    content = jsonl({"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": OTHER, "published": "2020"})
    path.write_bytes(encode(content))  # type: ignore[operator]
    items = list(read_path(path))
    assert [(d.doc_id, d.text, d.published) for d in docs(items)] == [("a", TEXT, None), ("b", OTHER, "2020")]
    assert failures(items) == []


def test_jsonl_published_argument_is_a_default(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": OTHER, "published": "2020-01-02"}))
    assert [d.published for d in docs(list(read_path(path, published="2021-05")))] == ["2021-05", "2020-01-02"]


def test_jsonl_line_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 200)
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"doc_id": "big", "text": TEXT * 5}, {"doc_id": "ok", "text": TEXT}), encoding="utf-8")
    items = list(read_path(path))
    assert [d.doc_id for d in docs(items)] == ["ok"]
    assert [(f.source, "limit" in f.reason) for f in failures(items)] == [(f"{path}:1", True)]


doc_rows = st.lists(
    st.fixed_dictionaries(
        {
            "doc_id": st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True),
            "text": st.text(min_size=1).filter(str.strip),
            "published": st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2023, 12, 31)).map(str),
            "title": st.none() | st.text(st.characters(exclude_characters="\x00")),  # a NUL title is refused
        }
    ),
    max_size=6,
    unique_by=lambda r: r["doc_id"],
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc_rows)
def test_jsonl_round_trip(tmp_path: Path, rows: list[dict[str, str | None]]) -> None:
    path = tmp_path / "rt.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = list(read_path(path))
    assert all(isinstance(d, Document) for d in got)
    assert [(d.doc_id, d.text, d.published) for d in docs(got)] == [
        (r["doc_id"], r["text"], r["published"]) for r in rows
    ]


# -- manifests and directories ------------------------------------------------------------------


def _corpus(root: Path) -> None:
    (root / "texts").mkdir()
    (root / "texts" / "one.txt").write_text(TEXT, encoding="utf-8")
    (root / "texts" / "two.txt").write_bytes(OTHER.encode("cp1256"))
    (root / "texts" / "page.html").write_text(f"<html><body><nav>قائمة</nav><p>{OTHER}</p></body></html>")
    (root / "manifest.jsonl").write_text(
        jsonl(
            {"doc_id": "doc-1", "path": "texts/one.txt", "published": "2024-09-17", "language": "ar"},
            {"doc_id": "doc-2", "path": "texts/two.txt", "published": "2023-01", "language": "ar"},
            {"doc_id": "doc-3", "path": "texts/gone.txt", "published": "2023-01-01"},
            {"doc_id": "doc-4", "path": "texts/one.txt", "published": 5},
            {"doc_id": "doc-5", "path": "texts/one.pdf"},
        ),
        encoding="utf-8",
    )
    (root / "gold.jsonl").write_text(jsonl({"doc_id": "doc-1", "published": "2024-09-17", "events": []}))
    (root / ".hidden.txt").write_text(TEXT)
    (root / "zeta.txt").write_text(OTHER)


def test_manifest(tmp_path: Path) -> None:
    _corpus(tmp_path)
    items = list(read_path(tmp_path / "manifest.jsonl"))
    assert [(d.doc_id, d.published, d.text, d.meta) for d in docs(items)] == [
        ("doc-1", "2024-09-17", TEXT, {"language": "ar"}),
        ("doc-2", "2023-01", OTHER, {"language": "ar"}),
    ]
    assert [(f.doc_id, f.reason) for f in failures(items)] == [
        ("doc-3", "listed file 'texts/gone.txt' not found"),
        ("doc-4", "field published must be a string or null, got int"),
        ("doc-5", "a manifest lists .txt or .html files, not 'texts/one.pdf'"),
    ]


def test_directory_uses_the_manifest_and_reads_each_file_once(tmp_path: Path) -> None:
    _corpus(tmp_path)
    items = list(read_path(tmp_path))
    assert [d.doc_id for d in docs(items)] == ["doc-1", "doc-2", "page", "zeta"]
    assert docs(items)[2].text == OTHER
    assert [f.doc_id for f in failures(items)] == ["doc-3", "doc-4", "doc-5"]


def test_directory_sorted_and_recursive(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/c.htm", "notes.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"<p>{TEXT}</p>" if name.endswith("htm") else TEXT)
    assert [i.doc_id for i in read_path(tmp_path)] == ["c", "z", "b"]


def test_read_paths_rejects_the_same_doc_id_twice(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text(TEXT)
    (tmp_path / "y" / "same.txt").write_text(OTHER)
    items = list(read_paths([tmp_path / "x", tmp_path / "y"], published="2024"))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure"]
    assert "duplicate doc_id" in failures(items)[0].reason


# -- html files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "argument", "published", "error"),
    [
        ('<meta property="article:published_time" content="2019-11-02T10:00:00Z">', "2024-01-01", "2019-11-02", False),
        ("", "2024-01-01", "2024-01-01", False),
        ('<meta property="article:published_time" content="not a date">', "2024-01-01", "2024-01-01", True),
    ],
)
def test_html_file(tmp_path: Path, meta: str, argument: str, published: str, error: bool) -> None:
    path = tmp_path / "page.html"
    html = f"<html><head>{meta}<title>عنوان</title></head><body><script>سر</script><p>{TEXT}</p></body></html>"
    path.write_bytes(html.encode("cp1256"))
    [doc] = list(read_path(path, published=argument))
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.published) == (TEXT, "عنوان", published)
    assert ("published_error" in doc.meta) == error


# -- streams ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "data", "expected"),
    [
        ("txt", codecs.BOM_UTF8 + TEXT.encode(), [("stdin", TEXT)]),
        ("html", f"<style>x</style><p>{TEXT}</p>".encode("cp1256"), [("stdin", TEXT)]),
        ("jsonl", jsonl({"doc_id": "a", "text": TEXT}, "oops", {"doc_id": "b", "text": OTHER}).encode(), [
            ("a", TEXT), ("stdin:2", None), ("b", OTHER)]),
        ("jsonl", jsonl({"doc_id": "m", "path": "x.txt"}).encode(), [("m", None)]),
        ("txt", b"", [("stdin", None)]),
        ("pdf", b"%PDF", [("stdin", None)]),
    ],
)  # fmt: skip
def test_read_stream(fmt: str, data: bytes, expected: list[tuple[str, str | None]]) -> None:
    items = list(read_stream(io.BytesIO(data), fmt=fmt, published="2024-09-17"))
    assert [(i.doc_id, i.text if isinstance(i, Document) else None) for i in items] == expected
    assert all(i.published == "2024-09-17" for i in docs(items))


def test_deeply_nested_html_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<div>" * 5000 + TEXT + "</div>" * 5000, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [(i.doc_id, i.text) for i in docs(items)] == [("a", TEXT), ("b", OTHER)]
