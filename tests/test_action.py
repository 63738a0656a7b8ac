"""The GitHub Action: `action.yml` is a complete composite action, its run step works when
run locally the way the runner runs it (with a fake `$GITHUB_STEP_SUMMARY` and
`$GITHUB_OUTPUT`), and the README's workflow uses it as it is declared.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from test_formats import FAILS, SARIF_SCHEMA, WEIGHT_MESSAGE, make_library

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WEIGHT_COMMAND = (
    "::error file=lib/fail-weight.md,line=66,col=15,endLine=66,endColumn=18,"
    f"title=patternlint (PL105)::{WEIGHT_MESSAGE}"
)
WEIGHT_ROW = (
    "| error | lib/fail-weight.md\\:66\\:15 | PL105 value-out-of-range | "
    "`relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1` |"
)


def check_step() -> dict[str, Any]:
    [step] = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    return step  # type: ignore[no-any-return]


def fill(template: str, values: dict[str, str], python: str, temp: Path) -> str:
    """`${{ inputs.* }}`, `${{ steps.install.outputs.python }}` and `${{ runner.temp }}` as the
    runner fills them in."""
    template = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], template)
    template = re.sub(r"\$\{\{\s*steps\.install\.outputs\.python\s*\}\}", lambda m: python, template)
    return re.sub(r"\$\{\{\s*runner\.temp\s*\}\}", lambda m: str(temp), template)


def run_action(
    cwd: Path, python: str = sys.executable, step_id: str = "check", **inputs: str
) -> tuple[subprocess.CompletedProcess[str], str, str]:
    """Run one of the action's steps as the runner would: its `run` line in bash, its `env` with
    `${{ inputs.* }}` filled in (defaults from action.yml), the installed `python` the one
    patternlint is in (this one, unless the install step made another)."""
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update({k.replace("_", "-"): v for k, v in inputs.items()})
    [step] = [s for s in ACTION["runs"]["steps"] if s.get("id") == step_id]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "PATTERNLINT_"))}
    for key, template in step["env"].items():
        env[key] = fill(template, values, python, cwd / "runner-temp")
    summary, output = cwd / "step-summary.md", cwd / "github-output"
    env.update(
        {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_OUTPUT": str(output),
            "NO_COLOR": "1",
        }
    )
    for path in (summary, output):
        path.write_text("", encoding="utf-8")
    proc = subprocess.run(
        ["bash", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    return proc, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A checkout: the repository root, with the library in `lib`."""
    make_library(tmp_path, *FAILS)
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_action_is_a_composite_action_with_the_inputs_it_documents() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "format", "baseline", "sarif-file", "python"}
    assert all(spec.get("description") for spec in ACTION["inputs"].values())
    steps = ACTION["runs"]["steps"]
    # The job's Python is left alone: no setup-python, patternlint in a venv of its own.
    assert all("uses" not in s for s in steps) and all(s.get("shell") == "bash" for s in steps)
    assert steps[0]["id"] == "install" and steps[0]["env"]["VENV"].startswith("${{ runner.temp }}/")
    assert check_step()["env"]["PATTERNLINT_PYTHON"] == "${{ steps.install.outputs.python }}"
    mapped = {re.sub(r"\W", "", v).removeprefix("inputs") for k, v in check_step()["env"].items() if k.startswith("INPUT_")}
    assert mapped == {"paths", "args", "format", "baseline", "sarif-file".replace("-", "")}
    assert "scripts/github_action.py" in check_step()["run"]
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def test_action_annotates_and_writes_the_step_summary(library: Path) -> None:
    proc, summary, output = run_action(library, paths="lib")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert WEIGHT_COMMAND in lines
    assert all(line.startswith("::") for line in lines[:-1]) and lines[-1].startswith("Checked 4 files: ")
    assert summary.startswith("## patternlint\n\nChecked 4 files\\: ")
    assert WEIGHT_ROW in summary.splitlines()
    assert output == "exit-code=1\n"


def test_action_with_a_baseline_and_a_sarif_file(library: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "--no-cache", "--write-baseline", "baseline.json", "lib"],
        cwd=library, check=True, capture_output=True,
    )
    proc, summary, output = run_action(library, paths="lib", baseline="baseline.json", sarif_file="out.sarif")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == "Checked 4 files: no problems found\n"
    assert summary.startswith("## patternlint\n\nChecked 4 files\\: no problems found\n\n- baseline `baseline.json`\\: ")
    assert output == "exit-code=0\n"
    sarif = json.loads((library / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    schema = {**schema, "$ref": "#/definitions/Root"} if "properties" not in schema else schema
    assert list(Draft7Validator(schema).iter_errors(sarif)) == []
    assert sarif["runs"][0]["results"] == []  # the baseline applies to the SARIF run too


def test_action_sarif_file_has_the_findings(library: Path) -> None:
    proc, _, output = run_action(library, paths="lib", sarif_file="out.sarif", args="--fail-on warning")
    assert proc.returncode == 1 and output == "exit-code=1\n"
    results = json.loads((library / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results} >= {
        ("PL105", "lib/fail-weight.md"), ("PL303", "lib/fail-inferred-typo.md"),
    }


def test_action_with_a_missing_baseline_warns_and_checks_everything(library: Path) -> None:
    proc, _, output = run_action(library, paths="lib", baseline="nope.json")
    assert proc.stdout.splitlines()[0] == (
        "::warning title=patternlint::baseline `nope.json` does not exist; checking without it"
    )
    assert WEIGHT_COMMAND in proc.stdout.splitlines() and output == "exit-code=1\n"


def test_action_usage_error_is_exit_2(library: Path) -> None:
    proc, summary, output = run_action(library, paths="missing-folder")
    assert proc.returncode == 2 and output == "exit-code=2\n" and summary == ""
    assert "patternlint: error: path `missing-folder` does not exist" in proc.stderr


def test_action_paths_can_be_quoted_and_on_several_lines(library: Path) -> None:
    (library / "lib").rename(library / "my lib")
    proc, _, _ = run_action(library, paths='"my lib/fail-weight.md"\n"my lib/fail-inferred-typo.md"', format="concise")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1].startswith("Checked 2 files (library of 4 at ")


@pytest.mark.external
def test_action_installs_into_its_own_venv_and_leaves_the_job_python_alone(library: Path) -> None:
    """The install step for real (a venv, pip installing this checkout), then the check step
    with the interpreter it reported."""
    before = subprocess.run([sys.executable, "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    proc, _, output = run_action(library, step_id="install")
    assert proc.returncode == 0, proc.stderr
    python = output.strip().removeprefix("python=")
    assert Path(python).is_relative_to(library / "runner-temp" / "patternlint-venv")
    proc, _, output = run_action(library, python=python, paths="lib")
    assert proc.returncode == 1 and WEIGHT_COMMAND in proc.stdout.splitlines() and output == "exit-code=1\n"
    after = subprocess.run([sys.executable, "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    assert after == before


def _readme_workflows() -> list[dict[str, Any]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = readme.split("\n## CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", ci, re.DOTALL)
    return [doc for doc in map(yaml.safe_load, blocks) if isinstance(doc, dict) and "jobs" in doc]


def test_readme_workflow_uses_the_action_as_declared() -> None:
    workflows = _readme_workflows()
    assert workflows, "the README's CI section has no workflow"
    main = workflows[0]
    assert main["permissions"]["security-events"] == "write"
    steps = [s for job in main["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    ours = [s for s in steps if "/patternlint@" in s.get("uses", "")]
    assert len(ours) == 1 and set(ours[0]["with"]) <= set(ACTION["inputs"])
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")][0]
    assert upload["with"]["sarif_file"] == ours[0]["with"]["sarif-file"]
    for workflow in workflows[1:]:
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "/patternlint@" in step.get("uses", ""):
                    assert set(step["with"]) <= set(ACTION["inputs"])


def test_the_action_keeps_its_cache_outside_the_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("github_action", Path(__file__).resolve().parents[1] / "scripts" / "github_action.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("PATTERNLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("RUNNER_TEMP", str(tmp_path))
    assert module.environment()["PATTERNLINT_CACHE_DIR"] == str(tmp_path / "patternlint-cache")
    monkeypatch.setenv("PATTERNLINT_CACHE_DIR", "/chosen")
    assert module.environment()["PATTERNLINT_CACHE_DIR"] == "/chosen"
