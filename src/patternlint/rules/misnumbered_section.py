"""## What it does
Checks that each required section heading is written in its contract's form (`section-form`):
`Section N: Name` under the default `commons-v7` (`Section 1: Context` … `Section 8:
Vitality`), `N. Name` (`numbered`, as `commons-v1`), or the bare name (`plain`, as
`innersource` and the Peeragogy contracts). It reports a heading with the wrong number
(`Section 3: Problem`; under `exact-numbers = false` any number will do), with no number
(`### Problem`), or in another form (`### 2. Problem`). A contract may accept several forms;
findings and fixes write the first. Text after the name, such as a word-count note, is left to
other rules.

## Why is this bad?
The site and the library's scripts find sections by these exact headings; a misnumbered heading
also tells the reader the wrong place in the pattern's fixed order.

## Example
```markdown
### 2. Problem
### Section 4: Solution
```

## Use instead
```markdown
### Section 2: Problem
### Section 3: Solution
```

## Fix
Safe fix: rewrites the number part of a heading whose name is written exactly right, in the
profile's form (`### 2. Problem` and `### Section 3: Problem` become `### Section 2: Problem`;
`### Problem` gets its number). The name and any text after it stay as written
(`### 7. Cognitive Era Considerations` becomes `### Section 7: Cognitive Era Considerations`,
which `section-heading-extra-text` then reports). A heading whose name is in other letter case,
or that runs over several lines, is left to the author.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.document import Document
from patternlint.fixes import Fix
from patternlint.model import Fixability, Rule, Scope, Severity, Violation
from patternlint.rules._headings import renumber
from patternlint.sections import Form


def check(doc: Document, options: None) -> Iterator[Violation]:
    analysis = doc.sections
    if analysis is None:
        return
    for section in analysis.found:
        expected = section.expected_text
        if section.canonical_form and section.well_numbered:
            continue
        text = section.heading.text
        if section.number is None and section.spec.form is not Form.PLAIN:
            message = f"section heading `{text}` has no section number; expected `{expected}`"
        elif section.canonical_form:
            message = (
                f"section `{section.name}` is numbered `{section.number}`; expected `{expected}`"
            )
        else:
            message = f"section heading `{text}` is not in the form `{expected}`"
        fix = None
        renumbered = renumber(doc, section)
        if renumbered is not None:
            edit, line = renumbered
            fix = Fix(f"write the heading as `{line}`", Fixability.SAFE, (edit,))
        yield Violation(
            message, section.heading.span, f"write the heading as `{'#' * section.heading.level} {expected}`", fix
        )


rule = Rule(
    code="PL402",
    name="misnumbered-section",
    summary="A required section heading has the wrong number or form",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=check,
    fixable=Fixability.SAFE,
)
