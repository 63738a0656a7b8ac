"""`patternlint check`: the command's options in, a report and an exit code (0, 1 or 2) out.

The options become a `service.CheckRequest`; `service.run` does the work and returns an
`Outcome`, which this module renders: the report through the reporter `-f` names, the notes on
stderr, the GitHub step summary. Only here does a failure become a message and an exit code.
"""

from __future__ import annotations

import enum
import os
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional, Sequence, TextIO

import typer

from patternlint.frozen import frozen
from patternlint.cli import options
from patternlint.cli.stderr import fail, say
from patternlint.reporters import OutputFormat, Reporter, resolve

if TYPE_CHECKING:
    from patternlint.result import LintResult
    from patternlint.service import CheckRequest, Outcome

PROGRESS_MIN_FILES = 300


class FailOn(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@frozen
class Output:
    """How to report: the format, where to, and how much."""

    format: Reporter
    file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    expand: bool = False  # list every finding of a recurring cause
    # Where an unstyled human report may be kept for reuse while nothing changes (the cache).
    reports: Path | None = None
    stderr: bool = False  # the report on stderr: stdout carries stdin's fixed text


def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files and folders to check (folders are searched for *.md, and *.org for an Org profile). Default: `.`"),
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
    ] = OutputFormat.FULL,  # type: ignore[attr-defined]  # built from the registry
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
    expand: Annotated[
        bool,
        typer.Option(
            "--expand", help="List every finding of a cause that recurs across many files, not the cause once."
        ),
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
    staged: Annotated[
        bool,
        typer.Option(
            "--staged",
            help="Check only what the staged change (the next commit) can affect: the files it adds or edits, "
            "and the files related to what it adds, edits, renames or deletes. For pre-commit.",
        ),
    ] = False,
    stdin_filename: Annotated[
        Optional[Path],
        typer.Option(
            metavar="PATH",
            help="With `-` as the path: check the text on stdin as the file PATH of its library "
            "(with `--fix`, the fixed text goes to stdout and the report to stderr).",
        ),
    ] = None,
    library: options.Library = None,
    no_cache: options.NoCache = False,
    cache_dir: options.CacheDir = None,
    jobs: options.Jobs = None,
    config: options.Config = None,
    per_file_ignores: Annotated[
        Optional[list[str]],
        typer.Option(
            metavar="GLOB:CODE",
            help="Rules not to report for files matching GLOB (relative to the current folder), replacing "
            "the configured table. Comma-separated or repeatable.",
        ),
    ] = None,
    extend_per_file_ignores: Annotated[
        Optional[list[str]],
        typer.Option(metavar="GLOB:CODE", help="Like `--per-file-ignores`, in addition to the configured table."),
    ] = None,
    isolated: options.Isolated = False,
    profile: options.Profile = None,
    select: options.Select = None,
    extend_select: options.ExtendSelect = None,
    ignore: options.Ignore = None,
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
    verbose: options.Verbose = False,
) -> None:
    """Check a pattern library and report what is wrong, where, and how to fix it."""
    try:
        from patternlint.service import CheckRequest, Fixing, Gate

        output = Output(resolve(output_format.value), output_file, statistics, quiet, expand)
        paths, text = _stdin(paths, stdin_filename)
        request = CheckRequest(
            tuple(paths or ()),
            Path.cwd(),
            options.selection(
                config,
                isolated,
                select,
                extend_select,
                ignore,
                library,
                no_cache,
                cache_dir,
                jobs,
                profile,
                force_exclude=force_exclude,
                ignore_suppressions=ignore_suppressions,
                fail_on=fail_on.value if fail_on else None,
                per_file_ignores=tuple(per_file_ignores) if per_file_ignores is not None else None,
                extend_per_file_ignores=tuple(extend_per_file_ignores or ()),
            ),
            Gate(exit_zero, baseline, write_baseline, changed_since, staged),
            Fixing(fix, diff, unsafe_fixes, show_fixes),
            show_settings,
            text,
        )
        code = _run(request, output)
    except typer.Exit:
        raise
    except Exception as exc:  # the CLI is the one place that turns any failure into exit 2
        fail(exc, verbose)
    raise typer.Exit(code)


