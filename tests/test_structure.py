"""The shape of the house, measured (issue 16): no import cycle between the modules of
``src/postingstudio``, no module over 400 lines, ``ui/`` keeps its features in packages, the UI
starts threads only through its task runner, and core knows nothing of the UI's generations.

The import graph is read with :mod:`ast`, not by importing: every ``import`` counts, at the top
of a module, under ``if TYPE_CHECKING:`` and inside functions (a deferred import still makes the
two modules depend on each other; it only hides the cycle from the interpreter). An edge goes
to the most specific module named (``from .a import b`` is an edge to ``a.b`` if that is a
module, else to ``a``), not to every package on the way, as import-linter counts them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = SRC / "postingstudio"
MAX_LINES = 400
MAX_UI_TOP_LEVEL_MODULES = 10


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _resolve(name: str) -> str | None:
    """The module ``name`` refers to: itself, or the nearest enclosing module (for a name
    imported from a module, ``pkg.mod.Class`` is ``pkg.mod``); None outside the project."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    """Every project module that ``module`` imports, wherever the import statement is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets = [f"{origin}.{alias.name}" for alias in node.names] or [origin]
        else:
            continue
        for target in targets:
            resolved = _resolve(target)
            if resolved is not None and resolved != module:
                found.add(resolved)
    return found


def import_graph() -> dict[str, set[str]]:
    return {module: _imports(module, path) for module, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert len(graph) > 100
    # A top-level import and one inside a function are both edges.
    assert "postingstudio.core.model" in graph["postingstudio.core.plaintext"]
    assert "postingstudio.cli.check_batch" in graph["postingstudio.cli.check"]


def test_cycles_are_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_type_checking_imports_count(tmp_path, monkeypatch):
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from postingstudio.core.model import Posting\n"
        "def later():\n"
        "    from .report import Report\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    edges = _imports("postingstudio.core.probe", path)
    assert edges == {"postingstudio.core.model", "postingstudio.core.report"}


def test_no_import_cycle_between_modules():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what its parts do"


def test_ui_keeps_at_most_ten_modules_at_its_top_level():
    top = sorted(p.name for p in (ROOT / "ui").glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_UI_TOP_LEVEL_MODULES, top


# Threads the UI may start only through ui/common/tasks.py (issue 16: one background runner).
THREAD_NAMES = {"Thread", "Timer", "QThread", "QThreadPool", "QRunnable", "ThreadPoolExecutor"}
TASK_RUNNER = ROOT / "ui" / "common" / "tasks.py"


def thread_uses(source: str) -> list[str]:
    """Each place ``source`` names a thread or thread pool: ``threading.Thread`` (also
    ``Timer``), ``QThread``, ``QThreadPool``, ``QRunnable``, ``ThreadPoolExecutor``, whether
    imported by name or reached as a module attribute."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [f"import {a.name}" for a in node.names if a.name in THREAD_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in THREAD_NAMES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in THREAD_NAMES:
            found.append(f"line {node.lineno}: {node.id}")
    return found


def test_thread_uses_are_found():
    source = (
        "import threading\nfrom PySide6.QtCore import QThreadPool\n"
        "threading.Thread(target=print).start()\nthreading.Event()\n"
    )
    assert thread_uses(source) == ["import QThreadPool", "line 3: .Thread"]


def test_the_ui_starts_background_work_only_through_the_task_runner():
    offenders = {
        str(path.relative_to(ROOT)): uses
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path != TASK_RUNNER and (uses := thread_uses(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"use ui/common/tasks.py's TaskRunner instead: {offenders}"
    assert thread_uses(TASK_RUNNER.read_text(encoding="utf-8"))  # the runner is where they are


def test_core_knows_nothing_of_the_ui_generations():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "core").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "generation" in line.lower()
    ]
    assert not offenders, f"generations belong to the UI's task runner: {offenders}"
