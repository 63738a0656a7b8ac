"""The library index: what library-wide rules need from each file, small enough to cache."""

from __future__ import annotations

import math
from functools import cached_property
from typing import Iterable, Mapping, MutableMapping

from patternlint.document import Document
from patternlint.facts import SCORES, FileRecord, Layout, Link
from patternlint.links import General, LinkField, Links, body_names
from patternlint.problems import MissingFrontmatter
from patternlint.model import Span
from patternlint.suggest import Suggester, Suggestion
from patternlint.yamlload import PathPart, Positions


def record_for(doc: Document) -> FileRecord:
    slug = doc.get("slug")
    pid = doc.get("id")
    positions = doc.positions
    linked = _reads_links(doc)
    return FileRecord(
        path=doc.path,
        stem=doc.stem,
        layout=doc.layout,
        slug=slug if isinstance(slug, str) else None,
        slug_span=positions.value_span(("slug",)) if isinstance(slug, str) and positions else None,
        id=pid if isinstance(pid, str) else None,
        id_span=positions.value_span(("id",)) if isinstance(pid, str) and positions else None,
        links=_links(doc) if linked else (),
        shared=doc.shared_marks,
        domain=_domain(doc),
        scores=_scores(doc) if doc.layout is Layout.V7 else (),
        title=title if isinstance(title := doc.get("title"), str) else None,
        linked=linked,
    )


def _domain(doc: Document) -> str | None:
    domain = doc.get("ontology", "domain") if doc.layout is Layout.V7 else doc.get("classification", "domain")
    return domain if isinstance(domain, str) else None


def _scores(doc: Document) -> tuple[float | None, ...]:
    assessment = doc.get("ontology", "commons_assessment")
    if not isinstance(assessment, dict):
        return ()
    return tuple(_weight(assessment.get(name)) for name in SCORES)


def _reads_links(doc: Document) -> bool:
    """Whether the file's profile reads links from it: it declares some, the file is in the
    profile's layout (`legacy-layout` reports one in another once), and it has metadata or the
    profile reads links in the body."""
    fields = doc.profile.links.fields
    if not fields or not doc.profile.in_layout(doc.layout):
        return False
    return doc.layout is not Layout.NONE or any(f.body is not None for f in fields)


def _links(doc: Document) -> tuple[Link, ...]:
    """The links of the fields the file's profile declares (in a file it reads them from), in
    the order of the fields' groups (commons-v7: the order of its fields)."""
    links = doc.profile.links
    data, positions = doc.data, doc.positions
    found: list[Link] = []
    if data is not None and positions is not None:
        for parent, fields in links.groups:
            group: object = data
            for part in parent:
                group = group.get(part) if isinstance(group, dict) else None
            if not isinstance(group, dict):
                continue
            for field in fields:
                value = group.get(field.path[-1])
                if isinstance(value, list):
                    found += _items(field, value, positions)
                elif value is not None:
                    found += _items(field, [value], positions, False)
    for field in links.in_body:
        found += _body_links(doc, field)
    return tuple(found)


def _items(field: LinkField, items: list[object], positions: Positions, listed: bool = True) -> list[Link]:
    """The links the items of a field's list write (`listed`), or its one value: each a name,
    or a mapping with the name under one of the field's keys. Every file's links go through
    here (33,448 in the reference library), so the loop is written out."""
    found = []
    # Where each link's name is written, below the field's path (walked once for all of them).
    tails: list[tuple[PathPart, ...]] = []
    path, dotted, keys, inferred = field.path, field.dotted, field.keys, field.inferred
    weight_key, type_key = field.weight, field.type_key
    for i, item in enumerate(items):
        weight = None
        relation = field.type
        if isinstance(item, str):
            target = item
            via = "string"
            tail: tuple[PathPart, ...] = (i,) if listed else ()
            pointer = f"{dotted}[{i}]" if listed else dotted
        elif isinstance(item, dict):
            for key in keys:
                named = item.get(key)
                if isinstance(named, str):
                    break
            else:
                continue
            target, via = named, key
            if listed:
                tail = (i, key)
            else:
                tail = (key,)
            pointer = f"{dotted}[{i}].{key}" if listed else f"{dotted}.{key}"
            if weight_key is not None:
                weight = _weight(item.get(weight_key))
            if type_key is not None:
                kind = item.get(type_key)
                relation = kind if isinstance(kind, str) else ""
        else:
            continue
        if type_key is not None and via == "string":
            relation = ""
        tails.append(tail)
        found.append((relation, target, "inferred" if inferred else via, pointer, weight))
    spans = positions.value_spans(path, tails)
    return [
        Link(relation, target, via, span, pointer, weight)
        for (relation, target, via, pointer, weight), span in zip(found, spans)
    ]


