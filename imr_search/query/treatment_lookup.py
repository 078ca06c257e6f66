"""Treatment lookup: the canonical treatments nearest to what someone typed.

Read from the treatment table the build wrote into the index's metadata
(items and the upheld/overturned split per canonical name), so a lookup
never touches the index itself. Brand names and abbreviations of the
vocabulary find their generic ("norco" -> hydrocodone/acetaminophen).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..vocab.treatments import TREATMENTS
from .results import TreatmentMatch


def treatments(table: dict[str, dict], text: str, limit: int) -> list[TreatmentMatch]:
    """The ``limit`` best matches of ``text`` (typos welcome), best first, then most items."""
    names: dict[str, str] = {name: name for name in table}
    for t in TREATMENTS:
        if t.name in table:
            for alias in t.aliases:
                names.setdefault(alias.lower(), t.name)
    matches = process.extract(text.lower().strip(), list(names), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=50)
    out: dict[str, TreatmentMatch] = {}
    for key, score, _ in matches:
        name = names[key]
        row = table[name]
        if name not in out or out[name].score < score:
            out[name] = TreatmentMatch(
                treatment=name,
                category=row["category"],
                score=round(float(score), 1),
                items=row["items"],
                upheld=row["upheld"],
                overturned=row["overturned"],
            )
    return sorted(out.values(), key=lambda m: (-m.score, -m.items, m.treatment))[:limit]
