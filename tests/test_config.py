"""Configuration: discovery precedence, every key, inheritance, and every bad-configuration path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from patternlint.config import ConfigError, Overrides, discover, resolve
from patternlint.globs import glob_match
from patternlint.model import Severity
from patternlint.rules import overall_score_mismatch
from patternlint.settings import DEFAULT_EXCLUDE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def settings_for(folder: Path, overrides: Overrides | None = None, **kw: object):  # type: ignore[no-untyped-def]
    return resolve([folder], folder, overrides or Overrides(), **kw)  # type: ignore[arg-type]


def codes(folder: Path, overrides: Overrides | None = None) -> set[str]:
    return {r.code for r in settings_for(folder, overrides).settings.rules}


# --- discovery -----------------------------------------------------------------------------


def test_precedence_within_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.patternlint]\nfail-on = 'warning'\n")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / "patternlint.toml", "fail-on = 'error'\n")
    assert discover(tmp_path) == tmp_path / "patternlint.toml"
    write(tmp_path / ".patternlint.toml", "fail-on = 'error'\n")
    assert discover(tmp_path) == tmp_path / ".patternlint.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", "fail-on = 'warning'\n")
    write(tmp_path / "lib" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(tmp_path / "lib") == tmp_path / "patternlint.toml"


def test_closest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", "fail-on = 'warning'\n")
    write(tmp_path / "lib" / "patternlint.toml", "fail-on = 'error'\n")
    (tmp_path / "lib" / "sub").mkdir()
    assert discover(tmp_path / "lib" / "sub") == tmp_path / "lib" / "patternlint.toml"
    assert settings_for(tmp_path / "lib" / "sub").settings.fail_on is Severity.ERROR


def test_no_configuration_means_defaults(tmp_path: Path) -> None:
    resolved = settings_for(tmp_path)
    assert resolved.config_file is None
    assert resolved.settings.exclude == DEFAULT_EXCLUDE
    assert "PL201" in {r.code for r in resolved.settings.rules}


def test_isolated_ignores_files_and_config_names_one(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", "ignore = ['PL201']\n")
    assert "PL201" not in codes(tmp_path)
    assert "PL201" in {r.code for r in settings_for(tmp_path, isolated=True).settings.rules}
    other = write(tmp_path / "other.toml", "ignore = ['PL301']\n")
    chosen = settings_for(tmp_path, config=other).settings
    assert {"PL201"} <= {r.code for r in chosen.rules} and "PL301" not in {r.code for r in chosen.rules}


# --- keys -------------------------------------------------------------------------------


def test_select_ignore_extend_select(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", "select = ['PL2', 'PL301']\nextend-select = ['legacy-layout']\nignore = ['PL201']\n")
    chosen = codes(tmp_path)
    assert {"PL301", "PL010"} <= chosen and "PL201" not in chosen and "PL101" not in chosen
    assert all(c.startswith("PL2") or c in ("PL301", "PL010") for c in chosen)


def test_all_selects_every_rule_including_opt_in(tmp_path: Path) -> None:
    from patternlint.rules import RULES

    write(tmp_path / "patternlint.toml", "select = ['ALL']\n")
    assert codes(tmp_path) == {r.code for r in RULES}


def test_command_line_overrides_file(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", "select = ['PL2']\nfail-on = 'warning'\nlibrary = 'lib'\n")
    cli = Overrides(select=("PL3",), ignore=("PL303",), fail_on="error", library=tmp_path / "other")
    resolved = settings_for(tmp_path, cli)
    assert {r.code[:3] for r in resolved.settings.rules} == {"PL3"}
    assert "PL303" not in {r.code for r in resolved.settings.rules}
    assert resolved.settings.fail_on is Severity.ERROR
    assert resolved.settings.library == tmp_path / "other"
    assert resolved.sources["select"] == "command line, command line (--ignore)"


def test_severity_and_rule_options_and_paths(tmp_path: Path) -> None:
    write(
        tmp_path / "patternlint.toml",
        """\
        library = "_patterns"
        cache-dir = "cache"
        fail-on = "warning"
        include = ["*.md", "*.markdown"]
        extend-exclude = ["drafts/**"]
        [severity]
        unresolved-inferred-link = "info"
        PL5 = "warning"
        [per-file-ignores]
        "drafts/**" = ["missing-section"]
        [rules.overall-score-mismatch]
        tolerance = 0.1
        """,
    )
    s = settings_for(tmp_path).settings
    assert s.library == tmp_path / "_patterns" and s.cache_dir == tmp_path / "cache"
    assert s.fail_on is Severity.WARNING
    assert s.include == ("*.md", "*.markdown") and s.exclude[-1] == "drafts/**"
    assert s.severities["PL303"] is Severity.INFO and s.severities["PL502"] is Severity.WARNING
    [ignore] = s.per_file_ignores
    assert (ignore.glob, ignore.base, ignore.codes) == ("drafts/**", str(tmp_path), frozenset({"PL401"}))
    assert s.rule_options["PL201"] == overall_score_mismatch.Options(tolerance=0.1)


def test_extend_inherits_and_overrides(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", "ignore = ['PL302']\nfail-on = 'warning'\n[rules.PL201]\ntolerance = 0.1\n")
    write(tmp_path / "lib" / "patternlint.toml", "extend = '../base.toml'\nfail-on = 'error'\n")
    resolved = settings_for(tmp_path / "lib")
    assert "PL302" not in {r.code for r in resolved.settings.rules}
    assert resolved.settings.fail_on is Severity.ERROR
    assert resolved.settings.rule_options["PL201"] == overall_score_mismatch.Options(tolerance=0.1)
    assert resolved.sources["ignore"] == str(tmp_path / "base.toml")


# --- bad configuration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selekt = ['PL2']\n", "unknown key `selekt` (top level); did you mean `select`?"),
        ("select = 'PL2'\n", "`select`: expected a list of strings, got a string"),
        ("select = ['PL2O1']\n", "`select`: no rule matches `PL2O1`; did you mean `PL201`?"),
        ("ignore = ['overall-scor-mismatch']\n", "no rule matches `overall-scor-mismatch`; did you mean `overall-score-mismatch`?"),
        ("fail-on = 'never'\n", "`fail-on`: expected `error` or `warning`, got `never`"),
        ("[severity]\nPL201 = 'fatal'\n", "`severity`: `PL201` is `fatal`; expected one of `error`, `warning`, `info`"),
        ("[rules.PL201]\ntolerence = 0.1\n", "`rules.PL201`: `overall-score-mismatch` has no option `tolerence`; did you mean `tolerance`?"),
        ("[rules.PL201]\nrounding = 2\n", "has no option `rounding`; its options: `tolerance`, `decimals`"),
        ("[rules.unknown-key]\nstrict = true\n", "`unknown-key` has no option `strict`; it takes no options"),
        ("[rules.PL201]\ntolerance = 'x'\n", "`rules.PL201.tolerance` is a string; expected a number like `0.05`"),
        ("extend = 'missing.toml'\n", "`extend`: `"),
        ("select = [\n", "not valid TOML"),
        ("max-nesting-depth = 5000\n", "expected a whole number from 1 to 500, got `5000`"),
    ],
)
def test_bad_configuration_names_file_key_and_what_is_allowed(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "patternlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        settings_for(tmp_path)
    assert str(caught.value).startswith(str(config)), caught.value
    assert message in str(caught.value)


def test_extend_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", "extend = 'b.toml'\n")
    write(tmp_path / "b.toml", "extend = 'a.toml'\n")
    with pytest.raises(ConfigError, match="`extend` forms a cycle"):
        settings_for(tmp_path, config=tmp_path / "a.toml")


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        settings_for(tmp_path, config=tmp_path / "nope.toml")


def test_pyproject_table_must_be_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool]\npatternlint = 3\n")
    with pytest.raises(ConfigError, match="must be a table"):
        settings_for(tmp_path)


# --- globs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("README.md", "docs/readme.md", True),
        ("*.md", "a/b/c.md", True),
        ("drafts/**", "drafts/x/y.md", True),
        ("drafts/**", "other/drafts/x.md", False),
        ("**/drafts/*.md", "a/drafts/x.md", True),
        (".*", "a/.git/x.md", True),
        (".*", "a/b.md", False),
        ("drafts", "drafts/x.md", True),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_cli_flags_show_in_settings_and_commas_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from patternlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "patternlint.toml", "fail-on = 'error'\n")
    result = CliRunner().invoke(app, ["check", "--select", "PL201,legacy-layout", "--fail-on", "warning", "--show-settings"])
    assert result.exit_code == 0, result.output
    assert 'select = ["PL010", "PL201"]  # command line' in result.stdout
    assert 'fail-on = "warning"  # command line' in result.stdout


def test_bad_configuration_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from patternlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    config = write(tmp_path / "patternlint.toml", "selekt = ['PL2']\n")
    result = CliRunner().invoke(app, ["check", "."])
    assert result.exit_code == 2
    assert result.stderr == (
        f"patternlint: error: {config}: unknown key `selekt` (top level); did you mean `select`?\n"
    )


def test_schema_rule_options_change_the_contract(tmp_path: Path) -> None:
    import shutil

    from patternlint.pipeline import lint

    fixtures = Path(__file__).parent / "fixtures" / "PL105-value-out-of-range"
    lib = tmp_path / "lib"
    lib.mkdir()
    for name in ("pass-peer-knowledge-exchange.md", "pass-accountability-partnership.md"):
        shutil.copy(fixtures / name, lib / name)
    target = lib / "pass-peer-knowledge-exchange.md"
    target.write_text(target.read_text(encoding="utf-8").replace("weight: 0.88", "weight: 88", 1), encoding="utf-8")

    def codes(config: str) -> list[str]:
        (tmp_path / "patternlint.toml").write_text(config, encoding="utf-8")
        s = settings_for(tmp_path).settings
        from dataclasses import replace as rep

        return [f.code for f in lint([target], rep(s, cache_dir=None, jobs=1), cwd=tmp_path).findings]

    assert codes("") == ["PL105"]
    percent = codes("[rules.value-out-of-range]\nweight-range = [0, 100]\n")
    assert percent == []  # 88 is in range now, and so are the other weights (0.8 and so on)
    slugs = codes('[rules.invalid-format]\nslug-pattern = "^[a-z]+$"\n')
    assert "PL106" in slugs  # `pass-peer-knowledge-exchange` has hyphens
    # The mean is 3.6625: recorded 3.7 is fine to one decimal, not to two.
    assert codes("[rules.overall-score-mismatch]\ndecimals = 2\ntolerance = 0.005\n") == ["PL201", "PL105"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules.value-out-of-range]\nweight-range = [1, 0]\n", "`rules.value-out-of-range.weight-range` is `[1.0, 0.0]`; expected `[low, high]` with low < high"),
        ('[rules.invalid-format]\nslug-pattern = "(["\n', "is not a regular expression"),
    ],
)
def test_bad_schema_rule_options(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path / "patternlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        settings_for(tmp_path)
    assert message in str(caught.value)


# --- rule options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # An unknown section and a value of the wrong type, silently ignored before.
        (
            '[rules.section-length]\nranges = {"Knwon Uses" = [150, 400], "Context" = "lots"}\n',
            "`rules.section-length.ranges` has no key `Knwon Uses`; did you mean `Known Uses`?",
        ),
        (
            '[rules.section-length]\nranges = {"Glossary" = [1, 2]}\n',
            "`rules.section-length.ranges` has no key `Glossary`; its keys: `Context`, `Problem`, `Solution`,",
        ),
        ('[rules.section-length]\nranges = {"Context" = "lots"}\n', "`rules.section-length.ranges.Context` is a string; expected a list of 2 whole numbers like `[100, 200]`"),
        ('[rules.section-length]\nranges = {"Context" = [1, 2, 3]}\n', "`rules.section-length.ranges.Context` is a list of 3 values; expected a list of 2 whole numbers"),
        ('[rules.section-length]\nranges = {"Context" = [1, 2.5]}\n', "`rules.section-length.ranges.Context[1]` is a number; expected a whole number"),
        ('[rules.section-length]\nranges = {"Known Uses" = [400, 150]}\n', '`rules.section-length.ranges."Known Uses"` is `[400, 150]`; expected `[least, most]` with 0 ≤ least ≤ most'),
        ("[rules.section-length]\nranges = [1, 2]\n", "`rules.section-length.ranges` is a list of 2 values; expected a table of name = list of 2 whole numbers"),
        ("[rules.section-length]\nrange = 3\n", "`rules.section-length`: `section-length` has no option `range`; did you mean `ranges`?"),
        ("[rules.PL201]\ndecimals = 1.5\n", "`rules.PL201.decimals` is a number; expected a whole number like `1`"),
        ("[rules.PL201]\ndecimals = -1\n", "`rules.PL201.decimals` is `-1`; expected a whole number from `0` to `10`"),
        ("[rules.PL201]\ntolerance = true\n", "`rules.PL201.tolerance` is a boolean; expected a number like `0.05`"),
        ("[rules.PL201]\ntolerance = nan\n", "`rules.PL201.tolerance` is `nan`; expected a number of at least `0`"),
        ("[rules.value-out-of-range]\nweight-range = 3\n", "`rules.value-out-of-range.weight-range` is an integer; expected a list of 2 numbers like `[0.0, 1.0]`"),
        ('[rules.value-out-of-range]\nweight-range = [0, "x"]\n', "`rules.value-out-of-range.weight-range[1]` is a string; expected a number"),
        ("[rules.invalid-format]\nslug-pattern = 3\n", '`rules.invalid-format.slug-pattern` is an integer; expected a string like `"^[a-z0-9]+(?:-[a-z0-9]+)*$"`'),
    ],
)
def test_bad_rule_options_name_file_key_and_what_is_allowed(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "patternlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        settings_for(tmp_path)
    assert str(caught.value).startswith(f"{config}: `rules."), caught.value
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_rule_options_exit_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from patternlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    config = write(tmp_path / "patternlint.toml", '[rules.section-length]\nranges = {"Knwon Uses" = [150, 400]}\n')
    result = CliRunner().invoke(app, ["check", "."])
    assert result.exit_code == 2
    assert result.stderr == (
        f"patternlint: error: {config}: `rules.section-length.ranges` has no key `Knwon Uses`; "
        "did you mean `Known Uses`?\n"
    )


def test_section_ranges_keep_the_spec_for_sections_left_out(tmp_path: Path) -> None:
    from patternlint.rules import section_length
    from patternlint.rules.section_length import SPEC_WORD_RANGES

    write(tmp_path / "patternlint.toml", "[rules.section-length]\nranges = { known_uses = [150, 400] }\n")
    options = settings_for(tmp_path).settings.rule_options["PL408"]
    assert isinstance(options, section_length.Options)
    assert options.ranges == {**SPEC_WORD_RANGES, "Known Uses": (150, 400)}


def test_configured_section_range_changes_the_findings(tmp_path: Path) -> None:
    import shutil
    from dataclasses import replace

    from patternlint.pipeline import lint

    fixture = Path(__file__).parent / "fixtures" / "PL408-section-length" / "fail-peer-knowledge-exchange-short.md"
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(fixture, lib / "pattern.md")

    def messages(config: str) -> list[str]:
        (tmp_path / "patternlint.toml").write_text("extend-select = ['section-length']\n" + config, encoding="utf-8")
        s = replace(settings_for(tmp_path).settings, cache_dir=None, jobs=1)
        return [f.message for f in lint([lib], s, cwd=tmp_path).findings if f.code == "PL408"]

    default = messages("")
    assert "section `Known Uses` has `31` words; expected `200` to `300`" in default
    changed = messages('[rules.section-length]\nranges = { "Known Uses" = [10, 40] }\n')
    assert [m for m in default if "`Known Uses`" not in m] == changed


def test_rule_options_merge_per_option_across_extended_files(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", "[rules.PL201]\ntolerance = 0.005\n")
    write(tmp_path / "patternlint.toml", "extend = 'base.toml'\n[rules.overall-score-mismatch]\ndecimals = 2\n")
    options = settings_for(tmp_path).settings.rule_options["PL201"]
    assert options == overall_score_mismatch.Options(tolerance=0.005, decimals=2)


def test_schema_options_at_their_defaults_leave_the_schema_alone(tmp_path: Path) -> None:
    from patternlint.schema import WeightRange

    write(tmp_path / "patternlint.toml", "[rules.value-out-of-range]\nweight-range = [0, 1]\n")
    assert settings_for(tmp_path).settings.profile.schema_overrides == ()
    write(tmp_path / "patternlint.toml", "[rules.value-out-of-range]\nweight-range = [0, 100]\n")
    assert settings_for(tmp_path).settings.profile.schema_overrides == (WeightRange(0.0, 100.0),)


def test_config_shows_rule_options_with_their_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from patternlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    config = write(
        tmp_path / "patternlint.toml",
        "extend-select = ['section-length']\n[rules.section-length]\nranges = { Context = [50, 60] }\n",
    )
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "[rules.overall-score-mismatch]  # default" in lines
    assert lines[lines.index("[rules.overall-score-mismatch]  # default") + 1 :][:2] == ["tolerance = 0.05", "decimals = 1"]
    at = lines.index(f"[rules.section-length]  # {config}")
    assert lines[at + 1].startswith('ranges = { Context = [50, 60], Problem = [100, 200], ')
