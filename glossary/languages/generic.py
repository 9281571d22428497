"""Languages without a plug-in of their own: Snowball stems where PyStemmer has them."""

from __future__ import annotations

from glossary.languages.base import Language

__all__ = ["SNOWBALL", "Generic"]

#: BCP 47 code -> PyStemmer (Snowball) name
SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nb": "norwegian",
    "no": "norwegian",
    "nn": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}


class Generic(Language):
    def __init__(self, code: str) -> None:
        self.code = code
        self.snowball = SNOWBALL.get(code)
