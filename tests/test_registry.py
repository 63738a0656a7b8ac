"""Meta-tests that keep the rule registry honest: codes, names, docs, fixtures, schema."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pickle
import pkgutil
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import patternlint.rules as rules_package
from patternlint import options
from patternlint.model import Fixability, Rule, Scope, Severity
from patternlint.rules import BY_CODE, BY_NAME, RULES, lookup
from patternlint.settings import default_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def by_code(rule: Rule) -> str:
    return rule.code


def test_codes_are_unique() -> None:
    duplicates = [c for c, n in Counter(r.code for r in RULES).items() if n > 1]
    assert duplicates == []


def test_names_are_unique() -> None:
    duplicates = [c for c, n in Counter(r.name for r in RULES).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_code_and_name_form(rule: Rule) -> None:
    assert re.fullmatch(r"PL\d{3}", rule.code)
    assert KEBAB.fullmatch(rule.name), f"{rule.name} is not kebab-case"


def test_registry_is_in_code_order() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(codes)


def test_lookup_tables_cover_every_rule() -> None:
    assert set(BY_CODE) == {r.code for r in RULES}
    assert set(BY_NAME) == {r.name for r in RULES}
    assert lookup("pl201") is BY_CODE["PL201"]
    assert lookup("Overall-Score-Mismatch") is BY_CODE["PL201"]
    assert lookup("PL999") is None


def test_every_rule_module_is_registered_once() -> None:
    """One rule = one module = one registry line."""
    modules = [m.name for m in pkgutil.iter_modules(rules_package.__path__) if not m.name.startswith("_")]
    registered = []
    for name in modules:
        module = importlib.import_module(f"patternlint.rules.{name}")
        rule = getattr(module, "rule", None)
        assert isinstance(rule, Rule), f"rules/{name}.py defines no `rule`"
        assert rule.name.replace("-", "_") == name, f"rules/{name}.py holds rule `{rule.name}`"
        assert rule.doc == module.__doc__, f"{rule.code}: its doc must be its module docstring"
        registered.append(rule)
    assert sorted(registered, key=by_code) == sorted(RULES, key=by_code)


def test_worker_processes_inherit_the_rules_modules(tmp_path: Path) -> None:
    """A run large enough for worker processes imports the rules once, before it forks them
    (where the start method is fork); a worker that imported them again would pay for it once
    per worker."""
    import multiprocessing

    from patternlint.runner import PARALLEL_THRESHOLD

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("workers do not fork here")
    lib = tmp_path / "lib"
    lib.mkdir()
    text = (FIXTURES / "PL105-value-out-of-range" / "pass-accountability-partnership.md").read_text(encoding="utf-8")
    for i in range(PARALLEL_THRESHOLD + 10):
        (lib / f"pattern-{i}.md").write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "patternlint", "check", str(lib), "-q", "--no-cache", "-j", "2"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]
    imported = [line for line in run.stderr.splitlines() if line.rstrip().endswith("| patternlint.rules.truncated_text")]
    assert len(imported) == 1


def test_each_registry_line_says_what_its_module_declares() -> None:
    """The registry's lines are all that choosing rules reads: they must match the modules."""
    from patternlint.rules import TABLE

    assert [(e.code, e.name, e.default) for e in TABLE] == [(r.code, r.name, r.enabled_by_default) for r in RULES]


def test_a_run_that_reuses_its_cached_result_imports_no_rule_module(tmp_path: Path) -> None:
    """Choosing the rules reads only the registry's lines; the modules load when a file is checked."""
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(FIXTURES / "PL105-value-out-of-range" / "pass-accountability-partnership.md", lib)
    script = (
        "import sys\n"
        "from patternlint.cli.app import app\n"
        "try:\n"
        f"    app([\"check\", {str(lib)!r}, \"-q\", \"--cache-dir\", {str(tmp_path / 'cache')!r}])\n"
        "except SystemExit as exit:\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith('patternlint.rules.'))\n"
        "    print(exit.code, len(loaded), file=sys.stderr)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True) for _ in range(2)]
    first, second = (run.stderr.split() for run in runs)
    assert first[0] == second[0]
    assert int(first[1]) > 0  # the first run checks the file
    assert second[1] == "0"  # the second reuses the kept result


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_doc_has_every_section_in_order(rule: Rule) -> None:
    lines = rule.doc.splitlines()
    positions = []
    for section in DOC_SECTIONS:
        assert section in lines, f"{rule.code} {rule.name}: doc has no `{section}` line"
        positions.append(lines.index(section))
    assert positions == sorted(positions), f"{rule.code}: doc sections out of order"
    for start, end in zip(positions, positions[1:] + [len(lines)]):
        body = "\n".join(lines[start + 1 : end]).strip()
        assert body, f"{rule.code}: section `{lines[start]}` is empty"


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_summary_is_one_line_without_a_period(rule: Rule) -> None:
    assert rule.summary and "\n" not in rule.summary
    assert not rule.summary.endswith(".")
    assert rule.code not in rule.summary


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_scope_matches_the_check_function(rule: Rule) -> None:
    if rule.scope is Scope.FILE:
        assert rule.file_check is not None and rule.library_check is None
    elif rule.scope is Scope.LIBRARY:
        assert rule.library_check is not None and rule.file_check is None
    else:  # reported by the engine's suppression stage, not by a check function
        assert rule.file_check is None and rule.library_check is None
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.fixable, Fixability)


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_fix_section_agrees_with_fixability(rule: Rule) -> None:
    """A rule that offers no fix must not say in its docs that it has one."""
    fix = rule.doc.split("## Fix", 1)[1].strip()
    if rule.fixable is Fixability.NONE:
        assert fix.startswith("Not fixable") or "(planned)" in fix, f"{rule.code}: {fix!r}"
    else:
        assert rule.fixable.value in fix.lower()


