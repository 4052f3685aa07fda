"""Unit tests for the pieces of the claim checker: reading, sentences, tolerance, output."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from fractions import Fraction

import pytest
from rich.console import Console

from factbeat.claims import ClaimInputError, ClaimKind, Verdict, check_text, read_input
from factbeat.claims.judge.tolerance import compare, rounds_to
from factbeat.claims.read.input import detect_format
from factbeat.claims.read.markup import html_to_text, markdown_to_text
from factbeat.claims.read.sentences import split_sentences
from factbeat.report.claims_view import marked_text, render_check

# --- reading ------------------------------------------------------------------------------


def test_html_is_stripped_with_paragraph_breaks():
    text = html_to_text("<p>Crime rose&nbsp;13%.</p><script>x=1</script><p>Next <i>para</i>.</p>")
    assert text == "Crime rose 13%.\n\nNext para.\n"


def test_markdown_markers_are_removed():
    md = "# Headline\n\n**Burglary** rose [13 per cent](http://x.y) from *67* to 76.\n\n- item"
    assert markdown_to_text(md) == "Headline\n\nBurglary rose 13 per cent from 67 to 76.\n\nitem\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("story.html", "plain", "html"),
        ("story.md", "plain", "markdown"),
        ("story.txt", "<p>x</p>", "text"),
        (None, "<html><body><p>x</p></body></html>", "html"),
        (None, "# Title\n\n- one\n- two", "markdown"),
        (None, "Burglary rose 13 per cent.", "text"),
        (None, "There were 1,433 <br /> incidents in 2016, down from 1,604.", "text"),  # a stray tag
    ],
)
def test_format_detection(name, content, expected):
    assert detect_format(content, name) == expected


def test_read_input_from_file_and_stdin(tmp_path, monkeypatch):
    page = tmp_path / "a.htm"
    page.write_text("<p>Up 13%</p>", encoding="utf-8")
    assert read_input(page) == "Up 13%\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Down 5%")))
    assert read_input("-") == "Down 5%"


def test_read_input_errors(tmp_path):
    with pytest.raises(ClaimInputError, match="no such file"):
        read_input(tmp_path / "missing.txt")
    with pytest.raises(ClaimInputError, match="unknown format"):
        read_input(tmp_path / "x.txt", fmt="pdf")


def test_cp1252_file_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Crime rose 13 per cent \x96 a lot".encode("latin-1"))
    assert "13 per cent" in read_input(path)


# --- sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Det Supt. Rose said crime fell. It rose 12.5 per cent.", 2),
        ("It opens at 11am. Police said so.", 2),
        ('He said: "It rose." Then it fell.', 2),
        ("Headline without a stop\nBody text here.", 2),
        ("St. Albans had 76 cases vs. 67 in Jan. 2016.", 1),
        ("J. Smith spoke. The end.", 2),
        ("", 0),
    ],
)
def test_sentence_splitting(text, count):
    sentences = split_sentences(text)
    assert len(sentences) == count
    for s in sentences:
        assert text[s.start : s.end] == s.text


# --- tolerance ----------------------------------------------------------------------------


def test_rounding_and_truncation_both_match():
    assert rounds_to(Fraction(475, 10), Fraction(47), 0)  # truncated
    assert rounds_to(Fraction(475, 10), Fraction(48), 0)  # rounded half up
    assert not rounds_to(Fraction(475, 10), Fraction(49), 0)
    assert rounds_to(Fraction(1343, 100), Fraction(134, 10), 1)


@pytest.mark.parametrize(
    ("value", "stated", "band", "ok"),
    [
        (Fraction(18, 10), 2, "almost", True),
        (Fraction(2), 2, "almost", True),  # RULES.md §4: "almost" a fraction accepts up to 1.01 X
        (Fraction(203, 100), 2, "almost", False),
        (Fraction(17, 10), 2, "almost", False),
        (Fraction(21, 10), 2, "above", True),
        (Fraction(19, 10), 2, "above", False),
        (Fraction(105, 100), 1, "about", True),
        (Fraction(12, 10), 1, "about", False),
    ],
)
def test_qualifier_bands_for_words(value, stated, band, ok):
    assert compare(value, Fraction(stated), 0, band, style="word").ok is ok


def test_word_multiples_do_not_round_to_whole_numbers():
    assert not compare(Fraction(16, 10), Fraction(2), 0, None, style="word").ok
    assert compare(Fraction(246, 100), Fraction(25, 10), 1, None, style="word").ok


# --- results and output -------------------------------------------------------------------


def test_check_text_result_shape():
    result = check_text("Robberies fell by 47 per cent, from 560 to 294.", date="2017-02-10")
    assert result.date == dt.date(2017, 2, 10)
    (claim,) = result.claims
    assert claim.kind == ClaimKind.PERCENT_CHANGE and claim.verdict == Verdict.CONSISTENT
    assert claim.explanation == ("(294 − 560) / 560 = −47.5 %; stated 47 % (“fell”) "
                                 "(accepts 46.5 % to just under 48 %) → consistent")
    data = claim.to_dict()
    assert data["stated_value"] == 47.0 and data["computed_value"] == -47.5
    assert data["numbers"] == {"from": 560, "to": 294}
    assert result.summary["by_kind"]["percent_change"] == 1
    json.dumps(result.to_dict())


def test_bad_date_is_a_clear_error():
    with pytest.raises(ClaimInputError, match="YYYY-MM-DD"):
        check_text("x", date="10/02/2017")


def test_verdict_and_kind_are_str_enums():
    assert Verdict.CONSISTENT == "consistent" and ClaimKind.SHARE == "share"


def test_render_marks_claims_and_prints_evidence_hook():
    result = check_text("Robberies fell by 40 per cent, from 560 to 294. Some 230 guns were found.")
    result.claims[1].data = {"explanation": "stored figure: 231 guns"}
    console = Console(record=True, width=120, color_system=None)
    render_check(result, console)
    output = console.export_text()
    assert "Robberies fell by 40 per cent, from 560 to 294[1]" in output
    assert "inconsistent" in output and "unverifiable" in output
    assert "evidence: stored figure: 231 guns" in output


def test_marked_text_survives_brackets_in_the_story():
    result = check_text("[Update] Burglary rose from 10 to 12 [sic].")
    assert "[Update]" in marked_text(result).plain


def test_render_with_no_claims():
    console = Console(record=True, width=80, color_system=None)
    render_check(check_text("Nothing to see."), console)
    assert "No numeric claims found." in console.export_text()


def test_package_docstring_examples_run():
    import doctest

    import factbeat.claims

    assert doctest.testmod(factbeat.claims).failed == 0


def test_index_table_brackets_are_shares_of_the_base_row():
    """ "- 2011/12 7,600 (95.0)" under a base row "(100)": the bracket is 7,600 / 8,000."""
    from factbeat.claims import check_text

    text = ("Recorded crime, index 2010/11 = 100\n- 2010/11 8,000 (100)\n- 2011/12 7,600 (95.0)\n"
            "- 2012/13 7,200 (90.0)\n- 2013/14 6,000 (80.0)\n")
    got = {(c.kind.value, c.stated_value, c.verdict.value) for c in check_text(text).claims
           if c.verdict.value != "unverifiable"}
    assert got == {("share", 0.95, "consistent"), ("share", 0.9, "consistent"),
                   ("share", 0.8, "inconsistent")}


def test_rows_without_a_base_row_are_not_an_index_table():
    from factbeat.claims import check_text

    text = "- 2019 8,000 (12)\n- 2020 7,600 (95)\n- 2021 7,200 (90)\n"
    assert not [c for c in check_text(text).claims if c.kind.value == "share"]


def test_headline_takes_the_change_the_body_gives_in_figures():
    """A headline with no figures of its own is checked against the first firm change of the
    same direction told just after the lede."""
    from factbeat.claims import check_text

    text = ("Car thefts up 30% in the city\n\n"
            "Car thefts across the city have risen sharply in the past year, new police figures show.\n\n"
            "Officers recorded 1,250 thefts of cars in the year to March, up from 1,000 the year before, "
            "a rise of 25 per cent.")
    headline = [c for c in check_text(text).claims if c.stated_value == 30.0]
    assert headline and headline[0].verdict.value == "inconsistent"
    assert "1,000" in headline[0].explanation and "1,250" in headline[0].explanation


def test_lede_in_words_takes_the_next_precise_percentage():
    from factbeat.claims import check_text

    text = ("Shoplifting rose by nearly a quarter last year, according to police figures.\n\n"
            "There were 5,200 offences recorded in total, an increase of 23% on the year before.")
    lede = [c for c in check_text(text).claims if c.stated_value == 25.0]
    assert lede and lede[0].verdict.value == "consistent"


def test_headline_rate_over_time_finds_its_count_and_period_in_the_body():
    """ "80 reports a day" in a headline, the count and "in July and August" in the body."""
    from factbeat.claims import check_text

    text = ("80 assault reports a day over the summer, police say\n\n"
            "Police have warned of a rise in assaults over the summer months across the county.\n\n"
            "Some 4,960 assaults were reported to officers in July and August last year, the force said.")
    rates = [c for c in check_text(text).claims if c.kind.value == "rate" and c.stated_value == 80.0]
    assert rates and rates[0].verdict.value == "consistent"
    assert "62" in rates[0].explanation  # July and August: 62 days


def test_headline_size_word_summarises_the_body_change():
    """ "Slight increase" in a headline is checked on the change the body then gives."""
    from factbeat.claims import check_text

    text = ("Slight increase in recorded crime across the county\n\n"
            "New figures released today show recorded crime in the county rose by 0.3% last year.\n\n"
            "There were 40,120 offences recorded in the 12 months to March, up from 40,000 a year earlier.")
    slight = [c for c in check_text(text).claims if c.kind.value == "comparison"]
    assert slight and slight[0].verdict.value == "consistent"


def test_lede_with_a_rough_figure_takes_the_body_precise_percentage():
    """ "increased by more than nine per cent" in the lede, "about 9.4 per cent" with no pair in
    the body: the rough figure is checked on the precise one."""
    from factbeat.claims import check_text

    text = ("Crime in the county increased by more than nine per cent last year, according to new figures.\n\n"
            "A report showed recorded crime went up by 9.4 per cent in the past year.")
    lede = [c for c in check_text(text).claims if c.stated_value == 9.0]
    assert lede and lede[0].verdict.value == "consistent"


def test_table_flattened_one_cell_per_line():
    """ "Label / 40 / 50 / 25% increase": the change's line sits below its two cells."""
    from factbeat.claims import check_text

    text = ("Offences:\n2021\n2022\nChange\nBurglary\n40\n50\n25% increase\n"
            "Robbery\n10\n20\n150% increase\n")
    got = {(c.stated_value, c.verdict.value) for c in check_text(text).claims if c.kind.value == "percent_change"}
    assert got == {(25.0, "consistent"), (150.0, "inconsistent")}


