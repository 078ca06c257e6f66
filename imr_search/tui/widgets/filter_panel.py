"""The filter panel (`f`): narrow the search by outcome, date, specialty, citation, category, treatment.

Every control maps onto one ``field:value`` of the query language (see
``filters``), and every change posts ``FiltersChanged`` at once, so the
results beside the panel narrow as the user picks, not after an "apply".
A date box with something unreadable in it is marked and ignored rather
than sent, so a half-typed "2014-" never empties the results.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from ...records import CITATION_SOURCES
from ..filters import DATE, Filters
from ..messages import FiltersChanged, TreatmentChosen
from .treatment_picker import Lookup, TreatmentPicker

OUTCOMES = ("", "upheld", "overturned")


def _options(values: list[str]) -> list[tuple[Text, str]]:
    """Select options from index values, shown as literal text."""
    return [(Text(v), v) for v in values]


class FilterPanel(VerticalScroll):
    """The panel; ``filters`` holds what it currently narrows by."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "clear", "Clear filters", id="filters.clear", tooltip="Clear every filter"),
    ]

    filters: reactive[Filters] = reactive(Filters, init=False)

    def __init__(self, known: dict[str, list[str]], lookup: Lookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._known = known
        self._lookup = lookup

    def compose(self) -> ComposeResult:
        yield Static("Filters  [dim]esc closes · ^r clears[/]", classes="panel-title")
        with Horizontal(classes="filter-row"):
            yield Label("Outcome", classes="filter-label")
            with RadioSet(id="f-outcome", compact=True):
                yield RadioButton("any", value=True)
                yield RadioButton("✗ upheld")
                yield RadioButton("✓ overturned")
        with Horizontal(classes="filter-row filter-dates"):
            yield Label("Decided", classes="filter-label")
            yield Input(placeholder="from 2014", id="f-from", restrict=r"[0-9-]*", max_length=10, compact=True)
            yield Input(placeholder="to 2015-06", id="f-to", restrict=r"[0-9-]*", max_length=10, compact=True)
        with Horizontal(classes="filter-row"):
            yield Label("Specialty", classes="filter-label")
            yield Select(_options(self._known.get("specialty", [])), prompt="any", id="f-specialty", compact=True)
        with Horizontal(classes="filter-row"):
            yield Label("Cites", classes="filter-label")
            yield Select(_options(list(CITATION_SOURCES)), prompt="any", id="f-cites", compact=True)
        with Horizontal(classes="filter-row"):
            yield Label("Category", classes="filter-label")
            yield Select(_options(self._known.get("category", [])), prompt="any", id="f-category", compact=True)
        yield Label("Treatment", classes="filter-label -above")
        yield TreatmentPicker(self._lookup, id="f-treatment")
        yield Button("Clear filters", id="f-clear", compact=True)

    def watch_filters(self, filters: Filters) -> None:
        self.post_message(FiltersChanged(filters))

    @on(RadioSet.Changed, "#f-outcome")
    def _outcome(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.filters = replace(self.filters, outcome=OUTCOMES[event.index])

    @on(Input.Changed, "#f-from, #f-to")
    def _date(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value.strip()
        ok = not value or bool(DATE.match(value))
        event.input.set_class(not ok, "-invalid")
        if not ok:
            return
        field = "decided_from" if event.input.id == "f-from" else "decided_to"
        self.filters = replace(self.filters, **{field: value})

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        field = {"f-specialty": "specialty", "f-cites": "cites", "f-category": "category"}.get(event.select.id or "")
        if field:
            self.filters = replace(self.filters, **{field: value})

    @on(TreatmentChosen)
    def _treatment(self, event: TreatmentChosen) -> None:
        event.stop()
        self.filters = replace(self.filters, treatment=event.treatment)

    @on(Button.Pressed, "#f-clear")
    def _clear_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_clear()

    def action_clear(self) -> None:
        """Reset every control, then post one change (not one per control)."""
        with self.prevent(RadioSet.Changed, Input.Changed, Select.Changed, TreatmentChosen):
            self.query_one("#f-outcome", RadioSet).query(RadioButton).first().value = True
            for box in self.query(".filter-dates Input").results(Input):
                box.value = ""
                box.remove_class("-invalid")
            for select in self.query(Select).results(Select):
                select.clear()
            self.query_one(TreatmentPicker).clear()
        self.filters = Filters()

    def focus_first(self) -> None:
        self.query_one("#f-outcome", RadioSet).focus()
