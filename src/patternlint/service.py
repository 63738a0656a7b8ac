"""The check as a service: a request in, an outcome out.

`patternlint check` builds a `CheckRequest` from its options, `run` resolves the settings, lints
(or fixes), applies the baseline and decides the exit code, and the command renders the
`Outcome`. Nothing here prints or exits: errors are exceptions (`UsageError`, `ConfigError`,
`FixError`) that the command turns into exit 2. Files are written only where the request asks
for it (`--fix`, `--write-baseline`).
"""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from patternlint.frozen import frozen

if TYPE_CHECKING:
    from patternlint import fixer
    from patternlint.config import Resolved
    from patternlint.facts import FileRecord
    from patternlint.result import LintResult, ProgressCallback
    from patternlint.settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CACHE_DIR = ".patternlint_cache"
STALE_LISTED = 20  # stale baseline entries listed one by one; beyond that, only counted


@frozen
class Selection:
    """Which configuration, and the command-line flags that override it."""

    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force_exclude: bool = False
    ignore_suppressions: bool = False
    fail_on: str | None = None  # `error` or `warning`; None: the configured one
    library: Path | None = None
    no_cache: bool = False
    cache_dir: Path | None = None  # None: the configured one, else DEFAULT_CACHE_DIR
    jobs: int | None = None
    config_pairs: tuple[str, ...] = ()  # `--config KEY=VALUE`, above every file
    per_file_ignores: tuple[str, ...] | None = None  # `--per-file-ignores GLOB:CODE`: replaces the table
    extend_per_file_ignores: tuple[str, ...] = ()
    profile: str | None = None  # `--profile`: the profile of every file, replacing the configured ones


@frozen
class Fixing:
    """`--fix`, `--diff`, `--unsafe-fixes`, `--show-fixes` (as ruff has them)."""

    fix: bool = False
    diff: bool = False  # show what `--fix` would do; write nothing
    unsafe: bool = False
    show: bool = False

    @property
    def active(self) -> bool:
        return self.fix or self.diff


@frozen
class Gate:
    """What counts: the baseline, the changed files, and whether findings fail the run."""

    exit_zero: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    staged: bool = False  # check what the staged change can affect (the pre-commit hook)

    @property
    def partial(self) -> str | None:
        """The option that narrows the run to a change, if any."""
        return "--staged" if self.staged else "--changed-since" if self.changed_since is not None else None


@frozen
class CheckRequest:
    """One `patternlint check`, as its options ask for it."""

    paths: tuple[Path, ...]
    cwd: Path
    selection: Selection = Selection()
    gate: Gate = Gate()
    fixing: Fixing = Fixing()
    show_settings: bool = False
    # `check - --stdin-filename PATH`: the text read from stdin, checked as `paths`' one file.
    stdin: bytes | None = None


@frozen
class Message:
    """A line for stderr as it happened, before the run's notes. `--quiet` drops it, except a
    listing the user asked for (`--show-fixes`)."""

    text: str
    listing: tuple[str, ...] = ()


@frozen
class Outcome:
    """What a check came to. The command shows, in this order: `settings` (for
    `--show-settings`, and nothing else), the `diff` on stdout, the `messages`, the `notes`,
    then the report of `result`; and exits with `exit_code`."""

    exit_code: int
    result: LintResult | None = None  # None: nothing to report (`--diff`, `--write-baseline`)
    # About the run (changed files, baseline, fixes): on stderr before the report, and in the
    # GitHub step summary (but for the indented lines that list stale baseline entries).
    notes: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    diff: tuple[str, ...] = ()  # `--diff`: one unified diff per file
    settings: Resolved | None = None
    # Where an unstyled human report may be kept for reuse while nothing changes (the cache).
    reports: Path | None = None
    # `--fix` of stdin's text: the fixed text, for stdout (the report then goes to stderr).
    text: bytes | None = None
    # How many findings `--fix` would fix: on stderr after the report, where the reader is.
    fix_notes: tuple[str, ...] = ()


