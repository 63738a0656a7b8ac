"""`--changed-since REF`: check what a change can break, not the whole library.

The files to check are those changed since REF (committed on this branch since it left REF,
staged, unstaged or untracked; renames and deletions included), plus every file whose
relationships point at a changed, renamed or deleted pattern, or that shares a slug, id or
file name with one. A pull request that deletes `mediator.md` is told about the untouched
files that still link to `mediator`.

"Since REF" means since the merge base of REF and HEAD, as a pull request's diff does, so
commits that landed on REF after the branch left it are not counted as changes.

`--staged` (the pre-commit hook) takes the change from git's index instead: what the next
commit adds, edits, renames and deletes, compared with HEAD. pre-commit names only the staged
files that still exist, so a hook that trusted its file list would never hear of a deletion.
A finding in an untouched file that a removed name explains says, in its hint, which change
removed the name.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from patternlint.frozen import frozen
from patternlint.discover import plan, stem
from patternlint.model import Finding
from patternlint.pipeline import Driver
from patternlint.result import LintResult, ProgressCallback, Target, UsageError
from patternlint.settings import Settings

if TYPE_CHECKING:
    from patternlint.facts import FileRecord


@frozen
class Change:
    """One entry of `git diff --name-status`, with paths relative to the repository's top."""

    status: str  # A, C, D, M, R, T, U, or `?` for an untracked file
    path: str  # where the file is now (for D: where it was)
    old_path: str | None = None  # where a renamed or copied file came from

    @property
    def removed(self) -> str | None:
        """A path whose pattern is gone: a deleted file, or a renamed file's old name."""
        if self.status == "D":
            return self.path
        if self.status == "R":
            return self.old_path
        return None


@frozen
class Selection:
    """What `--changed-since` chose, as displayed paths."""

    ref: str | None  # None: the staged change (`--staged`)
    changed: tuple[str, ...]  # changed files that are checked
    dependents: tuple[str, ...]  # unchanged files checked because they relate to a changed one
    removed: tuple[str, ...]  # deleted files and old names of renamed ones
    # Every library file's record, by displayed path (what a baseline keys findings by).
    records: Mapping[str, FileRecord] = field(default_factory=dict, compare=False)

    def describe(self) -> str:
        def files(n: int, what: str) -> str:
            return f"{n} {what} file{'s' if n != 1 else ''}"

        what = "the staged change" if self.ref is None else f"what changed since `{self.ref}`"
        text = f"checking {what}: {files(len(self.changed), 'changed')}"
        if self.removed:
            text += f", {len(self.removed)} deleted or renamed"
        if self.dependents:
            text += f", {files(len(self.dependents), 'related')}"
        return text


def _option(ref: str | None) -> str:
    """The option a run's errors name: a `ref` of None is `--staged`, the index's change."""
    return "--staged" if ref is None else "--changed-since"


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None, option: str = "--changed-since") -> bytes:
    try:
        run = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise UsageError(f"`{option}` needs git, which is not installed") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return run.stdout


class _GitFailed(Exception):
    pass


def merge_base(ref: str, cwd: Path) -> str:
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    except _GitFailed:
        raise UsageError(f"`--changed-since`: git does not know the commit `{ref}`") from None
    base = commit.decode().strip()
    try:
        return _git(["merge-base", base, "HEAD"], cwd).decode().strip()
    except _GitFailed:
        return base  # no common history (or no HEAD yet): compare with REF itself


def _head(cwd: Path) -> str:
    """HEAD, or the empty tree before the first commit (everything staged is then added)."""
    try:
        return _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd, option="--staged").decode().strip()
    except _GitFailed:
        return _git(["hash-object", "-t", "tree", "--stdin"], cwd, stdin=b"", option="--staged").decode().strip()


def changes(ref: str | None, cwd: Path) -> tuple[Path, str, list[Change]]:
    """The repository's top folder, the base commit, and what changed since it. With `ref`
    None: what the index changes in HEAD (untracked files are not part of it)."""
    option = _option(ref)
    try:
        top = Path(
            _git(["rev-parse", "--show-toplevel"], cwd, option=option).decode("utf-8", "surrogateescape").strip()
        )
    except _GitFailed as exc:
        raise UsageError(f"`{option}` needs a git repository: {exc}") from None
    try:
        base = _head(top) if ref is None else merge_base(ref, cwd)
        diff = _git(
            ["-c", "core.quotepath=off", "diff", "--name-status", "-z", "-M", "--no-color",
             "--no-ext-diff", "--no-textconv", *(["--cached"] if ref is None else []), base, "--"],
            top,
            option=option,
        )
        untracked = b"" if ref is None else _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    except _GitFailed as exc:
        raise UsageError(f"`{option}`: {exc}") from None
    fields = [os.fsdecode(part) for part in diff.split(b"\0")]
    found: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            found.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            found.append(Change(status, fields[i + 1]))
            i += 2
    found += [Change("?", os.fsdecode(p)) for p in untracked.split(b"\0") if p]
    return top, base, found


def _old_names(
    base: str, paths: Sequence[str], top: Path, settings: Settings
) -> tuple[dict[str, str], set[tuple[str, bool]]]:
    """The stem, slug and id each path had at `base` (a pattern renamed or edited away), each
    with the path that had it, and the names its links pointed at there, each with whether the
    link was curated (a pattern that may have lost its only inbound link)."""
    from patternlint.document import Document
    from patternlint.index import record_for

    names: dict[str, str] = {}
    pointed: set[tuple[str, bool]] = set()
    wanted = [p for p in paths if "\n" not in p]
    for p in paths:
        names.setdefault(stem(p.rsplit("/", 1)[-1]), p)
    if not wanted:
        return names, pointed
    request = "".join(f"{base}:{p}\n" for p in wanted).encode("utf-8", "surrogateescape")
    try:
        out = _git(["cat-file", "--batch"], top, stdin=request)
    except _GitFailed:
        return names, pointed
    position = 0
    for path in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split(b" ")
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing at base (an added file) or not a file
        size = int(header[2])
        data = out[position : position + size]
        position += size + 1
        # Read with the profile the file has now: its links are where that profile says.
        record = record_for(Document(path, stem(path.rsplit("/", 1)[-1]), data, settings.profile_for(top / path)))
        for name in (record.slug, record.id):
            if name:
                names.setdefault(name, path)
        pointed.update((link.target, link.curated) for link in record.links)
    return names, pointed


