"""`patternlint check - --stdin-filename PATH`: the text on stdin, checked as the file PATH of
its library, for editors and scripts.

The library is the one PATH belongs to (its folder, or the configured `library`); every other
file is read from disk and only indexed, and the stdin text stands in for PATH in the index, so
cross-file rules see the text as it is now: a slug it renames, a link it adds. PATH need not
exist (a new, unsaved file). Nothing is cached for the text, and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from patternlint.discover import display_path, plan
from patternlint.pipeline import Driver, LintRun
from patternlint.result import ProgressCallback, Target, UsageError
from patternlint.settings import Settings


def targets(path: Path, content: bytes, settings: Settings, cwd: Path) -> tuple[Path, list[Target]]:
    """The library's root and files, with `content` checked as `path` and the rest indexed."""
    file = (cwd / path).absolute()
    if not file.parent.is_dir():
        raise UsageError(f"`--stdin-filename`: the folder of `{path}` does not exist")
    if file.is_dir():
        raise UsageError(f"`--stdin-filename`: `{path}` is a folder")
    root, planned = plan([file.parent], settings, cwd)
    found = [replace(t, checked=t.path == file, content=content if t.path == file else None) for t in planned]
    if not any(t.checked for t in found):  # a new file, or one that discovery leaves out
        found.append(Target(file, display_path(file, cwd), True, content))
    return root, found


def lint(
    path: Path, content: bytes, settings: Settings, cwd: Path, progress: ProgressCallback | None = None
) -> LintRun:
    root, planned = targets(path, content, settings, cwd)
    driver = Driver(settings, root, progress)
    run = driver.lint(planned)
    driver.close()
    return run
