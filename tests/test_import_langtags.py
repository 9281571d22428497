"""Language tags of other tools' files made canonical BCP 47, and --lang-map (#13)."""

from __future__ import annotations

import io

import pytest

from glossary.cli import app
from glossary.langtags import canonical_tag, parse_lang_map
from glossary.sources.tabular import read_table
from glossary.sources.tbx import read_tbx


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("fin", "fi"),
        ("rus", "ru"),
        ("eng", "en"),
        ("swe", "sv"),
        ("ger", "de"),  # ISO 639-2/B
        ("deu", "de"),  # ISO 639-2/T
        ("FRE-ca", "fr-CA"),
        ("rus_RU", "ru-RU"),
        ("en_US", "en-US"),
        ("EN_us", "en-US"),
        ("zh_Hans", "zh-Hans"),
        ("zh_hant_TW", "zh-Hant-TW"),
        ("sme", "se"),
        ("smn", "smn"),  # Inari Sami has no two-letter code
        ("fi", "fi"),
        ("x-private", "x-private"),
        ("not a tag", None),
        ("", None),
    ],
)
def test_canonical_tags(raw, tag):
    assert canonical_tag(raw) == tag


def test_a_lang_map_folds_regions():
    mapping = parse_lang_map(["ru_RU=ru", "EN-gb=en"])
    assert mapping == {"ru-RU": "ru", "en-GB": "en"}
    assert canonical_tag("rus-RU", mapping) == "ru"


@pytest.mark.parametrize("pair", ["ru-RU", "ru-RU=", "=ru", "ru RU=ru", "ru-RU=x y"])
def test_a_bad_lang_map_is_refused(pair):
    with pytest.raises(ValueError, match="is not FROM=TO"):
        parse_lang_map([pair])


def test_tbx_and_csv_read_three_letter_codes_and_underscores():
    tbx = b"""<?xml version="1.0"?>
<martif type="TBX" xml:lang="en_US"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry id="a"><langSet xml:lang="fin"><tig><term>koulu</term></tig></langSet>
<langSet xml:lang="rus"><tig><term>\xd1\x88\xd0\xba\xd0\xbe\xd0\xbb\xd0\xb0</term></tig></langSet>
<langSet xml:lang="eng"><tig><term>school</term></tig></langSet></termEntry>
</body></text></martif>"""
    result = read_tbx(io.BytesIO(tbx), name="m.tbx")
    assert list(result.concepts[0].languages) == ["fi", "ru", "en"]
    table = read_table(b"concept_id,lang,term\na,fin,koulu\na,en_US,school\n", "t.csv", "csv")
    assert list(table.concepts[0].languages) == ["fi", "en-US"]


def test_import_lang_map_joins_a_regional_section(runner, tmp_path):
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        "concept_id,lang,term,definition\n"
        "school,ru,школа,\n"
        "school,ru_RU,училище,Учебное заведение.\n"
        "school,fi,koulu,\n",
        "utf-8",
    )
    out = tmp_path / "t"
    result = runner.invoke(
        app, ["import", str(sheet), "--into", str(out), "--lang-map", "ru-RU=ru"]
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "school.yaml").read_text("utf-8") == (
        "id: school\n"
        "status: draft\n"
        "languages:\n"
        "  ru:\n"
        "    definition: Учебное заведение.\n"
        "    terms: [школа, училище]\n"
        "  fi:\n"
        "    terms: [koulu]\n"
    )
    assert 'languages = ["ru", "fi"]' in (out / "glossary.toml").read_text("utf-8")


def test_import_refuses_a_bad_lang_map(runner, tmp_path):
    sheet = tmp_path / "p.csv"
    sheet.write_text("fi,en\nkoulu,school\n", "utf-8")
    result = runner.invoke(
        app, ["import", str(sheet), "--into", str(tmp_path / "t"), "--lang-map", "ru-RU"]
    )
    assert result.exit_code == 2
    assert "'ru-RU' is not FROM=TO with two language tags (ru-RU=ru)" in result.stderr
    assert not (tmp_path / "t").exists()