def _body_links(doc: Document, field: LinkField) -> list[Link]:
    """The links the body writes in the field's form; a link's pointer is empty (it is no
    metadata item), its span the file name it gives."""
    problem = doc.source.problem
    if problem is not None and not isinstance(problem, MissingFrontmatter):
        return []
    assert field.body is not None
    lines = doc.source.body_lines
    found = []
    for target, start, end in body_names(field.body, doc.source.body, doc.blocks.code):
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        found.append(Link(field.type, target, "inferred" if field.inferred else "body", Span(line, column, end_line, end_column), ""))
    return found


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
        *,
        links: Links,
    ) -> None:
        # How links are read: what names they may use, which types pair up (the profiles say).
        self.links = links
        # Which end of each generalization link type is the more general.
        self.hierarchy: Mapping[str, General] = dict(links.hierarchy)
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
            fresh = LibraryIndex([*self.records, record], None, self._store, links=self.links)
            return fresh.reporting(None if self.reported is self.records else (r.path for r in self.reported))
        old = self.records[at]
        path = record.path
        # What is updated below must exist here first (the language server keeps them all).
        tables = {"by_slug": self.by_slug, "by_id": self.by_id, "by_stem": self.by_stem}
        previous_edges, previous_inbound, linking = self.edges, self.inbound, dict(self.linking)
        previous_names, previous_curated = self._names, self.curated_edges

        new = LibraryIndex.__new__(LibraryIndex)
        new._store = self._store
        new.links, new.hierarchy = self.links, self.hierarchy
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
            for grouped in new._tables:
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
        # The loops of this table and the next three run over every link of the library when a
        # language server starts (33,448 in the reference library): written out, no call a link.
        found: dict[str, set[str]] = {}
        get = found.get
        for record in self.records:
            path = record.path
            for link in record.links:
                files = get(target := link.target)
                if files is None:
                    found[target] = {path}
                else:
                    files.add(path)
        return {k: frozenset(v) for k, v in found.items()}

    @cached_property
    def inbound(self) -> Mapping[str, frozenset[str]]:
        """For each file, the files with a link that resolves to it."""
        found: dict[str, set[str]] = {}
        get = found.get
        for path, pairs in self.edges.items():
            for _, target in pairs:
                files = get(to := target.path)
                if files is None:
                    found[to] = {path}
                else:
                    files.add(path)
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

    @property
    def _tables(self) -> tuple[Mapping[str, tuple[FileRecord, ...]], ...]:
        """The names links may use (`Links.targets`), in order of precedence."""
        return tuple(getattr(self, f"by_{kind}") for kind in self.links.targets)

    def resolves(self, target: str) -> bool:
        """A link target names a pattern when it is any file's name of a kind the profile lets
        links use (slug, id, file name)."""
        return target in self._names

    def resolve(self, target: str) -> FileRecord | None:
        """The one file a link target names, by the first kind of name that has it (commons:
        slug first, the page's URL, then id, then file name). None when it names no file, or
        several (PL502/PL503 report those)."""
        return self._names.get(target)

    @cached_property
    def _names(self) -> Mapping[str, FileRecord | None]:
        # One table for `resolve`, filled in reverse order of precedence so the first wins.
        names: dict[str, FileRecord | None] = {}
        for table in reversed(self._tables):
            for key, found in table.items():
                names[key] = found[0] if len(found) == 1 else None
        return names

    @cached_property
    def edges(self) -> Mapping[str, tuple[tuple[Link, FileRecord], ...]]:
        """Each file's links that resolve to one file, with that file, keyed by the file's path."""
        resolve = self._names.get  # as `resolve`
        return {
            record.path: tuple([(link, target) for link in record.links if (target := resolve(link.target)) is not None])
            for record in self.records
        }

    @cached_property
    def curated_edges(self) -> frozenset[tuple[str, str, str]]:
        """`(source path, relation, target path)` of every resolved link an author wrote."""
        return frozenset(
            [
                (path, link.relation, target.path)
                for path, pairs in self.edges.items()
                for link, target in pairs
                if link.via != "inferred"  # as `Link.curated`
            ]
        )

    def points_at_itself(self, record: FileRecord, link: Link) -> bool:
        """The link names its own file (by any of its names, even one another file shares)."""
        target = self.resolve(link.target)
        if target is not None:
            return target is record
        return link.target in self.own_names(record)

    def link_name(self, record: FileRecord) -> str:
        """The name a link written for `record` uses: its slug or file name, the first that links
        may use, else its id (ids are opaque, `pat_d508…`)."""
        kinds = sorted(self.links.targets, key=lambda kind: kind == "id")
        return next((n for n in (getattr(record, kind) for kind in kinds) if n), record.stem)

    def own_names(self, record: FileRecord) -> tuple[str | None, ...]:
        """The names of `record` that links may use."""
        return tuple(getattr(record, kind) for kind in self.links.targets)

    @cached_property
    def suggester(self) -> Suggester:
        # Ids are opaque (`pat_d508…`): a hint offers slugs and file names only.
        suggester = Suggester([*(self.by_slug if "slug" in self.links.targets else ()), *(self.by_stem if "stem" in self.links.targets else ())])
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
        own = {n for n in self.own_names(record) if n}
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
