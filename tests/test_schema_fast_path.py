"""The compiled pre-check (jsonschema-rs) must agree with jsonschema on every document: it only
decides which files skip the slow validator, so any disagreement would hide findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from patternlint import schema
from patternlint.document import Document, Layout

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
    fast = schema._fast_is_valid()
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
    monkeypatch.setattr(schema, "_inline_refs", lambda s: s)
    monkeypatch.setattr(schema, "_fast_is_valid", lambda *a: None)  # every document the slow way
    try:
        plain = [schema.validate(d.data, d.span_finder()) for d in docs]
    finally:
        schema.validator.cache_clear()
    assert any(fast)
    assert fast == plain


def _findings_pruned_and_not(docs: list[Document], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """Every document the slow way, once with valid top-level groups skipped, once walking all."""
    monkeypatch.setattr(schema, "_fast_is_valid", lambda *a: None)
    schema.validator.cache_clear()
    try:
        pruned = [schema.validate(d.data, d.span_finder()) for d in docs]
        assert schema._top_level_checks(schema._inline_refs(schema.load_schema())), "nothing pruned"
        monkeypatch.setattr(schema, "_top_level_checks", lambda s: {})
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
    fast = schema._fast_is_valid()
    assert fast is not None
    # The documents the whole-schema pre-check accepts never reach jsonschema (and the tests
    # above show that it accepts only what jsonschema accepts).
    docs = [d for d in documents(LIBRARY) if not fast(d.data)]
    pruned, walked = _findings_pruned_and_not(docs, monkeypatch)
    assert sum(map(bool, walked)) > 100
    assert pruned == walked
