"""The Python API: one object with every operation the CLI and the web app offer.

``factbeat.open(path)`` returns a :class:`Factbeat`.  Arguments are the words a user types
('Barnet', 'violent crime', '2016/17'); they are resolved through the taxonomy here, once, so the
shells (CLI, HTTP) stay thin and give the same answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from factbeat.stats.catalog import Catalog
from factbeat.store import IngestReport, Store, file_sha256
from factbeat.taxonomy.areas import Area, all_areas, resolve_area
from factbeat.taxonomy.measures import Measure, concepts, resolve_measure
from factbeat.taxonomy.periods import Period, parse_period


class Factbeat:
    """A store plus the statistics over it."""

    def __init__(self, db: str | os.PathLike | None = None, *, read_only: bool = False) -> None:
        self.store = Store(db, read_only=read_only)
        self.catalog = Catalog(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Factbeat:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- names ---------------------------------------------------------------------------------
    def area(self, text: str | Area) -> Area:
        return text if isinstance(text, Area) else resolve_area(text)

    def measure(self, text: str | Measure) -> Measure:
        return text if isinstance(text, Measure) else resolve_measure(text, self.catalog.scheme_categories())

    def period(self, text: str | Period) -> Period:
        return text if isinstance(text, Period) else parse_period(text)

    def areas(self) -> list[Area]:
        return list(all_areas())

    def measures(self) -> list[dict]:
        """Documented measures with the schemes they are stored in."""
        return [
            {**m.to_dict(), "aliases": list(m.aliases), "stored_in": self.catalog.schemes_for(m)}
            for m in concepts()
        ]

    # -- ingest --------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, encoding: str = "utf-8", url: str | None = None,
               progress: bool = False) -> list[IngestReport]:
        """Ingest files one by one, each in its own transaction; stops at the first bad file."""
        from factbeat.sources import read_source

        reports = []
        for path in paths:
            path = Path(path)
            sha = file_sha256(path) if path.is_file() else ""
            existing = self.store.source_by_sha(sha) if sha else None
            if existing:
                reports.append(IngestReport(file=str(path), status="unchanged", format=existing["format"],
                                            scheme=existing["scheme"], source_id=existing["source_id"],
                                            note=f"already stored as source {existing['source_id']} ({existing['file_name']})"))
                continue
            reports.append(self.store.ingest(read_source(path, encoding), sha, url=url))
        self.catalog.refresh()
        return reports

    def sources(self) -> list[dict]:
        return self.store.sources()

    # -- statistics ----------------------------------------------------------------------------
    def figure(self, area, measure, period, scheme: str | None = None):
        from factbeat.stats.counts import figure

        return figure(self.catalog, self.area(area), self.measure(measure), self.period(period), scheme)

    def change(self, area, measure, before, after, scheme: str | None = None):
        from factbeat.stats.change import change

        return change(self.catalog, self.area(area), self.measure(measure), self.period(before), self.period(after), scheme)

    def share(self, area, measure, period, scheme: str | None = None):
        from factbeat.stats.share import share

        return share(self.catalog, self.area(area), self.measure(measure), self.period(period), scheme)

    def rank(self, measure, period, *, by: str = "rate", order: str = "desc", scheme: str | None = None):
        from factbeat.stats.rank import rank

        return rank(self.catalog, self.measure(measure), self.period(period), by=by, order=order, scheme=scheme)

    def download(self, names: Iterable[str], mirror: str | None = None) -> list[IngestReport]:
        """Fetch the named catalogue datasets (all files first), then ingest them in order.

        Fetching everything before ingesting means a failed or interrupted download stores nothing.
        """
        from factbeat.sources.catalogue import expand
        from factbeat.sources.download import locate

        mirror = mirror or os.environ.get("FACTBEAT_MIRROR") or None
        located = [(locate(ds, f, mirror), ds) for ds in expand(list(names)) for f in ds.files]
        reports = []
        for (path, address), _dataset in located:
            reports += self.ingest([path], url=address)
        return reports
