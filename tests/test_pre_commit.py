"""The shipped pre-commit hook, driven by the real pre-commit in a git repository of 150 real
patterns: a commit that deletes or renames a pattern other patterns link to is blocked, with
the untouched files' findings; a commit that breaks nothing passes.

The hooks are the ones `.pre-commit-hooks.yaml` declares, word for word, but for `language:
system` (pre-commit would otherwise build a virtualenv and pip-install this repository, which
takes a network and a minute): the `patternlint` on PATH is this checkout's. The library starts
with findings, as real ones do, so the hook runs with a baseline of them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.external

ROOT = Path(__file__).parent.parent
# Beside the clone in CI; elsewhere (a git worktree) where PATTERNLINT_SHARED says.
SHARED = Path(os.environ.get("PATTERNLINT_SHARED", ROOT.parent / "shared"))
LIBRARY = SHARED / "reference" / "commons-os-library" / "_patterns"
PATTERNS = 150  # the first ones by name: they include 58 that link to `acceptance-and-commitment`
DELETED = "acceptance-and-commitment"
RENAMED = "advance-directive-design"  # 8 other patterns of the 150 link to it
BASELINE = ".patternlint-baseline.json"
FINDING = re.compile(r"^\s*(_patterns/[^:\s]+\.md):(\d+):(\d+)\s+(PL\d+)\s", re.MULTILINE)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}

if not LIBRARY.is_dir():
    pytest.skip("the reference library is not here", allow_module_level=True)
pytest.importorskip("pre_commit")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PATTERNLINT_", "GIT_"))}
    bin_dir = str(Path(sys.executable).parent)  # where this checkout's `patternlint` is
    return {**env, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
            "PATH": bin_dir + os.pathsep + env.get("PATH", "")}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=_env(repo.parent / "pre-commit-home"),
        capture_output=True, text=True, timeout=120,
    )


def _hooks() -> list[dict[str, object]]:
    """The shipped hooks, to run from this checkout."""
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in shipped] == ["patternlint", "patternlint-fix"]
    assert {h["language"] for h in shipped} == {"python"}
    # `--expand`: every finding on its own line (a report this long would show a cause that recurs
    # in many files once), so that the test can read each file's findings.
    return [{**hook, "language": "system", "args": ["--baseline", BASELINE, "--expand"]} for hook in shipped]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the hook installed and the library's findings in a baseline."""
    repo = tmp_path_factory.mktemp("template") / "repo"
    (repo / "_patterns").mkdir(parents=True)
    for path in sorted(LIBRARY.glob("*.md"))[:PATTERNS]:
        shutil.copy(path, repo / "_patterns" / path.name)
    (repo / "README.md").write_text("# Our patterns\n", encoding="utf-8")
    (repo / ".gitignore").write_text(".patternlint_cache/\n", encoding="utf-8")
    config = {"repos": [{"repo": "local", "hooks": _hooks()}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    written = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "--no-cache", "--write-baseline", BASELINE],
        cwd=repo, env=_env(repo.parent / "pre-commit-home"), capture_output=True, text=True, timeout=300,
    )
    assert written.returncode == 0, written.stderr
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo, env=_env(repo.parent / "pre-commit-home"), capture_output=True, text=True, timeout=120,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert git(repo, "add", "-A").returncode == 0
    first = git(repo, "commit", "-q", "--no-verify", "-m", "the library")
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


@pytest.fixture
def repo(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(template, copy, symlinks=True)
    shutil.copytree(template.parent / "pre-commit-home", tmp_path / "pre-commit-home", symlinks=True)
    return copy


def commit(repo: Path, message: str, hook: str = "patternlint") -> tuple[int, str, float]:
    """`git commit`, which runs the installed `hook` (pre-commit skips the other): its exit code,
    output and seconds."""
    start = time.monotonic()
    other = "patternlint-fix" if hook == "patternlint" else "patternlint"
    done = subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env={**_env(repo.parent / "pre-commit-home"), "SKIP": other},
        capture_output=True, text=True, timeout=120,
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - start


def broken_by(repo: Path, slug: str) -> set[tuple[str, str, str, str]]:
    """What a full check of the working tree (no baseline) reports about `slug`: the findings
    the hook must report, as (path, line, column, code)."""
    import json

    done = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "--no-cache", "-f", "json"],
        cwd=repo, env=_env(repo.parent / "pre-commit-home"), capture_output=True, text=True, timeout=300,
    )
    return {
        (f["path"], str(f["line"]), str(f["column"]), f["code"])
        for f in json.loads(done.stdout)["findings"]
        if f"`{slug}`" in f["message"]
    }


