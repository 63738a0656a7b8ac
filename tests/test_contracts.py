"""The contract language of profiles: sections with spellings, patterns and optional parts, their
order and extra text, forbidden heading levels, near spellings of a missing section, profiles
that extend another and overlay its schema, and the built-in contracts shipped as data
(InnerSource, checked on its real files when `../shared` is beside the checkout)."""

from __future__ import annotations

import dataclasses
import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.config import ConfigError, Overrides, built_in, resolve
from patternlint.model import Finding, Span
from patternlint.pipeline import lint
from patternlint.sections import Section, SectionSpec, analyse, Form
from patternlint.markdown import blocks
from patternlint.lines import LineMap

ROOT = Path(__file__).resolve().parents[1]
# `../shared` beside the checkout (or beside the folder of worktrees it is in).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
INNERSOURCE = SHARED / "reference" / "other-libraries" / "innersource-patterns" / "patterns"


def findings(folder: Path, config: str, select: str = "ALL") -> list[Finding]:
    (folder / "patternlint.toml").write_text(f'select = ["{select}"]\n' + textwrap.dedent(config), encoding="utf-8")
    settings = dataclasses.replace(resolve([folder], folder, Overrides()).settings, cache_dir=None, jobs=1)
    return list(lint([folder], settings, cwd=folder).findings)


def codes(found: list[Finding]) -> list[tuple[int, str]]:
    return [(f.span.line, f.code) for f in found]


SECTIONED = """\
    profile = "mine"
    [profiles.mine]
    frontmatter = "optional"
    section-level = 2
    sections = [
        "Problem",
        { name = "Story", optional = true },
        { name = "Solutions", spellings = ["Solution"] },
        { name = "Author(s)", spellings = ["Authors", "Author"] },
        { name = "Related", pattern = 'related (patterns|work)' },
    ]
    """


def test_spellings_patterns_and_optional_sections_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "## Problem\n\nText.\n\n## Solution\n\nText.\n\n## Author(s)\n\nMe.\n\n## Related Work\n\nThat.\n", encoding="utf-8"
    )
    assert codes(findings(tmp_path, SECTIONED)) == []


def test_the_longest_spelling_wins_so_no_extra_text_is_claimed(tmp_path: Path) -> None:
    spec = SectionSpec(("Author(s)",), 2, Form.PLAIN, sections=(Section("Author(s)", ("Author", "Authors")),))
    body = LineMap("## Authors\n\nMe.\n")
    (found,) = analyse(blocks(body).headings, spec).found
    assert (found.extra_text, found.written_name) == ("", "Authors")


def test_extra_text_is_reported_unless_the_contract_allows_it(tmp_path: Path) -> None:
    text = "## Problem\n\nText.\n\n## Solutions (optional)\n\nText.\n\n## Author\n\nMe.\n\n## Related patterns\n\nX.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    found = findings(tmp_path, SECTIONED)
    assert codes(found) == [(5, "PL407")]
    assert found[0].message == (
        "section heading `Solutions (optional)` has `(optional)` after the section name; expected `Solutions`"
    )
    allowed = SECTIONED + "extra-text = '\\(optional\\)'\n"
    assert codes(findings(tmp_path, allowed)) == []


def test_section_order_any_reports_no_order(tmp_path: Path) -> None:
    text = "## Solutions\n\nText.\n\n## Problem\n\nText.\n\n## Author\n\nMe.\n\n## Related patterns\n\nX.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert codes(findings(tmp_path, SECTIONED)) == [(5, "PL403")]
    assert codes(findings(tmp_path, SECTIONED + 'section-order = "any"\n')) == []


