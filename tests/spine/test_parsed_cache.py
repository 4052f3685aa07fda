"""YAML data files read back from the JSON cache (taxonomy/parsed_cache.py) say what the YAML says."""

from __future__ import annotations

from importlib import resources

import yaml

from factbeat.taxonomy import parsed_cache


def test_cached_measures_equal_the_yaml(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    text = resources.files("factbeat").joinpath("data/measures.yaml").read_text(encoding="utf-8")
    first = parsed_cache.load_yaml_cached("measures", text)
    assert list(tmp_path.glob("measures-*.json"))  # written
    second = parsed_cache.load_yaml_cached("measures", text)  # read back
    assert first == second == yaml.safe_load(text)


def test_an_edited_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    assert parsed_cache.load_yaml_cached("x", "a: 1\n") == {"a": 1}
    assert parsed_cache.load_yaml_cached("x", "a: 2\n") == {"a": 2}
    assert len(list(tmp_path.glob("x-*.json"))) == 2


def test_values_json_cannot_hold_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    text = "when: 2016-01-01\n1: one\n"
    assert parsed_cache.load_yaml_cached("d", text) == yaml.safe_load(text)
    assert not list(tmp_path.glob("d-*.json"))


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FACTBEAT_CACHE", str(blocker / "cache"))
    assert parsed_cache.load_yaml_cached("m", "- 1\n- 2\n") == [1, 2]
