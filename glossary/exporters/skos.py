"""SKOS: the glossary as a ``skos:ConceptScheme``, for thesaurus tools such as Skosmos.

SKOS describes concepts and their labels, not terms, so the mapping keeps what SKOS can
say (docs/format.md, "SKOS"):

- the preferred term of each language is the ``skos:prefLabel`` in that language;
  admitted terms (and any further preferred term: SKOS allows one ``prefLabel`` per
  language) are ``skos:altLabel``;
- deprecated and superseded terms are ``skos:hiddenLabel``: a search still finds the
  concept by them (translators meet old terms in old texts), but they are not shown as
  names for the concept, which is what "deprecated" asks;
- each subject is a ``skos:Collection`` with ``skos:member`` links. Skosmos shows
  collections as concept groups (a group index, and "belongs to group" on each concept
  page), while it shows a ``dct:subject`` only as a bare link;
- ``broader`` is ``skos:broader`` with ``skos:narrower`` the other way; the partitive
  ``part_of`` is ISO 25964's ``iso-thes:broaderPartitive`` with
  ``iso-thes:narrowerPartitive`` the other way (SKOS has no part-whole relation);
  ``replaced_by`` is ``dct:isReplacedBy`` (``dct:replaces`` the other way), and a
  retired concept is ``owl:deprecated true``; an image is ``foaf:depiction``;
- a term's part of speech, gender, regional usage, usage labels, number, homograph,
  source and note, the source of a definition and a section's equivalence have no place
  in SKOS (they would need SKOS-XL) and are left out.

Concept IRIs are ``<base_url>concepts/<id>``, where the base URL is ``--base-url`` or
``base_url`` in glossary.toml; without one they are ``urn:glossary:<glossary id>:<id>``,
stable but not dereferenceable. The output is Turtle, JSON-LD or RDF/XML, chosen by the
file suffix, and byte-identical for the same glossary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from glossary.errors import ExportError, UsageError
from glossary.model import Concept, ConceptStatus, Glossary, TermStatus
from glossary.util import atomic_write

NAME = "skos"
DESCRIPTION = "SKOS (Turtle, JSON-LD or RDF/XML) for thesaurus tools such as Skosmos"
SUFFIX = ".ttl"
OPTIONS = ("base_url",)

#: file suffix -> rdflib serializer
FORMATS = {
    ".ttl": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_OWL = "http://www.w3.org/2002/07/owl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_ISOTHES = "http://purl.org/iso25964/skos-thes#"
_FOAF = "http://xmlns.com/foaf/0.1/"
#: An SPDX licence id ("CC-BY-4.0") becomes the SPDX licence IRI.
_SPDX = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
#: Term statuses whose terms are shown as labels; the others are hidden labels.
_SHOWN = (TermStatus.PREFERRED, TermStatus.ADMITTED)
# XML 1.0 cannot carry C0 controls other than tab, newline and carriage return, nor
# surrogates, U+FFFE and U+FFFF (Turtle and JSON escape them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Iris:
    """Where the scheme, the concepts and the subject collections are named."""

    scheme: str
    concepts: str
    subjects: str

    @classmethod
    def for_glossary(cls, glossary: Glossary, base_url: str | None = None) -> Iris:
        base = base_url or glossary.meta.base_url
        if base:
            base = base if base.endswith("/") else base + "/"
            return cls(base, base + "concepts/", base + "subjects/")
        scheme = "urn:glossary:" + _part(glossary.meta.id)
        return cls(scheme, scheme + ":", scheme + ":subject:")

    def concept(self, concept_id: str) -> str:
        return self.concepts + _part(concept_id)

    def subject(self, code: str) -> str:
        return self.subjects + _part(code)


def _part(text: str) -> str:
    """``text`` as one IRI path segment (ids and subject codes need no escaping)."""
    return quote(text, safe="-._~")


def build_graph(glossary: Glossary, base_url: str | None = None) -> Any:
    """The glossary as an rdflib ``Graph`` (no I/O)."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef

    skos = Namespace(_SKOS)
    dct = Namespace(_DCT)
    owl = Namespace(_OWL)
    isothes = Namespace(_ISOTHES)
    iris = Iris.for_glossary(glossary, base_url)
    meta = glossary.meta
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (
        ("rdf", _RDF),
        ("skos", _SKOS),
        ("dct", _DCT),
        ("owl", _OWL),
        ("xsd", _XSD),
        ("iso-thes", _ISOTHES),
        ("foaf", _FOAF),
        ("concept", iris.concepts),
        ("subject", iris.subjects),
    ):
        graph.bind(prefix, namespace)

    def text(value: str, lang: str | None = None) -> Any:
        return Literal(value, lang=lang)

    scheme = URIRef(iris.scheme)
    graph.add((scheme, RDF.type, skos.ConceptScheme))
    for lang, title in meta.title.items():
        graph.add((scheme, dct.title, text(title, lang)))
        graph.add((scheme, skos.prefLabel, text(title, lang)))
    if meta.license is not None:
        if re.match(r"https?://", meta.license):
            graph.add((scheme, dct.license, URIRef(meta.license)))
        elif _SPDX.fullmatch(meta.license) and not meta.license.startswith("LicenseRef-"):
            graph.add((scheme, dct.license, URIRef(f"http://spdx.org/licenses/{meta.license}")))
        else:
            graph.add((scheme, dct.license, text(meta.license)))
    if meta.publisher is not None:
        graph.add((scheme, dct.publisher, text(meta.publisher)))
    if meta.version is not None:
        graph.add((scheme, owl.versionInfo, text(meta.version)))

    members: dict[str, list[str]] = {code: [] for code in meta.subjects}
    for concept in glossary.concepts.values():
        node = URIRef(iris.concept(concept.id))
        graph.add((node, RDF.type, skos.Concept))
        graph.add((node, skos.inScheme, scheme))
        _labels(graph, node, concept, skos, text)
        if concept.note is not None:
            graph.add((node, skos.note, text(concept.note, meta.notes_lang)))
        # Each link both ways (skos:related is symmetric; the others have inverses that
        # SKOS tools expect written out); links out of the glossary are left out.
        for relation, forth, back in (
            ("broader", skos.broader, skos.narrower),
            ("part_of", isothes.broaderPartitive, isothes.narrowerPartitive),
            ("related", skos.related, skos.related),
            ("replaced_by", dct.isReplacedBy, dct.replaces),
        ):
            for target in getattr(concept, relation):
                if target in glossary.concepts and target != concept.id:
                    other = URIRef(iris.concept(target))
                    graph.add((node, forth, other))
                    graph.add((other, back, node))
        if concept.status is ConceptStatus.RETIRED:
            graph.add((node, owl.deprecated, Literal(True)))
        depiction = _image_iri(concept, base_url or meta.base_url)
        if depiction is not None:
            graph.add((node, URIRef(_FOAF + "depiction"), URIRef(depiction)))
        if concept.updated is not None:
            graph.add((node, dct.modified, Literal(concept.updated)))
        for code in concept.subjects:
            members.setdefault(code, []).append(concept.id)

    for code, concept_ids in members.items():
        collection = URIRef(iris.subject(code))
        graph.add((collection, RDF.type, skos.Collection))
        labels = meta.subjects.get(code, {})
        for lang, label in labels.items():
            graph.add((collection, skos.prefLabel, text(label, lang)))
        if not labels:
            graph.add((collection, skos.prefLabel, text(code)))
        for concept_id in concept_ids:
            graph.add((collection, skos.member, URIRef(iris.concept(concept_id))))
    return graph


