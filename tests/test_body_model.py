"""The body's block model (`markdown.Blocks`): code blocks as cmark sees them, and the one
extent of a section that every body rule reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from patternlint import body
from patternlint.document import Document
from patternlint.rules import primary_tension_mismatch

SEED = Path(__file__).parent / "fixtures" / "PL203-primary-tension-mismatch" / "pass-peer-knowledge-exchange.md"

CODE = """---
title: x
---
Prose ownership 3.0 here.

> quoted prose
>
>     indented code in a quote
>
> ```
> fenced code in a quote
> ```

- item

  ~~~
  fenced code in a list item
  ~~~

    indented code

```
fenced code
```
after
"""
IN_CODE = ("indented code in a quote", "fenced code in a quote", "fenced code in a list item", "    indented code", "fenced code\n", "```")
NOT_CODE = ("Prose ownership", "quoted prose", "item", "after")


def _doc(text: str) -> Document:
    return Document("x.md", "x", text.encode())


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r"])
def test_code_blocks_at_any_depth(brk: str) -> None:
    doc = _doc(CODE.replace("\n", brk))
    text = doc.source.body
    for piece in IN_CODE:
        assert body.in_code(doc, text.index(piece.replace("\n", brk))), piece
    for piece in NOT_CODE:
        assert not body.in_code(doc, text.index(piece)), piece


def test_code_blocks_where_cmark_counts_other_lines() -> None:
    # cmark does not end a line at NEL or LS; YAML does, so the file has more lines than cmark
    # sees. Code is still found at the offsets of its own text.
    doc = _doc(CODE.replace("Prose ownership", "Prose\x85ownership").replace("quoted prose", "quoted\u2028prose"))
    text = doc.source.body
    for piece in IN_CODE:
        assert body.in_code(doc, text.index(piece)), piece
    for piece in ("ownership", "prose", "item", "after"):
        assert not body.in_code(doc, text.index(piece)), piece


def test_section_extent_is_the_same_for_every_rule() -> None:
    # A heading of the section's own level inside `Section 2: Problem` ends the section for
    # the word count and the empty-section check; the core conflict reader agrees.
    seed = SEED.read_text(encoding="utf-8")
    statement = "> **The core conflict is Peer vs. Exchange.**"
    assert statement in seed
    text = seed.replace(statement, "### Aside\n\n" + statement.replace("Peer vs. Exchange", "Something Else"))
    doc = _doc(text)
    assert doc.sections is not None
    problem = next(s for s in doc.sections.found if s.index == primary_tension_mismatch.PROBLEM)
    first, end = body.section_lines(doc, primary_tension_mismatch.PROBLEM) or (0, 0)
    lines = doc.source.body_lines
    assert doc.section_text(problem) == lines.text[lines.start(first) : lines.start(end)]
    assert lines.line(end) == "### Aside"
    # The statement after `### Aside` is not in Section 2.
    assert list(primary_tension_mismatch.check(doc, None)) == []


OPENINGS = [
    # (body, the opening paragraph's text, or None)
    ("Plain lead\nwrapped.\n\n## Context\n", "Plain lead\nwrapped."),
    ("\n# Title\n\n> Quoted lead\n> wrapped.\n>\n> Second paragraph.\n", "> Quoted lead\n> wrapped."),
    # A list interrupts a paragraph: its items are not the lead.
    ("Consider these:\n1.  one\n2.  two\n", "Consider these:"),
    ("Intro\n- item\n", "Intro"),
    # Lazy continuation lines belong to the quoted paragraph, as Markdown renders them.
    ("> Quoted\nlazy line\n\nafter\n", "> Quoted\nlazy line"),
    # A body that opens with something else has no opening paragraph.
    ("## Context\n\nText\n", None),
    ("Title\n=====\n\nText\n", None),
    ("---\n\nText\n", None),
    ("- a list\n", None),
    ("<div>html</div>\n\nText\n", None),
    ("```\ncode\n```\n\nText\n", None),
    ("> [!NOTE]\n> a note\n", None),
    ("| a | b |\n|---|---|\n", None),
    ("![image](x.png)\n", None),
    ("> - a quoted list\n", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), OPENINGS)
def test_opening_paragraph_is_the_block_models_first_paragraph(text: str, expected: str | None) -> None:
    doc = _doc("---\ntitle: x\n---\n" + text)
    paragraph = body.opening_paragraph(doc)
    assert (paragraph and paragraph.text) == expected
    if paragraph is not None:
        assert doc.source.body[paragraph.start : paragraph.end] == paragraph.text
