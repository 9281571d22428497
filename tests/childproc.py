"""Run the real ``glossary`` command in a child process under a memory and time limit,
as a user would meet a hostile input: the shared runner of the hostile-input tests."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

LIMIT_BYTES = 1024 * 1024 * 1024  # 1 GiB of address space for the whole process
LIMIT_SECONDS = 20


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = LIMIT_SECONDS,
    cache_dir: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m glossary ARGS`` in a child process; asserts there is no traceback.

    The result has an ``elapsed`` attribute (seconds). Without ``cache_dir`` the cache
    is switched off (``GLOSSARY_NO_CACHE=1``)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    if cache_dir is None:
        full_env["GLOSSARY_NO_CACHE"] = "1"
    else:
        full_env["GLOSSARY_CACHE_DIR"] = str(cache_dir)
        full_env.pop("GLOSSARY_NO_CACHE", None)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "glossary", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        preexec_fn=_limit,
        env=full_env,
        cwd=cwd,
        input=stdin,
    )
    result.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result
