"""`check --fix` and `--diff`: lint, fix in memory pass by pass, re-lint, then write atomically.

A pass resolves every applicable fix of a file against the file's current text, applies those
whose ranges do not clash (in order of position; a fix that clashes with one already taken
waits for the next pass, when it is recomputed from the new text), and re-lints the files it
changed. Passes repeat until no fix applies or `MAX_PASSES` is reached (a rule whose fix
keeps producing new fixes; the note says so). Only then is anything written, each file once,
through a temporary file in its folder and a rename; every file is written or left exactly as
it was.

A fixed text that would gain a parse or schema problem (see `fixguard`) is not taken: its file
keeps what it has, and `FixRun.refused` says why.

Re-linting a pass checks the fixed text from memory (`Target.content`), so `--diff` writes
nothing and `--fix` writes each file once.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from patternlint.frozen import frozen
from patternlint import fixguard, source, writing
from patternlint.discover import plan
from patternlint.pipeline import Driver
from patternlint.reading import read as read_file
from patternlint.result import LintResult, ProgressCallback, Target
from patternlint.runner import document
from patternlint.fixes import AppendItem, Fix, RemoveItem, apply, clash, named_lines, resolve
from patternlint.fixes import Range, Target as TextTarget
from patternlint.lines import BREAK_CHARS, LineMap, split_lines
from patternlint.model import Finding
from patternlint.settings import Settings

if TYPE_CHECKING:
    from patternlint.facts import FileRecord

MAX_PASSES = 20
BOM = b"\xef\xbb\xbf"


@frozen
class AppliedFix:
    """One fix as applied: the finding it fixes, and the lines it changed in the edited
    file's text before its pass, as `(first, last)` (`last == first - 1`: inserted before)."""

    path: str  # the finding's file (a cross-file fix edits another one)
    code: str
    rule: str
    description: str
    lines: tuple[tuple[int, int], ...]


@frozen
class Step:
    """One pass over one file."""

    before: bytes
    after: bytes
    fixes: tuple[AppliedFix, ...]


@dataclass
class FileFix:
    display: str
    path: Path
    original: bytes
    steps: list[Step] = field(default_factory=list)

    @property
    def fixed(self) -> bytes:
        return self.steps[-1].after if self.steps else self.original

    @property
    def fixes(self) -> list[AppliedFix]:
        return [f for step in self.steps for f in step.fixes]


@frozen
class FixRun:
    result: LintResult  # the findings that remain, from re-linting the fixed text
    files: tuple[FileFix, ...]  # the files whose text changed, in path order
    passes: int
    converged: bool  # False: MAX_PASSES ran out with fixes still applicable
    checked: tuple[str, ...] = ()  # the files reported on
    linted: tuple[Path, ...] = ()  # every file read, checked or only indexed
    # Files whose fixes were not applied because the fixed text would not parse, or would break
    # the schema: each with the name of the rule that would report it.
    refused: tuple[tuple[str, str], ...] = ()
    # Each file's record after the fixes, by displayed path (what a baseline keys findings by).
    records: Mapping[str, FileRecord] = field(default_factory=dict)

    @property
    def fixes(self) -> list[AppliedFix]:
        return [f for file in self.files for f in file.fixes]


class FixError(Exception):
    """Fixed files could not be written; the message says which and what was left as it was."""


# ---------------------------------------------------------------------------------------------
# Fixing, in memory


