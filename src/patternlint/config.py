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
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar, cast

from patternlint.model import Rule, Severity
from patternlint.options import OptionError
from patternlint.options import parse as parse_options
from patternlint.links import BODY_FORMS, TARGET_KINDS, Contradiction, General, LinkField, Links
from patternlint.profiles import BUILT_IN, Format, Layout, Profile, When, route_of
from patternlint.profiles import DEFAULT as DEFAULT_PROFILE
from patternlint.sections import Form, Section, SectionSpec
from patternlint.settings import DEFAULT_EXCLUDE, PerFileIgnore, Settings
from patternlint.schema import Overrides as SchemaOverrides
from patternlint.schema.loading import Overlay, OverlayError, load_schema
from patternlint.suggest import did_you_mean

_T = TypeVar("_T")

CONFIG_NAMES = (".patternlint.toml", "patternlint.toml", "pyproject.toml")
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class ConfigError(Exception):
    """A configuration problem: the CLI prints it on one line and exits 2."""


# ---------------------------------------------------------------------------------------------
# Value checkers: each returns the validated value or raises ValueError with what is allowed.


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_kind(value)}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings, got {_kind(value)}")
    return tuple(value)


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


@dataclass(frozen=True)
class Layer:
    """One configuration file's validated values (paths made absolute); or, `inline`, the
    `--config KEY=VALUE` pairs of the command line (paths relative to the working directory)."""

    path: Path
    values: Mapping[str, object]
    inline: bool = False

    @property
    def source(self) -> str:
        return INLINE if self.inline else str(self.path)


