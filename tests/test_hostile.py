"""Hostile and broken sources: a diagnostic, exit code 1, no traceback, bounded time and
memory. Each case runs the real command in a child process under a memory limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

LIMIT_BYTES = 1024 * 1024 * 1024  # 1 GiB of address space for the whole process
LIMIT_SECONDS = 20


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GLOSSARY_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "validate", str(path), *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=LIMIT_SECONDS,
        preexec_fn=_limit,
        env=env,
    )
    result.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr, result.stderr
    return result


def tbx(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0"?>\n{prolog}<martif type="TBX"><text><body>'
        f'<termEntry id="a"><langSet xml:lang="en"><tig><term>{body}</term></tig></langSet>'
        "</termEntry></body></text></martif>\n"
    )


def test_external_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(
        tbx("&xxe;", f'<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'),
        encoding="utf-8",
    )
    result = validate(path)
    assert result.returncode == 1
    assert f"{path}:2:1: L118 " in result.stdout
    assert "TOP-SECRET" not in result.stdout + result.stderr


def test_entity_expansion_bomb(tmp_path):
    entities = ['<!ENTITY e0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 12)
    ]
    path = tmp_path / "bomb.tbx"
    path.write_text(tbx("&e11;", f"<!DOCTYPE martif [{''.join(entities)}]>\n"), encoding="utf-8")
    result = validate(path)
    assert result.returncode == 1
    # libxml2 may stop at its amplification limit (L103) before we see the entities (L118)
    assert " L118 " in result.stdout or "amplification" in result.stdout
    assert result.elapsed < LIMIT_SECONDS


def test_yaml_alias_bomb(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, name = f"x{i - 1}" if i > 1 else "a", f"x{i}"
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(path)
    assert result.returncode == 1
    assert f"{path}:2:" in result.stdout and " L117 " in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        pytest.param("binary.yaml", bytes(range(256)) * 64, "L101", id="binary-yaml"),
        pytest.param(
            "binary.tbx", b"\x00\x01PK\x03\x04" + os.urandom(4096), "L103", id="binary-tbx"
        ),
        pytest.param("empty.yaml", b"", "L112", id="empty-yaml"),
        pytest.param("empty.tbx", b"", "L112", id="empty-tbx"),
        pytest.param(
            "truncated.yaml",
            b"id: a\nlanguages:\n  fi:\n    terms: [et",
            "L102",
            id="truncated-yaml",
        ),
        pytest.param("truncated.tbx", tbx("a").encode()[:90], "L103", id="truncated-tbx"),
    ],
)
def test_broken_files(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    result = validate(path)
    assert result.returncode == 1
    assert f" {code} " in result.stdout


def test_utf16_xml_with_a_bom_is_valid_and_loads(tmp_path):
    path = tmp_path / "utf16.tbx"
    path.write_bytes(
        tbx("äiti").replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    )
    result = validate(path)
    assert result.returncode == 0, result.stdout
    assert "1 concept in 1 file" in result.stderr


def test_a_50_mb_yaml_file_is_not_parsed(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fp:
        fp.write(b"id: a\nnote: ")
        for _ in range(50):
            fp.write(b"lorem ipsum " * 87382)
    assert path.stat().st_size >= 50 * 1024 * 1024
    result = validate(path)
    assert result.returncode == 1
    assert f"{path}:1:1: L119 the file is 50 MB" in result.stdout
    assert result.elapsed < 10


def test_a_50_mb_tbx_file_with_one_huge_text_node(tmp_path):
    path = tmp_path / "huge.tbx"
    with open(path, "wb") as fp:
        fp.write(
            b'<?xml version="1.0"?>\n<martif type="TBX"><text><body><termEntry id="a">'
            b'<langSet xml:lang="en"><tig><term>'
        )
        for _ in range(50):
            fp.write(b"x" * (1024 * 1024))
        fp.write(b"</term></tig></langSet></termEntry></body></text></martif>\n")
    result = validate(path)
    assert result.returncode == 1
    assert " L103 " in result.stdout
    assert result.elapsed < 15
