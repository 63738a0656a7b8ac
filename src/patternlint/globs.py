"""Globs (include, exclude, per-file-ignores, per-file-profiles) and `.gitignore` files, matched
with git's own rules: one module that configuration, settings and discovery all read.

The patterns are translated by pathspec (git's wildmatch: `*`, `?`, `**`, character classes,
`!` negation, a `/` that anchors, a trailing `/` for folders); only the order of evaluation is
here: the last pattern that matches a path decides, as in one `.gitignore` file. Globs from the
configuration match case-insensitively (as git does with `core.ignorecase`), so `README.md` also
skips `Readme.md`; `.gitignore` files match as git does by default, case-sensitively.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence


@dataclass(frozen=True)
class Glob:
    """One compiled pattern: `include` is False for a negated one (`!keep.md`)."""

    regex: re.Pattern[str]
    include: bool


@lru_cache(maxsize=512)
def compile_glob(pattern: str, ignorecase: bool = True) -> Glob | None:
    """A gitignore pattern compiled; None for a blank line or a comment."""
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    translated = GitIgnoreSpecPattern(pattern)
    if translated.include is None or translated.regex is None:
        return None
    # The group that tells a folder match apart is of no use here, and its name would clash when
    # patterns are joined into one regex.
    regex = translated.regex.pattern.replace("(?P<ps_d>", "(?:")
    return Glob(re.compile(regex, re.IGNORECASE if ignorecase else 0), translated.include)


@dataclass(frozen=True)
class GlobList:
    """Patterns in the order written: the last that matches decides. Without negations, one
    regex answers (the common case, asked for every file and folder of a library)."""

    globs: tuple[Glob, ...]
    combined: re.Pattern[str] | None  # every pattern in one regex, when none is negated

    def decides(self, relative: str) -> bool | None:
        """True: matched (excluded, included); False: re-included by a `!` pattern; None: no
        pattern matches. `relative` ends in `/` for a folder."""
        if self.combined is not None:
            return True if self.combined.match(relative) else None
        for glob in reversed(self.globs):
            if glob.regex.match(relative):
                return glob.include
        return None

    def matches(self, relative: str) -> bool:
        return bool(self.decides(relative))


@lru_cache(maxsize=64)
def glob_list(patterns: tuple[str, ...], ignorecase: bool = True) -> GlobList:
    globs = tuple(g for g in (compile_glob(p, ignorecase) for p in patterns) if g is not None)
    combined = None
    if globs and all(g.include for g in globs):
        flags = re.IGNORECASE if ignorecase else 0
        combined = re.compile("|".join(f"(?:{g.regex.pattern})" for g in globs), flags)
    return GlobList(globs, combined)


@dataclass(frozen=True)
class PathFilter:
    """`include` and `exclude` compiled once, each a list of gitignore patterns."""

    include: GlobList
    exclude: GlobList

    def excludes(self, relative: str) -> bool:
        """Whether a folder (`relative` ends in `/`) or file is excluded; its parent folders
        were checked already."""
        return self.exclude.matches(relative)

    def includes(self, relative: str) -> bool:
        return self.include.matches(relative) and not self.exclude.matches(relative)


@lru_cache(maxsize=16)
def path_filter(include: tuple[str, ...], exclude: tuple[str, ...]) -> PathFilter:
    return PathFilter(glob_list(include), glob_list(exclude))


def glob_match(pattern: str, relative: str) -> bool:
    """Whether one glob (per-file-ignores, per-file-profiles) names the file at `relative`. A
    negated glob (`!legacy/**`) names every file the glob without `!` does not, as in ruff."""
    glob = compile_glob(pattern)
    if glob is None:
        return False
    return bool(glob.regex.match(relative)) is glob.include


# ---------------------------------------------------------------------------------------------
# .gitignore files


def repository_root(start: Path) -> Path | None:
    """The closest folder at or above `start` that holds `.git` (a folder, or a file in a
    worktree or submodule): where git's paths start. No subprocess: a stat per level."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
    return None


@dataclass(frozen=True)
class IgnoreFile:
    """The patterns of one `.gitignore` (or `.git/info/exclude`), for paths below `base`
    (relative to the repository root, `""` or ending in `/`)."""

    base: str
    patterns: GlobList


def read_ignore_file(path: Path, base: str) -> IgnoreFile | None:
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    lines = tuple(text.splitlines())
    patterns = glob_list(lines, ignorecase=False)
    return IgnoreFile(base, patterns) if patterns.globs else None


@dataclass(frozen=True)
class GitIgnore:
    """The `.gitignore` files that apply in one folder, deepest last: the deepest file with a
    pattern that matches decides, as in git."""

    files: tuple[IgnoreFile, ...] = ()

    def ignores(self, relative: str) -> bool:
        """`relative` to the repository root; ends in `/` for a folder."""
        for ignore in reversed(self.files):
            if not relative.startswith(ignore.base):
                continue
            decided = ignore.patterns.decides(relative[len(ignore.base) :])
            if decided is not None:
                return decided
        return False

    def entering(self, folder: Path, base: str, names: Sequence[str] | None = None) -> GitIgnore:
        """The files that apply inside `folder` (at `base` in the repository): these and its own
        `.gitignore`, when it has one."""
        if names is not None and ".gitignore" not in names:
            return self
        found = read_ignore_file(folder / ".gitignore", base)
        return self if found is None else GitIgnore((*self.files, found))


def gitignore_above(repository: Path, folder: Path) -> GitIgnore:
    """What applies at `folder`: `.git/info/exclude`, then every `.gitignore` from the
    repository root down to `folder` itself."""
    found: list[IgnoreFile] = []
    git = repository / ".git"
    if git.is_dir():  # a worktree's `.git` file points elsewhere: its info/exclude is shared, rarely used
        exclude = read_ignore_file(git / "info" / "exclude", "")
        if exclude is not None:
            found.append(exclude)
    ignore = GitIgnore(tuple(found))
    relative = folder.relative_to(repository).parts
    here, base = repository, ""
    ignore = ignore.entering(here, base)
    for part in relative:
        here, base = here / part, base + part + "/"
        ignore = ignore.entering(here, base)
    return ignore
