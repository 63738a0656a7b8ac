"""Measure patternlint's speed against the YAML parse floor (a script, not a test).

    python benchmarks/run.py [LIBRARY] [--repeat 3] [--scale] [--corners]
        [--legacy-validator PATH] [--cmd "patternlint"] [--json]

Every timing is the best of --repeat wall-clock runs of a fresh process, so
interpreter start-up is always included. Ratios are to the parse floor measured
in the same run; quote ratios from one run, never mix runs or machines.
With --json the table goes to stderr and a JSON document to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

DEFAULT_LIBRARY = Path("/work/shared/reference/commons-os-library/_patterns")
GENERATOR = Path(__file__).with_name("generate_library.py")
SCALE_FACTOR = 10
SCALE_SEED = 1
LEGACY_SUBSET = 600
MB = 1024 * 1024

FLOOR_SCRIPT = r"""
import pathlib, re, sys, yaml
loader = yaml.CSafeLoader
frontmatter = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)
parsed = failed = 0
for path in pathlib.Path(sys.argv[1]).rglob("*.md"):
    try:
        yaml.compose(frontmatter.match(path.read_text(encoding="utf-8")).group(1), Loader=loader)
        parsed += 1
    except Exception:
        failed += 1
print(parsed, failed)
"""


# The library phase alone (index, library rules, suppressions), in one process: the files are
# read and checked first, untimed. Prints seconds, findings and the bytes of their messages.
LIBRARY_PHASE_SCRIPT = r"""
import dataclasses, sys, time
from pathlib import Path
from patternlint.config import Overrides, resolve
from patternlint.discover import plan
from patternlint.pipeline import Driver
library = Path(sys.argv[1])
settings = dataclasses.replace(resolve([library], library, Overrides()).settings, cache_dir=None)
root, targets = plan([library], settings, library)
driver = Driver(settings, root)
outcomes = driver.outcomes(targets)
best = None
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    result = driver.result(targets, outcomes)
    elapsed = time.perf_counter() - started
    best = elapsed if best is None else min(best, elapsed)
print(best, len(result.findings), sum(len(f.message) + len(f.hint or "") for f in result.findings))
"""
CORNER_KS = (300, 600, 1200, 2400)
CORNER_FILES = 2400  # every K library has this many v7.1 files


class BenchError(Exception):
    """A measured command failed; the message says how."""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + sys of the process and the children it waited for
    exit_code: int
    peak_rss_bytes: int
    stdout: str
    stderr: str


@dataclass
class Row:
    name: str
    seconds: float | None = None
    runs: list[float] = field(default_factory=list)
    cpu_seconds: float | None = None
    cpu_ratio: float | None = None  # cpu_seconds to the floor's, for rows with a ratio to the floor
    peak_rss_mb: float | None = None
    ratio: float | None = None
    ratio_of: str = ""
    target: str = ""
    verdict: str = ""
    note: str = ""
    error: str | None = None


# --------------------------------------------------------------------------- running


def run_once(argv: list[str], cwd: Path | None = None) -> Run:
    """Run argv to completion; wall time and the peak RSS of it and its children."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=cwd)
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child (and its children) only
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, proc.returncode, usage.ru_maxrss * 1024, read_all(out), read_all(err))


