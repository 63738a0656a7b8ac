"""`patternlint init` writes a contract that fits the files it finds: a built-in one when one
fits, else one read from the files (patternlint.infer), which checked back on the same files
reports their real deviations and nothing else."""

from __future__ import annotations

import dataclasses
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.config import Overrides, resolve
from patternlint.model import Finding
from patternlint.pipeline import lint

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
OTHERS = SHARED / "reference" / "other-libraries"


def init(folder: Path, *flags: str) -> tuple[str, dict[str, object]]:
    result = CliRunner().invoke(app, ["init", str(folder), *flags])
    assert result.exit_code == 0, result.output
    text = (folder / "patternlint.toml").read_text(encoding="utf-8")
    return result.stdout, tomllib.loads(text)


def check(folder: Path) -> list[Finding]:
    settings = dataclasses.replace(resolve([folder], folder, Overrides()).settings, cache_dir=None, jobs=1)
    return list(lint([folder], settings, cwd=folder).findings)


def configuration_lines(folder: Path) -> int:
    text = (folder / "patternlint.toml").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


PATTERN = """\
# {title}

## Intent

What it is for.

## Motivation

Why.

## {solution}

How.

## Known Uses

Where.
"""


def test_init_reads_a_contract_from_the_files(tmp_path: Path) -> None:
    # Six patterns without frontmatter, `Solution` in four and `Solutions` in two, and an index
    # page that is no pattern; one pattern lacks its Known Uses.
    lib = tmp_path / "patterns"
    lib.mkdir()
    for n in range(6):
        text = PATTERN.format(title=f"P{n}", solution="Solution" if n < 4 else "Solutions")
        if n == 5:
            text = text[: text.index("## Known Uses")]
        (lib / f"p{n}.md").write_text(text, encoding="utf-8")
    (lib / "index.md").write_text("# Patterns\n\n- [P0](p0.md)\n", encoding="utf-8")
    said, config = init(tmp_path)
    assert said == f"wrote {tmp_path / 'patternlint.toml'} (library: patterns; a contract read from 7 files, 6 of them patterns)\n"
    assert config["profile"] == ["library", "not-a-pattern"]
    assert config["profiles"] == {
        "library": {
            "frontmatter": "optional",
            "when": {"heading": ["Intent"]},
            "section-level": 2,
            "sections": ["Intent", "Motivation", {"name": "Solution", "spellings": ["Solutions"]}, "Known Uses"],
        }
    }
    found = check(tmp_path)
    assert [(Path(f.path).name, f.code, f.message) for f in found] == [
        ("p5.md", "PL401", "required section `Known Uses` is missing")
    ]
    assert configuration_lines(tmp_path) <= 15


def test_init_names_a_built_in_contract_that_fits(tmp_path: Path) -> None:
    lib = tmp_path / "handbook"
    shutil.copytree(ROOT / "tests" / "profiles" / "peeragogy-md", lib)
    (lib / "chapter.md").write_text("## Peer learning\n\n**Problem**: a chapter, not a pattern.\n", encoding="utf-8")
    said, config = init(tmp_path)
    assert config["profile"] == ["peeragogy-md", "not-a-pattern"] and "profiles" not in config
    assert said.endswith("(library: handbook; built-in profile `peeragogy-md`, `not-a-pattern`)\n")
    # Only the real deviation: isolation.md's Problem label continues the paragraph before it.
    assert [(Path(f.path).name, f.code) for f in check(tmp_path)] == [("isolation.md", "PL401")]
    _, config = init(tmp_path, "--force", "--from-files")
    assert config["profile"] == ["library", "not-a-pattern"]


LIBRARIES = {
    # folder: (what init writes without and with --from-files: findings per rule)
    "innersource-patterns/patterns": ({"PL401": 18, "PL404": 1, "PL405": 6, "PL407": 13, "PL412": 1}, {"PL401": 18, "PL404": 1, "PL405": 1, "PL407": 4}),
    "peeragogy/handbook-en-md": ({"PL401": 2}, {"PL401": 2}),
    "peeragogy/org": ({"PL401": 8}, {"PL401": 3}),
}


@pytest.mark.skipif(not OTHERS.is_dir(), reason="needs ../shared/reference")
@pytest.mark.parametrize("library", sorted(LIBRARIES))
@pytest.mark.parametrize("from_files", [False, True])
def test_init_on_real_libraries(tmp_path: Path, library: str, from_files: bool) -> None:
    shutil.copytree(OTHERS / library, tmp_path / "lib")
    init(tmp_path, *(["--from-files"] if from_files else []))
    assert configuration_lines(tmp_path) <= 15
    assert Counter(f.code for f in check(tmp_path)) == LIBRARIES[library][from_files]
