"""What keeps a fix from damaging a file, checked before a fix is offered and again before it
is written.

Offered (`screen`, for every fix a file rule proposes, and again when the fix is applied):
- no fix edits a YAML anchor (`&name`) or alias (`*name`), nor a value written as one. An
  alias is the anchored node itself, so its position is the anchor's: an edit "of the alias"
  would rewrite the anchored value and drop the anchor, leaving `*name` undefined. Structural
  changes (removing or adding a list item) are not made in a frontmatter with anchors at all;
- no fix writes a value the profile's schema rejects where it is written.

Written (`damage`): the fixed text is parsed again; a file that would no longer parse, or gain a
new parse or schema problem, is not fixed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from patternlint.fixes import Edit, Fix
from patternlint.model import Span, Violation

if TYPE_CHECKING:
    from patternlint.document import Document
    from patternlint.source import Source
    from patternlint.yamlload import PathPart


def shared_marks(source: Source) -> tuple[Span, ...] | None:
    """Where the frontmatter's anchors and aliases are written; None when it cannot be read
    as far as that (a syntax error: then no fix may edit it)."""
    from patternlint.yamlload import anchors_and_aliases

    return anchors_and_aliases(source.frontmatter, source.frontmatter_line)


def _touches(a: Span, b: Span) -> bool:
    """Whether two spans share a character or meet (an edit next to `&name` would also
    change what the anchor holds)."""
    return (a.line, a.column) <= (b.end_line, b.end_column) and (b.line, b.column) <= (a.end_line, a.end_column)


def _in_frontmatter(span: Span, source: Source) -> bool:
    return source.frontmatter is not None and span.line < source.body_line


def blocked(fix: Fix, source: Source, marks: tuple[Span, ...] | None) -> bool:
    """Whether the fix would edit an anchored node or alias (or, for a list item removed or
    added, a frontmatter that has any); `marks` are `shared_marks(source)`."""
    return _blocked(fix, marks, lambda span: _in_frontmatter(span, source))


def blocked_in_frontmatter(fix: Fix, marks: tuple[Span, ...] | None) -> bool:
    """`blocked` for a fix whose edits are all in the frontmatter (library rules edit links),
    judged from a file record's marks without its text."""
    return _blocked(fix, marks, lambda span: True)


def _blocked(fix: Fix, marks: tuple[Span, ...] | None, in_frontmatter: Callable[[Span], bool]) -> bool:
    if marks == ():
        return False
    for change in fix.changes:
        if not isinstance(change, Edit):
            return True  # resolved against the YAML tree, which anchors make a graph
        if in_frontmatter(change.span) and (marks is None or any(_touches(change.span, m) for m in marks)):
            return True
    return False


def screen(doc: Document, violations: list[Violation]) -> list[Violation]:
    """The violations, each without its fix when the fix is unsafe to offer (see the module)."""
    if not any(v.fix is not None for v in violations):
        return violations
    marks = doc.shared_marks
    out = []
    for v in violations:
        if v.fix is not None and (blocked(v.fix, doc.source, marks) or _rejected_by_schema(v.fix, doc)):
            v = replace(v, fix=None)
        out.append(v)
    return out


def _rejected_by_schema(fix: Fix, doc: Document) -> bool:
    """Whether a value the fix writes in the frontmatter is one the schema rejects there."""
    from patternlint import schema

    profile = doc.profile
    if doc.positions is None or doc.data is None or profile.schema is None or not doc.in_profile_layout:
        return False
    before = doc.schema_issues
    for change in fix.changes:
        if not isinstance(change, Edit) or not _in_frontmatter(change.span, doc.source):
            continue
        found = doc.positions.scalar_at(change.span)
        if found is None:
            continue
        path, node = found
        where = doc.positions.node_span(node)
        value: object
        if where == change.span:
            value = _written(change.content)
            if value is _NOT_A_VALUE:
                return True  # not a value at all
        elif node.style in ("'", '"') and where == Span(
            change.span.line, change.span.column - 1, change.span.end_line, change.span.end_column + 1
        ):
            value = change.content  # the text between the quotes (see `fixes.value_edit`)
        else:
            continue  # a part of a value: the written file is checked instead
        if _group_accepts(doc, path, value):
            continue
        data = _replaced(doc.data, path, value)
        issues = schema.validate(data, doc.positions, profile.schema, profile.schema_overrides)
        if any(i.span == where and i not in before for i in issues):
            return True
    return False


_NOT_A_VALUE = object()


@lru_cache(maxsize=256)
def _written(content: str) -> object:
    """The value an edit's text writes, or `_NOT_A_VALUE`; the same few texts are written in
    file after file (`3` as a confidence), and the value is only read, never changed."""
    from patternlint.yamlload import LimitExceeded, YamlSyntaxError, parse_frontmatter

    try:
        value, _, _ = parse_frontmatter(content, 1)
    except (YamlSyntaxError, LimitExceeded):
        return _NOT_A_VALUE
    return value


def _group_accepts(doc: Document, path: tuple[PathPart, ...], value: object) -> bool:
    """Whether the compiled check of the top-level group that holds `path` accepts the group
    with `value` written there; if so, `schema.validate` would place no issue in the group
    (see `schema.group_check`), so none at the edited value. False when that cannot be told
    so (then the whole document is validated)."""
    from patternlint import schema

    positions, data, profile = doc.positions, doc.data, doc.profile
    # Text the compiled checks may misjudge, or a `.nan` (whose issue is placed from the text,
    # not the data), makes `validate` go the slow, unpruned way.
    if positions is None or positions.unusual or positions.non_finite or profile.schema is None:
        return False
    if not path or not isinstance(path[0], str) or not isinstance(data, dict):
        return False
    key = _key_of(data, path[0])
    if key != path[0] or not isinstance(key, str):
        return False
    check = schema.group_check(profile.schema, profile.schema_overrides, key)
    return check is not None and check(_replaced(data[key], path[1:], value))


def _key_of(data: dict[object, object], part: PathPart) -> object | None:
    """The key of `data` that a path part names, the last of equal ones: data keys are built
    values (`1:` is an int), and a path has them as written."""
    return next((k for k in reversed(list(data)) if str(k) == str(part)), None)


def _replaced(data: object, path: tuple[PathPart, ...], value: object) -> object:
    """`data` with the value at `path` replaced; only the containers on the way are copied."""
    if not path:
        return value
    part, rest = path[0], path[1:]
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        copy = list(data)
        copy[part] = _replaced(data[part], rest, value)
        return copy
    if isinstance(data, dict):
        key = _key_of(data, part)
        if key is not None:
            mapping = dict(data)
            mapping[key] = _replaced(data[key], rest, value)
            return mapping
    return data


def damage(before: Callable[[], Document], after: Document) -> str | None:
    """What the fixed text `after` has that the text before (parsed only when `after` has any
    problem at all) had not: a parse problem or a schema issue (by the name of the rule that
    reports it), or None."""
    if not after.problems and not after.schema_issues:
        return None
    old = before()
    problems = Counter(_reporter(p) for p in after.problems) - Counter(_reporter(p) for p in old.problems)
    if problems:
        return min(problems)
    issues = [i for i in after.schema_issues if i not in old.schema_issues]
    if issues:
        return min(_reporter(i) for i in issues)
    return None


def _reporter(problem: object) -> str:
    from patternlint.rules import RULES

    return next((r.name for r in RULES if isinstance(problem, r.reports)), type(problem).__name__)
