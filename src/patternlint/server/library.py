"""The library as the server holds it: every file's outcome, with the editor's open buffers in
place of the files on disk.

It is `check`'s pipeline, kept alive: the settings come from `service.resolve_settings` (the
same configuration discovery), the files from `discover.plan`, each file's outcome from
`pipeline.Driver` (through the cache at start-up; an open buffer as a `Target` with `content`),
and the findings from `Driver.result`, which runs the library rules over every file's record
and reports on the files asked for. Nothing here knows about the protocol.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from patternlint.frozen import frozen
from patternlint import source
from patternlint.discover import display_path
from patternlint.document import Document
from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord
from patternlint.model import Finding
from patternlint.pipeline import Driver
from patternlint.reading import read
from patternlint.result import FileOutcome, Target
from patternlint.runner import document
from patternlint.settings import Settings


@frozen
class Loaded:
    """A file's text as the server sees it now (the open buffer, else the file on disk)."""

    target: Target
    data: bytes
    text: str
    document: Document


class Library:
    """One library, its files' outcomes, and the open buffers that override them."""

    def __init__(self, folder: Path, config: Path | None = None) -> None:
        from patternlint.discover import plan
        from patternlint.service import CheckRequest, Selection, resolve_settings

        self.folder = folder
        self.config = config
        request = CheckRequest((folder,), folder, Selection(config=config))
        self.settings: Settings = resolve_settings(request).settings
        # The rules' modules (and the parsers they import) are loaded here, not by the first
        # file opened: `check` imports them only when it checks a file, a server always will.
        self.settings.rules  # noqa: B018
        self.root, self.targets = plan([folder], self.settings, folder)
        self.driver = Driver(self.settings, self.root)
        # The index needs every file's record; only the files reported on need their
        # violations (decoded from the cache when first reported: see `_complete`).
        self.stored = self.driver.cache
        known = {} if self.stored is None else self.stored.lookup(self.targets, findings=False)[0]
        self.outcomes: list[FileOutcome] = self.driver.outcomes(self.targets, known)
        self.driver.close()
        # In-memory files never touch the cache from here on (the buffers are not on disk).
        self.driver.cache = None
        self.where: dict[str, int] = {}
        self._reindex()
        self.buffers: dict[int, bytes] = {}  # target position: the open buffer's bytes
        self._parsed: dict[int, Loaded] = {}  # open buffers, parsed
        self._index: LibraryIndex | None = None

    # -- which file ------------------------------------------------------------------------

    def _reindex(self) -> None:
        self.where = {}
        for i, target in enumerate(self.targets):
            self.where[str(target.path)] = i
        self.by_display = {t.display: i for i, t in enumerate(self.targets)}

    def find(self, path: Path) -> int | None:
        """The position of the file among the targets, by its path or the path it resolves to."""
        found = self.where.get(str(path))
        if found is None:
            found = self.where.get(os.path.realpath(path))
        if found is None and self._realpaths is None:
            self._realpaths = {os.path.realpath(t.path): i for i, t in enumerate(self.targets)}
        if found is None and self._realpaths is not None:
            found = self._realpaths.get(os.path.realpath(path))
        return found

    _realpaths: dict[str, int] | None = None

    def belongs(self, path: Path) -> bool:
        """Whether a file not yet known would be part of the library: below its folder, in no
        excluded folder, and included (as `discover` walks it)."""
        from patternlint.discover import _prefix
        from patternlint.globs import path_filter

        path = path.absolute()
        if not path.is_relative_to(self.root):
            return False
        selected = path_filter(self.settings.include, self.settings.exclude)
        *folders, name = path.relative_to(self.root).parts
        here = _prefix(self.root, self.settings)
        for folder in folders:
            if selected.excludes(folder, here + folder):
                return False
            here += folder + "/"
        return selected.includes(name, here + name)

    def add(self, path: Path) -> int | None:
        """Take a file into the library (created on disk, or opened before it was saved)."""
        found = self.find(path)
        if found is not None:
            return found
        if not self.belongs(path):
            return None
        target = Target(path.absolute(), display_path(path.absolute(), self.folder), True)
        self.targets.append(target)
        self.outcomes.append(self.driver.outcomes([target])[0])
        self._realpaths = None
        self._reindex()
        self._index = None
        return len(self.targets) - 1

    def remove(self, path: Path) -> str | None:
        """A file deleted on disk: it leaves the library (unless it is open). Its display path."""
        found = self.find(path)
        if found is None or found in self.buffers:
            return None
        display = self.targets[found].display
        del self.targets[found]
        del self.outcomes[found]
        self.buffers = {(i if i < found else i - 1): b for i, b in self.buffers.items()}
        self._parsed = {}
        self._realpaths = None
        self._reindex()
        self._index = None
        return display

    # -- contents --------------------------------------------------------------------------

    def update(self, i: int, text: str | None) -> None:
        """The file's text is `text` (an open buffer), or, with None, the file on disk again."""
        if text is None:
            self.buffers.pop(i, None)
            content = None
        else:
            content = text.encode("utf-8", "surrogatepass")
            self.buffers[i] = content
        self.outcomes[i] = self.driver.outcomes([replace(self.targets[i], content=content)])[0]
        if self._index is not None:
            self._index = self._index.replaced(self.outcomes[i].record)
            self._warm(self._index)

    def text(self, i: int) -> str | None:
        """The file's text as the server sees it (without parsing it); None when unreadable."""
        data = self.buffers.get(i)
        if data is None:
            got = read(self.targets[i].path, self.settings, self.root)
            if not isinstance(got, bytes):
                return None
            data = got
        decoded = source.decode(data)
        return decoded[0] if isinstance(decoded, tuple) else None

    def loaded(self, i: int) -> Loaded | None:
        """The file's text and parsed document as the server sees it; None when unreadable.
        An open buffer's is kept until it changes (requests come many times per edit)."""
        kept = self._parsed.get(i)
        if kept is not None and i in self.buffers and kept.data is self.buffers[i]:
            return kept
        target = self.targets[i]
        data = self.buffers.get(i)
        if data is None:
            got = read(target.path, self.settings, self.root)
            if not isinstance(got, bytes):
                return None
            data = got
        decoded = source.decode(data)
        if not isinstance(decoded, tuple):
            return None
        loaded = Loaded(target, data, decoded[0], document(target, data, self.settings))
        if i in self.buffers:
            self._parsed[i] = loaded
        return loaded

    @property
    def index(self) -> LibraryIndex:
        if self._index is None:
            # As `collect` builds it for `check`: the profile says which way generalization runs.
            self._index = LibraryIndex((o.record for o in self.outcomes), links=self.settings.links)
            self._warm(self._index)
        return self._index

    @staticmethod
    def _warm(index: LibraryIndex) -> None:
        # Worked out on the kept index, not on the copy each run reports with, so that the next
        # edit updates them instead of building them again.
        index.edges, index.curated_edges, index.inbound, index.linking, index.suggester  # noqa: B018

    def record(self, i: int) -> FileRecord:
        return self.outcomes[i].record

    # -- findings --------------------------------------------------------------------------

    def findings(self, reported: Iterable[int]) -> dict[int, list[Finding]]:
        """The findings of the files at `reported`, against the whole library, as `check`
        reports them."""
        wanted = sorted(set(reported))
        for i in wanted:
            if self.outcomes[i].violations is None and self.targets[i].checked:
                self._complete(i)
        targets = [self.targets[i] for i in wanted]
        result = self.driver.result(targets, self.outcomes, self.index)
        found: dict[int, list[Finding]] = {i: [] for i in wanted}
        for finding in result.findings:
            at = self.by_display.get(finding.path)
            if at is not None and at in found:
                found[at].append(finding)
        return found

    def _complete(self, i: int) -> None:
        """The file's outcome with its violations and suppressions: from the cache entry its
        record came from, else the file checked again (its record too, should it differ)."""
        target = self.targets[i]
        found = None if self.stored is None else self.stored.findings_of(target, self.outcomes[i])
        if found is not None:
            self.outcomes[i] = found
        else:
            self.update(i, None)

    def dependents(self, names: Iterable[str]) -> set[int]:
        """The files whose links name any of `names` (a changed file's old and new slug, id and
        file name): an edit may have broken them, or mended them."""
        linking = self.index.linking
        paths = set().union(*(linking.get(name, ()) for name in names))
        return {self.by_display[p] for p in paths if p in self.by_display}




def names(record: FileRecord) -> set[str]:
    """Every name a link may use for the file."""
    return {n for n in (record.slug, record.id, record.stem) if n}