@frozen
class _Checked:
    """A lint or a fix, before the baseline: the findings, the paths they are about (a baseline
    entry for another path is not stale), and what to say about the run."""

    result: LintResult
    checked: tuple[str, ...]
    notes: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    # Each file's record by displayed path, for a baseline; empty when no baseline is in use.
    records: Mapping[str, FileRecord] = field(default_factory=dict)
    text: bytes | None = None  # `--fix` of stdin's text: the fixed text


def run(request: CheckRequest, progress: ProgressCallback | None = None) -> Outcome:
    """Options → settings → lint or fix → baseline → exit code. `progress` is told how many
    files are done, out of how many."""
    gate, fixing = request.gate, request.fixing
    if gate.staged and gate.changed_since is not None:
        from patternlint.result import UsageError

        raise UsageError("`--staged` and `--changed-since` name two different changes; give one")
    if request.stdin is not None and (gate.partial or gate.write_baseline is not None):
        from patternlint.result import UsageError

        other = gate.partial or "--write-baseline"
        raise UsageError(f"stdin (`-`) is one file's text; it cannot be combined with `{other}`")
    if gate.write_baseline is not None and gate.partial is not None:
        from patternlint.result import UsageError

        # A baseline of the changed files only would drop every other file's entries.
        raise UsageError(f"`--write-baseline` records a whole run; it cannot be combined with `{gate.partial}`")
    resolved = resolve_settings(request)
    if request.show_settings:
        return Outcome(EXIT_CLEAN, settings=resolved)
    settings = resolved.settings
    if fixing.active:
        fixed = _fix(request, settings, progress)
        if fixing.diff:
            return _diff(fixed, fixing)
        if request.stdin is not None:
            done = _fixed_text(fixed, fixing, request.stdin)
        else:
            done = _fixed(fixed, fixing)
        if gate.staged:  # the fixed files written: report what the change affects, as it is now
            after = _lint(request, settings, None)
            done = replace(after, notes=(*after.notes, *done.notes), messages=done.messages)
    else:
        done = _lint(request, settings, progress)
    result, notes, messages = done.result, done.notes, done.messages

    if gate.write_baseline is not None:
        from patternlint import baseline

        n = baseline.write(gate.write_baseline, result, request.cwd, done.records)
        wrote = Message(f"wrote {n} finding{'s' if n != 1 else ''} to the baseline `{gate.write_baseline}`")
        return Outcome(EXIT_CLEAN, messages=(*messages, wrote))
    if gate.baseline is not None:
        result, applied = _apply_baseline(result, gate.baseline, done.checked, request.cwd, done.records)
        result = replace(result, key=None)  # filtered: no longer what the cache key describes
    else:
        applied = ()
    notes = (*notes, *applied)
    reports = settings.cache_dir / "reports" if settings.cache_dir is not None and not fixing.active else None
    # Counted after the baseline: a known finding is not one to fix now.
    fix_notes = _fixable_notes(result, fixing, after_fix=fixing.fix)
    return Outcome(
        _exit_code(result, gate, settings), result, notes, messages, reports=reports, text=done.text, fix_notes=fix_notes
    )


def resolve_settings(request: CheckRequest) -> Resolved:
    """Configuration files, then the command line on top."""
    from patternlint.config import Overrides, resolve

    selection = request.selection
    overrides = Overrides(
        library=selection.library.absolute() if selection.library else None,
        select=selection.select,
        extend_select=selection.extend_select,
        ignore=selection.ignore,
        fail_on=selection.fail_on,
        force_exclude=selection.force_exclude,
        config_pairs=selection.config_pairs,
        per_file_ignores=selection.per_file_ignores,
        extend_per_file_ignores=selection.extend_per_file_ignores,
        profile=selection.profile,
    )
    resolved = resolve(list(request.paths), request.cwd, overrides, selection.config, selection.isolated)
    configured = resolved.settings.cache_dir
    cache_dir = selection.cache_dir or configured or Path(DEFAULT_CACHE_DIR)
    settings = replace(
        resolved.settings,
        cache_dir=None if selection.no_cache else (request.cwd / cache_dir).absolute(),
        jobs=selection.jobs,
        ignore_suppressions=selection.ignore_suppressions,
    )
    return replace(resolved, settings=settings)