def fix(
    paths: Sequence[Path],
    settings: Settings,
    cwd: Path,
    unsafe: bool = False,
    progress: ProgressCallback | None = None,
    planned: tuple[Path, list[Target]] | None = None,
) -> FixRun:
    """Lint `paths` (or the root and targets `planned`: stdin's text) and fix what can be
    fixed, in memory: nothing is written here."""
    # Every outcome is needed (a pass re-lints a few files and needs the others' as they are),
    # and every file's content hash, so that a file changed since it was linted is left alone.
    root, targets = planned if planned is not None else plan(paths, settings, cwd)
    driver = Driver(replace(settings, content_digests=True), root, progress)
    run = driver.lint(targets, reuse=False)
    driver.close()
    driver.progress = None  # the passes re-lint a few files each
    outcomes, result = run.outcomes, run.result
    where = {t.display: i for i, t in enumerate(targets)}
    files: dict[str, FileFix] = {}
    refused: dict[str, str] = {}  # file: the rule its fixed text would newly break
    passes = 0
    converged = True
    while True:
        todo = {k: v for k, v in _fixes_by_file(result.findings, unsafe).items() if k not in refused}
        if not todo:
            break
        if passes == MAX_PASSES:
            converged = False
            break
        steps: dict[str, Step] = {}
        claims: set[str] = set()  # what this pass's fixes decided, in every file
        for display in sorted(todo):
            i = where.get(display)
            if i is None:
                continue
            target = targets[i]
            if display in files:
                data = files[display].fixed
            else:
                # stdin's text, or a regular file within limits
                read = target.content if target.content is not None else read_file(target.path, settings, None)
                if not isinstance(read, bytes):
                    continue
                data = read
                digest = outcomes[i].digest
                if digest is not None and _digest(data) != digest:
                    continue  # changed since it was linted: its fixes' positions are stale
            step = _fix_text(display, target, data, todo[display], settings, claims)
            if step is None:
                continue
            before = step.before
            damage = fixguard.damage(
                lambda: document(target, before, settings), document(target, step.after, settings)
            )
            if damage is not None:
                # The file keeps what it has; its findings stay, and no later pass retries it.
                refused[display] = damage
                continue
            steps[display] = step
        if not steps:
            break
        passes += 1
        for display, step in steps.items():
            files.setdefault(display, FileFix(display, targets[where[display]].path, step.before)).steps.append(step)
        # One batch per pass: a first pass over a whole library fixes thousands of files, which
        # the driver then lints in parallel.
        fixed = [where[display] for display in steps]
        relinted = driver.outcomes([replace(targets[i], content=steps[targets[i].display].after) for i in fixed])
        for i, outcome in zip(fixed, relinted):
            outcomes[i] = outcome
        result = driver.result(targets, outcomes)
    changed = tuple(f for _, f in sorted(files.items()) if f.fixed != f.original)
    return FixRun(
        result,
        changed,
        passes,
        converged,
        tuple(t.display for t in targets if t.checked),
        tuple(t.path for t in targets),
        tuple(sorted(refused.items())),
        {t.display: o.record for t, o in zip(targets, outcomes)},
    )


def _digest(data: bytes) -> str:
    from patternlint.cache import digest

    return digest(data)


def _fixes_by_file(findings: Iterable[Finding], unsafe: bool) -> dict[str, list[tuple[Finding, Fix]]]:
    todo: dict[str, list[tuple[Finding, Fix]]] = {}
    for finding in findings:
        if finding.fix is not None and finding.fix.applies(unsafe):
            todo.setdefault(finding.fix.path or finding.path, []).append((finding, finding.fix))
    return todo


def _fix_text(
    display: str,
    target: Target,
    data: bytes,
    fixes: Sequence[tuple[Finding, Fix]],
    settings: Settings,
    claims: set[str],
) -> Step | None:
    """One pass over one file: the fixes that apply together, applied. `claims` are those of
    the pass's fixes taken so far, in any file; this adds its own."""
    decoded = source.decode(data)
    if not isinstance(decoded, tuple):
        return None
    text, bom = decoded
    lines = LineMap(text)
    parsed = None
    if any(isinstance(c, (RemoveItem, AppendItem)) for _, f in fixes for c in f.changes):
        parsed = document(Target(target.path, display, target.checked), data, settings)
    view = TextTarget(display, text, lines, parsed)
    split = source.split(data)
    marks = fixguard.shared_marks(split)
    candidates = []
    for finding, proposal in fixes:
        if fixguard.blocked(proposal, split, marks):
            continue  # a library rule's fix, offered without seeing the file's anchors
        resolved = resolve(proposal, view)
        if resolved is not None:
            candidates.append((resolved, finding, proposal))
    # In order of position, so that what a pass leaves for the next is the later of two.
    candidates.sort(key=lambda c: (c[0].start, c[1].path, c[1].code, c[1].span.line, c[1].span.column))
    taken: list[Range] = []
    taken_by_fix: list[tuple[Range, ...]] = []
    applied: list[AppliedFix] = []
    for resolved, finding, proposal in candidates:
        # A second finding with the very same fix is fixed by the first one's edit.
        if resolved.ranges not in taken_by_fix:
            if resolved.claims & claims or any(clash(a, b) for a in resolved.ranges for b in taken):
                continue  # the next pass recomputes it from the new text
            taken.extend(resolved.ranges)
            taken_by_fix.append(resolved.ranges)
            claims |= resolved.claims
        applied.append(
            AppliedFix(
                finding.path,
                finding.code,
                finding.rule,
                proposal.description,
                tuple(named_lines(lines, r) for r in resolved.ranges),
            )
        )
    if not applied:
        return None
    fixed = apply(text, taken)
    if fixed == text:
        return None
    return Step(data, (BOM if bom else b"") + fixed.encode("utf-8"), tuple(applied))