def _kind(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


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


def _toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


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


def select(selectors: Iterable[str], rules: Sequence[Rule[Any]], where: str) -> set[str]:
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


CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"


@lru_cache(maxsize=1)
def built_in() -> Mapping[str, Profile]:
    """The built-in profiles: those of `profiles.BUILT_IN`, and the contracts shipped as data
    (`contracts/NAME.toml`), each read as a configuration's `[profiles.NAME]` table is."""
    known = dict(BUILT_IN)
    for path in sorted(CONTRACTS_DIR.glob("*.toml")):
        # Their paths are the package's (`schemas/…`), and so are their schemas: shipped, trusted.
        known[path.stem] = _custom_profile(path.stem, _toml(path), CONTRACTS_DIR.parent, f"{path}", known, shipped=True)
    first = ("commons-v7", "commons-v1", "peeragogy")  # listed first, as the README does
    return {**{name: known[name] for name in first if name in known}, **known}


@dataclass(frozen=True)
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
    from patternlint.rules import RULES

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

    codes = {r.code for r in RULES if r.enabled_by_default}
    # Every source the selected set owes something to, in the order they apply.
    chosen_by = ["default"]
    if overrides.select is not None:
        codes = select(overrides.select, RULES, "--select")
        chosen_by = ["command line"]
    elif "select" in merged:
        codes = select(_strs(merged, "select"), RULES, where("select"))
        chosen_by = [sources["select"] + (" (select)" if sources["select"] == INLINE else "")]
    codes |= select(_strs(merged, "extend-select"), RULES, where("extend-select"))
    codes |= select(overrides.extend_select, RULES, "--extend-select")
    codes -= select(_strs(merged, "ignore"), RULES, where("ignore"))
    codes -= select(overrides.ignore, RULES, "--ignore")
    for key, given in (("extend-select", overrides.extend_select), ("ignore", overrides.ignore)):
        if key in merged:
            chosen_by.append(f"{sources[key]} ({key})")
        if given:
            chosen_by.append(f"command line (--{key})")
    sources["select"] = ", ".join(chosen_by)

    severities: dict[str, Severity] = {}
    for selector, level in cast("dict[str, str]", merged.get("severity", {})).items():
        for code in select([selector], RULES, where("severity")):
            severities[code] = SEVERITIES[level]

    # Tables merge per rule, whichever selector names it (the code in a base file, the name
    # in the file that extends it); each table is checked
    # on its own first, so that an error names the table that has it.
    tables: dict[str, dict[str, object]] = {}
    origin = sources.get("rules", "default")
    for selector, options in _tables(merged, "rules").items():
        matching = select([selector], RULES, f"{origin}: `rules.{selector}`")
        for rule in RULES:
            if rule.code in matching:
                _rule_options(rule, options, origin, selector)
                tables[rule.code] = {**tables.get(rule.code, {}), **options}
    rule_options: dict[str, object] = {}
    for rule in RULES:
        if rule.code in tables and rule.options is not None:
            rule_options[rule.code] = _rule_options(rule, tables[rule.code], origin, rule.name)

    ignores_base = cwd if sources.get("per-file-ignores") == INLINE else config_dir
    configured_ignores = cast("dict[str, tuple[str, ...]]", merged.get("per-file-ignores", {}))
    per_file = tuple(
        PerFileIgnore(glob, str(ignores_base), frozenset(select(chosen, RULES, where("per-file-ignores"))))
        for glob, chosen in configured_ignores.items()
    )
    if overrides.per_file_ignores is not None:
        per_file = ()
        sources["per-file-ignores"] = "command line (--per-file-ignores)"
    for flag, pairs in (("--per-file-ignores", overrides.per_file_ignores or ()), ("--extend-per-file-ignores", overrides.extend_per_file_ignores)):
        for glob, chosen in parse_per_file_ignores(pairs).items():
            per_file += (PerFileIgnore(glob, str(cwd), frozenset(select(chosen, RULES, flag))),)
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
    schema_overrides = _schema_overrides(RULES, rule_options)
    known = {
        name: replace(profile, schema_overrides=(*profile.schema_overrides, *schema_overrides))
        if schema_overrides and profile.schema
        else profile
        for name, profile in profiles_from(merged, sources).items()
    }
    default_profile = _routed(cast("str | tuple[str, ...]", merged.get("profile", DEFAULT_PROFILE.name)), known, where("profile"))
    per_file_profiles = tuple(
        (glob, str(config_dir), _routed(names, known, where("per-file-profiles")))
        for glob, names in cast("dict[str, str | tuple[str, ...]]", merged.get("per-file-profiles", {})).items()
    )
    if overrides.profile is not None:  # one profile for every file
        default_profile, per_file_profiles = _profile(overrides.profile, known, "--profile"), ()
        sources["profile"] = "command line"
    settings = Settings(
        rules=tuple(r for r in RULES if r.code in codes),
        profile=default_profile,
        per_file_profiles=per_file_profiles,
        severities=severities,
        rule_options=rule_options,
        library=library,
        include=_strs(merged, "include", ("*.md",)),
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


PROFILE_KEYS = (
    "extends",
    "description",
    "schema",
    "schema-overlay",
    "optional-keys",
    "enum-extend",
    "sections",
    "section-level",
    "section-form",
    "section-order",
    "exact-numbers",
    "extra-text",
    "forbidden-levels",
    "frontmatter",
    "layout",
    "links",
    "link-targets",
    "link-inverses",
    "link-contradictions",
    "generalization",
    "when",
    "format",
    "bold-labels",
)
WHEN_KEYS = ("has", "has-any", "lacks", "equals", "contains")
SECTION_KEYS = ("name", "spellings", "pattern", "optional", "level")
LINK_KEYS = ("field", "body", "type", "key", "weight", "type-key", "inferred")
CONTRADICTION_KEYS = ("types", "why", "hint")


def _custom_profile(
    name: str,
    table: Mapping[str, object],
    base: Path,
    where: str,
    known: Mapping[str, Profile] | None = None,
    shipped: bool = False,
) -> Profile:
    """A profile defined in configuration (or shipped as data): a schema, the sections and how
    they are written. With `extends`, every key it does not give comes from the named profile
    (`known`: the profiles defined so far)."""
    _known_keys(table, PROFILE_KEYS, where)
    parent: Profile | None = None
    if "extends" in table:
        parent = _profile(_check(_string, table["extends"], f"{where}: `extends`"), known or built_in(), f"{where}: `extends`")
    schema: Path | None = parent.schema if parent else None
    if "schema" in table:
        schema = Path(os.path.normpath(base / _check(_string, table["schema"], f"{where}: `schema`")))
        if not schema.is_file():
            raise ConfigError(f"{where}: `schema`: `{schema}` does not exist")
        if not shipped:
            _check_schema(schema, base, where)
    overlay = _overlay(table, where)
    overrides: SchemaOverrides = (*(parent.schema_overrides if parent else ()), *((overlay,) if overlay else ()))
    if overlay is not None:
        if schema is None:
            raise ConfigError(f"{where}: a schema overlay needs a `schema`, or a profile to extend that has one")
        try:
            load_schema(schema, overrides)
        except OverlayError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    spec = _section_spec(table, parent.sections if parent else None, where)
    frontmatter = table.get("frontmatter", "required" if parent is None or parent.frontmatter_required else "optional")
    if frontmatter not in ("required", "optional"):
        raise ConfigError(f"{where}: `frontmatter` is `{frontmatter}`; expected `required` or `optional`")
    layouts: dict[object, Layout | None] = {"any": None, Layout.V7.value: Layout.V7, Layout.V1.value: Layout.V1}
    layout = parent.layout if parent and "layout" not in table else None
    if "layout" in table:
        if table["layout"] not in layouts:
            raise ConfigError(f"{where}: `layout` is `{table['layout']}`; expected `any`, `v7` or `v1`")
        layout = layouts[table["layout"]]
    description = table.get("description", f"defined in {where.split(':')[0]}")
    links = _links(table, parent.links if parent else Profile.links, where)
    return Profile(
        name,
        _check(_string, description, f"{where}: `description`"),
        schema,
        frontmatter == "required",
        spec,
        layout,
        layout_only=layout is Layout.V7,
        links=links,
        layouts=parent.layouts if parent else Profile.layouts,
        schema_overrides=overrides,
        when=_when(table["when"], f"{where}: `when`") if "when" in table else parent.when if parent else None,
        format=_format(table.get("format"), parent, where),
    )


def _format(value: object, parent: Profile | None, where: str) -> Format:
    if value is None:
        return parent.format if parent else Format.MARKDOWN
    formats = {f.value: f for f in Format}
    if value not in formats:
        raise ConfigError(f"{where}: `format` is `{value}`; expected `markdown` or `org`")
    return formats[str(value)]


def _known_keys(table: Mapping[str, object], allowed: Sequence[str], where: str, what: str = "key") -> None:
    """A one-line error for the first key of `table` not in `allowed`, with a did-you-mean."""
    for key in table:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed) or "allowed: " + ", ".join(f"`{k}`" for k in allowed)
            raise ConfigError(f"{where}: unknown {what} `{key}`; {hint}")


def _when(value: object, where: str) -> When:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of conditions on the metadata, got {_kind(value)}")
    _known_keys(value, WHEN_KEYS, where)

    def pairs(key: str) -> tuple[tuple[str, str], ...]:
        table = value.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, (str, int, float, bool)) for v in table.values()):
            raise ConfigError(f"{where}: `{key}`: expected a table of key path = value, got {_kind(table)}")
        return tuple((str(k), str(v).lower() if isinstance(v, bool) else str(v)) for k, v in table.items())

    return When(
        _check(_strings, value.get("has", []), f"{where}: `has`"),
        _check(_strings, value.get("has-any", []), f"{where}: `has-any`"),
        _check(_strings, value.get("lacks", []), f"{where}: `lacks`"),
        pairs("equals"),
        pairs("contains"),
    )


