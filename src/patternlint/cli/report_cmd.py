"""`patternlint report`: lint as `check` does, and write the library's health report, one
self-contained HTML file. Exits 0 when the report is written (findings are its content, not a
failure), 2 on a usage, configuration or internal error."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from patternlint.cli import options
from patternlint.cli.stderr import fail, say

DEFAULT_OUTPUT = Path("patternlint-report.html")


def report(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files and folders to report on (folders are searched for *.md, and *.org for an Org profile). Default: `.`"),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", dir_okay=False, help="Where to write the HTML report."),
    ] = DEFAULT_OUTPUT,
    baseline: Annotated[
        Optional[Path],
        typer.Option(dir_okay=False, help="Show which findings are new against this baseline file, and which it lists are fixed."),
    ] = None,
    library: options.Library = None,
    config: options.Config = None,
    isolated: options.Isolated = False,
    profile: options.Profile = None,
    select: options.Select = None,
    extend_select: options.ExtendSelect = None,
    ignore: options.Ignore = None,
    no_cache: options.NoCache = False,
    cache_dir: options.CacheDir = None,
    jobs: options.Jobs = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing when the report is written.")] = False,
    verbose: options.Verbose = False,
) -> None:
    """Write the library's health report: an HTML page with the overview and systemic causes,
    the relationship graph, the distributions and every file's findings."""
    import gc

    try:
        from patternlint.report.run import write
        from patternlint.service import CheckRequest, Gate

        request = CheckRequest(
            tuple(paths or ()),
            Path.cwd(),
            options.selection(
                config, isolated, select, extend_select, ignore, library, no_cache, cache_dir, jobs, profile
            ),
            Gate(baseline=baseline),
        )
        gc.disable()  # as `check` does: many small acyclic objects, nothing for the collector
        written = write(request, output)
    except Exception as exc:  # the CLI is the one place that turns any failure into exit 2
        fail(exc, verbose)
    if not quiet:
        data = written.report
        files, findings = len(data.nodes), len(data.findings)
        say(
            f"wrote the health report `{written.output}`: {files} file{'s' if files != 1 else ''}, "
            f"{len(data.edges)} links, {findings} finding{'s' if findings != 1 else ''} ({written.size // 1024} KiB)"
        )
