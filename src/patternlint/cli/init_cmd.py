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

# The pattern language: its frontmatter schema and required sections. Built in: "commons-v7"
# (the default), "commons-v1", "peeragogy"; `patternlint schema --profile NAME` prints a schema.
# A [profiles.NAME] table defines your own; [per-file-profiles] (below) gives folders another.
# profile = "commons-v7"

# Which files are patterns: .gitignore patterns (`*` within a folder, `**` across folders,
# `[0-9]`, `!` to re-include; a glob without `/` matches any one path component). What git
# ignores is left out too, unless respect-gitignore = false.
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

# [per-file-profiles]
# "{library}/legacy/**" = "commons-v1"

# [rules.overall-score-mismatch]
# tolerance = 0.05
"""


# Where `init` looks for patterns: folders this deep below the one it is given, never inside
# tool folders or hidden ones.
SEARCH_DEPTH = 4
SKIPPED = ("node_modules", "venv", "_site", "__pycache__")
# The library is the deepest folder that holds at least this share of the pattern-like files
# found: the folder of all the patterns, even when they sit in one sub-folder per category, and
# never one category's folder; a stray file with frontmatter elsewhere (a site's index page)
# does not pull it up to the repository's root.
MOST = 0.9


def detect_library(folder: Path) -> Path:
    """The folder at or below `folder` that holds (nearly) all of its pattern-like files:
    Markdown files that start with `---`."""
    counts: dict[Path, int] = {}  # folder → pattern-like files in it and below it
    for root, dirs, _ in os.walk(folder):
        here = Path(root)
        depth = len(here.relative_to(folder).parts)
        dirs[:] = [] if depth >= SEARCH_DEPTH else sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED)
        found = _patterns_in(here)
        if found:
            for parent in (here, *here.parents):
                counts[parent] = counts.get(parent, 0) + found
                if parent == folder:
                    break
    total = counts.get(folder, 0)
    best = folder
    while total:
        children = [(n, p) for p, n in counts.items() if p.parent == best]
        step = max(children, default=None)
        if step is None or step[0] < MOST * total:
            break
        best = step[1]
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
