"""Every check ends with a clear result: a wall-clock budget that stops it with the claims of the
sentences checked so far and a notice, and size caps that say what they did not check.

Nothing here times anything: a budget is given a counting clock (one 'second' per look), or a
budget so small that any real check outlives it, and the tests assert on the notices.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest
from rel_files import run

from factbeat.claims import check_text
from factbeat.claims.errors import ClaimInputError
from factbeat.claims.limits import MAX_NUMBERS_PER_SENTENCE, Budget

PARAGRAPH = ("Burglaries in Barnet went up from 2,310 in 2015 to 2,650 in 2016, a rise of 15 per cent. "
             "Robbery in Camden fell by 4% to 1,100 offences last year. "
             "Westminster recorded the highest rate of theft in London, with 9,400 offences.\n\n")
STOPPED = re.compile(r"stopped after ([\d.e+-]+) s: ([\d,]+) of ([\d,]+) sentences checked")


def counting_clock(step: float = 1.0):
    """A clock that moves ``step`` seconds each time it is read: the budget runs out after a
    known number of looks, whatever the machine's speed."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


def stop_notice(notes: list[str]) -> tuple[int, int]:
    found = [STOPPED.search(n) for n in notes]
    found = [m for m in found if m]
    assert len(found) == 1, notes
    return int(found[0].group(2).replace(",", "")), int(found[0].group(3).replace(",", ""))


def test_a_sentence_with_500_numbers_says_what_was_not_checked():
    result = check_text("Cases by day: " + " ".join(["76"] * 500) + ". Burglary rose 5% to 840.")
    notes = [n for n in result.notes if "numbers" in n]
    assert notes == [f"sentence 1 ('Cases by day: 76 76 76 76 76 76 76 76 76…') has 500 numbers: only the first "
                     f"{MAX_NUMBERS_PER_SENTENCE} were checked, 440 were not"], result.notes
    assert result.complete and json.loads(json.dumps(result.to_dict()))["notes"] == result.notes


