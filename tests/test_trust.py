"""Trust boundaries. In CI the files, their names and the configuration all come from whoever
opened the pull request: nothing of theirs may hide a finding (a forged cache), hang or exhaust
the run (a cache that is a FIFO or `/dev/zero`), reach the network (a remote `$ref`), read a file
of the machine (a `library` or `$ref` outside the project) or start a workflow command on stderr.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from patternlint import cache
from patternlint.config import ConfigError, Overrides, resolve
from patternlint.facts import Layout

from test_cli import cached_library, in_tmp, read_cache, run, run_process, write_cache  # noqa: F401 - in_tmp is a fixture
from test_formats import make_library

TIME_BOUND = 30.0  # seconds: a hang would take forever, a slow CI machine a few


# ---------------------------------------------------------------------------------------------
# The cache: only what this user wrote on this machine


def test_a_forged_cache_cannot_hide_findings(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    assert first[0] == 1
    header, result, body = read_cache(cache_file)
    # Valid JSON of exactly the right shape, every finding emptied: what a pull request could
    # commit, sealed with any key but this user's.
    result["findings"] = []
    for entry in body["files"].values():
        entry["v"] = []
    write_cache(cache_file, header, result, body, sealed=False)
    assert run("check", "--cache-dir", "cache", "lib") == first
    # Rewritten, and sealed with this user's key: the next run trusts it again.
    assert read_cache(cache_file)[1]["findings"]
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_the_same_forgery_sealed_with_the_users_key_would_hide_them(in_tmp: Path) -> None:
    """The control for the test above: the seal, not the shape, is what turns the forgery away."""
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    result["findings"] = []
    write_cache(cache_file, header, result, body, sealed=True)
    assert run("check", "--cache-dir", "cache", "lib")[0] == 0


@pytest.mark.parametrize("body_sealed", [False, True])
def test_a_forged_body_under_a_genuine_header_is_dropped(in_tmp: Path, body_sealed: bool) -> None:
    # The body is read (no kept result to reuse) and checked while it is parsed: a body whose
    # own seal fails is dropped whole, and the files are checked again. The control
    # (`body_sealed`) shows the seal, not the shape, is what turns it away.
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    for entry in body["files"].values():
        entry["v"] = []
    header_raw, result_raw, body_raw = (json.dumps(part).encode() for part in ({**header, "result_key": None}, result, body))
    key = cache.secret()
    assert key is not None
    front = cache._mac(key, cache_file.name, header_raw, b"\n", result_raw)
    sealed = cache._mac(key if body_sealed else bytes(32), cache_file.name, front, body_raw)
    cache_file.write_bytes(b"\n".join((f"{front.hex()} {sealed.hex()}".encode(), header_raw, result_raw, body_raw)))
    found = run("check", "--cache-dir", "cache", "lib")
    assert (found[0] == 0) if body_sealed else (found == first)


def test_a_cache_of_the_unsealed_format_is_ignored(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    header, result, body = read_cache(cache_file)
    result["findings"] = []
    header = {**header, "format": 3}
    cache_file.write_bytes(b"\n".join(json.dumps(part).encode() for part in (header, result, body)))
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_a_forged_kept_report_is_not_shown(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    [report] = (in_tmp / "cache" / "reports").iterdir()
    key = read_cache(cache_file)[1]["key"]  # computable by anyone: settings and file contents
    report.write_text(f"{key}\nChecked 3 files: no problems found\n", encoding="utf-8")
    assert run("check", "--cache-dir", "cache", "lib") == first


def test_a_cache_file_that_is_a_fifo_does_not_hang_the_run(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    cache_file.unlink()
    os.mkfifo(cache_file)
    started = time.monotonic()
    done = run_process(in_tmp, "check", "--cache-dir", "cache", "lib")
    assert time.monotonic() - started < TIME_BOUND
    assert (done.returncode, done.stdout, done.stderr) == first
    assert stat.S_ISREG(cache_file.lstat().st_mode)  # replaced by a cache of ours


def test_a_cache_file_linked_to_dev_zero_is_not_read(in_tmp: Path) -> None:
    cache_file, first = cached_library(in_tmp)
    cache_file.unlink()
    cache_file.symlink_to("/dev/zero")
    [report] = (in_tmp / "cache" / "reports").iterdir()
    report.unlink()
    report.symlink_to("/dev/zero")
    started = time.monotonic()
    done = run_process(in_tmp, "check", "--cache-dir", "cache", "lib")
    assert time.monotonic() - started < TIME_BOUND
    assert (done.returncode, done.stdout, done.stderr) == first
    assert stat.S_ISREG(cache_file.lstat().st_mode) and stat.S_ISREG(report.lstat().st_mode)


def test_reads_are_bounded(tmp_path: Path) -> None:
    file = tmp_path / "big"
    file.write_bytes(b"x" * 1000)
    assert cache.read_regular(file, 1000) == b"x" * 1000
    assert cache.read_regular(file, 999) is None
    (tmp_path / "link").symlink_to(file)
    assert cache.read_regular(tmp_path / "link") is None
    assert cache.read_regular(tmp_path) is None


def test_a_dangling_link_in_the_cache_folder_is_not_followed(in_tmp: Path) -> None:
    make_library(in_tmp)
    (in_tmp / "cache").mkdir()
    (in_tmp / "cache" / ".gitignore").symlink_to(in_tmp / "elsewhere")
    assert run("check", "--cache-dir", "cache", "lib")[0] == 0
    assert not (in_tmp / "elsewhere").exists()
    assert (in_tmp / "cache" / "CACHEDIR.TAG").is_file()


@pytest.fixture
def own_key_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    cache.secret.cache_clear()
    yield tmp_path / "home-cache" / "patternlint"
    cache.secret.cache_clear()


def test_the_key_is_private_and_the_cache_is_not(own_key_folder: Path, in_tmp: Path) -> None:
    mask = os.umask(0o022)
    cache._umask.cache_clear()
    try:
        make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
        assert run("check", "--cache-dir", "cache", "lib")[0] == 1
    finally:
        os.umask(mask)
        cache._umask.cache_clear()
    key = own_key_folder / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == cache.KEY_BYTES
    [cache_file] = (in_tmp / "cache").glob("library-*.json")
    [report] = (in_tmp / "cache" / "reports").iterdir()
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o644
    assert stat.S_IMODE(report.stat().st_mode) == 0o644
    assert not list(own_key_folder.glob(".key-*"))  # no temporary file left behind


def test_a_key_others_can_read_is_replaced(own_key_folder: Path) -> None:
    own_key_folder.mkdir(parents=True)
    key = own_key_folder / "key"
    key.write_bytes(b"k" * cache.KEY_BYTES)
    key.chmod(0o644)
    new = cache.secret()
    assert new is not None and new != b"k" * cache.KEY_BYTES
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.read_bytes() == new


def test_without_a_key_the_cache_is_neither_read_nor_written(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "secret", lambda: None)
    make_library(in_tmp, "PL105-value-out-of-range/fail-weight.md")
    first = run("check", "--cache-dir", "cache", "lib")
    assert first == run("check", "--no-cache", "lib")
    assert not list((in_tmp / "cache").glob("library-*.json")) and not (in_tmp / "cache" / "reports").exists()


def test_a_file_name_that_is_not_utf8_round_trips_through_the_cache(tmp_path: Path) -> None:
    """The cache on its own (the rest of a run with such a name is another module's concern):
    paths, records and messages holding lone surrogates are written and read back the same."""
    from patternlint.facts import FileRecord
    from patternlint.result import FileOutcome, LintResult, Target
    from patternlint.model import Finding, Severity, Span, Violation
    from patternlint.settings import default_settings

    settings = default_settings()
    lib = tmp_path / "lib"
    lib.mkdir()
    path = Path(os.fsdecode(bytes(lib) + b"/caf\xe9.md"))
    path.write_bytes(b"---\nslug: x\n---\n")
    display = "lib/" + path.name
    target = Target(path, display, True)
    message = f"`{path.name}` is odd"
    computed: list[str] = []

    def compute(todo: Any) -> list[FileOutcome]:
        computed.extend(t.display for t in todo)
        record = FileRecord(display, path.name[:-3], Layout.V7, None, None, None, None, ())
        violation = Violation(message, Span.point(1), None)
        return [FileOutcome(display, record, (("PL101", violation),), cache.digest(path.read_bytes()))]

    def finish(outcomes: list[FileOutcome]) -> LintResult:
        findings = tuple(
            Finding(o.path, v.span, code, "missing-required-key", Severity.ERROR, v.message, None)
            for o in outcomes
            for code, v in o.violations or ()
        )
        return LintResult(findings, 1, 1, lib)

    results = []
    for reuse in (True, True, False):  # cold; warm (the kept result); warm (the body's entries)
        store = cache.Cache.open(tmp_path / "cache", lib, settings)
        kept = store.kept_result([target]) if reuse else None
        if kept is None:
            found, missing = store.lookup([target])
            if missing:
                outcomes = compute([target])
                store.store([target], outcomes)
                found[0] = outcomes[0]
            kept = store.store_result([target], finish([found[0]]))
        results.append(kept)
        store.save()
    assert computed == [display]  # only the cold run computed
    assert [r.findings for r in results] == [results[0].findings] * 3
    assert results[0].findings[0].message == message and results[0].findings[0].path == display


# ---------------------------------------------------------------------------------------------
# Schemas: never the network, never a file outside the project


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A server on 127.0.0.1 that records every connection and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            connections.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


def custom_profile(folder: Path, schema: dict[str, Any], name: str = "schema.json") -> None:
    (folder / name).write_text(json.dumps(schema), encoding="utf-8")
    (folder / "patternlint.toml").write_text(
        f'profile = "mine"\n[profiles.mine]\nschema = "{name}"\n', encoding="utf-8"
    )
    (folder / "x.md").write_text("---\nname: 1\n---\n", encoding="utf-8")


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"name": {"$ref": "http://127.0.0.1:{port}/name.json"}}},
        {"$id": "http://127.0.0.1:{port}/base/", "properties": {"name": {"$ref": "name.json"}}},
        {"$defs": {"x": {"$dynamicRef": "https://127.0.0.1:{port}/x"}}},
    ],
    ids=["http", "relative-to-remote-id", "dynamic-https"],
)
def test_a_remote_ref_is_a_configuration_error_and_nothing_connects(
    tmp_path: Path, listener: tuple[int, list[object]], schema: dict[str, Any]
) -> None:
    port, connections = listener
    custom_profile(tmp_path, json.loads(json.dumps(schema).replace("{port}", str(port))))
    started = time.monotonic()
    done = run_process(tmp_path, "check", "--no-cache", ".")
    assert time.monotonic() - started < TIME_BOUND
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"patternlint: error: {tmp_path / 'patternlint.toml'}: `profiles.mine`: `schema`: `")
    assert f"127.0.0.1:{port}" in line and "never fetches" in line
    assert connections == []


def test_a_remote_dialect_is_never_fetched(tmp_path: Path, listener: tuple[int, list[object]]) -> None:
    """jsonschema-rs would fetch an unknown `$schema` itself: such a schema is checked by
    jsonschema alone, which does not."""
    port, connections = listener
    custom_profile(
        tmp_path,
        {"$schema": f"http://127.0.0.1:{port}/s", "properties": {"name": {"type": "string"}}},
    )
    done = run_process(tmp_path, "check", "--no-cache", "-f", "json", ".")
    assert done.returncode == 1, done.stderr
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["PL103"]
    assert connections == []


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("file:///etc/passwd", "outside the project"),
        ("../outside.json", "outside the project"),
        ("missing.json", "does not exist"),
    ],
)
def test_a_file_ref_must_stay_in_the_project(tmp_path: Path, ref: str, words: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.json").write_text('{"type": "string"}', encoding="utf-8")
    custom_profile(project, {"properties": {"name": {"$ref": ref}}})
    with pytest.raises(ConfigError) as caught:
        resolve([project], project, Overrides())
    message = str(caught.value)
    assert f"`{ref}`" in message and words in message and "\n" not in message


def test_a_schema_outside_the_project_is_a_configuration_error(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.json").write_text("{}", encoding="utf-8")
    (project / "patternlint.toml").write_text('[profiles.mine]\nschema = "../outside.json"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="is outside the project"):
        resolve([project], project, Overrides())


def test_a_relative_ref_inside_the_project_resolves(tmp_path: Path) -> None:
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "name.json").write_text(
        json.dumps({"$defs": {"name": {"type": "string", "description": "The name."}}}), encoding="utf-8"
    )
    custom_profile(tmp_path, {"properties": {"name": {"$ref": "defs/name.json#/$defs/name"}}})
    done = run_process(tmp_path, "check", "--no-cache", "-f", "json", ".")
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["message"]) for f in findings] == [("PL103", "`name` is `1` (an integer); expected a string")]
    # The cache sees a change to the document referred to.
    first = run_process(tmp_path, "check", "--cache-dir", "cache", "-f", "json", ".")
    (tmp_path / "defs" / "name.json").write_text(json.dumps({"$defs": {"name": {}}}), encoding="utf-8")
    second = run_process(tmp_path, "check", "--cache-dir", "cache", "-f", "json", ".")
    assert first.returncode == 1 and (second.returncode, json.loads(second.stdout)["findings"]) == (0, [])


# ---------------------------------------------------------------------------------------------
# The symbolic-link guard: no setting moves it outside the project


def test_a_library_outside_the_project_is_refused(tmp_path: Path) -> None:
    secret = "PATTERNLINT_TEST_SECRET=do-not-print"
    (tmp_path / "patternlint.toml").write_text('library = "/proc/self"\n', encoding="utf-8")
    (tmp_path / "x.md").symlink_to("/proc/self/environ")
    env = {**os.environ, "PATTERNLINT_TEST_SECRET": "do-not-print"}
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "--no-cache", "-f", "github", "."],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIME_BOUND * 2,
    )
    assert done.returncode == 2 and secret not in done.stdout + done.stderr
    assert done.stderr == (
        f"patternlint: error: {tmp_path / 'patternlint.toml'}: `library` is `/proc/self`, outside the project "
        f"`{tmp_path}`; a configuration may only name a library inside its own folder (use `--library` on "
        "the command line for another)\n"
    )


def test_a_library_that_links_out_of_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "lib").symlink_to("/proc/self")
    (tmp_path / "patternlint.toml").write_text('library = "lib"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="outside the project"):
        resolve([tmp_path], tmp_path, Overrides())


def test_a_library_inside_the_project_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "patternlint.toml").write_text('library = "lib"\n', encoding="utf-8")
    assert resolve([tmp_path], tmp_path, Overrides()).settings.library == tmp_path / "lib"


def test_a_link_out_of_the_project_is_a_finding_and_its_target_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")  # reading it would hang the run
    (outside / "secret.md").write_text("---\ntitle: do-not-print\n---\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.md").symlink_to(outside / "secret.md")
    (project / "b.md").symlink_to(outside / "pipe")
    started = time.monotonic()
    done = run_process(project, "check", "--no-cache", "-f", "json", ".")
    assert time.monotonic() - started < TIME_BOUND
    findings = json.loads(done.stdout)["findings"]
    assert {(f["path"], f["code"]) for f in findings} == {("a.md", "PL008"), ("b.md", "PL008")}
    assert "do-not-print" not in done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------
# stderr: nothing from the pull request starts a line


@pytest.mark.parametrize("fmt", ["github", "full", "json"])
def test_a_crafted_configuration_key_cannot_start_a_workflow_command(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "patternlint.toml").write_text(
        '"x\\n::error::injected\\r::stop-commands::token\\u2028" = 1\n', encoding="utf-8"
    )
    (tmp_path / "x.md").write_text("---\nslug: x\n---\n", encoding="utf-8")
    done = run_process(tmp_path, "check", "--no-cache", "-f", fmt, ".")
    assert done.returncode == 2
    [line] = done.stderr.split("\n")[:-1]
    assert line.startswith("patternlint: error: ") and "\r" not in line
    assert "unknown key `x\\n::error::injected\\x0d::stop-commands::token\\u2028`" in line


def test_every_command_escapes_its_configuration_errors(tmp_path: Path) -> None:
    (tmp_path / "patternlint.toml").write_text('"k\\n::error::x" = 1\n', encoding="utf-8")
    for command in (("config",), ("schema",)):
        done = run_process(tmp_path, *command)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, command
        assert "k\\n::error::x" in done.stderr
