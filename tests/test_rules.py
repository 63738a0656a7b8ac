"""Rule edge cases that do not fit a fixture folder: each test writes one variant of the real
`peer-knowledge-exchange` fixture into a fresh mini library and checks the exact findings.
The regressions at the end each guarded a bug found while the suite was written.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from patternlint.pipeline import lint
from patternlint.model import Finding
from patternlint.rules import overall_score_mismatch
from patternlint.settings import default_settings

FIXTURES = Path(__file__).parent / "fixtures"
BASE_DIR = FIXTURES / "PL105-value-out-of-range"
BASE = (BASE_DIR / "pass-peer-knowledge-exchange.md").read_text(encoding="utf-8")


def variant(*replacements: tuple[str, str]) -> str:
    text = BASE.replace("slug: pass-peer-knowledge-exchange", "slug: variant").replace(
        "id: pat_01khvcxd3bexrv4887nxwg53w8", "id: pat_01khvcxd3bexrv4887nxwg5abc"
    )
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def lint_variant(tmp_path: Path, text: str) -> list[Finding]:
    lib = tmp_path / "lib"
    lib.mkdir()
    for name in ("pass-peer-knowledge-exchange.md", "pass-accountability-partnership.md"):
        shutil.copy(BASE_DIR / name, lib / name)
    (lib / "variant.md").write_text(text, encoding="utf-8")
    settings = dataclasses.replace(default_settings(), cache_dir=None, jobs=1)
    return [f for f in lint([lib], settings, cwd=lib).findings if f.path == "variant.md"]


def codes(findings: list[Finding]) -> list[tuple[int, str]]:
    return [(f.span.line, f.code) for f in findings]


def line_of(text: str, needle: str) -> int:
    [number] = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    return number


def test_base_variant_is_clean(tmp_path: Path) -> None:
    assert lint_variant(tmp_path, variant()) == []


@pytest.mark.parametrize("date", ["2024-02-29", "2026-02-19", '"2026-12-31"'])
def test_real_dates_pass(tmp_path: Path, date: str) -> None:
    text = variant(("  last_pruned: 2026-02-19", f"  last_pruned: {date}"))
    assert lint_variant(tmp_path, text) == []


@pytest.mark.parametrize("date", ["2023-02-29", "2024-02-30", "2024-13-45", '"2026-02-19T00:00:00"', '"20260219"'])
def test_impossible_or_malformed_dates_are_invalid_format(tmp_path: Path, date: str) -> None:
    text = variant(("  last_pruned: 2026-02-19", f"  last_pruned: {date}"))
    findings = lint_variant(tmp_path, text)
    assert codes(findings) == [(line_of(text, "last_pruned"), "PL106")]
    assert findings[0].message.endswith("expected a real calendar date written `YYYY-MM-DD`")


def test_missing_keys_of_one_mapping_are_each_named_once(tmp_path: Path) -> None:
    text = variant(("license: CC-BY-SA-4.0\n", ""), ("attribution: \"commons.engineering by cloudsters, https://cloudsters.net\"\n", ""))
    findings = lint_variant(tmp_path, text)
    assert [(f.span.line, f.code, f.message) for f in findings] == [
        (1, "PL101", "the frontmatter is missing required key `attribution`"),
        (1, "PL101", "the frontmatter is missing required key `license`"),
    ] or [(f.span.line, f.code, f.message) for f in findings] == [
        (1, "PL101", "the frontmatter is missing required key `license`"),
        (1, "PL101", "the frontmatter is missing required key `attribution`"),
    ]


def test_unknown_key_typo_gets_a_did_you_mean_hint(tmp_path: Path) -> None:
    text = variant(("relationships:\n", "relationship:\n"))
    [unknown] = [f for f in lint_variant(tmp_path, text) if f.code == "PL102"]
    assert unknown.message == "unexpected key `relationship` in the frontmatter"
    assert unknown.hint == "did you mean `relationships`?"
    assert (unknown.span.line, unknown.span.column, unknown.span.end_column) == (
        line_of(text, "relationship:"),
        1,
        len("relationship") + 1,
    )


def test_enum_near_miss_hint(tmp_path: Path) -> None:
    text = variant(("  status: draft", "  status: drafts"))
    [finding] = lint_variant(tmp_path, text)
    assert finding.code == "PL104"
    assert finding.message == "`lifecycle.status` is `drafts`; expected one of `draft`, `revised`, `stable`, `deprecated`"
    assert finding.hint == "did you mean `draft`?"


def test_values_outside_a_legacy_anyof_branch_are_reported_once(tmp_path: Path) -> None:
    """An entity written as a bare string is an accepted legacy shape; a bad object is reported
    against the object branch only, not once per branch."""
    text = variant(
        ('    - id: peer-learning\n      type: concept\n      label: "Peer Learning"\n      relevance: 0.95\n',
         '    - "Peer Learning"\n    - id: peer-exchange\n      type: concept\n      label: "Peer Exchange"\n      relevance: 2\n'),
    )
    assert codes(lint_variant(tmp_path, text)) == [(line_of(text, "relevance: 2"), "PL105")]


def test_duplicate_key_keeps_the_last_value_for_other_rules(tmp_path: Path) -> None:
    text = variant(("    overall_score: 3.7", "    overall_score: 3.7\n    overall_score: 4.4"))
    assert codes(lint_variant(tmp_path, text)) == [
        (line_of(text, "overall_score: 4.4"), "PL006"),
        (line_of(text, "overall_score: 4.4"), "PL201"),
    ]


def test_overall_score_tolerance_option(tmp_path: Path) -> None:
    text = variant(("    overall_score: 3.7", "    overall_score: 3.6"))  # the mean is 3.6625
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "variant.md").write_text(text.replace("    - slug: pass-accountability-partnership\n      weight: 0.88\n", ""), encoding="utf-8")
    base = dataclasses.replace(default_settings(), cache_dir=None, jobs=1)
    strict = lint([lib], base, cwd=lib).findings
    loose = lint([lib], dataclasses.replace(base, rule_options={"PL201": overall_score_mismatch.Options(tolerance=0.1)}), cwd=lib).findings
    assert [f.code for f in strict if f.code == "PL201"] == ["PL201"]
    assert [f.code for f in loose if f.code == "PL201"] == []


def test_bare_section_name_deeper_than_level_3_is_a_subheading(tmp_path: Path) -> None:
    text = variant(("### Section 4: Implementation\n", "### Section 4: Implementation\n\n#### Consequences of skipping pods\n"))
    assert lint_variant(tmp_path, text) == []


def test_numbered_heading_at_level_4_is_still_a_section(tmp_path: Path) -> None:
    text = variant(("### Section 5: Consequences\n", "#### 5. Consequences\n"))
    line = line_of(text, "#### 5. Consequences")
    assert codes(lint_variant(tmp_path, text)) == [(line, "PL402"), (line, "PL404")]


# ---------------------------------------------------------------------------------------------
# Regressions


def test_nan_score_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    text = variant(("    vitality: 4.3", "    vitality: .nan"))
    findings = lint_variant(tmp_path, text)
    assert (line_of(text, "vitality: .nan"), "PL105") in codes(findings)


def test_infinite_score_is_out_of_range_not_a_crash(tmp_path: Path) -> None:
    text = variant(("    vitality: 4.3", "    vitality: .inf"))
    findings = lint_variant(tmp_path, text)
    assert (line_of(text, "vitality: .inf"), "PL105") in codes(findings)


def test_empty_title_is_one_finding(tmp_path: Path) -> None:
    text = variant(('title: "Peer Knowledge Exchange"', 'title: ""'))
    findings = lint_variant(tmp_path, text)
    assert [(f.span.line, f.code, f.message) for f in findings] == [(7, "PL106", "`title` is empty")]


@pytest.mark.parametrize("value", ['"1"', "high"])
def test_wrong_type_is_not_also_an_invalid_value(tmp_path: Path, value: str) -> None:
    text = variant(("  confidence: 1\n", f"  confidence: {value}\n"))
    assert codes(lint_variant(tmp_path, text)) == [(line_of(text, f"confidence: {value}"), "PL103")]


@pytest.mark.parametrize("heading", ["### Section 2 - Problem", "### Section 2. Problem", "### Section 2 Problem"])
def test_section_heading_without_colon_is_misnumbered_form(tmp_path: Path, heading: str) -> None:
    text = variant(("### Section 2: Problem", heading))
    assert codes(lint_variant(tmp_path, text)) == [(line_of(text, heading), "PL402")]


def test_complex_key_is_reported_on_its_line(tmp_path: Path) -> None:
    text = variant(("aliases: []\n", "aliases: []\n[a, b]: z\n"))
    [finding] = lint_variant(tmp_path, text)
    assert finding.code == "PL102"
    assert (finding.span.line, finding.span.end_line) == (line_of(text, "[a, b]: z"),) * 2
    assert "SequenceNode" not in finding.message


def test_missing_key_hint_keeps_acronyms(tmp_path: Path) -> None:
    text = variant(("license: CC-BY-SA-4.0\n", ""))
    [finding] = lint_variant(tmp_path, text)
    assert finding.code == "PL101"
    assert finding.hint is not None and "sPDX" not in finding.hint and "SPDX" in finding.hint


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
def test_mixed_line_ending_span_ends_at_the_next_line_not_past_the_line(tmp_path: Path, ending: str) -> None:
    # Found by scripts/fuzz.py: the span ended at a column one past the `\n`, outside the line.
    majority = "\n" if ending == "\r\n" else "\r\n"
    text = majority.join(variant().split("\n"))
    at = text.index(majority, text.index("slug: variant"))
    text = text[:at] + ending + text[at + len(majority) :]
    line = text.count("\n", 0, at) + 1
    [finding] = [f for f in lint_variant(tmp_path, text) if f.code == "PL013"]
    assert (finding.span.line, finding.span.end_line, finding.span.end_column) == (line, line + 1, 1)
    assert finding.span.column == len("slug: variant") + 1


@pytest.mark.parametrize("properties", ["&a ", "!!float ", "&a !!float ", "&a\n      "])
def test_a_value_span_starts_at_the_value_not_at_its_anchor_or_tag(tmp_path: Path, properties: str) -> None:
    # Found by scripts/fuzz.py: `overall_score: &a 9.9` was reported at `&a`, the node's start.
    text = variant(("overall_score: 3.7", f"overall_score: {properties}9.9"))
    value_line = line_of(text, "9.9")
    [finding] = [f for f in lint_variant(tmp_path, text) if f.code == "PL105"]
    column = text.splitlines()[value_line - 1].index("9.9") + 1
    assert (finding.span.line, finding.span.column) == (value_line, column)
    assert (finding.span.end_line, finding.span.end_column) == (value_line, column + 3)


def test_a_placeholder_word_is_found_where_the_whole_word_expression_finds_it() -> None:
    # The frontmatter is searched only where a word begins; it must answer as the expression
    # searched everywhere does (whole words: not inside `Media`, `x-Med` or `Med_1`).
    from hypothesis import given
    from hypothesis import strategies as st

    from patternlint.rules import placeholder_value

    pieces = st.sampled_from(["Med", "Medium", "TBD", "TB", "-", "_", "a", "é", " ", "\n", ":", "'"])

    @given(st.lists(pieces, max_size=10), st.sets(st.sampled_from(["Med", "TBD", "TB", "Medium"]), min_size=1))
    def check(text_pieces: list[str], chosen: set[str]) -> None:
        text, words = "".join(text_pieces), frozenset(chosen)
        expected = placeholder_value._words_pattern(words).search(text) is not None
        assert placeholder_value._holds_word(text, words) == expected

    check()
