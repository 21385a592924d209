"""HTML pages → main text: boilerplate dropped, article preferred, entities unescaped, title and date found."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.read.html_main import extract_page

BODY1 = "قتل خمسة جنود في هجوم على موقع للجيش قرب مدينة غاو شمالي مالي."
BODY2 = "وأعلنت جماعة نصرة الإسلام والمسلمين مسؤوليتها عن الهجوم في بيان."

PAGE = f"""<!DOCTYPE html>
<html lang="ar"><head>
<meta charset="utf-8">
<title>هجوم في غاو - موقع الأخبار</title>
<meta property="article:published_time" content="2024-09-17T08:15:00+00:00">
<script>var tracking = "سكربت لا يظهر";</script>
<style>p {{ color: red }}</style>
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav></header>
<aside class="sidebar"><p>الأكثر قراءة: خبر جانبي طويل لا علاقة له بالموضوع الأساسي على الإطلاق.</p></aside>
<article>
<h1>هجوم في غاو</h1>
<figure><img src="x.jpg"><figcaption>صورة أرشيفية لجنود</figcaption></figure>
<p>{BODY1}</p>
<div class="share-buttons"><a>شارك على فيسبوك</a><a>تويتر</a></div>
<p>{BODY2.replace("بيان", "بيان &amp; تسجيل")}</p>
<script>document.write("لا")</script>
</article>
<footer><p>جميع الحقوق محفوظة</p></footer>
<form><input name="q"><button>بحث</button></form>
</body></html>"""


def test_main_text_only() -> None:
    page = extract_page(PAGE)
    assert page.text.split("\n") == ["هجوم في غاو", BODY1, BODY2.replace("بيان", "بيان & تسجيل")]
    assert page.title == "هجوم في غاو"
    assert page.published == "2024-09-17T08:15:00+00:00"


@pytest.mark.parametrize(
    "unwanted",
    ["سكربت", "لا يظهر", "color", "الرئيسية", "الأكثر قراءة", "صورة أرشيفية", "شارك", "الحقوق", "بحث", "document"],
)
def test_boilerplate_dropped(unwanted: str) -> None:
    assert unwanted not in extract_page(PAGE).text


def test_without_article_the_densest_block_wins() -> None:
    html = f"""<html><head><title>عنوان الصفحة</title></head><body>
    <div id="menu"><p>رابط</p></div>
    <div class="teaser"><p>خبر قصير</p></div>
    <div class="content"><p>{BODY1}</p><p>{BODY2}<br>سطر آخر</p></div>
    <p>حاشية</p>
    <time datetime="2023-01-05">5 يناير</time>
    </body></html>"""
    page = extract_page(html)
    assert page.text == f"{BODY1}\n{BODY2}\nسطر آخر"
    assert page.title == "عنوان الصفحة"
    assert page.published == "2023-01-05"


def test_unclosed_paragraphs_and_entities() -> None:
    html = "<body><div><p>&#1605;&#1575;&#1604;&#1610; &laquo;نص&raquo;<p>ثان&nbsp;جدا</div></body>"
    assert extract_page(html).text == "مالي «نص»\nثان جدا"


def test_page_without_paragraphs_uses_body_blocks() -> None:
    page = extract_page("<html><body><div>سطر أول</div><div>سطر ثان<br/>ثالث</div></body></html>")
    assert page.text == "سطر أول\nسطر ثان\nثالث"
    assert page.title is None and page.published is None


_words = st.text(alphabet=st.sampled_from(list("ابتثجحخدسشصعغفقكلمنهوي<>&\"' \n\t0123456789")), max_size=80)


@given(st.lists(_words, min_size=1, max_size=5))
def test_paragraph_text_round_trips(paragraphs: list[str]) -> None:
    html = "<html><body><main>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + "</main></body></html>"
    assert extract_page(html).text == "\n".join(" ".join(p.split()) for p in paragraphs if p.split())