def _lint(request: CheckRequest, settings: Settings, progress: ProgressCallback | None) -> _Checked:
    paths, cwd = list(request.paths), request.cwd
    if request.gate.partial is not None:
        from patternlint.changes import lint_changed

        result, selection = lint_changed(paths, settings, request.gate.changed_since, cwd, progress)
        return _Checked(
            result, (*selection.changed, *selection.dependents), (selection.describe(),), records=selection.records
        )
    if request.stdin is not None:
        from patternlint import stdin

        [path] = request.paths
        run = stdin.lint(path, request.stdin, settings, cwd, progress)
    else:
        from patternlint.pipeline import Driver, lint_run

        run = lint_run(paths, settings, cwd, progress)
        if not run.outcomes and (request.gate.baseline is not None or request.gate.write_baseline is not None):
            # A baseline keys findings by their files' records, which a kept result has not
            # read: the cache has them all.
            run.outcomes = Driver(settings, run.root).outcomes(run.targets)
    return _Checked(
        run.result,
        tuple(t.display for t in run.targets if t.checked),
        records={t.display: o.record for t, o in zip(run.targets, run.outcomes)},
    )


def _apply_baseline(
    result: LintResult, file: Path, checked: tuple[str, ...], cwd: Path, records: Mapping[str, FileRecord]
) -> tuple[LintResult, tuple[str, ...]]:
    from patternlint import baseline
    from patternlint.reporters.escape import visible

    result, applied = baseline.apply(result, baseline.load(file, cwd), cwd, checked, records)
    stale = len(applied.stale)
    text = f"baseline `{file}`: {applied.matched} known finding{'s' if applied.matched != 1 else ''} not reported"
    if stale:
        text += (
            f"; {stale} baseline entr{'ies' if stale != 1 else 'y'} no longer occur{'s' if stale == 1 else ''}"
            " (fixed or changed): run with `--write-baseline` to drop "
            + ("them" if stale != 1 else "it")
        )
    notes = [text]
    for entry in applied.stale[:STALE_LISTED]:
        notes.append(f"  no longer occurs: {visible(entry.path)}: {entry.code} {visible(entry.message)}")
    if stale > STALE_LISTED:
        notes.append(f"  … and {stale - STALE_LISTED} more")
    return result, tuple(notes)


def _exit_code(result: LintResult, gate: Gate, settings: Settings) -> int:
    if gate.exit_zero:
        return EXIT_CLEAN
    # settings.fail_on is the configured threshold with `--fail-on` on top.
    return EXIT_FINDINGS if result.fails(settings.fail_on) else EXIT_CLEAN


def _fix(request: CheckRequest, settings: Settings, progress: ProgressCallback | None) -> fixer.FixRun:
    """The fixes `--fix` would apply, worked out in memory."""
    from patternlint import fixer
    from patternlint.result import UsageError

    if request.gate.changed_since is not None:
        raise UsageError("`--fix` and `--diff` fix the files given; they cannot be combined with `--changed-since`")
    planned = None
    if request.gate.staged:
        from patternlint.changes import staged_targets
        from patternlint.result import LintResult

        planned = staged_targets(request.paths, settings, request.cwd)
        if not any(t.checked for t in planned[1]):  # a commit that brings no pattern: read nothing
            return fixer.FixRun(LintResult((), 0, len(planned[1]), planned[0]), (), 0, True)
    if request.stdin is not None:
        from patternlint import stdin

        [path] = request.paths
        planned = stdin.targets(path, request.stdin, settings, request.cwd)
    return fixer.fix(list(request.paths), settings, request.cwd, request.fixing.unsafe, progress, planned)


