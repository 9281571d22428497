"""Other formats in and out: ``glossary export`` and ``glossary import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from glossary.cli import (
    GlossaryOption,
    _command,
    _err,
    _read,
)

# -- export -----------------------------------------------------------------------------


@_command
def export(
    format_name: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="site, pdf, json, tbx, csv, xlsx or skos."),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: standard output).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="site, skos: the site's address (default: base_url of glossary.toml); "
            "json: the address of the folder that holds v1/.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="site, pdf: build from a copy of the templates folder, e.g. with your own style.",
        ),
    ] = None,
    page_size: Annotated[
        str | None,
        typer.Option("--page-size", metavar="SIZE", help="pdf: A4 (default) or A5."),
    ] = None,
    pdf_standard: Annotated[
        str | None,
        typer.Option(
            "--pdf-standard",
            metavar="STD",
            help="pdf: ua-1 (tagged for screen readers, default) or a-2b (PDF/A for archives).",
        ),
    ] = None,
    subject: Annotated[
        list[str] | None,
        typer.Option(
            "--subject",
            metavar="CODE",
            help="pdf: print only the concepts of this subject (repeatable).",
        ),
    ] = None,
    concepts: Annotated[
        Path | None,
        typer.Option(
            "--concepts",
            metavar="FILE",
            help="pdf: print only the concepts this file lists, one id a line (and any --subject).",
        ),
    ] = None,
    tbx_version: Annotated[
        int | None,
        typer.Option(
            "--tbx-version",
            metavar="N",
            help="tbx: 3 (TBX v3, default) or 2 (martif, TBX-Basic 2008, for older tools).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="site, json: what's new since this git revision (or folder or file) "
            "rather than since the release recorded in the output folder.",
        ),
    ] = None,
    glossary: GlossaryOption = None,
) -> None:
    """Write the glossary in another format.

    Example: glossary export tbx --out glossary.tbx
    """
    from glossary.exporters import get

    exporter = get(format_name)
    options: dict[str, object] = {}

    def accepts(option: str, flag: str, refusal: str) -> None:
        if option not in getattr(exporter, "OPTIONS", ()):
            raise typer.BadParameter(refusal, param_hint=flag)

    if base_url is not None:
        accepts("base_url", "--base-url", f"'{format_name}' has no use for a base URL")
        from glossary.util import http_url

        if not http_url(base_url):
            raise typer.BadParameter(
                f"'{base_url}' is not an http(s) address", param_hint="--base-url"
            )
        options["base_url"] = base_url
    if templates is not None:
        accepts("templates", "--templates", f"'{format_name}' uses no templates")
        if not (templates / format_name).is_dir():
            raise typer.BadParameter(
                f"{templates} has no {format_name}/ folder; copy the project's templates/ folder",
                param_hint="--templates",
            )
        options["templates"] = templates
    if page_size is not None:
        from glossary.pdf import PAGE_SIZES

        accepts("page_size", "--page-size", f"'{format_name}' has no pages")
        size = page_size.upper()
        if size not in PAGE_SIZES:
            raise typer.BadParameter(
                f"'{page_size}' is not a page size we print; choose A4 or A5",
                param_hint="--page-size",
            )
        options["page_size"] = size
    if pdf_standard is not None:
        from glossary.pdf import PDF_STANDARDS

        accepts("pdf_standard", "--pdf-standard", f"'{format_name}' is not a PDF")
        if pdf_standard.lower() not in PDF_STANDARDS:
            raise typer.BadParameter(
                f"'{pdf_standard}' is not a PDF standard we write; choose ua-1 or a-2b",
                param_hint="--pdf-standard",
            )
        options["pdf_standard"] = pdf_standard.lower()
    if subject:
        accepts("subjects", "--subject", f"'{format_name}' prints no selection")
        options["subjects"] = tuple(subject)
    if concepts is not None:
        accepts("concepts", "--concepts", f"'{format_name}' prints no selection")
        options["concepts"] = concepts
    if tbx_version is not None:
        accepts("tbx_version", "--tbx-version", f"'{format_name}' is not TBX")
        if tbx_version not in (2, 3):
            raise typer.BadParameter(
                f"TBX version {tbx_version} does not exist here; choose 2 or 3",
                param_hint="--tbx-version",
            )
        options["tbx_version"] = tbx_version
    if since is not None:
        accepts("since", "--since", f"'{format_name}' keeps no release history")
        options["since"] = since
    g = _read(glossary)
    if out is None or str(out) == "-":
        if not exporter.SUFFIX:
            raise typer.BadParameter(
                f"'{format_name}' writes a folder; give --out DIR", param_hint="--out"
            )
        exporter.write(sys.stdout.buffer, g, options)
        sys.stdout.buffer.flush()
        return
    written = exporter.export(g, out, options)
    if exporter.SUFFIX:
        _err(f"wrote {', '.join(str(p) for p in written)}")
    elif written:
        _err(f"wrote {len(written)} changed file{'s' if len(written) != 1 else ''} in {out}")
    else:
        _err(f"{out} is up to date")


# -- import -----------------------------------------------------------------------------


@_command
def import_(
    src: Annotated[
        Path,
        typer.Argument(
            metavar="SRC",
            help="A TBX file (v2 or v3), a MultiTerm XML export, a CSV, tab or XLSX file.",
        ),
    ],
    into: Annotated[Path, typer.Option("--into", help="Folder to write concept files to.")] = Path(
        "terms"
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace existing concept files.")] = False,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Add new languages, terms and missing fields to existing concepts; report "
            "conflicts; send changed concepts back for review.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would happen; write nothing.")
    ] = False,
    lang_map: Annotated[
        list[str] | None,
        typer.Option(
            "--lang-map",
            metavar="FROM=TO",
            help="Read language FROM as TO, e.g. ru-RU=ru (repeatable).",
        ),
    ] = None,
    languages: Annotated[
        str | None,
        typer.Option(
            "--languages",
            metavar="LANG,LANG",
            help="A file without a header (OmegaT glossary.txt): its columns' languages; "
            "the next column is a note.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME|N", help="The XLSX sheet to read (name or number)."),
    ] = None,
    keep_status: Annotated[
        bool,
        typer.Option("--keep-status", help="With --merge: leave an approved concept approved."),
    ] = False,
    header_row: Annotated[
        int | None,
        typer.Option(
            "--header-row", metavar="N", min=1, help="The row holding the header (from 1)."
        ),
    ] = None,
) -> None:
    """Import concepts from TBX, MultiTerm XML, CSV or XLSX as YAML concept files.

    Example: glossary import partner.xlsx --into terms/ --merge --lang-map ru-RU=ru
    """
    from glossary import render
    from glossary.importer import describe, import_file
    from glossary.langtags import canonical_tag, parse_lang_map
    from glossary.sources.tabular import TableOptions

    if force and merge:
        raise typer.BadParameter("choose one of --force and --merge", param_hint="--merge")
    try:
        mapping = parse_lang_map(lang_map or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang-map") from None
    tags: list[str] = []
    for raw in (languages or "").split(","):
        if not raw.strip():
            continue
        tag = canonical_tag(raw)
        if tag is None:
            raise typer.BadParameter(
                f"'{raw.strip()}' is not a language tag", param_hint="--languages"
            )
        tags.append(tag)
    if languages is not None and (not tags or header_row is not None):
        why = "name at least one language" if not tags else "a file without a header has none"
        raise typer.BadParameter(why, param_hint="--languages")
    table = TableOptions(languages=tuple(tags), sheet=sheet, header_row=header_row)
    report = import_file(
        src,
        into,
        force=force,
        merge_existing=merge,
        dry_run=dry_run,
        lang_map=mapping,
        table=table,
        keep_status=keep_status,
    )
    from glossary.util import printable

    for line in describe(report.items):
        typer.echo(printable(line))
    if report.config_written is not None:
        verb = "would write" if dry_run else "wrote"
        typer.echo(printable(f"{verb} {report.config_written}"))
    if report.diagnostics:
        _err(render.diagnostics_text(report.diagnostics))
    for note in report.notes:
        _err(f"note: {note}")
    _err(report.summary())
    if report.has_errors:
        # What could be read is imported; the exit code still tells a script that rows or
        # entries were left out.
        raise typer.Exit(1)
