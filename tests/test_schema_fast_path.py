"""The compiled pre-check (jsonschema-rs) must agree with jsonschema on every document: it only
decides which files skip the slow validator, so any disagreement would hide findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from patternlint import schema
from patternlint.document import Document
from patternlint.facts import Layout

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT.parent / "shared" / "reference" / "commons-os-library" / "_patterns"


def documents(folder: Path) -> list[Document]:
    docs = []
    for path in sorted(folder.rglob("*.md")):
        if path.is_file():
            doc = Document(str(path), path.stem, path.read_bytes())
            if doc.data is not None and doc.layout is Layout.V7:
                docs.append(doc)
    return docs


def disagreements(docs: list[Document]) -> list[str]:
    fast = schema.fast_is_valid()
    assert fast is not None, "jsonschema-rs is a dependency: the fast path must be available"
    slow = schema.validator()
    wrong = []
    for doc in docs:
        try:
            quick = fast(doc.data)
        except Exception:  # noqa: BLE001 - data it cannot take goes the slow way in production too
            continue
        full = next(iter(slow.iter_errors(doc.data)), None) is None
        if quick != full:
            wrong.append(f"{doc.path}: fast says {quick}, jsonschema says {full}")
    return wrong


def test_fast_path_agrees_on_every_fixture_and_example() -> None:
    docs = documents(ROOT / "tests" / "fixtures") + documents(ROOT / "examples")
    assert len(docs) > 100
    assert any(not schema.validate(d.data, d.span_finder()) for d in docs)  # some valid
    assert any(schema.validate(d.data, d.span_finder()) for d in docs)  # some not
    assert disagreements(docs) == []


@pytest.mark.skipif(not LIBRARY.is_dir(), reason="../shared/reference is not beside this checkout")
def test_fast_path_agrees_on_the_reference_library() -> None:
    docs = documents(LIBRARY)
    assert len(docs) > 2000
    assert disagreements(docs) == []


def test_inlined_refs_give_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema runs on a `$ref`-inlined copy of the schema, for speed; every message, hint and
    place must be what the schema as written gives."""
    docs = documents(ROOT / "tests" / "fixtures") + documents(ROOT / "examples")
    fast = [schema.validate(d.data, d.span_finder()) for d in docs]
    schema.validator.cache_clear()
    monkeypatch.setattr(schema, "inline_refs", lambda s: s)
    monkeypatch.setattr(schema, "fast_is_valid", lambda *a: None)  # every document the slow way
    try:
        plain = [schema.validate(d.data, d.span_finder()) for d in docs]
    finally:
        schema.validator.cache_clear()
    assert any(fast)
    assert fast == plain


