"""Item requests as letters write them, each with the facts it states (the ground truth).

Why: the parser and ``analyze_request`` must read every request back to the
treatment, body part, quantity, frequency and duration it was composed
from. ``compose_checked`` writes a request in one of the many real ways
("PT 2x4 to the left knee", "Norco 10/325mg #90") and keeps it only if the
analyzer agrees; ``partial_request`` writes the remaining portion of a
partly authorized one. The analyzer is a check here, never the source of
the facts.
"""

from __future__ import annotations

import random
import re
from itertools import accumulate
from typing import NamedTuple

from ..records import Duration, Frequency, Partial
from ..vocab.treatments import BODY_PARTS, LATERAL, TREATMENTS, Treatment, analyze_request
from .kinds import DRUG_GROUPS, SESSION_GROUPS, treatment_group
from .letter_mix import DISPUTE_WEIGHTS
from .request_tables import (
    FREQ_WORDS,
    NUMBER_WORDS,
    PART_DEFAULTS,
    PART_PLACEMENTS,
    PART_RULES,
    PART_SHARE,
    SMALL_WORDS,
)
from .sections import cap


class Composed(NamedTuple):
    """A request as written and the facts it states: what the parser and the record must hold."""

    request: str
    body_part: str | None
    quantity: int | None
    frequency: Frequency | None
    duration: Duration | None


def _case_variant(rng: random.Random, text: str) -> str:
    """Real requests come in every case: 'Physical therapy', 'Physical Therapy', 'MRI', rarely all caps."""
    r = rng.random()
    if r < 0.5:
        return cap(text)
    if r < 0.85:
        words = text.split(" ")
        return " ".join(
            w if (i and w in SMALL_WORDS) or not w[:1].islower() else cap(w) for i, w in enumerate(words)
        )
    if r < 0.97:
        return text
    return text.upper()


_ABBREVIATIONS = frozenset(
    w for t in TREATMENTS for a in t.aliases for w in re.split(r"[\s/]+", a)
    if len(w) > 1 and w.isalpha() and w.isupper() and w not in {"IF", "AM", "PM", "HELP", "IN", "ON", "OR", "TO"}
)


def _display_name(tx: Treatment) -> str:
    """The canonical name as letters write it: "CT scan", "EMG/NCV", "TENS unit", not "ct scan"."""
    return "".join(w.upper() if w.upper() in _ABBREVIATIONS else w for w in re.split(r"([\s/]+)", tx.name))


_DISPLAY = {t.name: _display_name(t) for t in TREATMENTS}
_BODY_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(p) for p in BODY_PARTS), key=len, reverse=True)) + r")\b")
_NAMES_A_PART = frozenset(
    t.name for t in TREATMENTS if any(_BODY_WORD_RE.search(x.lower()) for x in (t.name, *t.aliases))
)
"""Treatments whose own name holds a body part ("knee brace"): no second body part is added."""


def _parts_for(tx: Treatment, group: str) -> tuple[str, ...]:
    """The body parts a request for ``tx`` may plausibly name (none for a bed or a psychologist)."""
    if tx.name in _NAMES_A_PART:
        return ()
    for words, parts in PART_RULES:
        if any(w in tx.name for w in words):
            return parts
    return PART_DEFAULTS.get(group, ())


_PARTS = {t.name: _parts_for(t, treatment_group(t)) for t in TREATMENTS}


def _treatment_term(rng: random.Random, tx: Treatment) -> str:
    if tx.aliases and rng.random() < 0.4:
        return rng.choice(tx.aliases)
    return _DISPLAY[tx.name]


def _unit(d: int, unit: str) -> str:
    return unit if d != 1 else unit[:-1]


