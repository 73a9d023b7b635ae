"""``python -m cnpress``: the same command line as ``cnpress`` (see :mod:`cnpress.cli`)."""

import sys

from .cli import main

sys.exit(main())
