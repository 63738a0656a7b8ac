"""The one way the command line writes to stderr.

Messages carry text from the pull request (file names, configuration keys and values, error
text that quotes them). Each line is made visible (see reporters.escape) before it is written,
so none of it can end a line and start another: a line of its own could begin a GitHub workflow
command (`::error::…`, `::stop-commands::…`) or move a terminal's cursor.
"""

from __future__ import annotations

import traceback
from typing import NoReturn

import typer

from patternlint.reporters.escape import visible


def say(*lines: str) -> None:
    """Each argument is one line on stderr, whatever it contains."""
    typer.echo("\n".join(visible(line) for line in lines), err=True)


EXIT_ERROR = 2


def fail(exc: Exception, verbose: bool) -> NoReturn:
    """End the command on `exc` with exit status 2: one line for a usage or configuration
    error, the error's type and text (and with `verbose` its traceback) for anything else. The
    CLI is the one place where a failure becomes a message and an exit code."""
    from patternlint.config import ConfigError
    from patternlint.fixer import FixError
    from patternlint.result import UsageError

    if isinstance(exc, (UsageError, ConfigError, FixError)):
        say(f"patternlint: error: {exc}")
    else:
        say(f"patternlint: internal error: {type(exc).__name__}: {exc}")
        if verbose:
            traceback.print_exc()
        else:
            say("Run again with --verbose to see the traceback.")
    raise typer.Exit(EXIT_ERROR) from None
