"""The options every command that lints a library takes (`check`, `report`), declared once:
what they mean must not differ between commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from patternlint.service import Selection

DEFAULT_CACHE_DIR = ".patternlint_cache"  # service.DEFAULT_CACHE_DIR: the service is imported only to run

Library = Annotated[
    Optional[Path],
    typer.Option(
        help="The library root, where relationship slugs resolve. Default: the folder of the given paths.",
        file_okay=False,
    ),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
CacheDir = Annotated[
    Optional[Path],
    typer.Option(
        envvar="PATTERNLINT_CACHE_DIR",
        help=f"Where to keep the cache. Default: `{DEFAULT_CACHE_DIR}` in the current folder.",
    ),
]
Jobs = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", min=1, help="Worker processes. Default: one per core for large runs."),
]
Config = Annotated[
    Optional[list[str]],
    typer.Option(
        "--config",
        metavar="FILE|KEY=VALUE",
        help="Use this configuration file instead of discovering one, or override one setting of it "
        "with a TOML `KEY = VALUE` pair (`--config 'fail-on=\"warning\"'`), as in ruff. Repeatable.",
    ),
]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")]
Profile = Annotated[
    Optional[str],
    typer.Option(
        metavar="NAME",
        help="Check every file against this profile (built-in or from the configuration), replacing the configured ones.",
    ),
]
Select = Annotated[
    Optional[list[str]],
    typer.Option(help="Rules to run (codes, prefixes, names or ALL), replacing the configured set. Repeatable."),
]
ExtendSelect = Annotated[
    Optional[list[str]], typer.Option(help="Rules to run in addition to the configured set. Repeatable.")
]
Ignore = Annotated[Optional[list[str]], typer.Option(help="Rules not to run. Repeatable.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")]


def selectors(values: list[str] | None) -> tuple[str, ...]:
    """`--select PL201,PL010` and `--select PL201 --select PL010` mean the same, as in ruff."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def selection(
    config: list[str] | None,
    isolated: bool,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    library: Path | None,
    no_cache: bool,
    cache_dir: Path | None,
    jobs: int | None,
    profile: str | None,
    **more: Any,
) -> Selection:
    """The run's selection from the shared options (and a command's own, in `more`)."""
    from patternlint.config import split_config_arguments
    from patternlint.service import Selection

    config_file, config_pairs = split_config_arguments(config or ())
    return Selection(
        config_file,
        isolated,
        selectors(select) if select else None,
        selectors(extend_select),
        selectors(ignore),
        library=library,
        no_cache=no_cache,
        cache_dir=cache_dir,
        jobs=jobs,
        config_pairs=config_pairs,
        profile=profile,
        **more,
    )
