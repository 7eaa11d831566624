"""Ingest: read a file (CSV/XLSX/XLS), find and map its columns, parse, load one batch.

The upload page and the CLI share this one code path.
"""
from lib.ingest.columns import FIELD_LABELS, REQUIRED, SPEND_FIELDS
from lib.ingest.load import (LoadResult, NeedsMapping, load_file, period_from_name, period_from_text, preview_file,
                             remove_batch)
from lib.ingest.read import UnusableFile

__all__ = ["FIELD_LABELS", "REQUIRED", "SPEND_FIELDS", "LoadResult", "NeedsMapping", "UnusableFile",
           "load_file", "period_from_name", "period_from_text", "preview_file", "remove_batch"]
