"""Small pieces that several rule modules share."""

from __future__ import annotations

import difflib
from typing import Iterable, Iterator, Mapping, Sequence

from patternlint.document import Document
from patternlint.model import FileCheck, Violation
from patternlint.schema import IssueKind


def parse_problems(kind: str) -> FileCheck:
    """A check that reports the document's reading problems of one kind."""

    def check(doc: Document, options: Mapping[str, object]) -> Iterator[Violation]:
        for problem in doc.problems:
            if problem.kind == kind:
                yield problem.violation

    return check


def schema_issues(kind: IssueKind) -> FileCheck:
    """A check that reports the document's schema errors of one kind."""

    def check(doc: Document, options: Mapping[str, object]) -> Iterator[Violation]:
        for issue in doc.schema_issues:
            if issue.kind is kind:
                yield issue.violation

    return check


def did_you_mean(word: str, candidates: Sequence[str], cutoff: float = 0.8) -> str | None:
    """The single close match of `word`, as a hint, or None when nothing is close."""
    lo, hi = len(word) * 0.7, len(word) * 1.3 + 2
    near = [c for c in candidates if lo <= len(c) <= hi]
    match = difflib.get_close_matches(word, near, n=1, cutoff=cutoff)
    return f"did you mean `{match[0]}`?" if match else None


def join_paths(paths: Iterable[str]) -> str:
    return ", ".join(f"`{p}`" for p in paths)
