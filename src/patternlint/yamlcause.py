"""What really broke the YAML, for the common real breaks: libyaml says where it gave up, which is
often lines after the cause, and in words about its own state ("did not find expected key").

Only the error path comes here: nothing in this module runs for frontmatter that parses.
"""

from __future__ import annotations

import re

import yaml

from patternlint.lines import LineMap
from patternlint.model import Span
from patternlint.problems import BlockInFlow, ColonInValue, MissingComma, UnclosedQuote

_CLOSERS = {"{": "}", "[": "]"}
# A block key with nothing after it (`commons_domain:`), or a block sequence entry (`- life`).
_BLOCK_KEY = re.compile(r"(?P<indent>[ ]*)(?P<key>[^\s\"'{}\[\],#][^{}\[\],#]*?):[ \t]*(?:#.*)?")
_BLOCK_ITEM = re.compile(r"[ ]*-(?:[ \t]+(?P<item>.*))?")
# `key: value` on one line, where the value is plain (not quoted, not a collection).
_KEY_VALUE = re.compile(
    r"(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[^\s\"'{}\[\],#:][^:#]*?):[ ]+(?P<value>[^\s\"'{}\[\]|>&*!%@`#].*)"
)
# A simple flow item: what a block list item can be rewritten as inside `[…]`.
_SIMPLE_ITEM = re.compile(r"[\w .'-]+")


