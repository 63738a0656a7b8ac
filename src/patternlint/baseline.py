"""Baselines: record today's findings, then gate only on new ones.

A finding is identified by its rule code, its file and its message, never by its line: the
message names the JSON pointer or slug it is about (`` `relationships.enables[0].weight` is
`1.4` ``), so an edit elsewhere in the file, which moves lines, keeps the finding's identity.
The few messages that mention a line number (`first set on line 43`) have it masked. The same
identity gives SARIF's `partialFingerprints` and GitLab's `fingerprint`.

Paths in a baseline file are relative to the baseline file's folder, with `/` separators, so
the file works from any current folder and on any system.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from patternlint.result import LintResult, UsageError
from patternlint.model import Finding
from patternlint.reporters.escape import clean

FORMAT_VERSION = 1
_LINE_NUMBER = re.compile(r"\b(lines?) \d+")

Key = tuple[str, str, str]


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


@dataclass(frozen=True)
class Entry:
    """One baselined finding; `path` is relative to the baseline file's folder."""

    path: str
    code: str
    message: str

    @property
    def key(self) -> Key:
        return identity(self.code, self.path, self.message)


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...]
    folder: Path  # absolute: the baseline file's folder


@dataclass(frozen=True)
class Applied:
    """What `apply` did: findings matched by the baseline, and entries that no longer occur."""

    matched: int
    stale: tuple[Entry, ...]


def _relative(path: str, cwd: Path, folder: Path) -> str:
    return Path(os.path.relpath(os.path.normpath(cwd / path), folder)).as_posix()


def write(file: Path, result: LintResult, cwd: Path) -> int:
    """Record every finding of `result` in `file`; returns how many."""
    folder = (cwd / file).parent.absolute()
    entries = sorted(
        (_relative(f.path, cwd, folder), f.code, f.rule, f.message) for f in result.findings
    )
    lines = [
        json.dumps(
            {"path": clean(path), "code": code, "rule": rule, "message": clean(message)},
            ensure_ascii=False,
        )
        for path, code, rule, message in entries
    ]
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
        and raw.get("version") == FORMAT_VERSION
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
        entries.append(Entry(item["path"], item["code"], item["message"]))
    return Baseline(tuple(entries), path.parent.absolute())


def apply(
    result: LintResult, baseline: Baseline, cwd: Path, checked: Iterable[str]
) -> tuple[LintResult, Applied]:
    """`result` without the findings in `baseline`, and which entries no longer occur.

    An entry is stale when its file was checked in this run and the finding is gone, or when
    its file no longer exists. Entries for files outside this run's paths are left alone.
    """
    remaining = Counter(e.key for e in baseline.entries)
    new: list[Finding] = []
    matched = 0
    for f in result.findings:
        key = identity(f.code, _relative(f.path, cwd, baseline.folder), f.message)
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
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
