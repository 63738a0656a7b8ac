"""Shared set-up: the cache's key (see patternlint.cache.secret) lives in a temporary folder
for the whole session, never in the home folder of whoever runs the tests."""

from __future__ import annotations

import os
import tempfile

os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="patternlint-test-home-")
