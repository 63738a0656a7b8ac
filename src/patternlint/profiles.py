"""Profiles: a pattern language's contract. A profile bundles the frontmatter schema, whether
frontmatter is required, the required sections, and which layout it expects.

- `commons-v7` (default): spec v7.1 of the commons.engineering Pattern Library.
- `commons-v1`: the library's older layout (`classification`, `page_url`, `### 1. Overview`),
  derived from the 1,542 files of the reference library that still use it.
- `peeragogy`: the Peeragogy pattern language: no YAML needed (an optional `title`), sections
  Motivation … References as plain `##` headings.
A configuration may define its own (a schema path and a list of required headings) and map
globs to profiles, so a library can keep a folder of legacy files next to its v7 files.
"""

from __future__ import annotations

import enum
import hashlib
import json
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping, Protocol, TypeVar

from patternlint.frozen import frozen
from patternlint.derived import Aggregate, Rating
from patternlint.facts import Layout
from patternlint.links import NO_LINKS, Links, merged
from patternlint.schema import Overrides, RefError, documents, has_external_refs
from patternlint.sections import SectionSpec


@frozen
class Layouts:
    """How a contract tells its files' layouts apart: the layout of the first of `marks` whose
    condition holds, else `default` (a file without metadata is in `Layout.NONE`)."""

    default: Layout = Layout.V7
    marks: tuple[tuple[Layout, When], ...] = ()

    def classify(self, data: Mapping[str, object] | None, content: Content | None = None) -> Layout:
        if data is None:
            return Layout.NONE
        for layout, when in self.marks:
            if when.match(data, content):
                return layout
        return self.default

    @property
    def on_content(self) -> bool:
        """Whether a condition reads the file's content, not only its metadata."""
        return any(when.on_content for _, when in self.marks)

    def keys(self, layout: Layout) -> tuple[str, ...]:
        """The key paths whose presence or value marks `layout` (none for the default)."""
        return next(
            ((*w.has, *w.has_any, *(k for k, _ in w.equals), *(k for k, _ in w.contains)) for m, w in self.marks if m is layout),
            (),
        )




class Format(enum.Enum):
    """How a profile's files are written: where their metadata is, what their headings are."""

    MARKDOWN = "markdown"  # YAML frontmatter (or none), Markdown headings
    ORG = "org"  # Org-mode: `#+KEY: value` keywords, `*` headlines


class Content(Protocol):
    """What a `when` condition may ask of a file besides its metadata, each read on demand."""

    def text(self) -> str:
        """The file's text."""

    def form(self) -> str:
        """`yaml` (it opens with a `---` frontmatter block), `org` (with `#+KEY:` keywords), or
        `none`."""

    def headings(self, format: Format) -> tuple[str, ...]:
        """The texts of the body's headings, read as a file of `format` is."""

    def labels(self) -> tuple[str, ...]:
        """The labels of the body's bold-label paragraphs (`Problem` of `**Problem**: …`)."""


FORMS = ("yaml", "org", "none")


@frozen
class When:
    """Which files a profile takes, by their metadata: every key path of `has`, at least one of
    `has_any` (when given), none of `lacks`; the value at each path of `equals` written as
    given; the value at each path of `contains` a list holding the word, or a text holding it
    as a word (`PAT` in `roam_tags: PAT book`). Key paths are dotted (`lifecycle.status`).

    And by their content, as `has` and `lacks` read keys: every regular expression of `text`
    found in the file's text, none of `lacks_text`; for every one of `heading` a heading whose
    text it matches in full (ignoring case), for none of `lacks_heading`; the same of
    bold-label paragraphs' labels for `label` and `lacks_label`; the file's form one of `form`.
    (`Problem|Solution` asks for either.)"""

    has: tuple[str, ...] = ()
    has_any: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    equals: tuple[tuple[str, str], ...] = ()
    contains: tuple[tuple[str, str], ...] = ()
    text: tuple[str, ...] = ()
    lacks_text: tuple[str, ...] = ()
    heading: tuple[str, ...] = ()
    lacks_heading: tuple[str, ...] = ()
    label: tuple[str, ...] = ()
    lacks_label: tuple[str, ...] = ()
    form: tuple[str, ...] = ()

    def match(self, data: Mapping[str, object] | None, content: Content | None = None, format: Format | None = None) -> bool:
        """Whether the file holds every condition; headings are read as `format` reads them
        (Markdown by default). Without `content`, a content condition does not hold."""
        data = data or {}
        return (
            all(_at(data, k) is not _ABSENT for k in self.has)
            and (not self.has_any or any(_at(data, k) is not _ABSENT for k in self.has_any))
            and not any(_at(data, k) is not _ABSENT for k in self.lacks)
            and all(_written(_at(data, k)) == v for k, v in self.equals)
            and all(_holds(_at(data, k), v) for k, v in self.contains)
            and self._content_holds(content, format or Format.MARKDOWN)
        )

    @property
    def on_content(self) -> bool:
        return bool(
            self.text or self.lacks_text or self.heading or self.lacks_heading or self.label or self.lacks_label or self.form
        )

    def _content_holds(self, content: Content | None, format: Format) -> bool:
        if not self.on_content:
            return True
        if content is None:
            return False
        if self.form and content.form() not in self.form:
            return False
        # Each condition: every pattern it lists holds, none of its `lacks-` ones does; the
        # content is read only for the conditions given.
        return (
            _all_none(self.text, self.lacks_text, content.text, _found)
            and _all_none(self.heading, self.lacks_heading, partial(content.headings, format), _named)
            and _all_none(self.label, self.lacks_label, content.labels, _named)
        )


