"""The questionnaire document: dimensions, questions, options, services, in four languages.

A questionnaire version stores its whole content as one JSON document, checked
by these strict models whenever it is written. A published version's document
never changes, so a response scored against it can always be shown again as it
was. ``Content`` also turns itself into the engine's plain scoring inputs.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import get_language
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from exportpilot.engine.readiness import Dimension, Question

__all__ = [
    "LANGUAGES",
    "Content",
    "DimensionSpec",
    "OptionSpec",
    "QuestionSpec",
    "ServiceSpec",
    "pick",
]

LANGUAGES = ("da", "en", "de", "zh-hans")
#: Scope of a requirement question that applies to every selected market (EU rules).
EU_SCOPE = "EU"

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,59}$")]
Texts = dict[str, str]


def pick(texts: Texts, language: str | None = None) -> str:
    """A text in the language (or the active one), falling back to English, then any."""
    language = (language or get_language() or "en").lower()
    if language.startswith("zh"):
        language = "zh-hans"
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_texts(value: Texts) -> Texts:
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"unknown language(s): {', '.join(sorted(unknown))}")
    if not (value.get("en") or "").strip():
        raise ValueError("an English text is required")
    return {k: v.strip() for k, v in value.items()}


class OptionSpec(_Strict):
    value: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,10}$")]
    points: int | None = Field(ge=0, le=4)
    label: Texts

    _labels = field_validator("label")(_check_texts)


class DimensionSpec(_Strict):
    key: Key
    weight: float = Field(ge=0, le=10)
    name: Texts
    description: Texts = {}

    _names = field_validator("name")(_check_texts)


class ServiceSpec(_Strict):
    key: Key
    url: str = ""
    name: Texts
    description: Texts = {}

    _names = field_validator("name")(_check_texts)


class QuestionSpec(_Strict):
    key: Key
    dimension: Key
    weight: float = Field(ge=0, le=10)
    market: str = Field(default="", pattern=r"^([A-Z]{2,3})?$")
    service: str = ""
    text: Texts
    why: Texts
    next_step: Texts
    options: list[OptionSpec] = Field(min_length=2, max_length=8)

    _texts = field_validator("text", "why", "next_step")(_check_texts)

    @model_validator(mode="after")
    def _distinct_options(self) -> QuestionSpec:
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError(f"question {self.key}: two options share a value")
        if all(o.points is None for o in self.options):
            raise ValueError(f"question {self.key}: no option is scored")
        return self

    @property
    def is_requirement(self) -> bool:
        return bool(self.market)

    @property
    def max_points(self) -> int:
        return max(o.points for o in self.options if o.points is not None)

    def option(self, value: str) -> OptionSpec | None:
        return next((o for o in self.options if o.value == value), None)


class Content(_Strict):
    """A whole questionnaire version."""

    languages: list[str] = list(LANGUAGES)
    dimensions: list[DimensionSpec] = Field(min_length=1)
    questions: list[QuestionSpec] = Field(min_length=1)
    services: list[ServiceSpec] = []

    @model_validator(mode="after")
    def _references(self) -> Content:
        for name, items in (
            ("dimension", self.dimensions),
            ("question", self.questions),
            ("service", self.services),
        ):
            keys = [item.key for item in items]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"{name} keys used twice: {', '.join(duplicates)}")
        dimension_keys = {d.key for d in self.dimensions}
        service_keys = {s.key for s in self.services}
        for question in self.questions:
            if question.dimension not in dimension_keys:
                raise ValueError(
                    f"question {question.key}: unknown dimension {question.dimension}"
                )
            if question.service and question.service not in service_keys:
                raise ValueError(
                    f"question {question.key}: unknown service {question.service}"
                )
        return self

    # Lookups -------------------------------------------------------------------
    def dimension(self, key: str) -> DimensionSpec | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def question(self, key: str) -> QuestionSpec | None:
        return next((q for q in self.questions if q.key == key), None)

    def service(self, key: str) -> ServiceSpec | None:
        return next((s for s in self.services if s.key == key), None)

    def asked(self, requirement_keys: set[str] | list[str]) -> list[QuestionSpec]:
        """General questions plus the selected requirement questions.

        Ordered by dimension, then as listed: the order (and numbering) shown.
        """
        wanted = set(requirement_keys)
        order = {d.key: i for i, d in enumerate(self.dimensions)}
        chosen = [q for q in self.questions if not q.is_requirement or q.key in wanted]
        return sorted(chosen, key=lambda q: order.get(q.dimension, len(order)))

    # Engine inputs -------------------------------------------------------------
    def engine_dimensions(self) -> list[Dimension]:
        return [Dimension(d.key, d.weight) for d in self.dimensions]

    def engine_questions(self, questions: list[QuestionSpec]) -> list[Question]:
        return [
            Question(
                key=q.key,
                dimension=q.dimension,
                options={o.value: o.points for o in q.options},
                weight=q.weight,
                max_points=q.max_points,
                markets=(q.market,) if q.market and q.market != EU_SCOPE else (),
            )
            for q in questions
        ]

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
