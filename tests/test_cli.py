"""The command line: exit codes, exact output, JSON shape, escaping, pre-commit runs, the cache.

Typer's CliRunner runs the app in-process; a few tests run `python -m patternlint` for real.
Every test works in its own temporary folder, so no cache is ever written into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import patternlint
from patternlint.cli.app import app
from patternlint.rules import RULES

from test_formats import PASS_PAIR, make_library

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"NO_COLOR": "1", "PATTERNLINT_CACHE_DIR": None}

WEIGHT_LINE = (
    "  lib/fail-weight.md:66:15  PL105 error  "
    "`relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1`"
)
# The default `full` format shows the offending line with a caret under the span.
WEIGHT_FRAME = ["    66 |       weight: 1.4  # expect: PL105", "       |               ^^^"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "patternlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Exit codes and exact text output


def test_clean_library_exits_0(in_tmp: Path) -> None:
    make_library(in_tmp)
    code, out, err = run("check", "--no-cache", "lib")
    assert (code, out, err) == (0, "Checked 2 files: no problems found\n", "")


def test_library_with_an_error_exits_1_with_exact_output(in_tmp: Path) -> None:
    make_library(
        in_tmp,
        "PL105-value-out-of-range/fail-weight.md",
        "PL303-unresolved-inferred-link/fail-inferred-typo.md",
    )
    code, out, err = run("check", "--no-cache", "lib")
    assert code == 1
    assert err == ""
    assert out.splitlines() == [
        "lib/fail-inferred-typo.md",
        "  lib/fail-inferred-typo.md:91:15  PL303 warning  "
        "inferred link target `pass-accountability-partnershp` is not a pattern in this library",
        "    91 |     - target: pass-accountability-partnershp  # expect: PL303",
        "       |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "      hint: did you mean `pass-accountability-partnership`?",
        "",
        "lib/fail-weight.md",
        WEIGHT_LINE,
        *WEIGHT_FRAME,
        "",
        "Checked 4 files: 1 error, 1 warning",
    ]


def test_warnings_alone_exit_0(in_tmp: Path) -> None:
    make_library(in_tmp, "PL303-unresolved-inferred-link/fail-inferred-typo.md")
    code, out, _ = run("check", "--no-cache", "lib")
    assert code == 0
    assert out.splitlines()[-1] == "Checked 3 files: 1 warning"


def test_nonexistent_path_exits_2_with_one_line(in_tmp: Path) -> None:
    code, out, err = run("check", "--no-cache", "no-such-folder")
    assert (code, out) == (2, "")
    assert err == "patternlint: error: path `no-such-folder` does not exist\n"


def test_nonexistent_path_in_a_real_process(tmp_path: Path) -> None:
    proc = run_process(tmp_path, "check", "--no-cache", "missing.md")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == "patternlint: error: path `missing.md` does not exist\n"


def test_unknown_output_format_is_a_usage_error(in_tmp: Path) -> None:
    make_library(in_tmp)
    code, out, err = run("check", "--no-cache", "-f", "xml", "lib")
    assert code == 2 and out == ""
    assert "xml" in err and "Traceback" not in err


def test_internal_error_exits_2_without_a_traceback(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import patternlint.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(patternlint.pipeline, "lint_run", boom)
    make_library(in_tmp)
    code, out, err = run("check", "--no-cache", "lib")
    assert (code, out) == (2, "")
    assert err == "patternlint: internal error: RuntimeError: boom\nRun again with --verbose to see the traceback.\n"


def test_exit_codes_in_real_processes(tmp_path: Path) -> None:
    make_library(tmp_path, name="clean")
    make_library(tmp_path, "PL105-value-out-of-range/fail-weight.md", name="lib")
    clean = run_process(tmp_path, "check", "--no-cache", "clean")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "Checked 2 files: no problems found\n", "")
    dirty = run_process(tmp_path, "check", "--no-cache", "lib")
    assert dirty.returncode == 1
    assert dirty.stdout.splitlines() == ["lib/fail-weight.md", WEIGHT_LINE, *WEIGHT_FRAME, "", "Checked 3 files: 1 error"]
    assert "\x1b" not in dirty.stdout


# ---------------------------------------------------------------------------------------------
# JSON


def test_json_output_shape(in_tmp: Path) -> None:
    make_library(
        in_tmp,
        "PL105-value-out-of-range/fail-weight.md",
        "PL303-unresolved-inferred-link/fail-inferred-typo.md",
    )
    code, out, _ = run("check", "--no-cache", "-f", "json", "lib")
    assert code == 1
    doc = json.loads(out)
    assert set(doc) == {"version", "findings", "summary"}
    assert doc["version"] == 1
    assert doc["findings"] == [
        {
            "path": "lib/fail-inferred-typo.md",
            "line": 91,
            "column": 15,
            "end_line": 91,
            "end_column": 15 + len("pass-accountability-partnershp"),
            "code": "PL303",
            "rule": "unresolved-inferred-link",
            "severity": "warning",
            "message": "inferred link target `pass-accountability-partnershp` is not a pattern in this library",
            "hint": "did you mean `pass-accountability-partnership`?",
        },
        {
            "path": "lib/fail-weight.md",
            "line": 66,
            "column": 15,
            "end_line": 66,
            "end_column": 18,
            "code": "PL105",
            "rule": "value-out-of-range",
            "severity": "error",
            "message": "`relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1`",
            "hint": None,
        },
    ]
    assert doc["summary"] == {
        "files_checked": 4,
        "library_files": 4,
        "errors": 1,
        "warnings": 1,
        "infos": 0,
        "by_rule": {"PL105 value-out-of-range": 1, "PL303 unresolved-inferred-link": 1},
    }


def test_json_output_of_a_clean_library(in_tmp: Path) -> None:
    make_library(in_tmp)
    code, out, _ = run("check", "--no-cache", "--output-format", "JSON", "lib")
    assert code == 0
    doc = json.loads(out)
    assert doc["findings"] == []
    assert doc["summary"]["files_checked"] == 2 and doc["summary"]["by_rule"] == {}


# ---------------------------------------------------------------------------------------------
# Text from files is printed literally: no Rich markup, no raw control characters


HOSTILE = (
    FIXTURES / "PL105-value-out-of-range" / "pass-peer-knowledge-exchange.md"
).read_text(encoding="utf-8")
HOSTILE = (
    HOSTILE.replace("slug: pass-peer-knowledge-exchange", "slug: hostile")
    .replace("id: pat_01khvcxd3bexrv4887nxwg53w8", "id: pat_01khvcxd3bexrv4887nxwg5888")
    .replace('title: "Peer Knowledge Exchange"', 'title: "[bold]x[/bold]"')
    .replace("  requires: []\n", '  requires:\n    - slug: "[red]x"\n      weight: 0.5\n    - slug: "\\e[31mevil"\n      weight: 0.5\n')
    .replace("### Section 2: Problem", "### Problem [bold]x[/bold]")
)


def test_markup_and_control_characters_are_shown_literally(in_tmp: Path) -> None:
    lib = make_library(in_tmp)
    (lib / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "lib")
    assert code == 1
    assert "\x1b" not in out
    hint_gone = "      hint: check the slug, or remove the item if the pattern was deleted"
    frame_68 = ['    68 |     - slug: "[red]x"', "       |             ^^^^^^^^"]
    frame_70 = ['    70 |     - slug: "\\e[31mevil"', "       |             ^^^^^^^^^^^^"]
    assert out.splitlines() == [
        "lib/hostile.md",
        "  lib/hostile.md:68:13  PL106 error  `relationships.requires[0].slug` is `[red]x`; expected lowercase kebab-case identifier (a-z, 0-9, single hyphens between words)",
        *frame_68,
        "  lib/hostile.md:68:13  PL301 error  `requires` points at `[red]x`, which is not a pattern in this library",
        *frame_68,
        hint_gone,
        "  lib/hostile.md:70:13  PL106 error  `relationships.requires[1].slug` is `\\x1b[31mevil`; expected lowercase kebab-case identifier (a-z, 0-9, single hyphens between words)",
        *frame_70,
        "  lib/hostile.md:70:13  PL301 error  `requires` points at `\\x1b[31mevil`, which is not a pattern in this library",
        *frame_70,
        hint_gone,
        "  lib/hostile.md:122:1  PL402 [*] error  section heading `Problem [bold]x[/bold]` has no section number; "
        "expected `Section 2: Problem`",
        "    122 | ### Problem [bold]x[/bold]",
        "        | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "      hint: write the heading as `### Section 2: Problem`",
        "",
        "Checked 3 files: 5 errors",
    ]


def test_text_reporter_escapes_control_characters_even_in_colour(in_tmp: Path) -> None:
    import io

    from patternlint.pipeline import lint
    from patternlint.reporters import full, text
    from patternlint.settings import default_settings
    from dataclasses import replace

    lib = make_library(in_tmp)
    (lib / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    result = lint([lib], replace(default_settings(), cache_dir=None, jobs=1), cwd=in_tmp)
    stream = io.StringIO()
    text.write(full.report(result), stream, color=True)
    out = stream.getvalue()
    assert "\x1b[" in out  # the report itself is coloured …
    assert "\x1b[31mevil" not in out  # … but the file's escape sequence is not sent raw
    assert "\\x1b[31mevil" in out
    assert "[red]x" in out and "[bold]x[/bold]" in out


# ---------------------------------------------------------------------------------------------
# rules, explain, --version


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"patternlint {patternlint.__version__}\n")


def test_version_in_a_real_process(tmp_path: Path) -> None:
    proc = run_process(tmp_path, "--version")
    assert (proc.returncode, proc.stdout) == (0, f"patternlint {patternlint.__version__}\n")


def test_rules_lists_every_code() -> None:
    code, out, _ = run("rules")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("PL")]
    assert listed == [r.code for r in RULES]


def test_rules_lists_every_name_in_full() -> None:
    _, out, _ = run("rules")
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("PL")}
    assert rows == {r.code: r.name for r in RULES}


@pytest.mark.parametrize("query", ["PL201", "pl201", "overall-score-mismatch"])
def test_explain_prints_the_doc(query: str) -> None:
    from patternlint.rules import BY_CODE

    code, out, _ = run("explain", query)
    assert code == 0
    assert out.startswith("# PL201 overall-score-mismatch\n")
    assert BY_CODE["PL201"].doc.strip() in out


def test_explain_unknown_code_exits_2() -> None:
    code, out, err = run("explain", "PL999")
    assert (code, out) == (2, "")
    assert err == "patternlint: error: no rule `PL999` (see `patternlint rules`)\n"


def test_explain_near_miss_suggests_the_name() -> None:
    code, _, err = run("explain", "overall-score-mismatc")
    assert code == 2
    assert "did you mean `overall-score-mismatch`?" in err


# ---------------------------------------------------------------------------------------------
# Pre-commit: only the changed files are passed, the whole folder is the library


def _pre_commit_library(root: Path) -> Path:
    lib = root / "lib"
    # `*.fixed.md` files are expected `--fix` results, not patterns of the folder.
    shutil.copytree(FIXTURES / "PL301-unresolved-relationship", lib, ignore=shutil.ignore_patterns("*.fixed.md"))
    return lib


def test_one_file_resolves_against_the_whole_folder(in_tmp: Path) -> None:
    lib = _pre_commit_library(in_tmp)
    # Its links name other files of the folder by file name and by slug; all resolve.
    code, out, _ = run("check", "--no-cache", "lib/pass-links-resolve-by-file-name-and-slug.md")
    assert code == 0
    library_files = len(list(lib.glob("*.md")))
    root = Path.cwd() / "lib"  # the library root is shown as the engine saw it
    assert lib.samefile(root)
    assert out == f"Checked 1 file (library of {library_files} at {root}): no problems found\n"


def test_one_file_reports_only_that_file(in_tmp: Path) -> None:
    _pre_commit_library(in_tmp)
    code, out, _ = run("check", "--no-cache", "-f", "json", "lib/fail-typo-slug.md")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [("lib/fail-typo-slug.md", 65, "PL301")]


def test_pre_commit_style_real_process(tmp_path: Path) -> None:
    _pre_commit_library(tmp_path)
    proc = run_process(tmp_path, "check", "--no-cache", "lib/fail-typo-slug.md", "lib/fail-deleted-target.md")
    assert proc.returncode == 1
    paths = {line.split(":")[0].strip() for line in proc.stdout.splitlines() if line.startswith("  lib/")}
    assert paths == {"lib/fail-typo-slug.md", "lib/fail-deleted-target.md"}


def test_duplicate_id_is_reported_only_on_the_file_passed(in_tmp: Path) -> None:
    shutil.copytree(FIXTURES / "PL502-duplicate-id", in_tmp / "lib")
    code, out, _ = run("check", "--no-cache", "-f", "json", "lib/fail-copied-pattern.md")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [("lib/fail-copied-pattern.md", "PL502")]
    # the other file is named as seen from the reported file's folder
    assert findings[0]["message"].endswith("is also used by `fail-copied-pattern-v2.md`")


# ---------------------------------------------------------------------------------------------
# The cache


def test_second_cached_run_gives_identical_output(in_tmp: Path) -> None:
    make_library(
        in_tmp,
        "PL105-value-out-of-range/fail-weight.md",
        "PL303-unresolved-inferred-link/fail-inferred-typo.md",
    )
    first = run("check", "--cache-dir", "cache", "lib")
    assert (in_tmp / "cache" / "CACHEDIR.TAG").is_file()
    assert list((in_tmp / "cache").glob("*.json"))
    second = run("check", "--cache-dir", "cache", "lib")
    assert second == first
    assert first[0] == 1 and WEIGHT_LINE in first[1].splitlines()
    assert run("check", "--cache-dir", "cache", "-f", "json", "lib") == run("check", "--no-cache", "-f", "json", "lib")


def cached_library(in_tmp: Path) -> tuple[Path, tuple[int, str, str]]:
    """A library with one finding, checked once with the cache: the cache file, and the output
    that every later run must repeat whatever was done to the cache."""
    make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")
    [cache_file] = (in_tmp / "cache").glob("library-*.json")
    return cache_file, first


def read_cache(file: Path) -> list[Any]:
    """The cache file's header, kept result and body (one JSON document a line, after the seal)."""
    seal, *parts = file.read_bytes().split(b"\n")
    return [json.loads(part) for part in parts]


