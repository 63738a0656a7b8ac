"""The result cache (like `.ruff_cache`): per-file results keyed by content, per library.

A file's entry is reused when its size and modification time are unchanged, or, failing that,
when its content hash is; the whole cache is void when the version, schema, rules or their
options change (the settings fingerprint). Library-wide rules are never cached: they are
recomputed every run from the cached index records, so a change in one file re-checks every
file that points at it. A cache that cannot be read or does not have exactly the expected shape
is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

from patternlint.engine import FileOutcome, Target
from patternlint.index import FileRecord, Link
from patternlint.model import Span, Violation
from patternlint.settings import Settings

FORMAT = 1
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by patternlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Cache:
    def __init__(self, file: Path, fingerprint: str, entries: dict[str, dict[str, Any]]) -> None:
        self._file = file
        self._fingerprint = fingerprint
        self._old = entries
        self._new: dict[str, dict[str, Any]] = {}
        self._dirty = False

    @classmethod
    def open(cls, cache_dir: Path, root: Path, settings: Settings) -> Cache:
        from patternlint.schema import DEFAULT_SCHEMA, schema_fingerprint

        schema = settings.schema_path or DEFAULT_SCHEMA
        fingerprint = settings.fingerprint(schema_fingerprint(schema))
        key = hashlib.blake2b(str(root).encode(), digest_size=8).hexdigest()
        file = cache_dir / f"library-{key}.json"
        return cls(file, fingerprint, _load(file, fingerprint))

    def run(
        self,
        targets: Sequence[Target],
        compute: Callable[[Sequence[Target]], list[FileOutcome]],
    ) -> list[FileOutcome]:
        outcomes: dict[str, FileOutcome] = {}
        todo: list[Target] = []
        stats: dict[str, os.stat_result | None] = {}
        for target in targets:
            key = str(target.path)
            try:
                st: os.stat_result | None = target.path.stat()
            except OSError:
                st = None
            stats[key] = st
            entry = self._old.get(key)
            outcome = self._reuse(entry, st, target) if entry is not None and st else None
            if outcome is None:
                todo.append(target)
            else:
                assert entry is not None
                outcomes[key] = outcome
                self._new[key] = entry
        if todo:
            self._dirty = True
            for target, outcome in zip(todo, compute(todo)):
                key = str(target.path)
                outcomes[key] = outcome
                st = stats[key]
                if st is not None and outcome.digest is not None:
                    self._new[key] = _encode_entry(outcome, st)
        if set(self._new) != set(self._old):
            self._dirty = True
        return [outcomes[str(t.path)] for t in targets]

    def _reuse(
        self, entry: dict[str, Any], st: os.stat_result, target: Target
    ) -> FileOutcome | None:
        if target.checked and entry["v"] is None:
            return None  # indexed before, never checked: run its rules now
        if entry["s"] != st.st_size:
            return None
        if entry["m"] != st.st_mtime_ns:
            try:
                same = digest(target.path.read_bytes()) == entry["h"]
            except OSError:
                return None
            if not same:
                return None
            entry["m"] = st.st_mtime_ns
            self._dirty = True
        try:
            return _decode_outcome(entry, target)
        except (KeyError, TypeError, ValueError, IndexError):
            return None

    def save(self) -> None:
        if not self._dirty:
            return
        folder = self._file.parent
        payload = {"format": FORMAT, "fingerprint": self._fingerprint, "files": self._new}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tag = folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(CACHEDIR_TAG, encoding="utf-8")
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by patternlint automatically.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(payload, handle, separators=(",", ":"))
                os.replace(tmp, self._file)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs speed next time


def _load(file: Path, fingerprint: str) -> dict[str, dict[str, Any]]:
    try:
        with open(file, encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(payload, dict)
        or payload.get("format") != FORMAT
        or payload.get("fingerprint") != fingerprint
        or not isinstance(payload.get("files"), dict)
    ):
        return {}
    files: dict[str, dict[str, Any]] = payload["files"]
    for entry in files.values():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("m"), int)
            and isinstance(entry.get("s"), int)
            and isinstance(entry.get("h"), str)
            and isinstance(entry.get("r"), list)
            and (entry.get("v") is None or isinstance(entry.get("v"), list))
        ):
            return {}
    return files


# ---------------------------------------------------------------------------------------------
# Compact encoding: lists, not objects, so the cache loads fast.


def _encode_entry(outcome: FileOutcome, st: os.stat_result) -> dict[str, Any]:
    r = outcome.record
    return {
        "m": st.st_mtime_ns,
        "s": st.st_size,
        "h": outcome.digest,
        "r": [
            r.stem,
            r.layout,
            r.slug,
            _span_out(r.slug_span),
            r.id,
            _span_out(r.id_span),
            [[k.relation, k.target, k.via, _span_out(k.span), k.pointer] for k in r.links],
        ],
        "v": None
        if outcome.violations is None
        else [[code, v.message, _span_out(v.span), v.hint] for code, v in outcome.violations],
    }


def _decode_outcome(entry: dict[str, Any], target: Target) -> FileOutcome:
    stem, layout, slug, slug_span, pid, id_span, links = entry["r"]
    record = FileRecord(
        path=target.display,
        stem=_str(stem),
        layout=_str(layout),
        slug=_opt_str(slug),
        slug_span=_span_in(slug_span),
        id=_opt_str(pid),
        id_span=_span_in(id_span),
        links=tuple(
            Link(_str(rel), _str(tgt), _str(via), _span_req(span), _str(ptr))
            for rel, tgt, via, span, ptr in links
        ),
    )
    raw = entry["v"]
    violations = (
        None
        if raw is None
        else tuple(
            (_str(code), Violation(_str(msg), _span_req(span), _opt_str(hint)))
            for code, msg, span, hint in raw
        )
    )
    return FileOutcome(target.display, record, violations, _str(entry["h"]))


def _span_out(span: Span | None) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _span_in(value: object) -> Span | None:
    return None if value is None else _span_req(value)


def _span_req(value: object) -> Span:
    if not (isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value)):
        raise ValueError("bad span")
    return Span(*value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("bad string")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)
