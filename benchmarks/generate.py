"""Large synthetic glossaries for benchmarks: ``python benchmarks/generate.py OUT -n 10000``.

Terms are made of Finnish-like and Russian-like syllables, with definitions, grammar and
notes, so that files have the size and shape of real concept files. The output is
deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossary.model import (
    Concept,
    ConceptStatus,
    Gender,
    LangSection,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)
from glossary.sources.yaml import dump_yaml

FI = [
    "ka",
    "ta",
    "la",
    "ma",
    "pa",
    "sa",
    "va",
    "ko",
    "to",
    "lo",
    "mo",
    "po",
    "so",
    "vo",
    "ku",
    "tu",
    "lu",
    "mu",
    "pu",
    "su",
    "yö",
    "ää",
    "öt",
    "ai",
    "ei",
    "oi",
    "uu",
    "ii",
    "ne",
    "ni",
    "nen",
    "tie",
    "kou",
    "lu",
    "tus",
    "op",
    "pi",
    "mi",
    "nen",
]
RU = [
    "ка",
    "та",
    "ла",
    "ма",
    "па",
    "са",
    "ва",
    "ко",
    "то",
    "ло",
    "мо",
    "по",
    "со",
    "во",
    "ку",
    "ту",
    "лу",
    "му",
    "пу",
    "су",
    "но",
    "ни",
    "ние",
    "ость",
    "ция",
    "ёж",
    "ре",
    "ра",
    "ро",
    "ру",
    "ле",
    "ли",
    "лю",
    "ня",
]
EN = [
    "al",
    "ba",
    "co",
    "de",
    "el",
    "fa",
    "ga",
    "ha",
    "in",
    "jo",
    "ke",
    "li",
    "mo",
    "ne",
    "or",
    "pa",
    "qu",
    "re",
    "si",
    "te",
    "un",
    "ve",
    "wa",
    "ex",
    "yo",
    "ze",
    "ing",
    "tion",
    "ment",
    "ness",
]
SUBJECTS = ("vet", "e-learning", "qualifications", "teaching", "projects")


def word(rng: random.Random, syllables: list[str], low: int = 2, high: int = 5) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))


def phrase(rng: random.Random, syllables: list[str], words: tuple[int, int] = (1, 3)) -> str:
    return " ".join(word(rng, syllables) for _ in range(rng.randint(*words)))


def sentence(rng: random.Random, syllables: list[str], words: int = 14) -> str:
    text = " ".join(word(rng, syllables, 1, 4) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def concept(rng: random.Random, index: int, terms_per_language: int = 3) -> Concept:
    sections = {}
    for lang, syllables in (("fi", FI), ("ru", RU), ("en", EN)):
        terms = []
        for position in range(terms_per_language):
            status = (
                TermStatus.PREFERRED
                if position == 0
                else rng.choice((TermStatus.ADMITTED, TermStatus.ADMITTED, TermStatus.DEPRECATED))
            )
            terms.append(
                Term(
                    phrase(rng, syllables),
                    status=status,
                    pos=PartOfSpeech.NOUN,
                    gender=rng.choice(list(Gender)[:3]) if lang == "ru" else None,
                    context=sentence(rng, syllables, 10)
                    if position == 0 and rng.random() < 0.5
                    else None,
                )
            )
        if lang == "en":
            initials = "".join(part[0] for part in terms[0].term.split()).upper()
            terms.append(
                Term(
                    f"{initials}{index % 97}",
                    status=TermStatus.ADMITTED,
                    type=TermType.ABBREVIATION,
                    pos=PartOfSpeech.NOUN,
                )
            )
        sections[lang] = LangSection(lang, tuple(terms), definition=sentence(rng, syllables))
    return Concept(
        id=f"concept-{index:06d}",
        languages=sections,
        subjects=(rng.choice(SUBJECTS),),
        status=rng.choice(list(ConceptStatus)),
        related=tuple(
            f"concept-{rng.randrange(max(index, 1)):06d}" for _ in range(rng.randint(0, 2))
        ),
    )


GLOSSARY_TOML = """[glossary]
id = "synthetic"
languages = ["fi", "ru", "en"]
required = ["fi", "ru"]

[subjects]
""" + "".join(f'{s} = {{ fi = "{s}", ru = "{s}", en = "{s}" }}\n' for s in SUBJECTS)


def generate(
    out: Path, count: int, seed: int = 1, terms_per_language: int = 3, per_file: int = 1
) -> Path:
    """Write ``count`` concepts and a glossary.toml into ``out``: one file per concept, or
    ``per_file`` concepts per file (as YAML documents), 1,000 concepts per folder."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "glossary.toml").write_text(GLOSSARY_TOML, encoding="utf-8")
    batch: list[str] = []
    for index in range(count):
        folder = out / f"part-{index // 1000:03d}"
        folder.mkdir(exist_ok=True)
        item = concept(rng, index, terms_per_language)
        if per_file == 1:
            (folder / f"{item.id}.yaml").write_text(dump_yaml(item), encoding="utf-8")
            continue
        batch.append(dump_yaml(item))
        if len(batch) == per_file or index == count - 1:
            name = folder / f"concepts-{index // per_file:05d}.yaml"
            name.write_text("---\n".join(batch), encoding="utf-8")
            batch = []
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--concepts", type=int, default=10_000)
    parser.add_argument("--terms-per-language", type=int, default=3)
    parser.add_argument("--per-file", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.concepts, args.seed, args.terms_per_language, args.per_file)


if __name__ == "__main__":
    main()
