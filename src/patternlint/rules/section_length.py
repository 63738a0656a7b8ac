"""## What it does
Counts the words of each section whose contract gives a word range (a section's `words`, see
`docs/contracts.md`) and compares them with it. The `commons-v7` contract gives the ranges
spec v7.1 asks for: Context 100–200, Problem 100–200, Solution 200–400, Implementation
300–500, Consequences 200–300, Known Uses 200–300, Cognitive Era 150–250, Vitality 200–300.
A section runs from its
heading to the next heading of the same or a higher level, sub-headings included. Markdown
markup, link targets, HTML and code blocks are not words.

Off by default (most real patterns, the seed among them, fall outside some range); turn it on
with `extend-select`. The ranges can be changed (see Options).

## Why is this bad?
The ranges keep patterns comparable and readable: a two-line Solution rarely says how the
forces resolve, and a 900-word Context buries the problem.

## Example
```markdown
### Section 1: Context

Teams are tired.
```

## Use instead
```markdown
### Section 1: Context

Organisations, movements, and product teams are experiencing compounding fatigue… (100 to
200 words)
```

## Fix
Not fixable: the section must be rewritten.

## Options
- `ranges` (a table of section name = `[least, most]` words, default the spec's ranges above):
  the sections it names get the range given, the others keep the contract's. Only the eight
  sections above can be named; names match without regard to case. A contract of your own
  gives its ranges in its sections' `words`.

```toml
[tool.patternlint.rules.section-length]
ranges = { "Known Uses" = [150, 400] }
```
"""

from __future__ import annotations

import html
import re
from typing import Iterator

from patternlint.frozen import frozen
from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.options import OptionError, dotted, fixed_table

_CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORDLIKE = re.compile(r"[^\W_]")  # a token with a letter or digit is a word; `—` or `|` is not

# The word counts spec v7.1 asks for, section by section (its `*(100–200 words)*` notes): the
# option's keys and defaults, and the `words` of the `commons-v7` contract's sections.
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


@frozen
class Options:
    ranges: dict[str, tuple[int, int]] = fixed_table(SPEC_WORD_RANGES)

    def __post_init__(self) -> None:
        for name, (least, most) in self.ranges.items():
            if not 0 <= least <= most:
                raise OptionError(
                    dotted("ranges", name), f"is `[{least}, {most}]`; expected `[least, most]` with 0 ≤ least ≤ most"
                )


def check(doc: Document, options: Options) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    spec = analysis.spec
    for section in analysis.found:
        limits = spec.section(section.index).words
        if limits is None:
            continue  # the contract asks for no number of words
        configured = options.ranges.get(section.name)
        if configured is not None and configured != SPEC_WORD_RANGES[section.name]:
            limits = configured  # the configuration's range, over the contract's
        low, high = limits
        words = count_words(doc.section_text(section))
        if low <= words <= high:
            continue
        hint = f"shorten it to at most {high} words" if words > high else f"expand it to at least {low} words"
        yield Violation(
            f"section `{section.name}` has `{words}` words; expected `{low}` to `{high}`",
            section.heading.span,
            hint,
        )


def count_words(markdown: str) -> int:
    """Words of Markdown text as a reader sees them, rendered by the same CommonMark parser
    that finds the headings: no markup, link targets, HTML or code blocks."""
    import cmarkgfm  # type: ignore[import-untyped]

    rendered = cmarkgfm.markdown_to_html(markdown)
    text = html.unescape(_TAG.sub(" ", _COMMENT.sub(" ", _CODE_BLOCK.sub(" ", rendered))))
    return sum(1 for token in text.split() if _WORDLIKE.search(token))


rule = Rule(
    code="PL408",
    name="section-length",
    summary="A required section is shorter or longer than the spec's word range",
    scope=Scope.FILE,
    severity=Severity.INFO,
    doc=__doc__,
    file_check=check,
    enabled_by_default=False,
    options=Options,
)
