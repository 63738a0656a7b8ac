"""## What it does
Reports text left from a template or a generator instead of the pattern's own: a frontmatter
value that is one of the configured placeholder words (`Med` by default, a generator's
"medium" where a context label belongs), and a template placeholder in braces (`{Corporate-
friendly name}`, `{Describe the situation…}`, as the spec's template writes them) in a
frontmatter value or in the body's text. Braces in code blocks and code spans (a Mermaid
decision node `B{Approve?}`) and JSON (`{"score": 4}`) are not placeholders.

## Why is this bad?
The value is shown to readers as it is: the government label of a pattern reads `Med`, the card
shows `{Corporate-friendly name}`. Schema checks cannot see it: a placeholder is a string.

## Example
```yaml
context_labels:
  corporate: "Athletic Identity Transition Program"
  government: "Med"
```

## Use instead
```yaml
context_labels:
  corporate: "Athletic Identity Transition Program"
  government: "Lifelong Sport Participation Policy"
```

## Fix
Not fixable: the value must come from the author.

## Options
- `values` (a list of strings, default `["Med"]`): the frontmatter values that are placeholders,
  compared after trimming spaces, case sensitive. Template placeholders in braces are always
  reported.

```toml
[tool.patternlint.rules.placeholder-value]
values = ["Med", "TBD", "TODO"]
```
"""

from __future__ import annotations

import functools
import re
from typing import Iterator

from patternlint.frozen import frozen
from patternlint import body
from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.options import OptionError
from patternlint.words import display_path

# `{Describe the situation…}`: a capital letter, words, no quotes or braces inside.
_TEMPLATE = re.compile(r"\{[A-Z][^{}\"\n]{2,}\}")
_CODE_SPAN = re.compile(r"`+[^`\n]*`+")


@frozen
class Options:
    values: tuple[str, ...] = ("Med",)

    def __post_init__(self) -> None:
        for i, value in enumerate(self.values):
            if not value.strip():
                raise OptionError(f"values[{i}]", "is empty; expected a placeholder word")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if doc.positions is None or not isinstance(doc.data, dict):
        return
    words = frozenset(v.strip() for v in options.values)
    # Walk the values only when the frontmatter's text may hold one: most files hold none.
    text = doc.source.frontmatter or ""
    if ("{" in text and _TEMPLATE.search(text)) or _holds_word(text, words):
        yield from _values(doc, doc.data, (), words)
    yield from _body(doc)


@functools.lru_cache(maxsize=8)
def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The placeholder words as whole words of the text (a value may be quoted or not)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _holds_word(text: str, words: frozenset[str]) -> bool:
    """Whether `text` holds a placeholder word as a whole word: `_words_pattern`, tried only
    where a word begins (searched everywhere, it tries every position of the frontmatter)."""
    pattern: re.Pattern[str] | None = None
    for word in words:
        at = text.find(word)
        while at >= 0:
            if pattern is None:
                pattern = _words_pattern(words)
            if pattern.match(text, at):
                return True
            at = text.find(word, at + 1)
    return False


def _values(doc: Document, node: object, path: tuple[str | int, ...], words: frozenset[str]) -> Iterator[Violation]:
    assert doc.positions is not None
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield from _values(doc, value, (*path, key), words)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _values(doc, value, (*path, i), words)
    elif isinstance(node, str) and path:
        where = f"`{display_path(path)}`"
        if node.strip() in words:
            yield Violation(
                f"{where} is `{node.strip()}`, a placeholder",
                doc.positions.value_span(path),
                f"write the real value of {where} in place of `{node.strip()}`",
            )
        elif (found := _TEMPLATE.search(node)) is not None:
            yield Violation(
                f"{where} holds the template placeholder `{found.group()}`",
                doc.positions.value_span(path),
                f"replace `{found.group()}` with this pattern's own text",
            )


def _body(doc: Document) -> Iterator[Violation]:
    text = doc.source.body
    if "{" not in text:
        return
    for found in _TEMPLATE.finditer(text):
        if body.in_code(doc, found.start()) or _in_code_span(doc, found.start()):
            continue
        yield Violation(
            f"the body holds the template placeholder `{found.group()}`",
            body.span(doc, found.start(), found.end()),
            f"replace `{found.group()}` with this pattern's own text",
        )


def _in_code_span(doc: Document, offset: int) -> bool:
    start, end = body.line_at(doc, offset)
    line = doc.source.body[start:end]
    return any(span.start() <= offset - start < span.end() for span in _CODE_SPAN.finditer(line))


rule = Rule(
    code="PL208",
    name="placeholder-value",
    summary="A placeholder left from a template or a generator",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
    options=Options,
)
