"""`patternlint`: the Typer application and its entry point."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from patternlint import __version__
from patternlint.cli import check, config_cmd, explain, init_cmd, report_cmd, rules, schema_cmd, server_cmd

app = typer.Typer(
    name="patternlint",
    help="A fast, exact linter for pattern libraries: Markdown patterns with YAML frontmatter.",
    no_args_is_help=True,
    # `--install-completion` and `--show-completion` (bash, zsh, fish, PowerShell), as Typer makes them
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"patternlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """A fast, exact linter for pattern libraries."""


app.command("check")(check.check)
app.command("rules")(rules.rules)
app.command("explain")(explain.explain)
app.command("config")(config_cmd.config)
app.command("init")(init_cmd.init)
app.command("schema")(schema_cmd.schema)
app.command("report")(report_cmd.report)
app.command("server")(server_cmd.server)


def main() -> None:
    """The console script. After the command, the process ends at once: tearing down the
    interpreter would only free, one by one, objects the operating system frees anyway (about
    a tenth of a small run)."""
    import os
    import sys

    code = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # ValueError: the stream is closed (`server` at exit)
        pass
    os._exit(code)
