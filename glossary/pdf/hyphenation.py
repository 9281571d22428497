"""Finnish hyphenation for the PDF: Liang patterns of our own, registered in pyphen.

pyphen (which WeasyPrint hyphenates with) has no Finnish dictionary, and Debian ships
none outside TeX. Finnish hyphenation is regular enough for rules: a break before a
consonant followed by a vowel (*am-mat-ti*, *kou-lu-tus*) and between two vowels that do
not form a diphthong (*ta-lo-us*, *ko-e*). Compound boundaries where a consonant-final
part meets a vowel-initial one are not found (*eri-kois-am-mat-ti* breaks as
*e-ri-koi-sam-mat-ti*), so the rules only break where a break is always right for the
syllable, and soft hyphens in the sources still win.

``hyph_fi.dic`` beside this module is :func:`patterns` written out (a test keeps them equal).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DICTIONARY", "patterns", "register"]

VOWELS = "aeiouyäöå"
CONSONANTS = "bcdfghjklmnpqrstvwxzšž"
#: Diphthongs, which a break never splits.
DIPHTHONGS = frozenset(
    {
        *("ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu"),
        *("iu", "ou", "ey", "iy", "äy", "öy", "ie", "uo", "yö"),
    }
)
DICTIONARY = Path(__file__).with_name("hyph_fi.dic")


def patterns() -> str:
    """The dictionary file: a header and one pattern per line."""
    lines = ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    lines += [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    # Long vowels (aa, ää) and diphthongs stay together; other vowel pairs are split.
    lines += [f"{a}1{b}" for a in VOWELS for b in VOWELS if a != b and a + b not in DIPHTHONGS]
    return "\n".join(lines) + "\n"


def register() -> None:
    """Make ``lang="fi"`` hyphenate in WeasyPrint (both of pyphen's tables need it)."""
    import pyphen

    if "fi" not in pyphen.LANGUAGES:
        for name in ("fi", "fi_FI"):
            pyphen.LANGUAGES[name] = DICTIONARY
            pyphen.LANGUAGES_LOWERCASE[name.lower()] = name