def test_headline_rate_checked_on_the_body_count_with_its_own_period():
    """A headline's "nearly 400 a day" against the body's one count, told with its period."""
    from factbeat.claims import check_text

    text = ("Nearly 300 crimes reported to Westshire Police daily\n\n"
            "Nearly 300 crimes were reported to Westshire Police every day in the last year, figures show.\n\n"
            "There were 91,250 crimes reported to the force in the year to June 2024, the statistics revealed.")
    headline = [c for c in check_text(text).claims if c.kind.value == "rate" and c.sentence_index == 0]
    assert headline and headline[0].verdict.value == "inconsistent"  # 91,250 / 365 = 250 a day


def test_lede_amount_takes_the_body_pair_of_the_same_size():
    """ "over 3,000 more crimes" in the lede, the body's pair (a rise of 3,400) just after."""
    from factbeat.claims import check_text

    text = ("Crime up across the county\n\n"
            "The figures show that in total over 3,000 more crimes were recorded in the county last year.\n\n"
            "Recorded crime rose from 30,000 offences in 2022 to 33,400 in 2023, police said.")
    lede = [c for c in check_text(text).claims if c.kind.value == "absolute_change" and c.stated_value == 3000.0]
    assert lede and lede[0].verdict.value == "consistent"


def test_headline_takes_the_body_reading_its_own_precise_figure_confirms():
    """A lede without figures comes first; the body's "28.6 per cent rise … with 1,019" is read
    against the 1,310 before it (not the 109 of another comparison), and the headline's "30%"
    is checked on that same pair."""
    from factbeat.claims import check_text

    text = ("Shoplifting up 30% in the town\n"
            "Shop thefts in the town centre have risen by almost 30 per cent in a year, traders say.\n"
            "Owners of small shops say the thieves work in groups and come back week after week.\n"
            "Police logged 1,310 shoplifting reports in 2023, which is 12 times the figure for 1990, "
            "when there were 109, and a 28.6 per cent rise on the previous year with 1,019 reports.")
    changes = {(c.sentence_index, c.stated_value): c for c in check_text(text).claims
               if c.kind.value == "percent_change"}  # fmt: skip
    assert changes[0, 30.0].verdict.value == "inconsistent"
    assert changes[0, 30.0].numbers == {"from": 1019.0, "to": 1310.0}
    assert changes[1, 30.0].verdict.value == "consistent"
    assert changes[3, 28.6].verdict.value == "consistent"


