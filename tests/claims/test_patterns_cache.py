"""The compiled-pattern cache (``factbeat.claims.patterns``) gives exactly what ``re.compile`` gives."""

from __future__ import annotations

import re

import pytest

from factbeat.claims import patterns

SAMPLES = [
    (r"\b(?P<dir>rose|fell)\s+by\s+(?P<num>\d+(?:\.\d+)?)\s?(?:%|per\s?cent)", re.I),
    (r"(?<![\w-])[a-z]", re.I),
    (r"^(?P<n>\d{1,2})[.)]\s+(?P<body>[^\n]+)$", re.M),
    (r"[£$€]\s?\d[\d,]*(?:\.\d+)?\s*(?:m|bn|million|billion)?", 0),
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and the module as a new process would find it."""
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_new", {})
    return tmp_path


def _as_new_process(monkeypatch) -> None:
    patterns._save()
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_new", {})


def test_stored_patterns_equal_re_compile(fresh_cache, monkeypatch):
    first = [patterns.compile(p, f) for p, f in SAMPLES]
    assert first == [re.compile(p, f) for p, f in SAMPLES]
    _as_new_process(monkeypatch)
    assert len(list(fresh_cache.glob("patterns-*.marshal"))) == 1
    again = [patterns.compile(p, f) for p, f in SAMPLES]
    assert not patterns._new  # every one came from the file
    # pattern objects compare their flags, text and engine code
    assert again == [re.compile(p, f) for p, f in SAMPLES]
    text = "Burglary rose by 12 per cent to £4.5m.\n2. Barnet - 3,131"
    for (p, f), compiled in zip(SAMPLES, again, strict=True):
        expected = [(m.span(), m.groupdict()) for m in re.compile(p, f).finditer(text)]
        assert [(m.span(), m.groupdict()) for m in compiled.finditer(text)] == expected
        assert compiled.groupindex == re.compile(p, f).groupindex


def test_damaged_or_foreign_file_falls_back(fresh_cache, monkeypatch):
    patterns.compile(*SAMPLES[0])
    _as_new_process(monkeypatch)
    path = next(fresh_cache.glob("patterns-*.marshal"))
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(patterns, "_stored", None)
    assert patterns.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_bad_entry_is_compiled_as_usual(fresh_cache, monkeypatch):
    monkeypatch.setattr(patterns, "_stored", {(SAMPLES[1][0], int(SAMPLES[1][1])): (0, [1, 2, 3], 0, {}, ())})
    assert patterns.compile(*SAMPLES[1]) == re.compile(*SAMPLES[1])


def test_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("FACTBEAT_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_new", {})
    assert patterns.compile(*SAMPLES[2]) == re.compile(*SAMPLES[2])
    patterns._save()  # no error