def _section_spec(table: Mapping[str, object], inherited: SectionSpec | None, where: str) -> SectionSpec | None:
    """The profile's sections: the inherited ones with what the table changes, or the table's."""
    if "sections" in table:
        items = table["sections"]
        if not isinstance(items, list):
            raise ConfigError(f"{where}: `sections`: expected a list of names or section tables, got {_kind(items)}")
        sections = tuple(_section(item, f"{where}: `sections[{i}]`") for i, item in enumerate(items))
        if not sections:
            return None
        spec = SectionSpec(tuple(s.name for s in sections), 3, Form.PLAIN)
        if any(s != Section(s.name) for s in sections):
            spec = replace(spec, sections=sections)
        # Only keys the table gives come from it, whatever was inherited.
        if inherited is not None and "section-level" not in table:
            spec = replace(spec, level=inherited.level)
        if inherited is not None and "section-form" not in table:
            spec = replace(spec, form=inherited.form, exact_numbers=inherited.exact_numbers)
    elif inherited is not None:
        spec = inherited
    else:
        spec = None
    # Each key is checked whether or not there are sections to apply it to.
    changes: dict[str, object] = {}
    if "section-level" in table:
        changes["level"] = _level(table["section-level"], f"{where}: `section-level`")
    if "section-form" in table:
        # One form, or several accepted ones: findings and fixes write the first.
        forms = {f.value: f for f in Form}
        given = table["section-form"]
        names = given if isinstance(given, list) and given else [given]
        for form in names:
            if not isinstance(form, str) or form not in forms:
                raise ConfigError(
                    f"{where}: `section-form` is `{form}`; expected one of `section`, `numbered`, `plain` (or a list of them)"
                )
        chosen = [forms[str(f)] for f in names]
        changes["form"] = chosen[0]
        changes["other_forms"] = tuple(f for f in dict.fromkeys(chosen[1:]) if f is not chosen[0])
    if "exact-numbers" in table:
        if not isinstance(table["exact-numbers"], bool):
            raise ConfigError(f"{where}: `exact-numbers` must be true or false")
        changes["exact_numbers"] = table["exact-numbers"]
    if "section-order" in table:
        if table["section-order"] not in ("fixed", "any"):
            raise ConfigError(f"{where}: `section-order` is `{table['section-order']}`; expected `fixed` or `any`")
        changes["ordered"] = table["section-order"] == "fixed"
    if "extra-text" in table:
        changes["extra_text"] = _pattern(table["extra-text"], f"{where}: `extra-text`")
    if "bold-labels" in table:
        if not isinstance(table["bold-labels"], bool):
            raise ConfigError(f"{where}: `bold-labels` must be true or false")
        changes["bold_labels"] = table["bold-labels"]
    if "forbidden-levels" in table:
        levels = table["forbidden-levels"]
        if not isinstance(levels, list):
            raise ConfigError(f"{where}: `forbidden-levels`: expected a list of heading levels, got {_kind(levels)}")
        changes["forbidden_levels"] = tuple(_level(v, f"{where}: `forbidden-levels`") for v in levels)
    return replace(spec, **changes) if spec is not None else None  # type: ignore[arg-type]


