"""Saved HTML page of a letter to text in the parser's "html-text" shape.

The state once published letters as web pages: the header block as a table
whose labels are bold, the section titles as headings, and the items and
field labels in bold inside paragraphs. The parser reads the text such a page
converts to (``<b>Label:</b>``/TAB lines for the header, ``### HEADING``
lines, ``**Label:** value`` paragraphs separated by blank lines), so this
module produces exactly that from the HTML.

It reads the page with the standard library's ``html.parser``: the pages are
simple, that parser never raises on broken markup, decodes entities, and keeps
``<script>``/``<style>`` text apart, and it adds no dependency. A small tree is
built first (with HTML's implied end tags for ``p``, ``li``, ``td``, ``tr``)
because deciding whether a table is the header block or page layout needs to
see the whole table.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_DROP = frozenset("head script style noscript template title svg math iframe object select button textarea".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BLOCKS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer "
    "form header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul caption".split()
) | _HEADINGS
_CLOSES_P = _BLOCKS - frozenset("td th tr tbody thead tfoot caption html body".split())
_HEAD_CONTENT = frozenset("base link meta noscript script style template title".split())
_SCOPE = frozenset("button caption table td th".split())
_TABLE_PARTS = frozenset("tbody td tfoot th thead tr".split())
_BOLD_TAGS = frozenset("b strong th".split())
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_WS = re.compile(r"[ \t\n\r\f\u00a0\u2002\u2003\u2009\u200b]+")
_MAX_DEPTH = 200
"""Deeper nesting is flattened, so hostile markup cannot exhaust the stack."""
_LAYOUT_CELL_CHARS = 300
"""A table cell with more text than this is page layout, not a header field."""


class _Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []

    @property
    def bold(self) -> bool:
        return self.tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(self.attrs.get("style", "")))

    def has(self, tags: frozenset[str]) -> bool:
        """Whether any descendant is one of ``tags``."""
        stack = list(self.children)
        while stack:
            node = stack.pop()
            if isinstance(node, _Node):
                if node.tag in tags:
                    return True
                stack.extend(node.children)
        return False


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: implied end tags, stray end tags ignored, dropped
    elements (scripts, styles, the head) never enter the tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack: list[_Node] = [self.root]
        self.skip = 0  # depth inside a dropped element
        self.skip_tag = ""

    def _close_to(self, tag: str, stop: frozenset[str] = frozenset()) -> bool:
        for i in range(len(self.stack) - 1, 0, -1):
            node_tag = self.stack[i].tag
            if node_tag == tag:
                del self.stack[i:]
                return True
            if node_tag in stop:
                return False
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip == 1 and self.skip_tag == "head" and tag not in _HEAD_CONTENT:
            self.skip = 0  # a body element ends an unclosed head, as in a browser
        if self.skip:
            if tag in _DROP:
                self.skip += 1
            return
        if tag in _DROP:
            self.skip = 1
            self.skip_tag = tag
            return
        if tag in _CLOSES_P:
            self._close_to("p", stop=_SCOPE)
        if tag == "li":
            self._close_to("li", stop=frozenset({"ul", "ol"}))
        elif tag in ("dt", "dd"):
            self._close_to("dt", stop=frozenset({"dl"})) or self._close_to("dd", stop=frozenset({"dl"}))
        elif tag in ("td", "th"):
            self._close_to("td", stop=frozenset({"tr", "table"})) or self._close_to("th", stop=frozenset({"tr", "table"}))
        elif tag == "tr":
            self._close_to("tr", stop=frozenset({"table"}))
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in _DROP:
                self.skip -= 1
            return
        if tag in _VOID:
            return
        # An end tag never closes elements outside the table (or cell) it stands in.
        if tag == "table":
            self._close_to(tag)
        elif tag in _TABLE_PARTS:
            self._close_to(tag, stop=frozenset({"table"}))
        else:
            self._close_to(tag, stop=_SCOPE)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.stack[-1].children.append(data)


def html_to_text(data: str) -> str:
    """Convert the HTML of a saved letter page to parser-ready "html-text"."""
    builder = _TreeBuilder()
    builder.feed(data)
    builder.close()
    blocks: list[str] = []
    _render_blocks(builder.root, blocks)
    return "\n\n".join(blocks) + "\n" if blocks else ""


# -- rendering -------------------------------------------------------------------


_Token = tuple[str, bool] | None  # (text, bold), or None for a line break


def _render_blocks(node: _Node, blocks: list[str], bold: bool = False) -> None:
    """Append ``node``'s content to ``blocks`` as paragraphs, headings and header lines."""
    inline: list[_Token] = []

    def flush() -> None:
        blocks.extend(_paragraphs(inline))
        inline.clear()

    for child in node.children:
        if isinstance(child, str):
            inline.append((child, bold))
        elif child.tag in _HEADINGS:
            flush()
            text = _plain(_inline_tokens(child, False))
            if text:
                blocks.append(f"### {text}")
        elif child.tag == "table":
            flush()
            _render_table(child, blocks)
        elif child.tag == "pre":
            flush()
            lines = [line.strip() for line in _plain_raw(child).splitlines()]
            text = "  \n".join(line for line in lines if line)
            if text:
                blocks.append(text)
        elif child.tag in _BLOCKS or child.has(_BLOCKS):
            # A block, or an inline element wrapped around blocks (old pages put
            # <font> around whole paragraphs): its paragraphs stay paragraphs.
            flush()
            _render_blocks(child, blocks, bold or child.bold)
        elif child.tag == "br":
            inline.append(None)
        else:
            inline.extend(_inline_tokens(child, bold or child.bold))
    flush()


