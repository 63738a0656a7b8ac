"""Links between patterns, as a contract declares them: which metadata fields name other
patterns, what a name resolves against, which link types are each other's inverse, which pairs
contradict each other, and which end of a generalization link is the more general pattern.

The relationship rules read only this declaration; none of them knows a field or a type name.
The built-in commons-v7 contract declares its links in `contracts/commons-v7.toml`.
"""

from __future__ import annotations

import enum
import re
from functools import cached_property
from typing import Iterable, Iterator, Mapping

from patternlint.frozen import frozen

# How a body writes links to other files: `[text](other.md)`, `[[other]]`, Org's `[[file:other.org]]`.
BODY_FORMS = ("markdown", "wiki", "org")

# What a link's target may name, each a way every file is named: its `slug`, its `id`, its
# file name without `.md` (`stem`).
TARGET_KINDS = ("slug", "id", "stem")


class General(enum.Enum):
    """Which end of a generalization link is the more general pattern: the file that writes the
    link (`source`) or the pattern it names (`target`)."""

    SOURCE = "source"
    TARGET = "target"


@frozen
class LinkField:
    """A metadata field whose value names other patterns: one name, or a list of them. An item
    is a name, or a mapping that holds the name under the first of `keys` it has (and perhaps
    a weight under `weight`). Its links have the type `type`; with `type_key`, each mapping item
    says its own type under that key (none: the empty type). `inferred` links are written by
    tooling, not by authors: the rules about the authors' graph leave them out.

    With `body` (a form of `BODY_FORMS`) and no path, the links are those the body writes to
    other files in that form, each naming the file by its name without extension."""

    path: tuple[str, ...]
    type: str
    keys: tuple[str, ...] = ()
    weight: str | None = None
    type_key: str | None = None
    inferred: bool = False
    body: str | None = None

    @cached_property
    def dotted(self) -> str:
        """The field's key path as findings write it: `relationships.enables`."""
        return ".".join(self.path)


@frozen
class Contradiction:
    """Two link types that cannot both name one pattern from one file. `why` says why, `hint`
    how to choose (`{}` stands for the pattern named)."""

    types: tuple[str, str]
    why: str = ""
    hint: str = ""

    @property
    def reason(self) -> str:
        return self.why or f"the profile declares `{self.types[0]}` and `{self.types[1]}` contradictory"

    @property
    def choice(self) -> str:
        return self.hint or f"keep `{self.types[0]}` or `{self.types[1]}` for `{{}}`, whichever is true"


@frozen
class Links:
    """A contract's links (see the module's docstring). `targets` are the kinds of name a link
    may use, the first winning where two files share a name; `inverses` holds each pair both
    ways (a symmetric type is its own inverse); `hierarchy` says, for each generalization type,
    which end is the more general."""

    fields: tuple[LinkField, ...] = ()
    targets: tuple[str, ...] = TARGET_KINDS
    inverses: tuple[tuple[str, str], ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    hierarchy: tuple[tuple[str, General], ...] = ()

    @cached_property
    def _inverse(self) -> Mapping[str, str]:
        return dict(self.inverses)

    def inverse(self, type_: str) -> str | None:
        """The type a link of `type_` is written as in the pattern it names, if it is paired."""
        return self._inverse.get(type_)

    def field_of(self, type_: str) -> LinkField | None:
        """The first metadata field written by authors whose links have the type `type_`."""
        return next(
            (f for f in self.fields if f.type == type_ and not f.inferred and f.type_key is None and f.body is None), None
        )

    @cached_property
    def types(self) -> tuple[str, ...]:
        """The link types authors write, in the order of their fields."""
        return tuple(dict.fromkeys(f.type for f in self.fields if not f.inferred and f.type_key is None))

    @cached_property
    def groups(self) -> tuple[tuple[tuple[str, ...], tuple[LinkField, ...]], ...]:
        """The metadata fields grouped by the mapping they are in (`relationships`), in order:
        a file's links are read with one walk to each mapping."""
        found: dict[tuple[str, ...], list[LinkField]] = {}
        for f in self.fields:
            if f.body is None:
                found.setdefault(f.path[:-1], []).append(f)
        return tuple((parent, tuple(fields)) for parent, fields in found.items())

    @cached_property
    def in_body(self) -> tuple[LinkField, ...]:
        return tuple(f for f in self.fields if f.body is not None)

    def contradicting(self, type_: str) -> tuple[str, ...]:
        """The types that contradict `type_` (see `Contradiction`)."""
        return tuple(
            other for c in self.contradictions for one, other in (c.types, c.types[::-1]) if one == type_
        )


NO_LINKS = Links()


def merged(declarations: Iterable[Links]) -> Links:
    """One declaration for a library whose files follow several contracts: every field, pair and
    reading of each, the first declaring a type winning; the name kinds of the first."""
    found = list(dict.fromkeys(declarations))
    if len(found) == 1:
        return found[0]
    if not found:
        return NO_LINKS
    inverses: dict[str, str] = {}
    hierarchy: dict[str, General] = {}
    for links in found:
        for a, b in links.inverses:
            inverses.setdefault(a, b)
        for type_, end in links.hierarchy:
            hierarchy.setdefault(type_, end)
    return Links(
        tuple(dict.fromkeys(f for links in found for f in links.fields)),
        found[0].targets,
        tuple(inverses.items()),
        tuple(dict.fromkeys(c for links in found for c in links.contradictions)),
        tuple(hierarchy.items()),
    )


# `[text](dest)`, not an image; the destination up to a space, `)` or a title.
_MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_WIKI_LINK = re.compile(r"\[\[([^\]|#\n]+)(?:#[^\]|\n]*)?(?:\|[^\]\n]*)?\]\]")
_ORG_LINK = re.compile(r"\[\[file:([^\]\n]+?)(?:::[^\]\n]*)?\](?:\[[^\]\n]*\])?\]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_INLINE_CODE = re.compile(r"(`+)[^`]*?\1")


def body_names(form: str, text: str, code: Iterable[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """The files `text` links to in `form`, outside the code blocks `code` (offsets `[start,
    end)`) and inline code: each as the name it gives the file (no folder, no extension) and
    the offsets of that name in `text`."""
    # Code is blanked out, not removed, so that offsets stay those of `text`.
    blank = list(text)
    for start, end in code:
        blank[start:end] = " " * (end - start)
    masked = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), "".join(blank))
    if form == "markdown":
        for match in _MARKDOWN_LINK.finditer(masked):
            dest = match.group(1)
            if _SCHEME.match(dest) or dest.startswith(("/", "#")):
                continue  # a web address, a site path, an anchor on the page: no pattern file
            path = dest.split("#", 1)[0].split("?", 1)[0]
            if path.lower().endswith(".md"):
                yield _named(match.start(1), path, 3)
    elif form == "wiki":
        for match in _WIKI_LINK.finditer(masked):
            name = match.group(1).strip()
            if name:
                start = match.start(1) + match.group(1).index(name)
                yield _named(start, name, 3 if name.lower().endswith(".md") else 0)
    elif form == "org":
        for match in _ORG_LINK.finditer(masked):
            path = match.group(1)
            if path.lower().endswith(".org"):
                yield _named(match.start(1), path, 4)


def _named(start: int, path: str, extension: int) -> tuple[str, int, int]:
    """The file name of `path` (which starts at offset `start`) without its last `extension`
    characters, with its offsets."""
    from urllib.parse import unquote  # only for a library whose bodies link

    name_start = start + path.rfind("/") + 1
    name = path[path.rfind("/") + 1 : len(path) - extension]
    return unquote(name), name_start, name_start + len(name)