def _image_iri(concept: Concept, base_url: str | None) -> str | None:
    """Where the site publishes the concept's image (``media/<path>``), or its own URL."""
    if concept.image is None:
        return None
    path = concept.image.path
    if re.match(r"https?://", path):
        return quote(path, safe=":/?#[]@!$&'()*+,;=%-._~")
    if not base_url:
        return None
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + "media/" + quote(path, safe="/-._~")


def _labels(graph: Any, node: Any, concept: Concept, skos: Any, text: Any) -> None:
    """Labels, definitions, notes and examples of each language section."""
    for lang, section in concept.languages.items():
        shown: set[str] = set()
        preferred = section.preferred
        if preferred is not None:
            graph.add((node, skos.prefLabel, text(preferred.term, lang)))
            shown.add(preferred.term)
        for term in section.terms:
            if term.status in _SHOWN and term.term not in shown:
                graph.add((node, skos.altLabel, text(term.term, lang)))
                shown.add(term.term)
        for term in section.terms:
            # The three kinds of label are disjoint in SKOS: a text shown is not hidden.
            if term.status not in _SHOWN and term.term not in shown:
                graph.add((node, skos.hiddenLabel, text(term.term, lang)))
        for term in section.terms:
            if term.context is not None:
                graph.add((node, skos.example, text(term.context, lang)))
        if section.definition is not None:
            graph.add((node, skos.definition, text(section.definition, lang)))
        if section.note is not None:
            graph.add((node, skos.scopeNote, text(section.note, lang)))


