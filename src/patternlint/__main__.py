"""`python -m patternlint` and the `patternlint` command."""

from __future__ import annotations

import sys


def main() -> None:
    # `patternlint server` (what an editor runs) goes straight to the server: the language
    # server starts faster without importing the command-line framework it does not use.
    if sys.argv[1:] == ["server"]:
        from patternlint.cli import server_cmd

        server_cmd.main()  # ends the process
    from patternlint.cli.app import main as cli

    cli()


if __name__ == "__main__":
    main()
