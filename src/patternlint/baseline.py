"""Baselines: record today's findings, then gate only on new ones.

A finding is identified by what it is about, never by its line or its place in a list: its
rule code, the pattern it is in (the pattern's `id`, else its `slug`; the file's path only for a
file that has neither), and its message with line numbers masked and list positions named by
their item (`` `relationships.enables[0].weight` `` is keyed as
`` `relationships.enables[pass-boundaries].weight` ``). So an edit that moves lines, an item
added at the start of a list, and a renamed or moved file all keep a finding's identity.

Baselines of version 1 (keyed by path and message as reported) still load: their entries match
as they always did. The same masked identity, by path, gives SARIF's `partialFingerprints` and
GitLab's `fingerprint`.

Paths in a baseline file are relative to the baseline file's folder, with `/` separators, so
the file works from any current folder and on any system.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from patternlint.frozen import frozen
from patternlint.result import LintResult, UsageError
from patternlint.model import Finding
from patternlint.reporters.escape import clean

if TYPE_CHECKING:
    from patternlint.facts import FileRecord

FORMAT_VERSION = 2
READS = (1, 2)  # the versions `load` reads
_LINE_NUMBER = re.compile(r"\b(lines?) \d+")
_POSITION = re.compile(r"[A-Za-z_][\w.]*\[\d+\]")

Key = tuple[str, ...]


def identity(code: str, path: str, message: str) -> Key:
    """The key of a finding: code, `/`-separated path, message with line numbers masked."""
    return code, clean(path.replace(os.sep, "/")), _LINE_NUMBER.sub(r"\1 N", clean(message))


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """A stable, unique fingerprint per finding: its identity plus which occurrence it is."""
    seen: Counter[Key] = Counter()
    prints = []
    for f in findings:
        key = identity(f.code, f.path, f.message)
        occurrence = seen[key]
        seen[key] += 1
        blob = "\0".join((*key, str(occurrence))).encode("utf-8")
        prints.append(hashlib.blake2b(blob, digest_size=16).hexdigest())
    return prints


@frozen
class Subject:
    """What a file's findings are about: its pattern, and its list items by name."""

    pattern: str | None  # the pattern's id, else its slug; None: only the path names it
    items: Mapping[str, str]  # `relationships.enables[0]` -> `relationships.enables[boundaries]`

    def named(self, message: str) -> str:
        """`message` with the list positions it names replaced by their items' names."""
        if not self.items or "[" not in message:
            return message
        return _POSITION.sub(lambda m: self.items.get(m.group(0), m.group(0)), message)


def subject(record: FileRecord) -> Subject:
    items: dict[str, str] = {}
    for link in record.links:
        end = link.pointer.find("]")
        if end < 0:
            continue  # a field of one name (`parent: garden-design`): no list position to name
        position = link.pointer[: end + 1]
        items[position] = position[: position.index("[")] + f"[{link.target}]"
    return Subject(record.id or record.slug, items)


Subjects = Mapping[str, "FileRecord"]  # the displayed path of each file of the run: its record


def _about(code: str, pattern: str | None, path: str, named: str) -> Key:
    """The key of a finding in a baseline of version 2."""
    subject = ("pattern", pattern) if pattern else ("file", clean(path))
    return code, *subject, _LINE_NUMBER.sub(r"\1 N", clean(named))


@frozen
class Entry:
    """One baselined finding; `path` is relative to the baseline file's folder. Entries of a
    version 1 baseline have no `pattern` and no `named`: they are keyed by path."""

    path: str
    code: str
    message: str
    pattern: str | None = None
    named: str | None = None  # the message with list positions named; None: as `message`
    version: int = FORMAT_VERSION

    @property
    def key(self) -> Key:
        if self.version == 1:
            return identity(self.code, self.path, self.message)
        return _about(self.code, self.pattern, self.path, self.named or self.message)


@frozen
class Baseline:
    entries: tuple[Entry, ...]
    folder: Path  # absolute: the baseline file's folder


@frozen
class Applied:
    """What `apply` did: findings matched by the baseline, and entries that no longer occur."""

    matched: int
    stale: tuple[Entry, ...]


