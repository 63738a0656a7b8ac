"""The fixture harness: every folder under `tests/fixtures/` named `<CODE>-<rule-name>` is a mini
library. Its `pass-*.md` files must lint clean; its `fail-*.md` files carry their expected findings
inside them (see `Expectation` below). One parametrised test runs them all.

A `fail-*.fixed.md` file is not part of the mini library: it is what `--fix` makes of its
`fail-*.md` (or, for a cross-file fix, `pass-*.md`) twin; `test_fixes.py` checks that.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from patternlint.config import Overrides, resolve
from patternlint.pipeline import lint
from patternlint.result import LintResult
from patternlint.model import Finding, Severity
from patternlint.rules import BY_CODE
from patternlint.settings import Settings, default_settings

FIXTURES = Path(__file__).parent / "fixtures"
FOLDER_NAME = re.compile(r"^(?P<code>PL\d{3})-(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)$")

# `# expect: PL105`, `<!-- expect: PL402 @-1 -->`, `# expect: PL105, PL301 @+1`,
# `<!-- expect: PL002 @line=1 -->`: codes, then an optional offset or absolute line.
ANNOTATION = re.compile(
    r"(?:#|<!--)\s*expect:\s*(?P<codes>PL\d{3}(?:\s*,\s*PL\d{3})*)"
    r"(?:\s+@(?:line=(?P<line>\d+)|(?P<offset>[+-]?\d+)))?"
)

Key = tuple[str, int, str]  # (file name, line, code)


def fixture_folders() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and FOLDER_NAME.match(p.name))


FIXED_SUFFIX = ".fixed.md"


CONFIG = "patternlint.toml"


def pattern_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".md") and not p.name.endswith(FIXED_SUFFIX))


def expectations(path: Path) -> Counter[Key]:
    """Expected findings of one fixture file, from its annotations or its `.expect` sidecar."""
    expected: Counter[Key] = Counter()
    sidecar = path.with_name(path.name + ".expect")
    if sidecar.exists():
        for raw in sidecar.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                line, code = raw.split()
                expected[(path.name, int(line), code)] += 1
        return expected
    if not path.exists():  # a broken link needs a sidecar
        raise AssertionError(f"{path.name} cannot be read and has no `.expect` sidecar")
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        for match in ANNOTATION.finditer(line):
            if match.group("line"):
                target = int(match.group("line"))
            else:
                target = number + int(match.group("offset") or 0)
            for code in re.split(r"\s*,\s*", match.group("codes")):
                expected[(path.name, target, code)] += 1
    return expected


def lint_folder(folder: Path) -> LintResult:
    settings = fixture_settings(folder)
    return lint([folder], settings, cwd=folder)


def fixture_settings(folder: Path) -> Settings:
    """The default rules, plus the folder's own rule; `*.fixed.md` files are not patterns. A
    folder with a `patternlint.toml` (a rule that only another profile turns on) is read with it."""
    defaults = default_settings()
    if (folder / CONFIG).is_file():
        defaults = resolve([folder], folder, Overrides(), folder / CONFIG).settings
    settings = dataclasses.replace(defaults, cache_dir=None, jobs=1, exclude=(*defaults.exclude, "*" + FIXED_SUFFIX))
    match = FOLDER_NAME.match(folder.name)
    own = BY_CODE.get(match.group("code")) if match else None
    if own is not None and own not in settings.rules:
        # A rule that is off by default is still checked in its own folder (only there).
        settings = dataclasses.replace(settings, codes=tuple(sorted((*settings.codes, own.code))))
    return settings


def found(findings: tuple[Finding, ...]) -> Counter[Key]:
    return Counter((f.path, f.span.line, f.code) for f in findings)


def _show(counter: Counter[Key]) -> list[str]:
    return sorted(f"{name}:{line} {code}" + (f" x{n}" if n > 1 else "") for (name, line, code), n in counter.items())


@pytest.mark.parametrize("folder", fixture_folders(), ids=lambda p: p.name)
def test_fixture_folder(folder: Path) -> None:
    code = FOLDER_NAME.match(folder.name).group("code")  # type: ignore[union-attr]
    files = pattern_files(folder)
    assert files, f"{folder.name} has no pattern files"
    for path in files:
        assert path.name.startswith(("pass-", "fail-")), f"{path.name}: name it pass-* or fail-*"

    expected: Counter[Key] = Counter()
    for path in files:
        own = expectations(path)
        if path.name.startswith("pass-"):
            assert not own, f"{path.name} is a pass fixture but carries expectations"
        else:
            assert own, f"{path.name} is a fail fixture without any expectation"
        expected += own
    assert any(k[2] == code for k in expected), f"no fail fixture of {folder.name} expects {code}"
    assert all(k[2] in BY_CODE for k in expected), "an annotation names an unknown code"

    result = lint_folder(folder)
    actual = found(result.findings)
    missing, unexpected = expected - actual, actual - expected
    assert not missing and not unexpected, (
        f"\nexpected but not reported: {_show(missing)}\nreported but not expected: {_show(unexpected)}"
    )
    # Exact equality above already implies this; it is the statement the suite is about.
    pass_files = {p.name for p in files if p.name.startswith("pass-")}
    assert not [f for f in result.findings if f.path in pass_files]
    assert all(f.code == code or expected[(f.path, f.span.line, f.code)] for f in result.findings)
    assert result.files_checked == len(files)


# ---------------------------------------------------------------------------------------------
# The harness itself must be able to fail: its annotation parser and comparison are tested too.


def test_annotation_forms(tmp_path: Path) -> None:
    path = tmp_path / "fail-x.md"
    path.write_text(
        "---\n"
        "weight: 1.4  # expect: PL105\n"
        "a: b  # expect: PL105, PL301\n"
        "# expect: PL101 @line=1\n"
        "---\n"
        "### Problem\n"
        "<!-- expect: PL402 @-1 -->\n"
        "<!-- expect: PL404 @+1 -->\n"
        "## Section 1: Context\n"
        "<!-- expect: PL401 -->\r\n",
        encoding="utf-8",
    )
    assert expectations(path) == Counter(
        {
            ("fail-x.md", 2, "PL105"): 1,
            ("fail-x.md", 3, "PL105"): 1,
            ("fail-x.md", 3, "PL301"): 1,
            ("fail-x.md", 1, "PL101"): 1,
            ("fail-x.md", 6, "PL402"): 1,
            ("fail-x.md", 9, "PL404"): 1,
            ("fail-x.md", 10, "PL401"): 1,
        }
    )


def test_sidecar_expectations(tmp_path: Path) -> None:
    path = tmp_path / "fail-empty.md"
    path.write_bytes(b"")
    (tmp_path / "fail-empty.md.expect").write_text("1 PL002\n\n3 PL001\n", encoding="utf-8")
    assert expectations(path) == Counter({("fail-empty.md", 1, "PL002"): 1, ("fail-empty.md", 3, "PL001"): 1})


def test_every_rule_has_a_fixture_folder_named_after_it() -> None:
    folders = {f.name for f in fixture_folders()}
    assert folders == {f"{r.code}-{r.name}" for r in BY_CODE.values()}


# ---------------------------------------------------------------------------------------------
# What the harness does not see: columns, messages, hints, severities of chosen fixtures.


def _findings(folder: str, name: str) -> list[Finding]:
    return [f for f in lint_folder(FIXTURES / folder).findings if f.path == name]


def _spans(folder: str, name: str) -> list[tuple[str, int, int, int, int]]:
    return [(f.code, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in _findings(folder, name)]


def test_crlf_and_bom_files_have_the_same_positions_as_their_lf_twin() -> None:
    folder = "PL105-value-out-of-range"
    lf = _spans(folder, "fail-weight.md")
    # `      weight: 1.4` on line 66: the value starts in column 15 and ends before column 18.
    assert lf == [("PL105", 66, 15, 66, 18)]
    assert _spans(folder, "fail-weight-crlf.md") == lf
    assert _spans(folder, "fail-weight-bom.md") == lf


def test_crlf_heading_span_excludes_the_carriage_return() -> None:
    folder = "PL402-misnumbered-section"
    lf = _spans(folder, "fail-wrong-number.md")
    assert lf == [("PL402", 118, 1, 118, len("### Section 3: Problem") + 1)]
    assert _spans(folder, "fail-wrong-number-crlf.md") == lf


def test_not_utf8_position_is_the_first_bad_byte() -> None:
    [finding] = _findings("PL001-not-utf8", "fail-windows-1252.md")
    data = (FIXTURES / "PL001-not-utf8" / "fail-windows-1252.md").read_bytes()
    offset = data.index(b"\x97")  # the first em dash, as Windows-1252 writes it
    line_start = data.rfind(b"\n", 0, offset) + 1
    assert (finding.span.line, finding.span.column) == (data.count(b"\n", 0, offset) + 1, offset - line_start + 1)
    assert finding.message == "file is not valid UTF-8: byte `0x97` cannot be decoded"


def test_near_miss_relationship_gets_a_did_you_mean_hint() -> None:
    [finding] = _findings("PL301-unresolved-relationship", "fail-typo-slug.md")
    assert finding.message == (
        "`enables` points at `pass-acountability-partnership`, which is not a pattern in this library"
    )
    assert finding.hint == "did you mean `pass-accountability-partnership`?"
    assert (finding.span.column, finding.span.end_column) == (13, 13 + len("pass-acountability-partnership"))


def test_unrelated_missing_target_gets_no_guess() -> None:
    [finding] = _findings("PL301-unresolved-relationship", "fail-deleted-target.md")
    assert finding.hint is not None and "did you mean" not in finding.hint


def test_inferred_link_is_a_warning_with_a_hint() -> None:
    [finding] = _findings("PL303-unresolved-inferred-link", "fail-inferred-typo.md")
    assert finding.severity is Severity.WARNING
    assert finding.hint == "did you mean `pass-accountability-partnership`?"


def test_stale_overall_score_message_and_hint() -> None:
    [finding] = _findings("PL201-overall-score-mismatch", "fail-stale-score.md")
    assert finding.message == "overall_score is `4.4`; the mean of the 8 dimension scores is `3.6625`"
    assert finding.hint == "set `overall_score: 3.7`"


def test_tie_mean_hint_rounds_half_up() -> None:
    # The scores of the tie fixtures sum to 26.0 only up to float error; the mean is 3.25.
    [finding] = _findings("PL201-overall-score-mismatch", "fail-tie-recorded-as-3-4.md")
    assert finding.message == "overall_score is `3.4`; the mean of the 8 dimension scores is `3.25`"
    assert finding.hint == "set `overall_score: 3.3`"


def test_sections_missing_from_one_gap_are_one_finding() -> None:
    [finding] = _findings("PL401-missing-section", "fail-sections-5-to-8-missing.md")
    assert finding.message == (
        "required sections `Section 5: Consequences`, `Section 6: Known Uses`, "
        "`Section 7: Cognitive Era`, `Section 8: Vitality` are missing"
    )


def test_missing_section_sits_on_the_next_present_section() -> None:
    [finding] = _findings("PL401-missing-section", "fail-heading-only-in-code-fence.md")
    assert finding.message == "required section `Section 5: Consequences` is missing"
    assert finding.hint is not None and finding.hint.endswith("before `Section 6: Known Uses`")


def test_duplicate_key_names_the_first_line() -> None:
    [finding] = _findings("PL006-duplicate-key", "fail-duplicate-status.md")
    assert finding.message == "key `status` appears again; it was first set on line 54"
    assert (finding.span.line, finding.span.column) == (56, 3)


def test_yaml_error_position_is_where_the_reader_gave_up() -> None:
    [finding] = _findings("PL005-yaml-syntax-error", "fail-colon-in-title.md")
    # `title: Peer Knowledge: Exchange`: the second `: ` starts at column 22.
    assert (finding.span.line, finding.span.column) == (7, 22)
    assert finding.message == (
        "frontmatter is not valid YAML: the value of `title` contains `: `, which YAML reads as the start of another key"
    )
    assert finding.hint == 'quote the value: `title: "Peer Knowledge: Exchange"`'


def test_block_list_in_a_closed_flow_mapping_is_named() -> None:
    # animal-relationship-ethics.md: the `{` IS closed; closing it again would not help.
    [finding] = _findings("PL005-yaml-syntax-error", "fail-block-list-in-flow-mapping.md")
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (29, 3, 18)
    assert finding.message == (
        "frontmatter is not valid YAML: block-style lines (`commons_domain:` then `- life`) are written "
        "inside the `{…}` opened on line 28 and closed on line 30"
    )
    assert finding.hint == (
        "inside `{…}` write this entry in flow style after a `,` (`commons_domain: [life]`), "
        "or write `ontology` in block style, one key per line"
    )


def test_missing_comma_in_a_flow_mapping_is_named() -> None:
    [finding] = _findings("PL005-yaml-syntax-error", "fail-missing-comma-in-flow-mapping.md")
    assert (finding.span.line, finding.span.column) == (29, 3)
    assert finding.message == (
        "frontmatter is not valid YAML: `commons_domain` follows the previous entry of the `{…}` opened on line 28 "
        "without a `,`"
    )
    assert finding.hint == "add `,` before `commons_domain`"


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    # libyaml stops on line 18, where the next quoted value's opening quote ended the title.
    [finding] = _findings("PL005-yaml-syntax-error", "fail-unclosed-quote.md")
    assert (finding.span.line, finding.span.column) == (7, 8)
    assert finding.message == (
        "frontmatter is not valid YAML: the `\"` that opens the value of `title` is never closed on its line; "
        "the reader took the `\"` on line 18 as its end"
    )
    assert finding.hint == "end the value with `\"` on this line"


def test_never_closed_flow_mapping_keeps_its_message() -> None:
    [finding] = _findings("PL005-yaml-syntax-error", "fail-unclosed-flow-mapping.md")
    assert (finding.span.line, finding.span.column) == (26, 11)
    assert finding.message.startswith("frontmatter is not valid YAML: the `{` opened here is never closed")


def test_duplicate_id_names_the_other_files() -> None:
    [finding] = [
        f for f in _findings("PL502-duplicate-id", "fail-lean-canvas-ash-mauryas-adaptation.md") if f.code == "PL502"
    ]
    assert finding.message == (
        "id `pat_placeholder` is also used by `fail-value-disciplines-treacy-wiersema.md`, "
        "`fail-vertical-integration-model.md`"
    )


def test_section_out_of_order_hint_names_the_neighbours() -> None:
    [finding] = _findings("PL403-section-out-of-order", "fail-problem-after-solution.md")
    assert finding.message == "section `Problem` is out of order"
    assert finding.hint == "move it between `Section 1: Context` and `Section 3: Solution`"


def test_missing_key_findings_name_each_missing_key() -> None:
    findings = [f for f in _findings("PL101-missing-required-key", "fail-lifecycle-incomplete.md")]
    assert sorted(f.message for f in findings) == [
        "`lifecycle` is missing required key `adoption_stage`",
        "`lifecycle` is missing required key `confidence`",
        "`lifecycle` is missing required key `version`",
    ]


# ---------------------------------------------------------------------------------------------
# House style of every message and hint the fixtures produce


def _all_fixture_findings() -> list[Finding]:
    return [f for folder in fixture_folders() for f in lint_folder(folder).findings]


RAW_JSONSCHEMA = re.compile(r"is not of type|is a required property|does not match|Failed validating|is not valid under")


def test_messages_follow_the_house_style() -> None:
    findings = _all_fixture_findings()
    assert len({f.code for f in findings}) == len(BY_CODE)  # every rule spoke at least once
    for f in findings:
        for text in filter(None, (f.message, f.hint)):
            where = f"{f.path}:{f.span.line} {f.code}: {text!r}"
            assert not text.endswith("."), where
            assert "\n" not in text, where
            assert not re.search(r"PL\d{3}", text), where  # codes never go inside messages
            assert not RAW_JSONSCHEMA.search(text), where
            assert not re.search(r"(?<![`\w])'[^'`\s]+'", text), where  # no Python reprs
        assert f.span.line >= 1 and f.span.column >= 1, f
        assert (f.span.end_line, f.span.end_column) >= (f.span.line, f.span.column), f


def test_inferred_link_in_another_shape_is_one_finding() -> None:
    # commons-blueprint.md's `{target, reason, strength}` items: one finding each, not two
    # missing keys and an unknown `strength`.
    findings = _findings("PL101-missing-required-key", "fail-inferred-link-strength.md")
    [finding] = [f for f in findings if f.code in ("PL101", "PL102")]
    assert (finding.code, finding.span.line) == ("PL101", 91)
    assert finding.message == (
        "`graph_garden.inferred_links[0]` is written as `{target, strength, reason}`, without required `type` and "
        "`confidence`; expected `{target, type, confidence, reason}`"
    )
    assert finding.hint is not None and finding.hint.startswith("add `type:` (one of `generalizes_from`, ")
    assert finding.hint.endswith("`confidence:` (confidence of the inference, 0.0–1.0); remove `strength`")


def test_wrapper_that_hides_required_keys_is_one_finding_with_one_fix() -> None:
    findings = _findings("PL101-missing-required-key", "fail-provenance-wrapper.md")
    assert [f.message for f in findings if f.code == "PL101"] == ["the frontmatter is missing required key `sources`"]
    [wrapper] = [f for f in findings if f.code == "PL102"]
    assert wrapper.message == (
        "`provenance` wraps the required keys `contributors`, `license`, `attribution`; "
        "expected them directly in the frontmatter"
    )
    assert wrapper.hint == (
        "move its keys (`contributors`, `license`, `attribution`) up into the frontmatter and remove `provenance`"
    )


def test_wrapper_that_repeats_its_owners_keys_is_to_be_removed() -> None:
    # adaptive-learning.md and 32 more: moving `contributors` up would set it twice.
    [finding] = _findings("PL102-unknown-key", "fail-provenance-repeats-contributors.md")
    assert finding.message == "unexpected key `provenance` in the frontmatter"
    assert finding.hint == "remove `provenance`: the frontmatter already sets `contributors` alike"


def test_truncated_text_says_where_and_how_the_text_stops() -> None:
    folder = "PL409-truncated-text"
    [cut] = _findings(folder, "fail-body-ends-mid-sentence.md")
    assert cut.message == "the body ends mid-sentence: `When an exchange decays—learning evapor`"
    assert cut.hint == "finish the sentence, or cut the text back to the last complete sentence"
    [bold] = _findings(folder, "fail-dangling-bold.md")
    assert bold.message == "the body ends with stray markup `**`"
    [lead] = _findings(folder, "fail-lead-in-without-text.md")
    assert lead.message == "the body ends with `**When to replant:**`; the text it introduces is missing"
    [item] = _findings(folder, "fail-list-item-cut-off.md")
    assert item.message == "the body ends with unpaired emphasis markup: `1. **Blame or resentment towar`"
    [section] = _findings(folder, "fail-section-ends-mid-sentence.md")
    assert section.message.startswith("the section ends mid-sentence: `…")


def test_new_rules_name_the_value_and_what_to_write() -> None:
    [title] = _findings("PL410-title-in-body", "fail-title-repeated.md")
    assert title.message == "level-1 heading `Peer Knowledge Exchange` in the body repeats `title`"
    [note] = _findings("PL411-callout-outside-blockquote", "fail-bare-note.md")
    assert note.message == "callout marker `[!NOTE]` is not in a block quote, so it shows as text"
    assert (note.span.column, note.span.end_column) == (1, 8)
    [tension] = _findings("PL207-malformed-tension", "fail-the-vs-life.md")
    assert tension.message == "`primary_tension` is `The vs. Exchange`; its first force is only `The`"
    # `Exchange` is the title's last word, as the generator took it (resilience-paradox.md's
    # `The vs. Paradox`): no force to keep in the hint
    assert tension.hint == "name both forces the pattern balances, and state the same tension as Section 2's core conflict"
    [med] = _findings("PL208-placeholder-value", "fail-med-label.md")
    assert med.message == "`context_labels.government` is `Med`, a placeholder"
    label, text = _findings("PL208-placeholder-value", "fail-template-placeholder.md")
    assert label.message == "`context_labels.tech` holds the template placeholder `{Tech-friendly name}`"
    assert text.message == "the body holds the template placeholder `{Provide a detailed explanation.}`"


def test_placeholder_words_are_configurable() -> None:
    from patternlint.options import OptionError, parse
    from patternlint.rules import placeholder_value

    assert parse(placeholder_value.Options, {"values": ["TBD", "Med"]}, "placeholder-value").values == ("TBD", "Med")
    with pytest.raises(OptionError):
        parse(placeholder_value.Options, {"values": [" "]}, "placeholder-value")


def test_section_heading_extra_text_underlines_only_the_extra_text() -> None:
    # authentic-visibility.md:100 and 24 other files: `### Section 1: Context (100-200 words)`
    finding = next(f for f in _findings("PL407-section-heading-extra-text", "fail-word-range-notes.md") if f.code == "PL407")
    assert (finding.span.line, finding.span.column, finding.span.end_line, finding.span.end_column) == (112, 24, 112, 39)


def test_wrong_type_says_how_to_write_the_expected_shape() -> None:
    # commons-blueprint.md: `commons_assessment` as a list of `{dimension, score, rationale}`
    [finding] = [f for f in _findings("PL103-wrong-type", "fail-assessment-as-list.md") if f.code == "PL103"]
    assert finding.hint == "write `key: value` lines under `commons_assessment:`, not a list of `- ` items"


def test_primary_tension_hint_never_offers_a_generators_leftover() -> None:
    # limits-vs-boundaries.md: `primary_tension: "The vs. Boundaries"`; the hint offered to
    # write `The core conflict is The vs. Boundaries.` into the body
    [generated] = [f for f in _findings("PL203-primary-tension-mismatch", "fail-generated-tension.md") if f.code == "PL203"]
    assert generated.hint == 'set `primary_tension: "Peer vs. Exchange"`'
    # cross-domain-creative-pollination.md: a prose statement is not a value for `primary_tension`,
    # and `Cross vs. Pollination` (here `Peer vs. Exchange`), two words of the title, is no
    # tension to write into the body either
    [prose] = [f for f in _findings("PL203-primary-tension-mismatch", "fail-prose-statement.md") if f.code == "PL203"]
    assert prose.hint == "write the core tension as `A vs. B`, the same in `primary_tension` and here"


def test_a_tension_made_of_two_title_words_is_a_generators() -> None:
    from patternlint.document import Document
    from patternlint.rules.primary_tension_mismatch import from_title

    doc = Document("x.md", "x", b'---\ntitle: "Cross-Domain Creative Pollination"\nslug: cross-domain-creative-pollination\n---\n')
    assert from_title("Cross vs. Pollination", doc) and from_title("the Creative vs. Domain", doc)
    assert not from_title("Specialization vs. Cross-Pollination", doc)
    assert not from_title("Robustness vs. Antifragility", doc)


@pytest.mark.parametrize(
    ("name", "message", "hint"),
    [
        # ecosystem-partnership-design.md, pattern-lifecycle.md: snake_case `cross_domains`
        (
            "fail-snake-case-domain.md",
            "`ontology.cross_domains[1]` is `value_creation`; expected lowercase kebab-case identifier "
            "(a-z, 0-9, single hyphens between words)",
            "write `value-creation`",
        ),
        ("fail-blank-title.md", "`title` is blank", "the official title of the pattern"),
        (
            "fail-uppercase-id.md",
            "`id` is `pat_01KHVCXD3BEXRV4887NXWG5ZZZ`; expected a value matching "
            "`^pat_[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}$`",
            None,
        ),
    ],
)
def test_invalid_format_states_the_required_form(name: str, message: str, hint: str | None) -> None:
    [finding] = [f for f in _findings("PL106-invalid-format", name) if f.code == "PL106"]
    assert (finding.message, finding.hint) == (message, hint)


def test_a_renamed_section_heading_is_named_where_it_stands() -> None:
    # compliance-and-regulatory-specification.md:170: `### 7. The Future of this Pattern` holds
    # the Cognitive Era text; "add Section 7 before Section 8" would have made a second one.
    [finding] = [f for f in _findings("PL401-missing-section", "fail-renamed-heading.md") if f.code == "PL401"]
    assert finding.message == (
        "required section `Section 7: Cognitive Era` is missing; the heading `7. The Future of this Pattern` "
        "holds its number and place under another name"
    )
    assert finding.hint is not None and finding.hint.startswith("if its text is that section's, rename it `### Section 7: Cognitive Era`")


def test_sections_missing_after_a_cut_are_one_finding_at_the_cut() -> None:
    # causal-loop-facilitation.md and nine more: the body stops mid-word in Section 7, so
    # Section 8 is missing; one finding names the cause, and truncated-text does not repeat it.
    findings = _findings("PL401-missing-section", "fail-cut-before-vitality.md")
    [finding] = [f for f in findings if f.code in ("PL401", "PL409")]
    assert finding.code == "PL401"
    assert finding.message == (
        "required section `Section 8: Vitality` is missing: the body stops mid-text in "
        "`Section 7: Cognitive Era`, before it"
    )
    assert finding.hint == (
        f"the text was cut off at line {finding.span.line}: restore the rest of it, `### Section 8: Vitality` included"
    )
