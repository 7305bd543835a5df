"""Request and response schemas of the market API (strict, bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt, StrictStr


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorOut(Schema):
    detail: str | dict[str, list[str]] | list[dict[str, Any]]


class DatasetOut(Schema):
    revision: str
    year: int
    source: str
    rows: int
    size_bytes: int
    synthetic: bool
    imported_at: dt.datetime
    version: str


class DataChangeOut(Schema):
    at: dt.datetime
    user_name: str
    channel: str
    action: str
    revision: str
    year: int
    version: str
    previous_version: str
    rows: int
    synthetic: bool
    source: str


class DatasetList(Schema):
    items: list[DatasetOut]
    gaps: dict[str, list[int]]


class ImportIn(StrictIn):
    path: StrictStr = Field(
        min_length=1,
        max_length=300,
        description="A file or folder in the data directory's incoming folder",
    )
    analyse: StrictBool = True


class JobOut(Schema):
    id: int
    kind: str
    status: str
    percent: int
    message: str
    error: str
    result: dict[str, Any]


class RunIn(StrictIn):
    base_year: StrictInt | None = Field(default=None, ge=1950, le=2100)


class RunOut(Schema):
    id: int
    status: str
    revision: str
    base_year: int | None
    previous_year: int | None
    synthetic: bool
    home_country: str
    focus_markets: list[str]
    parameters: dict[str, Any]
    timings: dict[str, float]
    data_versions: dict[str, str]
    error: str
    job_id: int | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


class RunPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RunOut]


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class MarketOut(Schema):
    market: str
    name: str
    is_focus: bool
    imports: float = Field(description="million USD")
    growth: float | None
    home_exports: float
    home_share: float
    potential: float
    untapped: float


class MarketPage(Schema):
    run_id: int
    count: int
    limit: int
    offset: int
    items: list[MarketOut]


class ProductOut(Schema):
    market: str
    product: str
    description: str
    section: str
    market_imports: float
    growth: float | None
    home_world_exports: float
    potential: float
    actual: float
    untapped: float
    rca: float


class MarketDetailOut(Schema):
    run_id: int
    summary: MarketOut
    products: list[ProductOut]


class RequirementOut(Schema):
    key: str
    level: str
    title: str


class OpportunityOut(Schema):
    code: str
    description: str
    market: str
    is_focus: bool
    potential: float | None
    actual: float | None
    untapped: float | None
    market_imports: float | None
    growth: float | None
    subheadings: int
    requirements: list[RequirementOut]


class CompanyOpportunitiesOut(Schema):
    company_id: int
    run_id: int | None
    notes: list[str]
    unknown_codes: list[str]
    items: list[OpportunityOut]


class RankingQuery(Schema):
    market: str = Field("", max_length=3)
    industry: str = Field("", max_length=6, pattern=r"^[0-9]*$")
    sme_class: str = Field("", pattern=r"^(|micro|small|medium|large|unknown)$")


class RankedCompanyOut(Schema):
    rank: int
    company_id: int
    name: str
    industry: str
    sme_class: str
    untapped: float
    band: str
    score: float
    reasons: list[str]


class RankingOut(Schema):
    run_id: int | None
    markets: list[str]
    items: list[RankedCompanyOut]


class ProductSearchQuery(Schema):
    q: str = Field(min_length=1, max_length=100)


class ProductHitOut(Schema):
    code: str
    description: str
    untapped_by_market: dict[str, float | None]