def test_a_stop_inside_a_short_bracket_does_not_end_the_sentence():
    from factbeat.claims.read.sentences import split_sentences

    text = "Thefts fell (2019: 40; 2020? 35). Burglaries rose (see table 2.) Next year is unclear."
    got = [s.text for s in split_sentences(text)]
    assert got == ["Thefts fell (2019: 40; 2020? 35).", "Burglaries rose (see table 2.)",
                   "Next year is unclear."]


def test_summary_takes_the_body_pair_when_the_body_states_no_percentage():
    """A sub-headline's "up by almost 30%" against the body's "up from 90 in 2022" pair (+60 %)."""
    from factbeat.claims import check_text

    text = ("Car crime on the rise in Northtown\n\n"
            " Thefts of cars up by almost 30% last year\n\n"
            "Jo Reporter\n\n"
            "THE number of cars stolen in Northtown rose by more than 30% last year, new figures show.\n\n"
            "There were 144 reported thefts of cars during 2023 – up from 90 in 2022.")
    changes = [c for c in check_text(text).claims if c.kind.value == "percent_change"]
    verdicts = {c.stated: c.verdict.value for c in changes}
    assert verdicts == {"almost 30%": "inconsistent", "more than 30%": "consistent"}


def test_change_naming_its_years_takes_the_figures_labelled_with_them():
    """ "up 8% in 2023 compared with 2022", the two years' figures in list items below."""
    from factbeat.claims import check_text

    text = ("Overall, reported robberies are up 8% in 2023 compared with 2022, with most of the rise "
            "in the town centre:\n\n\n"
            "-In 2023, there have been 432 robberies, 51 (12%) of which involved a weapon.\n\n"
            "-Last year, there had been 400 robberies, 44 (11%) of which involved a weapon.")
    change = next(c for c in check_text(text).claims if c.stated == "8%")
    assert change.numbers == {"from": 400.0, "to": 432.0}
    assert change.verdict.value == "consistent"
