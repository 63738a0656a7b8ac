"""## What it does
Checks that no two files of the library share an `id`. Each file that shares one gets a finding
on its `id` line naming the other files.

## Why is this bad?
The id is the pattern's permanent identity: the graph, search index and external references key
on it. Two files with one id overwrite each other in every index; usually one was copied from
the other and its id was never regenerated.

## Example
`mediator.md` and `facilitator.md` both say:
```yaml
id: pat_01h8x4e1gq7r9d1z2x3c4v5b6n
```

## Use instead
Give the newer file a fresh TypeID (`python3 scripts/generate_typeid.py`).

## Fix
Not fixable automatically: only the author knows which file keeps the id.
"""

from __future__ import annotations

from typing import Iterator

from patternlint.index import LibraryIndex
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._common import join_paths


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    reported = {r.path for r in index.reported}
    for pid, records in index.by_id.items():
        if len(records) < 2:
            continue
        for record in records:
            if record.path not in reported:
                continue
            assert record.id_span is not None
            others = join_paths((r.path for r in records if r is not record), record.path)
            yield LibraryViolation(
                record.path,
                Violation(
                    f"id `{pid}` is also used by {others}",
                    record.id_span,
                    "give one of the files a new id",
                ),
            )


rule = Rule(
    code="PL502",
    name="duplicate-id",
    summary="Two files share one id",
    scope=Scope.LIBRARY,
    severity=Severity.ERROR,
    doc=__doc__,
    library_check=check,
)
