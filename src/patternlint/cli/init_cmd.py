"""`patternlint init`: write a commented starter configuration for the library found here, with
a contract that already fits its files (see patternlint.infer)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Annotated, Callable

import typer

from patternlint.cli.stderr import say

from patternlint.writing import write_atomically

FILE_NAME = "patternlint.toml"

TEMPLATE = """\
# patternlint configuration. Every key is optional; `patternlint config` shows the effective
# settings and where each came from. Relative paths are relative to this file's folder.

# The library root: where relationship slugs resolve and duplicate ids and slugs are found.
library = "{library}"

# The pattern language (the contract): its metadata, its sections, which files it takes. Built
# in: "commons-v7" (the default), "commons-v1", "innersource", "peeragogy" (a route to
# "peeragogy-org", "peeragogy-md", "peeragogy-headings"), "not-a-pattern"; `patternlint config`
# lists them, `patternlint schema --profile NAME` prints a schema. A [profiles.NAME] table
# defines your own (docs/contracts.md); [per-file-profiles] (below) gives folders another.
{contract}

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
{tables}"""


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
    Markdown files that start with `---`; where there are none, Markdown and Org files."""
    return _deepest(folder, _patterns_in) or _deepest(folder, _documents_in) or folder


def _deepest(folder: Path, count: Callable[[Path], int]) -> Path | None:
    counts: dict[Path, int] = {}  # folder → pattern-like files in it and below it
    for root, dirs, _ in os.walk(folder):
        here = Path(root)
        depth = len(here.relative_to(folder).parts)
        dirs[:] = [] if depth >= SEARCH_DEPTH else sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED)
        found = count(here)
        if found:
            for parent in (here, *here.parents):
                counts[parent] = counts.get(parent, 0) + found
                if parent == folder:
                    break
    total = counts.get(folder, 0)
    if not total:
        return None
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


def _documents_in(folder: Path) -> int:
    try:
        return sum(1 for e in os.scandir(folder) if e.name.endswith((".md", ".org")) and e.is_file() and e.name.lower() != "readme.md")
    except OSError:
        return 0


def contract(library: Path, from_files: bool) -> tuple[str, str, str]:
    """The configuration's lines that describe the library's files (its top-level keys, and
    the tables at the end), and what `init` says of them."""
    from patternlint import infer
    from patternlint.config import built_in

    known = built_in()
    samples = [s for s in (infer.read(p, known[infer.NOT_A_PATTERN]) for p in infer.sample(infer.pattern_files(library))) if s]
    if not samples:
        return '# profile = "commons-v7"', "", "no pattern files found"
    fitting = () if from_files else infer.fitting_built_ins(samples, known)
    found = infer.infer(samples)
    if fitting:
        last = known[fitting[-1]]
        when = infer.patterns_of(samples, last) if last.when is None and not last.routes else ()
        found = dataclasses.replace(found, built_in=fitting, built_in_when=when)
        said = "built-in profile " + ", ".join(f"`{n}`" for n in fitting)
        lines = [f"# Read from {found.files} files: the built-in contract fits them (`init --from-files` writes one", "# read from the files instead)."]
    elif not found.parts:
        return '# profile = "commons-v7"', "", f"no sections shared by most of the {found.files} files read"
    else:
        said = f"a contract read from {found.files} files, {found.takes} of them patterns"
        lines = [f"# Read from {found.files} files: {found.takes} patterns" + (" (the files `when` takes; the others are no patterns)." if found.when else ".")]
        if found.common_keys:
            lines.append("# Metadata keys every pattern has: " + ", ".join(found.common_keys[:12]) + ".")
    top, table = infer.contract_lines(found, "library")
    if table:
        table = ["", "# The contract read from the files (docs/contracts.md describes every key).", *table]
    return "\n".join([*lines, *top]), "".join(line + "\n" for line in table), said


def init(
    folder: Annotated[Path, typer.Argument(help="Where to write the configuration. Default: `.`", file_okay=False)] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing configuration file.")] = False,
    from_files: Annotated[
        bool, typer.Option("--from-files", help="Write a contract read from the files even when a built-in one fits them.")
    ] = False,
) -> None:
    """Write a commented starter `patternlint.toml` for the library found in FOLDER, with a
    contract that fits its files: a built-in one, or one read from them."""
    folder = folder.absolute()
    target = folder / FILE_NAME
    if target.exists() and not force:
        say(f"patternlint: error: {target} exists; use --force to replace it")
        raise typer.Exit(2)
    library = detect_library(folder)
    relative = library.relative_to(folder).as_posix() if library != folder else "."
    lines, tables, said = contract(library, from_files)
    # Written whole or not at all: a temporary file in the same folder, then a rename.
    try:
        write_atomically(target, TEMPLATE.format(library=relative, contract=lines, tables=tables).encode("utf-8"))
    except OSError as exc:
        say(f"patternlint: error: cannot write {target}: {exc.strerror}")
        raise typer.Exit(2) from None
    typer.echo(f"wrote {target} (library: {relative}; {said})")
