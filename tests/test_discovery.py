"""Discovery as git sees a folder: `.gitignore` files (nested ones too) and `.git/info/exclude`
respected unless `respect-gitignore = false`, and every glob setting with gitignore's semantics."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patternlint.config import Overrides, resolve
from patternlint.discover import discover, excluded
from patternlint.globs import glob_match, path_filter, repository_root


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(root: Path, config: str = "", paths: list[Path] | None = None) -> list[str]:
    if config:
        write(root / "patternlint.toml", config)
    settings = resolve(paths or [root], root, Overrides()).settings
    return [p.relative_to(root).as_posix() for p in discover(root, settings)]


def repository(tmp_path: Path) -> Path:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    return tmp_path


def test_gitignore_nested_and_info_exclude_are_respected(tmp_path: Path) -> None:
    root = repository(tmp_path)
    write(root / ".gitignore", "generated.md\n/build/\n")
    write(root / ".git" / "info" / "exclude", "local-*.md\n")
    write(root / "lib" / ".gitignore", "scratch/\n!keep.md\n*.tmp.md\n")
    for name in ("a.md", "generated.md", "local-note.md", "build/b.md", "lib/c.md", "lib/x.tmp.md",
                 "lib/scratch/d.md", "lib/sub/generated.md", "lib/sub/build/e.md"):
        write(root / name, "x")
    # `/build/` is anchored at the root: `lib/sub/build` stays; `generated.md` is ignored everywhere.
    assert found(root) == ["a.md", "lib/c.md", "lib/sub/build/e.md"]


def test_gitignore_applies_when_discovery_starts_below_it(tmp_path: Path) -> None:
    root = repository(tmp_path)
    write(root / ".gitignore", "lib/drafts/\n")
    write(root / "lib" / "a.md", "x")
    write(root / "lib" / "drafts" / "b.md", "x")
    settings = resolve([root / "lib"], root, Overrides()).settings
    assert [p.name for p in discover(root / "lib", settings)] == ["a.md"]


def test_a_negation_in_a_deeper_gitignore_wins(tmp_path: Path) -> None:
    root = repository(tmp_path)
    write(root / ".gitignore", "*.gen.md\n")
    write(root / "lib" / ".gitignore", "!keep.gen.md\n")
    write(root / "lib" / "keep.gen.md", "x")
    write(root / "lib" / "drop.gen.md", "x")
    assert found(root) == ["lib/keep.gen.md"]


def test_respect_gitignore_false_turns_it_off(tmp_path: Path) -> None:
    root = repository(tmp_path)
    write(root / ".gitignore", "generated.md\n")
    write(root / "generated.md", "x")
    assert found(root) == []
    assert found(root, "respect-gitignore = false\n") == ["generated.md"]


def test_outside_a_repository_gitignore_files_mean_nothing(tmp_path: Path) -> None:
    write(tmp_path / ".gitignore", "generated.md\n")
    write(tmp_path / "generated.md", "x")
    assert repository_root(tmp_path) is None or repository_root(tmp_path) != tmp_path
    assert found(tmp_path) == ["generated.md"]


def test_a_git_file_marks_a_worktree_root(tmp_path: Path) -> None:
    write(tmp_path / ".git", "gitdir: /elsewhere\n")
    write(tmp_path / "a" / "b.md", "x")
    assert repository_root(tmp_path / "a") == tmp_path


def test_force_exclude_asks_git_too(tmp_path: Path) -> None:
    root = repository(tmp_path)
    write(root / ".gitignore", "out/\n")
    target = write(root / "out" / "a.md", "x")
    settings = resolve([target], root, Overrides(force_exclude=True)).settings
    assert excluded(target, target.parent, settings)
    assert not excluded(write(root / "in" / "a.md", "x"), root / "in", settings)


# --- globs with gitignore's semantics -------------------------------------------------------


def test_character_classes_in_extend_exclude(tmp_path: Path) -> None:
    for name in ("draft1.md", "draft2.md", "draftX.md", "final.md"):
        write(tmp_path / name, "x")
    assert found(tmp_path, 'extend-exclude = ["draft[0-9].md"]\n') == ["draftX.md", "final.md"]


def test_negation_in_exclude_re_includes(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "keep.md"):
        write(tmp_path / name, "x")
    assert found(tmp_path, 'extend-exclude = ["*.md", "!keep.md"]\n') == ["keep.md"]


def test_a_leading_slash_anchors_at_the_configuration_folder(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "a.md", "x")
    write(tmp_path / "lib" / "drafts" / "b.md", "x")
    assert found(tmp_path, 'extend-exclude = ["/drafts"]\n') == ["lib/drafts/b.md"]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("draft[0-9].md", "lib/draft7.md", True),
        ("draft[!0-9].md", "lib/draft7.md", False),
        ("a/**/b.md", "a/x/y/b.md", True),
        ("a/**/b.md", "a/b.md", True),
        ("/top.md", "sub/top.md", False),
        ("legacy/", "legacy/a.md", True),
        ("!legacy/**", "legacy/a.md", False),
        ("!legacy/**", "current/a.md", True),
        (r"\#note.md", "#note.md", True),
    ],
)
def test_glob_match_is_gitignore(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_a_folder_only_pattern_leaves_a_file_of_that_name() -> None:
    selected = path_filter(("*",), ("build/",))
    assert selected.excludes("build/")
    assert not selected.excludes("build")


def test_force_exclude_excludes_a_file_inside_an_excluded_folder(tmp_path: Path) -> None:
    write(tmp_path / "patternlint.toml", 'extend-exclude = ["drafts"]\n')
    target = write(tmp_path / "drafts" / "a.md", "x")
    settings = resolve([target], tmp_path, Overrides(force_exclude=True)).settings
    assert excluded(target, target.parent, settings)
    assert not excluded(write(tmp_path / "final" / "a.md", "x"), tmp_path / "final", settings)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab.-_*9Z", min_size=1, max_size=8))
def test_simple_patterns_translate_as_pathspec_translates_them(pattern: str) -> None:
    # Simple one-component patterns (the default excludes, `*.md`) skip importing pathspec: their
    # translation must be pathspec's own, character for character.
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    from patternlint.globs import _SIMPLE, _translated

    theirs = GitIgnoreSpecPattern(pattern)
    ours = _translated(pattern)
    if theirs.include is None or theirs.regex is None:
        assert ours is None
    else:
        assert ours == (theirs.include, theirs.regex.pattern)
    assert _SIMPLE.fullmatch(".*") and _SIMPLE.fullmatch("node_modules")  # the defaults take the short way


def test_a_warm_run_with_the_default_globs_does_not_import_pathspec(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom patternlint.discover import plan\n"
        "from patternlint.settings import default_settings\n"
        f"plan([Path({str(tmp_path)!r})], default_settings(), Path({str(tmp_path)!r}))\n"
        "print('pathspec' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "False"
