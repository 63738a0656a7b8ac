"""The import graph of `patternlint` at module level has no cycles, and the pipeline's modules
are in none even when imports inside functions count.

At module level, only imports that run when a module is imported count: those in the module's
body (also inside a top-level `try` or `if`), not those inside functions, which run later.
Imports under `if TYPE_CHECKING:` never run and never count."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Mapping

SRC = Path(__file__).parent.parent / "src"
PACKAGE = "patternlint"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _type_checking(node.test):
                yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _top_level(block)


def _everywhere(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _type_checking(node.test):
            yield from _everywhere(node.orelse)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _everywhere([child])
                elif isinstance(child, ast.ExceptHandler):
                    yield from _everywhere(child.body)


def imports(name: str, path: Path, known: Mapping[str, Path], local: bool = False) -> set[str]:
    """The package's modules that importing `name` imports directly (with `local`, also those
    its functions import when they run)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    body = ast.parse(path.read_text(encoding="utf-8")).body
    for node in (_everywhere if local else _top_level)(body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if sub in known:
                found.add(sub)
            elif base in known:
                found.add(base)
    found.discard(name)
    return found


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_local_and_type_checking_imports_do_not_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from patternlint import result\n"
        "if TYPE_CHECKING:\n    from patternlint.cache import Cache\n"
        "def f() -> None:\n    from patternlint.pipeline import Driver\n"
    )
    tree = ast.parse(source)
    assert [getattr(n, "module", None) for n in _top_level(tree.body)] == ["typing", "patternlint"]


def test_the_package_has_no_import_cycles() -> None:
    known = modules()
    assert {"patternlint.pipeline", "patternlint.cache", "patternlint.result"} <= set(known)
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert "patternlint.result" in graph["patternlint.cache"]  # the graph is read at all
    assert cycles(graph) == []


def test_no_cycle_even_through_local_imports() -> None:
    """A local import hides a cycle from Python, not from the design: engine<->cache,
    config<->settings and model<->rules were such cycles."""
    known = modules()
    graph = {name: imports(name, path, known, local=True) for name, path in known.items()}
    assert "patternlint.pipeline" in graph["patternlint.fixer"]  # local imports are read
    assert cycles(graph) == []


def test_local_imports_count_when_asked() -> None:
    source = "def f() -> None:\n    try:\n        from patternlint import pipeline\n    except ImportError:\n        pass\n"
    tree = ast.parse(source)
    assert [getattr(n, "module", None) for n in _everywhere(tree.body)] == ["patternlint"]
    assert list(_top_level(tree.body)) == []


def test_reporters_need_only_the_result_types() -> None:
    known = modules()
    for name, path in known.items():
        if name.startswith("patternlint.reporters."):
            assert not imports(name, path, known) & {
                "patternlint.pipeline", "patternlint.collect", "patternlint.runner", "patternlint.cache"
            }, name
