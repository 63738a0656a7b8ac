"""Which body headings are the required section headings, analysed once per file.

What is required comes from the file's profile (a SectionSpec): the names in order, the heading
level, and the form the heading is written in — `Section 1: Context` (commons-v7),
`1. Overview` (commons-v1), or the bare name (`Context`, Peeragogy).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Sequence

from patternlint.markdown import Heading

REQUIRED_SECTIONS = (
    "Context",
    "Problem",
    "Solution",
    "Implementation",
    "Consequences",
    "Known Uses",
    "Cognitive Era",
    "Vitality",
)
REQUIRED_LEVEL = 3
# The word counts spec v7.1 asks for, section by section (its `*(100–200 words)*` notes).
SPEC_WORD_RANGES: dict[str, tuple[int, int]] = {
    "Context": (100, 200),
    "Problem": (100, 200),
    "Solution": (200, 400),
    "Implementation": (300, 500),
    "Consequences": (200, 300),
    "Known Uses": (200, 300),
    "Cognitive Era": (150, 250),
    "Vitality": (200, 300),
}

class Form(enum.Enum):
    SECTION = "section"  # `Section 1: Context`
    NUMBERED = "numbered"  # `1. Overview`
    PLAIN = "plain"  # `Context`


@dataclass(frozen=True)
class SectionSpec:
    names: tuple[str, ...]
    level: int = 3
    form: Form = Form.SECTION
    # Whether each section's number must be its position (spec v7.1), or only be present
    # (the v1 layout numbers "Implementation" 4 or 5, depending on the file).
    exact_numbers: bool = True

    def heading_text(self, index: int) -> str:
        name = self.names[index]
        if self.form is Form.SECTION:
            return f"Section {index + 1}: {name}"
        if self.form is Form.NUMBERED:
            return f"{index + 1}. {name}"
        return name

    def heading_line(self, index: int) -> str:
        return f"{'#' * self.level} {self.heading_text(index)}"


COMMONS_V7 = SectionSpec(REQUIRED_SECTIONS, REQUIRED_LEVEL, Form.SECTION)

_PREFIX = re.compile(
    r"^(?:(?P<word>section)\s*(?P<n1>\d+)\s*(?P<sep>[:.\-–—]?)\s*|(?P<n2>\d+)\s*[.):]\s*)?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class SectionHeading:
    index: int  # 0-based position in the spec's names
    heading: Heading
    number: int | None  # the number written in the heading, if any
    canonical_form: bool  # written in the spec's form (`Section N: Name…` for commons-v7)
    extra_text: str = ""  # what the heading says after the section's name, as written
    spec: SectionSpec = COMMONS_V7

    @property
    def name(self) -> str:
        return self.spec.names[self.index]

    @property
    def expected_text(self) -> str:
        return self.spec.heading_text(self.index)

    @property
    def well_numbered(self) -> bool:
        if self.spec.form is Form.PLAIN:
            return self.number is None
        return self.number is not None and (
            not self.spec.exact_numbers or self.number == self.index + 1
        )


@dataclass(frozen=True, slots=True)
class RepeatedSection:
    """A heading naming a section that an earlier heading of the file already named."""

    section: SectionHeading
    first: SectionHeading  # the first heading of the file that names the same section


@dataclass(frozen=True, slots=True)
class SectionAnalysis:
    found: tuple[SectionHeading, ...]  # in file order
    missing: tuple[int, ...]
    out_of_order: tuple[SectionHeading, ...]
    repeated: tuple[RepeatedSection, ...] = ()  # in file order
    spec: SectionSpec = COMMONS_V7


def _classify(heading: Heading, spec: SectionSpec) -> SectionHeading | None:
    match = _PREFIX.match(heading.text)
    if match is None:  # pragma: no cover - the pattern matches any text
        return None
    number_text = match.group("n1") or match.group("n2")
    written = match.group("rest").strip()
    rest = written.lower()
    for index, name in enumerate(spec.names):
        lowered = name.lower()
        if rest == lowered or (
            rest.startswith(lowered) and not rest[len(lowered)].isalnum()
        ):
            # A bare name is a section heading only at a section-like level; deeper headings
            # such as `#### Implementation notes` are the author's own sub-headings.
            if number_text is None and heading.level > spec.level:
                return None
            if spec.form is Form.SECTION:
                # The site finds sections by `Section N: Name` exactly: `Section 2 - Problem`
                # names the section but is not in that form.
                canonical = match.group("word") == "Section" and match.group("sep") == ":"
            elif spec.form is Form.NUMBERED:
                canonical = match.group("n2") is not None
            else:
                canonical = number_text is None and not match.group("word")
            return SectionHeading(
                index,
                heading,
                int(number_text) if number_text else None,
                canonical,
                _after_name(written, lowered),
                spec,
            )
    return None


def _after_name(written: str, lowered: str) -> str:
    """The text after the name at the start of `written` (`lowered` is the name, lowered)."""
    # Lowering can change the length of a few non-ASCII letters; then no extra text is claimed.
    if written[: len(lowered)].lower() != lowered:
        return ""
    extra = written[len(lowered) :]
    # An HTML comment is not shown: `### Section 1: Context <!-- todo -->` reads as the name.
    return _without_comments(extra).strip()


def _without_comments(text: str) -> str:
    """`text` without its HTML comments. Plain string code: `re.sub("<!--.*?-->", ...)` scans
    to the end once per unclosed `<!--`."""
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        kept.append(text[position:start])
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def analyse(headings: Sequence[Heading], spec: SectionSpec = COMMONS_V7) -> SectionAnalysis:
    chosen: dict[int, SectionHeading] = {}
    first: dict[int, SectionHeading] = {}
    repeated: list[RepeatedSection] = []
    for heading in headings:
        section = _classify(heading, spec)
        if section is None:
            continue
        if section.index in first:
            repeated.append(RepeatedSection(section, first[section.index]))
        else:
            first[section.index] = section
        current = chosen.get(section.index)
        # The first heading in the canonical form wins; otherwise the first one seen.
        if current is None or (section.canonical_form and not current.canonical_form):
            chosen[section.index] = section
    found = tuple(sorted(chosen.values(), key=lambda s: s.heading.span.line))
    keep = _longest_increasing([s.index for s in found])
    out_of_order = tuple(s for i, s in enumerate(found) if i not in keep)
    missing = tuple(i for i in range(len(spec.names)) if i not in chosen)
    return SectionAnalysis(found, missing, out_of_order, tuple(repeated), spec)


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (the sections in order)."""
    n = len(values)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: (best[k], -k))
    keep: set[int] = set()
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep
