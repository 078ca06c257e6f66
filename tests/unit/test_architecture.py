"""The house's rules, checked by tools: layers, no import cycles, no heavy imports for the parser, module sizes.

The import contracts live in ``pyproject.toml`` ([tool.importlinter]); this
file runs them, so a change that breaks a layer fails the suite.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration  # noqa: F401  (the import proves the tool is installed)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "imr_search"
CODE_LIMIT = 700
"""Lines a module of code may have; a data table (at most five functions) may be longer."""


def test_import_contracts_hold() -> None:
    """Every contract in pyproject.toml is kept (layers, forbidden imports)."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout and "0 broken" in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports inside functions included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    modules = sorted(m for m in graph.modules if m.startswith("imr_search"))

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if not child.startswith("imr_search"):
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        group.append(m)
                        if m == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

    for m in modules:
        if m not in index:
            visit(m)
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("imr_search", exclude_type_checking_imports=True)
    # A package's __init__ that re-exports its own modules is not a cycle of the design.
    for module in sorted(graph.modules):
        for child in list(graph.find_modules_directly_imported_by(module)):
            if child.startswith(module + "."):
                graph.remove_import(importer=module, imported=child)
    assert _cycles(graph) == []


def test_importing_the_parser_loads_no_index_engine_and_no_ui() -> None:
    code = (
        "import sys, imr_search.parse, imr_search.read, imr_search.records; "
        "from imr_search.parse import parse_file, parse_text; "
        "print(sorted(m for m in ('tantivy', 'rapidfuzz', 'textual', 'click', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_importing_the_app_package_changes_nothing() -> None:
    code = "import os; before = dict(os.environ); import imr_search.tui; print(dict(os.environ) == before)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def _size(path: Path) -> tuple[int, int]:
    source = path.read_text()
    functions = sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(ast.parse(source)))
    return len(source.splitlines()), functions


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_of_code_are_small(path: Path) -> None:
    lines, functions = _size(path)
    assert lines <= CODE_LIMIT or functions <= 5, f"{path.name}: {lines} lines and {functions} functions"
