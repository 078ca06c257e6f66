"""The clinical case summary and the decision rationales, written from the phrase tables.

Why: the parser takes the patient's age and sex and the diagnoses from the
summary, and the outcome from the rationale's last sentence, so these are
written around fixed anchor sentences (see the package docstring) while
everything else varies. ``CaseContext`` keeps one letter's pronouns, side
and region consistent across all its prose.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..records import Citation, Item
from ..vocab.treatments import DIAGNOSES
from .kinds import body_region
from .rationale_phrases import CONCLUDE, GENERIC_DENY, GENERIC_GRANT, GUIDES_BY_NAME, PROSE, REGION_NAMES, VERBS
from .sections import cap, series
from .summary_phrases import (
    COMPLAINTS,
    CUMULATIVE,
    DX_LEADS,
    FINDINGS,
    IMAGING,
    INTROS,
    MECHANISMS,
    MEDS_NOW,
    MONTHS,
    OCCUPATIONS,
    PRIOR_CARE,
    UR_REASONS,
    UR_VERBS,
    WORK_STATUS,
)


def _us(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def _prose_date(rng: random.Random, d: date) -> str:
    """Prose dates come both ways in real letters; the parser must not care."""
    if rng.random() < 0.5:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    return _us(d)


class CaseContext:
    """Per-letter facts the prose refers back to (pronouns, side, region, age wording)."""

    __slots__ = ("He", "age_text", "he", "his", "region", "rng", "sex", "side")

    def __init__(self, rng: random.Random, sex: str, age: int | None, primary: str) -> None:
        self.rng = rng
        self.sex = sex
        self.he, self.his = ("he", "his") if sex == "male" else ("she", "her")
        self.He = cap(self.he)
        self.side = rng.choice(("left", "right"))
        self.region = REGION_NAMES.get(body_region(primary) or "", primary)
        if age is None:
            self.age_text = "a year old"  # the age redacted, as real letters print it
        else:
            art = "an" if age in (11, 18) or str(age).startswith("8") else "a"
            self.age_text = f"{art} {age}{rng.choice(('-year-old', ' year old', ' year old'))}"

    def fill(self, s: str) -> str:
        """Fill a template's {he}/{his}/{He}/{side}/{region}/{n}/{a}/{b} slots."""
        if "{" not in s:
            return s
        rng = self.rng
        a = rng.randint(6, 9)
        return s.format(he=self.he, his=self.his, He=self.He, side=self.side,
                        region=self.region, n=rng.randint(3, 9), a=a, b=rng.randint(2, a - 2))


_DX_BY_REGION: dict[str | None, tuple[str, ...]] = {}
for _d in DIAGNOSES:
    _DX_BY_REGION.setdefault(body_region(_d), ())
    _DX_BY_REGION[body_region(_d)] += (_d,)


def pick_diagnoses(rng: random.Random, region: str | None) -> list[str]:
    """1-5 diagnoses, mostly of the injured region, in the order the summary lists them."""
    n = rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
    local = _DX_BY_REGION.get(region, ()) if region else ()
    out: list[str] = []
    while len(out) < n:
        pool = local if local and rng.random() < 0.6 else DIAGNOSES
        d = rng.choice(pool)
        if d not in out:
            out.append(d)
    return out


