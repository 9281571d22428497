"""Find and read glossary sources: a folder of YAML files, one YAML file, or a TBX file.

``read(path)`` never raises for bad content: it returns whatever could be read together
with every diagnostic. ``load(path)`` is the strict variant that the library exposes as
``glossary.load``: it raises :class:`~glossary.errors.LoadError` when there are errors.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from glossary.config import CONFIG_NAME, Config, ValidateConfig, read_config
from glossary.errors import LoadError, NotFoundError
from glossary.model import Concept, Glossary, GlossaryMeta, SourceLocation
from glossary.validation.diagnostics import Diagnostic, Severity, load_diagnostic

__all__ = [
    "TBX_SUFFIXES",
    "YAML_SUFFIXES",
    "LoadResult",
    "bundled_path",
    "load",
    "read",
    "resolve_path",
    "source_files",
]

YAML_SUFFIXES = (".yaml", ".yml")
TBX_SUFFIXES = (".tbx", ".xml")
ENV_VAR = "GLOSSARY_PATH"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything read from the sources, good and bad."""

    glossary: Glossary
    #: Every concept read, including those whose id repeats an earlier one.
    concepts: tuple[Concept, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    validate: ValidateConfig = field(default_factory=ValidateConfig)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


def bundled_path() -> Path:
    """The glossary shipped with the package (``terms/`` of a checkout when run from one)."""
    here = Path(__file__).resolve().parent.parent
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


def _display(path: Path) -> str:
    """A path as the user will want to read it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def source_files(root: Path) -> list[Path]:
    """The YAML concept files under ``root``, sorted, skipping hidden files and folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            if filename.lower().endswith(YAML_SUFFIXES):
                found.append(Path(dirpath) / filename)
    return found


def _read_file(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return path.read_bytes(), []
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [load_diagnostic("L101", f"cannot read the file: {reason}", _display(path))]


def _read_config(directory: Path) -> tuple[Config, list[Diagnostic], Path | None]:
    config_path = directory / CONFIG_NAME
    if not config_path.is_file():
        meta = GlossaryMeta(id=directory.resolve().name or "glossary")
        return Config(meta), [], None
    data, problems = _read_file(config_path)
    if data is None:
        return Config(GlossaryMeta()), problems, config_path
    config, problems = read_config(data, _display(config_path))
    return config, problems, config_path


def _assemble(
    meta: GlossaryMeta, concepts: list[Concept], location: SourceLocation
) -> tuple[Glossary, list[Diagnostic]]:
    by_id: dict[str, Concept] = {}
    diagnostics = []
    for concept in concepts:
        first = by_id.get(concept.id)
        if first is None:
            by_id[concept.id] = concept
            continue
        where = concept.location
        diagnostics.append(
            load_diagnostic(
                "L118",
                f"id '{concept.id}' is already defined at {first.location}",
                where.path,
                where.line,
                where.col,
                concept.id,
            )
        )
    if not meta.languages:
        seen: dict[str, None] = {}
        for concept in concepts:
            seen.update(dict.fromkeys(concept.languages))
        meta = GlossaryMeta(
            id=meta.id,
            title=meta.title,
            languages=tuple(seen),
            required=meta.required,
            version=meta.version,
            license=meta.license,
            publisher=meta.publisher,
            base_url=meta.base_url,
            subjects=meta.subjects,
            location=meta.location,
        )
    return Glossary(meta, by_id, location), diagnostics


def read(path: str | os.PathLike[str] | None = None) -> LoadResult:
    """Read the glossary at ``path`` (see :func:`resolve_path`) with every diagnostic."""
    from glossary.sources.tbx import read_tbx
    from glossary.sources.yaml import read_yaml

    root = resolve_path(path)
    if not root.exists():
        raise NotFoundError(f"{root}: no such file or folder")
    diagnostics: list[Diagnostic] = []
    concepts: list[Concept] = []
    files: list[Path] = []
    validate = ValidateConfig()

    if root.is_dir():
        config, problems, config_path = _read_config(root)
        diagnostics.extend(problems)
        validate = config.validate
        meta = config.meta
        if config_path is not None:
            files.append(config_path)
        for file in source_files(root):
            files.append(file)
            data, problems = _read_file(file)
            diagnostics.extend(problems)
            if data is None:
                continue
            found, problems = read_yaml(io.BytesIO(data), name=_display(file))
            concepts.extend(found)
            diagnostics.extend(problems)
        if not files or (len(files) == 1 and config_path is not None):
            diagnostics.append(
                load_diagnostic(
                    "L112", "the folder holds no concept files (*.yaml)", _display(root)
                )
            )
        glossary, problems = _assemble(meta, concepts, SourceLocation(_display(root)))
        diagnostics.extend(problems)
    else:
        files.append(root)
        data, problems = _read_file(root)
        diagnostics.extend(problems)
        suffix = root.suffix.lower()
        if data is None:
            glossary = Glossary(GlossaryMeta(), {}, SourceLocation(_display(root)))
        elif suffix in TBX_SUFFIXES or (suffix not in YAML_SUFFIXES and data.lstrip()[:1] == b"<"):
            result = read_tbx(io.BytesIO(data), name=_display(root))
            diagnostics.extend(result.diagnostics)
            concepts = list(result.concepts)
            glossary = result.glossary or Glossary(
                GlossaryMeta(), {}, SourceLocation(_display(root))
            )
        else:
            config, problems, config_path = _read_config(root.parent)
            if config_path is not None:
                files.insert(0, config_path)
                diagnostics.extend(problems)
                validate = config.validate
            found, problems = read_yaml(io.BytesIO(data), name=_display(root))
            concepts.extend(found)
            diagnostics.extend(problems)
            glossary, problems = _assemble(config.meta, concepts, SourceLocation(_display(root)))
            diagnostics.extend(problems)

    return LoadResult(glossary, tuple(concepts), tuple(sorted(diagnostics)), tuple(files), validate)


def load(path: str | os.PathLike[str] | None = None) -> Glossary:
    """The glossary at ``path``; raises :class:`LoadError` listing every error if any."""
    result = read(path)
    errors = result.errors
    if errors:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"the glossary has {count} {noun}; run 'glossary validate'", errors)
    return result.glossary
