"""Fixes: what a rule proposes, and how it becomes exact edits of a file's text.

A rule attaches a `Fix` to a violation. A fix edits one file (the finding's own, or another one
for a cross-file fix) through changes of three kinds:

- `Edit`: replace the text of a span (file coordinates, like every span) with new text; an
  empty span inserts. Rules that know the exact place (a value, a heading's number) use it.
- `RemoveItem` and `AppendItem`: remove an item of a YAML block list, or append one. Library
  rules only know a link's position, not the lines its item spans, nor the layout of another
  file's list, so these are resolved against the file's text when the fix is applied, which
  also checks that the file still says what the rule saw.

Resolution turns changes into `Range`s (character offsets in the text after the BOM), and
`apply` writes them into the text. Nothing here does I/O; `fixer` does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence, Union

from patternlint.frozen import frozen
from patternlint.lines import BREAK_CHARS, LineMap
from patternlint.model import Fixability, Span

if TYPE_CHECKING:
    from yaml.nodes import Node

    from patternlint.document import Document
    from patternlint.yamlload import PathPart, Positions


@frozen(slots=True)
class Edit:
    """Replace the text of `span` with `content`; an empty span inserts `content` there."""

    span: Span
    content: str


@frozen(slots=True)
class RemoveItem:
    """Remove the item at `item` (a path into the frontmatter) from its block list, lines and
    all; only when it is equal, as data, to the item at `same_as` (the one that stays)."""

    item: tuple[PathPart, ...]
    same_as: tuple[PathPart, ...]


@frozen(slots=True)
class AppendItem:
    """Append a mapping item to the list at `path` (the key is created when the parent mapping
    lacks it), laid out like the file's other items. `entries` are keys and plain YAML values
    in order; the first one names the item, which is not added twice."""

    path: tuple[str, ...]
    entries: tuple[tuple[str, str], ...]


Change = Union[Edit, RemoveItem, AppendItem]


@frozen(slots=True)
class Fix:
    """A rule's proposal. `path` is the file it edits when that is not the finding's own."""

    description: str  # what it does, in the message style: "set `overall_score` to `3.7`"
    applicability: Fixability  # SAFE or UNSAFE, never NONE
    changes: tuple[Change, ...]
    path: str | None = None
    # What the fix decides that another fix of the same pass might decide too, perhaps the
    # other way (a name in a list, the relationship of two patterns; see `name_claim` and
    # `pair_claim`). Of two fixes with a claim in common the second waits for the next pass,
    # when it is recomputed from the new text, or no longer needed.
    claims: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.applicability is Fixability.NONE:
            raise ValueError("a fix is safe or unsafe")

    def applies(self, unsafe: bool) -> bool:
        return self.applicability is Fixability.SAFE or unsafe


@frozen(slots=True)
class Range:
    """`text[start:end]` becomes `content`."""

    start: int
    end: int
    content: str

    @property
    def is_insertion(self) -> bool:
        return self.start == self.end


@frozen(slots=True)
class Resolved:
    """A fix's changes as ranges of one text, and its claims: the fix's own, and what its
    changes create (a list key, a block list out of `[]`, a name in a list), which two fixes
    must not both create."""

    ranges: tuple[Range, ...]
    claims: frozenset[str] = frozenset()

    @property
    def start(self) -> int:
        return min(r.start for r in self.ranges)


def clash(a: Range, b: Range) -> bool:
    """Whether two ranges cannot both be applied in one pass.

    Two insertions at one offset can (they are kept in order, whole); an insertion at the
    edge of a replaced range cannot (which side would it go?), nor can ranges that share a
    character. Replacements that only touch are independent."""
    if a.is_insertion and b.is_insertion:
        return False
    if a.is_insertion:
        return b.start <= a.start <= b.end
    if b.is_insertion:
        return a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def apply(text: str, ranges: Sequence[Range]) -> str:
    """`text` with `ranges` (no two clashing) written in; insertions at one offset keep the
    order they are given in."""
    order = sorted(range(len(ranges)), key=lambda i: (ranges[i].start, ranges[i].end, i))
    out: list[str] = []
    at = 0
    for i in order:
        r = ranges[i]
        if r.start < at:
            raise ValueError("overlapping ranges")
        out.append(text[at : r.start])
        out.append(r.content)
        at = r.end
    out.append(text[at:])
    return "".join(out)


def named_lines(lines: LineMap, r: Range) -> tuple[int, int]:
    """The lines of the old text a range changes, as `(first, last)`; `last` is `first - 1`
    for whole lines inserted before line `first`."""
    first = lines.line_of(r.start)
    if r.is_insertion:
        at_line_start = r.start == lines.start(first)
        whole_lines = r.content[-1:] in BREAK_CHARS
        return (first, first - 1) if at_line_start and whole_lines else (first, first)
    last = lines.line_of(r.end - 1)
    return first, last


# ---------------------------------------------------------------------------------------------
# Resolution


class Target:
    """One file's text as fixes see it; the parsed document only when a change needs it."""

    def __init__(self, path: str, text: str, lines: LineMap, document: Document | None) -> None:
        self.path = path
        self.text = text
        self.lines = lines
        self.document = document


