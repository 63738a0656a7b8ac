"""`patternlint check`: lint files and folders, report, and exit 0, 1 or 2.

One direction: options → settings → lint → baseline → report → exit code.
"""

from __future__ import annotations

import enum
import os
import sys
import traceback
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional, TextIO

import typer

from patternlint.cli.stderr import say

from patternlint.reporters import OutputFormat

if TYPE_CHECKING:
    from patternlint import fixer
    from patternlint.config import Resolved
    from patternlint.result import LintResult
    from patternlint.settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CACHE_DIR = ".patternlint_cache"
PROGRESS_MIN_FILES = 300
STALE_LISTED = 20  # stale baseline entries named on stderr; beyond that, only counted


class FailOn(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Output:
    """How to report: the format, where to, and how much."""

    format: OutputFormat
    file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    # Where an unstyled human report may be kept for reuse while nothing changes (the cache).
    reports: Path | None = None


@dataclass(frozen=True)
class Selection:
    """Which configuration, and the command-line flags that override it."""

    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force_exclude: bool = False
    ignore_suppressions: bool = False
    show_settings: bool = False
    fail_on: str | None = None  # shown by --show-settings; the gate applies it


@dataclass(frozen=True)
class Fixing:
    """`--fix`, `--diff`, `--unsafe-fixes`, `--show-fixes` (as ruff has them)."""

    fix: bool = False
    diff: bool = False  # show what `--fix` would do; write nothing
    unsafe: bool = False
    show: bool = False

    @property
    def active(self) -> bool:
        return self.fix or self.diff


@dataclass(frozen=True)
class Gate:
    """What counts: the baseline, the changed files, and which findings fail the run."""

    fail_on: FailOn | None = None  # None: the settings' (a configuration file may set it)
    exit_zero: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None


def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files and folders to check (folders are searched for *.md). Default: `.`"),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--output-format",
            "-f",
            envvar="PATTERNLINT_OUTPUT_FORMAT",
            case_sensitive=False,
            help="How to report findings. `auto` is `github` inside GitHub Actions and `full` elsewhere; "
            "`text` is `full`.",
        ),
    ] = OutputFormat.FULL,
    output_file: Annotated[
        Optional[Path],
        typer.Option("--output-file", "-o", dir_okay=False, help="Write the report to this file, not stdout."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the check (2 still means an error).")
    ] = False,
    fail_on: Annotated[
        Optional[FailOn],
        typer.Option(
            "--fail-on", case_sensitive=False, help="The least severe finding that makes the check fail. Default: error."
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Also show how many findings each rule has.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the findings: no summary line, no notes on stderr.")
    ] = False,
    baseline: Annotated[
        Optional[Path],
        typer.Option(dir_okay=False, help="Report only findings that are not in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Optional[Path],
        typer.Option(dir_okay=False, help="Record every finding in this baseline file, and exit 0."),
    ] = None,
    changed_since: Annotated[
        Optional[str],
        typer.Option(
            metavar="REF",
            help="Check only files changed since the git commit REF, and the files related to them.",
        ),
    ] = None,
    library: Annotated[
        Optional[Path],
        typer.Option(
            help="The library root, where relationship slugs resolve. Default: the folder of the given paths.",
            file_okay=False,
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_dir: Annotated[
        Optional[Path],
        typer.Option(
            envvar="PATTERNLINT_CACHE_DIR",
            help=f"Where to keep the cache. Default: `{DEFAULT_CACHE_DIR}` in the current folder.",
        ),
    ] = None,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, help="Worker processes. Default: one per core for large runs."),
    ] = None,
    config: Annotated[
        Optional[Path],
        typer.Option("--config", dir_okay=False, help="Use this configuration file instead of discovering one."),
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")] = False,
    select: Annotated[
        Optional[list[str]],
        typer.Option(help="Rules to run (codes, prefixes, names or ALL), replacing the configured set. Repeatable."),
    ] = None,
    extend_select: Annotated[
        Optional[list[str]], typer.Option(help="Rules to run in addition to the configured set. Repeatable.")
    ] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rules not to run. Repeatable.")] = None,
    force_exclude: Annotated[
        bool, typer.Option("--force-exclude", help="Apply `exclude` to files named on the command line too.")
    ] = False,
    ignore_suppressions: Annotated[
        bool, typer.Option("--ignore-suppressions", help="Report findings that inline comments suppress.")
    ] = False,
    show_settings: Annotated[
        bool, typer.Option("--show-settings", help="Print the effective settings and where each came from, then exit.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes, then report what remains.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="With `--fix` or `--diff`, also apply unsafe fixes (they may change meaning or edit other files).",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Print a diff of what `--fix` would change, change nothing, and exit 1 if there is any."
        ),
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List the fixes applied (with `--diff`: that would be applied).")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check a pattern library and report what is wrong, where, and how to fix it."""
    output = Output(output_format.resolve(), output_file, statistics, quiet)
    gate = Gate(fail_on, exit_zero, baseline, write_baseline, changed_since)
    selection = Selection(
        config,
        isolated,
        _selectors(select) if select else None,
        _selectors(extend_select),
        _selectors(ignore),
        force_exclude,
        ignore_suppressions,
        show_settings,
        fail_on.value if fail_on else None,
    )
    try:
        fixing = Fixing(fix, diff, unsafe_fixes, show_fixes)
        code = _run(paths or [], output, gate, selection, library, no_cache, cache_dir, jobs, fixing)
    except typer.Exit:
        raise
    except Exception as exc:  # the CLI is the one place that turns any failure into exit 2
        from patternlint.config import ConfigError
        from patternlint.result import UsageError
        from patternlint.fixer import FixError

        if isinstance(exc, (UsageError, ConfigError, FixError)):
            say(f"patternlint: error: {exc}")
        else:
            say(f"patternlint: internal error: {type(exc).__name__}: {exc}")
            if verbose:
                traceback.print_exc()
            else:
                say("Run again with --verbose to see the traceback.")
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code)


def _run(
    paths: list[Path],
    output: Output,
    gate: Gate,
    selection: Selection,
    library: Path | None,
    no_cache: bool,
    cache_dir: Path | None,
    jobs: int | None,
    fixing: Fixing = Fixing(),
) -> int:
    import gc

    if gate.write_baseline is not None and gate.changed_since is not None:
        from patternlint.result import UsageError

        # A baseline of the changed files only would drop every other file's entries.
        raise UsageError("`--write-baseline` records a whole run; it cannot be combined with `--changed-since`")
    # A check is a short-lived process that builds many small, acyclic objects: the cyclic
    # collector would only rescan them over and over (about a fifth of a cold run). Workers
    # forked from here inherit this.
    gc.disable()
    cwd = Path.cwd()
    resolved = _settings(paths, cwd, selection, library, no_cache, cache_dir, jobs)
    if selection.show_settings:
        from patternlint.cli.config_cmd import render

        sys.stdout.write(render(resolved))
        return EXIT_CLEAN
    settings = resolved.settings
    notes: list[str] = []
    if fixing.active:
        fixed = _fix(paths, settings, gate, output, cwd, notes, fixing)
        if isinstance(fixed, int):
            return fixed  # `--diff`: the diff is the report
        result, checked = fixed
    else:
        result, checked = _lint(paths, settings, gate, output, cwd, notes)
        _fixable_note(result, fixing, notes)

    if gate.write_baseline is not None:
        from patternlint import baseline

        n = baseline.write(gate.write_baseline, result, cwd)
        _note(f"wrote {n} finding{'s' if n != 1 else ''} to the baseline `{gate.write_baseline}`", output)
        return EXIT_CLEAN
    if gate.baseline is not None:
        result = _apply_baseline(result, gate.baseline, checked, cwd, notes, output)
        result = replace(result, key=None)  # filtered: no longer what the cache key describes
    if settings.cache_dir is not None and not fixing.active:
        output = replace(output, reports=settings.cache_dir / "reports")

    _report(result, output, notes)
    return _exit_code(result, gate, settings)


def _selectors(values: list[str] | None) -> tuple[str, ...]:
    """`--select PL201,PL010` and `--select PL201 --select PL010` mean the same, as in ruff."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _settings(
    paths: list[Path],
    cwd: Path,
    selection: Selection,
    library: Path | None,
    no_cache: bool,
    cache_dir: Path | None,
    jobs: int | None,
) -> Resolved:
    """Configuration files, then the command line on top."""
    from patternlint.config import Overrides, resolve

    overrides = Overrides(
        library=library.absolute() if library else None,
        select=selection.select,
        extend_select=selection.extend_select,
        ignore=selection.ignore,
        fail_on=selection.fail_on,
        force_exclude=selection.force_exclude,
    )
    resolved = resolve(paths, cwd, overrides, selection.config, selection.isolated)
    configured = resolved.settings.cache_dir
    settings = replace(
        resolved.settings,
        cache_dir=None if no_cache else (cache_dir or configured or Path(DEFAULT_CACHE_DIR)).absolute(),
        jobs=jobs,
        ignore_suppressions=selection.ignore_suppressions,
    )
    return replace(resolved, settings=settings)


def _lint(
    paths: list[Path], settings: Settings, gate: Gate, output: Output, cwd: Path, notes: list[str]
) -> tuple[LintResult, list[str]]:
    """The result, and the paths it reports on (needed only to tell stale baseline entries)."""
    with ExitStack() as stack:
        progress = _progress_bar(stack) if _shows_progress(output) else None
        if gate.changed_since is not None:
            from patternlint.changes import lint_changed

            result, selection = lint_changed(paths, settings, gate.changed_since, cwd, progress)
            notes.append(selection.describe())
            return result, [*selection.changed, *selection.dependents]
        from patternlint.pipeline import lint_run

        run = lint_run(paths, settings, cwd, progress)
    return run.result, [t.display for t in run.targets if t.checked]


def _apply_baseline(
    result: LintResult, file: Path, checked: list[str], cwd: Path, notes: list[str], output: Output
) -> LintResult:
    from patternlint import baseline
    from patternlint.reporters.escape import visible

    result, applied = baseline.apply(result, baseline.load(file, cwd), cwd, checked)
    stale = len(applied.stale)
    text = f"baseline `{file}`: {applied.matched} known finding{'s' if applied.matched != 1 else ''} not reported"
    if stale:
        text += (
            f"; {stale} baseline entr{'ies' if stale != 1 else 'y'} no longer occur{'s' if stale == 1 else ''}"
            " (fixed or changed): run with `--write-baseline` to drop "
            + ("them" if stale != 1 else "it")
        )
    notes.append(text)
    if not output.quiet:
        for entry in applied.stale[:STALE_LISTED]:
            notes.append(f"  no longer occurs: {visible(entry.path)}: {entry.code} {visible(entry.message)}")
        if stale > STALE_LISTED:
            notes.append(f"  … and {stale - STALE_LISTED} more")
    return result


def _report(result: LintResult, output: Output, notes: list[str]) -> None:
    fmt = output.format
    for note in notes:
        _note(note, output)
    try:
        with ExitStack() as stack:
            stream: TextIO = sys.stdout
            if output.file is not None:
                try:
                    stream = stack.enter_context(open(output.file, "w", encoding="utf-8", newline="\n"))
                except OSError as exc:
                    from patternlint.result import UsageError

                    raise UsageError(f"cannot write `{output.file}`: {exc.strerror or exc}") from None
            _render(result, output, stream)
            stream.flush()
    except BrokenPipeError:
        _reader_went_away()
    if output.statistics and not fmt.is_human:
        from patternlint.reporters.text import statistics

        sys.stderr.write(statistics(result).plain)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is OutputFormat.GITHUB and summary_file:
        from patternlint.reporters import github

        try:
            github.write_step_summary(result, Path(summary_file), [n for n in notes if not n.startswith(" ")])
        except OSError as exc:
            _note(f"cannot write the step summary `{summary_file}`: {exc.strerror or exc}", output)


def _render(result: LintResult, output: Output, stream: TextIO) -> None:
    """The one place that picks a reporter; each is imported only when used."""
    fmt = output.format
    if fmt.is_human:
        from patternlint.reporters import concise, full, text

        # A report written to a file is never styled, whatever FORCE_COLOR says.
        terminal = False if output.file is not None else None
        report = full.report if fmt is OutputFormat.FULL else concise.report

        def pieces() -> text.Pieces:
            return report(result, show_statistics=output.statistics, quiet=output.quiet)

        if output.reports is not None and result.key is not None and text.is_plain(stream, terminal=terminal):
            _render_reusing(result, output, stream, lambda: pieces().plain)
        else:
            text.write(pieces(), stream, terminal=terminal)
    elif fmt is OutputFormat.JSON:
        from patternlint.reporters import json_report

        json_report.render(result, stream)
    elif fmt is OutputFormat.JSON_LINES:
        from patternlint.reporters import json_lines

        json_lines.render(result, stream)
    elif fmt is OutputFormat.GITHUB:
        from patternlint.reporters import github

        github.render(result, stream, quiet=output.quiet)
    elif fmt is OutputFormat.SARIF:
        from patternlint.reporters import sarif

        sarif.render(result, stream)
    elif fmt is OutputFormat.JUNIT:
        from patternlint.reporters import junit

        junit.render(result, stream)
    elif fmt is OutputFormat.GITLAB:
        from patternlint.reporters import gitlab

        gitlab.render(result, stream)
    else:  # pragma: no cover - `resolve` leaves no other format
        raise AssertionError(fmt)


def _render_reusing(result: LintResult, output: Output, stream: TextIO, render: Callable[[], str]) -> None:
    """An unstyled human report depends only on the result and the files' text, which the
    result's key covers: when nothing changed, write the report the last run wrote. (Code
    frames read every reported file; for thousands of findings that costs more than the whole
    cached lint.)"""
    assert output.reports is not None and result.key is not None
    flags = f"{output.format.value}-{int(output.statistics)}{int(output.quiet)}"
    saved = output.reports / f"{flags}.txt"
    from patternlint import cache

    header = f"{result.key}\n".encode()
    # Sealed like the cache: a report kept in a committed cache folder is not this user's.
    kept = cache.unseal(saved)
    if kept is not None and kept.startswith(header):
        # surrogatepass: lone surrogates (file names that are not UTF-8) come back as they were.
        stream.write(kept[len(header) :].decode("utf-8", "surrogatepass"))
        return
    report = render()
    stream.write(report)
    _write_quietly(saved, header + report.encode("utf-8", "surrogatepass"))


def _reader_went_away() -> None:
    """The reader of stdout went away (`| head`): not an error of ours. Point stdout at devnull
    so that the interpreter's final flush does not complain either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _shows_progress(output: Output) -> bool:
    """A progress bar only beside the full report on a terminal."""
    return output.format is OutputFormat.FULL and output.file is None and sys.stderr.isatty()


def _write_quietly(path: Path, data: bytes) -> None:
    """Whole or not at all, and never an error: a report not kept only costs time."""
    from patternlint import cache

    sealed = cache.seal(path, data)
    if sealed is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        cache.write_file(path, sealed)
    except OSError:
        pass


def _exit_code(result: LintResult, gate: Gate, settings: Settings) -> int:
    from patternlint.model import Severity

    if gate.exit_zero:
        return EXIT_CLEAN
    threshold = settings.fail_on
    if gate.fail_on is not None:
        threshold = Severity.WARNING if gate.fail_on is FailOn.WARNING else Severity.ERROR
    return EXIT_FINDINGS if result.fails(threshold) else EXIT_CLEAN


def _note(text: str, output: Output) -> None:
    if not output.quiet:
        say(f"patternlint: {text}" if not text.startswith(" ") else text)


def _progress_bar(stack: ExitStack) -> Callable[[int, int], None]:
    """A progress bar on stderr, shown only once a run turns out to be long."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    bar: tuple[Progress, TaskID] | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if total < PROGRESS_MIN_FILES:
            return
        if bar is None:
            progress = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            stack.enter_context(progress)
            bar = (progress, progress.add_task("check", total=total))
        bar[0].update(bar[1], completed=done, total=total)

    return update


def _fix(
    paths: list[Path], settings: Settings, gate: Gate, output: Output, cwd: Path, notes: list[str], fixing: Fixing
) -> tuple[LintResult, list[str]] | int:
    """`--fix`: the findings that remain after fixing (and the paths checked, for a baseline);
    `--diff`: the exit code, once the diff is printed."""
    from patternlint import fixer
    from patternlint.result import UsageError

    if gate.changed_since is not None:
        raise UsageError("`--fix` and `--diff` fix the files given; they cannot be combined with `--changed-since`")
    with ExitStack() as stack:
        progress = _progress_bar(stack) if _shows_progress(output) else None
        run = fixer.fix(paths, settings, cwd, fixing.unsafe, progress)
    n, files = len(run.fixes), len(run.files)
    for display, broken in run.refused:
        notes.append(f"`{display}`: fixes that would give it a new `{broken}` problem were not applied")
    counted = f"{n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if fixing.diff:
        try:
            for file in run.files:
                sys.stdout.write(fixer.diff(file))
            sys.stdout.flush()
        except BrokenPipeError:
            _reader_went_away()
        _note(f"would fix {counted}" if n else "nothing to fix", output)
        if fixing.show and n:
            say("patternlint: would fix:", *fixer.summary(run.fixes))
        _unsettled(run, output)
        return EXIT_FINDINGS if run.files else EXIT_CLEAN
    leftovers = fixer.remove_leftovers(run.linted)
    if leftovers:
        n_left = len(leftovers)
        notes.append(
            f"removed {n_left} temporary file{'s' if n_left != 1 else ''} an interrupted `--fix` left behind"
        )
    skipped = fixer.write(run.files)
    for display in skipped:
        notes.append(f"`{display}` changed while it was being fixed; it was left as it was")
    if n:
        notes.append(f"fixed {counted}")
        if fixing.show:
            say("patternlint: fixed:", *fixer.summary(run.fixes))
    _unsettled(run, output)
    _fixable_note(run.result, fixing, notes, after_fix=True)
    return run.result, list(run.checked)


def _unsettled(run: fixer.FixRun, output: Output) -> None:
    if not run.converged:
        _note(f"fixes were still being found after {run.passes} passes; run `--fix` again", output)


def _fixable_note(result: LintResult, fixing: Fixing, notes: list[str], after_fix: bool = False) -> None:
    """How many findings `--fix` (or `--unsafe-fixes`) would fix, like ruff's `[*]` line."""
    safe = sum(1 for f in result.findings if f.fix is not None and f.fix.applies(False))
    unsafe = sum(1 for f in result.findings if f.fix is not None and not f.fix.applies(False))
    if after_fix:
        if not fixing.unsafe and unsafe:
            notes.append(f"{unsafe} more finding{'s' if unsafe != 1 else ''} can be fixed with `--unsafe-fixes`")
        return
    if fixing.unsafe:
        safe, unsafe = safe + unsafe, 0
    if safe:
        text = f"{safe} finding{'s' if safe != 1 else ''} can be fixed with `--fix`"
        if unsafe:
            text += f" ({unsafe} more with `--unsafe-fixes`)"
        notes.append(text)
    elif unsafe:
        notes.append(f"{unsafe} finding{'s' if unsafe != 1 else ''} can be fixed with `--fix --unsafe-fixes`")
