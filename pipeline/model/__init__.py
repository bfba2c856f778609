"""The document model and the plain records every stage passes on (records.py), with the
helpers they share: numbers, periods, stable ids, run settings. Imports nothing above it."""
from pipeline.model.records import *  # noqa: F401,F403
from pipeline.model.records import __all__  # noqa: F401