def resolve(fix: Fix, target: Target) -> Resolved | None:
    """The fix's ranges in `target`, or None when it does not apply to this text (the file
    changed, or its layout is one the fix does not handle)."""
    ranges: list[Range] = []
    claims: set[str] = set(fix.claims)
    for change in fix.changes:
        if isinstance(change, Edit):
            r = _edit(change, target.lines)
            if r is None:
                return None
            ranges.append(r)
        elif isinstance(change, RemoveItem):
            r = _remove_item(change, target)
            if r is None:
                return None
            ranges.append(r)
        else:
            appended = _append_item(change, target)
            if appended is None:
                return None
            ranges.extend(appended.ranges)
            claims |= appended.claims
    if not ranges:
        return None
    for i, a in enumerate(ranges):  # a fix's own changes must not clash either
        if any(clash(a, b) for b in ranges[i + 1 :]):
            return None
    return Resolved(tuple(ranges), frozenset(claims))


def _edit(edit: Edit, lines: LineMap) -> Range | None:
    start = lines.offset(edit.span.line, edit.span.column)
    end = lines.offset(edit.span.end_line, edit.span.end_column)
    if start is None or end is None or end < start:
        return None
    return Range(start, end, edit.content)


# YAML: the nodes behind a path, and the lines they take.


def _data(document: Document, path: Sequence[PathPart]) -> tuple[bool, object]:
    node: object = document.data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return False, None
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return False, None
            node = node[part]
    return True, node


