"""TBX data other tools write that was lost or misread (#13)."""

from __future__ import annotations

import io

from glossary.sources.tbx import read_tbx


def _read(body: str, root_lang: str = "en"):  # type: ignore[no-untyped-def]
    data = f"""<?xml version="1.0"?>
<martif type="TBX" xml:lang="{root_lang}"><martifHeader><fileDesc><sourceDesc><p>x</p>
</sourceDesc></fileDesc></martifHeader><text><body>{body}</body></text></martif>"""
    return read_tbx(io.BytesIO(data.encode()), name="t.tbx")


def test_multiterm_named_fields_are_read():
    result = _read(
        """<termEntry id="a"><descrip type="Subject">education</descrip>
<langSet xml:lang="en"><descrip type="Definition">A person who guides.</descrip>
<tig><term>mentor</term><termNote type="Part of Speech">Noun</termNote>
<termNote type="Gender">masculine</termNote></tig>
<tig><term>tutor</term><termNote type="Status">Forbidden</termNote>
<descrip type="Note">Not in this sense.</descrip></tig></langSet></termEntry>"""
    )
    (concept,) = result.concepts
    en = concept.languages["en"]
    assert en.definition == "A person who guides."
    first, second = en.terms
    assert (first.pos.value, first.gender.value) == ("noun", "masculine")  # type: ignore[union-attr]
    assert second.status.value == "deprecated"
    assert second.note == "Not in this sense."
    assert concept.subjects == ("education",)


def test_untyped_descrip_is_a_note_and_empty_values_are_nothing():
    result = _read(
        """<termEntry id="a"><langSet xml:lang="fi"><descrip type="definition"></descrip>
<tig><term>ohjaaja</term><termNote type="partOfSpeech"/><descrip>Weblate explanation</descrip></tig>
</langSet></termEntry>"""
    )
    (term,) = result.concepts[0].languages["fi"].terms
    assert term.pos is None
    assert term.note == "Weblate explanation"
    assert result.concepts[0].languages["fi"].definition is None


def test_an_entry_definition_beside_the_sections_own_is_kept():
    result = _read(
        """<termEntry id="a"><descrip type="definition">Entry level.</descrip>
<langSet xml:lang="en"><tig><term>mentor</term></tig></langSet></termEntry>
<termEntry id="b"><descrip type="definition">Entry level.</descrip>
<langSet xml:lang="en"><descrip type="definition">Its own.</descrip>
<tig><term>tutor</term></tig></langSet></termEntry>""",
    )
    first, second = result.concepts
    assert first.languages["en"].definition == "Entry level."
    # memoQ: both kept, the entry's in the note, and said so.
    assert second.languages["en"].definition == "Its own."
    assert second.languages["en"].note == "Definition (entry level): Entry level."
    assert any("kept in the language's note" in d.message for d in result.diagnostics)


def test_an_entry_definition_in_the_roots_language_goes_to_its_section():
    # Weblate/translate-toolkit: root xml:lang="en_US", langSets "en", definition on the entry.
    result = _read(
        """<termEntry id="a"><descrip type="definition">A person who guides.</descrip>
<langSet xml:lang="en"><tig><term>mentor</term></tig></langSet>
<langSet xml:lang="fi"><tig><term>mentori</term></tig></langSet></termEntry>""",
        root_lang="en_US",
    )
    (concept,) = result.concepts
    assert list(concept.languages) == ["en", "fi"]
    assert concept.languages["en"].definition == "A person who guides."
    assert concept.languages["fi"].definition is None
    assert [(d.code, d.message) for d in result.diagnostics] == [
        (
            "L116",
            "entry-level definitions in the document's language were read into the entry's "
            "section of the same language",
        )
    ]


def test_an_entry_definition_with_its_own_language_keeps_it():
    # Our export: a section without terms is written on the entry with its own xml:lang.
    result = _read(
        """<termEntry id="a">
<descrip type="definition" xml:lang="en-US">American sense.</descrip>
<langSet xml:lang="en"><tig><term>mentor</term></tig></langSet></termEntry>""",
        root_lang="en_US",
    )
    (concept,) = result.concepts
    assert concept.languages["en-US"].terms == ()
    assert concept.languages["en-US"].definition == "American sense."
    assert concept.languages["en"].definition is None
    assert not any("document's language" in d.message for d in result.diagnostics)


def test_an_untagged_definition_stays_beside_an_element_tagged_in_its_language():
    # A note that names en-US itself keeps en-US, and the definition stays with it.
    result = _read(
        """<termEntry id="a"><descrip type="definition">American sense.</descrip>
<note xml:lang="en-US">Checked.</note>
<langSet xml:lang="en"><tig><term>mentor</term></tig></langSet></termEntry>""",
        root_lang="en_US",
    )
    us = result.concepts[0].languages["en-US"]
    assert (us.terms, us.definition, us.note) == ((), "American sense.", "Checked.")
    assert result.concepts[0].languages["en"].definition is None