def render(glossary: Glossary, fmt: str = "turtle", base_url: str | None = None) -> bytes:
    """The SKOS document in ``fmt`` (``turtle``, ``json-ld`` or ``xml``), deterministic."""
    graph = build_graph(glossary, base_url)
    if fmt == "turtle":
        return _turtle(graph)
    if fmt == "json-ld":
        return _jsonld(graph)
    if fmt == "xml":
        return _rdfxml(graph)
    raise UsageError(f"unknown SKOS format '{fmt}'; choose turtle, json-ld or xml")


#: The order of subjects in Turtle and RDF/XML: the scheme, the collections, the concepts.
_CLASS_ORDER = ("ConceptScheme", "Collection", "Concept")


def _turtle(graph: Any) -> bytes:
    """rdflib's Turtle writer sorts subjects, predicates and objects; the scheme first."""
    import io

    from rdflib import URIRef
    from rdflib.plugins.serializers.turtle import TurtleSerializer

    serializer = TurtleSerializer(graph)
    serializer.topClasses = [URIRef(_SKOS + name) for name in _CLASS_ORDER]
    buffer = io.BytesIO()
    serializer.serialize(buffer, encoding="utf-8")
    return buffer.getvalue().rstrip(b"\n") + b"\n"


def _jsonld(graph: Any) -> bytes:
    """Compact JSON-LD with the namespaces as its context, nodes and values sorted."""
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    raw = graph.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(raw)
    nodes = document.get("@graph", [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _rdfxml(graph: Any) -> bytes:
    """RDF/XML, written here in the order of the Turtle (rdflib's RDF/XML writer follows
    the order of its store, which changes from run to run)."""
    from lxml import etree
    from rdflib import RDF, Literal

    rdf = f"{{{_RDF}}}"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    nsmap = {
        "rdf": _RDF,
        "skos": _SKOS,
        "dct": _DCT,
        "owl": _OWL,
        "isothes": _ISOTHES,
        "foaf": _FOAF,
    }
    rank = {_SKOS + name: index for index, name in enumerate(_CLASS_ORDER)}

    def subject_key(subject: Any) -> tuple[int, str]:
        classes = [rank.get(str(cls), len(rank)) for cls in graph.objects(subject, RDF.type)]
        return min(classes, default=len(rank)), str(subject)

    def pair_key(pair: tuple[Any, Any]) -> tuple[bool, str, str, str, str]:
        predicate, value = pair
        language = getattr(value, "language", None) or ""
        datatype = str(getattr(value, "datatype", None) or "")
        return predicate != RDF.type, str(predicate), language, datatype, str(value)

    root = etree.Element(rdf + "RDF", nsmap=nsmap)
    for subject in sorted(set(graph.subjects()), key=subject_key):
        description = etree.SubElement(root, rdf + "Description", {rdf + "about": str(subject)})
        for predicate, value in sorted(graph.predicate_objects(subject), key=pair_key):
            iri = str(predicate)
            cut = max(iri.rfind("#"), iri.rfind("/")) + 1
            element = etree.SubElement(description, f"{{{iri[:cut]}}}{iri[cut:]}")
            if not isinstance(value, Literal):
                element.set(rdf + "resource", str(value))
                continue
            if value.language:
                element.set(xml_lang, value.language)
            elif value.datatype is not None:
                element.set(rdf + "datatype", str(value.datatype))
            bad = _NOT_XML.search(str(value))
            if bad:
                raise ExportError(
                    f"the character U+{ord(bad.group()):04X} cannot be written in RDF/XML; "
                    "remove it from the source (glossary validate shows where) or write Turtle"
                )
            element.text = str(value)
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


def _format_of(out: Path) -> str:
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        choices = ", ".join(FORMATS)
        raise UsageError(f"{out}: SKOS is written as {choices}; name the file with one of them")
    return fmt


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any] | None = None) -> None:
    fp.write(render(glossary, "turtle", (options or {}).get("base_url")))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    data = render(glossary, _format_of(out), options.get("base_url"))
    atomic_write(out, data, overwrite=True)
    return [out]
