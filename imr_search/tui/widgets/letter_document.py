"""A whole letter, laid out for reading, with the query's hits marked and walkable.

The letter is a flat column of small widgets (headings, fact blocks, one
text block per searchable field) rather than one big text: each field the
index reports hits in (summary; per item the request, both guideline
paragraphs and the rationale) is its own block, so ``n``/``N`` re-render
only the two blocks whose current hit changed, and the hit's offsets map
straight onto the text they were computed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ...records import Item, Letter, citation_text, counted, document_text
from ...query.results import Hit, LetterView
from .. import text

BlockKey = tuple[int, str]
"""(item number, field); item 0 is the letter itself (the summary)."""

FIELD_ORDER = ("request", "line", "claims_administrator_guideline", "reviewer_guideline", "rationale")
FIELD_TITLE = {
    "line": "As the letter writes it",
    "claims_administrator_guideline": "Claims administrator's guideline",
    "reviewer_guideline": "Reviewer's guideline",
    "rationale": "Rationale",
}


def _key(hit: Hit) -> BlockKey:
    return (hit.item or 0, hit.field)


def _order(key: BlockKey) -> tuple[int, int]:
    item, field = key
    return (item, FIELD_ORDER.index(field) if field in FIELD_ORDER else -1)


def letter_title(letter: Letter) -> Content:
    """"CM15-0106031 · decided 2015-07-14 · 2 items: 1 ✗ upheld, 1 ✓ overturned"."""
    upheld = sum(it.outcome == "upheld" for it in letter.items)
    overturned = len(letter.items) - upheld
    split: list[Content | str] = []
    if upheld:
        split += [f"{upheld} ", text.outcome("upheld")]
    if overturned:
        split += [", " if split else "", f"{overturned} ", text.outcome("overturned")]
    return Content.assemble(
        (text.clean(letter.case_number or letter.id, True), "bold"),
        f" · decided {letter.decision_date or 'date not stated'} · {counted(len(letter.items), 'item')}: ",
        *split,
    )


class Facts(Widget):
    """Label/value lines with wrapped values indented under their value column (a hanging indent)."""

    DEFAULT_CSS = """
    Facts {
        height: auto;
        layout: grid;
        grid-size: 2;
        grid-columns: 22 1fr;
        grid-rows: auto;
    }
    Facts > .fact-label {
        color: $text-muted;
    }
    """

    def __init__(self, pairs: list[tuple[str, str | None]], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.pairs = [(label, value) for label, value in pairs if value]

    def compose(self) -> Iterator[Widget]:
        for label, value in self.pairs:
            yield Static(label, classes="fact-label", markup=False)
            yield Static(text.plain(value, one_line=True), classes="fact-value")


def letter_facts(letter: Letter) -> Facts:
    patient = ", ".join(str(x) for x in (letter.patient.age, letter.patient.sex) if x)
    return Facts(
        [
            ("Case number", letter.case_number or f"(none; id {letter.id})"),
            ("Decision date", letter.decision_date),
            ("Date assigned", letter.date_assigned),
            ("Date of injury", letter.date_of_injury),
            ("UR denial date", letter.ur_denial_date),
            ("Application received", letter.application_received),
            ("Priority", letter.priority),
            ("Reviewer specialty", ", ".join(letter.reviewer.specialties)),
            ("Reviewer licensure", ", ".join(letter.reviewer.licensure)),
            ("Patient", patient),
            ("Diagnoses", "; ".join(letter.diagnoses)),
            ("Source", f"{PurePath(letter.source).name} ({letter.shape})" if letter.source else letter.shape),
        ],
        classes="doc-facts",
    )


def parser_notes(letter: Letter) -> Content:
    """What the parser had to guess reading this letter, one note a line, under a heading."""
    return Content("\n").join([Content.styled("Parser notes", "bold"), *(text.plain(n, one_line=True) for n in letter.notes)])


def documents_reviewed(letter: Letter) -> Content:
    """The records the reviewer looked at, one a line (title, author, date or range), as every view writes them."""
    return Content("\n").join(text.plain("· " + document_text(d), one_line=True) for d in letter.documents)


def item_facts(it: Item) -> Facts:
    freq = f"{it.frequency.count} per {it.frequency.per}" if it.frequency else None
    dur = f"{it.duration.count} {it.duration.unit}" if it.duration else None
    partial = f"asked {it.partial.original}; authorized {it.partial.authorized}" if it.partial else None
    category = " / ".join(x for x in (it.category, it.subcategory) if x)
    return Facts(
        [
            ("Treatment", it.treatment),
            ("Category", category),
            ("Body part", it.body_part),
            ("Quantity", str(it.quantity) if it.quantity is not None else None),
            ("Frequency", freq),
            ("Duration", dur),
            ("Partly authorized", partial),
        ],
        classes="doc-facts",
    )


def citation_lines(it: Item) -> Content:
    """The item's citations, one a line: who cited, the source (a column of its own), then the citation."""
    if not it.citations:
        return Content.styled("no citations", "$text-muted")
    lines = []
    for c in it.citations:
        who = "reviewer" if c.by == "reviewer" else "claims admin."
        lines.append(
            Content.assemble(
                (f"{who:<14}", "$text-muted"),
                (f"{c.source:<6}", "bold"),
                text.plain(citation_text(c, source=False), one_line=True),
            )
        )
    return Content("\n").join(lines)


