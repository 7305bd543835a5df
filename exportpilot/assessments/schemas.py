"""Strict API schemas of questionnaires, links, responses and results."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    detail: Any


class QuestionnaireOut(Schema):
    id: int
    version: int
    status: str
    title: str
    published_at: dt.datetime | None


class QuestionnaireDetailOut(QuestionnaireOut):
    content: dict[str, Any]


MAX_ID = 2**63 - 1  # larger ids cannot be in the database (and overflow SQLite)


class PageQuery(Strict):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000_000)


class ResponseQuery(PageQuery):
    company_id: int | None = Field(None, ge=1, le=MAX_ID)
    band: Literal["", "early", "building", "ready", "strong"] = ""
    market: str = Field("", max_length=3, pattern=r"^[A-Za-z]{0,3}$")
    submitted: bool | None = None


class ResultQuery(Strict):
    language: Literal["da", "en", "de", "zh-hans"] = "en"


class InvitationIn(Strict):
    company_id: int = Field(ge=1, le=MAX_ID)
    markets: list[Annotated[str, Field(min_length=2, max_length=3)]] = Field(
        min_length=1, max_length=20
    )
    valid_days: int = Field(default=30, ge=1, le=90)
    email: str = Field("", max_length=254)
    language: Literal["", "da", "en", "de", "zh-hans"] = ""


class InvitationOut(Schema):
    id: int
    company_id: int
    questionnaire_id: int
    markets: list[str]
    requirements: dict[str, str]
    email: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    created_at: dt.datetime


class InvitationCreatedOut(InvitationOut):
    url: str = Field(description="The link; shown once, only its hash is stored.")


class GapOut(Schema):
    question: str
    dimension: str
    points_lost: float


class ResponseOut(Schema):
    id: int
    company_id: int
    invitation_id: int
    questionnaire_id: int
    questionnaire_version: int
    language: str
    answered: int
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    overall_score: float | None
    band: str
    dimension_scores: dict[str, float | None]
    market_scores: dict[str, float]
    gaps: list[GapOut]

    @staticmethod
    def resolve_questionnaire_version(obj: Any) -> int:
        return int(obj.questionnaire.version)

    @staticmethod
    def resolve_answered(obj: Any) -> int:
        return len(obj.answers)


class ServiceOut(Schema):
    key: str
    name: str
    description: str
    url: str


class ResultGapOut(Schema):
    rank: int
    question_key: str
    question: str
    answer: str
    why: str
    next_step: str
    dimension: str
    points_lost: float
    service: ServiceOut | None


class ResultDimensionOut(Schema):
    key: str
    name: str
    score: float | None


class ResultMarketOut(Schema):
    code: str
    name: str
    score: float
    band: str


class ResultOut(Schema):
    response_id: int
    language: str
    overall: float
    band: str
    band_label: str
    dimensions: list[ResultDimensionOut]
    markets: list[ResultMarketOut]
    gaps: list[ResultGapOut]


class QuestionnairePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[QuestionnaireOut]


class InvitationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InvitationOut]


class ResponsePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResponseOut]