def test_default_settings_enable_the_default_rules() -> None:
    settings = default_settings()
    assert [r.code for r in settings.rules] == [r.code for r in RULES if r.enabled_by_default]
    assert all(settings.severity(r) is r.severity for r in settings.rules)


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_every_rule_has_a_fixture_folder(rule: Rule) -> None:
    folder = FIXTURES / f"{rule.code}-{rule.name}"
    assert folder.is_dir(), f"missing fixture folder {folder.name}"
    names = [p.name for p in folder.iterdir() if p.name.endswith(".md")]
    assert any(n.startswith("pass-") for n in names), f"{folder.name} has no pass-*.md"
    assert any(n.startswith("fail-") for n in names), f"{folder.name} has no fail-*.md"


def test_no_stray_fixture_folders() -> None:
    wanted = {f"{r.code}-{r.name}" for r in RULES}
    stray = [p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in wanted]
    assert stray == []


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "pattern.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_packaged_schema_is_the_repository_schema() -> None:
    from patternlint.schema import DEFAULT_SCHEMA

    assert DEFAULT_SCHEMA.read_bytes() == (ROOT / "schemas" / "pattern.schema.json").read_bytes()


def test_schema_local_refs_resolve() -> None:
    schema = json.loads((ROOT / "schemas" / "pattern.schema.json").read_text(encoding="utf-8"))
    refs = re.findall(r'"\$ref":\s*"#/\$defs/([^"]+)"', json.dumps(schema))
    assert refs and set(refs) <= set(schema["$defs"])


def _options_section(rule: Rule[Any]) -> str | None:
    lines = rule.doc.splitlines()
    if "## Options" not in lines:
        return None
    start = lines.index("## Options") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("rule", RULES, ids=by_code)
def test_a_rule_has_options_iff_its_doc_documents_every_one(rule: Rule[Any]) -> None:
    section = _options_section(rule)
    if rule.options is None:
        assert section is None, f"{rule.code}: doc has `## Options` but the rule has none"
        assert rule.schema_overrides is None
        return
    assert section is not None and section.strip(), f"{rule.code}: options without an `## Options` section"
    lines = rule.doc.splitlines()
    assert lines.index("## Options") > lines.index("## Fix"), f"{rule.code}: `## Options` comes after `## Fix`"
    for key in options.keys(rule.options):
        assert f"`{key}`" in section, f"{rule.code}: option `{key}` is not documented under `## Options`"


@pytest.mark.parametrize("rule", [r for r in RULES if r.options is not None], ids=by_code)
def test_options_are_a_frozen_dataclass_that_configuration_can_write(rule: Rule[Any]) -> None:
    """Defaults that pass their own checks, fields of types configuration can read (their
    values, written back, read as the defaults), and instances that travel to worker processes."""
    assert rule.options is not None
    assert dataclasses.is_dataclass(rule.options) and rule.options.__dataclass_params__.frozen  # type: ignore[attr-defined]
    default = rule.options()
    assert options.parse(rule.options, options.values(default), rule.name) == default
    assert pickle.loads(pickle.dumps(default)) == default


def test_settings_fingerprint_follows_rule_options() -> None:
    from patternlint.rules import overall_score_mismatch, section_length

    base = default_settings()
    same = dataclasses.replace(base, rule_options={"PL201": overall_score_mismatch.Options()})
    looser = dataclasses.replace(base, rule_options={"PL201": overall_score_mismatch.Options(tolerance=0.1)})
    assert base.fingerprint() == same.fingerprint() != looser.fingerprint()
    ranges = section_length.Options().ranges
    selected = dataclasses.replace(base, codes=(*base.codes, section_length.rule.code))
    reordered = dataclasses.replace(
        selected, rule_options={"PL408": section_length.Options(dict(reversed(list(ranges.items()))))}
    )
    assert selected.fingerprint() == reordered.fingerprint()
