"""Loading a schema: the file, the rule options that change its contract, and the documents
its `$ref`s name (files inside the project only, never the network)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Union

from patternlint.frozen import frozen

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
DEFAULT_SCHEMA = SCHEMA_DIR / "pattern.schema.json"
DEFAULT_SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"


@frozen(slots=True)
class WeightRange:
    """Every relationship `weight` (a `weight` property anywhere) takes `low`…`high`."""

    low: float
    high: float

    def apply(self, schema: Any) -> Any:
        weight = {"type": "number", "minimum": self.low, "maximum": self.high}
        return _map_nodes(schema, lambda node: _with_weight(node, weight))


@frozen(slots=True)
class SlugPattern:
    """The shipped slug pattern, wherever the schema uses it, becomes `pattern`."""

    pattern: str

    def apply(self, schema: Any) -> Any:
        return _map_values(schema, lambda value: self.pattern if value == DEFAULT_SLUG_PATTERN else value)


class OverlayError(ValueError):
    """An overlay that does not fit its schema: a key path that names no property, or no enum."""


@frozen(slots=True)
class Overlay:
    """A profile's changes to the schema it extends, applied in this order: `patch`, a JSON
    Merge Patch (RFC 7386: a table merges into the schema's, `null` removes a key, anything
    else replaces), then each key path of `optional` leaves its parent's `required`, then the
    `enum` at each key path of `enum_extend` takes the extra values. Key paths are dotted
    frontmatter keys (`lifecycle.status`), followed through the schema's `properties` (and
    `items` for a list). Patch and enum values are held as JSON text, to be hashable."""

    patch: str = "{}"
    optional: tuple[str, ...] = ()
    enum_extend: str = "{}"

    def apply(self, schema: Any) -> Any:
        schema = _merge_patch(schema, json.loads(self.patch))
        for path in self.optional:
            *parents, key = path.split(".")
            node = _property(schema, parents, path)
            required = node.get("required")
            if not isinstance(required, list) or key not in required:
                raise OverlayError(f"`optional-keys`: `{path}` is not a required key of the schema")
            node["required"] = [k for k in required if k != key]
        for path, values in json.loads(self.enum_extend).items():
            node = _property(schema, path.split("."), path)
            if "enum" not in node and isinstance(node.get("items"), dict):
                node = node["items"]
            if not isinstance(node.get("enum"), list):
                raise OverlayError(f"`enum-extend`: `{path}` has no `enum` in the schema")
            node["enum"] = [*node["enum"], *(v for v in values if v not in node["enum"])]
        return schema


def _merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 on copies: the schema cached by `load_schema` is never changed in place."""
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge_patch(out.get(key), value)
    return out


def _property(schema: Any, path: list[str], shown: str) -> dict[str, Any]:
    """The schema node of the object at `path` (a copy, set back into its parent, so changing
    it changes only this schema)."""
    node: dict[str, Any] = schema
    for part in path:
        properties = node.get("properties")
        if not isinstance(properties, dict) and isinstance(node.get("items"), dict):
            node = node["items"]
            properties = node.get("properties")
        if not isinstance(properties, dict) or not isinstance(properties.get(part), dict):
            raise OverlayError(f"`{shown}` names no property of the schema (at `{part}`)")
        properties[part] = child = json.loads(json.dumps(properties[part]))
        node = child
    return node


# Rule options that change the contract the schema states, in rule order (after a profile's
# own overlay).
Override = Union[WeightRange, SlugPattern, Overlay]
Overrides = tuple[Override, ...]


@lru_cache(maxsize=8)
def load_schema(path: Path = DEFAULT_SCHEMA, overrides: Overrides = ()) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    for override in overrides:
        schema = override.apply(schema)
    return schema


def _with_weight(node: dict[str, Any], weight: dict[str, Any]) -> dict[str, Any]:
    properties = node.get("properties")
    if isinstance(properties, dict) and "weight" in properties:
        description = properties["weight"].get("description", "Relationship weight.")
        return {**node, "properties": {**properties, "weight": {**weight, "description": description}}}
    return node


