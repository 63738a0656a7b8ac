"""Built-in contracts as data (commons-v7, the peeragogy route), and what the contract language
gained for them: `layouts`, `routes`, a section's `words`, and `when` conditions on a file's
content (text, headings, bold labels, form)."""

from __future__ import annotations

import dataclasses
import json
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.config import CONTRACTS_DIR, ConfigError, Overrides, built_in, resolve
from patternlint.document import Document
from patternlint.model import Finding
from patternlint.pipeline import lint
from patternlint.contract import default
from patternlint.facts import Layout

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
HANDBOOK = SHARED / "reference" / "other-libraries" / "peeragogy" / "handbook-en-md"
PEERAGOGY_MD = ROOT / "tests" / "profiles" / "peeragogy-md"
PEERAGOGY = ROOT / "tests" / "profiles" / "peeragogy"


def findings(folder: Path, config: str, select: str = "ALL", paths: list[Path] | None = None) -> list[Finding]:
    (folder / "patternlint.toml").write_text(f'select = ["{select}"]\n' + textwrap.dedent(config), encoding="utf-8")
    settings = dataclasses.replace(resolve([folder], folder, Overrides()).settings, cache_dir=None, jobs=1)
    return list(lint(paths or [folder], settings, cwd=folder).findings)


def named(found: list[Finding]) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, f.span.line, f.code) for f in found]


# ---------------------------------------------------------------------------------------------
# commons-v7 is a contract file read as a user's table is


def test_the_default_profile_is_the_shipped_commons_v7_contract() -> None:
    v7 = default()
    assert v7 is built_in()["commons-v7"] and (CONTRACTS_DIR / "commons-v7.toml").is_file()
    assert v7.sections is not None and v7.sections.names[0] == "Context" and v7.sections.section(0).words == (100, 200)
    # Its layouts: a v1 key without a v7.1 group is the older layout; anything else is v7.1.
    assert v7.layouts.classify({"classification": {}, "title": "x"}) is Layout.V1
    assert v7.layouts.classify({"classification": {}, "ontology": {}}) is Layout.V7
    assert v7.layouts.classify({"title": "x"}) is Layout.V7
    assert Document("a.md", "a", b"---\npage_url: u\n---\n").layout is Layout.V1


