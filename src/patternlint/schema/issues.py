"""What the schema found wrong with one file's frontmatter: typed facts, never words.

Each class is one kind of issue; the rule that reports the kind writes the message and hint
from the data here. `path` is where the value sits in the frontmatter, `span` where it was
written.
"""

from __future__ import annotations

import enum
from typing import ClassVar, Union

from patternlint.frozen import frozen
from patternlint.model import Span
from patternlint.yamlload import PathPart


class IssueKind(enum.Enum):
    """The kinds of schema issue, for deciding which of several on one value to keep."""

    REQUIRED = "required"
    UNKNOWN_KEY = "unknown"
    TYPE = "type"
    ENUM = "enum"
    RANGE = "range"
    FORMAT = "format"


# What a key holds, from its schema: its allowed values (a tuple), the first sentence of its
# description (a string), or nothing known.
About = Union[tuple[object, ...], str, None]


@frozen(slots=True)
class MissingKey:
    """The mapping at `path` lacks required `key`; `about` is what the key holds."""

    kind: ClassVar[IssueKind] = IssueKind.REQUIRED
    path: tuple[PathPart, ...]
    key: str
    about: About
    span: Span


@frozen(slots=True)
class UnknownKey:
    """The mapping at `path` has `key`, which its schema does not define. `close` is a
    defined key that looks alike, `home` another place where a key of that name belongs."""

    kind: ClassVar[IssueKind] = IssueKind.UNKNOWN_KEY
    path: tuple[PathPart, ...]
    key: object
    value: object
    allowed: tuple[str, ...]
    close: str | None
    home: str | None
    span: Span
    # The mapping's own required keys that `key` wraps (`provenance: {contributors: …}`), which
    # are then not reported missing; and the keys it wraps that the mapping already sets alike.
    hides: tuple[str, ...] = ()
    repeats: tuple[str, ...] = ()
    siblings: tuple[str, ...] = ()  # every key of the mapping, as written


@frozen(slots=True)
class OtherShape:
    """The list item at `path` is written with the keys `written` (another shape, such as an
    older generator's `{target, reason, strength}`): it lacks the required keys `missing` and
    has the keys `unknown` that its schema does not define. `expected` is the schema's keys,
    `about` what each missing key holds."""

    kind: ClassVar[IssueKind] = IssueKind.REQUIRED
    path: tuple[PathPart, ...]
    written: tuple[str, ...]
    expected: tuple[str, ...]
    missing: tuple[str, ...]
    about: tuple[About, ...]
    unknown: tuple[str, ...]
    span: Span


@frozen(slots=True)
class WrongType:
    """The value at `path` is `actual`; the schema wants one of the alternatives `expected`,
    each a group of JSON type names (none when the schema's alternatives name no type)."""

    kind: ClassVar[IssueKind] = IssueKind.TYPE
    path: tuple[PathPart, ...]
    expected: tuple[tuple[str, ...], ...]
    actual: object
    about: About
    span: Span


@frozen(slots=True)
class NotAllowed:
    """The value at `path` is `actual`, not one of `allowed` (an `enum` or `const`)."""

    kind: ClassVar[IssueKind] = IssueKind.ENUM
    path: tuple[PathPart, ...]
    actual: object
    allowed: tuple[object, ...]
    span: Span


@frozen(slots=True)
class OutOfRange:
    """The number at `path` is `actual`, outside `low`…`high` (either may be open)."""

    kind: ClassVar[IssueKind] = IssueKind.RANGE
    path: tuple[PathPart, ...]
    actual: object
    low: object
    high: object
    span: Span


@frozen(slots=True)
class NotFinite:
    """The value at `path` is `.nan` or an infinity, written as `text`: JSON has no such
    numbers, so no schema range can catch them."""

    kind: ClassVar[IssueKind] = IssueKind.RANGE
    path: tuple[PathPart, ...]
    text: str
    span: Span


@frozen(slots=True)
class BadFormat:
    """The value at `path` is `actual`, not a valid `format` (a JSON Schema format name)."""

    kind: ClassVar[IssueKind] = IssueKind.FORMAT
    path: tuple[PathPart, ...]
    actual: object
    format: str
    span: Span


@frozen(slots=True)
class NotInForm:
    """The value at `path` is `actual`, which fails the schema's `keyword` (`pattern`,
    `minLength`, …, or another keyword the shipped schemas do not use); `about` is what the
    key holds."""

    kind: ClassVar[IssueKind] = IssueKind.FORMAT
    path: tuple[PathPart, ...]
    actual: object
    keyword: str
    about: About
    span: Span


SchemaIssue = Union[MissingKey, UnknownKey, OtherShape, WrongType, NotAllowed, OutOfRange, NotFinite, BadFormat, NotInForm]
