"""Write templates/site/assets/snowball.js, the web glossary's Snowball stemmers, from the
Snowball compiler's JavaScript output:

    python tools/snowball_js.py SNOWBALL_DIR

SNOWBALL_DIR is a built checkout of https://github.com/snowballstem/snowball at the
release PyStemmer embeds (``python -c "import Stemmer; print(Stemmer.version())"``; 3.1.0
when this was written): ``git checkout v3.1.0 && make snowball``. The compiler's output for
each language (``snowball algorithms/finnish.sbl -js``) is an ES module, which a page
opened from file:// cannot import; this wraps the runtime and each stemmer in one
classic script that registers them with ``GlossarySearch.register("snowball", …)``, so
that the browser's search stems query words as the command line's PyStemmer does
(glossary.languages.base.Language.stem). Snowball is BSD-licensed; its notice is kept
at the top of the file.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "site" / "assets" / "snowball.js"
#: The glossary's language code -> Snowball's algorithm.
LANGUAGES = {"fi": "finnish", "ru": "russian", "en": "english"}


def main(source: Path) -> None:
    compiler = source / "snowball"
    version = subprocess.run(
        [str(compiler), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    licence = (source / "COPYING").read_text(encoding="utf-8").strip()
    base = (source / "javascript" / "base-stemmer.js").read_text(encoding="utf-8")
    base = base.replace("export default class BaseStemmer", "class BaseStemmer")
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for code, name in LANGUAGES.items():
            out = Path(tmp) / name
            subprocess.run(
                [str(compiler), str(source / "algorithms" / f"{name}.sbl"), "-js", "-o", str(out)],
                check=True,
            )
            js = out.with_suffix(".js").read_text(encoding="utf-8")
            js = re.sub(r"^import B from '\./base-stemmer\.js'\n", "", js, flags=re.M)
            js = js.replace(
                "export default class extends B {", "return class extends BaseStemmer {"
            )
            assert "import " not in js and "export " not in js, name
            parts.append(f"  {code}: new ((function () {{\n{js}\n}})())(),")
    text = (
        "/* Snowball stemmers for the web glossary's search, written by tools/snowball_js.py\n"
        f" * from the JavaScript output of the Snowball compiler ({version or 'Snowball'}):\n"
        " * https://snowballstem.org/. Its licence:\n *\n"
        + "\n".join(f" * {line}".rstrip() for line in licence.splitlines())
        + '\n */\n(function () {\n"use strict";\n'
        + base
        + '\nGlossarySearch.register("snowball", {\n'
        + "\n".join(parts)
        + "\n});\n})();\n"
    )
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
