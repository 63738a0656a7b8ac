"""Every runtime dependency pyproject.toml declares is imported by patternlint: a package nothing
imports only makes every install (pre-commit, the GitHub Action) larger and slower."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    # The extras that users install for a feature (`server`) declare what that feature imports;
    # `dev` is this repository's, never a user's.
    extras = [r for name, reqs in project.get("optional-dependencies", {}).items() if name != "dev" for r in reqs]
    return {_canonical(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in [*project["dependencies"], *extras]}


def _imported_distributions() -> set[str]:
    """The installed distributions that provide a top-level module some source file imports."""
    providers = packages_distributions()
    found: set[str] = set()
    for path in (ROOT / "src" / "patternlint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                found.update(_canonical(d) for d in providers.get(module.split(".")[0], ()))
    return found


def test_every_declared_dependency_is_imported() -> None:
    assert sorted(_declared() - _imported_distributions()) == []


def test_every_imported_distribution_is_declared() -> None:
    """An import of a package that is only installed here by chance (another package's
    dependency, the dev extra) fails for users: pathspec once came in only through mypy."""
    # referencing is jsonschema's own API for `$ref` resolution, a dependency of every release
    # that pyproject.toml allows
    through = {"referencing"}
    assert sorted(_imported_distributions() - _declared() - through - {"patternlint"}) == []