def read_all(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", errors="replace")


def linter_run(argv: list[str]) -> Run:
    """Exit 0 (clean) and 1 (findings) are success; a traceback or anything else is not."""
    run = run_once(argv)
    if run.exit_code not in (0, 1) or "Traceback (most recent call last)" in run.stderr:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise BenchError(f"`{shlex.join(argv)}` exited {run.exit_code}:\n{tail}")
    return run


def repeated(repeat: int, argv: list[str], before_each: Callable[[int], None] | None = None) -> list[Run]:
    runs = []
    for index in range(repeat):
        if before_each:
            before_each(index)
        runs.append(linter_run(argv))
    return runs


def timed_row(name: str, runs: list[Run], floor: float | None) -> Row:
    best = min(run.seconds for run in runs)
    return Row(
        name,
        seconds=round(best, 4),
        runs=[round(run.seconds, 4) for run in runs],
        cpu_seconds=round(min(run.cpu_seconds for run in runs), 4),
        peak_rss_mb=max(run.peak_rss_bytes for run in runs) / MB,
        ratio=best / floor if floor else None,
        ratio_of="floor" if floor else "",
    )


def judge(row: Row, value: float, limit: float, aim: float | None = None, unit: str = "x") -> Row:
    row.target = f"<= {limit:g}{unit}" + (f" (aim {aim:g}{unit})" if aim else "")
    row.verdict = "MISS" if value > limit else "ok, aim met" if aim and value <= aim else "ok"
    return row


def judge_ratio(row: Row, limit: float, aim: float | None = None) -> Row:
    assert row.ratio is not None
    return judge(row, row.ratio, limit, aim)


# --------------------------------------------------------------------------- measures


def markdown_files(library: Path) -> list[Path]:
    return sorted(library.rglob("*.md"))


def measure_floor(library: Path, repeat: int) -> Row:
    argv = [sys.executable, "-c", FLOOR_SCRIPT, str(library)]
    runs = [run_once(argv) for _ in range(repeat)]
    if any(run.exit_code != 0 for run in runs):
        raise BenchError(f"parse floor script failed:\n{runs[-1].stderr.strip()}")
    parsed, failed = runs[-1].stdout.split()
    row = timed_row("parse floor (yaml.compose)", runs, None)
    row.note = f"{parsed} parsed, {failed} failed"
    row.ratio, row.ratio_of = 1.0, "floor"
    return row


def measure_cold(cmd: list[str], library: Path, repeat: int, floor: Row) -> list[Row]:
    """The same runs give two rows: wall time (default workers) and CPU time, each to the floor's."""
    assert floor.seconds and floor.cpu_seconds
    runs = repeated(repeat, cmd + ["check", str(library), "--no-cache"])
    wall = judge_ratio(timed_row("cold wall (--no-cache)", runs, floor.seconds), 1.2)
    wall.note = "default workers; wall to the floor's wall"
    cpu = timed_row("cold CPU (--no-cache)", runs, None)
    assert cpu.cpu_seconds is not None
    cpu.seconds, cpu.runs = None, []
    cpu.ratio, cpu.ratio_of = cpu.cpu_seconds / floor.cpu_seconds, "floor"
    cpu.note = "user+sys of the process and its workers, to the floor's user+sys"
    return [wall, judge_ratio(cpu, 2.0)]


def measure_warm(cmd: list[str], library: Path, repeat: int, floor: float) -> Row:
    with tempfile.TemporaryDirectory(prefix="patternlint-bench-cache-") as cache:
        argv = cmd + ["check", str(library), "--cache-dir", cache]
        linter_run(argv)
        runs = repeated(repeat, argv)
    return judge_ratio(timed_row("warm (--cache-dir, unchanged)", runs, floor), 0.10)


def touch_body(path: Path, index: int) -> None:
    text = path.read_text(encoding="utf-8")
    separator = "" if text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}<!-- bench {index} -->\n", encoding="utf-8")


def one_file_runs(cmd: list[str], library: Path, cache: Path, repeat: int) -> tuple[Path, list[Run], list[Run]]:
    """Time `check FILE --cache-dir CACHE` on the middle file of LIBRARY: first unchanged, then
    with its body edited before each run. Before each unchanged run, an untimed `check LIBRARY`
    leaves the cache as a whole-library run does (the same one-file command run twice in a row
    would only reuse its own kept result). LIBRARY is edited: pass a copy."""
    files = markdown_files(library)
    target = files[len(files) // 2]
    whole = cmd + ["check", str(library), "--cache-dir", str(cache)]
    argv = cmd + ["check", str(target), "--cache-dir", str(cache)]

    def refill(_: int) -> None:
        linter_run(whole)

    unchanged = repeated(repeat, argv, refill)
    changed = repeated(repeat, argv, lambda index: touch_body(target, index))
    return target, unchanged, changed


def measure_one_file(cmd: list[str], library: Path, repeat: int, floor: float) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="patternlint-bench-copy-") as work:
        copy, cache = Path(work) / "library", Path(work) / "cache"
        shutil.copytree(library, copy)
        target, unchanged_runs, changed_runs = one_file_runs(cmd, copy, cache, repeat)
    unchanged = judge_ratio(timed_row("one unchanged file (warm cache)", unchanged_runs, floor), 0.08)
    changed = judge_ratio(timed_row("one changed file (warm cache)", changed_runs, floor), 0.35, 0.2)
    unchanged.note = changed.note = target.relative_to(copy).as_posix()
    return [unchanged, changed]


