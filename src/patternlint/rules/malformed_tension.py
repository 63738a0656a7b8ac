"""## What it does
Reports an `ontology.search_hints.primary_tension` one of whose two poles is empty or only an
article: `The vs. Resilience`, a generator's leftover where it took the first word of the title
as a force.

## Why is this bad?
The primary tension names the two forces the pattern balances; search and the pattern's card
show it, and Section 2 states it as the core conflict. `The vs. Resilience` names one force.
When the body repeats the same value, `primary-tension-mismatch` has nothing to compare, so
only this rule sees it.

## Example
```yaml
ontology:
  search_hints:
    primary_tension: "The vs. Resilience"
```

## Use instead
```yaml
ontology:
  search_hints:
    primary_tension: "Stability vs. Resilience"
```

## Fix
Not fixable: only the author can name the missing force.
"""

from __future__ import annotations

import re
from typing import Iterator

from patternlint.document import Document
from patternlint.facts import Layout
from patternlint.model import Rule, Scope, Severity, Violation
from patternlint.rules.primary_tension_mismatch import title_words

_VERSUS = re.compile(r"\s*\b(?:vs\.?|versus)(?=\s|$)\s*", re.IGNORECASE)
_NOT_A_FORCE = frozenset({"", "the", "a", "an"})
_QUOTES = "\"'“”‘’`*_.,:; "
PATH = ("ontology", "search_hints", "primary_tension")


def check(doc: Document, options: None) -> Iterator[Violation]:
    if doc.layout is not Layout.V7 or doc.positions is None:
        return
    tension = doc.get(*PATH)
    if not isinstance(tension, str):
        return
    poles = _VERSUS.split(tension.strip())
    if len(poles) != 2:
        return
    empty = [pole.strip() for pole in poles if pole.strip(_QUOTES).casefold() in _NOT_A_FORCE]
    if not empty:
        return
    other = next((pole.strip() for pole in poles if pole.strip(_QUOTES).casefold() not in _NOT_A_FORCE), None)
    said = f"only `{empty[0]}`" if empty[0] else "empty"
    which = "first" if poles[0].strip() == empty[0] else "second"
    if other and other.strip(_QUOTES).casefold() in title_words(doc):
        other = None  # the title's last word, as the generator took it: no force to keep
    yield Violation(
        f"`primary_tension` is `{tension.strip()}`; its {which} force is {said}",
        doc.positions.value_span(PATH),
        "name both forces the pattern balances"
        + (f" (`<force> vs. {other}`)" if other and which == "first" else f" (`{other} vs. <force>`)" if other else "")
        + ", and state the same tension as Section 2's core conflict",
    )


rule = Rule(
    code="PL207",
    name="malformed-tension",
    summary="`primary_tension` does not name two forces",
    scope=Scope.FILE,
    severity=Severity.WARNING,
    doc=__doc__,
    file_check=check,
)