def test_an_entry_definition_with_two_sections_of_its_language_stays_apart():
    result = _read(
        """<termEntry id="a"><descrip type="definition">Either sense.</descrip>
<langSet xml:lang="en-GB"><tig><term>colour</term></tig></langSet>
<langSet xml:lang="en-AU"><tig><term>colour</term></tig></langSet></termEntry>""",
        root_lang="en",
    )
    (concept,) = result.concepts
    assert concept.languages["en"].definition == "Either sense."
    assert concept.languages["en-GB"].definition is None


MEMOQ_ENTRY = """<termEntry id="_1">
<transacGrp><transac type="origination">anna</transac><date>2019-03-04T10:00:00Z</date>
</transacGrp>
<transacGrp><transac type="modification">pekka</transac><date>2021-06-01T08:30:00Z</date>
</transacGrp>
<langSet xml:lang="eng"><tig><term>mentor</term>
<transacGrp><transac type="origination">anna</transac><date>2019-03-04T10:00:00Z</date>
</transacGrp>
<transacGrp><transac type="modification">pekka</transac><date>2022-01-15T09:00:00Z</date>
</transacGrp></tig></langSet>
<langSet xml:lang="fin"><tig><term>mentori</term></tig></langSet></termEntry>
<termEntry id="_2">
<transacGrp><transac type="transactionType">modification</transac>
<transacNote type="responsibility">Olga</transacNote><date>2020-02-29</date></transacGrp>
<transacGrp><transac type="transactionType">modification</transac><date>never</date>
</transacGrp>
<langSet xml:lang="en"><tig><term>tutor</term></tig></langSet></termEntry>"""


def test_memoq_dates_give_updated_and_the_rest_is_counted():
    result = _read(MEMOQ_ENTRY)
    first, second = result.concepts
    assert list(first.languages) == ["en", "fi"]
    # The latest modification of the entry, its sections or its terms.
    assert first.updated is not None and first.updated.isoformat() == "2022-01-15"
    assert second.updated is not None and second.updated.isoformat() == "2020-02-29"
    assert [str(d) for d in result.diagnostics] == [
        "t.tbx:3:52: warning: L116 entry ids that are not lower-case a-z, 0-9 and - were "
        "made into such ids (2 times; the first is here)",
        "t.tbx:4:13: warning: L115 authors of changes (<transac>, <transacNote "
        'type="responsibility">) have no field in the model and were not imported '
        "(5 times; the first is here)",
        "t.tbx:4:55: warning: L115 creation dates (<transacGrp> of an origination) have no "
        "field in the model and were not imported (2 times; the first is here)",
        "t.tbx:17:1: warning: L115 <transacGrp> elements without a readable <date> were not "
        "imported",
    ]


def test_a_creation_date_alone_is_no_update():
    result = _read(
        """<termEntry id="a"><transacGrp><transac type="transactionType">origination</transac>
<date>2019-03-04</date></transacGrp>
<langSet xml:lang="en"><tig><term>mentor</term></tig></langSet></termEntry>"""
    )
    assert result.concepts[0].updated is None
    assert [d.message for d in result.diagnostics] == [
        "creation dates (<transacGrp> of an origination) have no field in the model "
        "and were not imported"
    ]


def test_a_ref_in_a_term_to_another_entry_makes_it_related_and_a_web_link_a_source():
    result = _read(
        """<termEntry id="c1"><langSet xml:lang="en"><tig id="t1"><term>mentor</term></tig>
</langSet></termEntry>
<termEntry id="c2"><langSet xml:lang="en"><tig><term>tutor</term>
<ref type="crossReference" target="t1">mentor</ref>
<ref type="relatedTerm" target="c1">mentor</ref>
<xref type="externalCrossReference" target="https://example.org/tutor">Tutor page</xref>
</tig><tig><term>coach</term><admin type="source">Handbook</admin>
<xref type="externalCrossReference" target="https://example.org/coach">Coach</xref>
<ref type="crossReference" target="elsewhere">x</ref><ref type="see" target="c2">tutor</ref>
</tig></langSet></termEntry>"""
    )
    mentor, tutor = result.concepts
    assert mentor.related == ()
    assert tutor.related == ("c1",)  # once, whether the link names the entry or its term
    first, second = tutor.languages["en"].terms
    assert first.source == "Tutor page (https://example.org/tutor)"
    assert second.source == "Handbook"
    assert [(d.line, d.col, d.code, d.message) for d in result.diagnostics] == [
        (10, 1, "L115", "<xref> web addresses on terms that have a source were not imported"),
        (
            11,
            1,
            "L115",
            "<ref> elements in terms whose target is no other entry of the file were not "
            "imported (2 times; the first is here)",
        ),
    ]
