"""The main text of a news web page, with the standard library's ``html.parser``.

Boilerplate (scripts, styles, navigation, headers, footers, asides, forms, figure
captions, share/social/related blocks) is dropped; the text is taken from the largest
``<article>``, else from the element holding the most paragraph text; its blocks are
joined by ``"\\n"``. The title comes from the first ``<h1>``, else ``<title>``; the
publication date from ``article:published_time``-like ``<meta>`` tags or ``<time datetime>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "figcaption",
        "iframe",
        "svg",
        "template",
        "button",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "dialog",
    }
)
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "td",
        "th",
        "dd",
        "dt",
        "tr",
        "ul",
        "ol",
        "table",
        "body",
        "figure",
        "address",
    }
)
# class/id words that mark a block as boilerplate (compared with whole words of the attribute)
BOILERPLATE_WORDS = frozenset(
    {
        "share",
        "sharing",
        "sharer",
        "social",
        "socials",
        "related",
        "comment",
        "comments",
        "newsletter",
        "subscribe",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "banner",
        "breadcrumb",
        "breadcrumbs",
        "promo",
        "cookie",
        "cookies",
        "sidebar",
        "popup",
        "modal",
        "tags",
        "menu",
    }
)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_IMPLIED_END = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_P_CLOSERS = frozenset(
    {
        "div",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "form",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "address",
    }
)
MAX_DEPTH = 200  # deeper elements are flattened into their ancestor (unclosed-tag storms, hostile pages)
_WORD = re.compile(r"[a-z]+")
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None = None
    published: str | None = None  # as found in the page; the caller normalises it


@dataclass(slots=True, eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None = None
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: implied end tags, stray end tags ignored, entities unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.current = self.root
        self.depth = 0
        self.flattened: dict[str, int] = {}
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            self.metas.append(amap)
        closes = _IMPLIED_END.get(tag, set()) | ({"p"} if tag in _P_CLOSERS else set())
        if closes and self.current.tag in closes:
            self._close(self.current.tag)
        if self.depth >= MAX_DEPTH and tag not in DROP_TAGS:
            if tag not in VOID_TAGS:
                self.flattened[tag] = self.flattened.get(tag, 0) + 1
            return  # flattened: its text goes to the current element
        node = _Node(tag, amap, self.current)
        self.current.children.append(node)
        if tag not in VOID_TAGS:
            self.current = node
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.flattened.get(tag):
            self.flattened[tag] -= 1
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def _close(self, tag: str) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            while self.current is not node.parent and self.current.parent is not None:
                self.current = self.current.parent
                self.depth -= 1


def extract_page(html: str) -> PageText:
    """Main text, title and raw publication date of an HTML page."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    title = _first_text(root, "h1") or _first_text(root, "title")
    published = _published(root, builder.metas)
    _prune(root)
    container = _container(root)
    blocks = _blocks(container)
    return PageText("\n".join(blocks), title or None, published)


def _text(node: _Node | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return "\n"
    return "".join(_text(c) for c in node.children)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _iter(node: _Node) -> list[_Node]:
    out: list[_Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed([c for c in n.children if isinstance(c, _Node)]))
    return out


def _first_text(root: _Node, tag: str) -> str:
    for node in _iter(root):
        if node.tag == tag:
            text = _clean(_text(node))
            if text:
                return text
    return ""


def _published(root: _Node, metas: list[dict[str, str]]) -> str | None:
    found: dict[str, str] = {}
    for meta in metas:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and meta.get("content", "").strip():
            found.setdefault(key, meta["content"].strip())
    for key in PUBLISHED_META:
        if key in found:
            return found[key]
    for node in _iter(root):
        if node.tag == "time" and node.attrs.get("datetime", "").strip():
            return node.attrs["datetime"].strip()
    return None


def _is_boilerplate(node: _Node) -> bool:
    if node.tag in DROP_TAGS:
        return True
    if "hidden" in node.attrs:
        return True
    if node.attrs.get("aria-hidden", "").lower() == "true" or node.attrs.get("role", "") in ("navigation", "banner"):
        return True
    words = set(_WORD.findall((node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower()))
    return bool(words & BOILERPLATE_WORDS) and node.tag not in ("body", "html", "article", "main")


def _prune(node: _Node) -> None:
    node.children = [c for c in node.children if isinstance(c, str) or not _is_boilerplate(c)]
    for child in node.children:
        if isinstance(child, _Node):
            _prune(child)


def _paragraph_chars(node: _Node) -> int:
    return sum(len(_clean(_text(c))) for c in node.children if isinstance(c, _Node) and c.tag == "p")


def _container(root: _Node) -> _Node:
    nodes = _iter(root)
    articles = [n for n in nodes if n.tag == "article"]
    if articles:
        return max(articles, key=lambda n: len(_clean(_text(n))))
    best = max(nodes, key=_paragraph_chars)
    if _paragraph_chars(best) > 0:
        return best
    bodies = [n for n in nodes if n.tag == "body"]
    return bodies[0] if bodies else root


def _blocks(container: _Node) -> list[str]:
    """The text blocks of ``container`` in reading order: each block element (and ``<br>``) ends a block."""
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = _clean("".join(buf))
        if text:
            blocks.append(text)
        buf.clear()

    def walk(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                buf.append(child)
            elif child.tag == "br":
                flush()
            elif child.tag in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(container)
    flush()
    return blocks
