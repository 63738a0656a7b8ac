"""The GitHub Action's step: run `patternlint check` from the action's inputs.

Inputs arrive as environment variables (`action.yml` maps them): INPUT_PATHS, INPUT_ARGS,
INPUT_FORMAT, INPUT_BASELINE, INPUT_SARIF_FILE. The check's exit status is the step's, and is
also written to `$GITHUB_OUTPUT` as `exit-code`. With a SARIF file asked for, a second run
writes it (fast: the first run filled the cache) and never fails the step by itself.

Run it locally as the action does: `INPUT_PATHS=lib python scripts/github_action.py`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path


def _input(name: str, default: str = "") -> str:
    return os.environ.get(f"INPUT_{name}", "").strip() or default


def _escape(message: str) -> str:
    """A workflow command's message, escaped as GitHub expects."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def check_args() -> list[str]:
    args = shlex.split(_input("PATHS", ".")) + shlex.split(_input("ARGS"))
    baseline = _input("BASELINE")
    if baseline:
        if Path(baseline).is_file():
            args += ["--baseline", baseline]
        else:
            # A missing baseline is a set-up slip, not a reason to hide every finding: say so,
            # and check without one.
            message = f"baseline `{baseline}` does not exist; checking without it"
            print(f"::warning title=patternlint::{_escape(message)}", flush=True)
    return args


def environment() -> dict[str, str]:
    """The checks' environment. The cache lives outside the checkout: a pull request could
    otherwise commit a crafted cache that hides its own findings."""
    env = dict(os.environ)
    if "PATTERNLINT_CACHE_DIR" not in env:
        runner_temp = env.get("RUNNER_TEMP") or tempfile.gettempdir()
        env["PATTERNLINT_CACHE_DIR"] = os.path.join(runner_temp, "patternlint-cache")
    return env


def main() -> int:
    patternlint = [sys.executable, "-m", "patternlint", "check"]
    args = check_args()
    env = environment()
    status = subprocess.run(
        [*patternlint, *args, "--output-format", _input("FORMAT", "github")], env=env
    ).returncode
    sarif = _input("SARIF_FILE")
    if sarif and status != 2:
        sarif_run = subprocess.run(
            [*patternlint, *args, "--output-format", "sarif", "--output-file", sarif, "--exit-zero", "--quiet"],
            env=env,
        )
        if sarif_run.returncode != 0:
            status = sarif_run.returncode
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"exit-code={status}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
