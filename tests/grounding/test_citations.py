"""Citation lines of stored figures: written once per figure, always the line written afresh."""

from __future__ import annotations

from types import SimpleNamespace

from factbeat.claims.ground import evidence
from factbeat.claims.ground.evidence import Evidence, cite, cite_figure


def _fresh(fig) -> str:
    return cite(Evidence(fig.count, {"kind": "data", "scheme": fig.scheme, "files": fig.sources}, "", ""))


def _figure(n: int):
    files = [{"file_name": f"file{k}.csv", "lines": ", ".join(str(10 * n + j) for j in range(n % 9 + 1))}
             for k in range(n % 3 + 1)]
    return SimpleNamespace(count=n, scheme=("home_office", "mps_legacy")[n % 2], sources=files)


def test_cited_lines_are_those_written_afresh(monkeypatch):
    monkeypatch.setattr(evidence, "_CITED", {})
    monkeypatch.setattr(evidence, "_CITED_SIZE", 7)  # kept figures are dropped many times over
    figures = [_figure(n) for n in range(40)]
    for _round in range(3):
        for fig in figures:
            assert cite_figure(fig) == _fresh(fig)
    assert len(evidence._CITED) <= 7


def test_a_new_figure_is_never_given_an_old_ones_line(monkeypatch):
    monkeypatch.setattr(evidence, "_CITED", {})
    for n in range(200):  # figures made and dropped in turn: ids come round again
        fig = _figure(n)
        assert cite_figure(fig) == _fresh(fig)
        del fig


def test_registered_figures_cite_their_own_source():
    fig = SimpleNamespace(citation="register: A source; A publisher")
    assert cite_figure(fig) == "register: A source; A publisher"
