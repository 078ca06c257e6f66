"""One complete ground-truth letter: dates, reviewer, items with their guidelines and rationales, summary.

Why: tests and benchmarks need letters whose every field is known.
``make_letter`` draws all of it from one seeded ``Random``, so a seed and a
case number always give the same record; the text comes later, from the
renderers.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from itertools import accumulate

from ..records import Item, Letter, Partial, Patient, Reviewer, fingerprint
from ..vocab.treatments import BODY_PARTS, SPECIALTIES, STATES
from .guidelines import guideline
from .item_requests import Composed, compose_checked, partial_request, pick_treatment
from .kinds import DRUG_GROUPS, SESSION_GROUPS, body_region, treatment_group
from .letter_mix import COMMON_SPECIALTIES, ITEM_COUNT_WEIGHTS, ITEM_COUNTS, SPECIALTY_SETS
from .prose import CaseContext, pick_diagnoses, write_rationale, write_summary
from .request_tables import PRIMARY_PARTS
from .older_letters import adapt, pick_layout
from .sections import item_title

_CASE_RE = re.compile(r"^CM(\d{2})-\d{7}$")


def _dates(rng: random.Random, year: int, expedited: bool) -> dict[str, date]:
    """Injury < UR denial < application received < assigned < decision, all plausible."""
    start = date(year, 3, 1) if year == 2013 else date(year, 1, 1)
    end = date(year, 11, 10) if year >= 2025 else date(year, 12, 31)
    assigned = start + timedelta(days=rng.randrange((end - start).days + 1))
    gap = rng.randint(8, 70)
    ur = assigned - timedelta(days=gap)
    received = ur + timedelta(days=rng.randint(1, gap - 1))
    decided = assigned + timedelta(days=rng.randint(1, 3) if expedited else rng.randint(14, 44))
    r = rng.random()
    if r < 0.3:
        back = rng.randint(20, 180)
    elif r < 0.75:
        back = rng.randint(180, 3 * 365)
    else:
        back = rng.randint(3 * 365, 15 * 365)
    return {"assigned": assigned, "received": received, "ur": ur, "decided": decided, "injury": ur - timedelta(days=back)}


def _reviewer(rng: random.Random) -> Reviewer:
    known = set(SPECIALTIES)
    r = rng.random()
    if r < 0.35:
        specs = [s for s in rng.choice(SPECIALTY_SETS) if s in known]
    elif r < 0.75:
        specs = [rng.choice([s for s in COMMON_SPECIALTIES if s in known] or list(SPECIALTIES))]
    else:
        specs = rng.sample(SPECIALTIES, rng.choice((1, 1, 2, 2, 3)))
    if not specs:
        specs = [rng.choice(SPECIALTIES)]
    k = rng.choice((1, 1, 1, 1, 1, 2, 2, 2, 3, 3))
    states = rng.sample(STATES, k)
    if "California" in STATES and "California" not in states and rng.random() < 0.75:
        states[rng.randrange(k)] = "California"
    return Reviewer(specialties=specs, licensure=states)


_ITEM_CUM = list(accumulate(ITEM_COUNT_WEIGHTS))


def _item_count(rng: random.Random) -> int:
    """About three letters in five decide one item (the state reports two in five decide more)."""
    return 1 if rng.random() < 0.6 else rng.choices(ITEM_COUNTS, cum_weights=_ITEM_CUM)[0]


def make_letter(rng: random.Random, case_number: str, older: bool = False) -> Letter:
    """A complete ground-truth letter for ``case_number`` (``CMyy-nnnnnnn``, yy = year assigned).

    ``older`` lets a 2013-2014 letter take an older layout (``older_letters``, at the shares of
    ``letter_mix.LAYOUT_WEIGHTS``), as every letter of ``corpus``/``write_corpus`` may; without it the
    letter is standard, for callers that need that layout whatever the year.
    """
    m = _CASE_RE.match(case_number)
    if not m:
        raise ValueError(f"case number must look like CM17-0005344, not {case_number!r}")
    expedited = rng.random() < 0.03
    d = _dates(rng, 2000 + int(m.group(1)), expedited)
    year = d["decided"].year
    sex = "male" if rng.random() < 0.55 else "female"
    age = None if rng.random() < 0.07 else rng.randint(18, 75)
    primary = rng.choice(PRIMARY_PARTS) if PRIMARY_PARTS and rng.random() < 0.6 else rng.choice(BODY_PARTS)
    ctx = CaseContext(rng, sex, age, primary)

    items: list[Item] = []
    n_items = _item_count(rng)
    seen: set[str] = set()
    tries = 0
    while len(items) < n_items and tries < n_items * 6:
        tries += 1
        tx = pick_treatment(rng)
        group = treatment_group(tx)
        composed: Composed | None = None
        partial: Partial | None = None
        if rng.random() < 0.09 and (group in DRUG_GROUPS or group in SESSION_GROUPS):
            got = partial_request(rng, tx, group, primary)
            if got:
                composed, partial = got
        if composed is None:
            composed = compose_checked(rng, tx, group, primary)
        if composed is None or composed.request.lower() in seen:
            continue
        seen.add(composed.request.lower())
        outcome = "overturned" if rng.random() < 1 / 9 else "upheld"
        region = body_region(composed.body_part) or body_region(primary)
        # "<Bare Title-Cased Request>: Upheld" followed by a claims administrator who cited nothing
        # reads word for word like a few real letters, so such requests always get a citation.
        bare = composed.body_part is None and composed.quantity is None and composed.frequency is None
        may_cite_nothing = not bare and not composed.request.rsplit(" ", 1)[-1][:1].isupper()
        ca, ca_cites = guideline(rng, group, region, year, "claims_administrator", tx.name, may_cite_nothing)
        rg, rg_cites = guideline(rng, group, region, year, "reviewer", tx.name)
        items.append(Item(
            item=len(items) + 1,
            request=composed.request,
            partial=partial,
            treatment=tx.name,
            category=tx.category,
            subcategory=tx.subcategory,
            body_part=composed.body_part,
            quantity=composed.quantity,
            frequency=composed.frequency,
            duration=composed.duration,
            outcome=outcome,  # type: ignore[arg-type]
            claims_administrator_guideline=ca,
            reviewer_guideline=rg,
            citations=ca_cites + rg_cites,
            rationale=write_rationale(ctx, group, tx.name, composed.request, outcome, rg_cites),
        ))
        items[-1].line = item_title(items[-1])
    if not items:  # pragma: no cover - only if the analyzer rejects everything
        raise RuntimeError("no request could be composed that analyze_request reads back")

    diagnoses = pick_diagnoses(rng, body_region(primary))
    summary = write_summary(ctx, d, diagnoses, items)
    letter = Letter(
        id=case_number,
        case_number=case_number,
        fingerprint=fingerprint(items),
        source="",
        shape="html-text",
        date_assigned=d["assigned"].isoformat(),
        date_of_injury=d["injury"].isoformat(),
        decision_date=d["decided"].isoformat(),
        ur_denial_date=d["ur"].isoformat(),
        application_received=d["received"].isoformat(),
        priority="expedited" if expedited else "standard",
        reviewer=_reviewer(rng),
        patient=Patient(age=age, sex=sex),  # type: ignore[arg-type]
        diagnoses=diagnoses,
        summary=summary,
        items=items,
    )
    return adapt(letter, *pick_layout(case_number)) if older else letter
