"""`patternlint check`: lint files and folders, report, and exit 0, 1 or 2."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from patternlint.reporters import OutputFormat

if TYPE_CHECKING:
    from patternlint.engine import LintResult
    from patternlint.settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CACHE_DIR = ".patternlint_cache"
PROGRESS_MIN_FILES = 300


def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files and folders to check (folders are searched for *.md). Default: `.`"),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--output-format", "-f", help="How to report findings.", case_sensitive=False),
    ] = OutputFormat.TEXT,
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
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check a pattern library and report what is wrong, where, and how to fix it."""
    try:
        code = _run(paths or [], output_format, library, no_cache, cache_dir, jobs)
    except typer.Exit:
        raise
    except Exception as exc:  # the CLI is the one place that turns any failure into exit 2
        from patternlint.engine import UsageError

        if isinstance(exc, UsageError):
            typer.echo(f"patternlint: error: {exc}", err=True)
        else:
            typer.echo(f"patternlint: internal error: {type(exc).__name__}: {exc}", err=True)
            if verbose:
                traceback.print_exc()
            else:
                typer.echo("Run again with --verbose to see the traceback.", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code)


def _run(
    paths: list[Path],
    output_format: OutputFormat,
    library: Path | None,
    no_cache: bool,
    cache_dir: Path | None,
    jobs: int | None,
) -> int:
    import gc
    from dataclasses import replace

    from patternlint.engine import lint

    # A check is a short-lived process that builds many small, acyclic objects: the cyclic
    # collector would only rescan them over and over (about a fifth of a cold run). Workers
    # forked from here inherit this.
    gc.disable()
    from patternlint.settings import default_settings

    settings = replace(
        default_settings(),
        library=library,
        cache_dir=None if no_cache else (cache_dir or Path(DEFAULT_CACHE_DIR)).absolute(),
        jobs=jobs,
    )
    show_progress = output_format is OutputFormat.TEXT and sys.stderr.isatty()
    if show_progress:
        result = _lint_with_progress(paths, settings)
    else:
        result = lint(paths, settings)

    code = EXIT_FINDINGS if result.has_errors else EXIT_CLEAN
    try:
        if output_format is OutputFormat.JSON:
            from patternlint.reporters import json_report

            json_report.render(result, sys.stdout)
        else:
            from patternlint.reporters import text

            text.render(result, text.make_console(sys.stdout))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours. Point stdout at devnull so
        # the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return code


def _lint_with_progress(paths: list[Path], settings: Settings) -> LintResult:
    """Lint with a progress bar on stderr, shown only once a run turns out to be long."""
    from contextlib import ExitStack

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    from patternlint.engine import lint

    with ExitStack() as stack:
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

        return lint(paths, settings, progress=update)