def closing_line(text: str, lines: LineMap, opener: int) -> int | None:
    """The line where the flow collection opened at offset `opener` is closed, or None when it
    never is. Quoted scalars and comments are skipped; a closer of the other kind ends the search
    (the brackets do not match up, so no closing line can be trusted)."""
    stack: list[str] = []
    quote = ""
    index = opener
    while index < len(text):
        char = text[index]
        if quote:
            if char == quote:
                if quote == "'" and text[index + 1 : index + 2] == "'":
                    index += 1  # `''` is an escaped quote
                else:
                    quote = ""
            elif char == "\\" and quote == '"':
                index += 1
        elif char in "\"'" and (index == 0 or text[index - 1] in " \t\n{[,:"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif char in "}]":
            if not stack or stack.pop() != char:
                return None
            if not stack:
                return lines.line_of(index)
        index += 1
    return None


def flow_break(
    exc: yaml.MarkedYAMLError, text: str, line_offset: int
) -> BlockInFlow | MissingComma | None:
    """The cause of libyaml's "did not find expected `,` or `}`" in a flow collection that IS
    closed later: block-style lines written inside it, or two entries without a `,`. None when
    the collection is never closed (then that is the cause) or the break is something else."""
    context, problem = exc.context_mark, exc.problem_mark
    if context is None or problem is None:
        return None
    lines = LineMap(text)
    opener = lines.offset(context.line + 1, context.column + 1)
    if opener is None or text[opener : opener + 1] not in _CLOSERS:
        return None
    closed = closing_line(text, lines, opener)
    if closed is None or problem.line + 1 > closed:
        return None
    brackets = f"{text[opener]}…{_CLOSERS[text[opener]]}"
    opened_at = context.line + line_offset
    closed_at = closed + line_offset - 1
    at = problem.line + line_offset
    line = lines.line(problem.line + 1)
    rest = line[problem.column :]
    key = _BLOCK_KEY.fullmatch(line)
    item = _BLOCK_ITEM.fullmatch(line)
    if key or item:
        items = [] if item is None else [item.group("item") or ""]
        if key:
            number = problem.line + 2
            while number <= len(lines) and (entry := _BLOCK_ITEM.fullmatch(lines.line(number))):
                items.append(entry.group("item") or "")
                number += 1
        firsts = [re.split(r"[,}\]]", value, maxsplit=1)[0].strip() for value in items]
        flow = None
        if key and firsts and all(_SIMPLE_ITEM.fullmatch(first) for first in firsts):
            flow = f"{key.group('key')}: [{', '.join(firsts)}]"
        shown = key.group("key") + ":" if key else "- " + firsts[0] if firsts else "-"
        block = f"`{shown}`" + (f" then `- {firsts[0]}`" if key and firsts else "")
        end = len(line.rstrip()) + 1
        owner = _owner(lines.line(context.line + 1)[: context.column])
        span = Span(at, problem.column + 1, at, max(end, problem.column + 2))
        return BlockInFlow(brackets, opened_at, closed_at, block, flow, owner, span)
    word = re.match(r"[^\s,:{}\[\]]+", rest)
    if word is None:
        return None
    span = Span(at, problem.column + 1, at, problem.column + 1 + len(word.group()))
    return MissingComma(brackets, opened_at, word.group(), span)


def _owner(before: str) -> str | None:
    """The key whose value the flow collection is (`ontology` in `ontology: {…`)."""
    match = re.fullmatch(r"[ ]*(?:-[ ]+)?(?P<key>[^\s:#][^:#]*?):[ ]*", before)
    return match.group("key") if match else None


def unclosed_quote(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> UnclosedQuote | None:
    """A quoted value that is not closed on its own line, when that is why libyaml gave up: either
    the text ended inside it, or the quote that "closed" it opens a later value, so the reader
    trips right after that quote."""
    problem = exc.problem_mark
    if problem is None:
        return None
    lines = LineMap(text)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        mark = exc.context_mark
        opener = lines.offset(mark.line + 1, mark.column + 1)
        if opener is None:
            return None
        return _quote_at(lines, opener, line_offset, None)
    if problem.line >= len(lines):
        return None
    # Which quoted scalar (started at a value's start) reaches the line where the reader stopped?
    start_of_stop = lines.start(problem.line + 1)
    index = 0
    while index < start_of_stop:
        char = text[index]
        if char in "\"'" and _starts_value(text, index):
            end = _quote_end(text, index)
            if end is None:
                return None
            if end >= start_of_stop:
                if lines.line_of(end) != problem.line + 1 or lines.line_of(index) == problem.line + 1:
                    return None
                return _quote_at(lines, index, line_offset, lines.line_of(end) + line_offset - 1)
            index = end
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
        index += 1
    return None


def _starts_value(text: str, index: int) -> bool:
    """Whether the quote at `index` starts a value: at a line's start, after `- `, `key: `, or
    `[`, `{`, `,` (index steps, not a slice per quote: a line may hold thousands of quotes)."""
    j = index - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0 or text[j] in "\n:[{,":
        return True
    return text[j] == "-" and (j == 0 or text[j - 1] in " \n")


def _quote_end(text: str, index: int) -> int | None:
    quote = text[index]
    position = index + 1
    while position < len(text):
        char = text[position]
        if char == "\\" and quote == '"':
            position += 2
            continue
        if char == quote:
            if quote == "'" and text[position + 1 : position + 2] == "'":
                position += 2
                continue
            return position
        position += 1
    return None


def _quote_at(lines: LineMap, opener: int, line_offset: int, closed_by: int | None) -> UnclosedQuote:
    line, column = lines.position(opener)
    at = line + line_offset - 1
    quote = lines.text[opener]
    key = _owner(lines.line(line)[: column - 1])
    return UnclosedQuote(quote, key, closed_by, Span(at, column, at, column + 1))


def colon_in_value(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> ColonInValue | None:
    """A plain value with `: ` in it (`title: Peer Knowledge: Exchange`): libyaml stops at the
    second colon, saying "mapping values are not allowed"."""
    problem = exc.problem_mark
    if problem is None or exc.context is not None:
        return None
    lines = LineMap(text)
    if problem.line >= len(lines):
        return None
    line = lines.line(problem.line + 1)
    match = _KEY_VALUE.fullmatch(line.rstrip())
    if match is None or match.start("value") > problem.column:
        return None
    value = match.group("value")
    comment = min((at for at in (value.find(" #"), value.find("\t#")) if at >= 0), default=-1)
    value = (value[:comment] if comment >= 0 else value).rstrip()
    at = problem.line + line_offset
    return ColonInValue(match.group("key"), value, Span(at, problem.column + 1, at, problem.column + 2))
