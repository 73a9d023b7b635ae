"""Doctest collection of src/cnpress: an integration whose engine is not
installed is left out (install ``cnpress[engines]`` to run them all)."""

from __future__ import annotations

import importlib.util

collect_ignore = [f"src/cnpress/integrations/{name}.py" for name in ("datatrove", "dask")
                  if importlib.util.find_spec(name) is None]
