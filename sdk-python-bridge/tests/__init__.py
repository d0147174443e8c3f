"""Tests of the mlmeta Python package; the working tree's ``src`` is put first on ``sys.path``."""

import os
import sys

_SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)
