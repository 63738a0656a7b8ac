"""`--changed-since REF` in temporary git repositories: changed files, and the untouched files
that a change, a rename or a deletion breaks.

The library: `pass-accountability-partnership` (A) and `pass-peer-knowledge-exchange` (P) link
to each other, `pass-boundaries` (B) links to A, and `fail-weight` (W, one PL105 error) links
only to B, so a change to A or P never makes W worth checking.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from patternlint.changes import Change, changes, lint_changed
from patternlint.settings import default_settings
from test_formats import FIXTURES, only_rules, run

A = "pass-accountability-partnership.md"
P = "pass-peer-knowledge-exchange.md"
B = "pass-boundaries.md"
W = "fail-weight.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return proc.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def unresolved(path: str, line: int, relation: str, target: str) -> str:
    return f"{path}:{line}:13: PL301 `{relation}` points at `{target}`, which is not a pattern in this library"


def inferred(path: str, line: int, target: str) -> str:
    return f"{path}:{line}:15: PL303 inferred link target `{target}` is not a pattern in this library"


# What the two untouched files report once pattern A's slug no longer exists.
BROKEN_BY_LOSING_A = [
    unresolved("lib/pass-boundaries.md", 65, "enables", "pass-accountability-partnership"),
    inferred("lib/pass-boundaries.md", 91, "pass-accountability-partnership"),
    unresolved("lib/pass-peer-knowledge-exchange.md", 65, "enables", "pass-accountability-partnership"),
    inferred("lib/pass-peer-knowledge-exchange.md", 91, "pass-accountability-partnership"),
]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose `main` holds the library; the current branch is `feature`."""
    only_rules(monkeypatch, "PL105", "PL301", "PL303", "PL501")
    repo = tmp_path / "repo"
    lib = repo / "lib"
    lib.mkdir(parents=True)
    for name in (A, P, B):
        shutil.copy(FIXTURES / "PL105-value-out-of-range" / name, lib / name)
    weight = (FIXTURES / "PL105-value-out-of-range" / W).read_text(encoding="utf-8")
    (lib / W).write_text(weight.replace("pass-accountability-partnership", "pass-boundaries"), encoding="utf-8")
    (repo / "README.md").write_text("# A library\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "library")
    git(repo, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(repo)
    return repo


def test_the_whole_library_has_one_finding(repo: Path) -> None:
    code, out, _ = run("check", "--no-cache", "-f", "concise", "lib")
    assert (code, out.splitlines()[-1]) == (1, "Checked 4 files: 1 error")


def test_deletion_reports_the_untouched_files_it_breaks(repo: Path) -> None:
    git(repo, "rm", "-q", f"lib/{A}")
    commit(repo, "delete A")
    code, out, err = run("check", "--no-cache", "-f", "concise", "--changed-since", "main", "lib")
    assert code == 1
    assert out.splitlines() == [
        *BROKEN_BY_LOSING_A,
        f"Checked 2 files (library of 3 at {repo / 'lib'}): 2 errors, 2 warnings",
    ]
    assert err == (
        "patternlint: checking what changed since `main`: 0 changed files, 1 deleted or renamed, "
        "2 related files\n"
    )


def _rename_with_new_slug(repo: Path) -> None:
    """`git mv` the pattern to `peer-exchange.md` and give it that slug."""
    git(repo, "mv", f"lib/{P}", "lib/peer-exchange.md")
    path = repo / "lib" / "peer-exchange.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("slug: pass-peer-knowledge-exchange", "slug: peer-exchange"),
        encoding="utf-8",
    )


def test_rename_with_a_new_slug_in_the_working_tree(repo: Path) -> None:
    _rename_with_new_slug(repo)
    _, _, found = changes("main", repo)
    assert found == [Change("R", "lib/peer-exchange.md", "lib/pass-peer-knowledge-exchange.md")]
    code, out, err = run("check", "--no-cache", "-f", "concise", "--changed-since", "main", "lib")
    assert code == 1
    assert out.splitlines() == [
        unresolved("lib/pass-accountability-partnership.md", 68, "complementary", "pass-peer-knowledge-exchange"),
        inferred("lib/pass-accountability-partnership.md", 87, "pass-peer-knowledge-exchange"),
        f"Checked 2 files (library of 4 at {repo / 'lib'}): 1 error, 1 warning",
    ]
    assert err == (
        "patternlint: checking what changed since `main`: 1 changed file, 1 deleted or renamed, 1 related file\n"
    )


def test_an_edited_slug_breaks_links_to_the_old_one(repo: Path) -> None:
    """The old slug is read from REF: the file's name never was that slug."""
    lib = repo / "lib"
    git(repo, "checkout", "-q", "main")
    shutil.move(lib / A, lib / "acct.md")  # slug `pass-accountability-partnership`, file `acct.md`
    commit(repo, "a file whose slug is not its name")
    git(repo, "checkout", "-q", "-b", "edit-slug")
    acct = lib / "acct.md"
    acct.write_text(
        acct.read_text(encoding="utf-8").replace("slug: pass-accountability-partnership", "slug: acct"),
        encoding="utf-8",
    )
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--changed-since", "main", "lib")
    assert code == 1
    assert out.splitlines() == [
        *BROKEN_BY_LOSING_A,
        f"Checked 3 files (library of 4 at {lib}): 2 errors, 2 warnings",
    ]


def test_changes_on_the_base_branch_are_not_this_branchs_changes(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (repo / "lib" / W).write_text((repo / "lib" / W).read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    commit(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    code, out, err = run("check", "--no-cache", "--changed-since", "main", "lib")
    assert (code, out) == (0, f"Checked 0 files (library of 4 at {repo / 'lib'}): no problems found\n")
    assert err == "patternlint: checking what changed since `main`: 0 changed files\n"
    # From `main`, the branch point is the same commit: there, W is what changed.
    git(repo, "checkout", "-q", "main")
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--changed-since", "feature", "lib")
    assert code == 1
    assert out.splitlines()[-1] == f"Checked 1 file (library of 4 at {repo / 'lib'}): 1 error"


def test_edited_unrelated_file_is_checked_alone(repo: Path) -> None:
    path = repo / "lib" / W
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--changed-since", "HEAD", "lib")
    assert code == 1
    assert out.splitlines() == [
        "lib/fail-weight.md:66:15: PL105 `relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1`",
        f"Checked 1 file (library of 4 at {repo / 'lib'}): 1 error",
    ]


def test_untracked_files_with_any_name_are_changes(repo: Path) -> None:
    lib = repo / "lib"
    shutil.copy(lib / B, lib / "neu ü, x.md")
    (repo / "notes.md").write_text("outside the checked folder\n", encoding="utf-8")
    settings = replace(default_settings(), cache_dir=None, jobs=1)
    result, selection = lint_changed([Path("lib")], settings, "HEAD", repo)
    assert selection.changed == ("lib/neu ü, x.md",)
    # B shares its slug with the new file; W links to that slug, which now names two files.
    assert selection.dependents == ("lib/fail-weight.md", "lib/pass-boundaries.md")
    assert {f.path for f in result.findings} <= {"lib/neu ü, x.md", *selection.dependents}
    assert result.files_checked == 3 and result.library_files == 5


def test_changed_since_with_a_baseline(repo: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    git(repo, "rm", "-q", f"lib/{A}")
    code, out, err = run("check", "--no-cache", "-f", "concise", "--baseline", "baseline.json",
                         "--changed-since", "main", "lib")
    assert code == 1 and len(out.splitlines()) == 5
    assert "no longer occur" not in err  # W's entry is not stale: W was not checked


def test_unknown_ref_is_a_usage_error(repo: Path) -> None:
    code, out, err = run("check", "--no-cache", "--changed-since", "no-such-branch", "lib")
    assert (code, out) == (2, "")
    assert err == "patternlint: error: `--changed-since`: git does not know the commit `no-such-branch`\n"


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = run("check", "--no-cache", "--changed-since", "main", "lib")
    assert (code, out) == (2, "")
    assert err.startswith("patternlint: error: `--changed-since` needs a git repository: ")


def test_changed_since_never_reads_a_symlink_out_of_the_library(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "s.md").write_text("---\nslug: [SECRET_TOKEN\n---\n", encoding="utf-8")
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "valid", repo)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    (repo / "leak.md").symlink_to(secret / "s.md")
    subprocess.run([*git, "add", "leak.md"], cwd=repo, check=True)
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", ".", "--no-cache", "--changed-since", "HEAD"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )
    assert "SECRET_TOKEN" not in run.stdout + run.stderr
    assert "outside the library" in run.stdout


def test_a_dropped_link_rechecks_the_pattern_it_pointed_at(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """B's only link from another pattern is W's; W drops it, and B (untouched, linking nowhere
    itself) becomes an orphan, which only a check of B can tell."""
    only_rules(monkeypatch, "PL105", "PL301", "PL303", "PL309", "PL501")
    lib = repo / "lib"
    boundaries = (lib / B).read_text(encoding="utf-8")
    link_to_a = "  enables:\n    - slug: pass-accountability-partnership\n      weight: 1\n"
    assert link_to_a in boundaries
    (lib / B).write_text(boundaries.replace(link_to_a, "  enables: []\n"), encoding="utf-8")
    commit(repo, "B links nowhere")
    weight = (lib / W).read_text(encoding="utf-8")
    link_to_b = "  enables:\n    - slug: pass-boundaries\n      weight: 1.4  # expect: PL105\n"
    assert link_to_b in weight
    (lib / W).write_text(weight.replace(link_to_b, "  enables: []\n"), encoding="utf-8")
    commit(repo, "W drops its link to B")
    code, out, err = run(
        "check", "--no-cache", "-f", "concise", "--select", "PL309", "--changed-since", "HEAD~1", "lib"
    )
    assert code == 0, out  # orphans are informational
    assert [" ".join(line.split(" ")[:2]) for line in out.splitlines()[:-1]] == [
        "lib/fail-weight.md:6:7: PL309",
        "lib/pass-boundaries.md:6:7: PL309",
    ]
    assert err == "patternlint: checking what changed since `HEAD~1`: 1 changed file, 1 related file\n"


def test_changed_since_reads_and_keeps_the_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import patternlint.runner

    read: list[str] = []
    process = patternlint.runner.process

    def spy(target: Any, *args: Any) -> Any:
        read.append(target.display)
        return process(target, *args)

    monkeypatch.setattr(patternlint.runner, "process", spy)
    path = repo / "lib" / W
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    first = run("check", "--cache-dir", "cache", "-f", "concise", "--changed-since", "HEAD", "lib")
    assert first[0] == 1 and len(list((repo / "cache").glob("library-*.json"))) == 1
    assert sorted(read) == sorted(f"lib/{name}" for name in (A, P, B, W))  # each file read once
    read.clear()
    assert run("check", "--cache-dir", "cache", "-f", "concise", "--changed-since", "HEAD", "lib") == first
    assert read == []  # every outcome came from the cache
    # A full check afterwards reuses the entries the changed-since run kept.
    full = run("check", "--cache-dir", "cache", "-f", "concise", "lib")
    assert full == run("check", "--no-cache", "-f", "concise", "lib")
    assert read == [f"lib/{name}" for name in sorted((A, P, B))] + read[3:]


# ---------------------------------------------------------------------------------------------
# `--staged`: the change the next commit makes, read from git's index


def test_staged_deletion_reports_the_untouched_files_it_breaks(repo: Path) -> None:
    git(repo, "rm", "-q", f"lib/{A}")
    code, out, err = run("check", "--no-cache", "-f", "concise", "--staged", "lib")
    assert code == 1
    assert out.splitlines() == [
        *BROKEN_BY_LOSING_A,
        f"Checked 2 files (library of 3 at {repo / 'lib'}): 2 errors, 2 warnings",
    ]
    assert err == "patternlint: checking the staged change: 0 changed files, 1 deleted or renamed, 2 related files\n"


def test_staged_findings_name_the_change_that_caused_them(repo: Path) -> None:
    git(repo, "rm", "-q", f"lib/{A}")
    _, out, _ = run("check", "--no-cache", "-f", "json", "--staged", "lib")
    hints = {(f["path"], f["code"], f["hint"]) for f in json.loads(out)["findings"]}
    cause = f"`pass-accountability-partnership` was removed by this change: `lib/{A}` deleted"
    assert {(path, code) for path, code, _ in hints} == {
        ("lib/pass-boundaries.md", "PL301"), ("lib/pass-boundaries.md", "PL303"),
        ("lib/pass-peer-knowledge-exchange.md", "PL301"), ("lib/pass-peer-knowledge-exchange.md", "PL303"),
    }
    assert all(hint == cause or hint.startswith(cause + "; ") for _, _, hint in hints), hints


def test_staged_rename_names_the_new_path(repo: Path) -> None:
    _rename_with_new_slug(repo)
    git(repo, "add", "-A")
    code, out, err = run("check", "--no-cache", "-f", "json", "--staged", "lib")
    assert code == 1
    found = json.loads(out)["findings"]
    assert [(f["path"], f["code"]) for f in found] == [
        ("lib/pass-accountability-partnership.md", "PL301"), ("lib/pass-accountability-partnership.md", "PL303"),
    ]
    assert {f["hint"].split(";")[0] for f in found} == {
        f"`pass-peer-knowledge-exchange` was removed by this change: `lib/{P}` renamed to `lib/peer-exchange.md`"
    }
    assert err == "patternlint: checking the staged change: 1 changed file, 1 deleted or renamed, 1 related file\n"


def test_staged_ignores_what_is_not_staged(repo: Path) -> None:
    (repo / "lib" / A).unlink()  # deleted in the working tree only: not part of the next commit
    shutil.copy(repo / "lib" / B, repo / "lib" / "untracked.md")
    code, out, err = run("check", "--no-cache", "--staged", "lib")
    assert (code, err) == (0, "patternlint: checking the staged change: 0 changed files\n")


def test_a_staged_change_outside_the_library_reads_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import patternlint.runner

    read: list[str] = []
    monkeypatch.setattr(patternlint.runner, "process", lambda target, *args: read.append(target.display))
    (repo / "README.md").write_text("# Another title\n", encoding="utf-8")
    git(repo, "add", "-A")
    code, out, _ = run("check", "--no-cache", "--staged", "lib")
    assert (code, out, read) == (0, f"Checked 0 files (library of 4 at {repo / 'lib'}): no problems found\n", [])


def test_staged_before_the_first_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_rules(monkeypatch, "PL105")
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "PL105-value-out-of-range" / W, tmp_path / W)
    shutil.copy(FIXTURES / "PL105-value-out-of-range" / B, tmp_path / B)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", W)
    code, out, err = run("check", "--no-cache", "-f", "concise", "--staged")
    assert code == 1
    assert out.splitlines()[-1] == f"Checked 1 file (library of 2 at {tmp_path}): 1 error"
    assert err == "patternlint: checking the staged change: 1 changed file\n"


def test_staged_and_changed_since_are_one_or_the_other(repo: Path) -> None:
    code, out, err = run("check", "--no-cache", "--staged", "--changed-since", "main", "lib")
    assert (code, out) == (2, "")
    assert err == "patternlint: error: `--staged` and `--changed-since` name two different changes; give one\n"


def test_fix_staged_fixes_what_the_commit_brings_and_reports_what_it_breaks(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_rules(monkeypatch, "PL105", "PL201", "PL301", "PL303", "PL501")
    lib = repo / "lib"
    for name in (B, W):  # both stale; only B is part of the commit
        path = lib / name
        path.write_text(path.read_text(encoding="utf-8").replace("overall_score: ", "overall_score: 0.1 #", 1),
                        encoding="utf-8")
    git(repo, "add", f"lib/{B}")
    git(repo, "rm", "-q", f"lib/{A}")
    code, out, err = run("check", "--no-cache", "-f", "concise", "--fix", "--staged", "lib")
    assert code == 1
    assert "overall_score: 0.1" not in (lib / B).read_text(encoding="utf-8")  # fixed
    assert "overall_score: 0.1" in (lib / W).read_text(encoding="utf-8")  # not part of the commit
    # B, fixed, and P still link to A, which the commit deletes; W links to B: it is checked, not fixed.
    assert [" ".join(line.split(" ")[:2]) for line in out.splitlines()[:-1]] == [
        "lib/fail-weight.md:46:20: PL201",
        "lib/fail-weight.md:66:15: PL105",
        "lib/pass-boundaries.md:65:13: PL301",
        "lib/pass-boundaries.md:91:15: PL303",
        "lib/pass-peer-knowledge-exchange.md:65:13: PL301",
        "lib/pass-peer-knowledge-exchange.md:91:15: PL303",
    ]
    assert err.splitlines() == [
        "patternlint: checking the staged change: 1 changed file, 1 deleted or renamed, 2 related files",
        "patternlint: fixed 1 finding in 1 file",
    ]


def test_fix_staged_with_nothing_staged_reads_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import patternlint.runner

    read: list[str] = []
    monkeypatch.setattr(patternlint.runner, "process", lambda target, *args: read.append(target.display))
    code, out, _ = run("check", "--no-cache", "--fix", "--staged", "lib")
    assert (code, out, read) == (0, f"Checked 0 files (library of 4 at {repo / 'lib'}): no problems found\n", [])