# ---------------------------------------------------------------------------------------------
# Writing


def write(files: Sequence[FileFix]) -> list[str]:
    """Write the fixed files: every new text to a temporary file next to its file (same mode,
    flushed to disk), then each renamed over its file. A failure while writing the temporary
    files removes them and changes nothing; a rename that fails (rare: they are in the same
    folder) leaves each file either fully old or fully new.

    Each file is compared with what was linted right before its own rename, so that an edit
    saved while the others were being written is not lost: a file that changed is left alone,
    and the displays of those are returned."""
    staged: list[tuple[writing.Staged, FileFix]] = []
    try:
        for file in files:
            real = Path(os.path.realpath(file.path))  # a symlink stays a symlink
            try:
                staged.append((writing.stage(real, file.fixed), file))
            except OSError as exc:
                raise FixError(f"cannot write `{file.display}`: {exc.strerror or exc}; no file was changed") from None
    except BaseException:
        for pending, _ in staged:
            pending.discard()
        raise
    skipped: list[str] = []
    folders: dict[Path, Path] = {}  # one flush per folder, after its renames
    written = 0
    for n, (pending, file) in enumerate(staged):
        try:
            if not _unchanged(pending.path, file.original):
                pending.discard()
                skipped.append(file.display)
                continue
            pending.commit(sync_folder=False)
        except OSError as exc:
            for later, _ in staged[n:]:
                later.discard()
            _sync(folders)
            raise FixError(
                f"cannot replace `{file.display}`: {exc.strerror or exc}; {written} of {len(staged)} "
                "fixed files were written, the others are unchanged"
            ) from None
        written += 1
        folders.setdefault(pending.path.parent, pending.path)
    _sync(folders)
    return skipped


def _unchanged(path: Path, original: bytes) -> bool:
    """Whether the file still holds what was linted: the last look before its rename, kept as
    short as it can be (the file is read and compared, nothing else). A file that can no
    longer be read (deleted, say) has changed too."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(original) + 1) == original
    except OSError:
        return False


def _sync(folders: dict[Path, Path]) -> None:
    for path in folders.values():
        writing.sync_folder_of(path)


def remove_leftovers(targets: Iterable[Path]) -> list[Path]:
    """Remove the temporary files an earlier, killed `--fix` left next to the files it was
    fixing: in the folders of `targets` (the files linted; their real folders, where the
    temporary files were written), only files named as ours and not touched for a few
    seconds."""
    folders = {Path(os.path.realpath(t)).parent for t in targets}
    return [p for folder in sorted(folders) for p in writing.remove_leftovers(folder)]


# ---------------------------------------------------------------------------------------------
# Showing


def diff(file: FileFix) -> str:
    """A unified diff of the file's fix. Lines are shown as text: control characters from the
    file are escaped (like every other output), and line endings are shown as `\\n`."""
    from patternlint.reporters.escape import visible

    def lines(data: bytes) -> list[str]:
        decoded = source.decode(data)
        text = decoded[0] if isinstance(decoded, tuple) else data.decode("utf-8", "replace")
        return split_lines(text, keep_breaks=True)

    out: list[str] = []
    for n, line in enumerate(
        difflib.unified_diff(
            lines(file.original), lines(file.fixed), f"a/{file.display}", f"b/{file.display}", lineterm=""
        )
    ):
        if n < 2 or line.startswith("@@"):
            out.append(visible(line) + "\n")  # the file names, and the hunk headers
            continue
        body = line.rstrip(BREAK_CHARS)
        out.append("\t".join(visible(part) for part in body.split("\t")) + "\n")
        if body == line:
            out.append("\\ No newline at end of file\n")
    return "".join(out)


def summary(fixes: Sequence[AppliedFix]) -> list[str]:
    """`--show-fixes`: per file, how many findings of each rule were fixed."""
    by_file: dict[str, Counter[tuple[str, str]]] = {}
    for f in fixes:
        by_file.setdefault(f.path, Counter())[(f.code, f.rule)] += 1
    out: list[str] = []
    for path in sorted(by_file):
        out.append(f"  {path}:")
        for (code, rule), n in sorted(by_file[path].items()):
            out.append(f"    {n} × {code} ({rule})")
    return out
