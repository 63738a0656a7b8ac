"""A real editor: Neovim (the Debian package), headless, with its built-in LSP client, runs
`patternlint server` on a copy of a few real patterns; the test reads back what the editor got.

Debian's Neovim is 0.7, older than `vim.lsp.start` (0.8): the script uses the built-in client's
lower-level `vim.lsp.start_client` and `vim.lsp.buf_attach_client`, which 0.7 has.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.external

REFERENCE = Path("/work/shared/reference/commons-os-library/_patterns")
LOCAL = Path(__file__).parent / "data" / "neovim"
# One pattern and the four patterns its relationships name.
FILES = (
    "able-bodied-privilege-recognition.md",
    "administrative-advocacy.md",
    "active-listening-depth.md",
    "accountability-without-shame.md",
    "adversarial-growth.md",
)

SCRIPT = r"""
local root = vim.env.PL_ROOT
local out = vim.env.PL_OUT
local id = vim.lsp.start_client({
  name = "patternlint",
  cmd = { vim.env.PL_PYTHON, "-m", "patternlint", "server" },
  root_dir = root,
})
vim.cmd("edit " .. root .. "/able-bodied-privilege-recognition.md")
vim.lsp.buf_attach_client(0, id)
local got = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity })
end
local line = tonumber(vim.env.PL_LINE)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = line, character = tonumber(vim.env.PL_COLUMN) },
}
local answers = vim.lsp.buf_request_sync(0, "textDocument/definition", params, 5000)
local definition = vim.NIL
for _, answer in pairs(answers or {}) do
  if answer.result then definition = answer.result end
end
local file = io.open(out, "w")
file:write(vim.fn.json_encode({ waited = got, diagnostics = diagnostics, definition = definition }))
file:close()
vim.lsp.stop_client(id)
vim.cmd("qall!")
"""


@pytest.fixture
def patterns(tmp_path: Path) -> Path:
    folder = tmp_path / "_patterns"
    folder.mkdir()
    source = REFERENCE if REFERENCE.is_dir() else LOCAL
    for name in FILES:
        shutil.copy(source / name, folder / name)
    return folder


@pytest.mark.skipif(shutil.which("nvim") is None, reason="needs Neovim (.ci/run installs it)")
def test_neovim_shows_the_diagnostics_and_goes_to_a_definition(patterns: Path, tmp_path: Path) -> None:
    script = tmp_path / "drive.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "out.json"
    lines = (patterns / FILES[0]).read_text(encoding="utf-8").splitlines()
    row = lines.index("    - slug: administrative-advocacy")
    env = {
        "PL_ROOT": str(patterns),
        "PL_OUT": str(out),
        "PL_PYTHON": sys.executable,
        "PL_LINE": str(row),
        "PL_COLUMN": str(len("    - slug: admin")),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        ["nvim", "--headless", "--clean", "-n", "-c", f"luafile {script}"],
        env=env, cwd=patterns, timeout=60, check=False, capture_output=True,
    )
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["waited"] is True

    check = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", str(patterns), "--no-cache", "-f", "json"],
        capture_output=True, text=True, cwd=patterns, check=False,
    )
    expected = [f for f in json.loads(check.stdout)["findings"] if f["path"].endswith(FILES[0])]
    assert expected, "the copy should give the opened file findings"
    shown = sorted((d["code"], d["lnum"] + 1, d["col"] + 1) for d in got["diagnostics"])
    assert shown == sorted((f["code"], f["line"], f["column"]) for f in expected)

    definition = got["definition"]
    if isinstance(definition, list):
        (definition,) = definition
    assert definition["uri"] == (patterns / "administrative-advocacy.md").as_uri()
    target = (patterns / "administrative-advocacy.md").read_text(encoding="utf-8").splitlines()
    assert target[definition["range"]["start"]["line"]] == "slug: administrative-advocacy"