def _counted(run: fixer.FixRun) -> str:
    n, files = len(run.fixes), len(run.files)
    return f"{n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def _diff(run: fixer.FixRun, fixing: Fixing) -> Outcome:
    """`--diff`: the diff is the report; exit 1 when there is anything to fix."""
    from patternlint import fixer

    messages = [Message(f"would fix {_counted(run)}" if run.fixes else "nothing to fix")]
    if fixing.show and run.fixes:
        messages.append(Message("would fix:", tuple(fixer.summary(run.fixes))))
    messages += _unsettled(run)
    return Outcome(
        EXIT_FINDINGS if run.files else EXIT_CLEAN,
        messages=tuple(messages),
        diff=tuple(fixer.diff(file) for file in run.files),
    )


def _fixed(run: fixer.FixRun, fixing: Fixing) -> _Checked:
    """`--fix`: write the fixed files; what remains is the result."""
    from patternlint import fixer

    notes = [
        f"`{display}`: fixes that would give it a new `{broken}` problem were not applied"
        for display, broken in run.refused
    ]
    leftovers = fixer.remove_leftovers(run.linted)
    if leftovers:
        n_left = len(leftovers)
        notes.append(
            f"removed {n_left} temporary file{'s' if n_left != 1 else ''} an interrupted `--fix` left behind"
        )
    skipped = fixer.write(run.files)
    for display in skipped:
        notes.append(f"`{display}` changed while it was being fixed; it was left as it was")
    messages: list[Message] = []
    if run.fixes:
        notes.append(f"fixed {_counted(run)}")
        if fixing.show:
            messages.append(Message("fixed:", tuple(fixer.summary(run.fixes))))
    messages += _unsettled(run)
    return _Checked(run.result, run.checked, tuple(notes), tuple(messages), run.records)


def _fixed_text(run: fixer.FixRun, fixing: Fixing, original: bytes) -> _Checked:
    """`--fix` of stdin's text: the fixed text goes to stdout; nothing is written to disk, and
    fixes that would edit other files are left out (they are only in `--diff`)."""
    from patternlint import fixer

    [checked] = run.checked
    mine = [file for file in run.files if file.display == checked]
    notes = [f"`{display}`: fixes that would give it a new `{broken}` problem were not applied"
             for display, broken in run.refused]
    messages: list[Message] = []
    fixes = [f for file in mine for f in file.fixes]
    if fixes:
        notes.append(f"fixed {len(fixes)} finding{'s' if len(fixes) != 1 else ''} in stdin's text")
        if fixing.show:
            messages.append(Message("fixed:", tuple(fixer.summary(fixes))))
    messages += _unsettled(run)
    text = mine[0].fixed if mine else original
    return _Checked(run.result, run.checked, tuple(notes), tuple(messages), run.records, text)


def _unsettled(run: fixer.FixRun) -> list[Message]:
    if run.converged:
        return []
    return [Message(f"fixes were still being found after {run.passes} passes; run `--fix` again")]


def _fixable_notes(result: LintResult, fixing: Fixing, after_fix: bool = False) -> tuple[str, ...]:
    """How many findings `--fix` (or `--unsafe-fixes`) would fix, like ruff's `[*]` line."""
    safe = sum(1 for f in result.findings if f.fix is not None and f.fix.applies(False))
    unsafe = sum(1 for f in result.findings if f.fix is not None and not f.fix.applies(False))
    if after_fix:
        if not fixing.unsafe and unsafe:
            return (f"{unsafe} more finding{'s' if unsafe != 1 else ''} can be fixed with `--unsafe-fixes`",)
        return ()
    if fixing.unsafe:
        safe, unsafe = safe + unsafe, 0
    if safe:
        text = f"{safe} finding{'s' if safe != 1 else ''} can be fixed with `--fix`"
        if unsafe:
            text += f" ({unsafe} more with `--unsafe-fixes`)"
        return (text,)
    if unsafe:
        return (f"{unsafe} finding{'s' if unsafe != 1 else ''} can be fixed with `--fix --unsafe-fixes`",)
    return ()
