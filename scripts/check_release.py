"""Build the sdist and the wheel as a release would (`python -m build`), check them with
`twine check --strict`, and check what the wheel carries: the schemas, py.typed, the licence and
one version, `patternlint.__version__`. .ci/run runs it; exit 1 with a reason on any problem."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from patternlint import __version__

    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "build", "--outdir", out, str(ROOT)], check=True, stdout=subprocess.DEVNULL)
        built = sorted(Path(out).iterdir())
        subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, built)], check=True)
        wheels = [p for p in built if p.suffix == ".whl"]
        expected = f"patternlint-{__version__}-py3-none-any.whl"
        if [w.name for w in wheels] != [expected]:
            print(f"check_release: expected one wheel `{expected}`, got {[p.name for p in built]}", file=sys.stderr)
            return 1
        names = set(zipfile.ZipFile(wheels[0]).namelist())
        wanted = {f"patternlint/schemas/{p.name}" for p in (ROOT / "src/patternlint/schemas").glob("*.json")}
        wanted |= {"patternlint/py.typed", f"patternlint-{__version__}.dist-info/licenses/LICENSE"}
        missing = sorted(wanted - names)
        if missing:
            print(f"check_release: the wheel lacks {', '.join(missing)}", file=sys.stderr)
            return 1
    print(f"check_release: {expected} and its sdist build, pass `twine check --strict`, and carry the schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