def _section(item: object, where: str) -> Section:
    if isinstance(item, str):
        return Section(item)
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a section name or a table with `name`, got {_kind(item)}")
    _known_keys(item, SECTION_KEYS, where)
    if "name" not in item:
        raise ConfigError(f"{where}: a section table needs a `name`")
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        raise ConfigError(f"{where}: `optional` must be true or false")
    return Section(
        _check(_string, item["name"], f"{where}: `name`"),
        _check(_strings, item.get("spellings", []), f"{where}: `spellings`"),
        _pattern(item["pattern"], f"{where}: `pattern`") if "pattern" in item else None,
        optional,
        _level(item["level"], f"{where}: `level`") if "level" in item else None,
    )


def _pattern(value: object, where: str) -> str:
    from patternlint.linear import PatternError, compile_linear

    pattern = _check(_string, value, where)
    try:
        compile_linear(pattern)
    except PatternError as exc:
        raise ConfigError(f"{where}: `{pattern}` is {exc}") from None
    return pattern


def _level(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 6:
        raise ConfigError(f"{where} is `{value}`; expected a heading level from 1 to 6")
    return value


def _overlay(table: Mapping[str, object], where: str) -> Overlay | None:
    """The schema changes the table asks for (see schema.loading.Overlay), or None."""
    import json

    patch = table.get("schema-overlay")
    if patch is not None and not isinstance(patch, dict):
        raise ConfigError(f"{where}: `schema-overlay`: expected a table (a JSON Merge Patch), got {_kind(patch)}")
    optional = _check(_strings, table.get("optional-keys", []), f"{where}: `optional-keys`")
    extend = table.get("enum-extend", {})
    if not isinstance(extend, dict) or not all(isinstance(v, list) for v in extend.values()):
        raise ConfigError(f"{where}: `enum-extend`: expected a table of key path = [values], got {_kind(extend)}")
    if patch is None and not optional and not extend:
        return None
    return Overlay(
        json.dumps(patch or {}, sort_keys=True, default=str),
        optional,
        json.dumps(extend, sort_keys=True, default=str),
    )


def _links(table: Mapping[str, object], inherited: Links, where: str) -> Links:
    """The profile's links: its own `links` fields, or the inherited ones; and how they pair up,
    contradict and rank, each inherited unless given (kept only for the types still declared)."""
    fields = inherited.fields
    if "links" in table:
        items = table["links"]
        if not isinstance(items, list):
            raise ConfigError(f"{where}: `links`: expected a list of link field tables, got {_kind(items)}")
        fields = tuple(_link_field(item, f"{where}: `links[{i}]`") for i, item in enumerate(items))
    types = tuple(dict.fromkeys(f.type for f in fields if not f.inferred and f.type_key is None))
    targets = inherited.targets
    if "link-targets" in table:
        targets = _check(_strings, table["link-targets"], f"{where}: `link-targets`")
        for kind in targets:
            if kind not in TARGET_KINDS:
                hint = did_you_mean(kind, TARGET_KINDS) or "allowed: " + ", ".join(f"`{k}`" for k in TARGET_KINDS)
                raise ConfigError(f"{where}: `link-targets`: unknown kind of name `{kind}`; {hint}")
        if not targets or len(set(targets)) < len(targets):
            raise ConfigError(f"{where}: `link-targets`: expected one or more of `slug`, `id`, `stem`, each once")
    inverses = tuple((a, b) for a, b in inherited.inverses if a in types and b in types)
    if "link-inverses" in table:
        # Both types of a pair are metadata fields: the hint and the fix write the inverse there.
        written = tuple(t for t in types if any(f.type == t and f.body is None for f in fields))
        inverses = _inverses(table["link-inverses"], written, f"{where}: `link-inverses`")
    contradictions = tuple(c for c in inherited.contradictions if set(c.types) <= set(types))
    if "link-contradictions" in table:
        contradictions = _contradictions(table["link-contradictions"], types, where)
    hierarchy = tuple((t, end) for t, end in inherited.hierarchy if t in types)
    if "generalization" in table:
        hierarchy = _hierarchy(table["generalization"], hierarchy, types, f"{where}: `generalization`")
    return Links(fields, targets, inverses, contradictions, hierarchy)


def _link_field(item: object, where: str) -> LinkField:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a table like `{{field = \"related\"}}`, got {_kind(item)}")
    _known_keys(item, LINK_KEYS, where)
    if ("field" in item) == ("body" in item):
        raise ConfigError(
            f"{where}: a link field table needs a `field` (a key path, `related` or `relationships.enables`) or a `body` form, not both"
        )
    body = None
    if "body" in item:
        body = item["body"]
        if body not in BODY_FORMS:
            raise ConfigError(f"{where}: `body` is `{body}`; expected one of `markdown`, `wiki`, `org`")
        if any(key in item for key in ("key", "weight", "type-key")):
            raise ConfigError(f"{where}: a `body` link field takes no `key`, `weight` or `type-key`")
    dotted = _check(_string, item.get("field", ""), f"{where}: `field`")
    path = tuple(dotted.split(".")) if dotted else ()
    if body is None and not all(path):
        raise ConfigError(f"{where}: `field` is `{dotted}`; expected a key path like `related` or `relationships.enables`")
    keys = item.get("key", [])
    names = (keys,) if isinstance(keys, str) else _check(_strings, keys, f"{where}: `key`")
    inferred = item.get("inferred", False)
    if not isinstance(inferred, bool):
        raise ConfigError(f"{where}: `inferred` must be true or false")

    def optional(key: str) -> str | None:
        return _check(_string, item[key], f"{where}: `{key}`") if key in item else None

    return LinkField(
        path,
        _check(_string, item.get("type", path[-1] if path else "body"), f"{where}: `type`"),
        names,
        optional("weight"),
        optional("type-key"),
        inferred,
        str(body) if body is not None else None,
    )


def _declared(type_: object, types: Sequence[str], where: str, none: str = "the profile declares no link fields") -> str:
    """A link type of the profile's own fields (`types`; `none` says why there are none)."""
    if type_ not in types:
        hint = did_you_mean(str(type_), types) or ("declared: " + ", ".join(f"`{t}`" for t in types) if types else none)
        raise ConfigError(f"{where}: unknown link type `{type_}`; {hint}")
    return str(type_)


def _inverses(value: object, types: Sequence[str], where: str) -> tuple[tuple[str, str], ...]:
    """`{parent = "children", related = "related"}`: each pair both ways."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of type = inverse type, like `{{related = \"related\"}}`, got {_kind(value)}")
    found: dict[str, str] = {}
    none = "only types of metadata fields pair up, and the profile declares none"
    for key, other in value.items():
        a, b = _declared(key, types, where, none), _declared(other, types, where, none)
        for one, two in ((a, b), (b, a)):
            if found.setdefault(one, two) != two:
                raise ConfigError(f"{where}: `{one}` is paired with both `{found[one]}` and `{two}`; a type has one inverse")
    return tuple(found.items())


def _contradictions(value: object, types: Sequence[str], where: str) -> tuple[Contradiction, ...]:
    """`[["enables", "requires"], {types = ["a", "b"], why = "…", hint = "…"}]`."""
    if not isinstance(value, list):
        raise ConfigError(
            f"{where}: `link-contradictions`: expected a list of type pairs, like `[[\"enables\", \"requires\"]]`, got {_kind(value)}"
        )
    found = []
    for i, item in enumerate(value):
        here = f"{where}: `link-contradictions[{i}]`"
        table: Mapping[str, object] = item if isinstance(item, dict) else {"types": item}
        _known_keys(table, CONTRADICTION_KEYS, here)
        pair = table.get("types")
        if not isinstance(pair, list) or len(pair) != 2 or pair[0] == pair[1]:
            raise ConfigError(f"{here}: expected two different link types, like `[\"enables\", \"requires\"]`")
        found.append(
            Contradiction(
                (_declared(pair[0], types, here), _declared(pair[1], types, here)),
                _check(_string, table.get("why", ""), f"{here}: `why`"),
                _check(_string, table.get("hint", ""), f"{here}: `hint`"),
            )
        )
    return tuple(found)


def _hierarchy(
    value: object, inherited: tuple[tuple[str, General], ...], types: Sequence[str], where: str
) -> tuple[tuple[str, General], ...]:
    """`{generalizes_from = "target", specializes_to = "source"}`: which end of each
    generalization link type is the more general pattern; a type left out keeps its reading."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table like `{{generalizes_from = \"target\"}}`, got {_kind(value)}")
    ends = {g.value: g for g in General}
    reading = dict(inherited)
    for key, end in value.items():
        _declared(key, types, where)
        if end not in ends:
            raise ConfigError(f"{where}: `{key}` is `{end}`; expected `source` or `target`")
        reading[key] = ends[end]
    return tuple(reading.items())


