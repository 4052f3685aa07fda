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


def test_computed_values_are_worked_out_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    calls = []

    def compute(value):
        def run():
            calls.append(value)
            return value
        return run

    assert parsed_cache.computed_cached("y", "key one", compute(["a", "bc"])) == ["a", "bc"]
    assert parsed_cache.computed_cached("y", "key one", compute(["other"])) == ["a", "bc"]  # read back
    assert parsed_cache.computed_cached("y", "key two", compute(["d"])) == ["d"]
    assert calls == [["a", "bc"], ["d"]]
    assert parsed_cache.computed_cached("z", "k", compute({1: "x"})) == {1: "x"}  # JSON changes it: not cached
    assert not list(tmp_path.glob("z-*.json"))


def test_measure_phrase_letters_read_back_equal_the_parse(tmp_path, monkeypatch):
    from factbeat.claims.ground import lexicon

    monkeypatch.setenv("FACTBEAT_CACHE", str(tmp_path))
    parsed = [lexicon._first_letters(phrase) for phrase, _key in lexicon._phrases()]
    assert lexicon._phrase_letters() == parsed  # worked out
    assert list(tmp_path.glob("phrase-letters-*.json"))
    assert lexicon._phrase_letters() == parsed  # read back