class LetterDocument(VerticalScroll, can_focus=True):
    """The letter; ``next_hit``/``previous_hit`` walk the query's hits in reading order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="document.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="document.up", tooltip="Scroll up"),
        Binding("space", "page_down", "Page down", show=False, id="document.page-down", tooltip="Page down"),
        Binding("b", "page_up", "Page up", show=False, id="document.page-up", tooltip="Page up"),
        Binding("g", "scroll_home", "Top", show=False, id="document.top", tooltip="Top of the letter"),
        Binding("G", "scroll_end", "Bottom", show=False, id="document.bottom", tooltip="End of the letter"),
    ]

    current_hit: reactive[int] = reactive(-1, init=False)
    """Index into ``hits`` of the hit `n`/`N` moved to; -1 before the first jump."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view: LetterView | None = None
        self.hits: list[Hit] = []
        self._texts: dict[BlockKey, str] = {}
        self._blocks: dict[BlockKey, Static] = {}

    # -- building -----------------------------------------------------------

    def show(self, view: LetterView | None) -> None:
        """Lay out ``view`` (None: empty), hits unvisited, scrolled to the top."""
        self.view = view
        self._texts.clear()
        self._blocks.clear()
        self.hits = sorted(view.hits, key=lambda h: (_order(_key(h)), h.start)) if view else []
        self.set_reactive(LetterDocument.current_hit, -1)
        self.remove_children()
        if view is not None:
            self.mount_all(list(self._widgets(view.letter)))
        self.scroll_home(animate=False)

    def _block(self, key: BlockKey, raw: str, classes: str = "") -> Static:
        self._texts[key] = raw
        block = Static(self._render_block(key), classes=f"doc-text {classes}".strip(), id=f"block-{key[0]}-{key[1]}", markup=False)
        self._blocks[key] = block
        return block

    def _widgets(self, letter: Letter) -> Iterator[Widget]:
        yield Static(letter_title(letter), classes="doc-title")
        yield letter_facts(letter)
        if letter.notes:  # muted: the letter is whole and indexed, but some fields are the parser's guess
            yield Static(parser_notes(letter), classes="doc-notes")
        yield Static("Clinical case summary", classes="doc-heading", markup=False)
        yield self._block((0, "summary"), letter.summary or "(no summary)")
        if letter.documents:
            yield Static(f"Documents reviewed ({len(letter.documents)})", classes="doc-heading", markup=False)
            yield Static(documents_reviewed(letter), classes="doc-documents")
        for it in letter.items:
            yield Static(
                Content.assemble(f"Item {it.item} of {len(letter.items)}  ", text.outcome(it.outcome)),
                classes=f"doc-item-title -{it.outcome}",
            )
            yield self._block((it.item, "request"), it.request, "doc-request")
            if it.line and it.line != it.request:  # a partial request's sentence, an older letter's determination
                yield Static(FIELD_TITLE["line"], classes="doc-heading", markup=False)
                yield self._block((it.item, "line"), it.line)
            yield item_facts(it)
            for field in ("claims_administrator_guideline", "reviewer_guideline"):
                yield Static(FIELD_TITLE[field], classes="doc-heading", markup=False)
                yield self._block((it.item, field), getattr(it, field) or "(none stated)")
            yield Static("Citations", classes="doc-heading", markup=False)
            yield Static(citation_lines(it), classes="doc-cites")
            yield Static("Rationale", classes="doc-heading", markup=False)
            yield self._block((it.item, "rationale"), it.rationale or "(none stated)")

    def _render_block(self, key: BlockKey) -> Content:
        current = self.hits[self.current_hit] if 0 <= self.current_hit < len(self.hits) else None
        ranges = [(h.start, h.end) for h in self.hits if _key(h) == key]
        cur = (current.start, current.end) if current is not None and _key(current) == key else None
        return text.highlighted(self._texts[key], ranges, current=cur)

    # -- walking hits -------------------------------------------------------

    def next_hit(self) -> None:
        if self.hits:
            self.current_hit = (self.current_hit + 1) % len(self.hits)

    def previous_hit(self) -> None:
        if self.hits:
            self.current_hit = (self.current_hit - 1) % len(self.hits) if self.current_hit >= 0 else len(self.hits) - 1

    def watch_current_hit(self, old: int, new: int) -> None:
        for index in {old, new}:
            if 0 <= index < len(self.hits):
                key = _key(self.hits[index])
                if key in self._blocks:
                    self._blocks[key].update(self._render_block(key))
        if 0 <= new < len(self.hits):
            self.call_after_refresh(self._scroll_to_hit, new)

    def _scroll_to_hit(self, index: int) -> None:
        """Bring the hit's line to the middle of the view (the block's first line if it cannot tell)."""
        if index != self.current_hit or index >= len(self.hits):
            return
        hit = self.hits[index]
        block = self._blocks.get(_key(hit))
        if block is None:
            return
        line = _line_of(self._render_block(_key(hit)), hit.end, block.content_region.width)
        region = block.virtual_region
        self.scroll_to_region(Region(0, region.y + block.styles.padding.top + line, 1, 1), animate=False, center=True, force=True)


def _line_of(content: Content, end: int, width: int) -> int:
    """Which wrapped line (at ``width``) holds the text ending at ``end``.

    Wrapping the text up to the end of the hit wraps it exactly as the whole
    block is wrapped up to there (greedy wrapping, and a hit ends a word).
    """
    if width <= 0 or end <= 0:
        return 0
    return max(len(content[:end].wrap(width)) - 1, 0)
