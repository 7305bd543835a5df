"""What a path holds: the flow files (sources) in files, folders and zips.

A BACI year file gets the ``country_codes`` and ``product_codes`` tables found
beside it (in the same folder or zip); any other CSV must be a UN Comtrade bulk
file. Zip members are only listed here (and the small code tables read within
:class:`~.zips.ZipLimits`); flow members are streamed to disk when converted.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import baci, comtrade
from exportpilot.engine.trade.codes import HS_REVISIONS
from exportpilot.engine.trade.csvfile import decode, first_line, split_header
from exportpilot.engine.trade.rawfile import Source
from exportpilot.engine.trade.zips import ZipLimits, member_infos, open_zip, read_member

__all__ = ["CODE_TABLE_MAX_BYTES", "discover_sources"]

#: Largest code table read (BACI's are under 1 MB); larger ones are refused.
CODE_TABLE_MAX_BYTES = 64 << 20


def _read_decoded(path: Path) -> str:
    if path.stat().st_size > CODE_TABLE_MAX_BYTES:
        raise InvalidTradeData(
            f"{path.name}: {path.stat().st_size:,} bytes is too large for a code "
            f"table (at most {CODE_TABLE_MAX_BYTES:,})"
        )
    return decode(path.read_bytes())


@dataclass
class _Folder:
    """Files of one folder or one zip: BACI year files and their code tables."""

    years: list[tuple[str, Source]] = field(default_factory=list)
    countries: dict[str, tuple[str, Callable[[], str]]] = field(default_factory=dict)
    products: dict[tuple[str, str], tuple[str, Callable[[], str]]] = field(
        default_factory=dict
    )


def _attach_codes(folder: _Folder) -> list[Source]:
    sources = []
    for version, source in folder.years:
        country = folder.countries.get(version) or (
            next(iter(folder.countries.values())) if folder.countries else None
        )
        product = folder.products.get((str(source.revision), version))
        if product is None:
            product = next(
                (
                    t
                    for (rev, _), t in folder.products.items()
                    if rev == source.revision
                ),
                None,
            )
        sources.append(
            dataclasses.replace(
                source,
                country_codes=()
                if country is None
                else baci.read_country_codes(country[0], country[1]()),
                country_file=None if country is None else country[0],
                product_codes=None
                if product is None
                else baci.read_product_codes(product[0], product[1]()),
            )
        )
    return sources


def _classify(
    folder: _Folder,
    name: str,
    path: Path,
    read_text: Callable[[], str],
    limits: ZipLimits,
) -> bool:
    """File one name of a folder or zip; return False when it is not a BACI file."""
    base = Path(name).name
    if match := baci.YEAR_FILE.fullmatch(base):
        revision = match.group(1).upper()
        if revision not in HS_REVISIONS:
            raise InvalidTradeData(f"{name}: unknown HS revision {revision}")
        source = Source(
            kind="baci",
            path=path,
            member=name if path.suffix.lower() == ".zip" else None,
            revision=revision,
            year=int(match.group(2)),
            synthetic="synthetic" in match.group(3).lower(),
            zip_limits=limits,
        )
        folder.years.append((match.group(3), source))
        return True
    if match := baci.COUNTRY_FILE.fullmatch(base):
        folder.countries[match.group(1)] = (base, read_text)
        return True
    if match := baci.PRODUCT_FILE.fullmatch(base):
        key = (match.group(1).upper(), match.group(2))
        folder.products[key] = (base, read_text)
        return True
    return False


def _is_baci_name(name: str) -> bool:
    base = Path(name).name
    return any(
        pattern.fullmatch(base)
        for pattern in (baci.YEAR_FILE, baci.COUNTRY_FILE, baci.PRODUCT_FILE)
    )


def _discover_zip(path: Path, limits: ZipLimits) -> list[Source]:
    folder = _Folder()
    with open_zip(path) as archive:
        names = [
            info.filename
            for info in archive.infolist()
            if not info.is_dir() and _is_baci_name(info.filename)
        ]
        # Declared sizes and ratios first: nothing is inflated from a bomb.
        infos = member_infos(archive, path, names, limits)
    for info in infos:

        def read_text(info: zipfile.ZipInfo = info) -> str:
            return decode(
                read_member(path, info, limits, max_bytes=CODE_TABLE_MAX_BYTES)
            )

        _classify(folder, info.filename, path, read_text, limits)
    if not folder.years:
        raise InvalidTradeData(
            f"{path.name}: no BACI year file (BACI_HS.._Y...._V....csv) in the zip"
        )
    return _attach_codes(folder)


def _discover_folder(path: Path, limits: ZipLimits) -> list[Source]:
    folder = _Folder()
    others = []
    for child in sorted(path.iterdir()):
        if not child.is_file():
            continue
        if child.suffix.lower() == ".zip":
            others.extend(_discover_zip(child, limits))
        elif _classify(
            folder, child.name, child, partial(_read_decoded, child), limits
        ):
            continue
        elif child.suffix.lower() == ".csv" or (
            child.suffix.lower() == ".txt"
            and comtrade.recognises(split_header(first_line(child)))
        ):
            # CSVs must be trade files; text files (a README) only when Comtrade.
            others.append(_comtrade_or_error(child))
    return _attach_codes(folder) + others


def _comtrade_or_error(path: Path) -> Source:
    header = split_header(first_line(path))
    if {"t", "i", "j", "k", "v"} <= set(header):
        raise InvalidTradeData(
            f"{path.name}: looks like BACI but the name is not "
            "BACI_HS{rev}_Y{year}_V{version}.csv, so the revision and year are unknown"
        )
    if comtrade.recognises(header):
        return Source(kind="comtrade", path=path, synthetic="synthetic" in path.name)
    if path.stat().st_size == 0:
        raise InvalidTradeData(f"{path.name}: the file is empty")
    raise InvalidTradeData(
        f"{path.name}, line 1: neither a BACI file (BACI_HS.._Y...._V....csv) nor a "
        "UN Comtrade bulk CSV (no cmdCode column)"
    )


def _check(sources: list[Source]) -> list[Source]:
    revisions = sorted({s.revision for s in sources if s.revision is not None})
    if len(revisions) > 1:
        raise InvalidTradeData(
            "one import takes one HS revision; these files mix "
            + ", ".join(revisions)
            + ": "
            + ", ".join(s.name for s in sources if s.revision is not None)
        )
    seen: dict[int, str] = {}
    for source in sources:
        if source.kind != "baci" or source.year is None:
            continue
        if source.year in seen:
            raise InvalidTradeData(
                f"year {source.year} comes from two files: {seen[source.year]} and "
                f"{source.name}"
            )
        seen[source.year] = source.name
    return sources


def discover_sources(
    paths: Iterable[Path], *, zip_limits: ZipLimits | None = None
) -> list[Source]:
    """Find the flow files in the given files, folders and zips.

    Parameters
    ----------
    paths : iterable of pathlib.Path
        BACI year CSVs (with ``country_codes``/``product_codes`` files beside
        them, if any), folders, BACI zips, or UN Comtrade bulk CSVs.
    zip_limits : ZipLimits, optional
        How far zip members may inflate (default :class:`~.zips.ZipLimits()`).

    Returns
    -------
    list of Source
        One per flow file, all of the same HS revision (BACI; Comtrade's is
        checked when converting).

    Raises
    ------
    InvalidTradeData
        Missing path, unreadable zip or a possible zip bomb, unknown file, two
        HS revisions, or two BACI files for the same year.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "BACI_HS17_Y2019_V202401.csv"
    ...     _ = path.write_text("t,i,j,k,v,q\\n")
    ...     [(s.kind, s.revision, s.year) for s in discover_sources([path])]
    [('baci', 'HS17', 2019)]
    """
    limits = ZipLimits() if zip_limits is None else zip_limits
    sources: list[Source] = []
    for path in paths:
        if not path.exists():
            raise InvalidTradeData(f"{path}: no such file or folder")
        if path.is_dir():
            found = _discover_folder(path, limits)
            if not found:
                raise InvalidTradeData(
                    f"{path}: no BACI or Comtrade file in the folder"
                )
            sources.extend(found)
        elif path.suffix.lower() == ".zip":
            sources.extend(_discover_zip(path, limits))
        elif baci.YEAR_FILE.fullmatch(path.name):
            folder = _Folder()
            _classify(folder, path.name, path, partial(_read_decoded, path), limits)
            for sibling in sorted(path.parent.iterdir()):
                if sibling.is_file() and (
                    baci.COUNTRY_FILE.fullmatch(sibling.name)
                    or baci.PRODUCT_FILE.fullmatch(sibling.name)
                ):
                    _classify(
                        folder,
                        sibling.name,
                        sibling,
                        partial(_read_decoded, sibling),
                        limits,
                    )
            sources.extend(_attach_codes(folder))
        else:
            sources.append(_comtrade_or_error(path))
    return _check(sources)
