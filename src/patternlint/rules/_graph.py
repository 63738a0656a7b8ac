"""What the relationship-graph rules (PL304–PL309) share: how they name patterns and weights."""

from __future__ import annotations

from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord, Link


def name(record: FileRecord) -> str:
    """How links name a pattern: its slug, or its file name when it has none."""
    return record.slug or record.stem


def target_key(index: LibraryIndex, link: Link) -> str:
    """What two links share when they point at the same pattern: its file, or the unresolved name."""
    target = index.resolve(link.target)
    return target.path if target is not None else "\0" + link.target


def field_path(link: Link) -> tuple[str, ...]:
    """The key path of the field a link is written in: `relationships.enables[0].slug` is in
    `("relationships", "enables")`."""
    return tuple(link.pointer.split("[", 1)[0].split("."))


def weight_text(weight: float) -> str:
    """As an author writes it: `0.85`, `1`; all its digits when it has more than six."""
    short = f"{weight:g}"
    return short if float(short) == weight else repr(weight)
