"""Choosing a canonical treatment from what the user types, typos and brand names welcome.

Letters name one treatment a dozen ways ("PT", "physical therapy 2x6",
"Norco 10/325"); the index knows the canonical names and how each was
decided. As the user types, the nearest names appear with their item counts
and the upheld/overturned split, so the choice is informed before it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ...query.results import TreatmentMatch
from .. import text
from ..messages import TreatmentChosen

Lookup = Callable[[str], list[TreatmentMatch]]


def suggestion(m: TreatmentMatch, widths: tuple[int, int, int] = (5, 4, 3)) -> Content:
    """" 12 ·  9 ✗  3 ✓  personal trainer  Programs": items, upheld, overturned, then the name.

    The counts come first so a narrow panel cuts the name, not them.
    """
    wi, wu, wo = widths
    return Content.assemble(
        (f"{m.items:>{wi},}", "bold"),
        (" ·", "$text-muted"),
        (f" {m.upheld:>{wu},} ✗", "$text-error"),
        (f" {m.overturned:>{wo},} ✓", "$text-success"),
        "  ",
        (text.clean(m.treatment, True), "bold"),
        (f"  {text.clean(m.category or '', True)}" if m.category else "", "$text-muted"),
    )


def _widths(matches: list[TreatmentMatch]) -> tuple[int, int, int]:
    return (
        max(len(f"{m.items:,}") for m in matches),
        max(len(f"{m.upheld:,}") for m in matches),
        max(len(f"{m.overturned:,}") for m in matches),
    )


class TreatmentInput(Input):
    """The picker's text box: ``down`` moves into the suggestions."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "app.focus_next", "Suggestions", show=False, id="treatment.suggestions", tooltip="Into the treatment suggestions")]


class TreatmentPicker(Vertical):
    """An input with fuzzy suggestions; posts ``TreatmentChosen`` when a name is picked or cleared."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_suggestions", "Close suggestions", show=False, id="treatment.close", tooltip="Close the treatment suggestions")]

    chosen: reactive[str] = reactive("", init=False)
    """The canonical treatment in force ("" for none)."""

    def __init__(self, lookup: Lookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lookup = lookup
        self._set_value: str | None = None
        """A value we put in the box ourselves: its Changed event is not the user typing."""

    def compose(self) -> ComposeResult:
        yield TreatmentInput(placeholder="treatment (typos welcome)", id="treatment-input", compact=True)
        yield OptionList(id="treatment-suggestions", markup=False)

    @property
    def suggestions(self) -> OptionList:
        return self.query_one("#treatment-suggestions", OptionList)

    @on(Input.Changed, "#treatment-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self._set_value:
            return
        self._set_value = None
        value = event.value.strip()
        if not value:
            self.suggestions.display = False
            if self.chosen:
                self.chosen = ""
            return
        matches = self._lookup(value)
        widths = _widths(matches) if matches else (1, 1, 1)
        self.suggestions.set_options(Option(suggestion(m, widths), id=m.treatment) for m in matches)
        self.suggestions.display = bool(matches)
        if matches:
            self.suggestions.highlighted = 0
            self.call_after_refresh(self.suggestions.scroll_visible, animate=False)

    @on(Input.Submitted, "#treatment-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the box takes the highlighted (by default the nearest) suggestion."""
        event.stop()
        options = self.suggestions
        if options.display and options.option_count:
            index = options.highlighted or 0
            self._choose(options.get_option_at_index(index).id or "")

    @on(OptionList.OptionSelected, "#treatment-suggestions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id or "")
        self.query_one("#treatment-input", Input).focus()

    def _choose(self, treatment: str) -> None:
        field = self.query_one("#treatment-input", Input)
        self._set_value = treatment
        field.value = treatment
        field.cursor_position = len(treatment)
        self.suggestions.display = False
        self.chosen = treatment

    def watch_chosen(self, treatment: str) -> None:
        self.post_message(TreatmentChosen(treatment))

    def action_dismiss_suggestions(self) -> None:
        if self.suggestions.display:
            self.suggestions.display = False
            self.query_one("#treatment-input", Input).focus()
        else:
            raise SkipAction()  # let escape close the panel

    def clear(self) -> None:
        self._choose("")
