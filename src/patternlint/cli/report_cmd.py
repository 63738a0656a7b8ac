"""`patternlint report`: lint as `check` does, and write the library's health report, one
self-contained HTML file. Exits 0 when the report is written (findings are its content, not a
failure), 2 on a usage, configuration or internal error."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from patternlint.cli.stderr import say

EXIT_ERROR = 2
DEFAULT_OUTPUT = Path("patternlint-report.html")


def report(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files and folders to report on (folders are searched for *.md). Default: `.`"),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", dir_okay=False, help="Where to write the HTML report."),
    ] = DEFAULT_OUTPUT,
    baseline: Annotated[
        Optional[Path],
        typer.Option(dir_okay=False, help="Show which findings are new against this baseline file, and which it lists are fixed."),
    ] = None,
    library: Annotated[
        Optional[Path],
        typer.Option(help="The library root, where relationship slugs resolve. Default: the folder of the given paths.", file_okay=False),
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
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_dir: Annotated[
        Optional[Path],
        typer.Option(envvar="PATTERNLINT_CACHE_DIR", help="Where to keep the cache. Default: `.patternlint_cache`."),
    ] = None,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, help="Worker processes. Default: one per core for large runs."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing when the report is written.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Write the library's health report: an HTML page with the overview and systemic causes,
    the relationship graph, the distributions and every file's findings."""
    import gc

    from patternlint.cli.check import _selectors

    try:
        from patternlint.report.run import write
        from patternlint.service import CheckRequest, Gate, Selection

        request = CheckRequest(
            tuple(paths or ()),
            Path.cwd(),
            Selection(
                config,
                isolated,
                _selectors(select) if select else None,
                _selectors(extend_select),
                _selectors(ignore),
                library=library,
                no_cache=no_cache,
                cache_dir=cache_dir,
                jobs=jobs,
            ),
            Gate(baseline=baseline),
        )
        gc.disable()  # as `check` does: many small acyclic objects, nothing for the collector
        written = write(request, output)
    except Exception as exc:  # the CLI is the one place that turns any failure into exit 2
        from patternlint.config import ConfigError
        from patternlint.result import UsageError

        if isinstance(exc, (UsageError, ConfigError)):
            say(f"patternlint: error: {exc}")
        else:
            say(f"patternlint: internal error: {type(exc).__name__}: {exc}")
            if verbose:
                traceback.print_exc()
            else:
                say("Run again with --verbose to see the traceback.")
        raise typer.Exit(EXIT_ERROR) from None
    if not quiet:
        data = written.report
        files, findings = len(data.nodes), len(data.findings)
        say(
            f"wrote the health report `{written.output}`: {files} file{'s' if files != 1 else ''}, "
            f"{len(data.edges)} links, {findings} finding{'s' if findings != 1 else ''} ({written.size // 1024} KiB)"
        )
