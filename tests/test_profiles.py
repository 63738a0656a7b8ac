"""Profiles: commons-v7 (default), commons-v1, peeragogy, custom profiles from configuration,
globs mapping folders to profiles, and `patternlint schema`."""

from __future__ import annotations

import dataclasses
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.config import ConfigError, Overrides, resolve
from patternlint.pipeline import lint
from patternlint.document import Document
from patternlint.config import built_in
from patternlint.config import built_in
from patternlint.facts import Layout

HERE = Path(__file__).parent
PEERAGOGY = HERE / "profiles" / "peeragogy"
LEGACY = HERE / "fixtures" / "PL010-legacy-layout"


def run(folder: Path, *files: str, config: str | None = None) -> list[tuple[str, int, str]]:
    if config is not None:
        (folder / "patternlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    resolved = resolve([folder], folder, Overrides())
    settings = dataclasses.replace(resolved.settings, cache_dir=None, jobs=1)
    result = lint([folder / f for f in files] or [folder], settings, cwd=folder)
    return [(Path(f.path).name, f.span.line, f.code) for f in result.findings]


def legacy_library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(LEGACY, lib)
    return lib


def test_default_profile_reports_the_v1_layout_once(tmp_path: Path) -> None:
    lib = legacy_library(tmp_path)
    codes = {code for name, _, code in run(lib) if name.startswith("fail-")}
    assert codes == {"PL010"}


def test_commons_v1_profile_checks_v1_files_by_their_own_contract(tmp_path: Path) -> None:
    lib = legacy_library(tmp_path)
    findings = run(lib, config='profile = "commons-v1"\n')
    assert "PL010" not in {code for _, _, code in findings}
    # The real v1 file has `### 1. Overview` to `### 3. Key Practices` but no Implementation.
    assert [f for f in findings if f[0] == "fail-a3-thinking-toyota.md"] == [
        ("fail-a3-thinking-toyota.md", 54, "PL401")
    ]


def test_per_file_profiles_map_a_folder_to_the_v1_profile(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "legacy").mkdir(parents=True)
    for f in LEGACY.glob("fail-*.md"):
        shutil.copy(f, lib / "legacy" / f.name)
    default = {code for _, _, code in run(lib)}
    mapped = {code for _, _, code in run(lib, config='[per-file-profiles]\n"legacy/**" = "commons-v1"\n')}
    assert "PL010" in default and "PL010" not in mapped


def test_peeragogy_profile_accepts_its_own_patterns(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(PEERAGOGY, lib)
    findings = run(lib, config='profile = "peeragogy"\n')
    assert [f for f in findings if f[0] in ("peeragogy.md", "no-frontmatter.md")] == []
    broken = lib / "broken.md"
    lines = broken.read_text(encoding="utf-8").splitlines()
    forces_gap = lines.index("## Problem") + 1
    rationale = lines.index("# Rationale") + 1
    assert [f for f in findings if f[0] == "broken.md"] == [
        ("broken.md", forces_gap, "PL401"),
        ("broken.md", rationale, "PL404"),
    ]


def test_without_the_profile_peeragogy_files_are_not_commons_patterns(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(PEERAGOGY, lib)
    codes = {code for name, _, code in run(lib) if name == "no-frontmatter.md"}
    assert codes == {"PL003"}


def test_custom_profile_from_configuration(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "schema.json").write_text(
        json.dumps({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}),
        encoding="utf-8",
    )
    (lib / "good.md").write_text("---\nname: Good\n---\n\n# Intent\n\nText.\n\n# Forces\n\nText.\n", encoding="utf-8")
    (lib / "bad.md").write_text("---\ntitle: Bad\n---\n\n# Forces\n\nText.\n", encoding="utf-8")
    config = """\
        profile = "mine"
        [profiles.mine]
        schema = "schema.json"
        sections = ["Intent", "Forces"]
        section-level = 1
        section-form = "plain"
        """
    assert run(lib, config=config) == [("bad.md", 1, "PL101"), ("bad.md", 5, "PL401")]


def test_a_profile_declares_which_end_of_a_generalization_link_is_the_more_general(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(HERE / "fixtures" / "PL310-generalization-direction-mismatch", lib)
    assert ("fail-coffee-ritual-design.md", 63, "PL310") in run(lib)
    config = """\
        profile = "mine"
        [profiles.mine]
        extends = "commons-v7"
        generalization = {generalizes_from = "target", specializes_to = "source"}
        """
    codes = {code for _, _, code in run(lib, config=config)}
    assert "PL301" in codes and "PL310" not in codes


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[profiles.mine]\nsectoins = ["A"]\n', "unknown key `sectoins`; did you mean `sections`?"),
        ('[profiles.mine]\nschema = "missing.json"\n', "does not exist"),
        ('[profiles.mine]\nsection-level = 9\n', "expected a heading level from 1 to 6"),
        ('[profiles.mine]\nsection-form = "bullets"\n', "expected one of `section`, `numbered`, `plain`"),
        ('[profiles.commons-v7]\nsections = ["A"]\n', "is a built-in profile"),
        ('[profiles.mine]\nextends = "commons-v7"\ngeneralization = {generalises_from = "target"}\n', "unknown link type `generalises_from`; did you mean `generalizes_from`?"),
        ('[profiles.mine]\nextends = "commons-v7"\ngeneralization = {specializes_to = "up"}\n', "`specializes_to` is `up`; expected `source` or `target`"),
        ('profile = "comons-v1"\n', "no profile `comons-v1`; did you mean `commons-v1`?"),
        ('[per-file-profiles]\n"x/**" = "nope"\n', "no profile `nope`"),
    ],
)
def test_bad_profile_configuration(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "patternlint.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert message in str(caught.value)


@pytest.mark.parametrize("name", sorted(n for n, p in built_in().items() if p.schema is not None))
def test_schema_command_prints_each_profile_schema(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", "--profile", name])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_schema_command_unknown_profile_exits_2() -> None:
    result = CliRunner().invoke(app, ["schema", "--profile", "nope"])
    assert result.exit_code == 2 and "no profile `nope`" in result.stderr


def test_peeragogy_profile_owns_its_layout() -> None:
    # A `title:` key marks no commons layout; the commons profiles still read it as v7.
    data = (PEERAGOGY / "peeragogy.md").read_bytes()
    doc = Document("p.md", "p", data, built_in()["peeragogy"])
    assert (doc.profile.name, doc.layout) == ("peeragogy-headings", Layout.OTHER)
    assert Document("p.md", "p", data).layout is Layout.V7


def test_peeragogy_files_are_not_read_as_commons_v7_patterns(tmp_path: Path) -> None:
    # Commons rules that read v7 files (orphan-pattern among them) leave a Peeragogy file alone.
    lib = tmp_path / "lib"
    shutil.copytree(PEERAGOGY, lib)
    findings = run(lib, config='profile = "peeragogy"\nselect = ["ALL"]\n')
    assert [f for f in findings if f[0] in ("peeragogy.md", "no-frontmatter.md")] == []


def test_relationship_vocabulary_is_the_schemas() -> None:
    # The profile's relationship types are the ones its schema allows, in the same order, and
    # every inverse pairs two of them both ways.
    COMMONS_V7_PROFILE = built_in()["commons-v7"]

    assert COMMONS_V7_PROFILE.schema is not None
    schema = json.loads(COMMONS_V7_PROFILE.schema.read_text(encoding="utf-8"))
    links = COMMONS_V7_PROFILE.links
    assert tuple(schema["properties"]["relationships"]["properties"]) == links.types
    assert all(f.path == ("relationships", f.type) for f in links.fields if f.type in links.types)
    inverse = dict(links.inverses)
    assert all(inverse[inverse[r]] == r and r in links.types for r in inverse)
