"""Configuration files, the way ruff users know them.

Discovery: from the checked paths upwards, the closest folder with `.patternlint.toml`,
`patternlint.toml`, or a `pyproject.toml` that has a `[tool.patternlint]` table (in that order
of precedence within one folder). `extend = "…"` inherits from another file; relative paths in a
file resolve against that file's folder. Command-line flags override files. Bad configuration
never half-works: every problem is a ConfigError naming the file, the key and what is allowed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar, cast

from patternlint.frozen import frozen
from patternlint.model import Rule, Severity
from patternlint.rules import Entry
from patternlint.rules import load as load_rules
from patternlint.options import OptionError
from patternlint.options import parse as parse_options
from patternlint.contract import CONTRACTS_DIR as CONTRACTS_DIR  # re-exported: the configuration's names
from patternlint.contract import ConfigError as ConfigError
from patternlint.contract import built_in as built_in
from patternlint.contract import (
    _define,
    _kind,
    _profile,
    _string,
    _strings,
    _toml,
)
from patternlint.profiles import DEFAULT_NAME, Format, Profile, route_of
from patternlint.settings import DEFAULT_EXCLUDE, PerFileIgnore, Settings
from patternlint.schema import Overrides as SchemaOverrides
from patternlint.suggest import did_you_mean

_T = TypeVar("_T")

CONFIG_NAMES = (".patternlint.toml", "patternlint.toml", "pyproject.toml")
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


# ---------------------------------------------------------------------------------------------
# Value checkers: each returns the validated value or raises ValueError with what is allowed.


def _table_of_strings(value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table of glob = [codes], got {_kind(value)}")
    return {str(k): _strings(v) for k, v in value.items()}


def _severity_table(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table of rule = level, got {_kind(value)}")
    out = {}
    for key, level in value.items():
        if level not in SEVERITIES:
            raise ValueError(f"`{key}` is `{level}`; expected one of `error`, `warning`, `info`")
        out[str(key)] = str(level)
    return out


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_kind(value)}")
    return value


def _fail_on(value: object) -> str:
    if value not in ("error", "warning"):
        raise ValueError(f"expected `error` or `warning`, got `{value}`")
    return str(value)


def _rule_tables(value: object) -> dict[str, dict[str, object]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("expected a table of rule tables, like `[tool.patternlint.rules.<code or name>]`")
    return {str(k): dict(v) for k, v in value.items()}


def _profile_tables(value: object) -> dict[str, dict[str, object]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("expected a table of profile tables, like `[tool.patternlint.profiles.my-language]`")
    return {str(k): dict(v) for k, v in value.items()}


def _string_table(value: object) -> dict[str, str | tuple[str, ...]]:
    if not isinstance(value, dict) or not all(isinstance(v, (str, list)) for v in value.values()):
        raise ValueError(f"expected a table of glob = \"profile\" or [\"profile\", …], got {_kind(value)}")
    return {str(k): _route(v) for k, v in value.items()}


def _route(value: object) -> str | tuple[str, ...]:
    """A profile name, or the names of a route: a file goes to the first profile that takes it."""
    if isinstance(value, str):
        return value
    names = _strings(value)
    if not names:
        raise ValueError("expected a profile name or a list of profile names, got an empty list")
    return names


def _positive_int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"expected a whole number of at least 1, got `{value}`")
    return value


# libyaml releases from 0.2.6 refuse to nest deeper than 1,000 levels on their own; a limit below
# that keeps our limit finding, not a parse error, the answer for every depth.
MAX_NESTING_DEPTH = 500


def _nesting_depth(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_NESTING_DEPTH:
        raise ValueError(f"expected a whole number from 1 to {MAX_NESTING_DEPTH}, got `{value}`")
    return value


KEYS: dict[str, Callable[[object], object]] = {
    "extend": _string,
    "library": _string,
    "cache-dir": _string,
    "include": _strings,
    "exclude": _strings,
    "extend-exclude": _strings,
    "respect-gitignore": _boolean,
    "select": _strings,
    "extend-select": _strings,
    "ignore": _strings,
    "per-file-ignores": _table_of_strings,
    "severity": _severity_table,
    "fail-on": _fail_on,
    "rules": _rule_tables,
    "profile": _route,
    "max-file-size": _positive_int,
    "max-nesting-depth": _nesting_depth,
    "max-alias-expansion": _positive_int,
    "per-file-profiles": _string_table,
    "profiles": _profile_tables,
}
PATH_KEYS = ("extend", "library", "cache-dir")


# Where `--config KEY=VALUE` values come from, as `patternlint config` shows it.
INLINE = "command line (--config)"


@frozen
class Layer:
    """One configuration file's validated values (paths made absolute); or, `inline`, the
    `--config KEY=VALUE` pairs of the command line (paths relative to the working directory)."""

    path: Path
    values: Mapping[str, object]
    inline: bool = False

    @property
    def source(self) -> str:
        return INLINE if self.inline else str(self.path)


# ---------------------------------------------------------------------------------------------
# Discovery and reading


def discover(start: Path) -> Path | None:
    """The closest configuration file at or above `start`."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        tool = _toml(pyproject).get("tool", {})
        return isinstance(tool, dict) and "patternlint" in tool
    except ConfigError:
        return True  # a broken pyproject.toml that may hold our table: report it, don't skip it


