"""Sentences written for the filter and guard tests: the words of the reading's and linking's
patterns in odd cases and places, and sentences without them."""

SENTENCES = """\
Barnet had the Third-Highest rate of burglary in London, FOLLOWED BY Brent and Ealing.
Knife crime rose Slightly in 2016, to 1,203 offences.
There was a SIGNIFICANT increase in robbery; it remained broadly stable in Camden.
Violence was higher than in Croydon, and well above the London average.
Offences in Hackney were in line with the year before, similar to Islington.
Police said the amnesty runs until Saturday.
A 24-year-old man was arrested on Tuesday.
Theft fell marginally, down from 5,203 to 5,190, topping the table.
The borough was second only to Westminster, the safest in the capital.
Shoplifting was up 4 per cent, and vehicle crime down 2 per cent.
Crime İn the Borough roſe ſlightly; KNIFE crime went down ſignificantly.
Residents want more officers, and fewer closures.
Burglary fell by almost a third, and robbery rose 12 per cent in 2016, up 4% on 2015.
Crime more than doubled, to twice the London average, three times as many as Brent.
The rate was 7.9 offences per 1,000 residents; the London average was 6.2.
One in five of London's knife crimes, or 16 per cent of the total, happened here.
Camden ranked fourth, the second-placed borough, with more robberies than any other.
It was the highest number since 2008, more than in any year since at least 2003.
Only Croydon and Lambeth recorded more. An increase of 253 offences, 456 more than in 2023.
"""
