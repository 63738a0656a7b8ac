"""Reporters render a LintResult to an injected stream; they never decide the exit code.

One module per format, imported only when that format is used: start-up time matters. The
formats are the lines of `REPORTERS`: a new format is a module and a line there, and `-f` offers
it.
"""

from __future__ import annotations

import enum
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from patternlint.frozen import frozen

if TYPE_CHECKING:
    from types import ModuleType

    from patternlint.model import Span


@frozen
class Reporter:
    """An output format: its name for `-f`, the module that renders it, and what it needs."""

    name: str
    module: str  # `patternlint.reporters.<module>`
    # For people: the module's `report(result, show_statistics=, quiet=)` builds styled text,
    # with the summary line and the statistics in it. A terminal shows the styles, a pipe or a
    # file gets the plain text (which the cache may keep for reuse). Any other module has
    # `render(result, stream)`, and the statistics go to stderr.
    human: bool = False
    quiet: bool = False  # its `render` also takes `quiet=` (it has more than findings to write)
    progress: bool = False  # a progress bar on stderr beside it, when that is a terminal
    step_summary: bool = False  # inside GitHub Actions, also the job's step summary

    def load(self) -> ModuleType:
        return importlib.import_module(f"patternlint.reporters.{self.module}")


REPORTERS: tuple[Reporter, ...] = (
    Reporter("full", "full", human=True, progress=True),
    Reporter("concise", "concise", human=True),
    Reporter("json", "json_report"),
    Reporter("json-lines", "json_lines"),
    Reporter("github", "github", quiet=True, step_summary=True),
    Reporter("sarif", "sarif"),
    Reporter("junit", "junit"),
    Reporter("gitlab", "gitlab"),
)
BY_NAME = {r.name: r for r in REPORTERS}
# Names that stand for a format: `auto` is `github` inside GitHub Actions and `full` elsewhere;
# `text` is the name `full` had before, kept so existing scripts keep working.
AUTO, TEXT = "auto", "text"

# The choices of `-f`, as the enum Typer needs (values are the names; JSON_LINES = "json-lines").
OutputFormat = enum.Enum(  # type: ignore[misc]  # built from the registry, not a literal
    "OutputFormat", {name.upper().replace("-", "_"): name for name in (*BY_NAME, AUTO, TEXT)}, type=str
)


def resolve(name: str, environ: Mapping[str, str] | None = None) -> Reporter:
    """The reporter a `-f` name stands for: `text` is `full`, `auto` depends on where we run."""
    if name == TEXT:
        return BY_NAME["full"]
    if name == AUTO:
        import os

        env = os.environ if environ is None else environ
        running_in_actions = env.get("GITHUB_ACTIONS", "").lower() not in ("", "false", "0")
        return BY_NAME["github" if running_in_actions else "full"]
    return BY_NAME[name]


class RepositoryPaths:
    """Paths as CI systems (code scanning, annotations, GitLab, JUnit) need them: relative to
    the repository root (the closest folder at or above the library with `.git`), whatever the
    working directory; outside a repository, relative to the library root. Findings carry the
    path as given, relative to the working directory (`cwd`, the current one unless told).
    A file outside that root keeps its absolute path."""

    def __init__(self, library_root: Path, cwd: Path | None = None) -> None:
        import os

        from patternlint.globs import repository_root

        self.base = repository_root(library_root) or Path(os.path.abspath(library_root))
        self._cwd = str(cwd) if cwd is not None else os.getcwd()
        self._seen: dict[str, str] = {}

    def __call__(self, display: str) -> str:
        shown = self._seen.get(display)
        if shown is None:
            import os

            absolute = os.path.normpath(os.path.join(self._cwd, display))
            relative = os.path.relpath(absolute, self.base)
            if relative == os.pardir or relative.startswith(os.pardir + os.sep):
                relative = absolute
            shown = self._seen[display] = relative.replace(os.sep, "/") if os.sep != "/" else relative
        return shown


def last_line(span: Span) -> int:
    """The last line that holds part of the span: one that ends at column 1 of a line stops
    at the end of the line before (end positions are exclusive)."""
    if span.end_line > span.line and span.end_column == 1:
        return span.end_line - 1
    return span.end_line
