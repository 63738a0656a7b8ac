"""Which body headings are the required section headings, analysed once per file.

What is required comes from the file's contract (a SectionSpec, read from its `sections`): the
names in order, the heading level, and the form the heading is written in — `Section 1: Context`
(`section`), `1. Overview` (`numbered`), or the bare name (`plain`).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from functools import cached_property
from typing import Any, Sequence

from patternlint.frozen import frozen
from patternlint.linear import compile_linear
from patternlint.markdown import Heading

class Form(enum.Enum):
    SECTION = "section"  # `Section 1: Context`
    NUMBERED = "numbered"  # `1. Overview`
    PLAIN = "plain"  # `Context`


@frozen
class Section:
    """What a contract says about one section beyond its name."""

    name: str
    # Other names that count as this section (`Solution` for `Solutions`, `Author(s)`).
    spellings: tuple[str, ...] = ()
    # A regular expression the heading's name matches instead, from its start, ignoring case.
    pattern: str | None = None
    # An optional section is never missing; when present it is checked like the others.
    optional: bool = False
    # Its heading level, when it differs from the profile's `level` (None: the profile's).
    level: int | None = None
    # The words its text should have, least and most (None: any number).
    words: tuple[int, int] | None = None


@frozen
class SectionSpec:
    names: tuple[str, ...]
    level: int = 3
    form: Form = Form.SECTION
    # Whether each section's number must be its position (spec v7.1), or only be present
    # (the v1 layout numbers "Implementation" 4 or 5, depending on the file).
    exact_numbers: bool = True
    # One entry per name when the contract says more than the names (empty: names only).
    sections: tuple[Section, ...] = ()
    # Whether the sections must appear in the order of `names`.
    ordered: bool = True
    # A regular expression the text after a section's name may match in full (`\(optional\)`);
    # empty: a heading carries nothing after the name.
    extra_text: str = ""
    # Heading levels the body may not use at all (InnerSource: no level-1 heading).
    forbidden_levels: tuple[int, ...] = ()
    # Whether a paragraph led by a bold label (`**Problem**: …`) opens a section as a heading does.
    bold_labels: bool = False
    # Forms accepted besides `form` (a library that writes `1. Context` and `Section 1: Context`);
    # findings and fixes write `form`.
    other_forms: tuple[Form, ...] = ()

    @property
    def forms(self) -> tuple[Form, ...]:
        return (self.form, *self.other_forms)

    def section(self, index: int) -> Section:
        return self.sections[index] if self.sections else Section(self.names[index])

    def level_of(self, index: int) -> int:
        """The heading level of section `index`."""
        if self.sections and self.sections[index].level is not None:
            return self.sections[index].level  # type: ignore[return-value]
        return self.level

    @cached_property
    def _matchers(self) -> tuple[tuple[tuple[tuple[str, str], ...], Any], ...]:
        """Per section: its names (lowered, and as the contract writes them), longest first
        (`Authors` before `Author`), and its pattern compiled (RE2: configuration is not
        trusted to be free of catastrophic backtracking)."""
        out = []
        for index, name in enumerate(self.names):
            section = self.section(index)
            names = {n.lower(): n for n in (*reversed(section.spellings), name)}
            spellings = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
            pattern = compile_linear("(?i)" + section.pattern) if section.pattern else None
            out.append((tuple(spellings), pattern))
        return tuple(out)

    def allows_extra(self, text: str) -> bool:
        return bool(self.extra_text) and compile_linear("(?is)" + self.extra_text).fullmatch(text) is not None

    def heading_text(self, index: int, name: str | None = None) -> str:
        """The heading of section `index` in the contract's form (under another of its
        spellings when `name` is given)."""
        name = self.names[index] if name is None else name
        if self.form is Form.SECTION:
            return f"Section {index + 1}: {name}"
        if self.form is Form.NUMBERED:
            return f"{index + 1}. {name}"
        return name

    def heading_line(self, index: int) -> str:
        return f"{'#' * self.level_of(index)} {self.heading_text(index)}"

_PREFIX = re.compile(
    r"^(?:(?P<word>section)\s*(?P<n1>\d+)\s*(?P<sep>[:.\-–—]?)\s*|(?P<n2>\d+)\s*[.):]\s*)?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@frozen(slots=True)
class SectionHeading:
    index: int  # 0-based position in the spec's names
    heading: Heading
    number: int | None  # the number written in the heading, if any
    canonical_form: bool  # written in the spec's form (`Section N: Name…` for commons-v7)
    extra_text: str  # what the heading says after the section's name, as written
    spec: SectionSpec
    spelling: str | None = None  # the name as written, when the contract accepts several

    @property
    def written_name(self) -> str:
        """The section's name as the heading writes it (one of the contract's spellings)."""
        return self.spelling if self.spelling is not None else self.name

    @property
    def name(self) -> str:
        return self.spec.names[self.index]

    @property
    def expected_text(self) -> str:
        return self.spec.heading_text(self.index, self.spelling)

    @property
    def well_numbered(self) -> bool:
        forms = self.spec.forms
        if self.number is None:
            return Form.PLAIN in forms
        return any(f is not Form.PLAIN for f in forms) and (
            not self.spec.exact_numbers or self.number == self.index + 1
        )


@frozen(slots=True)
class RepeatedSection:
    """A heading naming a section that an earlier heading of the file already named."""

    section: SectionHeading
    first: SectionHeading  # the first heading of the file that names the same section


@frozen(slots=True)
class SectionAnalysis:
    found: tuple[SectionHeading, ...]  # in file order
    missing: tuple[int, ...]
    out_of_order: tuple[SectionHeading, ...]
    repeated: tuple[RepeatedSection, ...]  # in file order
    spec: SectionSpec
    # Missing sections that a heading names in a near spelling (`Solution` for `Solutions`,
    # `Trade‑offs` with U+2011): the section's index and that heading.
    near: tuple[tuple[int, Heading], ...] = ()
    # Missing sections whose place a heading with their number holds under another name
    # (`### 7. The Future of this Pattern` where `Section 7: Cognitive Era` belongs).
    renamed: tuple[tuple[int, Heading], ...] = ()


def _classify(heading: Heading, spec: SectionSpec) -> SectionHeading | None:
    match = _PREFIX.match(heading.text)
    if match is None:  # pragma: no cover - the pattern matches any text
        return None
    number_text = match.group("n1") or match.group("n2")
    written = match.group("rest").strip()
    rest = written.lower()
    for index, name in enumerate(spec.names):
        spelling = None
        if spec.sections:
            named = _named(spec, index, written, rest)
            if named is None:
                continue
            lowered, spelling = named
        else:
            lowered = name.lower()
        if rest == lowered or (
            rest.startswith(lowered) and not rest[len(lowered)].isalnum()
        ):
            # A bare name is a section heading only at a section-like level; deeper headings
            # such as `#### Implementation notes` are the author's own sub-headings.
            if number_text is None and heading.level > (spec.level_of(index) if spec.sections else spec.level):
                return None
            canonical = _in_form(spec.form, match)
            if not canonical and spec.other_forms:
                canonical = any(_in_form(form, match) for form in spec.other_forms)
            return SectionHeading(
                index,
                heading,
                int(number_text) if number_text else None,
                canonical,
                _after_name(written, lowered),
                spec,
                spelling,
            )
    return None


def _in_form(form: Form, match: re.Match[str]) -> bool:
    """Whether a heading (its `_PREFIX` match) is written in `form`."""
    if form is Form.SECTION:
        # The site finds sections by `Section N: Name` exactly: `Section 2 - Problem`
        # names the section but is not in that form.
        return match.group("word") == "Section" and match.group("sep") == ":"
    if form is Form.NUMBERED:
        return match.group("n2") is not None
    return match.group("n1") is None and match.group("n2") is None and not match.group("word")


def _named(spec: SectionSpec, index: int, written: str, rest: str) -> tuple[str, str] | None:
    """Which of the section's names, or its pattern's match, begins `rest` (the heading's
    name, lowered; `written` as written), if any: lowered, and as the contract spells it."""
    spellings, pattern = spec._matchers[index]
    named = None
    for lowered, spelling in spellings:  # a loop, not a generator: asked of every heading
        if rest.startswith(lowered) and (len(rest) == len(lowered) or not rest[len(lowered)].isalnum()):
            named = lowered, spelling
            break
    if pattern is not None:  # the longer of the pattern's match and the name found
        found = pattern.match(written)
        end = found.end() if found is not None else 0
        if end > (len(named[0]) if named else 0) and (end == len(written) or not written[end].isalnum()):
            return rest[:end], written[:end]
    return named


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


def analyse(headings: Sequence[Heading], spec: SectionSpec) -> SectionAnalysis:
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
    if spec.ordered:
        keep = _longest_increasing([s.index for s in found])
        out_of_order = tuple(s for i, s in enumerate(found) if i not in keep)
    else:
        out_of_order = ()
    missing = tuple(
        i for i in range(len(spec.names)) if i not in chosen and not (spec.sections and spec.sections[i].optional)
    )
    taken = {s.heading.span.line for s in found} | {r.section.heading.span.line for r in repeated}
    near = _near_misses(headings, spec, missing, taken) if missing else ()
    renamed = _renamed(headings, spec, missing, found, taken | {h.span.line for _, h in near}) if missing else ()
    return SectionAnalysis(found, missing, out_of_order, tuple(repeated), spec, near, renamed)


def _renamed(
    headings: Sequence[Heading],
    spec: SectionSpec,
    missing: Sequence[int],
    found: Sequence[SectionHeading],
    taken: set[int],
) -> tuple[tuple[int, Heading], ...]:
    """For each missing section, a heading at its level, between the sections before and after
    it, that writes its number but names no section of the contract."""
    out = []
    for index in missing:
        before = [s.heading.span.line for s in found if s.index < index]
        after = [s.heading.span.line for s in found if s.index > index]
        low, high = max(before, default=0), min(after, default=1 << 60)
        for heading in headings:
            line = heading.span.line
            if line in taken or not low < line < high or heading.level != spec.level_of(index):
                continue
            match = _PREFIX.match(heading.text)
            number = match and (match.group("n1") or match.group("n2"))
            if number and int(number) == index + 1:
                out.append((index, heading))
                taken.add(line)
                break
    return tuple(out)


# Hyphens and dashes that look like `-` (U+2010 to U+2015, minus sign, small and full-width).
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_NOT_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """`text` reduced to what a near spelling keeps: letters and digits of each word, without
    case, accents' compatibility forms, hyphen kinds, punctuation or a plural `s`."""
    folded = unicodedata.normalize("NFKC", text).translate(_HYPHENS).casefold().replace("&", " and ")
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _NOT_WORD.split(folded) if w]
    return " ".join(words)


