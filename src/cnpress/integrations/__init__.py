"""Steps and recipes for the engines a corpus is cleaned with (see docs/corpus.md).

Each module needs its engine, installed with an extra, and is imported only
when asked for: ``cnpress.integrations.datatrove`` (``cnpress[datatrove]``),
``cnpress.integrations.dask`` (``cnpress[dask]``).  The ``datasets``, Spark
and Ray recipes need no module: :class:`cnpress.corpus.CleanStep` and
:class:`cnpress.corpus.RecordStep` are what they map.
"""
