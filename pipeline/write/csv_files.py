"""The CSV files of the output tables, in the standard dialect or the one Dutch Excel opens.

Text that Excel would run as a formula is prefixed with an apostrophe when asked
(`ExportSettings.neutralise_formulas`): agreement text is untrusted input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from pipeline.text import FORMULA_START

CsvDialect = Literal["standard", "excel-nl"]
EXCEL_NL_SUFFIX = "_excel-nl.csv"
CSV_TABLES = ("afspraken", "documenten", "samenvatting")
"""The tables written as CSV, in the order they are written."""


def write_csv(frame: pd.DataFrame, path: Path, neutralise: bool) -> None:
    """The standard dialect: ',' separated, UTF-8, decimal point, booleans True/False."""
    if neutralise:
        frame = frame.copy()
        for column in frame.columns:
            if _is_text(frame[column]):
                frame[column] = frame[column].map(_neutralise)
    frame.to_csv(path, index=False, encoding="utf-8")


def write_csv_excel_nl(frame: pd.DataFrame, path: Path, neutralise: bool) -> None:
    """';'-separated, UTF-8 with BOM, decimal comma, booleans ja/nee: Dutch Excel's defaults."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_bool_dtype(frame[column]):
            frame[column] = frame[column].map({True: "ja", False: "nee"})
        elif neutralise and _is_text(frame[column]):
            frame[column] = frame[column].map(_neutralise)
    frame.to_csv(path, index=False, sep=";", decimal=",", encoding="utf-8-sig")


def _is_text(column: pd.Series) -> bool:
    return bool(pd.api.types.is_string_dtype(column) or column.dtype == object)


def _neutralise(value: object) -> object:
    """Excel must never run a cell as a formula: prefix risky text with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