def _freq_phrase(rng: random.Random, f: int, d: int) -> str:
    """'2 times a week for 4 weeks', '2x4', 'twice a week for six weeks', '3x/week x 4 weeks'."""
    style = rng.randrange(8)
    weeks = _unit(d, "weeks")
    if style == 1:
        return f"{f} times per week for {d} {weeks}"
    if style == 2:
        return f"{f}x{d}"
    if style == 3:
        return f"{f} x {d}"
    if style == 4 and d <= 12:
        return f"{FREQ_WORDS[f]} a week for {NUMBER_WORDS[d]} {weeks}"
    if style == 5:
        return f"{f}x/week x {d} {weeks}"
    if style == 6:
        return f"{f} times {d} {weeks}"
    return f"{f} times a week for {d} {weeks}"


def _with_part(rng: random.Random, term: str, part: str, tail: str) -> str:
    """Place a body part in one of the ways real requests do."""
    return rng.choice(PART_PLACEMENTS).format(term=term, part=part, tail=f" {tail}" if tail else "")


def _pick_part(rng: random.Random, allowed: tuple[str, ...], primary: str) -> str:
    """A body part as written (lower-case), the letter's own region when it fits, with a side where one applies."""
    base = primary if primary in allowed and rng.random() < 0.6 else rng.choice(allowed)
    if base in LATERAL:
        r = rng.random()
        base = ("left " if r < 0.42 else "right " if r < 0.85 else "bilateral ") + base
    return base


