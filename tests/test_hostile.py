"""Hostile and broken sources: a diagnostic, exit code 1, no traceback, bounded time and
memory. Each case runs the real command in a child process under a memory limit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from childproc import LIMIT_SECONDS, run


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``glossary validate PATH`` in a child process under the memory and time limits."""
    return run("validate", path, *extra)


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
    assert f"{path}:2:1: error: L118 " in result.stdout
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
    assert f"{path}:1:1: error: L119 the file is 50 MB" in result.stdout
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


# -- what a fuzzing campaign found: paths, links, terminals, caches, settings -----------


SITE = Path(__file__).resolve().parent / "data" / "site"
#: Building a lookup index the first time loads the Finnish form dictionary (seconds).
LOOKUP_SECONDS = 90


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One cache folder for the lookups of this module: the Finnish forms are found once."""
    return tmp_path_factory.mktemp("cache")


def _glossary(folder: Path, toml: str = "", **files: str) -> Path:
    """A small glossary folder: glossary.toml (with ``toml`` added) and concept files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "en"]\nrequired = ["fi"]\n' + toml,
        encoding="utf-8",
    )
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


CONCEPT = "id: {id}\nlanguages:\n  fi:\n    terms: [{term}]\n  en:\n    terms: [{term}]\n"


def test_a_subject_code_from_a_tbx_file_cannot_lead_out_of_the_site_folder(tmp_path):
    tbx_file = tmp_path / "evil.tbx"
    export = run("export", "tbx", "--glossary", SITE, "--out", tbx_file)
    assert export.returncode == 0, export.stderr
    text = tbx_file.read_text(encoding="utf-8")
    text = text.replace('type="subject:vet"', 'type="subject:../../../../victim"')
    text = text.replace(">vet<", ">../../../../victim<")
    tbx_file.write_text(text, encoding="utf-8")
    out = tmp_path / "a" / "b" / "c" / "site"
    result = run("export", "site", "--glossary", tbx_file, "--out", out)
    assert result.returncode == 1
    assert "L110 subject code '../../../../victim' must be lower-case" in result.stderr
    assert not list(tmp_path.rglob("victim*"))
    assert not out.exists()


def test_nothing_is_written_outside_an_output_folder(tmp_path):
    from glossary.errors import ExportError
    from glossary.outputfolder import Output, OutputFolder, inside

    folder = OutputFolder(record=".record.json", command="test", what="the test")
    for bad in ("../x.html", "/etc/x", "a/../../x", "a\\..\\x", "a/\x00b", "a/./b", "", "a//b"):
        with pytest.raises(ExportError, match="refusing to write"):
            folder.write(tmp_path / "out", [Output(bad, b"x")], {})
    with pytest.raises(ExportError, match="not a plain path"):
        inside(tmp_path, "x" * 256 + ".html")
    (tmp_path / "out").mkdir(exist_ok=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out" / "fi").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ExportError, match="leads out of"):
        folder.write(tmp_path / "out", [Output("fi/index.html", b"x")], {})
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_javascript_base_url_never_reaches_a_page(tmp_path):
    tbx_file = tmp_path / "evil.tbx"
    assert run("export", "tbx", "--glossary", SITE, "--out", tbx_file).returncode == 0
    text = tbx_file.read_text(encoding="utf-8")
    assert '<p type="baseUrl">https://sanasto.example.fi/testi/</p>' in text
    text = text.replace("https://sanasto.example.fi/testi/", "javascript:alert(document.domain)//")
    tbx_file.write_text(text, encoding="utf-8")

    imported = run("import", tbx_file, "--into", tmp_path / "terms")
    assert "L108 base_url 'javascript:alert(document.domain)//' is not an http(s) address" in (
        imported.stderr
    )
    config = (tmp_path / "terms" / "glossary.toml").read_text(encoding="utf-8")
    assert "javascript" not in config and "base_url" not in config

    site = run("export", "site", "--glossary", tbx_file, "--out", tmp_path / "site")
    assert site.returncode == 1
    assert not (tmp_path / "site").exists()

    config_path = tmp_path / "terms" / "glossary.toml"
    config_path.write_text(
        config.replace("[glossary]\n", '[glossary]\nbase_url = "javascript:alert(1)//"\n'),
        encoding="utf-8",
    )
    checked = run("validate", tmp_path / "terms")
    assert checked.returncode == 1
    assert "glossary.toml:2:1: error: L108 base_url 'javascript:alert(1)//' is not an http(s)" in (
        checked.stdout
    )
    option = run(
        "export",
        "site",
        "--glossary",
        SITE,
        "--out",
        tmp_path / "s2",
        "--base-url",
        "javascript:alert(1)//",
    )
    assert option.returncode == 2
    assert "is not an http(s) address" in option.stderr


@pytest.mark.parametrize(
    "command",
    [("validate",), ("show", "evil"), ("lookup", "evil"), ("lookup", "evil", "--format", "tsv")],
    ids=lambda c: "-".join(c),
)
def test_terminal_escapes_from_sources_are_shown_not_run(tmp_path, command, cache):
    hostile = "evil\x1b]8;;https://attacker.example/\x07click\x1b]8;;\x07\x1b[2J\x9b31m"
    folder = _glossary(
        tmp_path / "g",
        **{
            "evil": 'id: evil\nnote: "line\\nfake: line\\u001b[31m"\n'
            "languages:\n  fi:\n    terms: [evil]\n  en:\n    terms:\n"
            f'      - term: "{hostile.encode("unicode_escape").decode()}"\n'
        },
    )
    result = run(*command, "--glossary", folder, cache_dir=cache, timeout=LOOKUP_SECONDS)
    output = result.stdout + result.stderr
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in output
    if command[0] != "validate":
        assert r"evil\x1b]8;;https://attacker.example/\x07click" in output
    else:
        assert r"\x1b" in output  # H404 names the character in its message, escaped


def test_a_link_out_of_the_glossary_folder_is_not_read(tmp_path, cache):
    secret = tmp_path / "shadow.yaml"
    secret.write_text("root:$6$SECRET-HASH\n", encoding="utf-8")
    folder = _glossary(tmp_path / "g", a=CONCEPT.format(id="a", term="aalto"))
    (folder / "x.yaml").symlink_to(secret)
    (folder / "loop").symlink_to(".")
    result = run("validate", folder)
    assert "SECRET" not in result.stdout + result.stderr
    assert f"{folder / 'x.yaml'}:1:1: warning: L121 a symbolic link out of the glossary folder" in (
        result.stdout
    )
    assert f"{folder / 'loop'}:1:1: warning: L121 a symbolic link to a folder already read" in (
        result.stdout
    )
    assert result.returncode == 0  # warnings
    found = run("lookup", "aalto", "--glossary", folder, cache_dir=cache, timeout=LOOKUP_SECONDS)
    assert found.returncode == 0, found.stdout + found.stderr
    assert found.stdout.splitlines()[1].startswith("aalto ")


def test_a_damaged_index_in_the_cache_is_built_again(tmp_path):
    cache = tmp_path / "cache"
    shared = {"cache_dir": cache, "timeout": LOOKUP_SECONDS}
    first = run("lookup", "webinar", "--glossary", SITE, **shared)
    assert first.returncode == 0
    (index,) = (cache / "index").glob("*.sqlite")
    for damage in (b"garbage" * 1000, index.read_bytes()[:4096] if index.exists() else b""):
        index.write_bytes(damage)
        again = run("lookup", "webinar", "--glossary", SITE, **shared)
        assert again.returncode == 0, again.stderr
        assert again.stdout == first.stdout
        assert again.stderr == (
            "glossary: notice: the lookup index in the cache was damaged; building it again\n"
        )
        quiet = run("lookup", "webinar", "--glossary", SITE, **shared)
        assert quiet.stderr == "" and quiet.stdout == first.stdout


def test_rule_options_of_the_wrong_type_are_diagnostics(tmp_path):
    folder = _glossary(
        tmp_path / "h",
        "[validate.options]\n"
        "K504 = { languages = [[1], 2] }\n"
        'H404 = { allow = ["U+FFFFFFFFFFFFFFFFFFFF", "U+200C"] }\n'
        "C306.languages = [true]\n",
        a=CONCEPT.format(id="a", term="aa"),
    )
    result = run("validate", folder)
    toml = folder / "glossary.toml"
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "glossary.toml" in line] == [
        f"{toml}:6:10: error: L107 option 'languages' of rule K504 must be a list of text; [1] is a list",
        f"{toml}:7:10: error: L108 option 'allow' of rule H404: 'U+FFFFFFFFFFFFFFFFFFFF' is not a "
        "character written U+XXXX",
        f"{toml}:8:1: error: L107 option 'languages' of rule C306 must be a list of text; True is "
        "true or false",
    ]


