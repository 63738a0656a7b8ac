"""The conventions users of ruff expect: `-h`, shell completion, `rules` as JSON and without
trailing spaces, `--per-file-ignores` and `--config KEY=VALUE`, `config` naming each value's
true origin and the extend chain, `init` and the cache honouring the umask."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"NO_COLOR": "1", "PATTERNLINT_CACHE_DIR": None, "PATTERNLINT_OUTPUT_FORMAT": None, "GITHUB_ACTIONS": None}
COMMANDS = ("check", "rules", "explain", "config", "init", "schema")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`lib/` with a PL105 error and a PL303 warning, the current folder its parent."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(FIXTURES / "PL105-value-out-of-range" / "fail-weight.md", folder)
    shutil.copy(FIXTURES / "PL303-unresolved-inferred-link" / "fail-inferred-typo.md", folder)
    for name in ("pass-peer-knowledge-exchange.md", "pass-accountability-partnership.md"):
        shutil.copy(FIXTURES / "PL105-value-out-of-range" / name, folder)
    return folder


def codes_found(*args: str) -> list[str]:
    _, out, _ = run("check", "--no-cache", "-f", "json", *args)
    return [f["code"] for f in json.loads(out)["findings"]]


# --- -h and completion ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_dash_h_is_help_on_every_command(command: str) -> None:
    args = [command] if command else []
    code, out, _ = run(*args, "-h")
    assert code == 0
    assert out == run(*args, "--help")[1] and "Usage: " in out


def test_shell_completion_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run("--help")
    assert "--install-completion" in out and "--show-completion" in out
    # `--show-completion` takes no value: the shell is the one typer finds among the test's
    # parent processes, and there may be none (a run started in the background, a container).
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    code, script, _ = run("--show-completion")
    assert code == 0 and "complete" in script and "patternlint" in script


# --- rules --------------------------------------------------------------------------------


def test_rules_text_has_no_trailing_spaces() -> None:
    code, out, _ = run("rules")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(RULES) + 1
    assert [line for line in lines if line != line.rstrip()] == []
    assert lines[0].split() == ["code", "name", "scope", "severity", "fix", "default", "summary"]


def test_rules_as_json() -> None:
    code, out, _ = run("rules", "--output-format", "json")
    listed = json.loads(out)
    assert code == 0 and [r["code"] for r in listed] == [r.code for r in RULES]
    first = RULES[0]
    assert listed[0] == {
        "code": first.code,
        "name": first.name,
        "summary": first.summary,
        "scope": first.scope.value,
        "severity": first.severity.label,
        "fix": first.fixable.value,
        "enabled_by_default": first.enabled_by_default,
        "explanation": run("explain", first.code)[1],
    }


# --- --per-file-ignores and --config KEY=VALUE ---------------------------------------------


def test_per_file_ignores_flag_replaces_the_configured_table(lib: Path) -> None:
    write(lib.parent / "patternlint.toml", '[per-file-ignores]\n"lib/*.md" = ["PL303"]\n')
    assert codes_found("lib") == ["PL105"]
    assert codes_found("lib", "--per-file-ignores", "lib/fail-w*.md:PL105") == ["PL303"]
    assert codes_found("lib", "--per-file-ignores", "lib/*.md:PL105,lib/*.md:PL303") == []
    assert codes_found("lib", "--extend-per-file-ignores", "lib/fail-w*.md:PL105") == []


def test_per_file_ignores_flag_needs_glob_and_code(lib: Path) -> None:
    code, _, err = run("check", "--no-cache", "lib", "--per-file-ignores", "lib/*.md")
    assert code == 2 and err == "patternlint: error: --per-file-ignores `lib/*.md`: expected `GLOB:CODE`, a glob and a rule selector\n"


def test_config_key_value_overrides_every_file_and_flags_override_it(lib: Path) -> None:
    write(lib.parent / "patternlint.toml", 'ignore = ["PL303"]\nfail-on = "error"\n')
    assert codes_found("lib") == ["PL105"]
    assert codes_found("lib", "--config", "ignore = []") == ["PL303", "PL105"]
    assert codes_found("lib", "--config", "ignore = ['PL105']") == ["PL303"]
    # a dedicated flag still wins over `--config` (as in ruff)
    assert codes_found("lib", "--config", "ignore = []", "--ignore", "PL105") == ["PL303"]
    code, _, _ = run("check", "--no-cache", "-q", "lib", "--config", "ignore=['PL105']", "--config", "fail-on='warning'")
    assert code == 1
    # a file and pairs together: the pairs sit above the file
    other = write(lib.parent / "other.toml", 'select = ["PL105"]\n')
    assert codes_found("lib", "--config", str(other), "--config", "extend-select = ['PL303']") == ["PL303", "PL105"]


def test_config_key_value_errors_name_the_pair(lib: Path) -> None:
    code, _, err = run("check", "lib", "--config", "fail-on = 'sometimes'")
    assert code == 2 and err == (
        "patternlint: error: --config `fail-on = 'sometimes'`: `fail-on`: expected `error` or `warning`, got `sometimes`\n"
    )
    code, _, err = run("check", "lib", "--config", "a.toml", "--config", "b.toml")
    assert code == 2 and "give at most one" in err
    code, _, err = run("check", "lib", "--config", "fail-on = ")
    assert code == 2 and err.startswith("patternlint: error: --config `fail-on = ` is neither a configuration file nor")


# --- config: true origins and the extend chain --------------------------------------------


def test_config_shows_true_origins_through_extend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = write(tmp_path / "shared" / "base.toml", 'extend-select = ["orphan-pattern"]\nextend-exclude = ["drafts"]\n[rules.PL201]\ntolerance = 0.1\n')
    project = write(tmp_path / "proj" / "patternlint.toml", 'extend = "../shared/base.toml"\n[rules.overall-score-mismatch]\ndecimals = 2\n')
    monkeypatch.chdir(project.parent)
    code, out, _ = run("config", "--config", "fail-on = 'warning'")
    lines = out.splitlines()
    assert code == 0
    assert lines[:2] == [f"# configuration file: {project}", f"# extend chain: {project} → {base}"]
    [select] = [line for line in lines if line.startswith("select = ")]
    assert select.endswith(f"  # default, {base} (extend-select)") and '"PL309"' in select
    [exclude] = [line for line in lines if line.startswith("exclude = ")]
    assert exclude.endswith(f"  # default, {base} (extend-exclude)")
    assert 'fail-on = "warning"  # command line (--config)' in lines
    assert f"[rules.overall-score-mismatch]  # {base}, {project}" in lines


# --- init -------------------------------------------------------------------------------------


def _pattern(path: Path) -> None:
    write(path, "---\nslug: x\n---\n")


def test_init_picks_the_folder_of_all_the_patterns_not_one_category(tmp_path: Path) -> None:
    for category, n in (("governance", 4), ("ecology", 3), ("art", 3)):
        for i in range(n):
            _pattern(tmp_path / "_patterns" / category / f"{category}-{i}.md")
    _pattern(tmp_path / "docs" / "index.md")  # a site page with frontmatter does not count for much
    code, out, _ = run("init", str(tmp_path))
    assert (code, out) == (0, f"wrote {tmp_path / 'patternlint.toml'} (library: _patterns; no sections shared by most of the 10 files read)\n")
    assert 'library = "_patterns"' in (tmp_path / "patternlint.toml").read_text(encoding="utf-8")


def test_init_mentions_profiles_and_writes_valid_toml(tmp_path: Path) -> None:
    import tomllib

    _pattern(tmp_path / "lib" / "a.md")
    run("init", str(tmp_path))
    text = (tmp_path / "patternlint.toml").read_text(encoding="utf-8")
    assert "# profile = " in text and "commons-v1" in text and "peeragogy" in text
    example = re.compile(r'# (?:("[^"]+"|[\w.-]+) = |\[)')
    uncommented = "\n".join(line[2:] if example.match(line) else line for line in text.splitlines())
    assert tomllib.loads(uncommented)["profile"] == "commons-v7"  # every example still parses


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_init_honours_the_umask_and_keeps_an_existing_mode(tmp_path: Path, umask: int) -> None:
    _pattern(tmp_path / "lib" / "a.md")
    old = os.umask(umask)
    try:
        run("init", str(tmp_path))
        target = tmp_path / "patternlint.toml"
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
        target.chmod(0o640)
        run("init", "--force", str(tmp_path))
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_cache_files_get_normal_permissions(lib: Path) -> None:
    from patternlint import cache

    old = os.umask(0o022)
    cache._umask.cache_clear()
    try:
        assert run("check", "-q", "--cache-dir", "c", "lib")[0] == 1
    finally:
        os.umask(old)
        cache._umask.cache_clear()
    files = [p for p in (lib.parent / "c").rglob("*") if p.is_file()]
    assert files and {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o644 for p in files}


# --- release --------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_readme_refs_name_the_tag_of_this_version() -> None:
    """The README's `rev:` and `uses: …@` (and `pip install git+…@`) name the release tag of the
    version in the package, so that they move together; the tag is made when the version is
    released (see CHANGELOG.md)."""
    import patternlint

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    refs = re.findall(r"^\s*rev:\s*(\S+)", readme, re.MULTILINE)
    refs += re.findall(r"patternlint@(\S+?)[\"\s]", readme)
    assert len(refs) >= 4
    assert set(refs) == {f"v{patternlint.__version__}"}


def test_one_version_source() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "patternlint.__version__"}


def test_license_and_changelog_are_there() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "\n## [Unreleased]\n" in changelog and "keepachangelog.com" in changelog


def test_rule_docs_are_up_to_date() -> None:
    """docs/rules/CODE.md, the SARIF `helpUri` pages, are `explain`'s text
    (`python scripts/rule_docs.py` rewrites them)."""
    from patternlint.cli.explain import page

    docs = ROOT / "docs" / "rules"
    assert sorted(p.stem for p in docs.glob("*.md")) == sorted(r.code for r in RULES)
    stale = [r.code for r in RULES if (docs / f"{r.code}.md").read_text(encoding="utf-8") != page(r)]
    assert stale == []
