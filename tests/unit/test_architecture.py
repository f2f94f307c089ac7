"""The layout's rules, checked on the code itself (docs/arkitektur.md draws them).

- Only ``styrmodell.pelican`` imports Pelican; every other module is plain Python.
- The modules import each other in one direction: no cycle, lazy imports included.
- Templates only print: no template reaches into the model.
- No module is over 600 lines, no function over 100, and no test file lies loose in ``tests/``.
- The views make no files: ``styrmodell.views`` imports nothing from ``styrmodell.exports`` or ``styrmodell.site``.
- ``SOURCE_DATE_EPOCH`` is read in ``styrmodell.dates`` alone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "plugins" / "styrmodell"
TEMPLATES = ROOT / "theme" / "templates"
GLUE = "styrmodell.pelican"
MAX_LINES = 600
MAX_FUNCTION_LINES = 100


def module_name(path: Path) -> str:
    parts = path.relative_to(PLUGIN.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PLUGIN.rglob("*.py"))}


def imports_of(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports, at the top or inside a function, resolved to an absolute name.

    ``from package import module`` counts as an import of the module, not of the package's ``__init__``.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    known = modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    return found


def internal_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports_of(name, path) if m in known and m != name} for name, path in known.items()}


def test_only_the_glue_imports_pelican():
    outside = sorted(
        name
        for name, path in modules().items()
        if not (name == GLUE or name.startswith(f"{GLUE}."))
        and any(m == "pelican" or m.startswith("pelican.") for m in imports_of(name, path))
    )
    assert outside == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package_of(name: str) -> str:
    """A subpackage's modules count as one: ``styrmodell.views.goals`` → ``styrmodell.views``."""
    return ".".join(name.split(".")[:2])


def test_no_import_cycle_between_modules():
    assert _cycles(internal_graph()) == []


def test_no_import_cycle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for name, targets in internal_graph().items():
        graph.setdefault(_package_of(name), set()).update(
            _package_of(t) for t in targets if _package_of(t) != _package_of(name)
        )
    for targets in list(graph.values()):
        for target in targets:
            graph.setdefault(target, set())
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


#: A template that names the model, or indexes the package's rows, decides what a view should decide.
MODEL_ACCESS = re.compile(r"\bmodel\b|\.index\[")


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_do_not_reach_into_the_model(template: Path):
    hits = [
        f"{template.name}:{number}: {line.strip()}"
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1)
        if MODEL_ACCESS.search(line) and "{#" not in line
    ]
    assert hits == []


def test_no_module_is_over_600_lines():
    long = {
        name: lines for name, path in modules().items() if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_function_is_over_100_lines():
    long = {
        f"{name}.{node.name}": node.end_lineno - node.lineno + 1
        for name, path in modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno >= MAX_FUNCTION_LINES
    }
    assert long == {}


def test_the_views_make_no_files():
    graph = internal_graph()
    reach = {
        (name, target)
        for name, targets in graph.items()
        if name.startswith("styrmodell.views")
        for target in targets
        if target.startswith(("styrmodell.exports", "styrmodell.site"))
    }
    assert reach == set()


def test_only_the_dates_module_reads_source_date_epoch():
    readers = {name for name, path in modules().items() if '"SOURCE_DATE_EPOCH"' in path.read_text(encoding="utf-8")}
    assert readers == {"styrmodell.dates"}


def test_no_test_file_lies_loose_in_tests():
    assert sorted(p.name for p in (ROOT / "tests").glob("test_*.py")) == []