def test_an_id_with_a_final_newline_is_not_an_id(tmp_path):
    folder = _glossary(tmp_path / "g", a='id: "alpha\\n"\nlanguages:\n  fi:\n    terms: [a]\n')
    result = run("validate", folder)
    assert result.returncode == 1
    assert (
        f"{folder / 'a.yaml'}:1:6: error: L110 id 'alpha\\n' must start with a-z" in result.stdout
    )
    site = run("export", "site", "--glossary", folder, "--out", tmp_path / "site")
    assert site.returncode == 1
    assert not (tmp_path / "site").exists()


def test_a_glossary_id_with_a_slash_is_named_where_it_is_written(tmp_path):
    folder = _glossary(tmp_path / "g", a=CONCEPT.format(id="a", term="aa"))
    toml = folder / "glossary.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "g"', 'id = "a/b"'), "utf-8")
    result = run("export", "site", "--glossary", folder, "--out", tmp_path / "site")
    assert result.returncode == 1
    assert f"{toml}:2:1: error: L110 glossary id 'a/b' must be lower-case letters" in result.stderr


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("id: a\nlanguages:\n  fi:\n    terms: [a\uffffb]\n", "4:14", "U+FFFF is not allowed"),
        ('id: a\nnote: "open\n  still open\nlanguages: {}\n\n', "2:7", "a quoted scalar opened"),
        ("id: a\nlanguages:\n  fi:\n    terms: [a, b\n\n\n", "4:12", "a flow sequence opened"),
    ],
    ids=["U+FFFF", "unclosed-quote", "unclosed-bracket"],
)
def test_yaml_problems_are_placed_where_they_are(tmp_path, text, where, message):
    folder = _glossary(tmp_path / "g", a=text)
    result = run("validate", folder)
    assert result.returncode == 1
    assert f"{folder / 'a.yaml'}:{where}: error: L102 {message}" in result.stdout


def test_unknown_tables_and_keys_of_glossary_toml_have_positions(tmp_path):
    folder = _glossary(tmp_path / "g", "foo = 1\n[bar.baz]\n", a=CONCEPT.format(id="a", term="a"))
    toml = folder / "glossary.toml"
    toml.write_text("top = 1\n" + toml.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", folder)
    assert [line for line in result.stdout.splitlines() if "glossary.toml" in line] == [
        f"{toml}:1:1: error: L106 unknown table [top]",
        f"{toml}:6:1: error: L106 unknown field 'foo' in [glossary]",
        f"{toml}:7:2: error: L106 unknown table [bar]",
    ]
