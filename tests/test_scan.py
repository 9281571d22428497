"""``glossary scan``: terms in running text, each reader, each output format, and hostile
files. The glossary is tests/data/lookup (a dozen concepts, each with look-alikes);
the deprecated-term test uses the bundled glossary. Recall and precision on real
documents are in test_scan_gold.py."""

from __future__ import annotations

import functools
import io
import json
import zipfile

import pytest
from conftest import DATA, TERMS
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli import app
from glossary.documents.readers import MAX_BYTES, DocumentError, read_document
from glossary.documents.scan import tokens
from glossary.search.keys import is_cyrillic

SMALL = str(DATA / "lookup")
GOLD = DATA / "documents"


def run(runner, *args: str, input: str | bytes | None = None, glossary: str = SMALL):
    return runner.invoke(app, ["scan", "-g", glossary, *args], input=input)


def spans(runner, text: str, *args: str) -> list[tuple[str, str]]:
    """(text, concept_id) of each match of ``text``."""
    result = run(runner, "-f", "json", *args, input=text)
    assert result.exit_code == 0, result.output
    return [(m["text"], m["concept_id"]) for m in json.loads(result.stdout)["matches"]]


@pytest.fixture(autouse=True)
def _columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")


# -- what is matched --------------------------------------------------------------------


def test_json_is_one_object_per_file_with_offsets_lines_and_columns(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Opiskelija tekee HOKSin.\n\nAmmatillisen koulutuksen aikana.\n", "utf-8")
    result = run(runner, str(path), "-f", "json", "--to", "ru")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "path": str(path),
        "lang": "fi",
        "matches": [
            {
                "start": 17,
                "end": 23,
                "line": 1,
                "col": 18,
                "text": "HOKSin",
                "concept_id": "personal-competence-development-plan",
                "term": "HOKS",
                "lang": "fi",
                "status": "admitted",
                "kind": "lemma",
                "score": 90.0,
                "equivalents": {
                    "ru": [
                        {"term": "индивидуальный план развития компетенций", "status": "preferred"}
                    ]
                },
            },
            {
                "start": 26,
                "end": 50,
                "line": 3,
                "col": 1,
                "text": "Ammatillisen koulutuksen",
                "concept_id": "vocational-education",
                "term": "ammatillinen koulutus",
                "lang": "fi",
                "status": "preferred",
                "kind": "lemma",
                "score": 90.0,
                "equivalents": {
                    "ru": [{"term": "профессиональное образование", "status": "preferred"}]
                },
            },
        ],
    }
    text = path.read_text("utf-8")
    assert text[17:23] == "HOKSin" and text[26:50] == "Ammatillisen koulutuksen"


