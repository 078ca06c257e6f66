"""A hostile corpus: good letters beside every kind of bad file a real folder holds.

Generated at test time (nothing here is committed as data). ``build_hostile``
returns what the indexer must make of it: the ids that must be indexed once,
and the paths that must be reported as skipped.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from imr_search.synth import corpus, make_letter, render


@dataclass
class Hostile:
    root: Path
    good_ids: set[str] = field(default_factory=set)
    bad: dict[str, str] = field(default_factory=dict)
    """path -> a word the skip reason must contain"""
    duplicates: int = 0


def _letter(rng: random.Random, n: int):
    return make_letter(rng, f"CM21-{9000000 + n:07d}")


def build_hostile(root: Path, good: int = 30, seed: int = 4) -> Hostile:
    root.mkdir(parents=True, exist_ok=True)
    h = Hostile(root)
    for letter, shape, _ in corpus(good, seed):
        (root / f"{letter.case_number}.txt").write_text(render(letter, shape))
        h.good_ids.add(letter.case_number)
    rng = random.Random(seed)
    n = 0

    def good_file(name: str, data: bytes, letter) -> None:
        (root / name).write_bytes(data)
        h.good_ids.add(letter.case_number)

    def bad_file(name: str, data: bytes, reason: str) -> None:
        (root / name).write_bytes(data)
        h.bad[str(root / name)] = reason

    n += 1
    letter = _letter(rng, n)
    good_file(f"{letter.case_number}-crlf.txt", render(letter, "pdf-text").replace("\n", "\r\n").encode(), letter)
    n += 1
    letter = _letter(rng, n)
    text = render(letter, "html-text").replace("Decision rationale:", "Decision rationale: The patient\u2019s \u201cgoals\u201d were unclear.", 1)
    good_file(f"{letter.case_number}-cp1252.txt", text.encode("cp1252", errors="replace"), letter)
    n += 1
    letter = _letter(rng, n)
    good_file(f"{letter.case_number}-utf16.txt", render(letter, "pdf-text").encode("utf-16"), letter)
    n += 1
    letter = _letter(rng, n)
    good_file(f"{letter.case_number}-nul.txt", render(letter, "pdf-text").replace("\n", "\x00\n", 3).encode(), letter)
    n += 1
    letter = _letter(rng, n)
    text = render(letter, "pdf-text").replace(
        "CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMARY \n \nEvil \x1b[2J\x1b]0;pwned\x07 [bold red]markup[/] here.", 1
    )
    good_file(f"{letter.case_number}-escapes.txt", text.encode(), letter)

    # The same case in three shapes under three names: indexed once.
    n += 1
    letter = _letter(rng, n)
    (root / f"{letter.case_number}.txt").write_text(render(letter, "pdf-text"))
    (root / "copy-from-website.txt").write_text(render(letter, "html-text"))
    (root / "scan-without-header.txt").write_text(render(letter, "pdf-text-noheader"))
    h.good_ids.add(letter.case_number)
    h.duplicates = 2

    bad_file("empty.txt", b"", "empty")
    bad_file("blank.txt", b" \n\n\t \n", "empty")
    bad_file("random.bin", rng.randbytes(20_000), "binary")
    bad_file("shopping.txt", b"Milk, eggs, bread.\nCall the plumber on Tuesday.\n", "not an IMR letter")
    bad_file("long-line.txt", b"word " * 400_000, "not an IMR letter")
    n += 1
    text = render(_letter(rng, n), "pdf-text")
    bad_file("cut-mid-item.txt", text[: text.rfind("Decision rationale:") - 5].encode(), "cut short")
    n += 1
    text = render(_letter(rng, n), "pdf-text")
    bad_file("no-items.txt", text[: text.find("IMR ISSUES")].encode() + b"IMR ISSUES, DECISIONS AND RATIONALES \n", "no IMR items")
    with open(root / "huge.txt", "wb") as f:
        block = b"This line repeats to make a file far too large to be a letter.\n" * 1000
        for _ in range(50_000_000 // len(block) + 1):
            f.write(block)
    h.bad[str(root / "huge.txt")] = "too large"

    os.symlink(root / "loop-b", root / "loop-a")
    os.symlink(root / "loop-a", root / "loop-b")
    h.bad[str(root / "loop-a")] = "symlink loop"
    h.bad[str(root / "loop-b")] = "symlink loop"
    os.symlink(root / "gone.txt", root / "dangling.txt")
    h.bad[str(root / "dangling.txt")] = "dangling symlink"
    os.mkfifo(root / "pipe.txt")
    h.bad[str(root / "pipe.txt")] = "FIFO"
    if os.geteuid() != 0:  # root reads through permissions; covered by non-root runs only
        secret = root / "secret.txt"
        secret.write_text(render(_letter(rng, 99), "pdf-text"))
        secret.chmod(0)
        h.bad[str(secret)] = "cannot read"
    return h
