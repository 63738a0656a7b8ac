"""The contract language: a `[profiles.NAME]` table read into a Profile, and the built-in
contracts, which are such tables shipped as data (`contracts/NAME.toml`, see docs/contracts.md).

Below the configuration (config.py reads the files and resolves the settings): documents and
settings take their default profile, `commons-v7`, from here. Bad contracts never half-work:
every problem is a ConfigError naming the table, the key and what is allowed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, TypeVar

from patternlint.facts import Layout
from patternlint.links import BODY_FORMS, TARGET_KINDS, Contradiction, General, LinkField, Links
from patternlint.profiles import (
    DEFAULT_NAME,
    FORMS,
    Format,
    Layouts,
    Profile,
    When,
    route_of,
)
from patternlint.schema import Overrides as SchemaOverrides
from patternlint.schema.loading import Overlay, OverlayError, load_schema
from patternlint.sections import Form, Section, SectionSpec
from patternlint.suggest import did_you_mean

_T = TypeVar("_T")


class ConfigError(Exception):
    """A configuration problem: the CLI prints it on one line and exits 2."""


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_kind(value)}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of strings, got {_kind(value)}")
    return tuple(value)


def _kind(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"


@lru_cache(maxsize=1)
def built_in() -> Mapping[str, Profile]:
    """The built-in profiles: the contracts shipped as data (`contracts/NAME.toml`), each read
    as a configuration's `[profiles.NAME]` table is. Read once per process."""
    tables = {path.stem: (_toml(path), str(path)) for path in sorted(CONTRACTS_DIR.glob("*.toml"))}
    # Their paths are the package's (`schemas/…`), and so are their schemas: shipped, trusted.
    known = _define(tables, {}, CONTRACTS_DIR.parent, shipped=True)
    first = (DEFAULT_NAME, "commons-v1", "peeragogy")  # listed first, as the README does
    return {**{name: known[name] for name in first if name in known}, **known}


def _define(
    tables: Mapping[str, tuple[Mapping[str, object], str]],
    known: dict[str, Profile],
    base: Path,
    shipped: bool = False,
) -> dict[str, Profile]:
    """`known` with the profiles of `tables` (name → table, where it is written) defined, each
    after the ones it extends or routes to."""

    def define(name: str, chain: tuple[str, ...]) -> Profile:
        if name in known:
            return known[name]
        table, where = tables[name]
        extends, routes = table.get("extends"), table.get("routes")
        needed = [extends] if isinstance(extends, str) else []
        if isinstance(routes, list):
            needed += [n for n in routes if isinstance(n, str)]
        for other in needed:
            if other in tables and other not in known:
                if other in chain or other == name:
                    key = "extends" if other == table.get("extends") else "routes"
                    raise ConfigError(f"{where}: `{key}` forms a cycle: {' → '.join((*chain, name, str(other)))}")
                define(str(other), (*chain, name))
        known[name] = _custom_profile(name, table, base, where, known, shipped)
        return known[name]

    for name in tables:
        define(name, ())
    return known


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
    "generalization",
    "when",
    "format",
    "bold-labels",
    "layouts",
    "routes",
    "aggregates",
    "ratings",
    "links",
    "link-targets",
    "link-inverses",
    "link-contradictions",
)


WHEN_KEYS = (
    "has",
    "has-any",
    "lacks",
    "equals",
    "contains",
    "text",
    "lacks-text",
    "heading",
    "lacks-heading",
    "label",
    "lacks-label",
    "form",
)


SECTION_KEYS = ("name", "spellings", "pattern", "optional", "level", "words")
LINK_KEYS = ("field", "body", "type", "key", "weight", "type-key", "inferred")
CONTRADICTION_KEYS = ("types", "why", "hint")


LAYOUT_KEYS = ("layout", "when")


# What a route (a profile with `routes`) may say besides them.
ROUTE_KEYS = ("routes", "description", "when")


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
    if "routes" in table:
        return _route_profile(name, table, where, known or built_in(), shipped)
    parent: Profile | None = None
    if "extends" in table:
        parent = _profile(_check(_string, table["extends"], f"{where}: `extends`"), known or built_in(), f"{where}: `extends`")
        if parent.routes:
            names = ", ".join(f"`{p.name}`" for p in parent.routes)
            raise ConfigError(f"{where}: `extends`: `{parent.name}` is a route to {names}; extend one of them")
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
    told = _layouts(table["layouts"], where, shipped) if "layouts" in table else parent.layouts if parent else Layouts()
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
        layouts=told,
        schema_overrides=overrides,
        when=_when(table["when"], f"{where}: `when`", shipped) if "when" in table else parent.when if parent else None,
        format=_format(table.get("format"), parent, where),
        **_derived(table, parent, where),
    )


def _derived(table: Mapping[str, object], parent: Profile | None, where: str) -> dict[str, Any]:
    """The profile's `aggregates` and `ratings` (see patternlint.derived): each list the table
    gives replaces the inherited one (`aggregates = []` drops them)."""
    from patternlint.derived import DeclarationError, read_aggregates, read_ratings

    try:
        return {
            "aggregates": read_aggregates(table["aggregates"]) if "aggregates" in table else parent.aggregates if parent else (),
            "ratings": read_ratings(table["ratings"]) if "ratings" in table else parent.ratings if parent else (),
        }
    except DeclarationError as exc:
        raise ConfigError(f"{where}: {exc}") from None


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


