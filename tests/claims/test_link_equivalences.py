"""Short cuts the link stage takes for speed give what the rules they stand for give."""

from __future__ import annotations

from itertools import product

from factbeat.claims.check import read_text
from factbeat.claims.link.candidates import compatibility_key, compatible

# Written for this test: counts with and without units, percentages, rates on two bases, money.
TEXT = """\
Burglary rose from 1,200 to 1,350 offences, up 12.5 per cent, while robbery fell 4% to 96.
The rate was 7.9 crimes per 1,000 residents, against 61 per 100,000 people nationally.
Police spent £1.2m on 300 officers; knife crime was up 3 percentage points to 14 per cent.
Shoplifting doubled to 84 cases, a rate of 2.1 per 1,000, and 17 of the 32 boroughs saw falls.
"""


def testcompatibility_key_is_compatible():
    figures = [q for reading in read_text(TEXT) for q in reading.quantities]
    assert len({compatibility_key(q) for q in figures}) >= 4  # the text gives several kinds and bases
    for a, b in product(figures, repeat=2):
        assert compatible(a, b) == (compatibility_key(a) == compatibility_key(b)), (a.text, b.text)