def read(path: Path, _chain: tuple[Path, ...] = ()) -> list[Layer]:
    """`path` and everything it extends, base first."""
    path = Path(os.path.normpath(path.absolute()))
    if path in _chain:
        cycle = " → ".join(str(p) for p in (*_chain, path))
        raise ConfigError(f"{path}: `extend` forms a cycle: {cycle}")
    document = _toml(path)
    if path.name == "pyproject.toml":
        table = document.get("tool", {})
        table = table.get("patternlint", {}) if isinstance(table, dict) else {}
        where = "[tool.patternlint]"
    else:
        table, where = document, "top level"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: `tool.patternlint` must be a table")
    values = _validated(table, str(path), where, path.parent)
    layers: list[Layer] = []
    if "extend" in values:
        base = Path(str(values["extend"]))
        if not base.is_file():
            raise ConfigError(f"{path}: `extend`: `{base}` does not exist")
        layers.extend(read(base, (*_chain, path)))
    layers.append(Layer(path, values))
    return layers


def _validated(table: Mapping[str, object], source: str, where: str, base: Path) -> dict[str, object]:
    """A table's keys checked (see KEYS); relative paths made absolute against `base`."""
    values: dict[str, object] = {}
    for key, raw in table.items():
        check = KEYS.get(key)
        if check is None:
            allowed = did_you_mean(key, KEYS) or "allowed keys: " + ", ".join(f"`{k}`" for k in KEYS)
            raise ConfigError(f"{source}: unknown key `{key}` ({where}); {allowed}")
        try:
            value = check(raw)
        except ValueError as exc:
            raise ConfigError(f"{source}: `{key}`: {exc}") from None
        if key in PATH_KEYS:
            value = os.path.normpath(base / str(value))
        values[key] = value
    return values


def split_config_arguments(values: Sequence[str]) -> tuple[Path | None, tuple[str, ...]]:
    """`--config`, as in ruff: a configuration file, or a TOML `KEY = VALUE` pair that overrides
    one setting of every file. At most one file; any number of pairs."""
    files: list[Path] = []
    pairs: list[str] = []
    for value in values:
        if "=" in value and not os.path.isfile(value):
            pairs.append(value)
        else:
            files.append(Path(value))
    if len(files) > 1:
        raise ConfigError(f"`--config` names {len(files)} configuration files; give at most one (and any KEY=VALUE pairs)")
    return (files[0] if files else None), tuple(pairs)


def inline_layer(pairs: Sequence[str], cwd: Path) -> Layer:
    """The `--config KEY=VALUE` pairs as one layer above every file, later pairs winning."""
    values: dict[str, object] = {}
    for pair in pairs:
        try:
            table = tomllib.loads(pair)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"--config `{pair}` is neither a configuration file nor a TOML `KEY = VALUE` pair ({exc})"
            ) from None
        for key, value in _validated(table, f"--config `{pair}`", "command line", cwd).items():
            if key == "rules":
                merged = dict(_tables(values, "rules"))
                for name, options in _tables({"rules": value}, "rules").items():
                    merged[name] = {**merged.get(name, {}), **options}
                value = merged
            values[key] = value
    return Layer(cwd / "--config", values, inline=True)


