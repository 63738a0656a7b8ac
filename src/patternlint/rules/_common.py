"""Small pieces that several rule modules share."""

from __future__ import annotations

import math
import os
from typing import Any, Callable, Iterable, Iterator

from patternlint.document import Document
from patternlint.model import FileCheck, Violation


def parse_problems(kinds: tuple[type[Any], ...], words: Callable[[Any], Violation]) -> FileCheck[object]:
    """A check that reports, in `words`, the document's reading and parsing problems of the
    given kinds (`words` takes any of them)."""

    def check(doc: Document, options: object) -> Iterator[Violation]:
        for problem in doc.problems:
            if isinstance(problem, kinds):
                yield words(problem)

    return check


def schema_issues(kinds: tuple[type[Any], ...], words: Callable[[Any], Violation]) -> FileCheck[object]:
    """A check that reports, in `words`, the document's schema issues of the given kinds
    (options that change the schema's contract are applied to the schema, not here)."""

    def check(doc: Document, options: object) -> Iterator[Violation]:
        for issue in doc.schema_issues:
            if isinstance(issue, kinds):
                yield words(issue)

    return check


def relative(path: str, seen_from: str) -> str:
    """`path` as the author of `seen_from` would reach it: `mediator.md`, `../b/x.md`."""
    here = os.path.dirname(seen_from)
    return os.path.relpath(path, here) if here else path


def join_paths(paths: Iterable[str], seen_from: str) -> str:
    """Other files named as the author in `seen_from` would reach them: `mediator.md`."""
    return ", ".join(f"`{relative(p, seen_from)}`" for p in paths)


def finite_number(value: object) -> float | None:
    """A score as a number, or None: not a number (a boolean is not), or `.nan`/`.inf`, which
    are value-out-of-range's findings."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) else None