def _check(check: Callable[[object], _T], value: object, where: str) -> _T:
    try:
        return check(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _check_schema(path: Path, project: Path, where: str) -> None:
    """A valid JSON Schema inside the project (the configuration's folder), whose `$ref`s name
    only files inside the project: a configuration comes with the pull request, and may name
    neither a server to call nor a file of the machine to read."""
    import json

    from jsonschema import Draft202012Validator, SchemaError  # type: ignore[import-untyped]

    from patternlint.linear import PatternError, compile_linear, schema_patterns
    from patternlint.schema import RefError, documents

    if not path.resolve().is_relative_to(project.resolve()):
        raise ConfigError(f"{where}: `schema`: `{path}` is outside the project `{project}`")
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{where}: `schema`: cannot read `{path}` as JSON: {exc}") from None
    except SchemaError as exc:
        raise ConfigError(f"{where}: `schema`: `{path}` is not a valid JSON Schema: {exc.message}") from None
    try:
        found = documents(path, project)
    except RefError as exc:
        raise ConfigError(f"{where}: `schema`: {exc}") from None
    for uri, document in found.items():
        for pointer, pattern in schema_patterns(document):
            try:
                compile_linear(pattern)
            except PatternError as exc:
                shown = path if uri == next(iter(found)) else uri
                raise ConfigError(f"{where}: `schema`: `{pointer}` in `{shown}` is {exc}") from None


def profiles_from(merged: Mapping[str, object], sources: Mapping[str, str]) -> dict[str, Profile]:
    """The built-in profiles and the configuration's own."""
    known = dict(built_in())
    origin = sources.get("profiles", "default")
    base = Path(origin).parent if origin not in ("default", INLINE) else Path.cwd()
    tables = _tables(merged, "profiles")
    for name in tables:
        if name in built_in():
            raise ConfigError(f"{origin}: `profiles.{name}`: `{name}` is a built-in profile; choose another name")

    def define(name: str, chain: tuple[str, ...]) -> Profile:
        if name in known:
            return known[name]
        table, where = tables[name], f"{origin}: `profiles.{name}`"
        parent = table.get("extends")
        if isinstance(parent, str) and parent in tables and parent not in known:
            if parent in chain:
                raise ConfigError(f"{where}: `extends` forms a cycle: {' → '.join((*chain, name, parent))}")
            define(parent, (*chain, name))
        known[name] = _custom_profile(name, table, base, where, known)
        return known[name]

    for name in tables:
        define(name, ())
    return known


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


def _profile(name: str, known: Mapping[str, Profile], where: str) -> Profile:
    if name not in known:
        hint = did_you_mean(name, known) or "profiles: " + ", ".join(f"`{k}`" for k in known)
        raise ConfigError(f"{where}: no profile `{name}`; {hint}")
    return known[name]


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
