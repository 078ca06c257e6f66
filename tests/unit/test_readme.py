"""The README says what the code does: its Python API block runs, its commands exist, its Layout is the tree."""

from __future__ import annotations

import random
import re
from pathlib import Path

import click
import msgspec
import pytest

from imr_search.cli import main as cli_main
from imr_search.index import build
from imr_search.synth import make_letter, render

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
CASE = "CM15-0106031"


def section(title: str) -> str:
    """The text under a ``## title`` heading, up to the next one."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def code_blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


@pytest.fixture(scope="module")
def api_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small index holding the letter the README's example opens: an upheld personal trainer request."""
    corpus = tmp_path_factory.mktemp("readme-corpus")
    rng = random.Random(5)
    for n in range(30):
        letter = make_letter(rng, f"CM15-{1000 + n:07d}")
        if n == 0:
            item = msgspec.structs.replace(letter.items[0], request="Personal trainer for the lumbar spine", outcome="upheld")
            letter = msgspec.structs.replace(letter, id=CASE, case_number=CASE, items=[item, *letter.items[1:]])
        (corpus / f"{letter.id}.txt").write_text(render(letter, "html-text"))
    root = tmp_path_factory.mktemp("readme-index") / "index"
    build([corpus], root, jobs=1)
    return root


def test_python_api_block_runs(api_index: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (block,) = code_blocks(section("Python API"), "python")
    monkeypatch.setenv("IMR_SEARCH_INDEX", str(api_index))
    exec(compile(block, "README.md (Python API)", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed, "the example's search found nothing to print"
    assert any(line.startswith(f"{CASE} 1 upheld ") for line in printed)


def test_every_command_and_option_in_the_readme_exists() -> None:
    (block,) = code_blocks(section("Commands"), "sh")
    named = 0
    for line in block.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) < 2 or words[0] != "imr-search" or not re.fullmatch(r"[a-z]+", words[1]):
            continue
        command = cli_main.commands.get(words[1])
        assert isinstance(command, click.Command), f"README names `imr-search {words[1]}`, which does not exist"
        options = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
        for opt in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line.split("#", 1)[0]):
            assert opt in options, f"README gives `imr-search {words[1]}` the option {opt}, which it does not take"
        named += 1
    assert named >= 8


def layout_paths() -> list[str]:
    """The files the README's Layout tree names under ``imr_search/``, as paths (indent: two spaces a level)."""
    (block,) = code_blocks(section("Layout"), "text")
    stack: list[str] = []
    named: list[str] = []
    for line in block.splitlines():
        m = re.match(r"^( *)(\S+)", line)
        if not m:
            continue
        depth, name = len(m.group(1)) // 2, m.group(2)
        stack[depth:] = [name]
        path = "".join(stack)
        if path.startswith("imr_search/") and not name.endswith("/"):
            named.append(path)
    return named


def test_layout_names_every_module_once() -> None:
    named = layout_paths()
    assert len(named) == len(set(named)), sorted({p for p in named if named.count(p) > 1})
    actual = {str(p.relative_to(ROOT)) for p in (ROOT / "imr_search").rglob("*") if p.suffix in (".py", ".tcss")}
    assert set(named) == actual, {"named, not in the tree": sorted(set(named) - actual), "in the tree, not named": sorted(actual - set(named))}
