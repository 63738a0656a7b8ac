"""`patternlint report`: the library's health as one self-contained HTML page (the overview
and systemic causes, the relationship graph, the distributions, the files), from the same lint
run as `check`."""
