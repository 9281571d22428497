"""SKOS: the glossary as a concept scheme, read back with rdflib."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, TERMS
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

import glossary
from glossary.cli import app
from glossary.errors import UsageError
from glossary.exporters import skos as skos_exporter
from glossary.model import TermStatus

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SITE = DATA / "site"
SITE_BASE = "https://sanasto.example.fi/testi/"

# rdflib's own JSON-LD parser uses a class rdflib has deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def parse(data: bytes, fmt: str = "turtle") -> Graph:
    graph = Graph()
    graph.parse(data=data, format=fmt)
    return graph


def labels(graph: Graph, node: URIRef, predicate: URIRef, lang: str) -> set[str]:
    return {str(o) for o in graph.objects(node, predicate) if o.language == lang}


@pytest.fixture(scope="module")
def site():
    return glossary.load(SITE)


@pytest.fixture(scope="module")
def turtle(bundled) -> bytes:
    return skos_exporter.render(bundled)


@pytest.fixture(scope="module")
def graph(turtle) -> Graph:
    return parse(turtle)


def concept_iri(concept_id: str) -> URIRef:
    return URIRef(f"urn:glossary:fi-ru-vocational:{concept_id}")


# -- the scheme and its concepts ----------------------------------------------------------


def test_the_scheme_describes_the_glossary(bundled, graph):
    (scheme,) = graph.subjects(RDF.type, SKOS.ConceptScheme)
    assert scheme == URIRef("urn:glossary:fi-ru-vocational")
    for predicate in (DCT.title, SKOS.prefLabel):
        assert {(o.language, str(o)) for o in graph.objects(scheme, predicate)} == set(
            bundled.meta.title.items()
        )
    assert graph.value(scheme, DCT.license) == URIRef("http://spdx.org/licenses/CC-BY-4.0")
    assert graph.value(scheme, DCT.publisher) is None  # the glossary names no publisher
    assert graph.value(scheme, OWL.versionInfo) == Literal("2026.1")


def test_one_concept_per_concept_in_the_scheme(bundled, graph):
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {concept_iri(cid) for cid in bundled.concepts}
    (scheme,) = graph.subjects(RDF.type, SKOS.ConceptScheme)
    assert set(graph.subjects(SKOS.inScheme, scheme)) == concepts


def test_labels_follow_the_term_status(bundled, graph):
    hidden = (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)
    seen_hidden = 0
    for concept in bundled.concepts.values():
        node = concept_iri(concept.id)
        for lang, section in concept.languages.items():
            preferred = section.preferred
            assert labels(graph, node, SKOS.prefLabel, lang) == {preferred.term}
            assert labels(graph, node, SKOS.altLabel, lang) == {
                t.term for t in section.terms if t.status not in hidden and t is not preferred
            } - {preferred.term}
            expected_hidden = {t.term for t in section.terms if t.status in hidden}
            assert labels(graph, node, SKOS.hiddenLabel, lang) == expected_hidden
            seen_hidden += len(expected_hidden)
    assert seen_hidden > 0  # the bundled glossary has deprecated and superseded terms


def test_definitions_notes_and_examples(bundled, graph):
    for concept in bundled.concepts.values():
        node = concept_iri(concept.id)
        for lang, section in concept.languages.items():
            definitions = {section.definition} - {None}
            assert labels(graph, node, SKOS.definition, lang) == definitions
            assert labels(graph, node, SKOS.scopeNote, lang) == {section.note} - {None}
            assert labels(graph, node, SKOS.example, lang) == {
                t.context for t in section.terms if t.context is not None
            }
        notes = {str(o) for o in graph.objects(node, SKOS.note)}
        assert notes == {concept.note} - {None}
        if concept.note is not None:
            assert graph.value(node, SKOS.note).language == bundled.meta.notes_lang
        updated = graph.value(node, DCT.modified)
        assert (updated.toPython() if updated is not None else None) == concept.updated


def test_related_links_are_symmetric(bundled, graph):
    pairs = set(graph.subject_objects(SKOS.related))
    assert pairs
    assert all((b, a) in pairs for a, b in pairs)
    for concept in bundled.concepts.values():
        for target in concept.related:
            assert (concept_iri(concept.id), concept_iri(target)) in pairs


def test_subjects_are_collections_with_labels_and_members(bundled, graph):
    prefix = "urn:glossary:fi-ru-vocational:subject:"
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    used = {code for concept in bundled.concepts.values() for code in concept.subjects}
    assert collections == {URIRef(prefix + code) for code in set(bundled.meta.subjects) | used}
    for code, names in bundled.meta.subjects.items():
        collection = URIRef(prefix + code)
        assert {(o.language, str(o)) for o in graph.objects(collection, SKOS.prefLabel)} == set(
            names.items()
        )
        assert set(graph.objects(collection, SKOS.member)) == {
            concept_iri(c.id) for c in bundled.concepts.values() if code in c.subjects
        }


# -- formats and IRIs ---------------------------------------------------------------------


def test_json_ld_and_rdf_xml_hold_the_same_graph(bundled, graph):
    for fmt in ("json-ld", "xml"):
        assert isomorphic(parse(skos_exporter.render(bundled, fmt), fmt), graph), fmt


def test_output_is_byte_identical_between_runs(tmp_path):
    """Two processes with different string hashing write the same bytes."""
    script = (
        "import sys, glossary\n"
        "from glossary.exporters import skos\n"
        "g = glossary.load(sys.argv[1])\n"
        "for fmt in ('turtle', 'json-ld', 'xml'):\n"
        "    sys.stdout.buffer.write(skos.render(g, fmt))\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(SITE)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        runs.append(done.stdout)
    assert runs[0] == runs[1]


def test_iris_use_the_base_url_when_there_is_one(site):
    graph = parse(skos_exporter.render(site))
    assert (URIRef(SITE_BASE + "concepts/webinar"), RDF.type, SKOS.Concept) in graph
    assert (URIRef(SITE_BASE), RDF.type, SKOS.ConceptScheme) in graph
    assert (URIRef(SITE_BASE + "subjects/vet"), RDF.type, SKOS.Collection) in graph
    other = parse(skos_exporter.render(site, base_url="https://example.org/g"))
    assert (URIRef("https://example.org/g/concepts/webinar"), RDF.type, SKOS.Concept) in other


def test_hostile_text_stays_literal_text(site):
    hostile = URIRef(SITE_BASE + "concepts/hostile")
    for fmt in ("turtle", "json-ld", "xml"):
        graph = parse(skos_exporter.render(site, fmt), fmt)
        assert labels(graph, hostile, SKOS.prefLabel, "fi") == {
            "<script>window.__pwned = 'term'</script>"
        }
        assert labels(graph, hostile, SKOS.prefLabel, "en") == {
            '"><svg onload="window.__pwned = \'attr\'">'
        }
        assert labels(graph, hostile, SKOS.definition, "fi") == {
            "<img src=x onerror=\"window.__pwned = 'definition'\">"
        }
        assert labels(graph, hostile, SKOS.note, "en") == {
            "</aside><script>window.__pwned = 'note'</script>"
        }


def test_the_file_suffix_chooses_the_format(site, tmp_path):
    for name, fmt in (("g.ttl", "turtle"), ("g.jsonld", "json-ld"), ("g.json", "json-ld")):
        (written,) = glossary.export(site, "skos", tmp_path / name)
        assert written.read_bytes() == skos_exporter.render(site, fmt)
    for name in ("g.rdf", "g.xml"):
        (written,) = glossary.export(site, "skos", tmp_path / name)
        assert written.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF')
    with pytest.raises(UsageError, match=r"\.ttl, \.jsonld"):
        glossary.export(site, "skos", tmp_path / "g.nt")


# -- command line -----------------------------------------------------------------------


def test_cli_writes_turtle(runner, tmp_path, site):
    out = tmp_path / "g.ttl"
    result = runner.invoke(app, ["export", "skos", "--out", str(out), "-g", str(SITE)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == skos_exporter.render(site)
    result = runner.invoke(app, ["export", "skos", "-g", str(SITE)])
    assert result.exit_code == 0
    assert result.stdout_bytes == skos_exporter.render(site)


def test_cli_base_url_and_json_ld(runner, tmp_path):
    out = tmp_path / "g.jsonld"
    args = ["export", "skos", "--out", str(out), "--base-url", "https://example.org/v/"]
    result = runner.invoke(app, [*args, "-g", str(TERMS)])
    assert result.exit_code == 0, result.output
    graph = parse(out.read_bytes(), "json-ld")
    assert (URIRef("https://example.org/v/concepts/webinar"), RDF.type, SKOS.Concept) in graph


def test_cli_refuses_an_unknown_suffix(runner, tmp_path):
    out = tmp_path / "g.n3"
    result = runner.invoke(app, ["export", "skos", "--out", str(out), "-g", str(SITE)])
    assert result.exit_code == 2
    assert not Path(out).exists()


def test_typed_relations_retirement_and_image_in_every_syntax(site):
    concept = Namespace(SITE_BASE + "concepts/")
    isothes = Namespace("http://purl.org/iso25964/skos-thes#")
    expected = {
        (concept["webinar"], SKOS.broader, concept["online-learning"]),
        (concept["online-learning"], SKOS.narrower, concept["webinar"]),
        (concept["mother-tongue"], isothes.broaderPartitive, concept["vocational-education"]),
        (concept["vocational-education"], isothes.narrowerPartitive, concept["mother-tongue"]),
        (concept["capacity"], DCT.isReplacedBy, concept["vocational-education"]),
        (concept["vocational-education"], DCT.replaces, concept["capacity"]),
        (concept["capacity"], OWL.deprecated, Literal(True)),
        (
            concept["vocational-education"],
            URIRef("http://xmlns.com/foaf/0.1/depiction"),
            URIRef(SITE_BASE + "media/images/vocational-education.svg"),
        ),
    }
    graphs = [
        parse(skos_exporter.render(site, fmt), name)
        for fmt, name in (("turtle", "turtle"), ("json-ld", "json-ld"), ("xml", "xml"))
    ]
    for graph in graphs:
        assert expected <= set(graph)
        assert isomorphic(graph, graphs[0])
    # Without a base URL the image has no address anyone could open: left out.
    bare = skos_exporter.build_graph(
        glossary.model.Glossary(glossary.model.GlossaryMeta(id="g"), dict(site.concepts))
    )
    assert not any("depiction" in str(p) for p in bare.predicates())