def _findings_pruned_and_not(docs: list[Document], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """Every document the slow way, once with valid top-level groups skipped, once walking all."""
    monkeypatch.setattr(schema, "fast_is_valid", lambda *a: None)
    schema.validator.cache_clear()
    try:
        pruned = [schema.validate(d.data, d.span_finder()) for d in docs]
        assert schema.top_level_checks(schema.inline_refs(schema.load_schema())), "nothing pruned"
        monkeypatch.setattr(schema, "top_level_checks", lambda s: {})
        schema.validator.cache_clear()
        walked = [schema.validate(d.data, d.span_finder()) for d in docs]
    finally:
        schema.validator.cache_clear()
    return pruned, walked


def test_skipping_valid_groups_gives_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = documents(ROOT / "tests" / "fixtures") + documents(ROOT / "examples")
    pruned, walked = _findings_pruned_and_not(docs, monkeypatch)
    assert sum(map(bool, walked)) > 20
    assert pruned == walked


@pytest.mark.skipif(not LIBRARY.is_dir(), reason="../shared/reference is not beside this checkout")
def test_skipping_valid_groups_gives_the_same_findings_on_the_reference_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = schema.fast_is_valid()
    assert fast is not None
    # The documents the whole-schema pre-check accepts never reach jsonschema (and the tests
    # above show that it accepts only what jsonschema accepts).
    docs = [d for d in documents(LIBRARY) if not fast(d.data)]
    pruned, walked = _findings_pruned_and_not(docs, monkeypatch)
    assert sum(map(bool, walked)) > 100
    assert pruned == walked


# ---------------------------------------------------------------------------------------------
# Where the compiled pre-check would say valid and jsonschema would not, it is not asked


VALID_EXAMPLE = ROOT / "examples" / "valid" / "accountability-partnership.md"


def _slow_issues(doc: Document, monkeypatch: pytest.MonkeyPatch) -> tuple[schema.SchemaIssue, ...]:
    with monkeypatch.context() as patch:
        patch.setattr(schema, "fast_is_valid", lambda *a: None)
        patch.setattr(schema, "top_level_checks", lambda s: {})
        schema.validator.cache_clear()
        try:
            return schema.validate(doc.data, doc.span_finder())
        finally:
            schema.validator.cache_clear()


@pytest.mark.parametrize(
    "old, new",
    [
        ('title: "Accountability Partnership"', 'title: "\\x1f"'),  # an escape: white space to Python only
        ('title: "Accountability Partnership"', 'title: "\\N"'),  # NEL, the same
        ('title: "Accountability Partnership"', 'title: "\\x1d\\x1e\\x1c"'),
        ("last_pruned: 2026-02-19", "last_pruned: 0000-01-01"),  # a date Python does not take
        ("last_pruned: 2026-02-19", 'last_pruned: "\\x30000-01-01"'),
    ],
)
def test_values_the_pre_check_would_misjudge_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    text = VALID_EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    doc = Document("x.md", "x", text.replace(old, new).encode())
    assert doc.positions is not None and doc.positions.unusual
    expected = _slow_issues(doc, monkeypatch)
    assert expected, "jsonschema finds something wrong"
    assert schema.validate(doc.data, doc.span_finder()) == expected


def test_the_example_itself_is_not_unusual() -> None:
    doc = Document("x.md", "x", VALID_EXAMPLE.read_bytes())
    assert doc.positions is not None and not doc.positions.unusual
    assert schema.validate(doc.data, doc.span_finder()) == ()


def test_the_pre_check_and_python_disagree_on_patterns_only_at_unusual_characters() -> None:
    """Every character up to U+3100 (and U+FEFF) in values of the shipped schemas' patterns:
    where jsonschema-rs accepts and Python's `re` does not, the character is UNUSUAL."""
    import re

    import jsonschema_rs

    from patternlint.yamlload import unusual

    patterns = set()
    for file in (ROOT / "src" / "patternlint" / "schemas").glob("*.json"):
        patterns |= set(re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', file.read_text(encoding="utf-8")))
    patterns = {p.encode().decode("unicode_escape") for p in patterns}
    assert r"\S" in patterns and len(patterns) > 4
    misjudged = set()
    for pattern in patterns:
        compiled, python = jsonschema_rs.Draft202012Validator({"pattern": pattern}), re.compile(pattern)
        for point in [*range(0x3100), 0xFEFF]:
            for value in (chr(point), "a" + chr(point), chr(point) + "a", "pat_" + chr(point)):
                if compiled.is_valid(value) and python.search(value) is None:
                    misjudged.add(chr(point))
    assert misjudged and all(unusual(c) for c in misjudged)


@pytest.mark.parametrize(
    "subschema, agrees",
    [
        ({"type": "string", "pattern": r"\S"}, True),
        ({"type": "string", "format": "date"}, True),
        ({"type": "string", "format": "regex"}, False),
        ({"type": "string", "format": "email"}, False),
        ({"type": "string", "pattern": r"^\D+$"}, False),
        ({"type": "string", "pattern": r"^[^\s]+$"}, False),
        ({"type": "string", "pattern": r"\bword\b"}, False),
        ({"type": "object", "patternProperties": {"^a": {}}}, False),
        ({"type": "array", "items": {"type": "string", "format": "uri"}}, False),
        ({"anyOf": [{"type": "string"}, {"type": "string", "pattern": r"\p{L}"}]}, False),
    ],
)
def test_only_schemas_known_to_agree_use_the_pre_check(subschema: dict[str, object], agrees: bool) -> None:
    document = {"type": "object", "properties": {"x": subschema}}
    assert schema.compiled_checks_agree(document) is agrees


def test_the_shipped_schemas_use_the_pre_check() -> None:
    import json

    for file in (ROOT / "src" / "patternlint" / "schemas").glob("*.json"):
        assert schema.compiled_checks_agree(json.loads(file.read_text(encoding="utf-8"))), file.name


def test_every_name_the_schema_package_lists_comes_from_its_module() -> None:
    """The package imports its names when first used: each must be where it says."""
    import importlib

    package = importlib.import_module("patternlint.schema")
    assert package.__all__ == sorted(package._HOME)
    for name in package.__all__:
        assert getattr(package, name) is getattr(importlib.import_module(f"patternlint.schema.{package._HOME[name]}"), name)
