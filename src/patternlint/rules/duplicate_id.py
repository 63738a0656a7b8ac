"""## What it does
Checks that no two files of the library share an `id`. Each file that shares one gets a finding
on its `id` line naming the other files (the first three, and how many more).

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

from itertools import islice
from typing import Iterator, Sequence

from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord
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
            others = _others(records, record)
            yield LibraryViolation(
                record.path,
                Violation(
                    f"id `{pid}` is also used by {others}",
                    record.id_span,
                    "give one of the files a new id",
                ),
            )


# Files named in one finding: with K files sharing an id, naming all K-1 others in each of the
# K findings would make the output grow with K squared.
LISTED = 3


def _others(records: Sequence[FileRecord], record: FileRecord) -> str:
    shown = [r.path for r in islice((r for r in records if r is not record), LISTED)]
    more = len(records) - 1 - len(shown)
    return join_paths(shown, record.path) + (f" and {more} more file{'s' if more > 1 else ''}" if more else "")


rule = Rule(
    code="PL502",
    name="duplicate-id",
    summary="Two files share one id",
    scope=Scope.LIBRARY,
    severity=Severity.ERROR,
    doc=__doc__,
    library_check=check,
)
