"""The pieces of a letter's text that every renderer builds the same way.

Why: a letter is written in four layouts (two text shapes, a PDF, an HTML
page), and each must say the same thing in the same words or the round trip
through the parser breaks for one layout only. The header values, the
credentials, an item's title and its labelled fields are therefore built
here once; the renderers only lay them out. ``letter_rng`` is here for the
same reason: every renderer's layout choices are seeded the same way, so
one letter always gives the same bytes.

The generator imports the renderers, and the renderers import this module
and ``wording``, never the generator.
"""

from __future__ import annotations

import random

from ..records import Item, Letter, Reviewer
from . import wording


def letter_rng(letter: Letter, shape: str) -> random.Random:
    """Layout choices are a function of the letter and shape, so rendering is deterministic."""
    return random.Random(f"{letter.case_number}|{letter.fingerprint}|{shape}")


def us_date(iso: str | None) -> str:
    """An ISO record date as the header prints it ("2016-03-04" -> "03/04/2016"); "" for none."""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{m}/{d}/{y}"


def series(parts: list[str], oxford: bool = False) -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b, and c')."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[0]} and {parts[1]}"
    return ", ".join(parts[:-1]) + ("," if oxford else "") + " and " + parts[-1]


def cap(s: str) -> str:
    """The first letter upper-cased, the rest as written: "x-ray of the TMJ" -> "X-ray of the TMJ" (not "...tmj")."""
    return s[:1].upper() + s[1:]


def header_rows(letter: Letter) -> list[tuple[str, str, str, str]]:
    """The header block of a file letter as (label, value, label, value) rows; "" where a cell is empty."""
    priority = (letter.priority or "standard").capitalize()
    return [
        ("Case Number:", letter.case_number or "", "", ""),
        ("Date Assigned:", us_date(letter.date_assigned), "Date of Injury:", us_date(letter.date_of_injury)),
        ("Decision Date:", us_date(letter.decision_date), "UR Denial Date:", us_date(letter.ur_denial_date)),
        ("Priority:", priority, "Application Received:", us_date(letter.application_received)),
    ]


def inline_credentials(r: Reviewer) -> str:
    """Specialties comma-separated (names may hold 'and' or '&'), states as a series."""
    return (f"The expert reviewer is Board Certified in {', '.join(r.specialties)} and is licensed to practice in "
            f"{series(list(r.licensure))}.")


def listed_credentials(r: Reviewer, state_sep: str = ", ") -> list[str]:
    """The credentials as a list: an opening line, the states, the specialties.

    PDF letters sometimes join the states with a bare comma, hence ``state_sep``.
    """
    return [
        wording.CREDENTIALS_INTRO,
        f"{wording.LICENSURE}: {state_sep.join(r.licensure)}",
        f"{wording.SPECIALTY}: {', '.join(r.specialties)}",
    ]


def web_reviewer_paragraphs(rng: random.Random, r: Reviewer) -> list[str]:
    """The paragraphs under the first heading of a web letter (the "html-text" shape and HTML pages).

    Mostly the boilerplate with the credentials inline, sometimes the
    boilerplate followed by the listed credentials; older letters say
    "physician reviewer" throughout.
    """
    boiler_a, boiler_b, inline = wording.BOILER_A, wording.BOILER_B, inline_credentials(r)
    if rng.random() < 0.3:
        boiler_a = boiler_a.replace("an expert reviewer", "a physician reviewer")
        boiler_b = boiler_b.replace("expert reviewer", "physician reviewer")
        inline = inline.replace("expert reviewer", "physician reviewer")
    if rng.random() < 0.8:
        return [f"{boiler_a} {inline} {boiler_b}"]
    return [f"{boiler_a} {boiler_b}", *listed_credentials(r)]


def item_title(it: Item) -> str:
    """What stands before an item's ": Upheld": its request, or for a partly authorized one the three-sentence story."""
    if it.partial is None:
        return it.request
    p = it.partial
    return (f"{p.original} was the original request. {p.authorized} was authorized by the Claims Administrator. "
            f"The remaining IMR eligible portion of the original request, {it.request} is")


def item_fields(it: Item) -> list[tuple[str | None, str]]:
    """An item's paragraphs after its title, as (label, text): both guidelines, then the rationale,
    whose first paragraph is labelled and whose later ones (label None) are not."""
    first, *more = it.rationale.split("\n\n")
    return [
        (wording.CA_GUIDELINE, it.claims_administrator_guideline),
        (wording.REVIEWER_GUIDELINE, it.reviewer_guideline),
        (wording.RATIONALE, first),
        *((None, para) for para in more),
    ]
