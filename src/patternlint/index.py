"""The library index: what library-wide rules need from each file, small enough to cache."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping, MutableMapping

from patternlint.document import Document
from patternlint.profiles import ADR_0005_HIERARCHY, RELATIONSHIP_TYPES, General, Layout
from patternlint.model import Span
from patternlint.suggest import Suggester, Suggestion
from patternlint.yamlload import PathPart


@dataclass(frozen=True, slots=True)
class Link:
    """One outgoing edge. `via` says how the item named its target: slug, id, string, inferred."""

    relation: str
    target: str
    via: str
    span: Span
    pointer: str  # where it sits, e.g. `relationships.enables[0].slug`
    weight: float | None = None  # the item's `weight`, for hints that write the item back

    @property
    def curated(self) -> bool:
        """Written by an author under `relationships`, not by the graph-garden tooling."""
        return self.via != "inferred"


@dataclass(frozen=True, slots=True)
class FileRecord:
    path: str
    stem: str
    layout: Layout
    slug: str | None
    slug_span: Span | None
    id: str | None
    id_span: Span | None
    links: tuple[Link, ...]
    # Where the frontmatter writes anchored nodes and aliases (see fixguard.shared_marks); None
    # when it cannot be read that far. Library rules' fixes must not edit through them.
    shared: tuple[Span, ...] | None = ()


def record_for(doc: Document) -> FileRecord:
    slug = doc.get("slug")
    pid = doc.get("id")
    positions = doc.positions
    return FileRecord(
        path=doc.path,
        stem=doc.stem,
        layout=doc.layout,
        slug=slug if isinstance(slug, str) else None,
        slug_span=positions.value_span(("slug",)) if isinstance(slug, str) and positions else None,
        id=pid if isinstance(pid, str) else None,
        id_span=positions.value_span(("id",)) if isinstance(pid, str) and positions else None,
        links=tuple(_links(doc)) if doc.layout is Layout.V7 else (),
        shared=doc.shared_marks,
    )


def _links(doc: Document) -> Iterable[Link]:
    positions = doc.positions
    assert positions is not None
    relationships = doc.get("relationships")
    if isinstance(relationships, dict):
        for relation in RELATIONSHIP_TYPES:
            items = relationships.get(relation)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                base: tuple[PathPart, ...] = ("relationships", relation, i)
                path: tuple[PathPart, ...]
                if isinstance(item, str):
                    target, via, path = item, "string", base
                elif isinstance(item, dict) and isinstance(item.get("slug"), str):
                    target, via, path = str(item["slug"]), "slug", (*base, "slug")
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    target, via, path = str(item["id"]), "id", (*base, "id")
                else:
                    continue
                yield Link(
                    relation,
                    target,
                    via,
                    positions.value_span(path),
                    f"relationships.{relation}[{i}]" + ("" if via == "string" else f".{via}"),
                    _weight(item.get("weight")) if isinstance(item, dict) else None,
                )
    inferred = doc.get("graph_garden", "inferred_links")
    if isinstance(inferred, list):
        for i, item in enumerate(inferred):
            if isinstance(item, dict) and isinstance(item.get("target"), str):
                kind = item.get("type")
                yield Link(
                    kind if isinstance(kind, str) else "",
                    str(item["target"]),
                    "inferred",
                    positions.value_span(("graph_garden", "inferred_links", i, "target")),
                    f"graph_garden.inferred_links[{i}].target",
                )


def _weight(value: object) -> float | None:
    # Only a finite number is kept: the cache stores it as JSON, which has no NaN.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        weight = float(value)
    except OverflowError:
        return None
    return weight if math.isfinite(weight) else None


class LibraryIndex:
    def __init__(
        self,
        records: Iterable[FileRecord],
        reported: Iterable[str] | None = None,
        suggestion_store: MutableMapping[str, dict[str, list[str]]] | None = None,
        hierarchy: tuple[tuple[str, General], ...] = ADR_0005_HIERARCHY,
    ) -> None:
        # Which end of each generalization link type is the more general (the profile says).
        self.hierarchy: Mapping[str, General] = dict(hierarchy)
        # Hints computed by an earlier run (from the cache), keyed by the digest of the names
        # they were computed from; only the current library's entry is kept.
        self._store = suggestion_store
        self.records: tuple[FileRecord, ...] = tuple(sorted(records, key=lambda r: r.path))
        wanted = None if reported is None else set(reported)
        # The files findings are reported on (pre-commit passes only the changed ones); rules
        # read all records to know the library but need only check these.
        self.reported: tuple[FileRecord, ...] = (
            self.records if wanted is None else tuple(r for r in self.records if r.path in wanted)
        )

    @cached_property
    def by_slug(self) -> Mapping[str, tuple[FileRecord, ...]]:
        return _group((r.slug, r) for r in self.records if r.slug is not None)

    @cached_property
    def by_id(self) -> Mapping[str, tuple[FileRecord, ...]]:
        return _group((r.id, r) for r in self.records if r.id is not None)

    @cached_property
    def by_stem(self) -> Mapping[str, tuple[FileRecord, ...]]:
        return _group((r.stem, r) for r in self.records)

    def resolves(self, target: str) -> bool:
        """A link target names a pattern when it is any file's slug, id, or file name."""
        return target in self.by_slug or target in self.by_id or target in self.by_stem

    def resolve(self, target: str) -> FileRecord | None:
        """The one file a link target names: by slug first (the slug is the page's URL), then
        id, then file name. None when it names no file, or several (PL502/PL503 report those).
        """
        return self._names.get(target)

    @cached_property
    def _names(self) -> Mapping[str, FileRecord | None]:
        # One table for `resolve`, filled in reverse order of precedence so the slug wins.
        names: dict[str, FileRecord | None] = {}
        for table in (self.by_stem, self.by_id, self.by_slug):
            for key, found in table.items():
                names[key] = found[0] if len(found) == 1 else None
        return names

    @cached_property
    def edges(self) -> Mapping[str, tuple[tuple[Link, FileRecord], ...]]:
        """Each file's links that resolve to one file, with that file, keyed by the file's path."""
        resolve = self.resolve
        edges: dict[str, tuple[tuple[Link, FileRecord], ...]] = {}
        for record in self.records:
            pairs = []
            for link in record.links:
                target = resolve(link.target)
                if target is not None:
                    pairs.append((link, target))
            edges[record.path] = tuple(pairs)
        return edges

    @cached_property
    def curated_edges(self) -> frozenset[tuple[str, str, str]]:
        """`(source path, relation, target path)` of every resolved link under `relationships`."""
        return frozenset(
            (path, link.relation, target.path)
            for path, pairs in self.edges.items()
            for link, target in pairs
            if link.curated
        )

    def points_at_itself(self, record: FileRecord, link: Link) -> bool:
        """The link names its own file (by any of its names, even one another file shares)."""
        target = self.resolve(link.target)
        if target is not None:
            return target is record
        return link.target in (record.slug, record.id, record.stem)

    @cached_property
    def suggester(self) -> Suggester:
        suggester = Suggester([*self.by_slug, *self.by_stem])
        if self._store is not None:
            memo = self._store.get(suggester.names_digest, {})
            self._store.clear()
            self._store[suggester.names_digest] = memo
            suggester.memo = memo
        return suggester

    def suggestion(self, record: FileRecord, link: Link) -> Suggestion:
        """What a "did you mean" hint offers for `link`'s unresolved target: never the file
        itself, nor a pattern the same list already links to."""
        same_list = [
            other.target
            for other in record.links
            if other is not link and other.curated == link.curated and (not link.curated or other.relation == link.relation)
        ]
        linked = {found.path for found in map(self.resolve, same_list) if found is not None}
        own = {n for n in (record.slug, record.stem, record.id) if n}
        exclude = set()
        for name in self.suggester.candidates(link.target):
            found = self.resolve(name)
            if name in own or name in same_list or (found is not None and (found is record or found.path in linked)):
                exclude.add(name)
        return self.suggester.suggest(link.target, exclude, record.slug or record.stem)


def _group(pairs: Iterable[tuple[str, FileRecord]]) -> dict[str, tuple[FileRecord, ...]]:
    groups: dict[str, list[FileRecord]] = {}
    for key, record in pairs:
        groups.setdefault(key, []).append(record)
    return {k: tuple(v) for k, v in groups.items()}
