"""`patternlint server`: the language server, over stdin and stdout."""

from __future__ import annotations

from typing import NoReturn


def server() -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, quick fixes, navigation, completion and rename over the whole library."""
    code = run()
    if code:
        import typer

        raise typer.Exit(code)


def run() -> int:
    """Serve until the client says exit; 2 when the `server` extra is missing (said on stderr)."""
    import gc

    # The protocol's types are a thousand classes made at import: with the collector on, it
    # walks them again and again as they come (a sixth of the imports). It is turned on once
    # the library is loaded (see session.load).
    gc.disable()
    try:
        from patternlint.server.app import serve
    except ImportError as exc:  # the `server` extra is not installed
        gc.enable()
        from patternlint.cli.stderr import say

        say(f"patternlint: error: the language server needs `pygls` ({exc.name} is missing): install `patternlint[server]`")
        return 2
    serve()
    return 0


def main() -> NoReturn:
    """`patternlint server` as an editor starts it, without the command-line framework (its
    import is about a twelfth of the server's start-up before the library loads); the process
    ends as `cli.app.main` ends it."""
    import os
    import sys

    code = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # ValueError: the stream is closed
        pass
    os._exit(code)
