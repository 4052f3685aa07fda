"""A quotable borough profile: the main crime types with counts, rates, change, rank and London.

Every sentence is written so that ``factbeat check`` can verify it (the numbers it states are
the ones computed here, in the forms the claim checker reads), and the tests check all 32
boroughs that way.  Figures that would need more context to quote (p-values, populations,
trend sizes) go in the table, not in the sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factbeat.errors import FactbeatError
from factbeat.report.wording import number, ordinal
from factbeat.stats.model import Change, Figure
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure, concept
from factbeat.taxonomy.periods import calendar_year
from factbeat.taxonomy.schemes import get_scheme

# How to count each main measure in a sentence: "543 sexual offences", "3,410 burglaries".
NOUNS = {
    "violence_against_the_person": "offences of violence against the person",
    "burglary": "burglaries",
    "robbery": "robberies",
    "theft": "thefts",
    "sexual_offences": "sexual offences",
    "drugs": "drug offences",
    "criminal_damage": "offences of criminal damage and arson",
}

MAIN_MEASURES = ("violence_against_the_person", "burglary", "robbery", "theft", "sexual_offences", "drugs",
                 "criminal_damage")


@dataclass
class MeasureProfile:
    measure: Measure
    change: Change
    rank: int
    order: str  # "asc" (nth-lowest) or "desc" (nth-highest)
    boroughs: int
    london: Figure
    trend: dict | None
    sentences: list[str] = field(default_factory=list)

    @property
    def figure(self) -> Figure:
        return self.change.after

    def to_dict(self) -> dict:
        return {
            "measure": self.measure.to_dict(self.figure.scheme),
            "figure": self.figure.to_dict(),
            "previous": self.change.before.to_dict(),
            "change": {k: v for k, v in self.change.to_dict().items() if k not in ("from", "to")},
            "rank": {"rank": self.rank, "order": self.order, "of": self.boroughs, "by": "rate"},
            "london": {"count": self.london.count, "rate_per_1000": self.london.to_dict()["rate_per_1000"]},
            "trend": self.trend,
            "sentences": self.sentences,
        }


@dataclass
class Profile:
    area: Area
    year: int
    measures: list[MeasureProfile]
    skipped: list[str]

    @property
    def sentences(self) -> list[str]:
        return [s for m in self.measures for s in m.sentences]

    @property
    def text(self) -> str:
        """The quotable paragraphs, one per crime type."""
        return "\n\n".join(" ".join(m.sentences) for m in self.measures)

    def definitions(self) -> list[dict]:
        out = []
        for m in self.measures:
            scheme = get_scheme(m.figure.scheme)
            out.append({"measure": m.measure.label, "scheme": scheme.label, "definition": m.measure.definition,
                        "population": f"{m.figure.population_source} {m.figure.population_year}"})
        return out

    def sources(self) -> list[dict]:
        seen: dict[str, dict] = {}
        for m in self.measures:
            for s in m.change.before.sources + m.change.after.sources + m.london.sources:
                seen.setdefault(s["file_name"], {k: s[k] for k in ("file_name", "publisher", "licence", "url", "sha256")})
        return list(seen.values())

    def to_dict(self) -> dict:
        return {"area": self.area.to_dict(), "year": self.year, "text": self.text,
                "measures": [m.to_dict() for m in self.measures], "skipped": self.skipped,
                "definitions": self.definitions(), "sources": self.sources()}


def build_profile(fb, area: str | Area, year: int | None = None, measures: list[str] | None = None) -> Profile:
    """Profile ``area`` for calendar ``year`` (default: the latest complete year) over the main crime types."""
    area = fb.area(area)
    chosen = [fb.measure(m) for m in measures] if measures else [concept(k) for k in MAIN_MEASURES]
    year = year or latest_complete_year(fb, chosen[0])
    profiles, skipped = [], []
    for measure in chosen:
        try:
            profiles.append(_measure_profile(fb, area, measure, year))
        except FactbeatError as exc:
            skipped.append(f"{measure.label}: {exc}")
    return Profile(area, year, profiles, skipped)


def latest_complete_year(fb, measure: Measure) -> int:
    """The latest calendar year with all twelve months in some scheme that has the measure."""
    best = 0
    for scheme in fb.catalog.schemes_for(measure):
        months = fb.catalog.months.get(scheme, set())
        for year in sorted({m.year for m in months}, reverse=True):
            if not fb.catalog.missing_months(scheme, calendar_year(year).months):
                best = max(best, year)
                break
    if not best:
        raise FactbeatError(f"no complete calendar year of {measure.label.lower()} is stored")
    return best


def _measure_profile(fb, area: Area, measure: Measure, year: int) -> MeasureProfile:
    change = fb.change(area, measure, str(year - 1), str(year))
    scheme = change.after.scheme
    asc = fb.rank(measure, str(year), by="rate", order="asc", scheme=scheme)
    desc = fb.rank(measure, str(year), by="rate", order="desc", scheme=scheme)
    low, high = asc.position(area), desc.position(area)
    rank, order = (low.rank, "asc") if low and (not high or low.rank <= high.rank) else (high.rank if high else 0, "desc")
    london = fb.figure("London", measure, str(year), scheme=scheme, with_others=False)
    profile = MeasureProfile(measure, change, rank, order, len(asc.rows), london, _trend(fb, area, measure, scheme, year))
    profile.sentences = measure_sentences(profile)
    return profile


def _trend(fb, area: Area, measure: Measure, scheme: str, year: int) -> dict | None:
    from factbeat.stats.series import series
    from factbeat.stats.trend import fit_trend

    points = [p for p in series(fb.catalog, area, measure, "year", scheme).points if p.start.year <= year]
    if len(points) < 3:
        return None
    trend = fit_trend([p.start.year for p in points], [p.count for p in points],
                      [p.population for p in points] if all(p.population for p in points) else None)
    return {**trend.to_dict(), "first_year": points[0].start.year, "last_year": points[-1].start.year}


def measure_sentences(p: MeasureProfile) -> list[str]:
    """The quotable sentences for one crime type (see the module docstring for the rules)."""
    fig, before, label = p.figure, p.change.before, p.measure.label.lower()
    noun = NOUNS.get(p.measure.key, f"offences of {label}")
    area, year = p.figure.area.name, p.figure.period.label
    if p.change.absolute == 0:
        first = f"In {year}, {area} recorded {number(fig.count)} {noun}, the same number as in {before.period.label}."
    elif before.count:
        word = "up" if p.change.absolute > 0 else "down"
        first = (f"In {year}, {area} recorded {number(fig.count)} {noun}, {word} "
                 f"{abs(p.change.percent):.1f} per cent from {number(before.count)} in {before.period.label}.")
    else:
        first = f"In {year}, {area} recorded {number(fig.count)} {noun}, up from none in {before.period.label}."
    out = [first, _significance_sentence(p)]
    if fig.rate_per_1000 is not None and p.rank:
        place = "highest" if p.order == "desc" else "lowest"
        where = f"the {place}" if p.rank == 1 else f"the {ordinal(p.rank)}-{place}"
        out.append(f"That is {fig.rate_per_1000:.1f} offences per 1,000 residents, {where} rate among the London boroughs.")
    if p.london.rate_per_1000 is not None:
        out.append(f"Across London the rate was {p.london.rate_per_1000:.1f} per 1,000 residents.")
    if p.london.count:
        out.append(f"{area} accounted for {100 * fig.count / p.london.count:.1f} per cent of London's {noun.removeprefix('offences of ')}.")
    if p.trend:
        out.append(_trend_sentence(p.trend, noun))
    return [s for s in out if s]


def _significance_sentence(p: MeasureProfile) -> str:
    sig = p.change.significance or {}
    label = sig.get("label")
    if not label:
        return ""
    if sig.get("small_numbers"):
        return "The numbers are too small to tell a real change from chance."
    return {
        "a real rise": "The rise is larger than ordinary year-to-year variation.",
        "a real fall": "The fall is larger than ordinary year-to-year variation.",
        "within normal variation": "The change is within ordinary year-to-year variation.",
    }.get(label, "The numbers are too small to tell a real change from chance.")


def _trend_sentence(trend: dict, noun: str) -> str:
    direction = str(trend.get("direction"))
    shape = {"rising": "has been rising", "falling": "has been falling"}.get(direction, "has shown no clear trend")
    return f"Since {trend['first_year']} the yearly number of {noun} {shape}."
