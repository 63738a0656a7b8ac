"""Hostile input: every case ends quickly with a clear finding, exit code 0 or 1 (never 2), no
traceback, and nothing from the file reaches the terminal raw."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

TIME_BOUND = 30.0  # seconds: generous for a slow CI machine; a hang would take forever


def bomb(path: Path) -> None:
    lines = ["---", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    path.write_text("\n".join([*lines, "---", ""]), encoding="utf-8")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def sock(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: the file stays a socket for the run


def unreadable(path: Path) -> None:
    path.write_text("---\nslug: x\n---\n", encoding="utf-8")
    path.chmod(0)


CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (make the file, expected code, words the message must contain)
    "alias-bomb": (bomb, "PL014", "aliases"),
    "deep-flow": (lambda p: p.write_text("---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\n"), "PL014", "nests deeper"),
    "deep-block": (lambda p: p.write_text("---\nx:\n" + "- " * 50000 + "a\n---\n"), "PL014", "nests deeper"),
    "deep-block-indented": (lambda p: p.write_text("---\n" + "".join(" " * i + "k:\n" for i in range(300)) + "---\n"), "PL014", "nests deeper"),
    "deep-block-cr": (lambda p: p.write_text("---\nx:\r" + "".join("  " * i + "- \r" for i in range(300)) + "\n---\n", newline=""), "PL014", "nests deeper"),
    "deeper-than-libyaml": (lambda p: p.write_text("---\nx: " + "[" * 200000 + "]" * 200000 + "\n---\n"), "PL014", "nests deeper"),
    "twenty-megabytes": (lambda p: p.write_text("---\nslug: big\n---\n" + "word " * 4_200_000), "PL014", "MiB"),
    "five-megabyte-line": (lambda p: p.write_text('---\ntitle: "' + "x" * 5_000_000 + '"\n---\n'), "PL101", "missing required key"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 16), "PL001", "not valid UTF-8"),
    "not-utf8": (lambda p: p.write_bytes(b"---\ntitle: caf\xe9\n---\n"), "PL001", "0xe9"),
    "zero-bytes": (lambda p: p.write_bytes(b""), "PL002", "empty"),
    "only-dashes": (lambda p: p.write_text("---"), "PL004", "never closed"),
    "fifo": (fifo, "PL008", "named pipe"),
    "socket": (sock, "PL008", "socket"),
    "symlink-loop": (lambda p: p.symlink_to(p.name), "PL008", "cannot be read"),
    "symlink-outside": (lambda p: p.symlink_to("/etc/hostname"), "PL008", "outside the library"),
    "python-object-tag": (lambda p: p.write_text('---\nslug: x\nx: !!python/object/apply:os.system ["touch PWNED"]\ny: !custom 1\n---\n'), "PL102", "unexpected key"),
}


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "patternlint", "check", ".", "--no-cache", *args],
        cwd=folder, env=env, capture_output=True, text=True, timeout=TIME_BOUND * 2,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_a_finding(tmp_path: Path, case: str) -> None:
    make, code, words = CASES[case]
    if case == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    make(tmp_path / "x.md")
    started = time.monotonic()
    result = run(tmp_path, "-f", "json")
    assert time.monotonic() - started < TIME_BOUND
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert any(f["code"] == code and words in f["message"] for f in findings), findings[:3]
    assert not (tmp_path / "PWNED").exists()


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file regardless of its mode")
    unreadable(tmp_path / "x.md")
    result = run(tmp_path, "-f", "json")
    assert result.returncode == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["PL008"]


def test_folder_named_like_a_pattern_and_odd_file_names(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    (tmp_path / "x.md" / "inner.md").write_text("---\nslug: inner\n---\n", encoding="utf-8")
    for name in ("with space.md", "new\nline.md", "ünïcode.md"):
        (tmp_path / name).write_text("---\nslug: x\n---\n", encoding="utf-8")
    result = run(tmp_path, "-f", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert {"with space.md", "new\nline.md", "ünïcode.md", os.path.join("x.md", "inner.md")} <= paths
    text = run(tmp_path).stdout
    assert "new\\nline.md:" in text and "new\nline.md:" not in text


def test_terminal_control_sequences_and_markup_are_shown_literally(tmp_path: Path) -> None:
    slug = "[bold red]x[/bold red]\\e]8;;http://evil\\a link\\e]8;;\\a\\e[2J\\a"
    (tmp_path / "x.md").write_text(f'---\nslug: "{slug}"\ntitle: "%0A::error::injected"\n---\n', encoding="utf-8")
    for fmt in ("full", "concise"):
        out = run(tmp_path, "-f", fmt).stdout
        assert "\x1b" not in out and "\x07" not in out
        assert "[bold red]x[/bold red]\\x1b]8;;http://evil\\x07 link" in out
    github = run(tmp_path, "-f", "github").stdout.splitlines()
    # One workflow command per finding (nothing from the file can start a line), then the
    # summary line.
    assert all(line.startswith("::error ") or line.startswith("::warning ") for line in github[:-1])
    assert github[-1].startswith("Checked 1 file")
    for fmt in ("json", "sarif", "json-lines", "gitlab"):
        out = run(tmp_path, "-f", fmt).stdout
        for line in out.splitlines() if fmt == "json-lines" else [out]:
            json.loads(line)


def test_limits_are_configurable(tmp_path: Path) -> None:
    (tmp_path / "patternlint.toml").write_text("max-file-size = 100\nmax-nesting-depth = 3\n", encoding="utf-8")
    (tmp_path / "big.md").write_text("---\nslug: big\n---\n" + "text " * 50, encoding="utf-8")
    (tmp_path / "deep.md").write_text("---\nslug: deep\nx: [[[[1]]]]\n---\n", encoding="utf-8")
    findings = json.loads(run(tmp_path, "-f", "json").stdout)["findings"]
    limits = {(f["path"], f["code"]) for f in findings if f["code"] == "PL014"}
    assert limits == {("big.md", "PL014"), ("deep.md", "PL014")}


def test_reads_are_sized_by_stat_but_never_trust_it() -> None:
    import io

    from patternlint.reading import read_upto

    data = bytes(range(100))
    assert read_upto(io.BytesIO(data), 100, 1000) == data
    assert read_upto(io.BytesIO(data), 0, 1000) == data  # procfs says 0 bytes
    assert read_upto(io.BytesIO(data), 10, 1000) == data  # it grew since the stat
    assert read_upto(io.BytesIO(data), 10, 31) == data[:31]  # never past `most`
    assert read_upto(io.BytesIO(data), 200, 50) == data[:50]
    assert read_upto(io.BytesIO(data[:5]), 10, 1000) == data[:5]  # it shrank


@pytest.mark.parametrize("key", ["vitality", "overall_score", "autonomy"])
def test_an_integer_too_large_for_a_float_is_a_range_finding(tmp_path: Path, key: str) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "valid" / "accountability-partnership.md"
    lines = example.read_text(encoding="utf-8").splitlines(keepends=True)
    [at] = [i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:")][:1]
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}{key}: {'9' * 400}\n"
    (tmp_path / "accountability-partnership.md").write_text("".join(lines), encoding="utf-8")
    done = run(tmp_path, "-f", "concise")
    assert done.returncode == 1, done.stderr
    assert f"PL105 `ontology.commons_assessment.{key}` is `999" in done.stdout