def _inline_tokens(node: _Node, bold: bool) -> list[_Token]:
    """The text under ``node`` as (text, bold) runs, blocks inside it flattened."""
    out: list[_Token] = []
    for child in node.children:
        if isinstance(child, str):
            out.append((child, bold))
        elif child.tag == "br":
            out.append(None)
        else:
            if child.tag in _BLOCKS:
                out.append((" ", False))
            out.extend(_inline_tokens(child, bold or child.bold))
    return out


def _plain_raw(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else ("\n" if c.tag == "br" else _plain_raw(c)) for c in node.children)


def _plain(tokens: list[_Token]) -> str:
    return _WS.sub(" ", "".join(t[0] for t in tokens if t is not None)).strip()


def _line(tokens: list[tuple[str, bool]], open_: str, close: str) -> str:
    """One line of runs with bold runs wrapped in markers.

    Whitespace at a bold run's edges goes outside the markers, so
    ``<b>Label: </b>value`` becomes ``**Label:** value``.
    """
    runs: list[tuple[str, bool]] = []
    for text, bold in tokens:
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + text, bold)
        else:
            runs.append((text, bold))
    out = []
    for raw, bold in runs:
        text = _WS.sub(" ", raw)
        core = text.strip()
        if bold and core:
            lead = " " if text[0] == " " else ""
            trail = " " if text[-1] == " " else ""
            out.append(f"{lead}{open_}{core}{close}{trail}")
        else:
            out.append(text)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _paragraphs(tokens: list[_Token]) -> list[str]:
    """Inline tokens to paragraphs: one ``<br>`` is a hard line break (two
    trailing spaces, as Markdown writes it), two or more end the paragraph."""
    paragraphs: list[str] = []
    lines: list[str] = []
    current: list[tuple[str, bool]] = []
    breaks = 0
    for tok in [*tokens, None, None]:
        if tok is None:
            line = _line(current, "**", "**")
            current = []
            if line:
                lines.append(line)
                breaks = 1
            else:
                breaks += 1
            if breaks >= 2 and lines:
                paragraphs.append("  \n".join(lines))
                lines = []
            continue
        if breaks and current == [] and not tok[0].strip():
            continue
        current.append(tok)
    return paragraphs


def _render_table(table: _Node, blocks: list[str]) -> None:
    """A table of short cells (the header block) becomes TAB-separated lines;
    a table used for page layout is rendered as the blocks inside its cells."""
    rows: list[_Node] = []
    stray = _Node("#stray", {})  # content outside any cell; a browser shows it too
    stack = [table]
    while stack:
        node = stack.pop(0)
        for child in node.children:
            if isinstance(child, _Node) and child.tag == "tr":
                rows.append(child)
                stray.children.extend(c for c in child.children if not (isinstance(c, _Node) and c.tag in ("td", "th")))
            elif isinstance(child, _Node) and child.tag in ("thead", "tbody", "tfoot"):
                stack.append(child)
            elif not (isinstance(child, _Node) and child.tag in ("col", "colgroup")):
                stray.children.append(child)
    lines: list[str] = []
    for row in rows:
        cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
        texts = [_plain(_inline_tokens(c, c.bold)) for c in cells]
        layout = any(c.has(_HEADINGS | {"table"}) for c in cells) or any(len(t) > _LAYOUT_CELL_CHARS for t in texts)
        if layout:
            if lines:
                blocks.append("\n".join(lines))
                lines = []
            for cell in cells:
                _render_blocks(cell, blocks, cell.bold)
        elif any(texts):
            cell_lines = [_line([t or (" ", False) for t in _inline_tokens(c, c.bold)], "<b>", "</b>") for c in cells]
            lines.append("\t".join(cell_lines))
    if lines:
        blocks.append("\n".join(lines))
    _render_blocks(stray, blocks)