def _when(value: object, where: str, shipped: bool = False) -> When:
    """A `when` table; the regular expressions of a shipped contract are ours and tested, and
    compiling them at start-up would load RE2 for every run."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of conditions on the metadata, got {_kind(value)}")
    _known_keys(value, WHEN_KEYS, where)

    def pairs(key: str) -> tuple[tuple[str, str], ...]:
        table = value.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, (str, int, float, bool)) for v in table.values()):
            raise ConfigError(f"{where}: `{key}`: expected a table of key path = value, got {_kind(table)}")
        return tuple((str(k), str(v).lower() if isinstance(v, bool) else str(v)) for k, v in table.items())

    def patterns(key: str) -> tuple[str, ...]:
        given = value.get(key, [])
        items = [given] if isinstance(given, str) else given
        if not isinstance(items, list):
            raise ConfigError(f"{where}: `{key}`: expected a regular expression or a list of them, got {_kind(given)}")
        if shipped:
            return tuple(_check(_string, item, f"{where}: `{key}`") for item in items)
        return tuple(_pattern(item, f"{where}: `{key}`") for item in items)

    given = value.get("form", [])
    forms = _check(_strings, [given] if isinstance(given, str) else given, f"{where}: `form`")
    for form in forms:
        if form not in FORMS:
            raise ConfigError(f"{where}: `form` is `{form}`; expected one of `yaml`, `org`, `none` (or a list of them)")
    return When(
        _check(_strings, value.get("has", []), f"{where}: `has`"),
        _check(_strings, value.get("has-any", []), f"{where}: `has-any`"),
        _check(_strings, value.get("lacks", []), f"{where}: `lacks`"),
        pairs("equals"),
        pairs("contains"),
        patterns("text"),
        patterns("lacks-text"),
        patterns("heading"),
        patterns("lacks-heading"),
        patterns("label"),
        patterns("lacks-label"),
        forms,
    )


def _layouts(value: object, where: str, shipped: bool = False) -> Layouts:
    """`[{layout = "v1", when = {…}}, {layout = "v7"}]`: a file is in the layout of the first
    entry whose `when` holds (an entry without one takes every file); in `other` when none does."""
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where}: `layouts`: expected a list of tables like `{{layout = \"v7\"}}`, got {_kind(value)}")
    names = {layout.value: layout for layout in Layout if layout is not Layout.NONE}
    marks: list[tuple[Layout, When]] = []
    for index, item in enumerate(value):
        here = f"{where}: `layouts[{index}]`"
        if not isinstance(item, dict):
            raise ConfigError(f"{here}: expected a table like `{{layout = \"v7\"}}`, got {_kind(item)}")
        _known_keys(item, LAYOUT_KEYS, here)
        if item.get("layout") not in names:
            raise ConfigError(
                f"{here}: `layout` is `{item.get('layout')}`; expected one of " + ", ".join(f"`{n}`" for n in names)
            )
        layout = names[str(item["layout"])]
        if "when" not in item:
            return Layouts(layout, tuple(marks))  # it takes every file: the entries after it never match
        marks.append((layout, _when(item["when"], f"{here}: `when`", shipped)))
    return Layouts(Layout.OTHER, tuple(marks))


def _route_profile(
    name: str, table: Mapping[str, object], where: str, known: Mapping[str, Profile], shipped: bool = False
) -> Profile:
    """A profile that is only a route: each file goes to the first of `routes` that takes it."""
    for key in table:
        if key not in ROUTE_KEYS:
            raise ConfigError(f"{where}: `{key}`: a profile with `routes` only routes; it takes `description` and `when`")
    names = _check(_strings, table["routes"], f"{where}: `routes`")
    if not names:
        raise ConfigError(f"{where}: `routes`: expected a list of profile names, got an empty list")
    routed = route_of(tuple(_profile(n, known, f"{where}: `routes`") for n in names))
    if not routed.routes:  # a route to one profile is that profile, under this name
        routed = replace(routed, routes=(routed,))
    return replace(
        routed,
        name=name,
        description=_check(_string, table.get("description", f"defined in {where.split(':')[0]}"), f"{where}: `description`"),
        when=_when(table["when"], f"{where}: `when`", shipped) if "when" in table else None,
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
        _words(item["words"], f"{where}: `words`") if "words" in item else None,
    )


def _words(value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= value[0] <= value[1]
    ):
        raise ConfigError(f"{where} is `{value}`; expected `[least, most]`, two whole numbers with 0 ≤ least ≤ most")
    return (value[0], value[1])


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


def _profile(name: str, known: Mapping[str, Profile], where: str) -> Profile:
    if name not in known:
        hint = did_you_mean(name, known) or "profiles: " + ", ".join(f"`{k}`" for k in known)
        raise ConfigError(f"{where}: no profile `{name}`; {hint}")
    return known[name]



def default() -> Profile:
    """The default profile, the built-in contract `contracts/commons-v7.toml`."""
    return built_in()[DEFAULT_NAME]
