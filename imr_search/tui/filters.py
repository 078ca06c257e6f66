"""The filter panel's state, and how it becomes query text.

Filters are not a second query language: each one is the same ``field:value``
text a user could type (``outcome:overturned``, ``decided:2014-01..2015-06``),
appended to what is in the search box. So the index sees one query, the
status line can show exactly what was searched, and a filtered search can be
pasted into ``imr-search search``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

DATE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
"""What a date box accepts: 2015, 2015-03 or 2015-03-31 (the query language's forms)."""


def _quoted(value: str) -> str:
    """A filter value as one query token (quotes inside would end the phrase early)."""
    value = value.replace('"', " ").strip()
    return f'"{value}"' if re.search(r"[\s():]", value) else value


@dataclass(frozen=True)
class Filters:
    """What the filter panel narrows by; empty strings mean "any"."""

    outcome: str = ""
    decided_from: str = ""
    decided_to: str = ""
    specialty: str = ""
    cites: str = ""
    category: str = ""
    treatment: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def decided(self) -> str:
        """The ``decided:`` value: one period, or an open or closed range."""
        lo, hi = self.decided_from.strip(), self.decided_to.strip()
        if lo and hi and lo == hi:
            return lo
        if lo or hi:
            return f"{lo}..{hi}"
        return ""

    def terms(self) -> list[str]:
        """Each active filter as query text, in panel order."""
        out = []
        if self.outcome:
            out.append(f"outcome:{self.outcome}")
        if decided := self.decided():
            out.append(f"decided:{decided}")
        if self.specialty:
            out.append(f"specialty:{_quoted(self.specialty)}")
        if self.cites:
            out.append(f"cites:{self.cites}")
        if self.category:
            out.append(f"category:{_quoted(self.category)}")
        if self.treatment:
            out.append(f'treatment:"{self.treatment.replace(chr(34), " ").strip()}"')
        return out

    def apply(self, query: str) -> str:
        """``query`` narrowed by these filters.

        The filters go first: the parser mends an unbalanced quote by dropping
        the *last* one, which must be the user's, not one of ours.
        """
        return " ".join([*self.terms(), query.strip()]).strip()

    def cleared(self) -> Filters:
        return replace(self, **{f.name: "" for f in fields(self)})
