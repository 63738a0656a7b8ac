"""`patternlint server`: the language server, over stdin and stdout."""

from __future__ import annotations

import typer

from patternlint.cli.stderr import say


def server() -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, quick fixes, navigation, completion and rename over the whole library."""
    try:
        from patternlint.server.app import serve
    except ImportError as exc:  # the `server` extra is not installed
        say(f"patternlint: error: the language server needs `pygls` ({exc.name} is missing): install `patternlint[server]`")
        raise typer.Exit(2) from None
    serve()