def _end(positions: Positions, node: Node) -> tuple[int, int]:
    """Where the node's text ends (line, column just past it). A block collection's own end
    mark lies at the next token, past comments and blank lines, so it is found from the last
    scalar (or flow collection) inside it; an empty plain scalar (a null) has no text."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    best = (0, 0)
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ScalarNode):
            if current.value == "" and current.style is None:
                continue
        elif isinstance(current, (MappingNode, SequenceNode)) and not current.flow_style:
            for child in current.value:
                if isinstance(child, tuple):
                    stack.extend(child)
                else:
                    stack.append(child)
            continue
        span = positions.node_span(current)
        best = max(best, (span.end_line, span.end_column))
    return best


_DASH = re.compile(r"([ \t]*)-([ \t]+)$")
_REST = re.compile(r"[ \t]*(?:#.*)?$")


def _item_lines(target: Target, positions: Positions, item: Node) -> tuple[int, int, re.Match[str]] | None:
    """First and last line of a block list item written `- …` on its own lines, and the match
    of its dash; None for any other layout."""
    span = positions.node_span(item)
    dash = _DASH.match(target.lines.line(span.line)[: span.column - 1])
    if dash is None:
        return None
    last, column = _end(positions, item)
    if last < span.line or not _REST.match(target.lines.line(last)[column - 1 :]):
        return None
    return span.line, last, dash


def _remove_item(change: RemoveItem, target: Target) -> Range | None:
    from yaml.nodes import SequenceNode

    doc = target.document
    if doc is None or doc.positions is None or doc.data is None:
        return None
    found, value = _data(doc, change.item)
    kept, other = _data(doc, change.same_as)
    if not (found and kept) or value != other or change.item == change.same_as:
        return None
    positions = doc.positions
    _, parent = positions.find(change.item[:-1])
    if not isinstance(parent, SequenceNode) or parent.flow_style:
        return None
    index = change.item[-1]
    if not isinstance(index, int) or not 0 <= index < len(parent.value):
        return None
    place = _item_lines(target, positions, parent.value[index])
    if place is None:
        return None
    first, last, _ = place
    lines = target.lines
    return Range(lines.start(first), lines.start(last + 1), "")


_PLAIN_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


def _append_item(change: AppendItem, target: Target) -> Resolved | None:
    from yaml.nodes import MappingNode, SequenceNode

    doc = target.document
    if doc is None or doc.positions is None or doc.data is None or not change.entries:
        return None
    if not all(_PLAIN_VALUE.fullmatch(v) for _, v in change.entries):
        return None
    positions = doc.positions
    lines = target.lines
    *parent_path, key = change.path
    found, parent = _data(doc, parent_path)
    if not found or not isinstance(parent, dict):
        return None
    _, parent_node = positions.find(tuple(parent_path))
    if not isinstance(parent_node, MappingNode) or parent_node.flow_style or not parent_node.value:
        return None
    name_key, name = change.entries[0]
    current = parent.get(key)
    if isinstance(current, list) and any(_names(item, name_key, name) for item in current):
        return None  # already there
    claim = f"{target.path}:create:" + ".".join(change.path)
    named = frozenset({name_claim(target.path, change.path, name)})
    key_node, value_node = positions.find(tuple(change.path))

    if key in parent and isinstance(current, list) and current:
        if not isinstance(value_node, SequenceNode) or value_node.flow_style:
            return None
        first = _item_lines(target, positions, value_node.value[0])
        last = _item_lines(target, positions, value_node.value[-1])
        if first is None or last is None:
            return None
        dash = first[2]
        indent, gap = dash.group(1), dash.group(2)
        key_column = _key_column(positions, value_node.value[0], len(indent) + 1 + len(gap))
        flow = isinstance(value_node.value[0], MappingNode) and bool(value_node.value[0].flow_style)
        text = _item_text(change.entries, indent, gap, key_column, lines.eol(last[1]), flow)
        at = lines.start(last[1] + 1)
        if last[1] + 1 > len(lines):
            return None
        return Resolved((Range(at, at, text),), named)

    if key in parent and (current is None or current == []):
        # `key: []` or `key:` with nothing: the list becomes a block list under its key.
        if key_node is None or value_node is None:
            return None
        key_span = positions.node_span(key_node)
        line_text = lines.line(key_span.line)
        colon = key_span.end_column - 1  # 0-based column of what follows the key
        rest = line_text[colon:]
        if current == []:
            value_span = positions.node_span(value_node)
            if value_span.line != key_span.line or value_span.end_line != key_span.line:
                return None
            if not re.fullmatch(r"[ \t]*:[ \t]*", line_text[colon : value_span.column - 1]):
                return None
            if not _REST.match(line_text[value_span.end_column - 1 :]):
                return None
            remove = Range(
                lines.start(key_span.line) + colon + 1,
                lines.start(key_span.line) + value_span.end_column - 1,
                "",
            )
        else:
            if not re.fullmatch(r"[ \t]*:[ \t]*(?:#.*)?", rest):
                return None
            remove = None
        key_indent = key_span.column - 1
        indent, gap, key_column = _list_layout(positions, parent_node, key_indent, lines)
        eol = lines.eol(key_span.line)
        at = lines.start(key_span.line + 1)
        insert = Range(at, at, _item_text(change.entries, indent, gap, key_column, eol, False))
        ranges = (insert,) if remove is None else (remove, insert)
        return Resolved(ranges, named | {claim})

    if key not in parent:
        first_key = parent_node.value[0][0]
        key_indent = positions.node_span(first_key).column - 1
        last_line, _ = _end(positions, parent_node)
        if last_line < 1 or last_line + 1 > len(lines):
            return None
        indent, gap, key_column = _list_layout(positions, parent_node, key_indent, lines)
        eol = lines.eol(last_line)
        text = " " * key_indent + f"{key}:{eol}" + _item_text(change.entries, indent, gap, key_column, eol, False)
        at = lines.start(last_line + 1)
        return Resolved((Range(at, at, text),), named | {claim})
    return None


def name_claim(file: str, path: Sequence[PathPart], name: str) -> str:
    """The claim of a fix that makes the list at `path` of `file` name `name`."""
    return f"{file}:" + ".".join(str(p) for p in path) + "=" + name


def pair_claim(a: str, b: str) -> str:
    """The claim of a fix that changes how the patterns of files `a` and `b` are related: two
    such fixes in one pass (one in each file, say) could contradict each other."""
    return "pair:" + "\0".join(sorted((a, b)))


def _names(item: object, key: str, name: str) -> bool:
    if isinstance(item, str):
        return item == name
    return isinstance(item, dict) and (item.get(key) == name or item.get("id") == name)


def _key_column(positions: Positions, item: Node, default: int) -> int:
    """0-based column of the keys of a block mapping item after its first line."""
    from yaml.nodes import MappingNode

    if isinstance(item, MappingNode) and not item.flow_style and item.value:
        return positions.node_span(item.value[-1][0]).column - 1
    return default


def _list_layout(positions: Positions, mapping: Node, key_indent: int, lines: LineMap) -> tuple[str, str, int]:
    """How the mapping's other block lists lay out their items: the dash's indentation, the
    space after it, and the column of an item's keys. Two spaces deeper than the key, then
    `- `, when the mapping has no block list to copy."""
    from yaml.nodes import SequenceNode

    for key, value in mapping.value:
        if isinstance(value, SequenceNode) and not value.flow_style and value.value:
            item = value.value[0]
            span = positions.node_span(item)
            dash = _DASH.match(lines.line(span.line)[: span.column - 1])
            if dash is None:
                continue
            depth = len(dash.group(1)) - (positions.node_span(key).column - 1)
            indent = " " * (key_indent + depth)
            gap = dash.group(2)
            return indent, gap, _key_column(positions, item, len(indent) + 1 + len(gap))
    indent = " " * (key_indent + 2)
    return indent, " ", key_indent + 4


def _item_text(
    entries: Sequence[tuple[str, str]], indent: str, gap: str, key_column: int, eol: str, flow: bool
) -> str:
    if flow:
        return f"{indent}-{gap}{{" + ", ".join(f"{k}: {v}" for k, v in entries) + "}" + eol
    (first_key, first_value), *rest = entries
    text = f"{indent}-{gap}{first_key}: {first_value}{eol}"
    for k, v in rest:
        text += " " * key_column + f"{k}: {v}{eol}"
    return text


# ---------------------------------------------------------------------------------------------
# Helpers for rules


def pointer_path(pointer: str) -> tuple[PathPart, ...]:
    """`relationships.enables[2].slug` as a path: `("relationships", "enables", 2, "slug")`."""
    parts: list[PathPart] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", pointer):
        parts.append(int(index) if index else name)
    return tuple(parts)


def value_edit(span: Span, written_width: int, value: str) -> Edit | None:
    """Replace a one-line scalar whose value is `written_width` characters long, keeping its
    quotes: a span that is two characters wider holds quotes; any other width (escapes,
    folded text) is not rewritten."""
    if span.line != span.end_line:
        return None
    width = span.end_column - span.column
    if width == written_width:
        return Edit(span, value)
    if width == written_width + 2:
        return Edit(Span(span.line, span.column + 1, span.line, span.end_column - 1), value)
    return None
