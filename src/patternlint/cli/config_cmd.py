"""`patternlint config`: the effective settings, and where each came from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from patternlint.cli.stderr import say


def render(resolved: object) -> str:
    """The settings as `key = value  # source` lines, in TOML syntax where it can be."""
    from patternlint.config import INLINE, Resolved
    from patternlint.model import Severity
    from patternlint.options import show, values

    assert isinstance(resolved, Resolved)
    s, sources = resolved.settings, resolved.sources

    def line(key: str, value: str) -> str:
        return f"{key} = {value}  # {sources.get(key, 'default')}"

    def strings(values: object) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"  # type: ignore[attr-defined]

    out = [f"# configuration file: {resolved.config_file or 'none'}"]
    if len(resolved.chain) > 1:
        out.append("# extend chain: " + " → ".join(str(p) for p in resolved.chain))
    out.append(line("library", f'"{s.library}"' if s.library else '"" (the folder of the checked paths)'))
    out.append(line("include", strings(s.include)))
    out.append(line("exclude", strings(s.exclude)))
    out.append(line("respect-gitignore", "true" if s.respect_gitignore else "false"))
    out.append(f'profile = "{s.profile.name}"  # {sources.get("profile", "default")}')
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
    out.append(f"[per-file-profiles]  # {sources.get('per-file-profiles', 'default')}")
    for glob, base, profile in s.per_file_profiles:
        names = ", ".join(f'"{p.name}"' for p in profile.routes) if profile.routes else None
        out.append(f'"{glob}" = {f"[{names}]" if names else chr(34) + profile.name + chr(34)}  # relative to {base}')
    for rule in s.rules:
        if rule.options is not None:
            origin = "default"
            if rule.code in s.rule_options:
                # Its table may be split over the chain, by code in one file and by name in another:
                # every file that has a part, base first.
                found = {p for k in (rule.code, rule.name) for p in sources.get(f"rules.{k}", "").split(", ") if p}
                order = [*map(str, reversed(resolved.chain)), INLINE]
                origin = ", ".join(sorted(found, key=lambda p: order.index(p) if p in order else 0)) or "default"
            out.append(f"[rules.{rule.name}]  # {origin}")
            out.extend(f"{k} = {show(v)}" for k, v in values(s.options(rule)).items())
    return "\n".join(out) + "\n"


def config(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Paths whose configuration to show. Default: `.`")] = None,
    config_file: Annotated[
        Optional[list[str]],
        typer.Option(
            "--config",
            metavar="FILE|KEY=VALUE",
            help="Use this configuration file instead of discovering one, or override one setting "
            "(`--config 'fail-on=\"warning\"'`). Repeatable.",
        ),
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")] = False,
) -> None:
    """Show the effective settings and where each one came from."""
    from patternlint.config import ConfigError, Overrides, resolve, split_config_arguments

    try:
        file, pairs = split_config_arguments(config_file or ())
        resolved = resolve(paths or [], Path.cwd(), Overrides(config_pairs=pairs), file, isolated)
    except ConfigError as exc:
        say(f"patternlint: error: {exc}")
        raise typer.Exit(2) from None
    typer.echo(render(resolved), nl=False)