def _compose(rng: random.Random, tx: Treatment, group: str, primary: str) -> Composed:
    """One request for ``tx`` and the facts it states (the ground truth)."""
    term = _treatment_term(rng, tx)
    part: str | None = None
    qty: int | None = None
    freq: Frequency | None = None
    dur: Duration | None = None
    if group in DRUG_GROUPS:
        text = term
        if tx.doses and rng.random() < 0.75:
            text += " " + rng.choice(tx.doses)
        if tx.forms and rng.random() < 0.25:
            form = rng.choice(tx.forms)
            if form not in term.lower():
                text += " " + form
        if rng.random() < 0.75:
            qty = rng.choice((10, 15, 20, 30, 30, 30, 60, 60, 60, 90, 90, 120, 120, 180, 240))
            text += rng.choice((f" #{qty}", f" #{qty}", f", #{qty}", f" qty {qty}"))
        if _PARTS[tx.name] and rng.random() < PART_SHARE.get(group, 0.0):
            part = _pick_part(rng, _PARTS[tx.name], primary)
            text = f"{text} for the {part}"
        if rng.random() < 0.08:
            text = rng.choice(("Retrospective ", "Prospective request for ", "Retro: ")) + text
        return Composed(_case_variant(rng, text), part, qty, None, None)

    text = term
    tail = ""
    if group in SESSION_GROUPS or (group in ("estim", "injection") and rng.random() < 0.15):
        r = rng.random()
        if r < 0.45:
            f = rng.choice((1, 2, 2, 2, 3, 3))
            d = rng.choice((2, 3, 4, 4, 4, 6, 6, 8))
            freq, dur = Frequency(f, "week"), Duration(d, "weeks")
            tail = _freq_phrase(rng, f, d)
        elif r < 0.75:
            qty = rng.choice((2, 4, 6, 6, 6, 8, 8, 10, 12, 12, 16, 18, 24))
            style = rng.randrange(4)
            if style == 0:
                text = f"{qty} sessions of {term}"
            elif style == 1:
                tail = f"x{qty}"
            elif style == 2:
                tail = f"x {qty} sessions"
            else:
                text = f"{NUMBER_WORDS[qty] if qty <= 20 and rng.random() < 0.5 else qty} sessions of {term}"
        elif r < 0.85:
            qty = rng.choice((6, 8, 12))
            f = rng.choice((2, 3))
            freq, dur = Frequency(f, "week"), Duration(qty // f, "weeks")
            text = f"{qty} sessions of {term}"
            tail = _freq_phrase(rng, f, qty // f)
    elif group in ("dme", "estim") and rng.random() < 0.25:
        if rng.random() < 0.5:
            tail = rng.choice(("purchase", "(purchase)", "rental"))
        else:
            d = rng.choice((1, 2, 3, 6))
            dur = Duration(d, "months")
            tail = f"rental for {d} {_unit(d, 'months')}"
    if _PARTS[tx.name] and rng.random() < PART_SHARE.get(group, 0.0):
        part = _pick_part(rng, _PARTS[tx.name], primary)
        text = _with_part(rng, text, part, tail)
    elif tail:
        text = f"{text} {tail}"
    if rng.random() < 0.1:
        text = rng.choice(("Additional ", "Outpatient ", "Retrospective ", "Associated surgical service: ")) + text
    return Composed(_case_variant(rng, text), part, qty, freq, dur)


def _agrees(c: Composed, tx: Treatment) -> bool:
    """Does the analyzer read the request back as composed? (Never the source of truth.)"""
    info = analyze_request(c.request)
    return (
        info.treatment == tx.name
        and info.category == tx.category
        and info.subcategory == tx.subcategory
        and info.body_part == c.body_part
        and info.quantity == c.quantity
        and info.frequency == c.frequency
        and info.duration == c.duration
    )


def compose_checked(rng: random.Random, tx: Treatment, group: str, primary: str) -> Composed | None:
    """A request the analyzer reads as composed, or None after a few tries."""
    for _ in range(8):
        c = _compose(rng, tx, group, primary)
        if _agrees(c, tx):
            return c
    plain = Composed(cap(_DISPLAY[tx.name]), None, None, None, None)
    return plain if _agrees(plain, tx) else None


def partial_request(rng: random.Random, tx: Treatment, group: str, primary: str) -> tuple[Composed, Partial] | None:
    """A partly authorized request: (remaining portion, Partial(original, authorized))."""
    term = cap(_treatment_term(rng, tx))
    if group in DRUG_GROUPS:
        dose = f" {rng.choice(tx.doses)}" if tx.doses else ""
        total = rng.choice((60, 90, 120, 180))
        auth = total // rng.choice((2, 3))
        req = Composed(f"{term}{dose} #{total - auth}", None, total - auth, None, None)
        partial = Partial(f"{term}{dose} #{total}", f"{term}{dose} #{auth}")
    else:
        part = _pick_part(rng, _PARTS[tx.name], primary) if _PARTS[tx.name] else None
        where = f" to the {part}" if part else ""
        if rng.random() < 0.5:
            f = rng.choice((2, 3))
            d = rng.choice((3, 4, 6))
            a = rng.randrange(1, d)
            req = Composed(f"{term}{where} {f} times a week for {d - a} {_unit(d - a, 'weeks')}", part, None,
                           Frequency(f, "week"), Duration(d - a, "weeks"))
            partial = Partial(f"{term}{where} {f} times a week for {d} weeks",
                              f"{term}{where} {f} times a week for {a} {_unit(a, 'weeks')}")
        else:
            total = rng.choice((6, 8, 10, 12, 18))
            auth = rng.choice([k for k in (2, 3, 4, 6) if k < total])
            words = rng.random() < 0.5

            def n(k: int) -> str:
                return NUMBER_WORDS[k] if words and k <= 20 else str(k)

            req = Composed(f"{term}{where}, {n(total - auth)} sessions", part, total - auth, None, None)
            partial = Partial(f"{term}{where}, {n(total)} sessions", f"{term}{where}, {n(auth)} sessions")
    return (req, partial) if _agrees(req, tx) else None


_TX_CUM = list(accumulate(DISPUTE_WEIGHTS.get(t.name, 1) for t in TREATMENTS))


def pick_treatment(rng: random.Random) -> Treatment:
    """Weighted so common disputes (therapy, MRI, opioids) recur while all 300+ treatments appear."""
    return rng.choices(TREATMENTS, cum_weights=_TX_CUM)[0]