def _map_nodes(node: Any, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """A copy of the JSON data `node` with every mapping in it passed through `change` (the
    mapping's own children first changed)."""
    if isinstance(node, dict):
        return change({k: _map_nodes(v, change) for k, v in node.items()})
    if isinstance(node, list):
        return [_map_nodes(item, change) for item in node]
    return node


def _map_values(node: Any, change: Callable[[object], object]) -> Any:
    """A copy of the JSON data `node` with every string, number and constant in it (not the
    keys) passed through `change`."""
    if isinstance(node, dict):
        return {k: _map_values(v, change) for k, v in node.items()}
    if isinstance(node, list):
        return [_map_values(item, change) for item in node]
    return change(node)


# ---------------------------------------------------------------------------------------------
# `$ref`s to other documents: files inside the project only, never the network


class RefError(Exception):
    """A `$ref` that patternlint will not follow: its message names the ref and why."""


_REF_KEYWORDS = ("$ref", "$dynamicRef")
_DATA_KEYWORDS = frozenset({"enum", "const", "examples", "default"})  # values, not subschemas
# A `$ref` to another document, found without parsing (`"$ref": "#…"` stays in the document).
_EXTERNAL_REF = re.compile(rb'"\$(?:dynamicR|r)ef"\s*:\s*"(?!#)')


def has_external_refs(data: bytes) -> bool:
    return _EXTERNAL_REF.search(data) is not None


def documents(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Every document that the schema at `path` refers to by `$ref`, by URI (the schema's own
    first), read from disk. A `$ref` must name a part of a document already known, or a
    `file:` (or relative) URI of a JSON file; with `root`, inside that folder. Anything else
    (`http:`, `https:`, any other scheme) raises RefError: jsonschema would fetch it over the
    network, with no time limit."""
    from urllib.parse import unquote, urldefrag, urljoin, urlsplit

    first = path.resolve().as_uri()
    found: dict[str, Any] = {first: _read_json(path)}
    queue = [first]
    while queue:
        uri = queue.pop()
        ids: set[str] = {uri}
        refs: list[tuple[str, str]] = []  # (base, ref)

        def walk(node: Any, base: str, depth: int) -> None:
            if depth > 256:
                return
            if isinstance(node, list):
                for item in node:
                    walk(item, base, depth + 1)
                return
            if not isinstance(node, dict):
                return
            if isinstance(node.get("$id"), str):
                base = urldefrag(urljoin(base, node["$id"])).url or base
                ids.add(base)
            for keyword in _REF_KEYWORDS:
                ref = node.get(keyword)
                if isinstance(ref, str) and not ref.startswith("#"):
                    refs.append((base, ref))
            for keyword, child in node.items():
                if keyword not in _DATA_KEYWORDS:
                    walk(child, base, depth + 1)

        walk(found[uri], uri, 0)
        for base, ref in refs:
            target = urldefrag(urljoin(base, ref)).url
            if target in ids or target in found:
                continue
            where = f"`{ref}` in `{unquote(urlsplit(uri).path)}`"
            parts = urlsplit(target)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                names = "" if target == ref else f" names `{target}`, which"
                raise RefError(f"{where}{names} is not a file in the project; patternlint never fetches a schema")
            file = Path(unquote(parts.path)).resolve()
            if root is not None and not file.is_relative_to(root.resolve()):
                raise RefError(f"{where} names `{file}`, outside the project `{root}`")
            if not file.is_file():
                raise RefError(f"{where} names `{file}`, which does not exist")
            found[target] = _read_json(file)
            queue.append(target)
    return found


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise RefError(f"cannot read `{path}` as JSON: {exc}") from None


def registry(path: Path, schema: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The schema to validate with, and the registry its `$ref`s resolve in: only the documents
    found beforehand; any other URI is refused, never retrieved."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    def refuse(uri: str) -> Resource[Any]:
        raise NoSuchResource(uri)

    refs: Registry[Any] = Registry(retrieve=refuse)  # type: ignore[call-arg]  # an attrs alias
    if not has_external_refs(path.read_bytes()):
        return schema, refs
    found = documents(path)
    first = next(iter(found))
    if "$id" not in schema:
        schema = {"$id": first, **schema}  # relative `$ref`s resolve next to the file
    resources = [(uri, Resource.from_contents(doc, default_specification=DRAFT202012)) for uri, doc in found.items()]
    return schema, refs.with_resources(resources[1:])


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its local `$ref`s replaced by what they point at. jsonschema resolves a
    `$ref` on every visit, about a third of its time on these schemas; the answers are the same
    (`$defs` do not refer to themselves). A `$ref` that cannot be inlined stays as it is."""

    def resolve(ref: str) -> Any:
        node: Any = schema
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def walk(node: Any, depth: int) -> Any:
        if isinstance(node, list):
            return [walk(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and depth < 32:
            target = resolve(ref)
            if isinstance(target, dict):
                # Kept apart under `allOf`, so that errors still come from the subschema the
                # `$ref` pointed at and the property keeps its own description.
                siblings = {k: walk(v, depth) for k, v in node.items() if k != "$ref"}
                return {**siblings, "allOf": [walk(target, depth + 1)]}
        return {k: (v if k in ("$defs", "enum", "const", "examples") else walk(v, depth)) for k, v in node.items()}

    inlined: dict[str, Any] = walk(schema, 0)
    return inlined