def _stdin(paths: list[Path] | None, name: Path | None) -> tuple[list[Path] | None, bytes | None]:
    """`check - --stdin-filename PATH`: the paths to check as PATH, and the text read from stdin."""
    from patternlint.result import UsageError

    if not paths or Path("-") not in paths:
        if name is not None:
            raise UsageError("`--stdin-filename` names the file that stdin stands for; give `-` as the path")
        return paths, None
    if len(paths) > 1:
        raise UsageError("`-` (stdin) is the only path of its check")
    if name is None:
        raise UsageError("`-` reads a pattern from stdin; say which file it is with `--stdin-filename PATH`")
    return [name], sys.stdin.buffer.read()


def _run(request: CheckRequest, output: Output) -> int:
    import gc

    from patternlint import service

    # A check is a short-lived process that builds many small, acyclic objects: the cyclic
    # collector would only rescan them over and over (about a fifth of a cold run). Workers
    # forked from here inherit this.
    gc.disable()
    with ExitStack() as stack:
        progress = _progress_bar(stack) if _shows_progress(output) else None
        outcome = service.run(request, progress)
    _show(outcome, output)
    return outcome.exit_code


def _show(outcome: Outcome, output: Output) -> None:
    """The outcome in its order: settings, diff, messages, notes, report."""
    if outcome.settings is not None:
        from patternlint.cli.config_cmd import render

        sys.stdout.write(render(outcome.settings))
        return
    if outcome.diff:
        try:
            for text in outcome.diff:
                sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            _reader_went_away()
    for message in outcome.messages:
        if message.listing:  # asked for (`--show-fixes`): shown even with `--quiet`
            say(f"patternlint: {message.text}", *message.listing)
        else:
            _note(message.text, output)
    if outcome.text is not None:  # `--fix` of stdin: the text on stdout, the report on stderr
        try:
            sys.stdout.buffer.write(outcome.text)
            sys.stdout.flush()
        except BrokenPipeError:
            _reader_went_away()
        output = replace(output, stderr=True)
    if outcome.result is not None:
        if outcome.reports is not None:
            output = replace(output, reports=outcome.reports)
        _report(outcome.result, output, outcome.notes)
    for note in outcome.fix_notes:  # after the report, where the reader is (as ruff)
        _note(note, output)


def _report(result: LintResult, output: Output, notes: Sequence[str]) -> None:
    reporter = output.format
    for note in notes:
        _note(note, output)
    try:
        with ExitStack() as stack:
            stream: TextIO = sys.stderr if output.stderr else sys.stdout
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
    if output.statistics and not reporter.human:
        from patternlint.reporters.text import statistics

        sys.stderr.write(statistics(result).plain)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if reporter.step_summary and summary_file:
        from patternlint.reporters import github

        try:
            github.write_step_summary(result, Path(summary_file), [n for n in notes if not n.startswith(" ")])
        except OSError as exc:
            _note(f"cannot write the step summary `{summary_file}`: {exc.strerror or exc}", output)


def _render(result: LintResult, output: Output, stream: TextIO) -> None:
    """The report, by the reporter the format names (imported only now)."""
    reporter = output.format
    module = reporter.load()
    if not reporter.human:
        if reporter.quiet:
            module.render(result, stream, quiet=output.quiet)
        else:
            module.render(result, stream)
        return
    from patternlint.reporters import text

    # A report written to a file is never styled, whatever FORCE_COLOR says.
    terminal = False if output.file is not None else None

    def pieces() -> text.Pieces:
        built: text.Pieces = module.report(
            result, show_statistics=output.statistics, quiet=output.quiet, expand=output.expand
        )
        return built

    if output.reports is not None and result.key is not None and text.is_plain(stream, terminal=terminal):
        _render_reusing(result, output, stream, lambda: pieces().plain)
    else:
        text.write(pieces(), stream, terminal=terminal)


def _render_reusing(result: LintResult, output: Output, stream: TextIO, render: Callable[[], str]) -> None:
    """An unstyled human report depends only on the result and the files' text, which the
    result's key covers: when nothing changed, write the report the last run wrote. (Code
    frames read every reported file; for thousands of findings that costs more than the whole
    cached lint.)"""
    assert output.reports is not None and result.key is not None
    flags = f"{output.format.name}-{int(output.statistics)}{int(output.quiet)}{int(output.expand)}"
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
    return output.format.progress and output.file is None and sys.stderr.isatty()


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
