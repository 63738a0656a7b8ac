"""`patternlint schema`: print a profile's JSON Schema, for editors and other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from patternlint.cli.stderr import say


def schema(
    profile: Annotated[
        Optional[str], typer.Option(help="A profile name: a built-in one (`patternlint config` lists them) or one from the configuration.")
    ] = None,
    config_file: Annotated[
        Optional[Path], typer.Option("--config", dir_okay=False, help="Read custom profiles from this configuration file.")
    ] = None,
) -> None:
    """Print the JSON Schema of a profile's frontmatter."""
    import json

    from patternlint.config import ConfigError, Overrides, resolve
    from patternlint.schema.loading import Overlay, load_schema

    try:
        resolved = resolve([], Path.cwd(), Overrides(), config_file)
        known = resolved.profiles
        chosen = known.get(profile) if profile else resolved.settings.profile
    except ConfigError as exc:
        say(f"patternlint: error: {exc}")
        raise typer.Exit(2) from None
    if chosen is None:
        say(f"patternlint: error: no profile `{profile}`; profiles: " + ", ".join(f"`{k}`" for k in known))
        raise typer.Exit(2)
    if chosen.routes:  # each file has the schema of the profile it is routed to
        names = ", ".join(f"`{p.name}`" for p in chosen.routes)
        say(f"patternlint: error: profile `{chosen.name}` is a route to {names}; name one of them")
        raise typer.Exit(2)
    if chosen.schema is None:
        say(f"patternlint: error: profile `{chosen.name}` has no frontmatter schema")
        raise typer.Exit(2)
    overlays = tuple(o for o in chosen.schema_overrides if isinstance(o, Overlay))
    if overlays:  # a profile that extends another's schema: the schema it checks against
        sys.stdout.write(json.dumps(load_schema(chosen.schema, overlays), indent=2, ensure_ascii=False) + "\n")
        return
    sys.stdout.write(chosen.schema.read_text(encoding="utf-8"))