def test_table(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(
        "Ammatillisen koulutuksen opiskelija tekee HOKSin; HOKS:n laatii opettaja.\n"
        "Verkko-oppimisesta ja verkkokoulutuksesta.\n",
        "utf-8",
    )
    result = run(runner, "a.txt", "--to", "ru")
    assert result.exit_code == 0
    assert result.stdout == (
        "WHERE       TEXT                      TERM                   STATUS     RU\n"
        "a.txt:1:1   Ammatillisen koulutuksen  ammatillinen koulutus  preferred  профессиональное образование\n"
        "a.txt:1:43  HOKSin                    HOKS                   admitted   индивидуальный план развития компетенций\n"
        "a.txt:1:51  HOKS:n                    HOKS                   admitted   индивидуальный план развития компетенций\n"
        "a.txt:2:1   Verkko-oppimisesta        verkko-oppiminen       preferred  электронное обучение\n"
        "a.txt:2:23  verkkokoulutuksesta       verkkokoulutus         preferred  онлайн-курс\n"
    )


def test_russian_inflected_multiword_terms_and_capital_abbreviations(runner):
    text = "Студенты до экзамена в ДО и в системе дистанционного обучения, а также обучения в течение всей жизни."
    assert spans(runner, text) == [
        ("экзамена", "examination"),
        ("ДО", "distance-learning"),
        ("дистанционного обучения", "distance-learning"),
        ("обучения в течение всей жизни", "lifelong-learning"),
    ]


def test_function_words_and_lookalikes_give_nothing(runner):
    # "до" and "во" are prepositions, not the abbreviations ДО and ВО; "ja", "в", "и"
    # are function words; "koetta" is not "koe" written another way, but a form of it.
    assert spans(runner, "до и во в по", "--lang", "ru") == []
    assert spans(runner, "ja tai sekä hoks", "--lang", "fi") == []
    assert spans(runner, "Koulutuksessa on koetta.", "--lang", "fi") == [
        ("Koulutuksessa", "training"),
        ("koetta", "examination"),
    ]


def test_longest_match_wins_and_matches_do_not_overlap(runner):
    # "ammatillinen koulutus" (2 words) over "koulutus"; "обучение в течение всей
    # жизни" over "обучение".
    assert spans(runner, "ammatillisessa koulutuksessa", "--lang", "fi") == [
        ("ammatillisessa koulutuksessa", "vocational-education")
    ]
    assert spans(runner, "обучение в течение всей жизни и обучение", "--lang", "ru") == [
        ("обучение в течение всей жизни", "lifelong-learning"),
        ("обучение", "training"),
    ]


def test_a_term_spans_a_line_break_but_not_punctuation(runner):
    assert spans(runner, "ammatillisen\nkoulutuksen", "--lang", "fi") == [
        ("ammatillisen\nkoulutuksen", "vocational-education")
    ]
    assert spans(runner, "ammatillinen. Koulutus", "--lang", "fi") == [("Koulutus", "training")]


def test_suspended_compound_first_part_is_not_a_word(runner):
    # "koulutus- ja ohjaus…": the first part is cut from a compound, not a term.
    assert spans(runner, "koulutus- ja ohjauspalvelut; koulutus", "--lang", "fi") == [
        ("koulutus", "training")
    ]


def test_deprecated_terms_are_flagged(runner):
    result = run(runner, "--to", "ru", input="Työssäoppimisen aikana.", glossary=str(TERMS))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "WHERE        TEXT             TERM             STATUS                                                RU",
        "<stdin>:1:1  Työssäoppimisen  työssäoppiminen  deprecated: use 'työpaikalla järjestettävä koulutus'  обучение на рабочем месте",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A participle used as a noun, in the plural and in other cases.
        ("Tutkinnon suorittaneet kohtaavat", [("Tutkinnon suorittaneet", "graduate")]),
        ("tutkinnon suorittaneille", [("tutkinnon suorittaneille", "graduate")]),
        ("valmistuneiden osuus", [("valmistuneiden", "graduate")]),
        # The verb's forms are not the participle's: tutkinto is found alone.
        ("tutkinto suoritetaan", [("tutkinto", "qualification")]),
        ("tutkinnon suorittaa", [("tutkinnon", "qualification")]),
    ],
)
def test_finnish_participles_inflect_as_nouns_not_as_verbs(runner, text, found):
    assert spans(runner, text, "--lang", "fi", "-g", str(TERMS)) == found


def test_participle_forms():
    from glossary.languages.fi import Finnish, participle_forms

    assert {"suorittaneet", "suorittaneiden", "suorittanutta", "suorittaneelle"} <= (
        participle_forms("suorittanut")
    )
    assert {"kehittyneessä", "kehittynyttä", "kehittyneitä"} <= participle_forms("kehittynyt")
    assert participle_forms("koulutus") == set()
    assert "suorittanut" in Finnish().readings("suorittaneille")


def test_language_detected_per_file(runner, tmp_path):
    fi = tmp_path / "fi.txt"
    fi.write_text("Koulutus ja liikkuvuus.", "utf-8")
    ru = tmp_path / "ru.txt"
    ru.write_text("Обучение и мобильность.", "utf-8")
    en = tmp_path / "en.txt"
    en.write_text("Training and mobility of the students.", "utf-8")
    result = run(runner, str(fi), str(ru), str(en), "-f", "json")
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["lang"], [m["concept_id"] for m in o["matches"]]) for o in objects] == [
        ("fi", ["training", "mobility"]),
        ("ru", ["training", "mobility"]),
        ("en", ["training", "mobility"]),
    ]


def test_language_detected_per_paragraph(runner, tmp_path):
    path = tmp_path / "handout.txt"
    path.write_text(
        "Liikkuvuus\n\nKoulutus ja liikkuvuus.\n\nОбучение и мобильность.\n\n"
        "Training and mobility of the students.\n\nKoulutus\n\n2026\n",
        "utf-8",
    )
    result = run(runner, str(path), "-f", "json", "--to", "en")
    data = json.loads(result.stdout)
    found = [(m["text"], m["lang"], list(m["equivalents"])) for m in data["matches"]]
    # One word is enough for a heading; the file's language is that of most words.
    assert found == [
        ("Liikkuvuus", "fi", ["en"]),
        ("Koulutus", "fi", ["en"]),
        ("liikkuvuus", "fi", ["en"]),
        ("Обучение", "ru", ["en"]),
        ("мобильность", "ru", ["en"]),
        ("Training", "en", ["en"]),
        ("mobility", "en", ["en"]),
        ("Koulutus", "fi", ["en"]),
    ]
    # Six words each in Finnish (the number goes with the heading before it) and in
    # English: the tie goes to the language the whole text is detected in.
    assert data["lang"] == "fi"
    # --lang says it for the whole file.
    data = json.loads(run(runner, str(path), "-f", "json", "--lang", "fi").stdout)
    assert {m["lang"] for m in data["matches"]} == {"fi"}


