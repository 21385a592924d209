"""The shared bad-input set: every entry point (library, CLI, API, batch) is fed these same cases.

A case is a file as it could arrive (name, suffix, bytes) and the substring the error must
contain, or None when the document is valid-but-odd and must be processed normally.
``api`` overrides the expectation for POST /documents, which takes JSON (UTF-8) only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

GOOD_TEXT = (
    "قتل خمسة جنود في هجوم شنه مسلحون على موقع عسكري في ميناكا يوم الأحد، حسب ما أفاد مصدر أمني.\n\n"
    "وأكد المصدر أن التعزيزات وصلت إلى المنطقة صباح اليوم التالي."
)
ARABIC = "نصب مسلحون كمينا لدورية تابعة للجيش النيجري قرب تيلابيري فجر الإثنين، ما أسفر عن مقتل سبعة جنود."
_UNSET = object()


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    suffix: str  # "txt", "html" or "jsonl"
    data: bytes
    expect: str | None  # substring of the error reason (lower case), None: processed without error
    api: object = field(default=_UNSET)  # expectation for the API when it differs (str | None)

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.suffix}"

    @property
    def api_expect(self) -> str | None:
        return self.expect if self.api is _UNSET else self.api  # type: ignore[return-value]


def _row(**fields: object) -> bytes:
    return (json.dumps(fields, ensure_ascii=False) + "\n").encode("utf-8")


_HTML = (
    "<!doctype html><html><head><title>هجوم في موبتي</title>"
    "<script>var x = 'قتل مئة جندي في هجوم وهمي'; alert(document.cookie);</script>"
    "<style>p { color: red }</style></head><body><article><h1>هجوم في موبتي</h1>"
    f"<p>{ARABIC}</p><p>{ARABIC}</p><script>document.write('<p>نص مدسوس</p>')</script>"
    "</article></body></html>"
)

CASES: tuple[Case, ...] = (
    Case("zero-bytes", "txt", b"", "empty"),
    Case("whitespace", "txt", b"  \n\t\r\n   \n", "empty"),
    Case("random-bytes", "txt", b"\x00\x01\x02\xff\xfe" + bytes(range(256)) * 8, "binary", api="body"),
    Case("truncated-utf8", "txt", ARABIC.rstrip(".").encode("utf-8")[:-1], "utf-8", api="body"),
    Case("cp1256", "txt", ARABIC.encode("cp1256"), None, api="body"),
    Case("huge-20mb", "txt", ("هجوم " * 2_250_000).encode("utf-8"), "over", api="larger than"),
    Case("html-scripts", "html", _HTML.encode("utf-8"), None),
    Case("non-arabic-en", "txt", b"Gunmen attacked a market near Gao on Sunday, killing five people.", None),
    Case("non-arabic-fr", "jsonl", _row(doc_id="non-arabic-fr", text="Des hommes armes ont attaque Menaka."), None),
    Case("jsonl-missing-text", "jsonl", _row(doc_id="jsonl-missing-text", title="عنوان"), "text"),
    Case("jsonl-extra-fields", "jsonl", _row(doc_id="jsonl-extra-fields", text=ARABIC, lang="ar", tags=[1, 2]),
         None, api="extra"),
    Case("jsonl-text-not-string", "jsonl", _row(doc_id="jsonl-text-not-string", text=["قتل", 5]), "text"),
    Case("jsonl-doc-id-number", "jsonl", _row(doc_id=12345, text=ARABIC), "doc_id"),
    Case("jsonl-published-number", "jsonl", _row(doc_id="jsonl-published-number", text=ARABIC, published=20210301),
         "published"),
    Case("jsonl-not-json", "jsonl", b'{"doc_id": "jsonl-not-json", "text": "\xd9\x87\xd8\xac\n', "json"),
    Case("date-before-1900", "jsonl", _row(doc_id="date-before-1900", text=ARABIC, published="1850-03-01"), "1900"),
    Case("date-future", "jsonl", _row(doc_id="date-future", text=ARABIC, published="2999-01-01"), "future"),
)
GOOD = Case("good-report", "txt", GOOD_TEXT.encode("utf-8"), None)
ALL = (*CASES, GOOD)