def generate(out_dir: Path, count: int, *options: str) -> None:
    argv = [sys.executable, str(GENERATOR), str(out_dir), "--count", str(count), "--seed", str(SCALE_SEED), *options]
    run = run_once(argv)
    if run.exit_code != 0:
        raise BenchError(f"generate_library.py failed:\n{run.stderr.strip()}")
    os.sync()  # keep write-back of the fresh files out of the timed runs


def rss_row(name: str, row: Row, limit_mb: float) -> Row:
    """A row judged on the peak RSS of ROW's runs (the largest single process: ru_maxrss)."""
    assert row.peak_rss_mb is not None
    return judge(Row(name, peak_rss_mb=row.peak_rss_mb, note="largest process"), row.peak_rss_mb, limit_mb, unit=" MB")


def seconds_row(row: Row, limit: float) -> Row:
    assert row.seconds is not None
    return judge(row, row.seconds, limit, unit=" s")


def measure_scale(cmd: list[str], file_count: int, repeat: int) -> list[Row]:
    """Cold 1x and 10x; then, in the 10x library, warm (nothing changed), one unchanged file and
    one changed file. Absolute targets (seconds, MB) from issue 19, not ratios."""
    ten_x = f"{SCALE_FACTOR}x"
    with tempfile.TemporaryDirectory(prefix="patternlint-bench-synthetic-") as work:
        progress(f"generating {file_count} synthetic files (1x)")
        generate(Path(work), file_count)
        one = timed_row(f"scale 1x cold ({file_count} files)", repeated(repeat, cmd + ["check", work, "--no-cache"]), None)
    count = file_count * SCALE_FACTOR
    with tempfile.TemporaryDirectory(prefix="patternlint-bench-synthetic-") as work:
        library, cache = Path(work) / "library", Path(work) / "cache"
        progress(f"generating {count} synthetic files ({ten_x})")
        generate(library, count)
        ten = timed_row(f"scale {ten_x} cold ({count} files)", repeated(repeat, cmd + ["check", str(library), "--no-cache"]), None)
        progress(f"{ten_x} warm, one unchanged file, one changed file")
        warm_argv = cmd + ["check", str(library), "--cache-dir", str(cache)]
        linter_run(warm_argv)
        warm_runs = repeated(repeat, warm_argv)
        target, unchanged_runs, changed_runs = one_file_runs(cmd, library, cache, repeat)
    assert one.seconds and ten.seconds
    ten.ratio, ten.ratio_of = ten.seconds / one.seconds, "1x"
    warm = timed_row(f"{ten_x} warm (unchanged)", warm_runs, None)
    unchanged = timed_row(f"{ten_x} one unchanged file (warm)", unchanged_runs, None)
    changed = timed_row(f"{ten_x} one changed file (warm)", changed_runs, None)
    unchanged.note = changed.note = target.relative_to(library).as_posix()
    return [
        one,
        judge_ratio(ten, 11),
        rss_row(f"{ten_x} cold peak RSS", ten, 600),
        seconds_row(warm, 0.4),
        unchanged,
        seconds_row(changed, 0.4),
        rss_row(f"{ten_x} one changed file peak RSS", changed, 150),
    ]


def library_phase(library: Path, repeat: int) -> tuple[float, int, int]:
    """Best library-phase seconds, findings, and bytes of messages and hints (one process)."""
    run = run_once([sys.executable, "-c", LIBRARY_PHASE_SCRIPT, str(library), str(repeat)])
    if run.exit_code != 0:
        raise BenchError(f"library phase script failed:\n{run.stderr.strip()[-2000:]}")
    seconds, findings, size = run.stdout.split()
    return float(seconds), int(findings), int(size)


def measure_near_miss(cmd: list[str], file_count: int, repeat: int) -> list[Row]:
    """The 10x library with half its relationship slugs misspelt, against the same library
    without: whole cold runs and the library phase."""
    count = file_count * SCALE_FACTOR
    rows = []
    phases = []
    for label, options in (("plain", ()), ("near-miss 50%", ("--near-miss", "0.5"))):
        with tempfile.TemporaryDirectory(prefix="patternlint-bench-near-") as work:
            progress(f"generating {count} synthetic files ({SCALE_FACTOR}x {label})")
            generate(Path(work), count, *options)
            runs = repeated(repeat, cmd + ["check", work, "--no-cache"])
            phase, findings, _ = library_phase(Path(work), repeat)
        rows.append(timed_row(f"{SCALE_FACTOR}x {label} cold", runs, None))
        phases.append(Row(f"{SCALE_FACTOR}x {label} library phase", seconds=round(phase, 4), note=f"{findings} findings"))
    plain, near = rows
    assert plain.seconds and near.seconds and phases[0].seconds and phases[1].seconds
    near.ratio, near.ratio_of = near.seconds / plain.seconds, "plain"
    phases[1].ratio, phases[1].ratio_of = phases[1].seconds / phases[0].seconds, "plain"
    return [plain, judge_ratio(near, 1.2), *phases]


