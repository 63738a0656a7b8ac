"""## What it does
Reports unquoted frontmatter values (and keys) that YAML 1.1 and YAML 1.2 read differently:

- `yes`, `no`, `on`, `off` in any case, and `y`, `n`, `Y`, `N`: booleans in YAML 1.1, strings
  in YAML 1.2;
- base-60 numbers such as `1:30`: the integer `90` in YAML 1.1, a string in YAML 1.2;
- numbers with a leading zero such as `010`: octal `8` in YAML 1.1, `10` in YAML 1.2 (and `09`
  is a string in YAML 1.1 but `9` in YAML 1.2).

Quoted values, and values with an explicit tag such as `!!str yes`, mean the same everywhere
and are not reported.

## Why is this bad?
The library is read by tools on both sides: Ruby's Psych (Jekyll), PyYAML and this linter
follow YAML 1.1 (each with its own exceptions: PyYAML reads `y` and `n` as strings, Psych reads
`yEs` as a boolean), while js-yaml, Go's yaml.v3 and most newer readers follow YAML 1.2. `answer: no` is
`false` for one and the word `no` for the other, so the same pattern shows different data on
the site and in the scripts. The famous case is the key `on:` turning into `true`.

## Example
```yaml
title: "Norway: Yes or No"
review_window: 1:30
decision: no
```

## Use instead
```yaml
title: "Norway: Yes or No"
review_window: "1:30"
decision: false
```

## Fix
Not fixable automatically: only the author knows whether the word or the boolean is meant.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.document import Document
from patternlint.model import Rule, Scope, Severity, Span, Violation

# YAML 1.1's boolean words (https://yaml.org/type/bool.html) other than true/false, which
# mean the same in both versions. Ruby's Psych (Jekyll's reader) takes yes/no/on/off in any case.
_BOOLEAN_WORDS = {"yes": "true", "on": "true", "no": "false", "off": "false"}
_BOOLEAN_LETTERS = {"y": "true", "Y": "true", "n": "false", "N": "false"}
_SEXAGESIMAL_INT = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+")
_SEXAGESIMAL_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_OCTAL_11 = re.compile(r"[-+]?0[0-7_]+")

def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.positions is None or doc.source.frontmatter is None:
        return
    frontmatter = doc.source.frontmatter
    positions = doc.positions
    seen: set[int] = set()
    for node, is_key in positions.yaml11_suspects():
        if id(node) in seen:  # an alias builds its anchored scalar again
            continue
        seen.add(id(node))
        meaning = _meanings(node.value)
        if meaning is None:
            continue
        span = positions.node_span(node)
        if span.line != span.end_line or "!" in frontmatter[node.start_mark.index : node.end_mark.index]:
            continue  # an explicit tag (`!!str yes`) says what is meant
        # Point at the value itself, after any anchor (`&x yes`).
        span = Span(span.end_line, span.end_column - len(node.value), span.end_line, span.end_column)
        v11, v12, hint = meaning
        yield Violation(
            f"unquoted {'key' if is_key else 'value'} `{node.value}` is {v11} in YAML 1.1 "
            f"but {v12} in YAML 1.2",
            span,
            f'quote it (`"{node.value}"`)' if is_key else hint,  # a key is meant as a word
        )


def _meanings(value: str) -> tuple[str, str, str] | None:
    """(YAML 1.1 meaning, YAML 1.2 meaning, hint) of an ambiguous plain scalar, else None."""
    boolean = _BOOLEAN_WORDS.get(value.lower()) or _BOOLEAN_LETTERS.get(value)
    if boolean is not None:
        return (
            f"the boolean `{boolean}`",
            f"the string `{value}`",
            f'quote it (`"{value}"`) if the word is meant, or write `{boolean}`',
        )
    if _SEXAGESIMAL_INT.fullmatch(value) or _SEXAGESIMAL_FLOAT.fullmatch(value):
        return (
            f"the base-60 number `{_base60(value)}`",
            f"the string `{value}`",
            f'quote it (`"{value}"`)',
        )
    if _LEADING_ZERO.fullmatch(value):
        decimal = int(value, 10)
        if not _OCTAL_11.fullmatch(value):  # `09`: not octal, and no YAML 1.1 number at all
            v11 = f"the string `{value}`"
        elif int(value.replace("_", ""), 8) != decimal:
            v11 = f"the octal number `{int(value.replace('_', ''), 8)}`"
        else:  # `07` is 7 either way
            return None
        return (
            v11,
            f"the number `{decimal}`",
            f'quote it (`"{value}"`) if the digits are text, or write `{decimal}` if the number is meant',
        )
    return None


def _base60(value: str) -> str:
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-").replace("_", "")
    whole, _, fraction = digits.partition(".")
    number = 0
    for part in whole.split(":"):
        number = number * 60 + int(part)
    if fraction or "." in digits:
        return str(sign * (number + float("0." + (fraction or "0"))))
    return str(sign * number)


rule = Rule(
    code="PL011",
    name="yaml11-ambiguous-value",
    summary="An unquoted value that YAML 1.1 and YAML 1.2 read differently",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