def write_cache(
    file: Path, header: dict[str, Any], result: dict[str, Any], body: dict[str, Any], sealed: bool = True
) -> None:
    """A cache file as given. Sealed with this user's key (as if an earlier version or a bug had
    written it), the shape checks must catch what is wrong; unsealed, it is a forgery."""
    from patternlint import cache

    header = {**header, "result_key": result.get("key")}
    header_raw, result_raw, body_raw = (json.dumps(part).encode() for part in (header, result, body))
    key = cache.secret() if sealed else bytes(32)
    assert key is not None
    front = cache._mac(key, file.name, header_raw, b"\n", result_raw)
    seal = f"{front.hex()} {cache._mac(key, file.name, front, body_raw).hex()}".encode()
    file.write_bytes(b"\n".join((seal, header_raw, result_raw, body_raw)))


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xff not json",
        b'{"format": 1, "fingerprint"',
        b'{"format": 1, "files": []}',
        b"[]",
        b"",
        b'{"format": 3, "stamps": []}\n{}\n{}',
        b"{}\n\x00\n[1]",
    ],
    ids=["binary", "truncated", "wrong-shape", "list", "empty", "bad-stamps", "bad-lines"],
)
def test_corrupted_cache_file_is_ignored(in_tmp: Path, garbage: bytes) -> None:
    cache_file, first = cached_library(in_tmp)
    cache_file.write_bytes(garbage)
    assert run("check", "--cache-dir", "cache", "lib") == first
    assert len(read_cache(cache_file)) == 3  # rewritten as a valid cache (after its seal)
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_cache_entries_with_wrong_values_are_ignored(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    for entry in body["files"].values():
        entry["r"] = entry["r"][:3]  # a record cut short
        if entry["v"]:
            entry["v"] = [["PL105", "x", [1.5, "a"], None]]  # a span that is not four integers
    write_cache(cache_file, header, {}, body)
    assert run("check", "--cache-dir", "cache", "lib") == first


@pytest.mark.parametrize(
    "bad_link",
    [
        ["enables", "x", "slug", [1, 1, 1, 2]],  # too short
        ["enables", "x", "slug", [1, 1, 1, 2], "p", 0.5, 1],  # too long
        ["enables", 3, "slug", [1, 1, 1, 2], "p"],  # a target that is not text
        ["enables", "x", "slug", [1, 1, 1, 2], "p", "0.5"],  # a weight that is not a number
        ["enables", "x", "slug", [1, 1, 2], "p"],  # a span of three numbers
        "enables",  # not a list
    ],
)
def test_cache_records_with_bad_links_are_ignored(in_tmp: Path, bad_link: object) -> None:
    cache_file, first = cached_library(in_tmp)
    lib = in_tmp / "lib"
    header, result, body = read_cache(cache_file)
    for entry in body["files"].values():
        entry["r"][6] = [bad_link]
    write_cache(cache_file, header, {}, body)
    assert run("check", "--cache-dir", "cache", "lib") == first
    assert run("check", "--cache-dir", "cache", str(next(lib.glob("*.md")))) == run(
        "check", "--no-cache", str(next(lib.glob("*.md")))
    )


def test_cache_entry_naming_an_unknown_rule_is_ignored(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    edited = 0
    for entry in body["files"].values():
        for violation in entry["v"] or ():
            violation[0] = "PL999"
            edited += 1
    assert edited == 1
    write_cache(cache_file, header, {}, body)
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_a_warm_run_reads_only_the_header_and_the_result(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from patternlint import cache

    make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")

    def unread(raw: bytes) -> object:
        raise AssertionError("the body was read")

    monkeypatch.setattr(cache, "_body", unread)
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_a_one_file_run_that_changed_nothing_leaves_the_librarys_kept_result(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-commit or an editor checks one unchanged file between two runs over the library:
    the cache is not rewritten for it, and the library run still reuses its kept result."""
    from patternlint import cache

    make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")
    [cache_file] = (in_tmp / "cache").glob("library-*.json")
    before = cache_file.read_bytes()
    one = sorted((in_tmp / "lib").glob("*.md"))[0]
    code, out, _ = run("check", "--cache-dir", "cache", str(one.relative_to(in_tmp)))
    assert code in (0, 1), out
    assert cache_file.read_bytes() == before

    def unread(raw: bytes) -> object:
        raise AssertionError("the body was read")

    monkeypatch.setattr(cache, "_body", unread)
    assert run("check", "--cache-dir", "cache", "lib") == first


@pytest.mark.parametrize("stamp", [[1, 2], ["1", 2, "h", True], [1, 2, 3, True], [1, 2, "h", 1], "stamp", None])
def test_stamps_of_the_wrong_shape_are_ignored(in_tmp: Path, stamp: object) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    header["stamps"] = {key: stamp for key in header["stamps"]}
    write_cache(cache_file, header, result, body)
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_a_kept_result_that_cannot_be_read_is_recomputed(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    for bad in ({**result, "findings": [["lib/x.md"]]}, {**result, "findings": 3}, {"key": result["key"]}):
        write_cache(cache_file, header, bad, body)
        assert run("check", "--cache-dir", "cache", "lib") == first


def test_stamps_without_their_entries_are_recomputed(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    body["files"] = {}
    write_cache(cache_file, header, {}, body)
    assert run("check", "--cache-dir", "cache", "lib") == first
    header, result, body = read_cache(cache_file)
    assert set(body["files"]) == set(header["stamps"]) and len(body["files"]) == len(list((in_tmp / "lib").glob("*.md")))


def test_a_cache_of_the_earlier_one_document_format_is_ignored(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    cache_file.write_text(json.dumps({**header, "format": 2, "files": body["files"], "result": result}), encoding="utf-8")
    assert run("check", "--cache-dir", "cache", "lib") == first
    from patternlint.cache import FORMAT

    assert read_cache(cache_file)[0]["format"] == FORMAT


def test_a_touched_file_keeps_its_entry_and_the_new_time_is_kept(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    path = in_tmp / "lib" / "fail-weight.md"
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    assert run("check", "--cache-dir", "cache", "lib") == first
    header, result, body = read_cache(cache_file)
    assert header["stamps"][str(path)][0] == before.st_mtime_ns + 5_000_000_000
    assert set(body["files"]) == set(header["stamps"]) and result["key"] == header["result_key"]
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_cache_sees_an_edited_file(in_tmp: Path) -> None:
    lib = make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    assert run("check", "--cache-dir", "cache", "lib")[0] == 1
    path = lib / "fail-weight.md"
    size = path.stat().st_size
    # Same size, new content: the cache must not trust size alone.
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 1.4 ", "weight: 0.4 "), encoding="utf-8")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == size
    assert run("check", "--cache-dir", "cache", "lib") == (0, "Checked 3 files: no problems found\n", "")


def test_cache_rechecks_links_to_a_changed_file(in_tmp: Path) -> None:
    lib = make_library(in_tmp)
    assert run("check", "--cache-dir", "cache", "lib")[0] == 0
    # Rename the target and its slug; the file that links to it is unchanged (and cached).
    target = lib / "pass-accountability-partnership.md"
    text = target.read_text(encoding="utf-8")
    target.unlink()
    renamed = text.replace("slug: pass-accountability-partnership", "slug: pass-peer-accountability")
    (lib / "pass-peer-accountability.md").write_text(renamed, encoding="utf-8")
    code, out, _ = run("check", "--cache-dir", "cache", "-f", "json", "lib")
    assert code == 1
    findings = [(f["path"], f["line"], f["code"]) for f in json.loads(out)["findings"]]
    assert findings == [
        ("lib/pass-peer-knowledge-exchange.md", 65, "PL301"),
        ("lib/pass-peer-knowledge-exchange.md", 91, "PL303"),
    ]


def test_cached_pre_commit_run_reports_only_the_files_passed(in_tmp: Path) -> None:
    _pre_commit_library(in_tmp)
    run("check", "--cache-dir", "cache", "lib")
    code, out, _ = run("check", "--cache-dir", "cache", "-f", "json", "lib/fail-typo-slug.md")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [("lib/fail-typo-slug.md", 65, "PL301")]
    # and back: the whole folder again, from the cache, reports everything again
    assert run("check", "--cache-dir", "cache", "lib") == run("check", "--no-cache", "lib")


def test_default_cache_dir_is_in_the_current_folder(in_tmp: Path) -> None:
    make_library(in_tmp)
    assert run("check", "lib")[0] == 0
    assert (in_tmp / ".patternlint_cache" / "CACHEDIR.TAG").is_file()
    assert run("check", "--no-cache", "lib", "--cache-dir", "elsewhere")[0] == 0
    assert not (in_tmp / "elsewhere").exists()


def test_a_kept_report_is_reused_only_while_nothing_changes(in_tmp: Path) -> None:
    lib = make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")
    assert first[0] == 1 and list((in_tmp / "cache" / "reports").iterdir())
    assert run("check", "--cache-dir", "cache", "lib") == first
    # A different presentation is not the kept one.
    concise = run("check", "--cache-dir", "cache", "lib", "-f", "concise")
    assert concise[1] != first[1] and concise[1].startswith("lib/fail-weight.md:66:15: PL105")
    # A new defect elsewhere: the result, and so the report, is new.
    other = lib / PASS_PAIR[0]
    other.write_text(other.read_text(encoding="utf-8").replace("weight: 0.88", "weight: 8.8", 1), encoding="utf-8")
    again = run("check", "--cache-dir", "cache", "lib")
    assert again[1] != first[1] and "8.8" in again[1]


def test_a_kept_report_is_not_reused_after_a_settings_change(in_tmp: Path) -> None:
    make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")
    assert "PL105" in first[1]
    (in_tmp / "patternlint.toml").write_text("ignore = ['PL105']\n", encoding="utf-8")
    second = run("check", "--cache-dir", "cache", "lib")
    assert second[0] == 0 and "PL105" not in second[1]


def test_cache_entry_without_findings_key_is_ignored(in_tmp: Path) -> None:
    cache_file, expected = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    for entry in body["files"].values():
        del entry["v"]
    write_cache(cache_file, header, {}, body)
    assert run("check", "--cache-dir", "cache", "lib") == expected


def test_a_cached_file_that_became_a_fifo_is_not_read(in_tmp: Path) -> None:
    lib = make_library(in_tmp)
    (lib / "x.md").write_text("", encoding="utf-8")
    run("check", "--cache-dir", "cache", "lib")
    (lib / "x.md").unlink()
    os.mkfifo(lib / "x.md")
    result = run_process(in_tmp, "check", "--cache-dir", "cache", "lib")
    assert result.returncode == 1 and "named pipe" in result.stdout


def test_a_cached_file_swapped_for_a_link_out_of_the_library_is_not_trusted(in_tmp: Path) -> None:
    lib = make_library(in_tmp)
    run("check", "--cache-dir", "cache", "lib")
    path = next(lib.glob("*.md"))
    outside = in_tmp / "outside.md"
    shutil.copy2(path, outside)  # same size and time: only the link gives it away
    path.unlink()
    path.symlink_to(outside)
    cached, fresh = run("check", "--cache-dir", "cache", "lib"), run("check", "--no-cache", "lib")
    assert cached == fresh and "symbolic link to a file outside the library" in fresh[1]


def test_library_that_is_not_a_folder_is_a_usage_error(in_tmp: Path) -> None:
    make_library(in_tmp)
    code, out, err = run("check", "lib", "--library", "nope", "--no-cache")
    assert code == 2 and err == f"patternlint: error: library `{in_tmp / 'nope'}` is not a folder\n"


def test_display_paths_are_what_relative_to_gives() -> None:
    import itertools

    from patternlint.discover import display_path

    paths = ["/a/b/c.md", "/a/bc/d.md", "/a/b", "/", "/a", "/x/y.md", "/a/b/../c.md", "/a//b/c.md"]
    cwds = ["/a/b", "/", "/a", "/a/b/", "/x", "/a/b/..", "/a/bc"]
    for p, c in itertools.product(map(Path, paths), map(Path, cwds)):
        try:
            expected = str(p.relative_to(c))
        except ValueError:
            expected = str(p)
        assert display_path(p, c) == expected, (p, c)


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from patternlint import writing

    target = tmp_path / "kept.txt"
    target.write_bytes(b"old")
    writing.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", refuse)
    with pytest.raises(OSError):
        writing.write_atomically(target, b"newer")
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]
