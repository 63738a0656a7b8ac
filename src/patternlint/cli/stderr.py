"""The one way the command line writes to stderr.

Messages carry text from the pull request (file names, configuration keys and values, error
text that quotes them). Each line is made visible (see reporters.escape) before it is written,
so none of it can end a line and start another: a line of its own could begin a GitHub workflow
command (`::error::…`, `::stop-commands::…`) or move a terminal's cursor.
"""

from __future__ import annotations

import typer

from patternlint.reporters.escape import visible


def say(*lines: str) -> None:
    """Each argument is one line on stderr, whatever it contains."""
    typer.echo("\n".join(visible(line) for line in lines), err=True)
