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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from patternlint.links import COMMONS_V7_LINKS, NO_LINKS, Links, merged
from patternlint.schema import SCHEMA_DIR, Overrides, RefError, documents, has_external_refs
from patternlint.sections import COMMONS_V7, Form, SectionSpec


class Layout(enum.Enum):
    """A frontmatter layout. Its value is how the library index and the cache record it."""

    V7 = "v7"  # spec v7.1: ontology, lifecycle, relationships, graph_garden groups
    V1 = "v1"  # the older layout: classification, page_url, top-level relationship lists
    PEERAGOGY = "peeragogy"  # Peeragogy: an optional `title`, nothing else
    NONE = "none"  # no usable frontmatter mapping


@dataclass(frozen=True)
class Marks:
    """A frontmatter is in `layout` when it has one of the top-level keys `present` and none
    of `absent`."""

    layout: Layout
    present: tuple[str, ...]
    absent: tuple[str, ...] = ()

    def match(self, data: Mapping[str, object]) -> bool:
        return any(k in data for k in self.present) and not any(k in data for k in self.absent)


@dataclass(frozen=True)
class Layouts:
    """How a pattern language tells its layouts apart by the frontmatter's top-level keys: the
    first of `marks` that matches, else `default`."""

    default: Layout
    marks: tuple[Marks, ...] = ()

    def classify(self, data: Mapping[str, object] | None) -> Layout:
        if data is None:
            return Layout.NONE
        for marks in self.marks:
            if marks.match(data):
                return marks.layout
        return self.default

    def keys(self, layout: Layout) -> tuple[str, ...]:
        """The keys that mark `layout` (none for the default)."""
        return next((m.present for m in self.marks if m.layout is layout), ())


# Keys that only the older v1 layout has at the top level, and the groups of spec v7.1: a file
# with a v7 group is a v7 file, whatever else it has.
V1_MARKERS = ("classification", "page_url", "github_url")
V7_MARKERS = ("ontology", "lifecycle", "relationships", "graph_garden", "context_labels")
COMMONS_LAYOUTS = Layouts(Layout.V7, (Marks(Layout.V1, V1_MARKERS, V7_MARKERS),))
PEERAGOGY_LAYOUTS = Layouts(Layout.PEERAGOGY)


class Format(enum.Enum):
    """How a profile's files are written: where their metadata is, what their headings are."""

    MARKDOWN = "markdown"  # YAML frontmatter (or none), Markdown headings
    ORG = "org"  # Org-mode: `#+KEY: value` keywords, `*` headlines


@dataclass(frozen=True)
class When:
    """Which files a profile takes, by their metadata: every key path of `has`, at least one of
    `has_any` (when given), none of `lacks`; the value at each path of `equals` written as
    given; the value at each path of `contains` a list holding the word, or a text holding it
    as a word (`PAT` in `roam_tags: PAT book`). Key paths are dotted (`lifecycle.status`)."""

    has: tuple[str, ...] = ()
    has_any: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    equals: tuple[tuple[str, str], ...] = ()
    contains: tuple[tuple[str, str], ...] = ()

    def match(self, data: Mapping[str, object] | None) -> bool:
        data = data or {}
        return (
            all(_at(data, k) is not _ABSENT for k in self.has)
            and (not self.has_any or any(_at(data, k) is not _ABSENT for k in self.has_any))
            and not any(_at(data, k) is not _ABSENT for k in self.lacks)
            and all(_written(_at(data, k)) == v for k, v in self.equals)
            and all(_holds(_at(data, k), v) for k, v in self.contains)
        )


_ABSENT = object()


def _at(data: Mapping[str, object], path: str) -> object:
    node: object = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def _written(value: object) -> str | None:
    if value is _ABSENT or isinstance(value, (Mapping, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _holds(value: object, word: str) -> bool:
    if isinstance(value, list):
        return any(_written(item) == word for item in value)
    text = _written(value)
    return text is not None and word in text.replace(",", " ").replace(":", " ").split()


@dataclass(frozen=True)
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
    layouts: Layouts = COMMONS_LAYOUTS
    # Rule options that adjust the schema (a weight range, a slug pattern), see schema.loading.
    schema_overrides: Overrides = ()
    # Which fields name other patterns, and how the library's links are read (see links.py).
    links: Links = COMMONS_V7_LINKS
    # Which files the profile takes when it is one of several routed to (None: any file).
    when: When | None = None
    # A route: the profiles a file goes to, the first whose `when` matches its metadata (the
    # last when none does). A profile with routes is only a route; `route` gives the profile.
    routes: tuple[Profile, ...] = ()
    format: Format = Format.MARKDOWN

    def route(self, data: Mapping[str, object] | None) -> Profile:
        """The profile that takes a file with this metadata (None: none could be read)."""
        if not self.routes:
            return self
        return next((p for p in self.routes if p.when is None or p.when.match(data)), self.routes[-1])

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


COMMONS_V7_PROFILE = Profile(
    "commons-v7",
    "commons.engineering Pattern Library, spec v7.1 (the default)",
    SCHEMA_DIR / "pattern.schema.json",
    True,
    COMMONS_V7,
    layout=Layout.V7,
    layout_only=True,
)

PEERAGOGY_PROFILE = Profile(
    "peeragogy",
    "The Peeragogy pattern language (Markdown headings, optional `title` frontmatter)",
    SCHEMA_DIR / "peeragogy.schema.json",
    False,
    SectionSpec(
        (
            "Motivation",
            "Context",
            "Forces",
            "Problem",
            "Solution",
            "Rationale",
            "Resolution",
            "Example 1",
            "Example 2",
            "What's Next in the Peeragogy Project",
            "References",
        ),
        2,
        Form.PLAIN,
    ),
    layouts=PEERAGOGY_LAYOUTS,
    links=NO_LINKS,
)

# The other built-in profiles are contracts written as data, `contracts/NAME.toml` (commons-v1,
# innersource, peeragogy-org, peeragogy-md), read by `config.built_in` as a user's table is.
BUILT_IN: dict[str, Profile] = {
    p.name: p for p in (COMMONS_V7_PROFILE, PEERAGOGY_PROFILE)
}
DEFAULT = COMMONS_V7_PROFILE



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
