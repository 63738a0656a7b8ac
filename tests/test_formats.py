"""Output formats and gate controls: exact output of every format on one fixed library, SARIF
against its schema, escaping of hostile text in every format, and the exit-code controls.

The fixed library is the valid pair plus `fail-weight.md` (PL105, an error) and
`fail-inferred-typo.md` (PL303, a warning with a hint). Other rules are switched off for the
exact-output tests (`only_rules`), so that a new rule does not change what a reporter is
tested on.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner

import patternlint.rules
from patternlint.cli.app import app
from patternlint.result import LintResult
from patternlint.model import Finding, Severity, Span
from patternlint.reporters import REPORTERS
from patternlint.rules import BY_CODE

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
PASS_PAIR = ("pass-peer-knowledge-exchange.md", "pass-accountability-partnership.md")
FAILS = ("PL105-value-out-of-range/fail-weight.md", "PL303-unresolved-inferred-link/fail-inferred-typo.md")
ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "PATTERNLINT_CACHE_DIR": None,
    "PATTERNLINT_OUTPUT_FORMAT": None,
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "FORCE_COLOR": None,
}

TYPO_MESSAGE = "inferred link target `pass-accountability-partnershp` is not a pattern in this library"
TYPO_HINT = "did you mean `pass-accountability-partnership`?"
WEIGHT_MESSAGE = "`relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1`"
TYPO_PRINT = "a71932359c5cc2eebc33bb617a2ba5c2"  # fingerprints: stable across versions, by design
WEIGHT_PRINT = "b9d7b1c1f0fb9be7a0c9d35096f11882"


def make_library(root: Path, *files: str, name: str = "lib") -> Path:
    """A library folder holding the valid pair plus fixture files given as `FOLDER/FILE`."""
    lib = root / name
    lib.mkdir()
    for base in PASS_PAIR:
        shutil.copy(FIXTURES / "PL105-value-out-of-range" / base, lib / base)
    for spec in files:
        shutil.copy(FIXTURES / spec, lib / Path(spec).name)
    return lib


def run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def only_rules(monkeypatch: pytest.MonkeyPatch, *codes: str) -> None:
    """Run with just these rules (the registry seen by settings, config and SARIF)."""
    monkeypatch.setattr(patternlint.rules, "RULES", tuple(BY_CODE[c] for c in codes))
    entries = tuple(patternlint.rules.Entry(c, BY_CODE[c].name, BY_CODE[c].enabled_by_default) for c in codes)
    monkeypatch.setattr(patternlint.rules, "TABLE", entries)
    monkeypatch.setattr(patternlint.rules, "NAMES", {c: BY_CODE[c].name for c in codes})


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout (a repository root) as the working directory: machine formats give paths
    relative to it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.fixture
def fixed(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    only_rules(monkeypatch, "PL105", "PL303")
    return make_library(in_tmp, *FAILS)


def finding(
    path: str = "lib/a.md",
    message: str = "m",
    *,
    code: str = "PL105",
    span: Span = Span(3, 5, 3, 9),
    severity: Severity = Severity.ERROR,
    hint: str | None = None,
) -> Finding:
    return Finding(path, span, code, BY_CODE[code].name, severity, message, hint)


def result_of(*findings: Finding, files: int = 1) -> LintResult:
    return LintResult(tuple(sorted(findings, key=Finding.sort_key)), files, files, Path.cwd() / "lib")


# ---------------------------------------------------------------------------------------------
# Exact output of every format on the fixed library

FULL = [
    "lib/fail-inferred-typo.md",
    f"  lib/fail-inferred-typo.md:91:15  PL303 warning  {TYPO_MESSAGE}",
    "    91 |     - target: pass-accountability-partnershp  # expect: PL303",
    "       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    f"      hint: {TYPO_HINT}",
    "",
    "lib/fail-weight.md",
    f"  lib/fail-weight.md:66:15  PL105 error  {WEIGHT_MESSAGE}",
    "    66 |       weight: 1.4  # expect: PL105",
    "       |               ^^^",
    "",
    "Checked 4 files: 1 error, 1 warning",
]


def test_full_is_the_default_with_a_code_frame(fixed: Path) -> None:
    code, out, err = run("check", "--no-cache", "lib")
    assert (code, err) == (1, "")
    assert out.splitlines() == FULL


@pytest.mark.parametrize("name", ["full", "text", "FULL"])
def test_text_is_an_alias_of_full(fixed: Path, name: str) -> None:
    assert run("check", "--no-cache", "-f", name, "lib") == (1, "\n".join(FULL) + "\n", "")


def test_concise(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--output-format", "concise", "lib")
    assert code == 1
    assert out == (
        f"lib/fail-inferred-typo.md:91:15: PL303 {TYPO_MESSAGE}\n"
        f"lib/fail-weight.md:66:15: PL105 {WEIGHT_MESSAGE}\n"
        "Checked 4 files: 1 error, 1 warning\n"
    )


JSON_FINDINGS = [
    {
        "path": "lib/fail-inferred-typo.md", "line": 91, "column": 15, "end_line": 91, "end_column": 45,
        "code": "PL303", "rule": "unresolved-inferred-link", "severity": "warning",
        "message": TYPO_MESSAGE, "hint": TYPO_HINT,
    },
    {
        "path": "lib/fail-weight.md", "line": 66, "column": 15, "end_line": 66, "end_column": 18,
        "code": "PL105", "rule": "value-out-of-range", "severity": "error",
        "message": WEIGHT_MESSAGE, "hint": None,
    },
]


def test_json_keeps_its_shape(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "json", "lib")
    assert code == 1
    assert out == (
        '{"version": 1, "findings": [\n  '
        + ",\n  ".join(json.dumps(f, ensure_ascii=False) for f in JSON_FINDINGS)
        + '\n], "summary": {"files_checked": 4, "library_files": 4, "errors": 1, "warnings": 1, '
        '"infos": 0, "by_rule": {"PL105 value-out-of-range": 1, "PL303 unresolved-inferred-link": 1}}}\n'
    )


def test_json_lines(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "json-lines", "lib")
    assert code == 1
    assert out == "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in JSON_FINDINGS)


def test_json_lines_of_a_clean_library_is_empty(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105", "PL303")
    make_library(in_tmp)
    assert run("check", "--no-cache", "-f", "json-lines", "lib") == (0, "", "")


def test_github(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "github", "lib")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=lib/fail-inferred-typo.md,line=91,col=15,endLine=91,endColumn=45,"
        f"title=patternlint (PL303)::{TYPO_MESSAGE}%0Ahint: {TYPO_HINT}",
        "::error file=lib/fail-weight.md,line=66,col=15,endLine=66,endColumn=18,"
        f"title=patternlint (PL105)::{WEIGHT_MESSAGE}",
        "Checked 4 files: 1 error, 1 warning",
    ]


def _region(line: int, column: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end_column}


def _sarif_rule(code: str, full_description: str) -> dict[str, Any]:
    rule = BY_CODE[code]
    doc = rule.doc.strip()
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description},
        "helpUri": f"https://github.com/patternlint/patternlint/blob/v{patternlint.__version__}/docs/rules/{code}.md",
        "help": {"text": doc, "markdown": f"# {code} {rule.name}\n\n{rule.summary}.\n\n{doc}"},
        "defaultConfiguration": {"level": rule.severity.label},
        "properties": {"tags": [rule.scope.value], "precision": "very-high"},
    }


def test_sarif(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "sarif", "lib")
    assert code == 1
    doc = json.loads(out)
    assert out == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert doc == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "patternlint",
                        "version": patternlint.__version__,
                        "semanticVersion": patternlint.__version__,
                        "rules": [
                            _sarif_rule(
                                "PL105",
                                "Reports a number outside its fixed range: the eight `commons_assessment` "
                                "dimension scores and `overall_score` must lie in 0–5; relationship `weight`, "
                                "graph_garden entity `relevance` and community or inferred-link `confidence` "
                                "must lie in 0–1.",
                            ),
                            _sarif_rule(
                                "PL303", " ".join(BY_CODE["PL303"].doc.split("## What it does\n")[1].split("\n\n")[0].split())
                            ),
                        ],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {
                        "uri": fixed.parent.as_uri() + "/",
                        "description": {"text": "The repository root (the library root outside a repository)"},
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": "PL303",
                        "ruleIndex": 1,
                        "level": "warning",
                        "message": {"text": f"{TYPO_MESSAGE}\nhint: {TYPO_HINT}"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "lib/fail-inferred-typo.md", "uriBaseId": "%SRCROOT%"},
                                    "region": _region(91, 15, 45),
                                }
                            }
                        ],
                        "partialFingerprints": {"patternlint/v1": TYPO_PRINT},
                    },
                    {
                        "ruleId": "PL105",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": WEIGHT_MESSAGE},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "lib/fail-weight.md", "uriBaseId": "%SRCROOT%"},
                                    "region": _region(66, 15, 18),
                                }
                            }
                        ],
                        "partialFingerprints": {"patternlint/v1": WEIGHT_PRINT},
                    },
                ],
            }
        ],
    }


def test_junit(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "junit", "lib")
    assert code == 1
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="patternlint" tests="2" failures="2" errors="0" skipped="0">\n'
        '  <testsuite name="lib/fail-inferred-typo.md" tests="1" failures="1" errors="0" skipped="0">\n'
        f'    <testcase name="PL303 unresolved-inferred-link: {TYPO_MESSAGE}" classname="lib/fail-inferred-typo.md" '
        'file="lib/fail-inferred-typo.md" line="91">\n'
        f'      <failure type="warning" message="{TYPO_MESSAGE}">'
        f"lib/fail-inferred-typo.md:91:15: PL303 warning: {TYPO_MESSAGE}\nhint: {TYPO_HINT}</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="lib/fail-weight.md" tests="1" failures="1" errors="0" skipped="0">\n'
        f'    <testcase name="PL105 value-out-of-range: {WEIGHT_MESSAGE}" classname="lib/fail-weight.md" '
        'file="lib/fail-weight.md" line="66">\n'
        f'      <failure type="error" message="{WEIGHT_MESSAGE}">'
        f"lib/fail-weight.md:66:15: PL105 error: {WEIGHT_MESSAGE}</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    ET.fromstring(out.encode())


def test_junit_of_a_clean_library_has_one_passing_test(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105", "PL303")
    make_library(in_tmp)
    code, out, _ = run("check", "--no-cache", "-f", "junit", "lib")
    assert code == 0
    root = ET.fromstring(out.encode())
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert [case.get("name") for case in root.iter("testcase")] == ["checked 2 files"]
    assert not list(root.iter("failure"))


def test_gitlab(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "gitlab", "lib")
    assert code == 1
    assert json.loads(out) == [
        {
            "description": f"PL303 {TYPO_MESSAGE}",
            "check_name": "PL303",
            "fingerprint": TYPO_PRINT,
            "severity": "minor",
            "location": {"path": "lib/fail-inferred-typo.md", "lines": {"begin": 91, "end": 91}},
        },
        {
            "description": f"PL105 {WEIGHT_MESSAGE}",
            "check_name": "PL105",
            "fingerprint": WEIGHT_PRINT,
            "severity": "major",
            "location": {"path": "lib/fail-weight.md", "lines": {"begin": 66, "end": 66}},
        },
    ]


def test_gitlab_of_a_clean_library_is_an_empty_list(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105", "PL303")
    make_library(in_tmp)
    code, out, _ = run("check", "--no-cache", "-f", "gitlab", "lib")
    assert (code, json.loads(out)) == (0, [])


# ---------------------------------------------------------------------------------------------
# Choosing the format: the environment, `auto`, and `-o`


def test_format_from_the_environment(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "lib", env={"PATTERNLINT_OUTPUT_FORMAT": "concise"})
    assert code == 1 and out.startswith("lib/fail-inferred-typo.md:91:15: PL303 ")
    # the command line wins over the environment
    _, out, _ = run("check", "--no-cache", "-f", "json-lines", "lib", env={"PATTERNLINT_OUTPUT_FORMAT": "concise"})
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["PL303", "PL105"]


@pytest.mark.parametrize(("actions", "expected"), [("true", "github"), (None, "full"), ("", "full")])
def test_auto_picks_github_inside_github_actions(fixed: Path, actions: str | None, expected: str) -> None:
    _, out, _ = run("check", "--no-cache", "-f", "auto", "lib", env={"GITHUB_ACTIONS": actions})
    _, reference, _ = run("check", "--no-cache", "-f", expected, "lib")
    assert out == reference


def test_output_file(fixed: Path) -> None:
    code, out, err = run("check", "--no-cache", "-f", "sarif", "-o", "report.sarif", "lib")
    assert (code, out, err) == (1, "", "")
    doc = json.loads((fixed.parent / "report.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["PL303", "PL105"]


def test_output_file_that_cannot_be_written_is_a_usage_error(fixed: Path) -> None:
    code, out, err = run("check", "--no-cache", "-o", "no-such-folder/report.txt", "lib")
    assert (code, out) == (2, "")
    assert err.startswith("patternlint: error: cannot write `no-such-folder/report.txt`: ")


def test_unknown_format_lists_the_choices(fixed: Path) -> None:
    code, _, err = run("check", "--no-cache", "-f", "xml", "lib")
    assert code == 2
    for name in ("full", "concise", "json-lines", "github", "sarif", "junit", "gitlab", "auto"):
        assert name in err


def test_the_choices_of_f_are_the_registered_formats(fixed: Path) -> None:
    from patternlint.reporters import OutputFormat

    names = [*(r.name for r in REPORTERS), "auto", "text"]
    assert [f.value for f in OutputFormat] == names
    # How Typer lays the choices out is Typer's; that it offers each of them is ours.
    code, out, _ = run("check", "--help")
    assert code == 0 and all(name in out for name in names)


@pytest.mark.parametrize("name", [r.name for r in REPORTERS])
def test_every_registered_format_is_reachable_with_f(fixed: Path, name: str) -> None:
    """A format is a module and a line in the registry: `-f` offers it and it reports the run."""
    code, out, err = run("check", "--no-cache", "-f", name.upper(), "lib")
    assert (code, err) == (1, "")
    assert "fail-weight.md" in out and "fail-inferred-typo.md" in out


# ---------------------------------------------------------------------------------------------
# SARIF: valid against the 2.1.0 schema, what GitHub code scanning needs, stable fingerprints


@pytest.fixture(scope="module")
def sarif_validator() -> Draft7Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    if "properties" not in schema and "Root" in schema["definitions"]:
        # This copy keeps the top-level schema under `definitions/Root`; as it is, the file
        # accepts any document at all.
        schema = {**schema, "$ref": "#/definitions/Root"}
    return Draft7Validator(schema)


def _schema_errors(validator: Draft7Validator, doc: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_sarif_of_the_fixed_library_is_valid(fixed: Path, sarif_validator: Draft7Validator) -> None:
    doc = json.loads(run("check", "--no-cache", "-f", "sarif", "lib")[1])
    assert _schema_errors(sarif_validator, doc) == []


def test_the_schema_check_catches_an_invalid_document(sarif_validator: Draft7Validator) -> None:
    from patternlint.reporters import sarif

    doc = sarif.to_dict(result_of(finding()))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    del doc["runs"][0]["results"][0]["message"]
    assert len(_schema_errors(sarif_validator, doc)) >= 2


def test_sarif_of_every_example_is_valid_and_complete(
    sarif_validator: Draft7Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule the registry has, every finding the shipped examples show."""
    from patternlint.pipeline import lint
    from patternlint.reporters import sarif
    from patternlint.settings import default_settings

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    result = lint([Path("examples")], replace(default_settings(), cache_dir=None, jobs=1), cwd=root)
    doc = sarif.to_dict(result)
    assert _schema_errors(sarif_validator, doc) == []
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in patternlint.rules.RULES]
    for descriptor in rules:
        assert descriptor["name"] and descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"] and "\n" not in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] and descriptor["help"]["markdown"].startswith(f"# {descriptor['id']} ")
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run_["results"]) == len(result.findings) > 0
    prints = set()
    for item, f in zip(run_["results"], result.findings):
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"] == f.code
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == f.path and ":" not in f.path
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f.span.line, f.span.column, f.span.end_line, f.span.end_column,
        )
        prints.add(item["partialFingerprints"]["patternlint/v1"])
    assert len(prints) == len(result.findings)  # unique, as code scanning needs