T = TypeVar("T")


def _all_none(
    wanted: tuple[str, ...], unwanted: tuple[str, ...], read: Callable[[], T], matches: Callable[[str, T], bool]
) -> bool:
    """Whether every pattern of `wanted` matches what `read` gives, and none of `unwanted`."""
    if not wanted and not unwanted:
        return True
    value = read()
    return all(matches(p, value) for p in wanted) and not any(matches(p, value) for p in unwanted)


def _found(pattern: str, text: str) -> bool:
    from patternlint.linear import compile_linear

    return compile_linear("(?m)" + pattern).search(text) is not None


def _named(pattern: str, names: tuple[str, ...]) -> bool:
    from patternlint.linear import compile_linear

    compiled = compile_linear("(?i)" + pattern)
    return any(compiled.fullmatch(name) is not None for name in names)


_ABSENT = object()


def _at(data: Mapping[str, object], path: str) -> object:
    # Metadata is built as plain dicts (yamlload, org): `dict` is the check, twenty times
    # cheaper than `Mapping`'s, and routing asks it of every file.
    node: object = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def _written(value: object) -> str | None:
    if value is _ABSENT or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _holds(value: object, word: str) -> bool:
    if isinstance(value, list):
        return any(_written(item) == word for item in value)
    text = _written(value)
    return text is not None and word in text.replace(",", " ").replace(":", " ").split()


@frozen
class Profile:
    name: str
    description: str
    schema: Path | None  # None: the frontmatter is not validated
    frontmatter_required: bool
    sections: SectionSpec | None
    # The file layout the profile's own rules read (V7: the spec v7.1 groups; None: any). A
    # file in another layout is reported once, by the layout rule, instead of by every rule.
    layout: Layout | None = None
    # Whether files in another layout are left out of the section and schema checks. A v7
    # profile leaves them out because the layout rule reports each of them once; the v1
    # profile has no such rule, so it checks every file it is given.
    layout_only: bool = False
    # How the profile's files are told apart (the commons layouts unless the profile says).
    layouts: Layouts = Layouts()
    # Rule options that adjust the schema (a weight range, a slug pattern), see schema.loading.
    schema_overrides: Overrides = ()
    # Which fields name other patterns, and how the library's links are read (see links.py).
    links: Links = NO_LINKS
    # Which files the profile takes when it is one of several routed to (None: any file).
    when: When | None = None
    # A route: the profiles a file goes to, the first whose `when` matches its metadata (the
    # last when none does). A profile with routes is only a route; `route` gives the profile.
    routes: tuple[Profile, ...] = ()
    format: Format = Format.MARKDOWN
    # Derived values: which value aggregates others, which ratings the body shows as stars.
    aggregates: tuple[Aggregate, ...] = ()
    ratings: tuple[Rating, ...] = ()

    def route(self, metadata: Callable[[Format], Mapping[str, object] | None], content: Content | None = None) -> Profile:
        """The profile that takes a file: the first of the routes whose `when` holds, the file's
        metadata read as that profile reads it (`metadata(format)`, None: none could be read);
        the last when none does. A route to a route goes on to its profile."""
        if not self.routes:
            return self
        chosen = next(
            (p for p in self.routes if p.when is None or p.when.match(metadata(p.format), content, p.format)),
            self.routes[-1],
        )
        return chosen.route(metadata, content)

    def reachable(self) -> Iterator[Profile]:
        """The profile and every profile a file may be routed to from it, routes of routes too."""
        yield self
        for route in self.routes:
            yield from route.reachable()

    def in_layout(self, layout: Layout) -> bool:
        """Whether a file in `layout` follows the profile's own layout."""
        return not self.layout_only or layout is self.layout

    def fingerprint(self) -> str:
        """Everything about the profile that changes results, for the cache key."""
        digest = hashlib.blake2b(digest_size=8)
        digest.update(
            repr(
                (
                    self.name,
                    self.frontmatter_required,
                    self.sections,
                    self.layout,
                    self.layout_only,
                    self.layouts,
                    self.schema_overrides,
                    self.links,
                    self.when,
                    tuple(p.fingerprint() for p in self.routes),
                    self.format,
                    self.aggregates,
                    self.ratings,
                )
            ).encode()
        )
        if self.schema is not None:
            try:
                data = self.schema.read_bytes()
                digest.update(data)
                if has_external_refs(data):  # the documents it refers to count too
                    digest.update(json.dumps(documents(self.schema), sort_keys=True).encode())
            except (OSError, RefError):
                digest.update(b"<unreadable>")
        return digest.hexdigest()


# The default profile, the built-in contract `contracts/commons-v7.toml` (`contract.default`).
DEFAULT_NAME = "commons-v7"


def route_of(profiles: tuple[Profile, ...]) -> Profile:
    """One profile that routes each file to the first of `profiles` that takes it."""
    if len(profiles) == 1:
        return profiles[0]
    first = profiles[0]
    return Profile(
        " | ".join(p.name for p in profiles),
        "the first of " + ", ".join(f"`{p.name}`" for p in profiles) + " that takes the file",
        first.schema,
        any(p.frontmatter_required for p in profiles),
        first.sections,
        routes=profiles,
        format=first.format,
        links=merged(p.links for p in profiles),
    )
