"""Every statistics statement transpiles cleanly to other engines (the 'written once' promise)."""

from __future__ import annotations

import pytest
import sqlglot
from sqlglot.errors import ErrorLevel

from factbeat.stats import coverage, queries
from factbeat.stats.queries import all_statements

COVERAGE = [queries.FORCE_MONTHS, queries.AREA_FORCES, coverage.FORCE_MONTH_ROWS]


@pytest.mark.parametrize("dialect", ["spark", "postgres", "bigquery", "trino"])
@pytest.mark.parametrize("sql", all_statements() + COVERAGE)
def test_statement_transpiles(sql, dialect):
    out = sqlglot.transpile(sql, read="duckdb", write=dialect, unsupported_level=ErrorLevel.RAISE)
    assert len(out) == 1
    assert sqlglot.parse_one(out[0], read=dialect) is not None


def test_no_user_text_in_statements():
    for sql in all_statements():
        assert "'" not in sql.replace("'ONS%'", ""), sql