def parse_per_file_ignores(values: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """`--per-file-ignores GLOB:CODE`, as in ruff: comma-separated pairs, repeatable; codes
    for one glob add up."""
    table: dict[str, tuple[str, ...]] = {}
    for value in values:
        for pair in value.split(","):
            glob, colon, code = pair.strip().rpartition(":")
            if not colon or not glob or not code.strip():
                raise ConfigError(f"--per-file-ignores `{pair.strip()}`: expected `GLOB:CODE`, a glob and a rule selector")
            table[glob] = (*table.get(glob, ()), code.strip())
    return table


# ---------------------------------------------------------------------------------------------
# Selecting rules


def select(selectors: Iterable[str], rules: Sequence[Entry], where: str) -> set[str]:
    """Codes chosen by selectors: `ALL`, a code (`PL201`), a code prefix (`PL2`), or a name."""
    chosen: set[str] = set()
    for selector in selectors:
        if selector.upper() == "ALL":
            chosen.update(r.code for r in rules)
            continue
        matched = [
            r.code
            for r in rules
            if r.name == selector.lower() or r.code.startswith(selector.upper())
        ]
        if not matched:
            names = [r.code for r in rules] + [r.name for r in rules]
            hint = did_you_mean(selector, names) or "see `patternlint rules`"
            raise ConfigError(f"{where}: no rule matches `{selector}`; {hint}")
        chosen.update(matched)
    return chosen


@dataclass
class Overrides:
    """What the command line says; None means "not given"."""

    library: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    force_exclude: bool = False
    sources: dict[str, str] = field(default_factory=dict)
    config_pairs: tuple[str, ...] = ()  # `--config KEY=VALUE`
    # `--per-file-ignores` (replaces the configured table) and `--extend-per-file-ignores`,
    # as `GLOB:CODE` pairs with globs relative to the working directory
    per_file_ignores: tuple[str, ...] | None = None
    extend_per_file_ignores: tuple[str, ...] = ()
    profile: str | None = None


@frozen
class Resolved:
    settings: Settings
    sources: Mapping[str, str]  # setting → where its value came from
    config_file: Path | None
    profiles: Mapping[str, Profile] = field(default_factory=lambda: dict(built_in()))
    chain: tuple[Path, ...] = ()  # the configuration file, then what it extends, in turn


def resolve(
    paths: Sequence[Path],
    cwd: Path,
    overrides: Overrides,
    config: Path | None = None,
    isolated: bool = False,
) -> Resolved:
    from patternlint.rules import TABLE  # looked up when called: tests narrow the registry

    if isolated:
        layers: list[Layer] = []
        found = None
    else:
        found = config.absolute() if config else discover(_anchor(paths, cwd))
        if config is not None and not config.is_file():
            raise ConfigError(f"{config}: configuration file does not exist")
        layers = read(found) if found else []
    chain = tuple(reversed([layer.path for layer in layers]))
    config_dir = layers[-1].path.parent if layers else cwd
    if overrides.config_pairs:
        layers.append(inline_layer(overrides.config_pairs, cwd))

    merged: dict[str, object] = {}
    sources: dict[str, str] = {}
    for layer in layers:
        for key, value in layer.values.items():
            if key == "rules":  # rule options merge per rule; every other key replaces
                combined = dict(_tables(merged, "rules"))
                for name, options in _tables(layer.values, "rules").items():
                    combined[name] = {**combined.get(name, {}), **options}
                    sources[f"rules.{name}"] = _joined(sources.get(f"rules.{name}"), layer.source)
                value = combined
            merged[key] = value
            sources[key] = layer.source

    def where(key: str) -> str:
        return f"{sources.get(key, 'default')}: `{key}`"

    codes = {e.code for e in TABLE if e.default}
    # Every source the selected set owes something to, in the order they apply.
    chosen_by = ["default"]
    if overrides.select is not None:
        codes = select(overrides.select, TABLE, "--select")
        chosen_by = ["command line"]
    elif "select" in merged:
        codes = select(_strs(merged, "select"), TABLE, where("select"))
        chosen_by = [sources["select"] + (" (select)" if sources["select"] == INLINE else "")]
    codes |= select(_strs(merged, "extend-select"), TABLE, where("extend-select"))
    codes |= select(overrides.extend_select, TABLE, "--extend-select")
    codes -= select(_strs(merged, "ignore"), TABLE, where("ignore"))
    codes -= select(overrides.ignore, TABLE, "--ignore")
    for key, given in (("extend-select", overrides.extend_select), ("ignore", overrides.ignore)):
        if key in merged:
            chosen_by.append(f"{sources[key]} ({key})")
        if given:
            chosen_by.append(f"command line (--{key})")
    sources["select"] = ", ".join(chosen_by)

    severities: dict[str, Severity] = {}
    for selector, level in cast("dict[str, str]", merged.get("severity", {})).items():
        for code in select([selector], TABLE, where("severity")):
            severities[code] = SEVERITIES[level]

    # Tables merge per rule, whichever selector names it (the code in a base file, the name
    # in the file that extends it); each table is checked
    # on its own first, so that an error names the table that has it.
    tables: dict[str, dict[str, object]] = {}
    origin = sources.get("rules", "default")
    for selector, options in _tables(merged, "rules").items():
        matching = select([selector], TABLE, f"{origin}: `rules.{selector}`")
        for entry in TABLE:
            if entry.code in matching:
                _rule_options(entry.load(), options, origin, selector)
                tables[entry.code] = {**tables.get(entry.code, {}), **options}
    # Only the rules a table names are imported: a run that configures none reads no rule module.
    configured = load_rules(e.code for e in TABLE if e.code in tables)
    rule_options: dict[str, object] = {}
    for rule in configured:
        if rule.options is not None:
            rule_options[rule.code] = _rule_options(rule, tables[rule.code], origin, rule.name)

    ignores_base = cwd if sources.get("per-file-ignores") == INLINE else config_dir
    configured_ignores = cast("dict[str, tuple[str, ...]]", merged.get("per-file-ignores", {}))
    per_file = tuple(
        PerFileIgnore(glob, str(ignores_base), frozenset(select(chosen, TABLE, where("per-file-ignores"))))
        for glob, chosen in configured_ignores.items()
    )
    if overrides.per_file_ignores is not None:
        per_file = ()
        sources["per-file-ignores"] = "command line (--per-file-ignores)"
    for flag, pairs in (("--per-file-ignores", overrides.per_file_ignores or ()), ("--extend-per-file-ignores", overrides.extend_per_file_ignores)):
        for glob, chosen in parse_per_file_ignores(pairs).items():
            per_file += (PerFileIgnore(glob, str(cwd), frozenset(select(chosen, TABLE, flag))),)
    if overrides.extend_per_file_ignores:
        sources["per-file-ignores"] = _joined(sources.get("per-file-ignores"), "command line (--extend-per-file-ignores)")
    library = overrides.library or (Path(str(merged["library"])) if "library" in merged else None)
    if overrides.library is not None:
        sources["library"] = "command line"
    elif library is not None and sources["library"] != INLINE:  # the command line may name any folder
        _inside_project(library, Path(sources["library"]).parent, where("library"))
    fail_on = overrides.fail_on or str(merged.get("fail-on", "error"))
    if overrides.fail_on is not None:
        sources["fail-on"] = "command line"
    exclude = _strs(merged, "exclude", DEFAULT_EXCLUDE) + _strs(merged, "extend-exclude")
    schema_overrides = _schema_overrides(configured, rule_options)
    known = {
        name: replace(profile, schema_overrides=(*profile.schema_overrides, *schema_overrides))
        if schema_overrides and profile.schema
        else profile
        for name, profile in profiles_from(merged, sources).items()
    }
    default_profile = _routed(cast("str | tuple[str, ...]", merged.get("profile", DEFAULT_NAME)), known, where("profile"))
    per_file_profiles = tuple(
        (glob, str(config_dir), _routed(names, known, where("per-file-profiles")))
        for glob, names in cast("dict[str, str | tuple[str, ...]]", merged.get("per-file-profiles", {})).items()
    )
    if overrides.profile is not None:  # one profile for every file
        default_profile, per_file_profiles = _profile(overrides.profile, known, "--profile"), ()
        sources["profile"] = "command line"
    settings = Settings(
        codes=tuple(e.code for e in TABLE if e.code in codes),
        profile=default_profile,
        per_file_profiles=per_file_profiles,
        severities=severities,
        rule_options=rule_options,
        library=library,
        include=_strs(merged, "include", default_include((default_profile, *(p for _, _, p in per_file_profiles)))),
        exclude=exclude,
        filter_root=config_dir,
        force_exclude=overrides.force_exclude,
        respect_gitignore=cast(bool, merged.get("respect-gitignore", True)),
        per_file_ignores=per_file,
        fail_on=SEVERITIES[fail_on],
        max_file_size=cast(int, merged.get("max-file-size", Settings.max_file_size)),
        max_nesting_depth=cast(int, merged.get("max-nesting-depth", Settings.max_nesting_depth)),
        max_alias_expansion=cast(int, merged.get("max-alias-expansion", Settings.max_alias_expansion)),
        cache_dir=Path(str(merged["cache-dir"])) if "cache-dir" in merged else None,
    )
    if "extend-exclude" in merged:
        sources["exclude"] = _joined(sources.get("exclude", "default"), f"{sources['extend-exclude']} (extend-exclude)")
    sources.update(overrides.sources)
    return Resolved(settings, sources, found, known, chain)


def _joined(before: str | None, source: str) -> str:
    """Sources of a value made of several, each once, in order."""
    parts = before.split(", ") if before else []
    return ", ".join(dict.fromkeys([*parts, source]))


def profiles_from(merged: Mapping[str, object], sources: Mapping[str, str]) -> dict[str, Profile]:
    """The built-in profiles and the configuration's own."""
    known = dict(built_in())
    origin = sources.get("profiles", "default")
    base = Path(origin).parent if origin not in ("default", INLINE) else Path.cwd()
    tables = _tables(merged, "profiles")
    for name in tables:
        if name in built_in():
            raise ConfigError(f"{origin}: `profiles.{name}`: `{name}` is a built-in profile; choose another name")

    return _define({name: (table, f"{origin}: `profiles.{name}`") for name, table in tables.items()}, known, base)


def _schema_overrides(rules: Sequence[Rule[Any]], configured: Mapping[str, object]) -> SchemaOverrides:
    """What the configured options that change the schema's contract say, in rule order."""
    return tuple(
        override
        for rule in rules
        if rule.schema_overrides is not None
        and rule.options is not None
        and rule.code in configured
        and configured[rule.code] != rule.options()
        for override in rule.schema_overrides(configured[rule.code])
    )


def _routed(names: str | tuple[str, ...], known: Mapping[str, Profile], where: str) -> Profile:
    if isinstance(names, str):
        return _profile(names, known, where)
    return route_of(tuple(_profile(name, known, where) for name in names))


def _strs(values: Mapping[str, object], key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A validated list-of-strings key (see KEYS)."""
    return cast("tuple[str, ...]", values.get(key, default))


def _tables(values: Mapping[str, object], key: str) -> dict[str, dict[str, object]]:
    return cast("dict[str, dict[str, object]]", values.get(key, {}))


def _inside_project(library: Path, project: Path, where: str) -> None:
    """The library root is where the symbolic-link guard draws its line (reading.read): a
    configuration, which comes with the pull request, may not draw it outside its own folder
    (`/proc/self` would let a link to `/proc/self/environ` through). Links are resolved first."""
    if not library.resolve().is_relative_to(project.resolve()):
        raise ConfigError(
            f"{where} is `{library}`, outside the project `{project}`; a configuration may only name "
            "a library inside its own folder (use `--library` on the command line for another)"
        )


def _anchor(paths: Sequence[Path], cwd: Path) -> Path:
    if not paths:
        return cwd
    absolute = [(cwd / p).absolute() for p in paths]
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute]))


def _rule_options(rule: Rule[Any], table: Mapping[str, object], origin: str, selector: str) -> object:
    """The rule's options dataclass, read from its table `[rules.SELECTOR]` and checked (see
    patternlint.options); an error names one path to the value: `rules.section-length.ranges.Context`."""
    if rule.options is None:
        key = next(iter(table), None)
        if key is None:
            return None
        raise ConfigError(f"{origin}: `rules.{selector}`: `{rule.name}` has no option `{key}`; it takes no options")
    try:
        return parse_options(rule.options, table, rule.name)
    except OptionError as exc:
        if exc.key:
            raise ConfigError(f"{origin}: `rules.{selector}.{exc.key}` {exc.problem}") from None
        raise ConfigError(f"{origin}: `rules.{selector}`: {exc.problem}") from None


# The files a folder is searched for when `include` is not configured: those of the forms the
# profiles in use read (an Org contract's files are `*.org`).
_FORM_GLOBS = {Format.MARKDOWN: "*.md", Format.ORG: "*.org"}


def default_include(profiles: Iterable[Profile]) -> tuple[str, ...]:
    """`include` when the configuration gives none: the files of every profile a file may be
    routed to, Markdown first."""
    formats = {p.format for profile in profiles for p in profile.reachable()}
    return tuple(glob for form, glob in _FORM_GLOBS.items() if form in formats) or ("*.md",)