def test_a_1_mb_text_with_a_tiny_budget_ends_with_a_partial_result_and_a_notice():
    text = PARAGRAPH * (1_000_000 // len(PARAGRAPH) + 1)
    result = check_text(text, budget=Budget(20, clock=counting_clock()))
    checked, total = stop_notice(result.notes)
    assert total == result.sentences > 10_000 and 0 < checked < total == 3 * text.count("\n\n")
    assert result.sentences_checked == checked and not result.complete
    assert result.claims and all(c.sentence_index < checked for c in result.claims)
    data = result.to_dict()
    assert data["summary"]["sentences_checked"] == checked and data["notes"] == result.notes
    # The claims kept are whole: each one's words are still where its span says.
    assert all(text[c.span[0]:c.span[1]] == c.text for c in result.claims)


def test_a_real_clock_and_a_tiny_budget_stop_a_1_mb_text_too():
    text = PARAGRAPH * (1_000_000 // len(PARAGRAPH) + 1)
    result = check_text(text, budget=1e-6)
    checked, total = stop_notice(result.notes)
    assert checked < total and all(c.sentence_index < checked for c in result.claims)


def test_a_long_text_checked_in_blocks_finds_what_each_paragraph_finds():
    """Past 50,000 characters the text is linked a block at a time; offsets stay the text's own."""
    text = PARAGRAPH * 400
    whole = check_text(text, budget=None)
    one = check_text(PARAGRAPH, budget=None)
    assert whole.complete and not whole.notes
    assert len(whole.claims) == 400 * len(one.claims)
    for claim in whole.claims:
        assert text[claim.span[0]:claim.span[1]] == claim.text
        for start, end in claim.number_spans.values():
            assert start >= claim.span[0] - 200 and text[start:end].replace(",", "").strip(".%").isdigit()
    last = whole.claims[-1]
    assert last.sentence_index == whole.sentences - 1 and whole.sentences == 1200


def test_grounding_that_runs_out_keeps_the_arithmetic_and_says_how_far_the_data_check_got(real_fb):
    from factbeat.claims.ground.grounding import ground_result

    text = PARAGRAPH * 30
    budget = Budget(100, clock=counting_clock())  # the reading looks once a sentence: 90 looks
    result = check_text(text, date=dt.date(2017, 2, 10), budget=budget)
    assert result.complete
    ground_result(real_fb, result)  # goes on spending the check's own budget
    checked, total = stop_notice(result.notes)
    assert checked == total == 90
    grounded = int(re.search(r"the first ([\d,]+) of them against the data", result.notes[-1]).group(1))
    assert grounded < checked
    late = [c for c in result.claims if c.sentence_index >= grounded]
    assert late and all("time budget ran out" in c.data["reason"] for c in late)


def test_a_story_with_more_figures_than_one_check_grounds_says_where_it_stopped(real_fb):
    from factbeat.claims.ground.grounding import MAX_FIGURES, ground_result

    text = "Burglary in Barnet: " + ". ".join(f"In week {i} there were {100 + i} burglaries" for i in range(450)) + "."
    result = ground_result(real_fb, check_text(text, date=dt.date(2017, 2, 10), budget=None), budget=None)
    capped = [n for n in result.notes if n.startswith(f"only the first {MAX_FIGURES} figures")]
    assert len(capped) == 1 and "sentence" in capped[0] and "were not" in capped[0], result.notes
    unchecked = [c for c in result.claims if c.data and "at most 400 figures" in (c.data.get("reason") or "")]
    assert unchecked, "claims past the cap say why they were not checked against the data"


def test_the_cli_prints_the_notices_and_puts_them_in_the_json(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(PARAGRAPH * 2000, encoding="utf-8")
    db = tmp_path / "none.duckdb"  # --no-data: never opened
    shown = run(db, "check", str(story), "--no-data", "--budget", "0.000001")
    assert shown.exit_code == 0, shown.output
    assert re.search(r"Notice: stopped after 1e-06 s: [\d,]+ of 6,000 sentences checked", shown.output), shown.output[-500:]
    as_json = run(db, "check", str(story), "--no-data", "--budget", "0.000001", "--json")
    data = json.loads(as_json.output)
    checked, total = stop_notice(data["notes"])
    assert total == data["summary"]["sentences"] == 6000 and checked == data["summary"]["sentences_checked"]


@pytest.mark.parametrize("budget", ["0", "-3", "nan", "inf", "1e9"])
def test_a_budget_that_is_not_a_positive_number_of_seconds_is_one_clear_error(tmp_path, budget):
    story = tmp_path / "story.txt"
    story.write_text(PARAGRAPH, encoding="utf-8")
    result = run(tmp_path / "none.duckdb", "check", str(story), "--no-data", "--budget", budget)
    assert result.exit_code == 1 and "Error: budget" in result.output and "Traceback" not in result.output
    with pytest.raises(ClaimInputError, match="number of seconds"):
        check_text(PARAGRAPH, budget=float(budget))


def test_the_api_check_takes_a_budget(real_fb):
    text = PARAGRAPH * 200
    partial = real_fb.check(text, date="2017-02-10", budget=1e-6)
    checked, total = stop_notice(partial.notes)
    assert checked < total == 600
    full = real_fb.check(PARAGRAPH, date="2017-02-10", budget=None)
    assert full.complete and not any(STOPPED.search(n) for n in full.notes)
    assert {c.data["verdict"] for c in full.claims if c.data} - {"not_in_data"}, "grounded against the store"


def test_batch_rows_carry_each_article_s_notices(tmp_path):
    import pyarrow.dataset as ds

    import factbeat

    def rows(articles: list[dict], budget: float | None) -> dict:
        source = tmp_path / f"articles-{budget}.jsonl"
        source.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
        out = tmp_path / f"out-{budget}"
        factbeat.check_archive(source, out, workers=1, budget=budget)
        table = ds.dataset(out / "articles", format="parquet").to_table().to_pylist()
        return {r["article_id"]: r for r in table}

    short = rows([{"id": "crowded", "date": "2017-02-10", "text": "Counts: " + " ".join(["12"] * 300) + "."},
                  {"id": "plain", "date": "2017-02-10", "text": PARAGRAPH}], None)
    assert "has 300 numbers" in json.loads(short["crowded"]["notes"])[0]
    assert short["plain"]["notes"] is None and short["plain"]["claims"] > 0
    long = rows([{"id": "long", "date": "2017-02-10", "text": PARAGRAPH * 300}], 1e-6)["long"]
    checked, total = stop_notice(json.loads(long["notes"]))
    assert checked < total == 900 and long["error"] is None