def test_deleting_a_pattern_others_link_to_is_blocked(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").stdout
    assert git(repo, "rm", "-q", f"_patterns/{DELETED}.md").returncode == 0
    code, out, seconds = commit(repo, "remove a pattern")
    print(f"git rm _patterns/{DELETED}.md && git commit: exit {code} in {seconds:.2f} s\n{out}")
    assert code == 1
    assert git(repo, "rev-parse", "HEAD").stdout == head  # not committed
    found = FINDING.findall(out)
    assert set(found) == broken_by(repo, DELETED)
    assert len({path for path, *_ in found}) == 55
    assert {code for *_, code in found} == {"PL301", "PL303"}
    assert out.count(f"hint: `{DELETED}` was removed by this change: `_patterns/{DELETED}.md` deleted") == len(found)
    assert "checking the staged change: 0 changed files, 1 deleted or renamed, 55 related files" in out


def test_the_fix_hook_fixes_the_commit_and_blocks_a_deletion(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").stdout
    stale = repo / "_patterns" / "accountability-partnership.md"  # links to the deleted pattern
    text = stale.read_text(encoding="utf-8")
    score = re.search(r"overall_score: (\d\.\d+)", text)
    assert score is not None
    stale.write_text(text.replace(score.group(0), "overall_score: 0.5", 1), encoding="utf-8")
    assert git(repo, "rm", "-q", f"_patterns/{DELETED}.md").returncode == 0
    assert git(repo, "add", "-A").returncode == 0
    code, out, seconds = commit(repo, "remove a pattern, edit another", hook="patternlint-fix")
    print(f"patternlint-fix: exit {code} in {seconds:.2f} s\n{out}")
    assert code == 1 and git(repo, "rev-parse", "HEAD").stdout == head
    assert stale.read_text(encoding="utf-8") == text  # fixed in the working tree, for review
    assert "fixed 1 finding in 1 file" in out and "files were modified by this hook" in out
    assert set(FINDING.findall(out)) == broken_by(repo, DELETED)


def test_renaming_a_pattern_and_its_slug_is_blocked(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").stdout
    new = "advance-directives"
    assert git(repo, "mv", f"_patterns/{RENAMED}.md", f"_patterns/{new}.md").returncode == 0
    path = repo / "_patterns" / f"{new}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"slug: {RENAMED}\n", f"slug: {new}\n"), encoding="utf-8")
    assert git(repo, "add", "-A").returncode == 0
    code, out, seconds = commit(repo, "rename a pattern")
    print(f"git mv + slug edit && git commit: exit {code} in {seconds:.2f} s\n{out}")
    assert code == 1
    assert git(repo, "rev-parse", "HEAD").stdout == head
    found = FINDING.findall(out)
    # The renamed file's own findings are known by its id: only the files it broke are reported.
    assert set(found) == broken_by(repo, RENAMED)
    assert len({path for path, *_ in found}) == 18  # 8 relationships, 18 inferred links
    assert out.count(
        f"hint: `{RENAMED}` was removed by this change: `_patterns/{RENAMED}.md` renamed to `_patterns/{new}.md`"
    ) == len(found)


def test_a_commit_that_breaks_nothing_passes(repo: Path) -> None:
    # An edit to a pattern with known findings, that many others link to, and a file moved.
    path = repo / "_patterns" / f"{DELETED}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    (repo / "_patterns" / "people").mkdir()
    assert git(repo, "mv", "_patterns/acquaintance-layer.md", "_patterns/people/acquaintance-layer.md").returncode == 0
    (repo / "README.md").write_text("# Our patterns, and how we work\n", encoding="utf-8")
    assert git(repo, "add", "-A").returncode == 0
    code, out, seconds = commit(repo, "edit a pattern")
    print(f"unrelated commit: exit {code} in {seconds:.2f} s\n{out}")
    assert code == 0, out
    assert FINDING.findall(out) == []
    assert git(repo, "log", "-1", "--format=%s").stdout == "edit a pattern\n"