@pytest.mark.parametrize(
    ("heading", "shown"),
    [
        ("## Solution", "Solution"),  # a spelling the contract does not list: singular
        ("## Trade\u2011offs", "Trade\u2011offs"),  # U+2011, a non-breaking hyphen
        ("## trade offs", "trade offs"),
        ("## Trade-ofs", "Trade-ofs"),  # one letter off
    ],
)
def test_a_missing_section_with_a_near_spelling_points_at_that_heading(tmp_path: Path, heading: str, shown: str) -> None:
    (tmp_path / "a.md").write_text(f"## Problem\n\nText.\n\n{heading}\n\nText.\n", encoding="utf-8")
    name = "Solutions" if "Sol" in heading else "Trade-offs"
    config = f'profile = "mine"\n[profiles.mine]\nfrontmatter = "optional"\nsection-level = 2\nsections = ["Problem", "{name}"]\n'
    (found,) = findings(tmp_path, config)
    assert (found.code, found.span.line, found.span.column) == ("PL401", 5, 1)
    assert found.message == f"required section `{name}` is missing; the heading `{shown}` names it in another spelling"
    assert found.hint == f"write it as `## {name}`, or accept `{shown}` in the profile's section `spellings`"


def test_an_unrelated_heading_is_no_near_spelling(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("## Problem\n\nText.\n\n## Answers\n\nText.\n", encoding="utf-8")
    config = 'profile = "mine"\n[profiles.mine]\nfrontmatter = "optional"\nsection-level = 2\nsections = ["Problem", "Solutions"]\n'
    (found,) = findings(tmp_path, config)
    assert (found.span.line, found.message) == (7, "required section `Solutions` is missing")


def test_forbidden_levels(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A title\n\n## Problem\n\nText.\n\n```\n# not a heading\n```\n", encoding="utf-8")
    config = 'profile = "mine"\n[profiles.mine]\nfrontmatter = "optional"\nsection-level = 2\nsections = ["Problem"]\nforbidden-levels = [1]\n'
    assert codes(findings(tmp_path, config)) == [(1, "PL412")]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('sections = [{ nam = "A" }]', "`sections[0]`: unknown key `nam`; did you mean `name`?"),
        ("sections = [{ optional = true }]", "`sections[0]`: a section table needs a `name`"),
        ("sections = [3]", "`sections[0]`: expected a section name or a table with `name`, got an integer"),
        ('sections = [{ name = "A", pattern = "(a)\\\\1" }]', "`sections[0]`: `pattern`: `(a)\\1` is"),
        ('sections = ["A"]\nsection-order = "loose"', "`section-order` is `loose`; expected `fixed` or `any`"),
        ('sections = ["A"]\nforbidden-levels = [0]', "`forbidden-levels` is `0`; expected a heading level from 1 to 6"),
        ('extends = "nope"', "`extends`: no profile `nope`"),
        ('extends = "mine"', "`extends` forms a cycle"),
        ('extends = "commons-v7"\noptional-keys = ["nope"]', "`optional-keys`: `nope` is not a required key of the schema"),
        ('extends = "commons-v7"\nenum-extend = { "title" = ["x"] }', "`enum-extend`: `title` has no `enum` in the schema"),
        ('extends = "commons-v7"\nenum-extend = { "nope.x" = ["x"] }', "`nope.x` names no property of the schema (at `nope`)"),
        ('optional-keys = ["a"]', "a schema overlay needs a `schema`"),
    ],
)
def test_bad_contract(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "patternlint.toml").write_text(f"[profiles.mine]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert message in str(caught.value)


V7 = ROOT / "tests" / "fixtures" / "PL401-missing-section" / "pass-accountability-partnership.md"


def test_extends_overlays_the_base_schema_in_a_few_lines(tmp_path: Path) -> None:
    text = V7.read_text(encoding="utf-8")
    assert "\ncollection:" not in text and "\n  status:" in text
    status = text.split("\n  status:")[1].split("\n")[0].strip()
    changed = text.replace("---\n", "---\ncollection: guides\n", 1).replace(f"\n  status: {status}", "\n  status: parked", 1)
    (tmp_path / "pass-accountability-partnership.md").write_text(changed, encoding="utf-8")
    plain = {f.code for f in findings(tmp_path, 'profile = "commons-v7"\n')}
    assert {"PL102", "PL104"} <= plain  # `collection` is unknown, `parked` no status
    config = """\
        profile = "site"
        [profiles.site]
        extends = "commons-v7"
        schema-overlay = { properties = { collection = { type = "string" } } }
        enum-extend = { "lifecycle.status" = ["parked"] }
        """
    assert not {"PL102", "PL104"} & {f.code for f in findings(tmp_path, config)}


def test_optional_keys_and_inherited_sections(tmp_path: Path) -> None:
    text = V7.read_text(encoding="utf-8")
    slug = next(line for line in text.split("\n") if line.startswith("slug:"))
    (tmp_path / "pass-accountability-partnership.md").write_text(text.replace(slug + "\n", "", 1), encoding="utf-8")
    assert "PL101" in {f.code for f in findings(tmp_path, 'profile = "commons-v7"\n')}
    config = 'profile = "site"\n[profiles.site]\nextends = "commons-v7"\noptional-keys = ["slug"]\n'
    assert "PL101" not in {f.code for f in findings(tmp_path, config)}
    resolved = resolve([tmp_path], tmp_path, Overrides())
    assert resolved.profiles["site"].sections == built_in()["commons-v7"].sections


def test_a_profile_extends_a_custom_one_defined_after_it(tmp_path: Path) -> None:
    config = """\
        [profiles.child]
        extends = "parent"
        section-level = 3
        [profiles.parent]
        frontmatter = "optional"
        sections = ["A", { name = "B", spellings = ["Bee"] }]
        section-level = 2
        """
    (tmp_path / "patternlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    profiles = resolve([tmp_path], tmp_path, Overrides()).profiles
    child, parent = profiles["child"], profiles["parent"]
    assert child.sections is not None and parent.sections is not None
    assert (child.sections.level, parent.sections.level) == (3, 2)
    assert child.sections.sections == parent.sections.sections and not child.frontmatter_required


def test_schema_command_prints_the_overlaid_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "patternlint.toml").write_text(
        '[profiles.site]\nextends = "commons-v7"\nschema-overlay = { properties = { collection = { type = "string" } }, title = "Site" }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema", "--profile", "site"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "Site" and schema["properties"]["collection"] == {"type": "string"}
    assert "ontology" in schema["properties"]


def test_innersource_is_a_built_in_contract_written_as_data() -> None:
    profile = built_in()["innersource"]
    assert profile.sections is not None and profile.sections.forbidden_levels == (1,)
    assert not profile.frontmatter_required and profile.schema is None


needs_innersource = pytest.mark.skipif(not INNERSOURCE.is_dir(), reason="../shared/reference is not beside this checkout")


@needs_innersource
def test_innersource_structured_patterns_lint_clean_and_templates_do_not(tmp_path: Path) -> None:
    # Their checker (`.github/lint-pattern-syntax/pattern-template.js`) accepts the 26 patterns
    # of `2-structured` and rejects the four templates (an h1, none of the sections).
    (tmp_path / "patternlint.toml").write_text('profile = "innersource"\nselect = ["ALL"]\n', encoding="utf-8")
    settings = dataclasses.replace(resolve([tmp_path], tmp_path, Overrides()).settings, cache_dir=None, jobs=1)
    result = lint([INNERSOURCE / "2-structured"], settings, cwd=tmp_path)
    flagged = {Path(f.path).parent.name + "/" + Path(f.path).name for f in result.findings}
    assert result.files_checked == 30
    assert flagged == {f"templates/{n}" for n in ("COMMUNICATION-template.md", "CONTRIBUTING-template.md", "README-template.md", "rfc.md")}
    assert {f.code for f in result.findings if f.span.line == 1} == {"PL401", "PL412"}


# ---------------------------------------------------------------------------------------------
# Routing: one folder, several contracts, each file to the first that takes it.

LEGACY = ROOT / "tests" / "fixtures" / "PL010-legacy-layout"


def test_a_route_sends_each_file_of_one_folder_to_its_own_contract(tmp_path: Path) -> None:
    import shutil

    for path in LEGACY.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    single = {(Path(f.path).name, f.code) for f in findings(tmp_path, 'profile = "commons-v7"\n', "PL0")}
    assert {n for n, c in single if c == "PL010"} == {"fail-a3-thinking-toyota.md", "fail-page-url-only.md"}
    routed = findings(tmp_path, '[per-file-profiles]\n"**" = ["commons-v1", "commons-v7"]\n')
    assert "PL010" not in {f.code for f in routed}
    by_file = {(Path(f.path).name, f.span.line, f.code) for f in routed}
    # Read by commons-v1: Overview to Key Practices are there, Implementation is not.
    assert ("fail-a3-thinking-toyota.md", 54, "PL401") in by_file
    # The v7 files are read by commons-v7, as without the route.
    alone = findings(tmp_path, 'profile = "commons-v7"\n')
    assert [f for f in routed if f.path.startswith("pass-")] == [f for f in alone if f.path.startswith("pass-")]


def test_when_routes_by_presence_value_and_word(tmp_path: Path) -> None:
    (tmp_path / "pattern.md").write_text("---\ntype: pattern\ntags: PAT book\n---\n## Problem\n\nX.\n", encoding="utf-8")
    (tmp_path / "chapter.md").write_text("---\ntype: chapter\n---\n## Intro\n\nX.\n", encoding="utf-8")
    (tmp_path / "note.md").write_text("Just a note.\n", encoding="utf-8")
    config = """\
        profile = ["pattern", "chapter", "other"]
        [profiles.pattern]
        frontmatter = "optional"
        section-level = 2
        sections = ["Problem", "Solution"]
        when = { equals = { type = "pattern" }, contains = { tags = "PAT" } }
        [profiles.chapter]
        frontmatter = "optional"
        section-level = 2
        sections = ["Intro"]
        when = { has = ["type"], lacks = ["tags"] }
        [profiles.other]
        frontmatter = "optional"
        """
    found = {(Path(f.path).name, f.code, f.message) for f in findings(tmp_path, config, "PL4")}
    assert found == {("pattern.md", "PL401", "required section `Solution` is missing")}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[profiles.mine]\nwhen = { hass = ["a"] }', "`when`: unknown key `hass`; did you mean `has`?"),
        ('[profiles.mine]\nwhen = { equals = { a = [1] } }', "`when`: `equals`: expected a table of key path = value"),
        ('[per-file-profiles]\n"x/**" = []', "expected a profile name or a list of profile names, got an empty list"),
        ('profile = ["commons-v7", "nope"]', "no profile `nope`"),
    ],
)
def test_bad_route(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "patternlint.toml").write_text(table + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert message in str(caught.value)


# ---------------------------------------------------------------------------------------------
# Formats: Org-mode keywords and headlines; bold-label paragraphs. Real Peeragogy files (CC0).

PEERAGOGY_ORG = ROOT / "tests" / "profiles" / "peeragogy-org"
PEERAGOGY_MD = ROOT / "tests" / "profiles" / "peeragogy-md"


def test_org_keywords_are_metadata_with_real_positions() -> None:
    from patternlint.document import Document

    data = (PEERAGOGY_ORG / "heartbeat.org").read_bytes()
    doc = Document("heartbeat.org", "heartbeat", data, built_in()["peeragogy-org"])
    assert doc.problems == [] and doc.data == {"title": "Heartbeat", "roam_tags": "PAT", "firn_order": "14"}
    assert doc.span_finder().value_span(("roam_tags",)) == Span(2, 14, 2, 17)
    assert doc.span_finder().key_span(("title",)) == Span(1, 3, 1, 8)
    assert [h.text for h in doc.headings if h.level == 1][:3] == ["Motivation", "Context", "Forces"]
    # A headline's tags are not its text; lines in `#+BEGIN_…` blocks are no headlines.
    assert "Schedule the monthly all purpose meeting" in {h.text.removeprefix("BACK ") for h in doc.headings}


def test_org_headlines_inside_blocks_are_not_headings() -> None:
    from patternlint.document import Document

    text = b"#+TITLE: X\n#+roam_tags: PAT\n\n* Motivation\n#+BEGIN_SRC org\n* Context\n#+END_SRC\n"
    doc = Document("x.org", "x", text, built_in()["peeragogy-org"])
    assert [(h.level, h.text, h.span.line) for h in doc.headings] == [(1, "Motivation", 4)]


def test_peeragogy_org_reports_the_real_deviations(tmp_path: Path) -> None:
    # heartbeat.org follows the form (`Next Steps` for `What's Next…`); pattern_audit.org has
    # no Motivation, Forces, Examples or References; about.org is no pattern (no `PAT` tag) and
    # goes to the next profile of the route.
    config = 'profile = ["peeragogy-org", "notes"]\n[profiles.notes]\nformat = "org"\nfrontmatter = "optional"\n'
    (tmp_path / "patternlint.toml").write_text('select = ["PL4"]\ninclude = ["*.org"]\n' + config, encoding="utf-8")
    settings = dataclasses.replace(resolve([tmp_path], tmp_path, Overrides()).settings, cache_dir=None, jobs=1)
    result = lint([PEERAGOGY_ORG], settings, cwd=tmp_path)
    assert result.files_checked == 3
    assert [(Path(f.path).name, f.span.line, f.message) for f in result.findings] == [
        ("pattern_audit.org", 5, "required section `Motivation` is missing"),
        ("pattern_audit.org", 12, "required section `Forces` is missing"),
        ("pattern_audit.org", 55, "required sections `Example 1`, `Example 2` are missing"),
        ("pattern_audit.org", 60, "required section `References` is missing"),
    ]


def test_bold_label_paragraphs_are_sections(tmp_path: Path) -> None:
    # heartbeat.md and stuck.md write every part as `**Label**: text`; in isolation.md the
    # `**Problem**:` line continues the paragraph before it (no blank line), so Markdown shows
    # no Problem paragraph; `> **Félix Guattari**:` in a quote opens no section.
    (tmp_path / "patternlint.toml").write_text('select = ["PL4"]\nprofile = "peeragogy-md"\n', encoding="utf-8")
    settings = dataclasses.replace(resolve([tmp_path], tmp_path, Overrides()).settings, cache_dir=None, jobs=1)
    result = lint([PEERAGOGY_MD], settings, cwd=tmp_path)
    assert [(Path(f.path).name, f.span.line, f.code) for f in result.findings] == [("isolation.md", 9, "PL401")]
    assert result.findings[0].message == "required section `Problem` is missing"


def test_check_profile_option_replaces_the_configured_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("# A\n\n## Title\n\nA\n", encoding="utf-8")
    (tmp_path / "patternlint.toml").write_text('[per-file-profiles]\n"*.md" = "commons-v7"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "a.md", "--no-cache", "--profile", "innersource", "--select", "PL412", "-f", "json"])
    assert result.exit_code == 1
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("PL412", 1)]
    wrong = CliRunner().invoke(app, ["check", "a.md", "--no-cache", "--profile", "innersourse"])
    assert wrong.exit_code == 2 and "no profile `innersourse`; did you mean `innersource`?" in wrong.stderr


def test_the_docs_examples_are_valid_contracts(tmp_path: Path) -> None:
    import re
    import tomllib

    page = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", page, re.DOTALL)
    for block in blocks:
        (tmp_path / "patternlint.toml").write_text(block, encoding="utf-8")
        resolve([tmp_path], tmp_path, Overrides())  # no ConfigError
    mine = next(b for b in blocks if "my-innersource" in b)
    shipped = tomllib.loads((ROOT / "src" / "patternlint" / "contracts" / "innersource.toml").read_text(encoding="utf-8"))
    written = tomllib.loads(mine)["profiles"]["my-innersource"]
    assert written == {k: v for k, v in shipped.items() if k != "description"}


def test_a_section_may_have_its_own_level(tmp_path: Path) -> None:
    config = """\
        profile = "mine"
        [profiles.mine]
        frontmatter = "optional"
        section-level = 2
        sections = ["Problem", { name = "Notes", level = 3 }, "Solution"]
        """
    (tmp_path / "a.md").write_text("## Problem\n\nX.\n\n### Notes\n\nY.\n\n## Solution\n\nZ.\n", encoding="utf-8")
    assert codes(findings(tmp_path, config, "PL4")) == []
    (tmp_path / "a.md").write_text("## Problem\n\nX.\n\n## Notes\n\nY.\n\n## Solution\n\nZ.\n", encoding="utf-8")
    (found,) = findings(tmp_path, config, "PL4")
    assert (found.code, found.span.line, found.message) == (
        "PL404", 5, "section heading `Notes` is level 2 (`##`); expected level 3 (`###`)"
    )


def test_commons_v1_is_a_contract_written_as_data() -> None:
    from patternlint.facts import Layout
    from patternlint.schema import SCHEMA_DIR

    v1 = built_in()["commons-v1"]
    assert (v1.schema, v1.layout, v1.layout_only) == (SCHEMA_DIR / "pattern-v1.schema.json", Layout.V1, False)
    assert v1.sections == SectionSpec(("Overview", "Core Principles", "Key Practices", "Implementation"), 3, Form.NUMBERED, exact_numbers=False)
    assert v1.when is not None
    assert v1.when.match({"classification": {}, "title": "x"}) and not v1.when.match({"page_url": "u", "ontology": {}})
    assert list(built_in())[:3] == ["commons-v7", "commons-v1", "peeragogy"]


def test_a_contract_may_accept_several_section_forms(tmp_path: Path) -> None:
    # Projection pages of a commons site write `### 1. Context` in some files and
    # `### Section 1: Context` in others.
    config = """\
        profile = "projection"
        [profiles.projection]
        frontmatter = "optional"
        sections = ["Context", "Problem"]
        section-form = ["section", "numbered"]
        """
    (tmp_path / "a.md").write_text("### 1. Context\n\nX.\n\n### Section 2: Problem\n\nY.\n", encoding="utf-8")
    assert codes(findings(tmp_path, config, "PL4")) == []
    (tmp_path / "a.md").write_text("### Context\n\nX.\n\n### 3. Problem\n\nY.\n", encoding="utf-8")
    found = findings(tmp_path, config, "PL4")
    assert [(f.code, f.span.line, f.message) for f in found] == [
        ("PL402", 1, "section heading `Context` has no section number; expected `Section 1: Context`"),
        ("PL402", 5, "section `Problem` is numbered `3`; expected `Section 2: Problem`"),
    ]
    assert codes(findings(tmp_path, config.replace('["section", "numbered"]', '["section", "numbered", "plain"]'), "PL4")) == [(5, "PL402")]


def test_config_command_shows_a_route_as_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "patternlint.toml").write_text('[per-file-profiles]\n"**" = ["commons-v1", "commons-v7"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 0
    assert f'"**" = ["commons-v1", "commons-v7"]  # relative to {tmp_path}' in result.stdout.splitlines()


@needs_innersource
def test_innersource_files_get_no_truncated_text_findings(tmp_path: Path) -> None:
    # Their sections end on titles, statuses and author names, and on sentences without a full
    # stop, by style: `truncated-text` judges only the commons v7.1 layout's prose.
    (tmp_path / "patternlint.toml").write_text('profile = "innersource"\nselect = ["ALL"]\n', encoding="utf-8")
    settings = dataclasses.replace(resolve([tmp_path], tmp_path, Overrides()).settings, cache_dir=None, jobs=1)
    result = lint([INNERSOURCE], settings, cwd=tmp_path)
    assert result.files_checked > 50
    assert [f for f in result.findings if f.code == "PL409"] == []
