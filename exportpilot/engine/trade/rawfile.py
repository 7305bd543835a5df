"""One raw file of flows (:class:`Source`) and what converting it yields (:class:`Converted`).

Discovery (:mod:`.discovery`) finds the sources in paths; each format module
(:mod:`.baci`, :mod:`.comtrade`) has the same two functions, ``years(source,
path)`` and ``convert(con, source, path)``; :mod:`.sources` picks the module
for a source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exportpilot.engine.trade.zips import ZipLimits

__all__ = ["Converted", "Source"]


@dataclass(frozen=True)
class Source:
    """One raw file of flows.

    Attributes
    ----------
    kind : str
        ``"baci"`` or ``"comtrade"``.
    path : pathlib.Path
        The file on disk (the zip for a zip member).
    member : str or None
        Name of the CSV inside ``path`` when ``path`` is a zip.
    revision : str or None
        HS revision (``"HS22"``); for Comtrade found when converting.
    year : int or None
        Year from a BACI file name; None for Comtrade.
    synthetic : bool
        True when the file says it is synthetic (ExportPilot's generator).
    country_codes : tuple of (int, str)
        BACI ``country_codes`` table as ``(code, iso3)`` pairs; empty means
        ``pycountry`` plus the CEPII special codes.
    country_file : str or None
        Name of the country codes file used.
    product_codes : frozenset of str or None
        Codes of the BACI ``product_codes`` file, when one was found.
    zip_limits : ZipLimits
        How far a zip member may inflate when it is extracted.
    """

    kind: str
    path: Path
    member: str | None = None
    revision: str | None = None
    year: int | None = None
    synthetic: bool = False
    country_codes: tuple[tuple[int, str], ...] = ()
    country_file: str | None = None
    product_codes: frozenset[str] | None = field(default=None, repr=False)
    zip_limits: ZipLimits = field(default=ZipLimits(), repr=False)

    @property
    def name(self) -> str:
        """The name used in messages and manifests (``zip:member`` for members).

        Examples
        --------
        >>> Source(kind="baci", path=Path("a.zip"), member="b.csv").name
        'a.zip:b.csv'
        """
        if self.member is None:
            return self.path.name
        return f"{self.path.name}:{self.member}"


@dataclass(frozen=True)
class Converted:
    """What converting one source produced (table or view ``flows`` in the connection).

    Attributes
    ----------
    rows : int
        Rows of ``flows`` (after summing duplicates).
    duplicates : int
        Rows that repeated a key and were summed.
    skipped : int
        Rows left out on purpose: pseudo-codes (both formats), aggregates
        and non-country partners (Comtrade).
    revision : str
        The HS revision.
    """

    rows: int
    duplicates: int
    skipped: int
    revision: str
