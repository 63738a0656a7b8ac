"""`patternlint check - --stdin-filename PATH`: stdin's text checked as the file PATH of its
library, standing in for that file in the library index; with `--fix`, the fixed text on
stdout and the report on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from patternlint.cli.app import app
from test_formats import ENV, WEIGHT_MESSAGE, make_library, only_rules

WEIGHT = "PL105-value-out-of-range/fail-weight.md"


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    only_rules(monkeypatch, "PL105", "PL201", "PL301", "PL501", "PL503")
    return make_library(tmp_path, WEIGHT)


def run(*args: str, text: bytes) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, list(args), input=text, env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def test_stdin_is_checked_instead_of_the_file_on_disk(lib: Path) -> None:
    on_disk = (lib / "fail-weight.md").read_bytes()
    code, out, _ = run("check", "--no-cache", "-f", "concise", "-", "--stdin-filename", "lib/fail-weight.md",
                       text=on_disk)
    assert (code, out.decode().splitlines()) == (1, [
        f"lib/fail-weight.md:66:15: PL105 {WEIGHT_MESSAGE}",
        f"Checked 1 file (library of 3 at {lib}): 1 error",
    ])
    fixed = on_disk.replace(b"weight: 1.4", b"weight: 0.4")
    code, out, _ = run("check", "--no-cache", "-", "--stdin-filename", "lib/fail-weight.md", text=fixed)
    assert (code, out.decode()) == (0, f"Checked 1 file (library of 3 at {lib}): no problems found\n")
    assert (lib / "fail-weight.md").read_bytes() == on_disk


def test_stdin_stands_in_for_its_file_in_the_library_index(lib: Path) -> None:
    partner = (lib / "pass-accountability-partnership.md").read_bytes()
    # As the file itself: its slug is its own, once.
    code, out, _ = run("check", "--no-cache", "-", "--stdin-filename", "lib/pass-accountability-partnership.md",
                       text=partner)
    assert (code, out.decode()) == (0, f"Checked 1 file (library of 3 at {lib}): no problems found\n")
    # As a new file: the library now has the slug twice, and the name does not match it.
    code, out, _ = run("check", "--no-cache", "-f", "concise", "-", "--stdin-filename", "lib/copy.md", text=partner)
    assert code == 1
    assert [line.split(" ")[1] for line in out.decode().splitlines()[:-1]] == ["PL501", "PL503"]
    assert out.decode().splitlines()[-1] == f"Checked 1 file (library of 4 at {lib}): 2 errors"
    # A slug renamed in the unsaved text: the index holds the text's slug, not the disk's.
    renamed = partner.replace(b"slug: pass-accountability-partnership", b"slug: partnership")
    code, out, _ = run("check", "--no-cache", "-f", "concise", "-", "--stdin-filename",
                       "lib/pass-accountability-partnership.md", text=renamed)
    assert [line.split(" ")[1] for line in out.decode().splitlines()[:-1]] == ["PL501"]


def test_fix_writes_the_fixed_text_to_stdout(lib: Path) -> None:
    on_disk = (lib / "pass-peer-knowledge-exchange.md").read_bytes()
    stale = on_disk.replace(b"overall_score: ", b"overall_score: 0.1 #", 1)
    assert stale != on_disk
    code, out, err = run("check", "--no-cache", "--fix", "-", "--stdin-filename",
                         "lib/pass-peer-knowledge-exchange.md", text=stale)
    assert code == 0
    assert out != stale and b"overall_score: 0.1" not in out
    assert err == (
        "patternlint: fixed 1 finding in stdin's text\n"
        f"Checked 1 file (library of 3 at {lib}): no problems found\n"
    )
    assert (lib / "pass-peer-knowledge-exchange.md").read_bytes() == on_disk  # nothing written
    # Nothing to fix: the text comes back as it was.
    code, out, err = run("check", "--no-cache", "--fix", "-", "--stdin-filename", "lib/fail-weight.md",
                         text=(lib / "fail-weight.md").read_bytes())
    assert (code, out) == (1, (lib / "fail-weight.md").read_bytes())
    assert "lib/fail-weight.md:66:15" in err


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["-"], "`-` reads a pattern from stdin; say which file it is with `--stdin-filename PATH`"),
        (["lib", "--stdin-filename", "lib/a.md"],
         "`--stdin-filename` names the file that stdin stands for; give `-` as the path"),
        (["-", "lib", "--stdin-filename", "lib/a.md"], "`-` (stdin) is the only path of its check"),
        (["-", "--stdin-filename", "nowhere/a.md"], "`--stdin-filename`: the folder of `nowhere/a.md` does not exist"),
        (["-", "--stdin-filename", "lib/a.md", "--staged"],
         "stdin (`-`) is one file's text; it cannot be combined with `--staged`"),
    ],
    ids=["no-filename", "no-dash", "other-paths", "no-folder", "staged"],
)
def test_stdin_usage_errors(lib: Path, args: list[str], error: str) -> None:
    code, out, err = run("check", "--no-cache", *args, text=b"---\n")
    assert (code, out, err) == (2, b"", f"patternlint: error: {error}\n")


def test_diff_shows_the_fixes_to_stdins_text(lib: Path) -> None:
    on_disk = (lib / "pass-peer-knowledge-exchange.md").read_bytes()
    stale = on_disk.replace(b"overall_score: ", b"overall_score: 0.1 #", 1)
    code, out, err = run("check", "--no-cache", "--diff", "-", "--stdin-filename",
                         "lib/pass-peer-knowledge-exchange.md", text=stale)
    assert (code, err) == (1, "patternlint: would fix 1 finding in 1 file\n")
    diff = out.decode().splitlines()
    assert diff[:2] == ["--- a/lib/pass-peer-knowledge-exchange.md", "+++ b/lib/pass-peer-knowledge-exchange.md"]
    assert [line[0] for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")] == ["-", "+"]
    assert (lib / "pass-peer-knowledge-exchange.md").read_bytes() == on_disk