def write_summary(ctx: CaseContext, d: dict[str, date], diagnoses: list[str], items: list[Item]) -> str:
    """Two to four paragraphs: the patient and injury, the diagnoses, care so far, the requests and their review."""
    rng = ctx.rng
    he, He = ctx.he, ctx.He
    doi = _prose_date(rng, d["injury"])
    job = rng.choice(OCCUPATIONS)
    sex = ctx.sex
    p1 = [rng.choice(INTROS).format(age=ctx.age_text, sex=sex, job=job, doi=doi)]
    if rng.random() < 0.8:
        mech = ctx.fill(rng.choice(MECHANISMS))
        p1.append(rng.choice((f"The injury occurred when {he} {mech}.", f"{He} reported that {he} {mech}.",
                              f"According to the first report, {he} {mech}.")))
    else:
        p1.append(f"The claim is for cumulative trauma attributed to {rng.choice(CUMULATIVE)}.")
    if rng.random() < 0.15:
        p1.append(rng.choice(("The employer is listed as [REDACTED].", "The patient works for [REDACTED].",
                              f"{He} was seen at [REDACTED] after the injury.")))
    dx = f"{rng.choice(DX_LEADS)} {series(diagnoses, oxford=rng.random() < 0.3)}."

    care = rng.sample(PRIOR_CARE, rng.randint(2, 5))
    visit = d["ur"] - timedelta(days=rng.randint(5, 40))
    p2 = [
        rng.choice(("Treatment to date has included", "Prior care has consisted of", f"{He} has been treated with",
                    "Conservative care so far has included")) + f" {series(care)}.",
        f"At a visit on {_prose_date(rng, visit)}, {he} reported {ctx.fill(rng.choice(COMPLAINTS))}.",
        "Examination showed " + series([ctx.fill(f) for f in rng.sample(FINDINGS, rng.randint(1, 3))]) + ".",
    ]
    p3: list[str] = []
    if rng.random() < 0.6:
        when = _prose_date(rng, d["injury"] + timedelta(days=rng.randint(10, max(11, (d["ur"] - d["injury"]).days))))
        p3.append(f"On {when}, {ctx.fill(rng.choice(IMAGING))}.")
    if rng.random() < 0.6:
        p3.append(f"Current medications include {series(rng.sample(MEDS_NOW, rng.randint(1, 4)))}.")
    if rng.random() < 0.7:
        p3.append(ctx.fill(rng.choice(WORK_STATUS)))

    reqs = [it.request for it in items]
    listed = series(reqs[:4]) + (" and other items" if len(reqs) > 4 else "")
    noun = "request" if len(reqs) == 1 else "requests"
    p4 = [
        rng.choice((f"A request for authorization asked for {listed}.",
                    f"The treating provider requested {listed}.",
                    f"The treatment plan included {listed}.")),
        (f"On {_prose_date(rng, d['ur'])}, utilization review {rng.choice(UR_VERBS)} the {noun}, citing "
         f"{rng.choice(UR_REASONS)}."),
    ]
    for it in items:
        if it.partial:
            p4.append(f"The claims administrator authorized part of the request ({it.partial.authorized}).")
            break
    if rng.random() < 0.4:
        p4.append(rng.choice(("The patient then applied for independent medical review.",
                              "An application for independent medical review followed.",
                              "The decision was appealed through independent medical review.")))

    layout = rng.randrange(4)
    if layout == 0:
        paras = [p1 + [dx], p2 + p3, p4]
    elif layout == 1:
        paras = [p1, [dx] + p2, p3, p4] if p3 else [p1, [dx] + p2, p4]
    elif layout == 2:
        paras = [p1 + [dx] + p2 + p3, p4]
    else:
        paras = [p1 + [dx] + p2, p3 + p4] if p3 else [p1 + [dx] + p2, p4]
    return "\n\n".join(" ".join(p) for p in paras if p)


def _source_name(rng: random.Random, cites: list[Citation]) -> str:
    """How the rationale names the guideline it leans on (a singular noun phrase)."""
    if not cites:
        return rng.choice(("the evidence-based literature", "the applicable guidance", "current practice guidance"))
    c = cites[0]
    if c.source == "MTUS":
        if c.pages:
            return rng.choice((f"the MTUS chronic pain guidance on pages {c.pages}", f"page {c.pages.split('-')[0]} of the MTUS"))
        return rng.choice((f"the MTUS {c.title} chapter", "the California MTUS", "the MTUS"))
    if c.source == "ODG":
        return rng.choice(("the Official Disability Guidelines", "the ODG", "ODG"))
    if c.source == "ACOEM":
        return rng.choice(("the ACOEM practice guideline", "ACOEM"))
    return "the cited reference"


def _guides(tx_name: str, group: str) -> tuple[str, ...]:
    for keys, guides in GUIDES_BY_NAME:
        if any(k in tx_name for k in keys):
            return guides
    return PROSE.get(group, PROSE["generic"]).guide


def _lower_first(text: str) -> str:
    """'Additional PT' -> 'additional PT', leaving 'MRI ...' and 'Norco ...'-like brands alone when in doubt."""
    head = text.split(" ", 1)[0]
    if not head[:1].isupper() or (len(head) > 1 and (head.isupper() or any(ch.isdigit() or ch.isupper() for ch in head[1:]))):
        return text
    return text[:1].lower() + text[1:]


def write_rationale(ctx: CaseContext, group: str, tx_name: str, request: str, outcome: str, cites: list[Citation]) -> str:
    """1-3 paragraphs: what the cited guideline says, what the record shows, the conclusion."""
    rng = ctx.rng
    prose = PROSE.get(group, PROSE["generic"])
    guide_pool = _guides(tx_name, group)
    guides = rng.sample(guide_pool, min(len(guide_pool), rng.choice((1, 2))))
    src = _source_name(rng, cites)
    if rng.random() < 0.5:
        para1 = [f"According to {src}, {ctx.fill(guides[0])}."]
    else:
        para1 = [f"{cap(src)} {rng.choice(VERBS)} {ctx.fill(guides[0])}."]
    if len(guides) > 1:
        para1.append(rng.choice(("The guidance adds that ", "It further notes that ", "In addition, ")) + ctx.fill(guides[1]) + ".")
    pool = (prose.deny + GENERIC_DENY) if outcome == "upheld" else (prose.grant + GENERIC_GRANT)
    facts = [ctx.fill(s) for s in rng.sample(pool, min(len(pool), rng.randint(1, 3)))]
    lead = rng.choice(("In this case, ", "Here, ", "For this patient, ", "In the present case, "))
    facts[0] = lead + _lower_first(facts[0])
    end = f"{rng.choice(CONCLUDE)} the request for {request} is {'not ' if outcome == 'upheld' else ''}medically necessary."
    r = rng.random()
    if r < 0.5:
        return " ".join(para1 + facts + [end])
    if r < 0.85:
        return " ".join(para1) + "\n\n" + " ".join(facts + [end])
    return " ".join(para1) + "\n\n" + " ".join(facts) + "\n\n" + end
