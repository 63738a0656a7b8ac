"""Real files as the test: the seed pattern, the shipped examples, the pre-commit hook as
pre-commit runs it, and (when `../shared` is beside the checkout) the whole reference library.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from patternlint.pipeline import lint
from patternlint.rules import RULES
from patternlint.settings import default_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LIBRARY = SHARED / "reference" / "commons-os-library" / "_patterns"
SEED = SHARED / "seeds" / "peer-knowledge-exchange.md"
SETTINGS = dataclasses.replace(default_settings(), cache_dir=None, jobs=1)

needs_shared = pytest.mark.skipif(
    not LIBRARY.is_dir() or not SEED.is_file(), reason="../shared/reference is not beside this checkout"
)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "patternlint", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def seed_library(tmp_path: Path, seed_text: str) -> Path:
    """The seed plus the real patterns it links to, copied from the reference library."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "peer-knowledge-exchange.md").write_text(seed_text, encoding="utf-8")
    frontmatter = yaml.safe_load(seed_text.split("\n---\n", 1)[0][4:])
    targets = {i["slug"] for items in frontmatter["relationships"].values() for i in items}
    targets |= {i["target"] for i in frontmatter["graph_garden"]["inferred_links"]}
    for slug in targets:
        if (LIBRARY / f"{slug}.md").is_file():
            shutil.copy(LIBRARY / f"{slug}.md", lib / f"{slug}.md")
    return lib


@needs_shared
def test_seed_has_exactly_its_two_real_defects(tmp_path: Path) -> None:
    """Among the real library's patterns, the seed links to `community-of-practice`, which no
    file of the library is, and its body's confidence note (★★★) contradicts its frontmatter
    (`confidence: 1`)."""
    lib = seed_library(tmp_path, SEED.read_text(encoding="utf-8"))
    findings = lint([lib / "peer-knowledge-exchange.md"], SETTINGS, cwd=tmp_path).findings
    assert [(f.span.line, f.code) for f in findings] == [(66, "PL301"), (204, "PL202")]
    assert findings[0].message == (
        "`generalizes_from` points at `community-of-practice`, which is not a pattern in this library"
    )


@needs_shared
def test_seed_with_its_defect_fixed_lints_clean(tmp_path: Path) -> None:
    fixed = (
        SEED.read_text(encoding="utf-8")
        .replace("- slug: community-of-practice\n", "- slug: community-of-practice-design\n")
        .replace("Confidence Rating: ★★★ (Established)", "Confidence Rating: ★☆☆ (Low)")
    )
    lib = seed_library(tmp_path, fixed)
    shutil.copy(LIBRARY / "community-of-practice-design.md", lib)
    assert lint([lib / "peer-knowledge-exchange.md"], SETTINGS, cwd=tmp_path).findings == ()


def test_valid_examples_lint_clean() -> None:
    run = cli("check", "examples/valid", "--no-cache", cwd=ROOT)
    assert (run.returncode, run.stdout, run.stderr) == (0, "Checked 4 files: no problems found\n", "")


def test_broken_examples_show_every_rule() -> None:
    run = cli("check", "examples/", "--no-cache", "-f", "json", cwd=ROOT)
    assert run.returncode == 1, run.stderr
    shown = {f["code"] for f in json.loads(run.stdout)["findings"]}
    missing = {r.code for r in RULES if r.enabled_by_default} - shown
    if (ROOT / "examples" / "broken" / "unreadable-file.md").is_symlink() is False:
        missing.discard("PL008")  # a checkout without symbolic links cannot show it
    # forbidden-heading acts only under a profile with `forbidden-levels` (not the default);
    # its fixture folder, read with `profile = "innersource"`, shows it.
    missing.discard("PL412")
    assert not missing, f"no example shows {sorted(missing)}"


def test_pre_commit_hook_runs_like_pre_commit(tmp_path: Path) -> None:
    """Run the hook's entry the way pre-commit does: its words alone (`pass_filenames: false`),
    on every commit (`always_run`), in one process, from the top of the repository. (The real
    pre-commit drives it in tests/test_pre_commit.py.)"""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "patternlint"]
    assert (hook["language"], hook["pass_filenames"], hook["always_run"], hook["require_serial"]) == (
        "python", False, True, True,
    )
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "valid", repo / "_patterns")
    (repo / "_patterns" / "README.md").write_text("# About these patterns\n", encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    stale = repo / "_patterns" / "acquaintance-layer.md"
    text = stale.read_text(encoding="utf-8")
    score = re.search(r"overall_score: (\d\.\d)", text)
    assert score is not None
    stale.write_text(text.replace(score.group(0), "overall_score: 0.5"), encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)

    entry = shlex.split(hook["entry"])
    assert entry[0] == "patternlint"
    run = cli(*entry[1:], cwd=repo)
    assert run.returncode == 1
    assert "_patterns/acquaintance-layer.md" in run.stdout and "PL201" in run.stdout
    assert "README" not in run.stdout
    stale.write_text(text, encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    again = cli(*entry[1:], cwd=repo)
    assert (again.returncode, again.stdout, again.stderr) == (
        0, "Checked 0 files (library of 4 at %s): no problems found\n" % repo,
        "patternlint: checking the staged change: 0 changed files\n",
    )


@needs_shared
def test_whole_reference_library(tmp_path: Path) -> None:
    """All 3,616 files: no traceback, exit 1, valid JSON, every finding inside its file."""
    started = time.monotonic()
    run = cli("check", str(LIBRARY), "--no-cache", "-f", "json", cwd=tmp_path)
    elapsed = time.monotonic() - started
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert elapsed < 120  # generous for slow CI machines; the benchmark measures speed
    doc = json.loads(run.stdout)
    assert doc["summary"]["files_checked"] == len(list(LIBRARY.glob("*.md")))
    line_counts: dict[str, int] = {}
    for f in doc["findings"]:
        if f["path"] not in line_counts:
            line_counts[f["path"]] = Path(f["path"]).read_bytes().count(b"\n") + 1
        assert 1 <= f["line"] <= f["end_line"] <= line_counts[f["path"]], f
        assert f["column"] >= 1 and f["end_column"] >= 1, f
    # Two files of the library do not parse as YAML (see ../shared/reference/README.md).
    assert doc["summary"]["by_rule"]["PL005 yaml-syntax-error"] == 2