def measure_corner(kind: str, option: str, repeat: int) -> list[Row]:
    """Library phase for K = 300..2,400 (doubling) in libraries of CORNER_FILES v7.1 files:
    ratio to the K before it (linear: 2x per doubling)."""
    rows: list[Row] = []
    for k in CORNER_KS:
        with tempfile.TemporaryDirectory(prefix="patternlint-bench-corner-") as work:
            progress(f"generating {CORNER_FILES} files with {kind} K={k}")
            generate(Path(work), CORNER_FILES, "--v1-fraction", "0", "--defect-rate", "0", option, str(k))
            seconds, findings, size = library_phase(Path(work), repeat)
        row = Row(f"{kind} K={k} library phase", seconds=round(seconds, 4), note=f"{findings} findings, {size / 1024:.0f} KB of messages")
        if rows and rows[-1].seconds:
            row.ratio, row.ratio_of = seconds / rows[-1].seconds, "K/2"
            judge_ratio(row, 2.5, 2.0)
        rows.append(row)
    return rows


def measure_legacy(cmd: list[str], validator: Path, library: Path, repeat: int) -> list[Row]:
    """Lay out WORK/_patterns (subset) and WORK/scripts (the validator's folder); run both there."""
    with tempfile.TemporaryDirectory(prefix="patternlint-bench-legacy-") as work:
        subset, scripts = Path(work) / "_patterns", Path(work) / "scripts"
        subset.mkdir()
        files = markdown_files(library)[:LEGACY_SUBSET]
        for path in files:
            shutil.copy2(path, subset / path.name)
        shutil.copytree(validator.parent, scripts)
        legacy_argv = [sys.executable, str(scripts / validator.name), "--all"]
        legacy_runs = [run_once(legacy_argv, cwd=Path(work)) for _ in range(repeat)]
        if any(run.exit_code not in (0, 1) for run in legacy_runs):
            raise BenchError(f"legacy validator exited {legacy_runs[-1].exit_code}:\n{legacy_runs[-1].stderr.strip()}")
        ours = repeated(repeat, cmd + ["check", str(subset), "--no-cache"])
    legacy_row = timed_row(f"legacy validator --all ({len(files)} files)", legacy_runs, None)
    ours_row = timed_row(f"patternlint cold ({len(files)} files)", ours, None)
    assert legacy_row.seconds and ours_row.seconds
    ours_row.ratio, ours_row.ratio_of = legacy_row.seconds / ours_row.seconds, "faster"
    return [legacy_row, ours_row]


# --------------------------------------------------------------------------- reporting


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def attempt(name: str, measure: Callable[[], Row | list[Row]]) -> list[Row]:
    progress(name)
    try:
        result = measure()
    except BenchError as error:
        return [Row(name, error=str(error))]
    return result if isinstance(result, list) else [result]


def format_row(row: Row) -> str:
    if row.error:
        return f"{row.name:<40} FAILED (see below)"
    seconds = f"{row.seconds:8.3f}" if row.seconds is not None else " " * 8
    cpu = f"{row.cpu_seconds:8.3f}" if row.cpu_seconds is not None else " " * 8
    cpu_ratio = f"{row.cpu_ratio:8.3f}x" if row.cpu_ratio is not None else " " * 9
    ratio = f"{row.ratio:7.3f}x {row.ratio_of:<5}" if row.ratio is not None else " " * 15
    rss = f"{row.peak_rss_mb:6.0f} MB" if row.peak_rss_mb is not None else ""
    return f"{row.name:<40} {seconds} {cpu}  {ratio} {cpu_ratio}  {row.target:<22} {row.verdict:<12} {rss:>9}  {row.note}".rstrip()