def lint_changed(
    paths: Sequence[Path],
    settings: Settings,
    ref: str | None,
    cwd: Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[LintResult, Selection]:
    """Lint the files under `paths` that changed since `ref` (None: the staged change), and the
    files related to them."""
    cwd = cwd or Path.cwd()
    top, base, found = changes(ref, cwd)
    root, targets = plan(paths, settings, cwd)
    real_root = Path(os.path.realpath(root))
    changed = _changed(top, found, root, targets)
    removed = [
        c.removed for c in found
        if c.removed is not None and _inside(top / c.removed, real_root)
    ]
    edited = [
        c.path for c in found
        if c.status in ("M", "T") and _inside(top / c.path, real_root)
    ]
    if not (changed or removed or edited):
        # Nothing in the library changed (a commit of code or docs): nothing to read.
        return (
            LintResult((), 0, len(targets), root),
            Selection(ref, (), (), ()),
        )
    driver = Driver(settings, root, progress)
    # Index the whole library once: its links say who points at what. Only the changed files'
    # rules run now; they are checked in any case.
    now = set(changed)
    outcomes = driver.outcomes([replace(t, checked=t.checked and i in now) for i, t in enumerate(targets)])
    old, pointed = _old_names(base, [*removed, *edited], top, settings)
    names = set(old)
    for i in changed:
        record = outcomes[i].record
        names.update(n for n in (record.stem, record.slug, record.id) if n)
        pointed.difference_update((link.target, link.curated) for link in record.links)  # kept: no loss
    lost = {target for target, _ in pointed}

    related = {
        i
        for i, outcome in enumerate(outcomes)
        if any(link.target in names for link in outcome.record.links)
        or outcome.record.slug in names
        or outcome.record.id in names
        or outcome.record.stem in names
        # a link to it is gone: it may now be an orphan
        or any(n in lost for n in (outcome.record.slug, outcome.record.id, outcome.record.stem) if n)
    }
    selected = {i for i in (set(changed) | related) if targets[i].checked}
    final = [replace(t, checked=i in selected) for i, t in enumerate(targets)]
    # The outcomes just read serve, but for the related files, whose rules have not run yet.
    known = {i: o for i, o in enumerate(outcomes) if i not in selected or o.violations is not None}
    run = driver.lint(final, known=known)
    driver.close()

    present = {n for o in outcomes for n in (o.record.stem, o.record.slug, o.record.id) if n}
    renamed = {c.old_path: c.path for c in found if c.status == "R" and c.old_path is not None}
    deleted = {c.path for c in found if c.status == "D"}
    causes: dict[str, str] = {}
    for name, path in old.items():
        if name in present:
            continue
        how = (
            "deleted" if path in deleted
            else f"renamed to `{_display(top / renamed[path], cwd)}`" if path in renamed
            else "edited"
        )
        causes[name] = f"`{name}` was removed by this change: `{_display(top / path, cwd)}` {how}"
    result = replace(run.result, findings=tuple(_explained(f, causes) for f in run.result.findings))

    changed_shown = {targets[i].display for i in changed if i in selected}
    selection = Selection(
        ref=ref,
        changed=tuple(sorted(changed_shown)),
        dependents=tuple(sorted(targets[i].display for i in selected - set(changed))),
        removed=tuple(sorted(_display(top / p, cwd) for p in removed)),
        records={t.display: o.record for t, o in zip(targets, outcomes)},
    )
    return result, selection


_QUOTED = re.compile(r"`([^`\n]+)`")


def _explained(finding: Finding, causes: dict[str, str]) -> Finding:
    """`finding`, with a hint that says which change removed the name its message is about
    (a link to a deleted pattern fails in a file the change never touched)."""
    if not causes:
        return finding
    for name in _QUOTED.findall(finding.message):
        if name in causes:
            hint = causes[name] if not finding.hint else f"{causes[name]}; {finding.hint}"
            return replace(finding, hint=hint)
    return finding


def _changed(top: Path, found: Sequence[Change], root: Path, targets: Sequence[Target]) -> list[int]:
    """The positions of the targets that `found` adds or edits."""
    real_root = Path(os.path.realpath(root))
    by_real: dict[Path, int] = {}
    for i, target in enumerate(targets):
        try:
            by_real[real_root / target.path.relative_to(root)] = i
        except ValueError:
            by_real[Path(os.path.realpath(target.path))] = i
    return sorted({by_real[top / c.path] for c in found if c.status != "D" and top / c.path in by_real})


def staged_targets(paths: Sequence[Path], settings: Settings, cwd: Path) -> tuple[Path, list[Target]]:
    """The library under `paths`, with only the files the staged change adds or edits checked
    (`--fix --staged` fixes what the commit brings, not the files it merely affects)."""
    top, _, found = changes(None, cwd)
    root, targets = plan(paths, settings, cwd)
    mine = set(_changed(top, found, root, targets))
    return root, [replace(t, checked=t.checked and i in mine) for i, t in enumerate(targets)]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, os.path.realpath(cwd))
    except ValueError:
        return str(path)
