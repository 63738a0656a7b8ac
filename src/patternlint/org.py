"""Org-mode files (`format = "org"`): the `#+KEY: value` keywords at the top are the metadata,
`*` headings are the sections.

The keywords become a mapping whose positions come through the same `Positions` as YAML
frontmatter (each keyword and value a node with its real line and columns), so every rule
that points into metadata points into an Org file alike. Keys are lower-cased, as Org reads
them case-insensitively (`#+TITLE` and `#+title` are one keyword); a keyword given twice keeps
its first value.
"""

from __future__ import annotations

import re

from yaml.error import Mark
from yaml.nodes import MappingNode, ScalarNode

from patternlint.lines import LineMap
from patternlint.markdown import Blocks, Heading
from patternlint.model import Span
from patternlint.yamlload import Positions

_KEYWORD = re.compile(r"#\+([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$")
# A headline: stars, a space, the title, and optional `:tag:tags:` at the end.
_HEADLINE = re.compile(r"(\*+)[ \t]+(.*?)(?:[ \t]+:[\w@#%:]+:)?[ \t]*$")
_BEGIN = re.compile(r"[ \t]*#\+begin_(\w+)", re.IGNORECASE)
_TAG = "tag:yaml.org,2002:str"


def keywords(text: str) -> tuple[dict[str, object], Positions]:
    """The keywords of the lines before the first headline (blank lines and `#` comments in
    between), and their positions."""
    lines = LineMap(text)
    data: dict[str, object] = {}
    pairs: list[tuple[ScalarNode, ScalarNode]] = []
    for line in range(1, lines.last_line + 1):
        start, end = lines.start(line), lines.end(line)
        row = text[start:end]
        if _HEADLINE.match(row):
            break
        found = _KEYWORD.match(row)
        if found is None:
            continue
        key = found.group(1).lower()
        if key in data:
            continue
        data[key] = found.group(2)
        pairs.append((_node(key, start, found.span(1), line), _node(found.group(2), start, found.span(2), line)))
    root = MappingNode("tag:yaml.org,2002:map", pairs, Mark("", 0, 0, 0, None, 0), Mark("", 0, 0, 0, None, 0))
    return data, Positions(root, 1, text)


def _node(value: str, line_start: int, span: tuple[int, int], line: int) -> ScalarNode:
    start = Mark("", line_start + span[0], line - 1, span[0], None, 0)
    end = Mark("", line_start + span[1], line - 1, span[1], None, 0)
    return ScalarNode(_TAG, value, start, end, style="")


def blocks(body: LineMap) -> Blocks:
    """The headlines of an Org text as headings (outside `#+begin_…`/`#+end_…` blocks, which are
    its code)."""
    text = body.text
    found: list[Heading] = []
    code: list[tuple[int, int]] = []
    inside: tuple[str, int] | None = None
    last = body.first + len(body) - 1
    for line in range(body.first, last + 1):
        start, end = body.start(line), body.end(line)
        row = text[start:end]
        if inside is not None:
            if row.strip().lower() == f"#+end_{inside[0]}":
                code.append((inside[1], body.start(line + 1)))
                inside = None
            continue
        begin = _BEGIN.match(row)
        if begin is not None:
            inside = (begin.group(1).lower(), start)
            continue
        headline = _HEADLINE.match(row)
        if headline is not None:
            found.append(Heading(len(headline.group(1)), headline.group(2), Span(line, 1, line, len(row) + 1)))
    if inside is not None:
        code.append((inside[1], len(text)))
    return Blocks(body, tuple(found), tuple(code), "")