def render_table(header: str, rows: list[Row]) -> str:
    titles = f"{'measure':<40} {'wall s':>8} {'cpu s':>8}  {'ratio':<15} {'cpu ratio':>9}  {'target':<22} {'verdict':<12} {'peak RSS':>9}  note"
    lines = [header, "", titles, "-" * len(titles)] + [format_row(row) for row in rows]
    lines += [f"\n{row.name} FAILED:\n{row.error}" for row in rows if row.error]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def default_cmd() -> list[str]:
    beside = Path(sys.executable).parent / "patternlint"
    found = str(beside) if beside.exists() else shutil.which("patternlint")
    if not found:
        raise SystemExit("error: no patternlint next to sys.executable or on PATH; pass --cmd")
    return [found]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library", nargs="?", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the best is reported")
    parser.add_argument("--scale", action="store_true", help=f"also time 1x and {SCALE_FACTOR}x synthetic libraries cold, and the {SCALE_FACTOR}x one warm and for one file")
    parser.add_argument(
        "--corners", action="store_true",
        help=f"also time the library-wide rules' worst cases: {SCALE_FACTOR}x near-miss vs plain, K-cycle, K-duplicate id",
    )
    parser.add_argument("--legacy-validator", type=Path, help="legacy validate_entity.py to compare with")
    parser.add_argument("--cmd", help="linter command (shell words); default: patternlint beside this python")
    parser.add_argument("--json", action="store_true", help="JSON on stdout, table on stderr")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.library.is_dir():
        parser.error(f"{args.library} is not a directory")
    return args


def collect(args: argparse.Namespace, cmd: list[str], file_count: int) -> list[Row]:
    library, repeat = args.library, args.repeat
    rows = attempt("parse floor", lambda: measure_floor(library, repeat))
    floor, floor_cpu = rows[0].seconds, rows[0].cpu_seconds
    if floor is None or floor_cpu is None:
        return rows
    rows += attempt("cold", lambda: measure_cold(cmd, library, repeat, rows[0]))
    rows += attempt("warm", lambda: measure_warm(cmd, library, repeat, floor))
    rows += attempt("one changed file", lambda: measure_one_file(cmd, library, repeat, floor))
    if args.scale:
        rows += attempt("scale", lambda: measure_scale(cmd, file_count, repeat))
    if args.corners:
        rows += attempt("near miss", lambda: measure_near_miss(cmd, file_count, repeat))
        rows += attempt("cycle", lambda: measure_corner("cycle", "--cycle", repeat))
        rows += attempt("duplicate id", lambda: measure_corner("duplicate id", "--duplicate-id", repeat))
    if args.legacy_validator and not args.legacy_validator.is_file():
        rows.append(Row("legacy validator", note=f"skipped: {args.legacy_validator} not found"))
    elif args.legacy_validator:
        rows += attempt("legacy validator", lambda: measure_legacy(cmd, args.legacy_validator, library, repeat))
    for row in rows:
        # On a loaded machine the CPU ratio is the steadier one (wall time adds the waits for a core).
        if row.ratio_of == "floor" and row.cpu_seconds is not None:
            row.cpu_ratio = row.cpu_seconds / floor_cpu
    return rows


def compile_bytecode() -> str:
    """Compile patternlint's modules (as this python finds them) before timing anything. An
    install compiles them once; an editable install under PYTHONDONTWRITEBYTECODE (set on some
    machines) would recompile every edited module on every timed run."""
    import importlib.util

    spec = importlib.util.find_spec("patternlint")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return "bytecode: patternlint not importable here, not compiled"
    run = run_once([sys.executable, "-m", "compileall", "-q", *folders])
    if run.exit_code != 0:
        return "bytecode: compileall failed, timings may include compiling"
    return "bytecode: compiled"


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so `kill` cleans up as Ctrl-C does (temp dirs, the timed child)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, interrupt)
    # A shell starts background jobs with SIGINT ignored; Ctrl-C and `kill -INT` should still stop.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args = parse_args(argv)
    cmd = shlex.split(args.cmd) if args.cmd else default_cmd()
    bytecode = compile_bytecode()
    file_count = len(markdown_files(args.library))
    rows = collect(args, cmd, file_count)
    header = (
        f"library: {args.library} ({file_count} .md files)   repeat: best of {args.repeat}\n"
        f"cmd: {shlex.join(cmd)}   python: {platform.python_version()}   cpus: {os.cpu_count()}   {bytecode}"
    )
    print(render_table(header, rows), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        document: dict[str, Any] = {
            "library": str(args.library),
            "files": file_count,
            "repeat": args.repeat,
            "cmd": cmd,
            "rows": [asdict(row) for row in rows],
        }
        print(json.dumps(document, indent=2))
    return 1 if any(row.error for row in rows) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