def test_a_contract_declares_how_its_layouts_are_told_apart(tmp_path: Path) -> None:
    # A library whose older files carry `legacy: true`: legacy-layout reports them, and the
    # v7.1 checks leave them alone.
    (tmp_path / "old.md").write_text("---\nlegacy: true\ntitle: Old\n---\n\nText.\n", encoding="utf-8")
    config = """\
        profile = "site"
        [profiles.site]
        extends = "commons-v7"
        layouts = [{ layout = "v1", when = { equals = { legacy = "true" } } }, { layout = "v7" }]
        """
    assert [c for _, _, c in named(findings(tmp_path, config))] == ["PL010"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('layouts = []', "`layouts`: expected a list of tables like"),
        ('layouts = [{ layout = "v9" }]', "`layouts[0]`: `layout` is `v9`; expected one of `v7`, `v1`, `other`"),
        ('layouts = [{ layout = "v7", when = { hsa = ["x"] } }]', "`layouts[0]`: `when`: unknown key `hsa`; did you mean `has`?"),
        ('layouts = [{ layout = "v7", if = {} }]', "`layouts[0]`: unknown key `if`"),
        ('sections = [{ name = "A", words = [5, 2] }]', "`words` is `[5, 2]`; expected `[least, most]`"),
        ('when = { form = "markdown" }', "`form` is `markdown`; expected one of `yaml`, `org`, `none`"),
        ("when = { heading = ['(a'] }", "`heading`: `(a` is `(a`, which is not a regular expression RE2 can run"),
        ('routes = ["commons-v7"]\nschema = "x.json"', "`schema`: a profile with `routes` only routes"),
        ('routes = ["nope"]', "no profile `nope`"),
    ],
)
def test_bad_contract_keys_are_one_line_errors(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "patternlint.toml").write_text(f'profile = "mine"\n[profiles.mine]\n{table}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_section_word_range_is_the_contracts(tmp_path: Path) -> None:
    config = """\
        profile = "mine"
        extend-select = ["section-length"]
        [profiles.mine]
        frontmatter = "optional"
        section-level = 2
        sections = [{ name = "Problem", words = [3, 5] }, "Solution"]
        """
    (tmp_path / "a.md").write_text("## Problem\n\nOne two.\n\n## Solution\n\nA.\n", encoding="utf-8")
    found = findings(tmp_path, config, "PL4")
    assert [(f.code, f.message) for f in found] == [("PL408", "section `Problem` has `2` words; expected `3` to `5`")]


def test_an_empty_section_hint_names_only_the_contracts_word_range(tmp_path: Path) -> None:
    # InnerSource's `Context` is no spec v7.1 section: its hint quotes no word count.
    (tmp_path / "a.md").write_text("## Context\n\n## Problem\n\nText.\n", encoding="utf-8")
    (found,) = [f for f in findings(tmp_path, 'profile = "innersource"\n', "PL405")]
    assert found.hint == "write the section's text under `Context`"


# ---------------------------------------------------------------------------------------------
# `when` on content


@pytest.mark.parametrize(
    ("when", "taken"),
    [
        ("{ text = ['^Status: final$'] }", {"final.md"}),
        ("{ lacks-text = ['^Status: final$'] }", {"heading.md", "label.md", "front.md"}),
        ("{ heading = ['problem'] }", {"heading.md"}),
        ("{ heading = ['Problem', 'Solution'] }", set()),  # every item must be found
        ("{ heading = ['Problem|Solution'] }", {"heading.md"}),
        ("{ lacks-heading = ['.*'] }", {"label.md", "final.md"}),
        ("{ label = ['(The )?Problem'] }", {"label.md"}),
        ("{ lacks-label = ['.*'], lacks-heading = ['.*'] }", {"final.md"}),
        ("{ form = 'yaml' }", {"front.md"}),
        ("{ form = ['none'], has = ['title'] }", set()),
    ],
)
def test_when_reads_a_files_content(tmp_path: Path, when: str, taken: set[str]) -> None:
    files = {
        "heading.md": "## Problem\n\nText.\n",
        "label.md": "**The Problem**: text.\n",
        "final.md": "Notes.\nStatus: final\n",
        "front.md": "---\ntitle: A\n---\n\n# A\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    # The first contract of the route requires a `Missing` section: each file it takes is reported.
    config = f"""\
        profile = ["probe", "not-a-pattern"]
        [profiles.probe]
        frontmatter = "optional"
        sections = ["Missing"]
        when = {when}
        """
    assert {name for name, _, _ in named(findings(tmp_path, config, "PL401"))} == taken


def test_org_headlines_route_an_org_file(tmp_path: Path) -> None:
    (tmp_path / "a.org").write_text("#+TITLE: A\n\n* Motivation\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.org").write_text("#+TITLE: B\n\n* Notes\n\nText.\n", encoding="utf-8")
    config = """\
        include = ["*.org"]
        profile = ["probe", "not-a-pattern"]
        [profiles.probe]
        format = "org"
        frontmatter = "optional"
        sections = ["Motivation", "Forces"]
        when = { heading = ["Motivation"], form = "org" }
        """
    assert named(findings(tmp_path, config, "PL401")) == [("a.org", 5, "PL401")]


def test_a_folder_is_searched_for_the_files_of_the_profiles_forms(tmp_path: Path) -> None:
    # `check ORG_FOLDER --profile peeragogy` found no file at all ("Checked 0 files"): without an
    # `include`, a folder is searched for the forms its profiles read.
    (tmp_path / "a.org").write_text("#+TITLE: A\n#+roam_tags: PAT\n\n* Motivation\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\nText.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pattern\n", encoding="utf-8")
    found = {
        profile: lint([tmp_path], dataclasses.replace(resolve([tmp_path], tmp_path, Overrides(profile=profile)).settings, cache_dir=None)).files_checked
        for profile in ("peeragogy", "peeragogy-org", "commons-v7")
    }
    assert found == {"peeragogy": 2, "peeragogy-org": 1, "commons-v7": 1}
    (tmp_path / "patternlint.toml").write_text('include = ["*.md"]\nprofile = "peeragogy"\n', encoding="utf-8")
    assert resolve([tmp_path], tmp_path, Overrides()).settings.include == ("*.md",)  # as configured


# ---------------------------------------------------------------------------------------------
# Routes: `peeragogy` takes each Peeragogy form to its contract


def test_a_named_route_is_a_profile_for_check_and_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "patternlint.toml").write_text(
        'include = ["*.md"]\n[profiles.mixed]\nroutes = ["commons-v1", "innersource"]\n', encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("# A\n\n## Title\n\nA\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "a.md", "--no-cache", "--profile", "mixed", "--select", "PL412", "-f", "json"])
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("PL412", 1)]
    schema = CliRunner().invoke(app, ["schema", "--profile", "mixed"])
    assert schema.exit_code == 2
    assert schema.stderr == "patternlint: error: profile `mixed` is a route to `commons-v1`, `innersource`; name one of them\n"


def test_extending_a_route_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "patternlint.toml").write_text('profile = "mine"\n[profiles.mine]\nextends = "peeragogy"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert str(caught.value).endswith(
        "`profiles.mine`: `extends`: `peeragogy` is a route to `peeragogy-org`, `peeragogy-md`, "
        "`peeragogy-headings`, `not-a-pattern`; extend one of them"
    )


def test_routes_that_form_a_cycle_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "patternlint.toml").write_text(
        'profile = "a"\n[profiles.a]\nroutes = ["b"]\n[profiles.b]\nroutes = ["a"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert "`routes` forms a cycle: a → b → a" in str(caught.value)


def test_peeragogy_routes_each_form_to_its_contract() -> None:
    peeragogy = built_in()["peeragogy"]
    org = (ROOT / "tests" / "profiles" / "peeragogy-org")
    cases = {
        org / "heartbeat.org": "peeragogy-org",
        org / "about.org": "not-a-pattern",  # no `PAT` tag
        PEERAGOGY_MD / "heartbeat.md": "peeragogy-md",
        PEERAGOGY / "peeragogy.md": "peeragogy-headings",
        PEERAGOGY / "no-frontmatter.md": "peeragogy-headings",
    }
    for path, name in cases.items():
        assert Document(path.name, path.stem, path.read_bytes(), peeragogy).profile.name == name, path.name
    # A chapter that presents patterns under its own headings is no pattern file.
    chapter = b"## Pattern analysis\n\n### Heartbeat\n\n**Definition**: a.\n\n**Problem**: b.\n\n**Solution**: c.\n"
    assert Document("c.md", "c", chapter, peeragogy).profile.name == "not-a-pattern"


@pytest.mark.skipif(not HANDBOOK.is_dir(), reason="needs ../shared/reference")
def test_the_whole_handbook_folder_reports_only_real_deviations(tmp_path: Path) -> None:
    # Before routing by content, `peeragogy-md` on the folder gave 149 duplicate-section
    # findings on ALL.md (the whole book) and researching.md (three patterns under headings),
    # and a missing-section finding on each of 38 chapters. Left: two patterns whose label
    # continues the paragraph before it, so the page shows no `Definition`/`Problem` paragraph.
    found = findings(tmp_path, 'profile = "peeragogy"\n', paths=[HANDBOOK])
    assert Counter(f.code for f in found) == {"PL401": 2}
    assert named(found) == [("isolation.md", 9, "PL401"), ("newcomer.md", 9, "PL401")]


def test_the_shipped_contracts_regular_expressions_run_on_re2() -> None:
    # Start-up does not compile them (it would load RE2 for every run): this does.
    from patternlint.linear import compile_linear

    whens = [p.when for p in built_in().values() if p.when is not None]
    whens += [w for p in built_in().values() for _, w in p.layouts.marks]
    patterns = [x for w in whens for x in (*w.text, *w.lacks_text, *w.heading, *w.lacks_heading, *w.label, *w.lacks_label)]
    assert len(patterns) >= 3
    for pattern in patterns:
        compile_linear(pattern)
