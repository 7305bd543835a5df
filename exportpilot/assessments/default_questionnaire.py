"""ExportPilot's default questionnaire, read from ``data/default_questionnaire.yaml``.

Written for ExportPilot in its own words, after the readiness dimensions of the
research summarised in ``docs/assessments/scoring.md``; question keys are stable
identifiers, and the requirement questions' keys match the engine's rules in
``exportpilot.engine.readiness.requirements``.

The content is data, not code: each text sits next to its language key in the
YAML file, so a text in the wrong slot is visible (and caught by the language
test). The installer
(:func:`exportpilot.assessments.services.install_default_questionnaire`) turns
it into the first published version of a workspace's questionnaire.

The file adds one thing to the stored document: shared answer ``scales``, which
a question names with ``scale:`` instead of listing its ``options``. Loading
expands them and checks the result with :class:`~exportpilot.assessments.content.Content`,
so a broken file fails at the first use with the place and the reason.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from exportpilot.assessments.content import Content

__all__ = ["DATA_FILE", "QuestionnaireDataError", "default_content", "load"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "default_questionnaire.yaml"
_TOP_LEVEL = {"languages", "scales", "dimensions", "services", "questions"}


class QuestionnaireDataError(ValueError):
    """The questionnaire file cannot be read or does not fit the schema."""


def load(path: Path = DATA_FILE) -> dict[str, Any]:
    """The questionnaire document in a YAML file: scales expanded, checked."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionnaireDataError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise QuestionnaireDataError(f"{path.name}: expected a mapping at the top")
    unknown = set(data) - _TOP_LEVEL
    if unknown:
        raise QuestionnaireDataError(
            f"{path.name}: unknown section(s): {', '.join(sorted(unknown))}"
        )
    scales: dict[str, Any] = data.pop("scales", None) or {}
    for index, question in enumerate(data.get("questions") or []):
        where = f"{path.name}: question {question.get('key', index)}"
        name = question.pop("scale", None)
        if name is not None:
            if "options" in question:
                raise QuestionnaireDataError(f"{where}: both a scale and options")
            if name not in scales:
                raise QuestionnaireDataError(f"{where}: unknown scale {name}")
            question["options"] = copy.deepcopy(scales[name])
        question.setdefault("market", "")
    try:
        Content.model_validate(data)
    except ValidationError as exc:
        raise QuestionnaireDataError(f"{path.name}: {exc}") from exc
    return data


@functools.cache
def _default() -> dict[str, Any]:
    return load()


def default_content() -> dict[str, Any]:
    """The default questionnaire as one JSON-ready document (a fresh copy each call)."""
    return copy.deepcopy(_default())
