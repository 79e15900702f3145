"""Write the case-study tables to CSV and Parquet files with deterministic bytes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from churn_case_study.features import training_table
from churn_case_study.schema import CaseStudy

FORMATS: Final = ("csv", "parquet")
"""File formats [`export`][churn_case_study.export] can write."""

TRAINING_TABLE_NAME: Final = "training_table"
"""File stem of the exported training table."""


def export(
    data: CaseStudy,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    *,
    include_training_table: bool = True,
) -> list[Path]:
    r"""Write each observable table (and the default training table) to `out_dir`.

    Files are named `<table>.<format>`, e.g. `usage_events.parquet`. The same data always gives
    the same bytes: CSV is UTF-8 with `\n` line endings, no index and pandas' default number
    formatting; Parquet is written by pyarrow with snappy compression and no timestamps in its
    metadata. The `truth` table is deliberately not exported. The command line
    `python -m churn_case_study export OUT_DIR` calls this function.

    Args:
        data: A generated case study, e.g. `generate(seed=0)`.
        out_dir: Directory to write to; created (with its parents) if missing. Existing files of
            the same names are overwritten.
        formats: `"csv"`, `"parquet"` or both (the default).
        include_training_table: Also write
            [`training_table(data)`][churn_case_study.training_table] (default snapshots and
            horizon) as `training_table.<format>`.

    Returns:
        The paths written, one per table and format: tables in
        [`TABLES`][churn_case_study.TABLES] order, then the training table; for each table the
        formats in the order given.

    Raises:
        ValueError: If a format is neither `"csv"` nor `"parquet"`; nothing is written then.

    Examples:
        >>> import tempfile
        >>> from churn_case_study import export, generate
        >>> data = generate(seed=0, n_customers=200)
        >>> with tempfile.TemporaryDirectory() as out:
        ...     paths = export(data, out, formats=["csv"])
        ...     again = export(data, f"{out}/again", formats=["csv"])
        ...     same = all(a.read_bytes() == b.read_bytes() for a, b in zip(paths, again))
        >>> [path.name for path in paths]  # doctest: +NORMALIZE_WHITESPACE
        ['customers.csv', 'subscriptions.csv', 'usage_events.csv', 'payments.csv',
         'support_tickets.csv', 'training_table.csv']
        >>> same  # same data, same bytes
        True
        >>> export(data, "unused", formats=["xlsx"])
        Traceback (most recent call last):
            ...
        ValueError: unknown format(s) ['xlsx']; choose from ('csv', 'parquet')
    """
    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = data.as_dict()
    if include_training_table:
        tables[TRAINING_TABLE_NAME] = training_table(data)
    written = []
    for name, df in tables.items():
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            _WRITERS[fmt](df, path)
            written.append(path)
    return written


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, path, compression="snappy")


_WRITERS: Final = {"csv": _write_csv, "parquet": _write_parquet}
