"""The health report in a real browser: headless Chromium (the Debian package) driven by
Selenium through the Debian chromedriver. The page loads with no console error, the graph holds
every pattern and link, searching a slug selects it, a finding links to its file and line, and
each distribution is a Chart.js chart holding the report's numbers.
A screenshot of each view is saved (`PATTERNLINT_SCREENSHOTS`, else the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from patternlint.facts import SCORES
from patternlint.report.data import Report
from patternlint.report.run import Written, write
from patternlint.service import CheckRequest, Selection

pytestmark = pytest.mark.external

REPO = Path(__file__).resolve().parent.parent
REFERENCE = Path(os.environ.get("PATTERNLINT_SHARED", REPO.parent / "shared")) / "reference" / "commons-os-library" / "_patterns"
V1_PATTERN = "360-degree-feedback.md"  # a real pattern in the older layout
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)
VIEWS = ("overview", "graph", "distributions", "files")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _report(lib: Path, out: Path) -> Written:
    request = CheckRequest((lib,), out.parent, Selection(isolated=True, no_cache=True))
    return write(request, out)


def open_view(browser: Any, page: Path, view: str = "graph") -> float:
    """Open the report on `view`; the seconds until the page answers a script with the view
    drawn (the graph: drawn and searchable)."""
    browser.get("about:blank")
    browser.get_log("browser")  # drop what an earlier page logged
    start = time.monotonic()
    browser.get(page.as_uri() + "#" + view)
    ready = "document.body.dataset.ready === '1'"
    if view == "graph":
        ready += " && !!window.patternlintReport.renderer"
    while time.monotonic() - start < 20:
        if browser.execute_script(f"return {ready}"):
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError("the report never became interactive")


def _errors(browser: Any) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _screenshots(browser: Any, folder: Path, name: str) -> None:
    for view in VIEWS:
        browser.execute_script("window.patternlintReport.show(arguments[0])", view)
        time.sleep(0.3)
        assert browser.save_screenshot(str(folder / f"{name}-{view}.png"))
    browser.execute_script("window.patternlintReport.show('graph')")


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PATTERNLINT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _search(browser: Any, slug: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element(By.ID, "search")
    box.clear()
    box.send_keys(slug, Keys.ENTER)
    return browser.execute_script("return window.patternlintReport.selected")


def _finding_link(browser: Any, name: str, code: str) -> str:
    """The href of the first `code` finding listed in the panel of the selected pattern `name`."""
    from selenium.webdriver.common.by import By

    panel = browser.find_element(By.ID, "panel")
    assert panel.get_attribute("data-selected") == name
    for item in panel.find_elements(By.CSS_SELECTOR, ".findings-list li"):
        if f" {code} " in f" {item.text} ":
            return str(item.find_element(By.CSS_SELECTOR, "a.finding-link").get_attribute("href"))
    raise AssertionError(f"no {code} finding in the panel of {name}")


def _line_of(path: Path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))


def _links(path: Path) -> list[str]:
    """The targets of a v7 file's relationships and inferred links, read with plain YAML."""
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    targets = []
    for items in (data.get("relationships") or {}).values():
        for item in items or ():
            targets.append(item if isinstance(item, str) else item.get("slug") or item.get("id"))
    for item in (data.get("graph_garden") or {}).get("inferred_links") or ():
        targets.append(item["target"])
    return targets


