"""Frontmatter YAML: composed by libyaml, turned into plain data by us.

We compose (not load) so that every node keeps its position, then build plain Python data
ourselves. That way timestamps stay strings (check-jsonschema's choice: `2024-13-45` becomes a
schema finding, not a `ValueError`), duplicate keys are seen instead of silently dropped, and no
YAML tag can ever construct an object.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any, Callable, Iterable, Iterator, Union

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from patternlint.frozen import frozen
from patternlint.lines import LINE_START, LineMap
from patternlint.model import PathPart as PathPart  # re-exported: the parser's users name it here
from patternlint.model import Span
from patternlint import yamlcause
from patternlint.problems import (
    BlockInFlow,
    ColonInValue,
    DuplicateKey,
    MissingComma,
    SelfAlias,
    TabIndentation,
    TooDeep,
    TooManyAliasValues,
    UnclosedFlow,
    UnclosedQuote,
    YamlSyntax,
)

SyntaxProblem = Union[YamlSyntax, UnclosedFlow, BlockInFlow, MissingComma, UnclosedQuote, ColonInValue, TabIndentation]

# libyaml's loader; PyYAML's own (slower, same answers) where PyYAML was built without it.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_resolve = _BaseLoader.resolve
# The first characters for which a plain scalar may be something other than a string (None
# would stand for resolvers that try every scalar: then every scalar takes the full way).
_MAY_NOT_BE_STR = frozenset(_BaseLoader.yaml_implicit_resolvers)
_EVERY_SCALAR = None in _MAY_NOT_BE_STR


class _Loader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader with the same tag resolution, made cheaper. libyaml calls these
    three methods in Python for every node, a tenth of composing: most scalars are strings whose
    first character no implicit resolver starts with, and no path resolver is registered."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and (_EVERY_SCALAR or value[:1] in _MAY_NOT_BE_STR):
                return _resolve(self, kind, value, implicit)  # type: ignore[no-any-return]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


# Scalar constructors of PyYAML's SafeConstructor, reused for exact YAML 1.1 semantics.
_scalar = yaml.constructor.SafeConstructor()

Data = object


class YamlSyntaxError(Exception):
    """The frontmatter is not YAML; `problem` says where and why."""

    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem)
        self.problem = problem
        self.span = problem.span


@frozen
class Limits:
    """What one frontmatter may cost. Hostile input (alias bombs, `[[[[…`) hits these and
    becomes a finding instead of a hang, a memory blow-up or a crash of the YAML reader."""

    max_nesting_depth: int = 100
    max_alias_expansion: int = 100_000  # values, counting every use of an alias in full


class LimitExceeded(Exception):
    """The frontmatter goes over a limit; `setting` names the configuration that sets it."""

    def __init__(self, problem: TooDeep | TooManyAliasValues | SelfAlias) -> None:
        super().__init__(problem)
        self.problem = problem
        self.span = problem.span

    @property
    def setting(self) -> str:
        return "max-nesting-depth" if isinstance(self.problem, TooDeep) else "max-alias-expansion"


# Mappings of at most this many keys are scanned, larger ones looked up in a table (`_keys`).
_SCANNED = 4


class Positions:
    """Maps a data path to the YAML node it came from, computed on demand (findings are rare)."""

    def __init__(self, root: Node, line_offset: int, text: str = "") -> None:
        self._root = root
        self._offset = line_offset
        self._text = text
        self.non_finite: list[tuple[PathPart, ...]] = []  # where `.nan` or `.inf` was written
        # Whether a value holds what the compiled schema pre-check may misjudge (see UNUSUAL).
        self.unusual = unusual(text)
        self._suspects: list[tuple[ScalarNode, bool]] = []
        self._by_key: dict[int, dict[str, tuple[Node, Node]]] = {}  # see `_keys`

    def key_text(self, key: Node) -> str:
        """A key as data knows it: a scalar's value, or a complex key's source text."""
        if isinstance(key, ScalarNode):
            return str(key.value)
        return self._text[key.start_mark.index : key.end_mark.index]

    def node_span(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        line, column = start.line, start.column
        at = start.index
        if isinstance(node, ScalarNode) and at < end.index and self._text[at] in "&!":
            # A scalar's start mark is at its anchor or tag (`&a 4.1`); the value is after them.
            properties = self._text[at : self._value_start(at, end.index)]
            breaks = properties.count("\n")
            line += breaks
            column = len(properties) - properties.rfind("\n") - 1 if breaks else column + len(properties)
        return Span(line + self._offset, column + 1, end.line + self._offset, end.column + 1)

    def _value_start(self, start: int, end: int) -> int:
        """Where a scalar's value begins, past its anchor and tag (each followed by space)."""
        text, at = self._text, start
        while at < end and text[at] in "&!":
            after = at
            while after < end and not text[after].isspace():
                after += 1
            while after < end and text[after].isspace():
                after += 1
            if after >= end:  # no value after them: the node is its properties
                return start
            at = after
        return at

    def find(self, path: tuple[PathPart, ...]) -> tuple[Node | None, Node | None]:
        """Return `(key_node, value_node)` for the deepest existing prefix of `path`."""
        key_node, node, _ = self._descend(None, self._root, path)
        return key_node, node

    def _descend(
        self, key_node: Node | None, node: Node, path: Iterable[PathPart]
    ) -> tuple[Node | None, Node, bool]:
        """`find` from `node` (reached by `key_node`) on, and whether all of `path` exists."""
        for part in path:
            if isinstance(node, MappingNode):
                text = str(part)
                if len(node.value) <= _SCANNED:
                    # The last of two equal keys is the one whose value the data holds. (A loop,
                    # not a generator: every link of every file is found so.)
                    found = None
                    for pair in reversed(node.value):
                        key = pair[0]
                        if (str(key.value) if isinstance(key, ScalarNode) else self.key_text(key)) == text:
                            found = pair
                            break
                else:
                    found = self._keys(node).get(text)
                if found is None:
                    return key_node, node, False
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return key_node, node, False
                key_node, node = None, node.value[part]
            else:
                return key_node, node, False
        return key_node, node, True

    def value_spans(self, path: tuple[PathPart, ...], tails: Iterable[tuple[PathPart, ...]]) -> list[Span]:
        """`value_span(path + tail)` for each tail, `path` walked once (a list's items: every
        link of a file is found so)."""
        key_node, node, whole = self._descend(None, self._root, path)
        if not whole:  # each tail stops where `path` does
            return [self.node_span(node) for _ in tails]
        return [self.node_span(self._descend(key_node, node, tail)[1]) for tail in tails]

    def _keys(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """The entries of a mapping of more than `_SCANNED` keys by key text, made on its first
        lookup (a record looks up each of its links, 33,448 on the reference library, along the
        same few large mappings; a link item's own two keys are cheaper to scan). The last of
        two equal keys is the one whose value the data holds."""
        keys = self._by_key.get(id(node))
        if keys is None:
            keys = self._by_key[id(node)] = {self.key_text(k): (k, v) for k, v in node.value}
        return keys

    def source_text(self, path: tuple[PathPart, ...]) -> str:
        """The value at `path` as written in the file."""
        _, node = self.find(path)
        if node is None:
            return ""
        return self._text[node.start_mark.index : node.end_mark.index]

    def value_span(self, path: tuple[PathPart, ...]) -> Span:
        _, node = self.find(path)
        return self.node_span(node) if node is not None else Span.point(1)

    def key_span(self, path: tuple[PathPart, ...]) -> Span:
        """The key's own span (for an unexpected or misplaced key), else the value's."""
        key, node = self.find(path)
        target = key if key is not None else node
        return self.node_span(target) if target is not None else Span.point(1)

    def scalar_at(self, span: Span) -> tuple[tuple[PathPart, ...], ScalarNode] | None:
        """The data path and node of the value scalar whose text holds `span` (a fix's edit),
        following the tree as data does; None when no value scalar holds it (a key, several
        values, the space between them)."""
        at = (span.line, span.column)
        end = (span.end_line, span.end_column)
        # The same bounds as marks (0-based, before the frontmatter's first line), to pass over
        # the children that end before the span or start after it without making their spans.
        offset = self._offset
        raw_at = (span.line - offset, span.column - 1)
        raw_end = (span.end_line - offset, span.end_column - 1)
        path: tuple[PathPart, ...] = ()
        node: Node = self._root
        while True:
            if isinstance(node, ScalarNode):
                return path, node
            children: list[tuple[Node | int, Node]]
            if isinstance(node, MappingNode):
                children = node.value
            elif isinstance(node, SequenceNode):
                children = list(enumerate(node.value))
            else:  # pragma: no cover - libyaml yields only the three node kinds
                return None
            for part, child in reversed(children):  # the last of two equal keys holds the data
                # A scalar's span starts after its anchor and tag, never before its start mark:
                # a child whose marks do not hold the span has a span that does not either.
                first, last = child.start_mark, child.end_mark
                if (first.line, first.column) > raw_at or raw_end > (last.line, last.column):
                    continue
                s = self.node_span(child)
                if (s.line, s.column) <= at and end <= (s.end_line, s.end_column):
                    key: PathPart = part if isinstance(part, int) else self.key_text(part)
                    path, node = (*path, key), child
                    break
            else:
                return None

    def yaml11_suspects(self) -> Iterator[tuple[ScalarNode, bool]]:
        """Plain (unquoted) scalars, keys included, whose text YAML 1.1 may read otherwise
        than YAML 1.2, each with whether it is a mapping key, in document order: booleans
        other than true/false, numbers with `:` (base 60) or a leading zero (octal), and short
        strings such as `y`, `yEs` or `09`. The build, which visits every scalar anyway, notes
        them; a second walk of the tree, or a regular expression over the text, would cost
        more than the whole rule. The rule makes the exact decision."""
        return iter(self._suspects)

    def subtree_end(self, line: int) -> int | None:
        """The last line of the key that starts on `line` and everything below it, if a key
        starts there (for a suppression comment on the line above it)."""
        stack: list[Node] = [self._root]
        while stack:
            node = stack.pop()
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if key.start_mark.line + self._offset == line:
                        end = value.end_mark
                        # A block value ends at the start of the line after it.
                        last: int = end.line + self._offset - (1 if end.column == 0 else 0)
                        return max(last, line)
                    stack.append(value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return None

    def owner_span(self, path: tuple[PathPart, ...]) -> Span:
        """Where to report something missing from the mapping at `path`: the key that holds it.

        For the top-level mapping this is the opening `---` on line 1.
        """
        if not path:
            return Span(1, 1, 1, 4)
        return self.key_span(path)


def parse_frontmatter(
    text: str, line_offset: int, limits: Limits = Limits()
) -> tuple[Data, Positions, list[DuplicateKey]]:
    """Compose `text` (the lines between the `---` fences) and build plain data.

    `line_offset` is the 1-based file line of the first line of `text`.
    Raises YamlSyntaxError with a file-relative position, or LimitExceeded.
    """
    # libyaml composes recursively in C: a collection nested ~100,000 deep (flow `[[[…` or block
    # `- - - …`) overflows its stack and kills the process, and newer libyaml releases stop at
    # a depth of their own with an error. Our own bound comes first, whatever libyaml does.
    if may_nest_deeper(text, limits.max_nesting_depth):
        _check_depth(text, line_offset, limits.max_nesting_depth)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _tab_indentation(exc, text, line_offset) or _syntax_error(exc, text, line_offset) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(YamlSyntax(str(exc).splitlines()[0], None, Span.point(line_offset))) from None
    positions = Positions(root if root is not None else ScalarNode(_NULL, ""), line_offset, text)
    if root is None:
        return None, positions, []
    builder = _Builder(positions, aliases=may_share_nodes(text))
    try:
        data = builder.build(root)
    except RecursionError:
        raise _too_deep(limits.max_nesting_depth, Span.point(line_offset)) from None
    if builder.size(root) > limits.max_alias_expansion:
        raise LimitExceeded(TooManyAliasValues(limits.max_alias_expansion, Span.point(line_offset)))
    return data, positions, builder.duplicates


# libyaml's anchor and alias names are letters, digits, `_` and `-` (stricter than the spec),
# written right after `&` and `*`; whatever stands before them.
_ANCHOR_NAME = re.compile(r"&([0-9A-Za-z_-]+)")
_ALIAS_NAME = re.compile(r"\*([0-9A-Za-z_-]+)")


def may_share_nodes(text: str) -> bool:
    """Whether the composed nodes may form a graph rather than a tree: only an alias (`*name`)
    of an anchor (`&name`) makes a node reachable twice. A name written after both `&` and `*`
    anywhere in the text is enough to take the careful build (`R&D *now*` is neither)."""
    if "*" not in text or "&" not in text:
        return False
    anchors = set(_ANCHOR_NAME.findall(text))
    return any(name in anchors for name in _ALIAS_NAME.findall(text))


def anchors_and_aliases(text: str | None, line_offset: int) -> tuple[Span, ...] | None:
    """Where `text` writes an anchored node (from its `&name` to the end of the value or
    collection it names) or an alias (`*name`), in file coordinates; None when the reader stops
    at a syntax error first. An edit inside an anchored node changes every alias of it too."""
    if text is None:
        return ()  # no frontmatter
    if _ANCHOR_NAME.search(text) is None and _ALIAS_NAME.search(text) is None:
        return ()  # `R&D`, `& ` in a comment: no name follows
    marks: list[Span] = []
    opened: list[Any] = []  # each open collection's start mark, when it has an anchor

    def span(start: Any, end: Any) -> Span:
        return Span(start.line + line_offset, start.column + 1, end.line + line_offset, end.column + 1)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or isinstance(event, yaml.ScalarEvent) and event.anchor:
                marks.append(span(event.start_mark, event.end_mark))
            elif isinstance(event, yaml.CollectionStartEvent):
                opened.append(event.start_mark if event.anchor else None)
            elif isinstance(event, yaml.CollectionEndEvent):
                start = opened.pop()
                if start is not None:
                    marks.append(span(start, event.end_mark))
    except yaml.YAMLError:
        return None
    return tuple(marks)


# What the compiled schema pre-check (jsonschema-rs) may judge valid where jsonschema does not:
# characters that are white space to Python's `\s` and not to ECMA-262's, or the other way
# round, and the year 0000 in a `date`. Frontmatter with these goes the slow way (see schema).
UNUSUAL = ("\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\ufeff", "0000-")


_UNUSUAL = re.compile("[\x1c-\x1f\x85\ufeff]|0000-")  # the same, for short values


def unusual(text: str) -> bool:
    """Whether `text` holds any of `UNUSUAL`. Over a whole frontmatter, seven `in` tests cost a
    tenth of the regular expression `_UNUSUAL`, which is faster for one short value."""
    return any(piece in text for piece in UNUSUAL)




@functools.lru_cache(maxsize=8)
def _indent_run(length: int, lf_only: bool) -> re.Pattern[str]:
    # A line's leading spaces, tabs and block indicators (`- `, `? `, `: `): the column at which
    # its deepest block collection starts. A fixed count keeps the search linear. Where `\n` is
    # the only line break, `^` finds line starts about five times faster than the look-behind
    # that every YAML break needs.
    if lf_only:
        return re.compile(f"^[ \t?:-]{{{length}}}", re.MULTILINE)
    return re.compile(LINE_START + f"[ \t?:-]{{{length}}}")


def may_nest_deeper(text: str, limit: int) -> bool:
    """Whether the collections in `text` may nest deeper than `limit`, by a cheap upper bound.

    Flow collections nest one level per `[` or `{`. A block collection nested in another starts
    at least one column further right every two levels (a sequence may stand at its parent
    mapping's column, its entries may not), so block nesting deeper than twice the longest
    leading run of spaces and indicators, plus two, cannot happen.
    """
    brackets = text.count("[") + text.count("{")
    if brackets > limit:
        return True
    run = (limit - brackets) // 2 - 2
    lf_only = "\r" not in text and "\x85" not in text and "\u2028" not in text and "\u2029" not in text
    return run < 1 or _indent_run(run, lf_only).search(text) is not None


def nesting_depth(text: str, limit: int) -> tuple[int, int, int] | None:
    """Where the collections in `text` first nest deeper than `limit`: (0-based line, 0-based
    column, depth), or None when they never do up to the first syntax error.

    The event stream is read one event at a time (libyaml's and PyYAML's parsers keep their own
    stacks, so no depth overflows them) and abandoned as soon as the limit is passed. Where
    libyaml gives up first (releases from 0.2.6 stop at their own depth, and the scanner may read
    far ahead of the events), PyYAML's own parser measures the text up to the place libyaml
    stopped at: the answer never depends on the libyaml release.
    """
    try:
        return _deeper_than(yaml.parse(text, Loader=_Loader), limit)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        end = mark.index + 1 if mark is not None else len(text)
    try:
        return _deeper_than(yaml.parse(text[:end], Loader=yaml.SafeLoader), limit)
    except yaml.YAMLError:
        return None  # composing reports the syntax error, at its place


def _deeper_than(events: Iterator[yaml.Event], limit: int) -> tuple[int, int, int] | None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                mark = event.start_mark
                return (mark.line, mark.column, depth) if mark else (0, 0, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _check_depth(text: str, line_offset: int, limit: int) -> None:
    found = nesting_depth(text, limit)
    if found is not None:
        raise _too_deep(limit, Span.point(found[0] + line_offset, found[1] + 1))


def _too_deep(limit: int, span: Span) -> LimitExceeded:
    return LimitExceeded(TooDeep(limit, span))


# What may stand before a tab for it to be indentation: spaces, tabs, and the block indicators
# `- `, `? ` and `: ` of compact nested collections.
_INDENTING_TAB = re.compile(r"(?:[ \t]|[-?:](?=[ \t]))*\t")
_TAB_INDENTED = re.compile(LINE_START + r"(?:[ \t]|[-?:](?=[ \t]))*\t")


def _tab_indentation(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> YamlSyntaxError | None:
    """The error as a tab-indentation problem when the reader stopped at an indenting tab.

    libyaml words this several ways ("found character that cannot start any token", "found a
    tab character that violates indentation", "… where an indentation space is expected"); all
    of them point at the tab.
    """
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = LineMap(text)
    if mark.line >= len(lines):
        return None
    line = lines.line(mark.line + 1)
    if not _INDENTING_TAB.fullmatch(line[: mark.column + 1]):
        return None
    others = sum(1 for m in _TAB_INDENTED.finditer(text) if lines.line_of(m.start()) != mark.line + 1)
    at = mark.line + line_offset
    return YamlSyntaxError(TabIndentation(others, Span(at, mark.column + 1, at, mark.column + 2)))


_FLOW = {"while parsing a flow mapping": "{", "while parsing a flow sequence": "["}


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> YamlSyntaxError:
    def at(mark: yaml.Mark | None) -> Span:
        if mark is None:
            return Span.point(line_offset)
        return Span.point(mark.line + line_offset, mark.column + 1)

    problem = (exc.problem or "invalid YAML").replace("'", "`")
    cause = yamlcause.colon_in_value(exc, text, line_offset) or yamlcause.unclosed_quote(exc, text, line_offset)
    if cause is not None:
        return YamlSyntaxError(cause)
    opener = _FLOW.get(exc.context or "")
    if opener and exc.context_mark is not None:
        closed = yamlcause.flow_break(exc, text, line_offset)
        if closed is not None:
            return YamlSyntaxError(closed)
        # The reader gives up where it noticed, often lines later; the author must fix the
        # bracket that was opened and never closed.
        return YamlSyntaxError(
            UnclosedFlow(opener, problem, at(exc.problem_mark).line, at(exc.context_mark))
        )
    return YamlSyntaxError(YamlSyntax(problem, exc.context or None, at(exc.problem_mark or exc.context_mark)))


# Short plain strings that YAML 1.1 readers disagree about: `y` and `n` (booleans by the spec,
# strings for PyYAML and Psych) and odd-case words such as `yEs` (a boolean for Psych).
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off"})


def _zero_led(value: str) -> bool:
    """`010`, `-09`: a zero followed by another digit (not `0`, `0.5` or `0x1f`)."""
    digits = value.lstrip("+-")
    return digits[:1] == "0" and digits[1:2].isdigit()


class _Builder:
    """Plain data from composed nodes. Building is a good part of reading a file, so the common
    case (no anchors, no duplicate keys, finite numbers) does nothing it does not need."""

    def __init__(self, positions: Positions, aliases: bool = True) -> None:
        self._positions = positions
        # Without an anchor (`&name`) there is no alias: no node is reached twice, and the
        # bookkeeping of shared nodes is skipped.
        self._aliases = aliases
        self._memo: dict[int, Data] = {}
        self._sizes: dict[int, int] = {}  # values below a collection, aliases counted in full
        self._non_finite: list[Node] = []  # `.nan` and `.inf` values, in reading order
        self.duplicates: list[DuplicateKey] = []

    def size(self, node: Node) -> int:
        return self._sizes.get(id(node), 1)

    def build(self, root: Node) -> Data:
        data = self._shared(root) if self._aliases else self._tree(root)
        if self._non_finite:
            self._positions.non_finite.extend(self._paths_to(root, self._non_finite))
        return data

    def _tree(self, node: Node) -> Data:
        """A node of a tree: no node is reached twice."""
        kind = type(node)
        if kind is ScalarNode:
            return self._value(node)  # type: ignore[arg-type]
        if kind is SequenceNode:
            tree = self._tree
            return [tree(child) for child in node.value]
        if kind is MappingNode:
            return self._mapping(node, {}, self._tree)  # type: ignore[arg-type]
        return None  # pragma: no cover - libyaml yields only the three node kinds

    def _shared(self, node: Node) -> Data:
        """A node of a graph: an alias is the same node object composed once, built once here
        and shared; `_sizes` counts what the aliases expand to."""
        memo = self._memo.get(id(node))
        if memo is not None:
            if id(node) not in self._sizes:  # still being built: the alias refers to itself
                raise LimitExceeded(SelfAlias(self._positions.node_span(node)))
            return memo
        if isinstance(node, ScalarNode):
            return self._value(node)
        if isinstance(node, SequenceNode):
            items: list[Data] = []
            self._memo[id(node)] = items
            items.extend(self._shared(child) for child in node.value)
            self._sizes[id(node)] = 1 + sum(self.size(child) for child in node.value)
            return items
        if isinstance(node, MappingNode):
            mapping: dict[Data, Data] = {}
            self._memo[id(node)] = mapping
            self._mapping(node, mapping, self._shared)
            self._sizes[id(node)] = 1 + sum(self.size(v) for _, v in node.value)
            return mapping
        return None  # pragma: no cover - libyaml yields only the three node kinds

    def _mapping(
        self, node: MappingNode, mapping: dict[Data, Data], build: Callable[[Node], Data]
    ) -> dict[Data, Data]:
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key in mapping:
                self._duplicate(node, key_node, key)
            mapping[key] = build(value_node)
        return mapping

    def _key(self, node: Node, note: bool = True) -> Data:
        """Scalars build to hashable values; a complex key is kept by its source text."""
        if type(node) is ScalarNode:
            return self._scalar(node, is_key=True, note=note)
        return self._positions.key_text(node)

    def _duplicate(self, mapping: MappingNode, key_node: Node, key: Data) -> None:
        # The keys before this one, looked up as the mapping did (identity, then equality: the
        # one `.nan` object equals itself only that way).
        before: dict[Data, Node] = {}
        for k, _ in mapping.value:
            if k is key_node:
                break
            before.setdefault(self._key(k, note=False), k)
        first = before[key]
        self.duplicates.append(
            DuplicateKey(
                str(key), self._positions.node_span(key_node), self._positions.node_span(first).line
            )
        )

    def _value(self, node: ScalarNode) -> Data:
        value = self._scalar(node)
        if type(value) is float and not math.isfinite(value):
            self._non_finite.append(node)
        return value

    def _paths_to(self, root: Node, targets: list[Node]) -> list[tuple[PathPart, ...]]:
        """The data paths of `targets`, each where it is first reached (rare: only for the
        values JSON cannot hold)."""
        wanted = {id(node) for node in targets}
        found: list[tuple[PathPart, ...]] = []
        seen: set[int] = set()
        stack: list[tuple[Node, tuple[PathPart, ...]]] = [(root, ())]
        while stack:
            node, path = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if id(node) in wanted:
                found.append(path)
            if isinstance(node, SequenceNode):
                stack.extend((child, (*path, i)) for i, child in reversed(list(enumerate(node.value))))
            elif isinstance(node, MappingNode):
                stack.extend(
                    (v, (*path, str(self._key(k, note=False)))) for k, v in reversed(node.value)
                )
        return found

    def _scalar(self, node: ScalarNode, is_key: bool = False, note: bool = True) -> Data:
        tag = node.tag
        # Alongside, note the plain scalars YAML 1.1 may read otherwise than YAML 1.2 (see
        # `Positions.yaml11_suspects`): each check sits in the branch that needs it, so the
        # common case, a longer string, pays one comparison.
        suspects = self._positions._suspects if note else []
        if tag == _STR:
            value = node.value
            if len(value) < 4 and not node.style and (value.lower() in _YAML11_WORDS or _zero_led(value)):
                suspects.append((node, is_key))
            if node.style == '"' and _UNUSUAL.search(value):  # written as escapes (`"\x1f"`)
                self._positions.unusual = True
            return value
        try:
            if tag == _INT:
                value = node.value
                if not node.style and (":" in value or _zero_led(value)):
                    suspects.append((node, is_key))
                if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                    return int(value)  # plain decimal digits: what PyYAML's constructor makes
                return _scalar.construct_yaml_int(node)
            if tag == _FLOAT:
                value = node.value
                if ":" in value and not node.style:
                    suspects.append((node, is_key))
                if ":" not in value and "_" not in value and "n" not in value.lower():
                    try:  # `0.8`, `-1.5e+3`: what PyYAML's constructor makes, without its steps
                        return float(value)
                    except ValueError:
                        pass
                return _scalar.construct_yaml_float(node)
            if tag == _BOOL:
                if node.value.lower() not in ("true", "false") and not node.style:
                    suspects.append((node, is_key))
                return _scalar.construct_yaml_bool(node)
            if tag == _NULL:
                return None
        except (ValueError, IndexError, KeyError, yaml.YAMLError):
            # Not a value of its tag (`!!int 1.5`; PyYAML fails with an IndexError on `!!int _`,
            # a KeyError on `!!bool maybe`): the text as written, which the schema then judges.
            return node.value
        # Timestamps, binary, and any explicit or custom tag: the text as written.
        return node.value