def _near_misses(
    headings: Sequence[Heading], spec: SectionSpec, missing: Sequence[int], taken: set[int]
) -> tuple[tuple[int, Heading], ...]:
    """For each missing section, the first heading not already taken as a section whose text
    (after any number prefix) is a near spelling of one of the section's names."""
    candidates: list[tuple[str, Heading]] = []
    for heading in headings:
        if heading.span.line in taken or heading.level > max(spec.level_of(i) for i in missing):
            continue
        match = _PREFIX.match(heading.text)
        rest = match.group("rest") if match else heading.text
        candidates.append((_key(_without_comments(rest)), heading))
    near: list[tuple[int, Heading]] = []
    used: set[int] = set()
    for index in missing:
        keys = {_key(name) for name in (spec.names[index], *spec.section(index).spellings)}
        for key, heading in candidates:
            if heading.span.line not in used and key and any(_close(key, k) for k in keys):
                near.append((index, heading))
                used.add(heading.span.line)
                break
    return tuple(near)


def _close(a: str, b: str) -> bool:
    """Equal, or one edit apart in a name of six letters or more (`Consequnces`)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


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


def classify(heading: Heading, spec: SectionSpec) -> SectionHeading | None:
    """The section `heading` names under `spec`, if any."""
    return _classify(heading, spec)