def _relative(path: str, cwd: Path, folder: Path) -> str:
    return Path(os.path.relpath(os.path.normpath(cwd / path), folder)).as_posix()


def _described(finding: Finding, subjects: Subjects, cache: dict[str, Subject]) -> tuple[str | None, str]:
    """The pattern a finding is in, and its message with list positions named."""
    if finding.path not in cache:
        record = subjects.get(finding.path)
        cache[finding.path] = subject(record) if record is not None else Subject(None, {})
    about = cache[finding.path]
    return about.pattern, about.named(finding.message)


def write(file: Path, result: LintResult, cwd: Path, subjects: Subjects) -> int:
    """Record every finding of `result` in `file`; returns how many. `subjects` has the
    record of each file with findings: the pattern and list items they are about."""
    folder = (cwd / file).parent.absolute()
    seen: dict[str, Subject] = {}
    entries = sorted(
        (_relative(f.path, cwd, folder), f.code, f.rule, f.message, *_described(f, subjects, seen))
        for f in result.findings
    )
    lines = []
    for path, code, rule, message, pattern, named in entries:
        item: dict[str, str] = {"path": clean(path)}
        if pattern:
            item["pattern"] = clean(pattern)
        item.update(code=code, rule=rule, message=clean(message))
        if named != message:
            item["named"] = clean(named)
        lines.append(json.dumps(item, ensure_ascii=False))
    body = ",\n  ".join(lines)
    text = (
        f'{{"version": {FORMAT_VERSION}, "tool": "patternlint", "findings": ['
        + (f"\n  {body}\n" if lines else "")
        + "]}\n"
    )
    try:
        (cwd / file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the baseline `{file}`: {exc.strerror or exc}") from None
    return len(entries)


def load(file: Path, cwd: Path) -> Baseline:
    path = cwd / file
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the baseline `{file}`: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"the baseline `{file}` is not valid JSON: {exc}") from None
    if not (
        isinstance(raw, dict)
        and raw.get("version") in READS
        and isinstance(raw.get("findings"), list)
    ):
        raise UsageError(
            f"`{file}` is not a patternlint baseline (version {FORMAT_VERSION}); "
            "write one with `--write-baseline`"
        )
    entries = []
    for item in raw["findings"]:
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("path", "code", "message"))
        ):
            raise UsageError(
                f"the baseline `{file}` has an entry without a `path`, `code` and `message`: {item!r}"
            )
        pattern, named = item.get("pattern"), item.get("named")
        entries.append(
            Entry(
                item["path"], item["code"], item["message"],
                pattern if isinstance(pattern, str) else None,
                named if isinstance(named, str) else None,
                raw["version"],
            )
        )
    return Baseline(tuple(entries), path.parent.absolute())


def apply(
    result: LintResult, baseline: Baseline, cwd: Path, checked: Iterable[str], subjects: Subjects
) -> tuple[LintResult, Applied]:
    """`result` without the findings in `baseline`, and which entries no longer occur.

    An entry is stale when its file was checked in this run and the finding is gone, or when
    its file no longer exists. Entries for files outside this run's paths are left alone.
    """
    remaining = Counter(e.key for e in baseline.entries)
    new: list[Finding] = []
    matched = 0
    seen: dict[str, Subject] = {}
    relative: dict[str, str] = {}  # a file's findings come together: its path once
    for f in result.findings:
        if f.path not in relative:
            relative[f.path] = _relative(f.path, cwd, baseline.folder)
        path = relative[f.path]
        pattern, named = _described(f, subjects, seen)
        for key in (_about(f.code, pattern, path, named), identity(f.code, path, f.message)):
            if remaining[key] > 0:
                remaining[key] -= 1
                matched += 1
                break
        else:
            new.append(f)
    in_run = {_relative(p, cwd, baseline.folder) for p in checked}
    stale = []
    for entry in baseline.entries:
        if remaining[entry.key] <= 0:
            continue
        if entry.path in in_run or not os.path.lexists(baseline.folder / entry.path):
            remaining[entry.key] -= 1
            stale.append(entry)
    return replace(result, findings=tuple(new)), Applied(matched, tuple(stale))