def test_lang_option_must_be_a_glossary_language(runner):
    result = run(runner, "--lang", "sv", input="x")
    assert result.exit_code == 2
    assert "'sv' is not a language of the glossary (fi, ru, en)" in result.output


def test_unique_is_the_term_list_in_order_of_first_occurrence(runner):
    text = "Koe, koulutus ja kokeen jälkeen koulutuksessa koe."
    result = run(runner, "--unique", "-f", "tsv", "--to", "ru", input=text)
    assert result.exit_code == 0
    assert result.stdout == (
        "concept_id\tterm\tlang\tstatus\tcount\tru\n"
        "examination\tkoe\tfi\tpreferred\t3\tэкзамен\n"
        "training\tkoulutus\tfi\tpreferred\t2\tобучение\n"
    )
    data = json.loads(run(runner, "--unique", "-f", "json", "--to", "en", input=text).stdout)
    assert data == {
        "terms": [
            {
                "concept_id": "examination",
                "term": "koe",
                "lang": "fi",
                "status": "preferred",
                "count": 3,
                "equivalents": {"en": [{"term": "examination", "status": "preferred"}]},
            },
            {
                "concept_id": "training",
                "term": "koulutus",
                "lang": "fi",
                "status": "preferred",
                "count": 2,
                "equivalents": {"en": [{"term": "training", "status": "preferred"}]},
            },
        ]
    }


def test_tsv(runner):
    result = run(runner, "-f", "tsv", "--to", "en", input="Mikro-oppimista\tverkossa.")
    assert result.stdout == (
        "path\tstart\tend\tline\tcol\ttext\tconcept_id\tterm\tlang\tstatus\tkind\tscore\ten\n"
        "<stdin>\t0\t15\t1\t1\tMikro-oppimista\tmicrolearning\tmikro-oppiminen\tfi\tpreferred\tlemma\t90\tmicrolearning\n"
    )


def test_nothing_found_is_not_an_error(runner):
    result = run(runner, input="Tässä ei ole yhtään termiä.")
    assert (result.exit_code, result.stdout) == (0, "")


# -- readers ----------------------------------------------------------------------------


def test_markdown_offsets_point_into_the_file_and_code_is_not_scanned(runner, tmp_path):
    path = tmp_path / "a.md"
    source = (
        "# Koulutus\n\n"
        "Katso [liikkuvuus](https://example.org/koulutus) ja `koulutus`.\n\n"
        "```\nkoulutus\n```\n"
        "<span title='koulutus'>Verkkokoulutus</span>\n"
    )
    path.write_text(source, "utf-8")
    data = json.loads(run(runner, str(path), "-f", "json").stdout)
    found = [(m["start"], m["end"], m["text"], m["line"], m["col"]) for m in data["matches"]]
    assert found == [
        (2, 10, "Koulutus", 1, 3),
        (19, 29, "liikkuvuus", 3, 8),
        (117, 131, "Verkkokoulutus", 8, 24),
    ]
    assert all(source[s:e] == t for s, e, t, _, _ in found)


def test_markdown_code_spans_pair_runs_of_the_same_length():
    from glossary.documents.readers import _markdown_prose

    source = "a `b` c ``d ` e`` f `g\nh` i ``` j <!-- k\nl --> m"
    # The unpaired ``` stays; a comment and a code span may span lines.
    assert _markdown_prose(source) == "a     c           f   \n   i ``` j       \n      m"


