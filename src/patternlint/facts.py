"""What the library index keeps of each file (its record, with its links), small enough to
cache: the types a run's result carries, without the parsing that makes them (`index.record_for`)."""

from __future__ import annotations

import enum

from patternlint.frozen import frozen
from patternlint.model import Span


class Layout(enum.Enum):
    """A metadata layout: which of its groups the commons rules read. Its value is how the
    library index, the cache and a contract's `layouts` name it."""

    V7 = "v7"  # spec v7.1: ontology, lifecycle, relationships, graph_garden groups
    V1 = "v1"  # the older layout: classification, page_url, top-level relationship lists
    OTHER = "other"  # metadata in neither: the commons rules leave it alone
    NONE = "none"  # no usable frontmatter mapping


@frozen(slots=True)
class Link:
    """One outgoing edge. `via` says how the item named its target: the key of a mapping item
    that holds the name (`slug`, `id`), `string` for a name written as the value itself, or
    `inferred` for a link of a field the profile declares as written by tooling."""

    relation: str
    target: str
    via: str
    span: Span
    pointer: str  # where it sits, e.g. `relationships.enables[0].slug`, `parent`
    weight: float | None = None  # the item's `weight`, for hints that write the item back

    @property
    def curated(self) -> bool:
        """Written by an author, not by tooling (see `LinkField.inferred`)."""
        return self.via != "inferred"


@frozen(slots=True)
class FileRecord:
    path: str
    stem: str
    layout: Layout
    slug: str | None
    slug_span: Span | None
    id: str | None
    id_span: Span | None
    links: tuple[Link, ...]
    # Where the frontmatter writes anchored nodes and aliases (see fixguard.shared_marks); None
    # when it cannot be read that far. Library rules' fixes must not edit through them.
    shared: tuple[Span, ...] | None = ()
    # For the health report (no rule reads them): the domain, and the v7 scores in the order
    # of `SCORES` (None where a score is not a finite number).
    domain: str | None = None
    scores: tuple[float | None, ...] = ()
    title: str | None = None  # what an editor shows next to the slug (hover, completion)
    # Whether the file's profile reads links from it (see `_links`): a file that cannot write
    # any is no orphan, and no place to write an inverse link.
    linked: bool = True


# The eight dimension scores of `ontology.commons_assessment`, then the overall score.
SCORES = (
    "stakeholder_architecture",
    "value_creation",
    "resilience",
    "ownership",
    "autonomy",
    "composability",
    "fractal_value",
    "vitality",
    "overall_score",
)
