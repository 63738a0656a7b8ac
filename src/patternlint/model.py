"""The data that flows through the pipeline: positions, violations, findings, rule metadata."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Callable, Generic, Iterable, Iterator, TypeVar, Union

from patternlint.frozen import frozen

if TYPE_CHECKING:
    from patternlint.document import Document
    from patternlint.fixes import Fix
    from patternlint.index import LibraryIndex
    from patternlint.schema import Overrides
    from patternlint.suppressions import Suppression

# One step of a path into the metadata: a mapping's key or a list's index.
PathPart = Union[str, int]

# A rule's options: the frozen dataclass it declares, or None for a rule without options.
O = TypeVar("O")


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


@frozen(slots=True)
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


@frozen(slots=True)
class Violation:
    """What a rule yields: the engine stamps code, severity and path on it."""

    message: str
    span: Span
    hint: str | None = None
    fix: Fix | None = None  # only from a rule whose `fixable` says so


@frozen(slots=True)
class LibraryViolation:
    """A violation found by a library-wide rule; it names the file it belongs to."""

    path: str
    violation: Violation


@frozen(slots=True)
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


FileCheck = Callable[["Document", O], Iterable[Violation]]
LibraryCheck = Callable[["LibraryIndex", O], Iterable[LibraryViolation]]


@frozen
class Rule(Generic[O]):
    """One rule: stable code, kebab-case name, and a pure check function.

    The rule module's docstring is its documentation page (`patternlint explain CODE`). A rule
    with options declares them once, as a frozen dataclass with defaults (`options`, read and
    checked by `patternlint.options`); its check receives an instance, a rule without options
    receives None.
    """

    code: str
    name: str
    summary: str
    scope: Scope
    severity: Severity
    doc: str
    file_check: FileCheck[O] | None = None
    library_check: LibraryCheck[O] | None = None
    fixable: Fixability = Fixability.NONE
    enabled_by_default: bool = True
    options: type[O] | None = None
    # Options that change the contract the profile's schema states (a range, a pattern) say
    # how, as `schema.Override`s; applied when they differ from the defaults.
    schema_overrides: Callable[[O], Overrides] | None = None
    # The typed reading, parsing or schema problems (`problems`, `schema.issues`) that this
    # rule words and reports: who to name when a fix would create one.
    reports: tuple[type[object], ...] = ()
    # A rule of scope SUPPRESSIONS words an inline suppression that suppressed nothing, or
    # that names (`unknown`) no rule.
    suppression_check: Callable[[Suppression, str | None], Violation] | None = None

    def check_file(self, doc: Document, options: O) -> Iterator[Violation]:
        assert self.file_check is not None
        yield from self.file_check(doc, options)

    def check_library(self, index: LibraryIndex, options: O) -> Iterator[LibraryViolation]:
        assert self.library_check is not None
        yield from self.library_check(index, options)
