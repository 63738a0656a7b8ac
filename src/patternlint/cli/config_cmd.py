"""`patternlint config`: the effective settings, and where each came from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def render(resolved: object) -> str:
    """The settings as `key = value  # source` lines, in TOML syntax where it can be."""
    from patternlint.config import Resolved
    from patternlint.model import Severity

    assert isinstance(resolved, Resolved)
    s, sources = resolved.settings, resolved.sources

    def line(key: str, value: str) -> str:
        return f"{key} = {value}  # {sources.get(key, 'default')}"

    def strings(values: object) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"  # type: ignore[attr-defined]

    out = [f"# configuration file: {resolved.config_file or 'none'}"]
    out.append(line("library", f'"{s.library}"' if s.library else '"" (the folder of the checked paths)'))
    out.append(line("include", strings(s.include)))
    out.append(line("exclude", strings(s.exclude)))
    out.append(line("select", strings(r.code for r in s.rules)))
    out.append(line("fail-on", f'"{s.fail_on.label}"'))
    out.append(line("cache-dir", f'"{s.cache_dir}"' if s.cache_dir else '".patternlint_cache" (in the current folder)'))
    changed = {code: level for code, level in s.severities.items()}
    out.append(f"[severity]  # {sources.get('severity', 'default')}")
    for rule in s.rules:
        level = changed.get(rule.code, rule.severity)
        note = "" if rule.code not in changed else "  (changed)"
        out.append(f'{rule.name} = "{Severity(level).label}"{note}')
    out.append(f"[per-file-ignores]  # {sources.get('per-file-ignores', 'default')}")
    for ignore in s.per_file_ignores:
        out.append(f'"{ignore.glob}" = {strings(sorted(ignore.codes))}  # relative to {ignore.base}')
    for rule in s.rules:
        options = s.options(rule)
        if options:
            out.append(f"[rules.{rule.name}]  # {sources.get('rules', 'default')}")
            out.extend(f"{k} = {v!r}" for k, v in options.items())
    return "\n".join(out) + "\n"


def config(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Paths whose configuration to show. Default: `.`")] = None,
    config_file: Annotated[
        Optional[Path], typer.Option("--config", help="Use this configuration file instead of discovering one.")
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")] = False,
) -> None:
    """Show the effective settings and where each one came from."""
    from patternlint.config import ConfigError, Overrides, resolve

    try:
        resolved = resolve(paths or [], Path.cwd(), Overrides(), config_file, isolated)
    except ConfigError as exc:
        typer.echo(f"patternlint: error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(render(resolved), nl=False)