@pytest.mark.parametrize(
    "unit", ["<a", "<a:", "](", "[", "<!--", "`", "``x", "```\n", "~~~ ", "<a href='"]
)
def test_markdown_that_never_closes_is_read_in_linear_time(unit):
    """A line of unclosed tags, link targets or comments was read again from each of
    them (a 4 MB line: hours); now each is read once. 400,000 characters of each."""
    from glossary.documents.readers import _markdown_prose

    text = unit * (400_000 // len(unit))
    prose = _markdown_prose(text)
    assert len(prose) == len(text)
    assert prose.count("\n") == text.count("\n")


def test_html_text_without_scripts_and_styles(runner, tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes(
        b"<!DOCTYPE html><html><head><title>koulutus</title><style>p{}</style></head>"
        b"<body><h1>Ammatillinen <b>koulutus</b></h1><script>koulutus()</script>"
        b"<p>Liikkuvuus &amp; koe</p></body></html>"
    )
    document = read_document(str(path), path.read_bytes())
    assert document.text == "Ammatillinen koulutus\nLiikkuvuus & koe\n"
    data = json.loads(run(runner, str(path), "-f", "json").stdout)
    assert [(m["start"], m["text"]) for m in data["matches"]] == [
        (0, "Ammatillinen koulutus"),
        (22, "Liikkuvuus"),
        (35, "koe"),
    ]


def docx_bytes(*paragraphs: str, table: tuple[str, str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        cells = document.add_table(rows=1, cols=2).rows[0].cells
        cells[0].text, cells[1].text = table
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables(runner, tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes("Etäopiskelu ja koe.", "Liikkuvuus", table=("HOKS", "koulutus")))
    document = read_document(str(path), path.read_bytes())
    assert document.text == "Etäopiskelu ja koe.\nLiikkuvuus\nHOKS\nkoulutus"
    data = json.loads(run(runner, str(path), "-f", "json").stdout)
    assert [(m["line"], m["text"], m["concept_id"]) for m in data["matches"]] == [
        (1, "Etäopiskelu", "distance-learning"),
        (1, "koe", "examination"),
        (2, "Liikkuvuus", "mobility"),
        (3, "HOKS", "personal-competence-development-plan"),
        (4, "koulutus", "training"),
    ]


@pytest.mark.parametrize(
    ("name", "lang", "units"),
    [
        ("check-fi-ru.xlf", "fi", 13),
        ("check-ru-fi.xlf", "ru", 12),
        ("check-fi-ru.po", "fi", 13),
        ("check-ru-fi.tmx", "ru", 13),
    ],
)
def test_bilingual_files_source_side_and_declared_language(name, lang, units):
    document = read_document(name, (GOLD / name).read_bytes())
    assert document.lang == lang
    assert len(document.text.split("\n")) == units
    # Only the source side: the target's script never appears.
    if lang == "ru":
        assert not any(ch in document.text for ch in "äöÄÖ")
    else:
        assert not is_cyrillic(document.text)


def test_bilingual_scan_uses_the_declared_language(runner):
    result = run(runner, str(GOLD / "check-ru-fi.tmx"), "-f", "json", glossary=str(TERMS))
    data = json.loads(result.stdout)
    assert data["lang"] == "ru"
    assert {m["lang"] for m in data["matches"]} == {"ru"}


# -- hostile input ----------------------------------------------------------------------


def one_error(runner, tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    result = run(runner, str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0].replace(str(path), "PATH")


def test_binary(runner, tmp_path):
    assert one_error(runner, tmp_path, "a.txt", b"\x00\x01\x02ELF") == (
        "glossary: error: PATH: binary data, not text"
    )


def test_not_utf8(runner, tmp_path):
    assert one_error(runner, tmp_path, "a.txt", "koulutus\nää".encode("latin-1")) == (
        "glossary: error: PATH:2:1: not UTF-8 text (byte 0xe4); convert it to UTF-8"
    )


def test_too_large_is_refused_unread(runner, tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fp:
        fp.truncate(50 * 1024 * 1024)
    assert one_error(runner, tmp_path, "big.txt", path.read_bytes()) == (
        "glossary: error: PATH: not read: 50 MB (at most 20 MB; split the file)"
    )
    with pytest.raises(DocumentError, match="not read: 21 MB"):
        read_document("x.txt", b"a" * (MAX_BYTES + 2**20))


def test_zip_bomb_docx(runner, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (30 * 1024 * 1024))
    assert one_error(runner, tmp_path, "a.docx", buffer.getvalue()) == (
        "glossary: error: PATH: not read: 30 MB once unzipped (at most 20 MB)"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"a" * (5 * 1024 * 1024))
    message = one_error(runner, tmp_path, "b.docx", buffer.getvalue())
    assert message.startswith("glossary: error: PATH: not read: 'word/document.xml' unzips to")
    assert message.endswith("times its size (at most 100; a zip bomb?)")


def test_broken_docx(runner, tmp_path):
    assert one_error(runner, tmp_path, "a.docx", b"PK\x03\x04garbage") == (
        "glossary: error: PATH: not a readable DOCX file (File is not a zip file)"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "no document here")
    message = one_error(runner, tmp_path, "b.docx", buffer.getvalue())
    assert message.startswith("glossary: error: PATH: not a readable DOCX file (")


def test_xml_entities_in_xliff_are_refused(runner, tmp_path):
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE xliff [\n  <!ENTITY a "koulutus">\n'
        b'  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
        b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        b'<file source-language="fi" target-language="ru" datatype="plaintext" original="x">'
        b'<body><trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>'
    )
    assert one_error(runner, tmp_path, "a.xlf", data) == (
        "glossary: error: PATH:3:3: not read: the XML declares entities"
    )


def test_broken_xliff_names_line_and_column(runner, tmp_path):
    data = b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n'
    message = one_error(runner, tmp_path, "a.xlf", data)
    assert message.startswith("glossary: error: PATH:4:")
    assert "not readable XLIFF" in message


def test_missing_file_does_not_stop_the_others(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("koulutus", "utf-8")
    result = run(runner, str(tmp_path / "nope.txt"), str(good), "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"glossary: error: {tmp_path / 'nope.txt'}: No such file or directory\n"
    assert json.loads(result.stdout)["matches"][0]["concept_id"] == "training"


def test_tokens_keep_abbreviation_endings_and_hyphenated_words():
    assert [t.text for t in tokens("ECVET:n, verkko-oppiminen; tuotanto- ja HOKS:ssa.")] == [
        "ECVET:n",
        "verkko-oppiminen",
        "tuotanto",
        "ja",
        "HOKS:ssa",
    ]


# -- properties -------------------------------------------------------------------------

_WORDS = ["koulutus", "koulutuksen", "ammatillisen", "HOKSin", "ja", "в", "ДО", "до"]
_WORDS += ["обучения", "в течение всей жизни", "verkko-", "oppiminen", "ECVET:n", "\n", "ä"]


@functools.cache
def _small_table():
    from glossary.documents import table_for
    from glossary.search import open_index

    return table_for(open_index(SMALL))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=8)), max_size=25).map(" ".join),
    st.sampled_from(["fi", "ru", "en"]),
)
def test_matches_are_ordered_disjoint_and_point_into_the_text(text, lang):
    from glossary.documents import scan

    matches = scan(_small_table(), text, lang)
    end = 0
    for m in matches:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        line_start = text.rfind("\n", 0, m.start) + 1
        assert (m.line, m.col) == (text.count("\n", 0, m.start) + 1, m.start - line_start + 1)
        end = m.end


def test_the_table_reads_the_index_word_by_word_and_agrees_with_it():
    """The table reads nothing when it is made; what it answers for a word is what the
    index's tables say, computed here the slow way over the whole index."""
    from collections import defaultdict

    from glossary.documents.scan import Table
    from glossary.search import open_index
    from glossary.search.keys import fold

    index = open_index(SMALL)
    table = Table(index)
    assert table._forms == {lang: {} for lang in index.languages}
    db = index.db
    term_words: dict[str, set[str]] = defaultdict(set)
    firsts: dict[tuple[str, bool, str], list[str]] = defaultdict(list)
    for lang, text, abbr in db.execute("SELECT lang, text, abbr FROM term ORDER BY tid"):
        words = fold(text).split()
        firsts[lang, bool(abbr), words[0]].append(text)
        if not abbr:
            term_words[lang].update(words)
    forms: dict[str, set[str]] = defaultdict(set)
    for form, word in db.execute("SELECT k, w FROM wordkey WHERE kind = 'form'"):
        forms[form].add(word)
    keys = set(forms) | {w for words in term_words.values() for w in words} | {"ja", "xyz"}
    for lang in index.languages:
        for key in sorted(keys):
            expected = (forms[key] | {key}) & term_words[lang]
            assert table.forms(lang, key) == expected, (lang, key)
    for (lang, abbr, first), texts in firsts.items():
        assert sorted(e.text for e in table.starts(lang, first, abbr)) == sorted(texts)
        lengths = [len(e.words) for e in table.starts(lang, first, abbr)]
        assert lengths == sorted(lengths, reverse=True)
    assert table.starts("fi", "xyz") == []
    assert (table.cyrillic("ru"), table.cyrillic("fi")) == (True, False)