def _insert_after_opening(path: Path, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([lines[0], text, *lines[1:]]), encoding="utf-8")


def test_fingerprints_survive_lines_moving(fixed: Path) -> None:
    before = json.loads(run("check", "--no-cache", "-f", "sarif", "lib")[1])["runs"][0]["results"]
    for name in ("fail-weight.md", "fail-inferred-typo.md"):
        _insert_after_opening(fixed / name, "# a comment\n# and another")
    after = json.loads(run("check", "--no-cache", "-f", "sarif", "lib")[1])["runs"][0]["results"]
    region = after[1]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 68  # the finding moved …
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]  # … its print did not
    gitlab = json.loads(run("check", "--no-cache", "-f", "gitlab", "lib")[1])
    assert [g["fingerprint"] for g in gitlab] == [TYPO_PRINT, WEIGHT_PRINT]


def test_fingerprints_differ_for_a_different_defect(fixed: Path) -> None:
    path = fixed / "fail-weight.md"
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 1.4", "weight: 1.5"), encoding="utf-8")
    gitlab = json.loads(run("check", "--no-cache", "-f", "gitlab", "lib")[1])
    assert gitlab[0]["fingerprint"] == TYPO_PRINT and gitlab[1]["fingerprint"] != WEIGHT_PRINT


