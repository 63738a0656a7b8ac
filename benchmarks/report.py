"""Time the health report (a script, not a test: wall times depend on the machine's load).

    .venv/bin/python benchmarks/report.py [LIBRARY] [--repeat 3] [--loads 5]

Reports, from one run: a cold `check` and a cold `report` of LIBRARY (best of `--repeat`, and
their ratio; the target is at most 2x), then the seconds until the page is interactive in
headless Chromium (the overview, and the graph drawn and searchable; median and worst of
`--loads` fresh loads; the target is 3 s). Needs Debian's chromium and chromium-driver and the
dev extra's selenium, as the browser tests do.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "reference" / "commons-os-library" / "_patterns"
sys.path.insert(0, str(HERE.parent / "tests"))


def best(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    lint = [sys.executable, "-m", "patternlint"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        check = best([*lint, "check", str(args.library), "--no-cache", "-q"], args.repeat)
        report = best([*lint, "report", str(args.library), "--no-cache", "-o", str(out)], args.repeat)
        print(f"cold check   {check:7.2f} s")
        print(f"cold report  {report:7.2f} s   {report / check:.2f}x check (target <= 2x)")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from test_report_browser import CHROMEDRIVER, CHROMIUM, FLAGS, open_view  # the tests' set-up

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={tmp}/profile"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            for view in ("overview", "graph"):
                loads = [open_view(driver, out, view) for _ in range(args.loads)]
                print(f"interactive  {view:9} median {statistics.median(loads):.2f} s, worst {max(loads):.2f} s (target 3 s)")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
