"""The data that flows through the pipeline: positions, violations, findings, rule metadata."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

if TYPE_CHECKING:
    from patternlint.document import Document
    from patternlint.fixes import Fix
    from patternlint.index import LibraryIndex


class Severity(enum.IntEnum):
    """Ordered so that `max()` picks the most serious one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class Scope(enum.Enum):
    FILE = "file"
    LIBRARY = "library"
    # Reported by the engine while it applies inline suppressions, after every other rule.
    SUPPRESSIONS = "suppressions"


class Fixability(enum.Enum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column, counted from the top of the file (the opening `---` is line 1).

    `end_line`/`end_column` point just past the last character, like SARIF regions.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @staticmethod
    def point(line: int, column: int = 1) -> Span:
        return Span(line, column, line, column)


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: the engine stamps code, severity and path on it."""

    message: str
    span: Span
    hint: str | None = None
    fix: Fix | None = None  # only from a rule whose `fixable` says so


@dataclass(frozen=True, slots=True)
class LibraryViolation:
    """A violation found by a library-wide rule; it names the file it belongs to."""

    path: str
    violation: Violation


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    span: Span
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


FileCheck = Callable[["Document", Mapping[str, object]], Iterable[Violation]]
LibraryCheck = Callable[["LibraryIndex", Mapping[str, object]], Iterable[LibraryViolation]]


@dataclass(frozen=True)
class Rule:
    """One rule: stable code, kebab-case name, and a pure check function.

    The rule module's docstring is its documentation page (`patternlint explain CODE`).
    """

    code: str
    name: str
    summary: str
    scope: Scope
    severity: Severity
    doc: str
    file_check: FileCheck | None = None
    library_check: LibraryCheck | None = None
    fixable: Fixability = Fixability.NONE
    enabled_by_default: bool = True
    options: Mapping[str, object] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Callable[[str], Rule], tuple[str]]:
        # Rules travel to worker processes by code: their checks are plain module functions
        # and closures, which pickle cannot carry.
        return (_registered_rule, (self.code,))

    def check_file(self, doc: Document, options: Mapping[str, object]) -> Iterator[Violation]:
        assert self.file_check is not None
        yield from self.file_check(doc, options)

    def check_library(
        self, index: LibraryIndex, options: Mapping[str, object]
    ) -> Iterator[LibraryViolation]:
        assert self.library_check is not None
        yield from self.library_check(index, options)


def _registered_rule(code: str) -> Rule:
    from patternlint.rules import BY_CODE

    return BY_CODE[code]
