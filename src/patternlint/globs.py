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
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from patternlint.frozen import frozen


@frozen
class Glob:
    """One compiled pattern: `include` is False for a negated one (`!keep.md`). A pattern
    without a `/` but at its end matches any one path component: `name_regex` is the same
    pattern for the last component alone, which is all a folder walk that checked every parent
    folder on the way needs to ask (far cheaper than the path regex's `(?:.+/)?`)."""

    regex: re.Pattern[str]
    include: bool
    name_regex: re.Pattern[str] | None = None


# pathspec's translation of a component pattern: this prefix, then no other `/` than the one
# that ends a folder.
_ANY_FOLDER = "^(?:.+/)?"
_FOLDER_END = ("(?:(?:/)|$)", "(?:/)")


# A pattern of one path component made of these characters, with `*` but not `**` (the default
# excludes, `*.md`, `*.org`): its translation is written here as pathspec writes it (a test
# compares the two), so that a run with the default globs never imports pathspec.
_SIMPLE = re.compile(r"[A-Za-z0-9_.*-]+")


def _translated(pattern: str) -> tuple[bool, str] | None:
    """Whether the pattern includes (is not `!`-negated), and its regex; None for a blank line
    or a comment."""
    if _SIMPLE.fullmatch(pattern) and "**" not in pattern and pattern.strip("*"):
        body = "".join("[^/]*" if c == "*" else re.escape(c) for c in pattern)
        return True, f"{_ANY_FOLDER}{body}(?:(?P<ps_d>/)|$)"
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    translated = GitIgnoreSpecPattern(pattern)
    if translated.include is None or translated.regex is None:
        return None
    return translated.include, translated.regex.pattern


@lru_cache(maxsize=512)
def compile_glob(pattern: str, ignorecase: bool = True) -> Glob | None:
    """A gitignore pattern compiled; None for a blank line or a comment."""
    translated = _translated(pattern)
    if translated is None:
        return None
    include, regex = translated
    # The group that tells a folder match apart is of no use here, and its name would clash when
    # patterns are joined into one regex.
    regex = regex.replace("(?P<ps_d>", "(?:")
    flags = re.IGNORECASE if ignorecase else 0
    name_regex = None
    rest = regex.removeprefix(_ANY_FOLDER)
    if rest != regex and "/" not in rest.replace(_FOLDER_END[0], "").replace(_FOLDER_END[1], ""):
        name_regex = re.compile("^" + rest, flags)
    return Glob(re.compile(regex, flags), include, name_regex)


@frozen
class GlobList:
    """Patterns in the order written: the last that matches decides. Without negations, one
    regex answers (the common case, asked for every file and folder of a library)."""

    globs: tuple[Glob, ...]
    combined: re.Pattern[str] | None  # every pattern in one regex, when none is negated
    # The same, split: component patterns against the last component, the others against the path
    combined_names: re.Pattern[str] | None
    combined_paths: re.Pattern[str] | None

    def decides(self, relative: str, name: str | None = None) -> bool | None:
        """True: matched (excluded, included); False: re-included by a `!` pattern; None: no
        pattern matches. `relative` ends in `/` for a folder. `name`, the last component (with
        the `/` of a folder), when every parent folder was asked already."""
        if name is None:
            if self.combined is not None:
                return True if self.combined.match(relative) else None
            for glob in reversed(self.globs):
                if glob.regex.match(relative):
                    return glob.include
            return None
        if self.combined is not None:
            names, paths = self.combined_names, self.combined_paths
            return True if (names and names.match(name)) or (paths and paths.match(relative)) else None
        for glob in reversed(self.globs):
            if glob.name_regex.match(name) if glob.name_regex is not None else glob.regex.match(relative):
                return glob.include
        return None

    def matches(self, relative: str, name: str | None = None) -> bool:
        return bool(self.decides(relative, name))


def _joined(regexes: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{r})" for r in regexes), flags) if regexes else None


@lru_cache(maxsize=64)
def glob_list(patterns: tuple[str, ...], ignorecase: bool = True) -> GlobList:
    globs = tuple(g for g in (compile_glob(p, ignorecase) for p in patterns) if g is not None)
    if not globs or not all(g.include for g in globs):
        return GlobList(globs, None, None, None)
    flags = re.IGNORECASE if ignorecase else 0
    names = [g.name_regex.pattern for g in globs if g.name_regex is not None]
    paths = [g.regex.pattern for g in globs if g.name_regex is None]
    return GlobList(globs, _joined([g.regex.pattern for g in globs], flags), _joined(names, flags), _joined(paths, flags))


@frozen
class PathFilter:
    """`include` and `exclude` compiled once, each a list of gitignore patterns, for a folder
    walk: the parent folders of what is asked were checked already."""

    include: GlobList
    exclude: GlobList

    def excludes(self, relative: str, name: str | None = None) -> bool:
        """Whether a folder (`relative` ends in `/`) or file is excluded; `name`, its last
        component (with the `/` of a folder), when the caller has it."""
        return self.exclude.matches(relative, _last(relative) if name is None else name)

    def includes(self, relative: str, name: str | None = None) -> bool:
        name = _last(relative) if name is None else name
        return self.include.matches(relative, name) and not self.exclude.matches(relative, name)


def _last(relative: str) -> str:
    """The last component, with the `/` of a folder."""
    return relative[relative.rfind("/", 0, len(relative) - 1) + 1 :]


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


@frozen
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


@frozen
class GitIgnore:
    """The `.gitignore` files that apply in one folder, deepest last: the deepest file with a
    pattern that matches decides, as in git."""

    files: tuple[IgnoreFile, ...] = ()

    def ignores(self, relative: str, name: str | None = None) -> bool:
        """`relative` to the repository root; ends in `/` for a folder. `name`: its last
        component (with the `/` of a folder), when the caller has it."""
        name = _last(relative) if name is None else name
        for ignore in reversed(self.files):
            if not relative.startswith(ignore.base):
                continue
            decided = ignore.patterns.decides(relative[len(ignore.base) :], name)
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