def test_repeated_identical_findings_get_distinct_fingerprints() -> None:
    from patternlint.baseline import fingerprints

    twice = [finding(span=Span(3, 1, 3, 2)), finding(span=Span(9, 1, 9, 2))]
    prints = fingerprints(twice)
    assert len(set(prints)) == 2
    assert fingerprints([finding(span=Span(40, 1, 40, 2))])[0] == prints[0]


def test_sarif_uri_is_percent_encoded() -> None:
    from patternlint.reporters.sarif import artifact_uri

    assert artifact_uri("lib/a b#1%.md") == {"uri": "lib/a%20b%231%25.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_uri("lib/é.md") == {"uri": "lib/%C3%A9.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_uri("lib/\udcff.md") == {"uri": "lib/%FF.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_uri("/abs/a b.md") == {"uri": "file:///abs/a%20b.md"}


# ---------------------------------------------------------------------------------------------
# GitHub: escaping of hostile text, columns, the step summary


def test_github_escapes_data_and_properties() -> None:
    from patternlint.reporters.github import command

    hostile = finding(
        "lib/we,ird:name%.md",
        "`requires` points at `%0A::error file=x::pwned`, then `a\nb\r` 100%",
        hint="check `x,y:z`",
    )
    assert command(hostile) == (
        "::error file=lib/we%2Cird%3Aname%25.md,line=3,col=5,endLine=3,endColumn=9,title=patternlint (PL105)::"
        "`requires` points at `%250A::error file=x::pwned`, then `a\\nb\\x0d` 100%25%0Ahint: check `x,y:z`"
    )


def test_github_leaves_columns_out_of_a_span_over_several_lines() -> None:
    from patternlint.reporters.github import command

    assert command(finding(span=Span(4, 1, 7, 1), severity=Severity.INFO)) == (
        "::notice file=lib/a.md,line=4,endLine=6,title=patternlint (PL105)::m"
    )
    assert command(finding(span=Span(4, 3, 5, 2), severity=Severity.WARNING)) == (
        "::warning file=lib/a.md,line=4,endLine=5,title=patternlint (PL105)::m"
    )


HOSTILE_SLUGS = ("%0A::error file=x,line=1::pwned", "a\nb", "x:y,z")


def hostile_library(root: Path) -> Path:
    lib = make_library(root)
    path = lib / "pass-peer-knowledge-exchange.md"
    items = "".join(f"    - slug: {json.dumps(slug)}\n      weight: 0.5\n" for slug in HOSTILE_SLUGS)
    text = path.read_text(encoding="utf-8").replace("  requires: []\n", "  requires:\n" + items)
    assert items in text
    path.write_text(text, encoding="utf-8")
    return lib


def test_hostile_slugs_never_make_a_workflow_command(in_tmp: Path) -> None:
    hostile_library(in_tmp)
    code, out, _ = run("check", "--no-cache", "-f", "github", "lib")
    assert code == 1
    findings = json.loads(run("check", "--no-cache", "-f", "json", "lib")[1])["findings"]
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(findings) >= len(HOSTILE_SLUGS)
    assert lines[len(commands):] == [lines[-1]] and lines[-1].startswith("Checked 2 files: ")
    assert all(line.startswith(("::error file=lib/pass-peer-knowledge-exchange.md,", "::warning file=lib/pass-peer-knowledge-exchange.md,")) for line in commands)
    assert any("`%250A::error file=x,line=1::pwned`" in line for line in commands)
    assert any("`a\\nb`" in line for line in commands)
    assert all("%0A::" not in line.replace("%250A::", "") for line in commands)
    assert all(line.count("::") >= 2 and line.split("::")[1].count(",title=") == 1 for line in commands)


def test_step_summary(fixed: Path) -> None:
    summary = fixed.parent / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, _, _ = run(
        "check", "--no-cache", "-f", "github", "lib",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert code == 1
    assert summary.read_text(encoding="utf-8") == (
        "earlier step\n"
        "## patternlint\n"
        "\n"
        "Checked 4 files\\: 1 error, 1 warning\n"
        "\n"
        "| Rule | Findings |\n"
        "| --- | ---: |\n"
        "| PL105 value-out-of-range | 1 |\n"
        "| PL303 unresolved-inferred-link | 1 |\n"
        "\n"
        "| Severity | Location | Rule | Message |\n"
        "| --- | --- | --- | --- |\n"
        "| warning | lib/fail-inferred-typo.md\\:91\\:15 | PL303 unresolved-inferred-link | "
        f"{TYPO_MESSAGE} <br> hint: {TYPO_HINT} |\n"
        "| error | lib/fail-weight.md\\:66\\:15 | PL105 value-out-of-range | "
        "`relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1` |\n"
        "\n"
    )


def test_step_summary_only_for_the_github_format(fixed: Path) -> None:
    summary = fixed.parent / "summary.md"
    run("check", "--no-cache", "-f", "json", "lib", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()


def test_step_summary_markdown_is_literal() -> None:
    from patternlint.reporters.github import markdown_message

    assert markdown_message("slug `a|b` is *bold* <script> [x](y) $x$ :smile: @team") == (
        "slug `a\\|b` is \\*bold\\* \\<script\\> \\[x\\](y) \\$x\\$ \\:smile\\: \\@team"
    )
    assert markdown_message("odd ` backtick\nand newline") == "odd \\` backtick\\\\nand newline"


def test_step_summary_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from patternlint.reporters import github

    monkeypatch.setattr(github, "SUMMARY_ROWS", 2)
    text = github.step_summary(result_of(*(finding(span=Span(n, 1, n, 2)) for n in range(1, 6))))
    assert text.count("| error | lib/a.md") == 2
    assert "… and 3 more findings: see the job log." in text


# ---------------------------------------------------------------------------------------------
# Every format stays valid for any text: quotes, newlines, control characters, non-ASCII, and
# file names that are not UTF-8


HOSTILE_TEXT = 'q"uote\' <tag> & `tick` new\nline\r\ttab \x00\x1b[31m \x7f \u2028 \ufffe é 中文 💥 %0A ::error::'
HOSTILE_RESULT = result_of(
    finding("lib/ünï \"cödé\".md", HOSTILE_TEXT, hint=HOSTILE_TEXT),
    finding("lib/\udcff\udcfe.md", HOSTILE_TEXT, code="PL303", severity=Severity.WARNING, span=Span(2, 1, 5, 1)),
    files=2,
)


def _render(name: str) -> str:
    from patternlint.cli.check import Output, _render
    from patternlint.reporters import resolve

    stream = io.StringIO()
    _render(replace(HOSTILE_RESULT, library_root=Path.cwd() / "lib"), Output(resolve(name)), stream)
    text = stream.getvalue()
    text.encode("utf-8")  # no lone surrogate left
    return text


def test_hostile_json(sarif_validator: Draft7Validator) -> None:
    doc = json.loads(_render("json"))
    assert doc["findings"][0]["message"] == HOSTILE_TEXT and doc["findings"][0]["hint"] == HOSTILE_TEXT
    assert doc["findings"][0]["path"] == 'lib/ünï "cödé".md'
    assert doc["findings"][1]["path"] == "lib/\\xff\\xfe.md"  # the bytes, as the text formats show them


def test_hostile_json_lines() -> None:
    text = _render("json-lines")
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert len(text.splitlines()) == 2  # not even U+2028 breaks a record in two
    assert [json.loads(line)["message"] for line in lines[:-1]] == [HOSTILE_TEXT, HOSTILE_TEXT]


def test_hostile_sarif(sarif_validator: Draft7Validator) -> None:
    doc = json.loads(_render("sarif"))
    assert _schema_errors(sarif_validator, doc) == []
    results = doc["runs"][0]["results"]
    assert results[0]["message"]["text"] == f"{HOSTILE_TEXT}\nhint: {HOSTILE_TEXT}"
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["lib/%C3%BCn%C3%AF%20%22c%C3%B6d%C3%A9%22.md", "lib/%FF%FE.md"]


def test_hostile_gitlab() -> None:
    doc = json.loads(_render("gitlab"))
    assert doc[0]["description"] == f"PL105 {HOSTILE_TEXT}"
    assert doc[1]["location"] == {"path": "lib/\\xff\\xfe.md", "lines": {"begin": 2, "end": 4}}


def test_hostile_junit() -> None:
    from patternlint.reporters.escape import visible

    text = _render("junit")
    root = ET.fromstring(text.encode("utf-8"))
    failures = list(root.iter("failure"))
    assert len(failures) == 2
    assert failures[0].get("message") == visible(HOSTILE_TEXT).replace("\ufffe", "\\ufffe")
    assert [s.get("name") for s in root.iter("testsuite")] == ['lib/ünï "cödé".md', "lib/\\xff\\xfe.md"]


def test_hostile_github() -> None:
    lines = _render("github").splitlines()
    assert len(lines) == 3 and lines[1].startswith("::warning file=lib/\\xff\\xfe.md,line=2,endLine=4,")
    assert lines[0].startswith('::error file=lib/ünï "cödé".md,line=3,col=5,endLine=3,endColumn=9,title=patternlint (PL105)::q"uote')
    assert "%250A ::error::" in lines[0] and "\x1b" not in lines[0] and "\x00" not in lines[0]


@pytest.mark.parametrize("name", ["full", "concise"])
def test_hostile_human_formats(name: str) -> None:
    text = _render(name)
    assert "\x1b" not in text and "\x00" not in text and "\r" not in text and "\u2028" not in text
    assert "lib/\\xff\\xfe.md" in text
    findings = [line for line in text.splitlines() if "PL105" in line or "PL303" in line]
    assert len(findings) == 2 and all("new\\nline\\x0d\\ttab \\x00\\x1b[31m" in line for line in findings)


# ---------------------------------------------------------------------------------------------
# No colour or markup in machine formats, whatever the environment says


def run_process(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ENV}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "patternlint", *args],
        cwd=cwd, env=environ, capture_output=True, text=True, timeout=120,
    )


def test_forced_colour_reaches_only_the_terminal_format(tmp_path: Path) -> None:
    make_library(tmp_path, *FAILS)
    coloured = run_process(tmp_path, "check", "--no-cache", "lib", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout  # the check below can fail
    for name in ("concise", "json", "json-lines", "github", "sarif", "junit", "gitlab"):
        proc = run_process(tmp_path, "check", "--no-cache", "-f", name, "lib", env={"FORCE_COLOR": "1", "TERM": "xterm"})
        assert proc.returncode == 1, proc.stderr
        if name != "concise":
            assert "\x1b" not in proc.stdout, name
    to_file = run_process(tmp_path, "check", "--no-cache", "-o", "report.txt", "lib", env={"FORCE_COLOR": "1"})
    assert to_file.stdout == ""
    assert "\x1b" not in (tmp_path / "report.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Gate controls: --exit-zero, --fail-on, --statistics, --quiet


def test_exit_zero(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--exit-zero", "lib")
    assert code == 0 and out.splitlines() == FULL
    code, _, err = run("check", "--no-cache", "--exit-zero", "missing")
    assert code == 2 and "does not exist" in err


def test_fail_on_warning(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105", "PL303")
    make_library(in_tmp, "PL303-unresolved-inferred-link/fail-inferred-typo.md")
    assert run("check", "--no-cache", "-q", "lib")[0] == 0
    assert run("check", "--no-cache", "-q", "--fail-on", "warning", "lib")[0] == 1
    assert run("check", "--no-cache", "-q", "--fail-on", "error", "lib")[0] == 0
    assert run("check", "--no-cache", "-q", "--fail-on", "info", "lib")[0] == 2


STATISTICS = ["1  PL105  error    value-out-of-range", "1  PL303  warning  unresolved-inferred-link"]


# The human formats' table: the most severe rules first, with the files they are in.
TABLE = [
    "rule                            severity  findings  files",
    "PL105 value-out-of-range        error            1      1",
    "PL303 unresolved-inferred-link  warning          1      1",
]


def test_statistics_in_the_human_formats(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--statistics", "lib")
    assert code == 1
    assert out.splitlines() == FULL[:-1] + TABLE + FULL[-1:]
    _, out, _ = run("check", "--no-cache", "--statistics", "-f", "concise", "lib")
    assert out.splitlines()[2:] == TABLE + ["Checked 4 files: 1 error, 1 warning"]


def test_statistics_are_sorted_by_count() -> None:
    from patternlint.reporters.text import statistics

    result = result_of(
        finding(code="PL303", severity=Severity.WARNING),
        *(finding(span=Span(n, 1, n, 2)) for n in range(10, 22)),
    )
    assert statistics(result).plain.splitlines() == [
        "12  PL105  error    value-out-of-range",
        " 1  PL303  warning  unresolved-inferred-link",
    ]


def test_statistics_go_to_stderr_beside_a_machine_format(fixed: Path) -> None:
    code, out, err = run("check", "--no-cache", "--statistics", "-f", "json", "lib")
    assert code == 1
    assert json.loads(out)["summary"]["errors"] == 1
    assert err.splitlines() == STATISTICS


def test_quiet(fixed: Path) -> None:
    code, out, err = run("check", "--no-cache", "--quiet", "lib")
    assert (code, err) == (1, "")
    assert out.splitlines() == FULL[:-2]
    _, out, _ = run("check", "--no-cache", "-q", "-f", "github", "lib")
    assert [line[:9] for line in out.splitlines()] == ["::warning", "::error f"]
    make_library(fixed.parent, name="clean")
    assert run("check", "--no-cache", "-q", "clean") == (0, "", "")


# ---------------------------------------------------------------------------------------------
# The code frame


def _frame(lines: list[str], span: Span) -> list[str]:
    from patternlint.reporters.full import frame
    from patternlint.reporters.text import Pieces

    pieces = Pieces()
    frame(finding(span=span), lines, pieces)
    return pieces.plain.splitlines()


def test_frame_of_a_span_over_several_lines() -> None:
    lines = ["---", "- a", "- b", "- c", "- d", "- e", "---"]
    assert _frame(lines, Span(2, 1, 4, 1)) == ["    2 | - a", "      | ^^^", "    3 | - b"]
    assert _frame(lines, Span(2, 3, 7, 1)) == ["    2 | - a", "      |   ^", "    3 | - b", "    4 | - c", "      | …"]


def test_frame_of_a_point_and_of_a_missing_line() -> None:
    assert _frame(["abc"], Span(1, 4, 1, 4)) == ["    1 | abc", "      |    ^"]
    assert _frame(["abc", ""], Span(2, 1, 2, 1)) == ["    2 |", "      | ^"]
    assert _frame(["abc"], Span(5, 1, 5, 1)) == []
    assert _frame([], Span(1, 1, 1, 1)) == []


def test_frame_carets_line_up_under_tabs_and_wide_characters() -> None:
    assert _frame(["\t中文: x"], Span(1, 6, 1, 7)) == ["    1 | \\t中文: x", "      |         ^"]


def test_frame_cuts_long_lines_around_the_finding() -> None:
    line = "description: " + "word " * 60 + "BAD" + " tail" * 20
    start = line.index("BAD")
    shown, carets = _frame([line], Span(1, start + 1, 1, start + 4))
    assert shown.startswith("    1 | …") and shown.endswith("…")
    assert len(shown) < 100
    assert carets.index("^") == shown.index("BAD") and carets.endswith("^^^")


def test_frame_reads_bom_and_crlf_files_like_the_engine(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105")
    make_library(in_tmp, "PL105-value-out-of-range/fail-weight-bom.md", "PL105-value-out-of-range/fail-weight-crlf.md")
    _, out, _ = run("check", "--no-cache", "lib")
    frames = [line for line in out.splitlines() if line.startswith("    66 |") or line.startswith("       |")]
    assert frames == ["    66 |       weight: 1.4  # expect: PL105", "       |               ^^^"] * 2


# ---------------------------------------------------------------------------------------------
# Styled or plain: decided without rich where rich's answer is sure, and always rich's answer


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize("tty", [True, False])
@pytest.mark.parametrize("terminal", [None, True, False])
@pytest.mark.parametrize("color", [None, True, False])
@pytest.mark.parametrize("force_color", [None, "", "1"])
@pytest.mark.parametrize("tty_compatible", [None, "0", "1", "2"])
def test_plain_is_decided_as_rich_decides(
    monkeypatch: pytest.MonkeyPatch,
    tty: bool,
    terminal: bool | None,
    color: bool | None,
    force_color: str | None,
    tty_compatible: str | None,
) -> None:
    from patternlint.reporters import text

    for name, value in (("FORCE_COLOR", force_color), ("TTY_COMPATIBLE", tty_compatible)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = _Stream(tty)
    console = text.make_console(stream, color=color, terminal=terminal)
    rich_says_plain = not console.is_terminal and console.color_system is None
    if text.certainly_plain(stream, color, terminal):
        assert rich_says_plain
    assert text.is_plain(stream, color, terminal) == rich_says_plain


NO_RICH_SCRIPT = """
import sys
import patternlint.cli.check as check
real = check._report
def report(*args, **kwargs):
    real(*args, **kwargs)
    sys.stdout.flush()
    sys.stderr.write(f"rich imported: {'rich.console' in sys.modules}\\n")
    sys.stderr.flush()
check._report = report
from patternlint.cli.app import main
sys.argv = ["patternlint", "check", "--no-cache"] + sys.argv[1:]
main()
"""


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_a_plain_report_does_not_import_rich(fixed: Path, fmt: str) -> None:
    """Start-up time: rich is for terminals; a report into a pipe or a file is plain text."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    argv = [sys.executable, "-c", NO_RICH_SCRIPT, "-f", fmt, "lib"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=fixed.parent)
    assert done.returncode == 1, done.stderr
    assert "lib/fail-weight.md:66:15" in done.stdout
    assert "rich imported: False" in done.stderr
    done = subprocess.run(argv, capture_output=True, text=True, env={**env, "FORCE_COLOR": "1"}, cwd=fixed.parent)
    assert "\x1b[" in done.stdout and "rich imported: True" in done.stderr


# ---------------------------------------------------------------------------------------------
# Paths in the formats CI systems read: relative to the repository root, from anywhere


def _paths_of(name: str, out: str) -> list[str]:
    if name == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    if name == "gitlab":
        return [item["location"]["path"] for item in json.loads(out)]
    if name == "junit":
        return [case.get("file") or "" for case in ET.fromstring(out.encode()).iter("testcase")]
    return [line.split("file=")[1].split(",")[0] for line in out.splitlines() if line.startswith("::")]


@pytest.mark.parametrize("name", ["sarif", "gitlab", "junit", "github"])
def test_machine_paths_are_relative_to_the_repository_root_from_any_folder(
    name: str, fixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = ["lib/fail-inferred-typo.md", "lib/fail-weight.md"]
    assert _paths_of(name, run("check", "--no-cache", "-f", name, "lib")[1]) == expected
    monkeypatch.chdir(fixed)  # from inside the library
    assert _paths_of(name, run("check", "--no-cache", "-f", name, ".")[1]) == expected
    (fixed.parent / "sibling").mkdir()
    monkeypatch.chdir(fixed.parent / "sibling")  # from a sibling folder
    assert _paths_of(name, run("check", "--no-cache", "-f", name, "../lib")[1]) == expected
    # json keeps the paths as given (relative to the working directory), for scripts to open
    findings = json.loads(run("check", "--no-cache", "-f", "json", "../lib")[1])["findings"]
    assert [f["path"] for f in findings] == ["../lib/fail-inferred-typo.md", "../lib/fail-weight.md"]


def test_machine_paths_outside_a_repository_are_relative_to_the_library_root(
    fixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixed.parent / ".git").rmdir()
    assert _paths_of("gitlab", run("check", "--no-cache", "-f", "gitlab", "lib")[1]) == [
        "fail-inferred-typo.md",
        "fail-weight.md",
    ]
    monkeypatch.chdir(fixed)
    doc = json.loads(run("check", "--no-cache", "-f", "sarif", ".")[1])
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == fixed.as_uri() + "/"
    assert _paths_of("sarif", json.dumps(doc)) == ["fail-inferred-typo.md", "fail-weight.md"]


def test_sarif_fingerprints_do_not_depend_on_the_working_directory(fixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def prints() -> list[str]:
        doc = json.loads(run("check", "--no-cache", "-f", "sarif", str(fixed))[1])
        return [r["partialFingerprints"]["patternlint/v1"] for r in doc["runs"][0]["results"]]

    here = prints()
    monkeypatch.chdir(fixed)
    assert prints() == here == [TYPO_PRINT, WEIGHT_PRINT]


def test_sarif_help_uri_names_a_docs_page_that_exists() -> None:
    from patternlint.reporters.sarif import HELP_URI, rule_descriptor

    docs = Path(__file__).resolve().parents[1] / "docs" / "rules"
    for rule in patternlint.rules.RULES:
        uri = rule_descriptor(rule)["helpUri"]
        assert uri == HELP_URI.format(version=patternlint.__version__, code=rule.code)
        assert (docs / uri.rsplit("/", 1)[1]).is_file()


def test_junit_names_do_not_move_with_the_line(tmp_path: Path) -> None:
    from patternlint.reporters import junit

    def names(line: int) -> list[str]:
        stream = io.StringIO()
        junit.render(result_of(finding(span=Span(line, 3, line, 5))), stream)
        return [case.get("name") or "" for case in ET.fromstring(stream.getvalue().encode()).iter("testcase")]

    assert names(4) == names(40) == ["PL105 value-out-of-range: m"]


# A long report: recurring causes once, errors first, the table at the end


def _long_result() -> LintResult:
    """21 files with the same score mismatch (the numbers differ), a warning in `lib/a.md`
    and a parse error in `lib/z.md`: more than a screen."""
    scores = [
        finding(f"lib/p{n:02}.md", f"overall_score is `4.{n % 10}`; the mean of the 8 dimension scores is `3.7`", code="PL201")
        for n in range(21)
    ]
    return result_of(
        *scores,
        finding("lib/a.md", "inferred link target `x` is not a pattern", code="PL303", severity=Severity.WARNING),
        finding("lib/z.md", "frontmatter is not valid YAML: x", code="PL005", span=Span(2, 1, 2, 2)),
        files=23,
    )


def test_a_recurring_cause_is_shown_once_before_the_listing_and_the_table_ends_the_report() -> None:
    from patternlint.reporters import full

    lines = full.report(_long_result()).plain.splitlines()
    assert lines == [
        "Recurring findings (21 findings of 1 cause, each shown once; `--expand` lists them all)",
        "  PL201 error  21 findings in 21 files  overall_score is `…`; the mean of the … dimension scores is `…`",
        "      e.g. lib/p00.md:3:5, lib/p01.md:3:5, lib/p02.md:3:5",
        "",
        # the file with an error first, though `a.md` comes before it by path
        "lib/z.md",
        "  lib/z.md:2:1  PL005 error  frontmatter is not valid YAML: x",
        "",
        "lib/a.md",
        "  lib/a.md:3:5  PL303 warning  inferred link target `x` is not a pattern",
        "",
        "rule                            severity  findings  files",
        "PL005 yaml-syntax-error         error            1      1",
        "PL201 overall-score-mismatch    error           21     21",
        "PL303 unresolved-inferred-link  warning          1      1",
        "Checked 23 files: 22 errors, 1 warning",
    ]


def test_expand_lists_every_finding_of_a_recurring_cause() -> None:
    from patternlint.reporters import full

    lines = full.report(_long_result(), expand=True).plain.splitlines()
    assert not any(line.startswith("Recurring") for line in lines)
    assert sum(1 for line in lines if " PL201 error " in line) == 21
    # still errors first: the 21 score files and `z.md` before the warning in `a.md`
    listed = [line for line in lines if line.startswith("lib/")]
    assert listed[-1] == "lib/a.md" and len(listed) == 23


def test_a_cause_in_fewer_files_is_not_grouped() -> None:
    from patternlint.reporters.overview import RECURRING_FILES, recurring

    same = [finding(f"lib/p{n:02}.md", "the frontmatter is missing required key `sources`", code="PL101") for n in range(30)]
    assert recurring(same[: RECURRING_FILES - 1]) == ()
    [cause] = recurring(same[:RECURRING_FILES])
    assert (cause.files, cause.shape) == (RECURRING_FILES, "the frontmatter is missing required key `sources`")
    # a different key is a different cause
    other = [finding(f"lib/q{n:02}.md", "the frontmatter is missing required key `license`", code="PL101") for n in range(20)]
    assert [c.files for c in recurring([*same, *other])] == [30, 20]


def test_concise_keeps_every_finding_and_ends_long_reports_with_the_table() -> None:
    from patternlint.reporters import concise

    lines = concise.report(_long_result()).plain.splitlines()
    assert sum(1 for line in lines if ": PL201 " in line) == 21
    assert lines[0].startswith("lib/a.md:3:5: PL303")  # path order, for editors and grep
    assert lines[-5:-1] == [
        "rule                            severity  findings  files",
        "PL005 yaml-syntax-error         error            1      1",
        "PL201 overall-score-mismatch    error           21     21",
        "PL303 unresolved-inferred-link  warning          1      1",
    ]


def test_expand_on_the_command_line(fixed: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--expand", "lib")
    assert (code, out.splitlines()) == (1, FULL)
