"""Where a glossary is and which files it is made of: kept apart from the readers so that
``glossary lookup`` finds its index without importing them (:mod:`glossary.sources`
re-exports these names)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CONFIG_NAME",
    "ENV_VAR",
    "TBX_SUFFIXES",
    "YAML_SUFFIXES",
    "bundled_path",
    "discover",
    "display_path",
    "resolve_path",
    "source_files",
]

CONFIG_NAME = "glossary.toml"
YAML_SUFFIXES = (".yaml", ".yml")
TBX_SUFFIXES = (".tbx", ".xml")
ENV_VAR = "GLOSSARY_PATH"


def bundled_path() -> Path:
    """The glossary shipped with the package (``terms/`` of a checkout when run from one)."""
    here = Path(__file__).resolve().parent
    installed = here / "terms"
    if (installed / CONFIG_NAME).is_file():
        return installed
    return here.parent / "terms"


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The glossary to use: ``path``, else ``$GLOSSARY_PATH``, else ``./terms`` when it
    holds a ``glossary.toml``, else the bundled glossary."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    local = Path("terms")
    if (local / CONFIG_NAME).is_file():
        return local
    return bundled_path()


def display_path(path: Path) -> str:
    """A path as the user will want to read it: relative to the working directory if inside."""
    return _display(path)


def _display(path: Path) -> str:
    """A path as the user will want to read it: relative to the working directory if inside."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return absolute[len(cwd) + 1 :]
    return str(path)


def discover(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The YAML concept files under ``root``, sorted, and the entries skipped with why.

    Hidden files and folders and folders starting with ``_`` are left out silently. A
    symbolic link is followed only while it stays inside ``root``: a link to a file
    outside (``x.yaml -> /etc/shadow``), a link that leads nowhere, and a link back to a
    folder already walked (``loop -> .``) are skipped and reported, never read."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    try:
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return found, skipped
    visited = {real_root}

    def walk(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                if entry.is_symlink():
                    real = Path(entry.path).resolve(strict=True)
                    if not real.is_relative_to(real_root):
                        skipped.append(
                            (Path(entry.path), "a symbolic link out of the glossary folder")
                        )
                        continue
                    if is_dir and real in visited:
                        skipped.append(
                            (Path(entry.path), "a symbolic link to a folder already read (a loop)")
                        )
                        continue
                    if is_dir:
                        visited.add(real)
            except (OSError, RuntimeError):
                skipped.append((Path(entry.path), "a symbolic link that leads nowhere"))
                continue
            if is_dir:
                if not entry.name.startswith("_"):
                    subfolders.append(entry.path)
            elif entry.name.lower().endswith(YAML_SUFFIXES):
                found.append(Path(entry.path))
        for sub in subfolders:
            walk(sub)

    walk(str(root))
    return found, skipped


def source_files(root: Path) -> list[Path]:
    """The YAML concept files under ``root``, sorted (see :func:`discover`)."""
    return discover(root)[0]
