"""Inline suppressions, read from a file's own comments.

Frontmatter (YAML comments):
- `weight: 1.4  # patternlint: ignore[PL105]` covers findings on that line;
- `# patternlint: ignore[PL105]` alone on a line covers the next key and its whole subtree;
- `# patternlint: file-ignore[PL302]` anywhere in the frontmatter covers the whole file.
Body (HTML comments, like markdownlint):
- `<!-- patternlint-disable PL401 -->` … `<!-- patternlint-enable PL401 -->` covers the lines
  between (to the end of the file without an enable);
- `<!-- patternlint-disable-next-line PL402 -->` covers the next line.
Codes may be written as codes (`PL105`), prefixes (`PL1`), names (`value-out-of-range`) or
`ALL`, separated by commas or spaces. A suppression that suppresses nothing is reported by
`unused-suppression`, at the comment.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from patternlint.frozen import frozen
from patternlint.lines import split_lines
from patternlint.model import Finding, Span

if TYPE_CHECKING:
    from patternlint.document import Document

# `ignore` without `[…]` (and `disable` without codes) means every rule, like a bare `# noqa`.
_YAML = re.compile(r"#\s*patternlint:\s*(?P<kind>file-ignore|ignore)\b(?:\[(?P<codes>[^\]]*)\])?")
_HTML_OPEN = re.compile(r"<!--\s*patternlint-(?P<kind>disable-next-line|disable|enable)\b")
# The codes end with a non-space, so `\s*-->` is tried only after those: a lazy `[^>]*?`
# before `\s*` would scan a run of spaces once per space.
_HTML = re.compile(_HTML_OPEN.pattern + r"(?P<codes>(?:[^>]*?[^>\s])?)\s*-->")
_SPLIT = re.compile(r"[\s,]+")


@frozen(slots=True)
class Suppression:
    selectors: tuple[str, ...]  # as written
    first_line: int  # the lines it covers, inclusive
    last_line: int
    span: Span  # the comment itself, where an unused suppression is reported

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


def parse(doc: Document) -> tuple[Suppression, ...]:
    src = doc.source
    in_yaml = bool(src.frontmatter) and "patternlint:" in (src.frontmatter or "")
    in_body = "patternlint-" in src.body
    if not (in_yaml or in_body):
        return ()
    last = src.lines.last_line
    found: list[Suppression] = []
    if in_yaml:
        found.extend(_frontmatter(doc, last))
    if in_body:
        found.extend(_body(split_lines(src.body), src.body_line, last))
    return tuple(found)


def _frontmatter(doc: Document, last: int) -> Iterable[Suppression]:
    src = doc.source
    assert src.frontmatter is not None
    for index, line in enumerate(split_lines(src.frontmatter)):
        match = _YAML.search(line)
        if match is None or _inside_quotes(line, match.start()):
            continue
        number = src.frontmatter_line + index
        selectors = _selectors(match.group("codes"))
        span = Span(number, match.start() + 1, number, match.end() + 1)
        if match.group("kind") == "file-ignore":
            yield Suppression(selectors, 1, last, span)
        elif line[: match.start()].strip():
            yield Suppression(selectors, number, number, span)
        else:  # on a line of its own: the next key and everything below it
            end = doc.positions.subtree_end(number + 1) if doc.positions else None
            yield Suppression(selectors, number + 1, end or number + 1, span)


def _body(lines: list[str], body_line: int, last: int) -> Iterable[Suppression]:
    open_ranges: dict[tuple[str, ...], tuple[int, Span]] = {}
    for index, line in enumerate(lines):
        number = body_line + index
        for match in _html_comments(line):
            selectors = _selectors(match.group("codes"))
            span = Span(number, match.start() + 1, number, match.end() + 1)
            kind = match.group("kind")
            if kind == "disable-next-line":
                yield Suppression(selectors, number + 1, number + 1, span)
            elif kind == "disable":
                open_ranges.setdefault(selectors, (number, span))
            elif selectors in open_ranges:
                start, opened = open_ranges.pop(selectors)
                yield Suppression(selectors, start, number, opened)
    for selectors, (start, opened) in open_ranges.items():
        yield Suppression(selectors, start, last, opened)


def _html_comments(line: str) -> Iterator[re.Match[str]]:
    """`_HTML.finditer(line)` in linear time: a directive that fails at its end fails the same
    way for every `<!--` before that end, so the search goes on after it."""
    position = 0
    while (start := line.find("<!--", position)) >= 0:
        match = _HTML.match(line, start)
        if match is not None:
            yield match
            position = match.end()
        elif _HTML_OPEN.match(line, start) is None:
            position = start + 1
        else:
            end = line.find(">", start)
            if end < 0:
                return
            position = end + 1


def _selectors(text: str | None) -> tuple[str, ...]:
    chosen = tuple(sorted(s for s in _SPLIT.split((text or "").strip()) if s))
    return chosen or ("ALL",)


def _inside_quotes(line: str, position: int) -> bool:
    """A `#` inside a quoted YAML string is text, not a comment."""
    before = line[:position]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def matches(selector: str, code: str, name: str) -> bool:
    """Whether `selector` (a code, a code prefix, a name, or ALL) names the rule."""
    upper = selector.upper()
    return upper == "ALL" or selector.lower() == name or (upper.startswith("PL") and code.startswith(upper))


def apply(
    findings: list[Finding], by_path: Mapping[str, tuple[Suppression, ...]], known: Mapping[str, str]
) -> tuple[list[Finding], list[tuple[str, Suppression, str | None]]]:
    """Drop suppressed findings. Returns what is kept and each unused suppression (path,
    suppression, and the selector that names no rule, if that is why)."""
    used: set[tuple[str, Suppression]] = set()
    kept: list[Finding] = []
    for finding in findings:
        hit = None
        for suppression in by_path.get(finding.path, ()):
            if suppression.covers(finding.span.line) and any(
                matches(s, finding.code, finding.rule) for s in suppression.selectors
            ):
                hit = suppression
                break
        if hit is None:
            kept.append(finding)
        else:
            used.add((finding.path, hit))
    unused: list[tuple[str, Suppression, str | None]] = []
    for path, suppressions in by_path.items():
        for suppression in suppressions:
            if (path, suppression) in used:
                continue
            unknown = next(
                (
                    s
                    for s in suppression.selectors
                    if not any(matches(s, code, name) for code, name in known.items())
                ),
                None,
            )
            unused.append((path, suppression, unknown))
    return kept, unused
