"""Fix screening's shortcuts (`fixguard._group_accepts`, `fixguard._written`) decide as the whole
document's validation does, on valid files and on files with schema issues, `.nan` values and
text the compiled checks may misjudge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from hypothesis import given, settings, strategies as st

from patternlint import fixguard, schema
from patternlint.document import Document
from patternlint.fixes import Edit, Fix
from patternlint.model import Fixability, Span
from patternlint.yamlload import PathPart, parse_frontmatter

EXAMPLE = Path(__file__).parent.parent / "examples" / "valid" / "accountability-partnership.md"
BASE = EXAMPLE.read_text(encoding="utf-8")

# (name, (text replaced, replacement)...): files the edits are screened in
VARIANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "valid": (),
    "issues in other groups": (("slug: accountability-partnership", "slug: 5"), ("domain: problem-solving", "domain: nope")),
    "an issue in the edited group": (("status: draft", "status: bogus"),),
    "a nan": (("confidence: 1", "confidence: .nan"),),
    "a nan elsewhere": (("version: 0.1", "version: .inf"),),
    "unusual text": (("aliases: []", 'aliases: ["0000-01"]'),),
    "a non-string key in the group": (("status: draft", "status: draft\n  1: one"),),
    "a repeated group": (("lifecycle:\n", "lifecycle: {confidence: 2}\nlifecycle:\n"),),
    "no group": (("lifecycle:\n", "lifecycles:\n"),),
}
DOCS: dict[str, Document] = {}


def _apply(text: str, changes: tuple[tuple[str, str], ...]) -> str:
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _doc(name: str) -> Document:
    doc = DOCS.get(name)
    if doc is None:
        doc = DOCS[name] = Document("x.md", "x", _apply(BASE, VARIANTS[name]).encode())
    return doc


def _leaves(data: object, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[PathPart, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _spans(doc: Document) -> list[Span]:
    """Each value scalar's whole span, and a quoted one's text between its quotes."""
    assert doc.positions is not None
    spans = []
    for path in _leaves(doc.data):
        span = doc.positions.value_span(path)
        spans.append(span)
        first = doc.source.text.splitlines()[span.line - 1][span.column - 1 : span.column]
        if first in ("'", '"') and span.line == span.end_line:
            spans.append(Span(span.line, span.column + 1, span.end_line, span.end_column - 1))
    return spans


def _verdicts(fix: Fix, doc: Document) -> tuple[bool, bool]:
    """Whether the fix is rejected, with the shortcut and with the whole document validated."""
    quick = fixguard._rejected_by_schema(fix, doc)
    shortcut = fixguard._group_accepts
    fixguard._group_accepts = lambda *args: False
    try:
        slow = fixguard._rejected_by_schema(fix, doc)
    finally:
        fixguard._group_accepts = shortcut
    return quick, slow


CONTENTS = st.one_of(
    st.sampled_from(
        ["3", "1", "0", "4", "3.0", "2.5", "-1", "yes", "no", "~", "null", ".nan", ".inf", "draft", "growth",
         "'3'", '"x"', "[1, 2]", "{a: 1}", "[", "2020-01-01", "0o7", "1_0", "a: b", "", "0.1", "pat_x"]
    ),
    st.integers(-10, 10).map(str),
    st.text(alphabet="ab0123.-: '\x85", max_size=6),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(VARIANTS)), data=st.data(), content=CONTENTS)
def test_the_group_shortcut_decides_as_the_whole_document_does(name: str, data: st.DataObject, content: str) -> None:
    doc = _doc(name)
    span = data.draw(st.sampled_from(_spans(doc)))
    fix = Fix("set it", Fixability.SAFE, (Edit(span, content),))
    quick, slow = _verdicts(fix, doc)
    assert quick == slow


def test_every_value_of_every_variant_with_a_valid_and_an_invalid_confidence() -> None:
    for name in VARIANTS:
        doc = _doc(name)
        for span in _spans(doc):
            for content in ("3", "9"):
                fix = Fix("set it", Fixability.SAFE, (Edit(span, content),))
                quick, slow = _verdicts(fix, doc)
                assert quick == slow, (name, span, content)


def _confidence_fix(doc: Document, content: str) -> Fix:
    assert doc.positions is not None
    return Fix("set it", Fixability.SAFE, (Edit(doc.positions.value_span(("lifecycle", "confidence")), content),))


def test_a_valid_value_over_a_nan_is_still_refused() -> None:
    """The `.nan`'s issue is placed from the text, not the data: written over, it would show
    where the type issue hid it, so the whole document is validated, not the group alone."""
    doc = _doc("a nan")
    assert doc.positions is not None and doc.positions.non_finite
    assert not fixguard._group_accepts(doc, ("lifecycle", "confidence"), 3)
    assert fixguard._rejected_by_schema(_confidence_fix(doc, "3"), doc)


def test_the_group_check_stands_in_where_the_document_has_issues_elsewhere() -> None:
    doc = _doc("issues in other groups")
    assert doc.schema_issues
    assert fixguard._group_accepts(doc, ("lifecycle", "confidence"), 3)
    assert not fixguard._group_accepts(doc, ("lifecycle", "confidence"), 9)
    assert not fixguard._rejected_by_schema(_confidence_fix(doc, "3"), doc)
    assert fixguard._rejected_by_schema(_confidence_fix(doc, "9"), doc)


def test_no_group_check_for_text_the_compiled_checks_may_misjudge() -> None:
    doc = _doc("unusual text")
    assert doc.positions is not None and doc.positions.unusual
    assert not fixguard._group_accepts(doc, ("lifecycle", "confidence"), 3)


def test_no_group_check_where_the_top_level_schema_looks_at_values(tmp_path: Path) -> None:
    group = {"type": "object", "properties": {"n": {"type": "integer"}}}
    plain = {"type": "object", "properties": {"g": group, "h": {"type": "string"}}}
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(plain), encoding="utf-8")
    assert schema.group_check(path, (), "g") is not None
    assert schema.group_check(path, (), "missing") is None
    for keyword, value in (
        ("anyOf", [{"properties": {"g": {"properties": {"n": {"maximum": 2}}}}}, {"required": ["h"]}]),
        ("allOf", [{"properties": {"g": {"properties": {"n": {"maximum": 2}}}}}]),
        ("dependentRequired", {"g": ["h"]}),
    ):
        other = tmp_path / f"{keyword}.json"
        other.write_text(json.dumps({**plain, keyword: value}), encoding="utf-8")
        assert schema.group_check(other, (), "g") is None, keyword


@given(st.text(alphabet="ab01.-:'\"[]{}~ #&*!\n", max_size=8))
def test_a_written_value_is_what_the_yaml_parser_builds(content: str) -> None:
    try:
        expected: object = parse_frontmatter(content, 1)[0]
    except Exception:  # noqa: BLE001 - not a value: the shortcut must say so too
        expected = fixguard._NOT_A_VALUE
    assert fixguard._written(content) == expected
    assert type(fixguard._written(content)) is type(expected)
