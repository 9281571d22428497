"""Run the glossary command from a checkout: ``python cli.py lookup etäopiskelu``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary.cli import main

if __name__ == "__main__":
    main()
