"""Why a file could not be read, split or parsed: typed facts, never words.

Reading, splitting and YAML parsing stop at the first of these; the rule that reports each kind
writes its message and hint from the data here (the rules own their words).
"""

from __future__ import annotations

from typing import Union

from patternlint.frozen import frozen
from patternlint.model import Span


@frozen(slots=True)
class CannotRead:
    """The operating system refused to read the file; `reason` is its explanation."""

    reason: str
    span: Span = Span.point(1)


@frozen(slots=True)
class NotRegularFile:
    """A FIFO, socket, device or folder where a pattern file was expected; `kind` says which."""

    name: str
    kind: str
    span: Span = Span.point(1)


@frozen(slots=True)
class LinkLeavesLibrary:
    """A symbolic link to a file outside the library (its content would be echoed)."""

    span: Span = Span.point(1)


@frozen(slots=True)
class TooLarge:
    """The file is over `max-file-size` and was not read; sizes in bytes."""

    size: int
    limit: int
    span: Span = Span.point(1)


@frozen(slots=True)
class NotUtf8:
    """The first byte (`byte`, 0–255) that does not decode, and where it is."""

    byte: int
    span: Span


@frozen(slots=True)
class EmptyFile:
    span: Span = Span.point(1)


@frozen(slots=True)
class MissingFrontmatter:
    """The file's first line (`first_line`) is not the opening `---`."""

    first_line: str
    span: Span


@frozen(slots=True)
class UnclosedFrontmatter:
    span: Span = Span(1, 1, 1, 4)


@frozen(slots=True)
class YamlSyntax:
    """libyaml gave up: `problem` is its account (backticks for quotes), `context` what it
    was reading, if it said."""

    problem: str
    context: str | None
    span: Span


@frozen(slots=True)
class UnclosedFlow:
    """A flow collection opened with `opener` (`{` or `[`) at `span` is never closed; libyaml
    noticed (`problem`) on line `gave_up_line`."""

    opener: str
    problem: str
    gave_up_line: int
    span: Span


@frozen(slots=True)
class BlockInFlow:
    """Block-style lines (`block`: a `key:` alone on its line, or a `- item`) at `span`, inside
    the flow collection `brackets` (`{…}` or `[…]`, the value of `owner`) opened on line
    `opened` and closed on line `closed`; `flow` is the entry rewritten in flow style, when it
    is simple enough to write for the author."""

    brackets: str
    opened: int
    closed: int
    block: str
    flow: str | None
    owner: str | None
    span: Span


@frozen(slots=True)
class MissingComma:
    """`word` at `span` follows the previous entry of the flow collection `brackets` opened on
    line `opened` without a `,` between them."""

    brackets: str
    opened: int
    word: str
    span: Span


@frozen(slots=True)
class UnclosedQuote:
    """The `quote` opened at `span` (the value of `key`, when known) is not closed on its line;
    `closed_by` is the later line whose quote the reader took as its end (None: the text ended
    first)."""

    quote: str
    key: str | None
    closed_by: int | None
    span: Span


@frozen(slots=True)
class ColonInValue:
    """The plain `value` of `key` contains `: ` (at `span`), which YAML reads as a second key."""

    key: str
    value: str
    span: Span


@frozen(slots=True)
class TabIndentation:
    """A tab in a line's indentation at `span`; `others` more lines are indented with tabs."""

    others: int
    span: Span


@frozen(slots=True)
class TooDeep:
    """Collections nested deeper than `max-nesting-depth` (`limit`)."""

    limit: int
    span: Span


@frozen(slots=True)
class TooManyAliasValues:
    """Aliases expand to more than `max-alias-expansion` (`limit`) values."""

    limit: int
    span: Span


@frozen(slots=True)
class SelfAlias:
    """An alias that refers to the collection it is in: the data never ends."""

    span: Span


@frozen(slots=True)
class DuplicateKey:
    """`key` set again at `span`; it was first set on line `first_line`."""

    key: str
    span: Span
    first_line: int


@frozen(slots=True)
class NotMapping:
    """The frontmatter is a YAML value other than a mapping: `found` is its Python type's name,
    or None when it is empty."""

    found: str | None
    span: Span


# A file that was not read at all, and why.
ReadProblem = Union[CannotRead, NotRegularFile, LinkLeavesLibrary, TooLarge]
# Why a read file has no usable frontmatter.
SplitProblem = Union[ReadProblem, NotUtf8, EmptyFile, MissingFrontmatter, UnclosedFrontmatter]
Problem = Union[
    SplitProblem, YamlSyntax, UnclosedFlow, BlockInFlow, MissingComma, UnclosedQuote, ColonInValue,
    TabIndentation, TooDeep, TooManyAliasValues, SelfAlias,
    DuplicateKey, NotMapping,
]  # fmt: skip
