"""`patternlint server`: the language server, over stdin and stdout."""

from __future__ import annotations

import typer

from patternlint.cli.stderr import say


def server() -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, quick fixes, navigation, completion and rename over the whole library."""
    import gc

    # The protocol's types are a thousand classes made at import: with the collector on, it
    # walks them again and again as they come (a sixth of the imports). It is turned on once
    # the library is loaded (see session.load).
    gc.disable()
    try:
        from patternlint.server.app import serve
    except ImportError as exc:  # the `server` extra is not installed
        gc.enable()
        say(f"patternlint: error: the language server needs `pygls` ({exc.name} is missing): install `patternlint[server]`")
        raise typer.Exit(2) from None
    serve()
