"""`patternlint init`: write a commented starter configuration for the library found here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from patternlint.cli.stderr import say

from patternlint.writing import write_atomically

FILE_NAME = "patternlint.toml"

TEMPLATE = """\
# patternlint configuration. Every key is optional; `patternlint config` shows the effective
# settings and where each came from. Relative paths are relative to this file's folder.

# The library root: where relationship slugs resolve and duplicate ids and slugs are found.
library = "{library}"

# Which files are patterns (globs: `*` within a folder, `**` across folders; a glob without `/`
# matches any one path component, like .gitignore).
# include = ["*.md"]
# extend-exclude = ["{library}/drafts/**"]

# Rules: a code (PL201), a code prefix (PL2), a name (overall-score-mismatch), or ALL.
# select = ["ALL"]
# extend-select = ["orphan-pattern"]
# ignore = ["relationship-item-shape"]

# Exit with 1 on findings of at least this severity: "error" or "warning".
# fail-on = "error"

# [severity]
# unresolved-inferred-link = "info"

# [per-file-ignores]
# "{library}/drafts/**" = ["missing-section"]

# [rules.overall-score-mismatch]
# tolerance = 0.05
"""


def detect_library(folder: Path) -> Path:
    """The folder below `folder` (two levels at most) holding the most pattern-like files."""
    best, best_count = folder, _patterns_in(folder)
    for root, dirs, _ in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "venv")]
        depth = len(Path(root).relative_to(folder).parts)
        if depth >= 2:
            dirs[:] = []
        for d in dirs:
            count = _patterns_in(Path(root, d))
            if count > best_count:
                best, best_count = Path(root, d), count
    return best


def _patterns_in(folder: Path) -> int:
    count = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.endswith(".md") and entry.is_file():
            try:
                with open(entry.path, "rb") as handle:
                    count += handle.read(4).startswith(b"---")
            except OSError:
                continue
    return count


def init(
    folder: Annotated[Path, typer.Argument(help="Where to write the configuration. Default: `.`", file_okay=False)] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing configuration file.")] = False,
) -> None:
    """Write a commented starter `patternlint.toml` for the library found in FOLDER."""
    folder = folder.absolute()
    target = folder / FILE_NAME
    if target.exists() and not force:
        say(f"patternlint: error: {target} exists; use --force to replace it")
        raise typer.Exit(2)
    library = detect_library(folder)
    relative = library.relative_to(folder).as_posix() if library != folder else "."
    # Written whole or not at all: a temporary file in the same folder, then a rename.
    try:
        write_atomically(target, TEMPLATE.format(library=relative).encode("utf-8"))
    except OSError as exc:
        say(f"patternlint: error: cannot write {target}: {exc.strerror}")
        raise typer.Exit(2) from None
    typer.echo(f"wrote {target} (library: {relative})")
