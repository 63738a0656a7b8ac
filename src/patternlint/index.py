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
    # For the health report (no rule reads them): the domain, and the v7 scores in the order
    # of `SCORES` (None where a score is not a finite number).
    domain: str | None = None
    scores: tuple[float | None, ...] = ()
    title: str | None = None  # what an editor shows next to the slug (hover, completion)


# The eight dimension scores of `ontology.commons_assessment`, then the overall score.
SCORES = (
    "stakeholder_architecture",
    "value_creation",
    "resilience",
    "ownership",
    "autonomy",
    "composability",
    "fractal_value",
    "vitality",
    "overall_score",
)


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
        domain=_domain(doc),
        scores=_scores(doc) if doc.layout is Layout.V7 else (),
        title=title if isinstance(title := doc.get("title"), str) else None,
    )


def _domain(doc: Document) -> str | None:
    domain = doc.get("ontology", "domain") if doc.layout is Layout.V7 else doc.get("classification", "domain")
    return domain if isinstance(domain, str) else None


def _scores(doc: Document) -> tuple[float | None, ...]:
    assessment = doc.get("ontology", "commons_assessment")
    if not isinstance(assessment, dict):
        return ()
    return tuple(_weight(assessment.get(name)) for name in SCORES)


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

    def reporting(self, reported: Iterable[str] | None) -> LibraryIndex:
        """The same library, reporting on `reported`: what is already worked out is shared."""
        new = LibraryIndex.__new__(LibraryIndex)
        new.__dict__.update(self.__dict__)
        wanted = None if reported is None else set(reported)
        new.reported = self.records if wanted is None else tuple(r for r in self.records if r.path in wanted)
        return new

    def replaced(self, record: FileRecord) -> LibraryIndex:
        """This index with the record of `record.path` replaced (an editor re-lints one file per
        keystroke): only what involves the file, or the names it had or has, is worked out
        again. A file not in the index gives an index built afresh."""
        at = self._at.get(record.path)
        if at is None:
            fresh = LibraryIndex([*self.records, record], None, self._store, tuple(self.hierarchy.items()))
            return fresh.reporting(None if self.reported is self.records else (r.path for r in self.reported))
        old = self.records[at]
        path = record.path
        # What is updated below must exist here first (the language server keeps them all).
        tables = {"by_slug": self.by_slug, "by_id": self.by_id, "by_stem": self.by_stem}
        previous_edges, previous_inbound, linking = self.edges, self.inbound, dict(self.linking)
        previous_names, previous_curated = self._names, self.curated_edges

        new = LibraryIndex.__new__(LibraryIndex)
        new._store = self._store
        new.hierarchy = self.hierarchy
        records = list(self.records)
        records[at] = record
        new.records = tuple(records)
        new.reported = new.records if self.reported is self.records else tuple(
            record if r is old else r for r in self.reported
        )
        new.__dict__["_at"] = self._at
        renamed = self._renamed(old, record)
        if not renamed and "suggester" in self.__dict__:
            new.__dict__["suggester"] = self.suggester  # same names: same answers, and its tables

        for name, key_of in (("by_slug", _slug), ("by_id", _id), ("by_stem", _stem)):
            table = dict(tables[name])
            old_key, new_key = key_of(old), key_of(record)
            if old_key is not None:
                rest = tuple(r for r in table[old_key] if r is not old)
                if rest:
                    table[old_key] = rest
                else:
                    del table[old_key]
            if new_key is not None:
                table[new_key] = tuple(sorted((*table.get(new_key, ()), record), key=_path))
            new.__dict__[name] = table
        affected = {k for k in (old.slug, old.id, old.stem, record.slug, record.id, record.stem) if k is not None}
        names = dict(previous_names)
        for key in affected:
            for grouped in (new.by_slug, new.by_id, new.by_stem):
                if key in grouped:
                    found = grouped[key]
                    names[key] = found[0] if len(found) == 1 else None
                    break
            else:
                names.pop(key, None)
        new.__dict__["_names"] = names

        for name in {link.target for link in old.links}:  # a file may name a pattern twice
            left = linking[name] - {path}
            if left:
                linking[name] = left
            else:
                del linking[name]
        for link in record.links:
            linking[link.target] = linking.get(link.target, frozenset()) | {path}
        new.__dict__["linking"] = linking
        # Files whose links may now resolve elsewhere: those naming a name the file had or has.
        todo = {path}.union(*(linking.get(key, ()) for key in affected))
        edges = dict(previous_edges)
        inbound = dict(previous_inbound)
        gone: set[tuple[str, str, str]] = set()
        came: set[tuple[str, str, str]] = set()
        resolve = new.resolve
        for source in todo:
            before = previous_edges.get(source, ())
            after = tuple(
                (link, target)
                for link in new.records[self._at[source]].links
                if (target := resolve(link.target)) is not None
            )
            edges[source] = after
            for _, target in before:
                inbound[target.path] = inbound[target.path] - {source}
            for _, target in after:
                inbound[target.path] = inbound.get(target.path, frozenset()) | {source}
            gone.update((source, link.relation, target.path) for link, target in before if link.curated)
            came.update((source, link.relation, target.path) for link, target in after if link.curated)
        new.__dict__["edges"] = edges
        new.__dict__["inbound"] = inbound
        new.__dict__["curated_edges"] = (previous_curated - gone) | came
        return new

    @staticmethod
    def _renamed(old: FileRecord, new: FileRecord) -> bool:
        return (old.slug, old.id, old.stem) != (new.slug, new.id, new.stem)

    @cached_property
    def linking(self) -> Mapping[str, frozenset[str]]:
        """For each name that links use, the files with a link that names it (resolved or not)."""
        found: dict[str, set[str]] = {}
        for record in self.records:
            for link in record.links:
                found.setdefault(link.target, set()).add(record.path)
        return {k: frozenset(v) for k, v in found.items()}

    @cached_property
    def inbound(self) -> Mapping[str, frozenset[str]]:
        """For each file, the files with a link that resolves to it."""
        found: dict[str, set[str]] = {}
        for path, pairs in self.edges.items():
            for _, target in pairs:
                found.setdefault(target.path, set()).add(path)
        return {k: frozenset(v) for k, v in found.items()}

    def position(self, path: str) -> int:
        """Where the file's record is in `records`."""
        return self._at[path]

    @cached_property
    def _at(self) -> Mapping[str, int]:
        return {r.path: i for i, r in enumerate(self.records)}

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


def _slug(record: FileRecord) -> str | None:
    return record.slug


def _id(record: FileRecord) -> str | None:
    return record.id


def _stem(record: FileRecord) -> str | None:
    return record.stem


def _path(record: FileRecord) -> str:
    return record.path


def _group(pairs: Iterable[tuple[str, FileRecord]]) -> dict[str, tuple[FileRecord, ...]]:
    groups: dict[str, list[FileRecord]] = {}
    for key, record in pairs:
        groups.setdefault(key, []).append(record)
    return {k: tuple(v) for k, v in groups.items()}