def test_the_report_of_a_small_real_library(browser: Any, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for source in sorted((REPO / "examples" / "valid").glob("*.md")):
        shutil.copy(source, lib / source.name)
    shutil.copy(REFERENCE / V1_PATTERN, lib / V1_PATTERN)
    written = _report(lib, tmp_path / "site" / "report.html")

    open_view(browser, tmp_path / "site" / "report.html")
    assert _errors(browser) == []
    slugs = {p.stem for p in lib.glob("*.md")}
    expected_links = sum(1 for p in lib.glob("*.md") if p.name != V1_PATTERN for t in _links(p) if t in slugs)
    counts = browser.execute_script("const g = window.patternlintReport.graph; return [g.order, g.size]")
    assert counts == [len(slugs), expected_links]

    selected = _search(browser, "acquaintance-layer")
    assert browser.execute_script("return window.patternlintReport.data.nodes.name[arguments[0]]", selected) == "acquaintance-layer"
    _search(browser, "360-degree-feedback")
    href = _finding_link(browser, "360-degree-feedback", "PL010")
    assert href == (lib / V1_PATTERN).as_uri() + f"#L{_line_of(lib / V1_PATTERN, 'classification:')}"
    # The graph redraws on its own once its tab is left (its camera still moving to a pattern,
    # the window resized): no error.
    browser.execute_script(
        "const r = window.patternlintReport; r.select(0); r.show('overview'); window.dispatchEvent(new Event('resize'))"
    )
    time.sleep(0.6)
    assert _errors(browser) == []
    _screenshots(browser, _shots(tmp_path), "small")
    _distributions(browser, written.report)
    _files_table(browser, sorted(p.name for p in lib.glob("*.md")))
    assert _errors(browser) == []
    assert written.size > 0


def _chart_data(browser: Any, name: str) -> list[list[Any]]:
    """The data of each dataset of the Chart.js chart `name` on the Distributions tab."""
    script = "return Chart.getChart(document.querySelector(`canvas[data-chart='${arguments[0]}']`)).data.datasets.map((d) => d.data)"
    return list(browser.execute_script(script, name))


def _distributions(browser: Any, report: Report) -> None:
    """Every distribution is a Chart.js chart (fourteen with section findings) holding the
    report's numbers: a histogram per score dimension, the overall score against the mean of
    the dimensions (every scored pattern a point, the mismatches apart), links per pattern,
    inverse coverage, first letters, and section completeness."""
    browser.execute_script("window.patternlintReport.show('distributions')")
    expected = len(SCORES) + 4 + (1 if report.sections else 0)
    counts = browser.execute_script(
        "return [Object.keys(Chart.instances).length, window.patternlintReport.charts.length, document.querySelectorAll('#view-distributions canvas').length]"
    )
    assert counts == [expected] * 3
    assert _chart_data(browser, "score-overall_score") == [list(report.score_bins["overall_score"].values())]
    consistent, mismatched, _diagonal = _chart_data(browser, "overall-vs-mean")
    assert len(consistent) + len(mismatched) == len(report.score_pairs)
    assert len(mismatched) == report.mismatches
    assert sorted((p["node"], p["y"]) for p in consistent + mismatched) == sorted((node, overall) for node, _, overall in report.score_pairs)
    assert _chart_data(browser, "links-per-pattern") == [list(report.degrees["out"].values()), list(report.degrees["in"].values())]


def _click_a_section_bar(browser: Any, report: Report) -> None:
    """Clicking the bar of the files missing the first listed section lists them in the Files tab."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.execute_script("window.patternlintReport.show('distributions')")
    canvas = browser.find_element(By.CSS_SELECTOR, "canvas[data-chart=sections]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    x, y, width, height = browser.execute_script(
        "const c = Chart.getChart(arguments[0]), p = c.getDatasetMeta(0).data[0].getCenterPoint(); return [p.x, p.y, c.width, c.height]", canvas
    )
    ActionChains(browser).move_to_element_with_offset(canvas, round(x - width / 2), round(y - height / 2)).click().perform()
    assert browser.execute_script("return document.body.dataset.view") == "files"
    rows = browser.find_elements(By.CSS_SELECTOR, "#files tbody tr[data-node]")
    assert sorted(int(r.get_attribute("data-node")) for r in rows) == sorted(report.sections[0].missing)


def _files_table(browser: Any, names: list[str]) -> None:
    """The files table sorts by a column and filters by text."""
    from selenium.webdriver.common.by import By

    browser.execute_script("window.patternlintReport.show('files')")
    rows = lambda: [r.find_element(By.CSS_SELECTOR, "td.path a").text for r in browser.find_elements(By.CSS_SELECTOR, "#files tbody tr[data-node]")]  # noqa: E731
    browser.find_element(By.CSS_SELECTOR, "#files th[data-key=path]").click()
    assert rows() == names
    browser.find_element(By.CSS_SELECTOR, "#files th[data-key=path]").click()
    assert rows() == names[::-1]
    box = browser.find_element(By.ID, "file-filter")
    box.send_keys("acq")
    assert rows() == [n for n in names if "acq" in n]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference library is not on this machine")
def test_the_report_of_the_reference_library(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    written = _report(REFERENCE, out)  # reads the library; writes only under tmp_path

    # How fast it becomes interactive is measured by benchmarks/report.py, not asserted here.
    open_view(browser, out, "overview")
    assert _errors(browser) == []
    open_view(browser, out)
    assert _errors(browser) == []
    counts = browser.execute_script("const g = window.patternlintReport.graph; return [g.order, g.size]")
    assert counts == [len(list(REFERENCE.glob("*.md"))), len(written.report.edges)]
    assert counts[1] > 30_000

    selected = _search(browser, "active-listening-depth")
    assert browser.execute_script("return window.patternlintReport.data.nodes.name[arguments[0]]", selected) == "active-listening-depth"
    _search(browser, V1_PATTERN.removesuffix(".md"))
    href = _finding_link(browser, V1_PATTERN.removesuffix(".md"), "PL010")
    assert href == (REFERENCE / V1_PATTERN).as_uri() + f"#L{_line_of(REFERENCE / V1_PATTERN, 'classification:')}"
    _screenshots(browser, _shots(tmp_path), "reference")
    _distributions(browser, written.report)
    _click_a_section_bar(browser, written.report)
    assert _errors(browser) == []
