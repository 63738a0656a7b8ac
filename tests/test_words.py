"""Rules own their words: reading, parsing and the schema hand rules typed problems, every
problem kind has one rule that reports it, and no core module names a rule."""

from __future__ import annotations

import io
import json
import re
import tokenize
from dataclasses import fields
from pathlib import Path

from patternlint import problems, schema
from patternlint.document import Document
from patternlint.model import Span
from patternlint.rules import RULES, duplicate_key

SRC = Path(__file__).resolve().parent.parent / "src" / "patternlint"
# The modules that rules build on: everything but the rules, the CLI and the reporters (and the
# health report, which presents findings as the reporters do).
CORE = sorted(
    p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] not in ("rules", "cli", "reporters", "report")
)


def _code_tokens(path: Path) -> list[tuple[int, int, str]]:
    """(line, token type, text) of every name, string and comment, docstrings left out (they
    may show configuration syntax with an example code)."""
    out: list[tuple[int, int, str]] = []
    previous = tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        docstring = token.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        if token.type in (tokenize.NAME, tokenize.STRING, tokenize.COMMENT) and not docstring:
            out.append((token.start[0], token.type, token.string))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    return out


def test_no_core_module_names_a_rule() -> None:
    names = [r.name for r in RULES]
    text = re.compile(r"\bPL\d{3}\b|(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    modules = {n.replace("-", "_") for n in names}
    found = [
        f"{path.relative_to(SRC)}:{line}: {string}"
        for path in CORE
        for line, kind, string in _code_tokens(path)
        if (kind == tokenize.NAME and string in modules) or (kind != tokenize.NAME and text.search(string))
    ]
    assert CORE and not found, "\n".join(found)


def test_the_core_check_sees_a_rule_named_in_code(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""Docs may say PL105."""\n'
        'from patternlint.rules import unused_suppression\n'
        'x = "PL009"  # see duplicate-key\n',
        encoding="utf-8",
    )
    assert [s for _, _, s in _code_tokens(module) if "PL" in s or "_" in s or "-" in s] == [
        "unused_suppression",
        '"PL009"',
        "# see duplicate-key",
    ]


def _problem_kinds() -> set[type]:
    kinds: set[type] = set()
    for union in (problems.Problem, schema.SchemaIssue):
        kinds.update(union.__args__)
    return kinds


def test_every_problem_kind_is_reported_by_one_rule() -> None:
    owners = {kind: [r.name for r in RULES if kind in r.reports] for kind in _problem_kinds()}
    assert {kind.__name__: names for kind, names in owners.items() if len(names) != 1} == {}


def test_problems_are_data_not_words() -> None:
    for kind in _problem_kinds():
        assert not {"message", "hint", "violation"} & {f.name for f in fields(kind)}, kind.__name__


def test_a_duplicate_key_reaches_its_rule_as_data() -> None:
    doc = Document("a.md", "a", b"---\nslug: a\ntitle: A\nslug: b\n---\n")
    assert doc.problems == [problems.DuplicateKey("slug", Span(4, 1, 4, 5), 2)]
    violation = duplicate_key.words(doc.problems[0])  # type: ignore[arg-type]
    assert violation.message == "key `slug` appears again; it was first set on line 2"


def test_schema_overrides_change_the_schema_as_data() -> None:
    plain = schema.load_schema()
    changed = schema.load_schema(overrides=(schema.SlugPattern("^[a-z]+$"), schema.WeightRange(0, 100)))
    text, changed_text = json.dumps(plain), json.dumps(changed)
    assert schema.DEFAULT_SLUG_PATTERN in text and schema.DEFAULT_SLUG_PATTERN not in changed_text
    assert changed_text.count('"^[a-z]+$"') == text.count(json.dumps(schema.DEFAULT_SLUG_PATTERN))
    weights = re.findall(r'"weight": \{[^{}]*\}', changed_text)
    assert weights and all('"minimum": 0, "maximum": 100' in w for w in weights)
    assert len(weights) == len(re.findall(r'"weight": \{', text))
    assert schema.load_schema() == plain  # the cached, unchanged schema is not touched

