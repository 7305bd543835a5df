"""On submission the owner sees scores, bands, markets and gaps, and gets a PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exportpilot.assessments.models import Submission
from exportpilot.assessments.pdf import render_result_pdf

from .conftest import all_answers, open_link

pytestmark = pytest.mark.django_db


def _submit(owner, token, language, value="2", **overrides):
    open_link(owner, token, language)
    answers = {**all_answers(Submission.objects.get(), value), **overrides}
    assert owner.post("/a/submit/", {"action": "submit", **answers}).status_code == 302
    return Submission.objects.get()


def test_the_result_shows_scores_band_markets_and_gaps_with_services(
    owner, valve_maker, make_link
):
    _invitation, token = make_link(valve_maker)
    response = _submit(
        owner,
        token,
        "de",
        commitment_goal="0",
        finance_working_capital="0",
        de_weee="1",
    )
    assert response.band in {"early", "building", "ready", "strong"}
    assert set(response.market_scores) == {"CHN", "DEU"}
    assert 3 <= len(response.gaps) <= 5
    page = owner.get("/a/result/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Gesamt" in body
    assert "Bereitschaft je Markt" in body
    assert "Deutschland" in body
    assert "China" in body
    # The two weighted zero answers are the biggest gaps, each with its service.
    gaps = page.context["gaps"]
    assert [g["question_key"] for g in gaps[:2]] == [
        "commitment_goal",
        "finance_working_capital",
    ]
    assert gaps[1]["service"]["key"] == "eifo"
    assert "Betriebsmittel" in gaps[1]["next_step"]
    assert all(
        0 <= d["score"] <= 100
        for d in page.context["dimensions"]
        if d["score"] is not None
    )


def test_the_result_can_be_read_in_another_language(owner, valve_maker, make_link):
    _invitation, token = make_link(valve_maker)
    _submit(owner, token, "en")
    page = owner.get("/a/result/?lang=zh-hans")
    assert "各市场准备度" in page.content.decode()


def test_the_pdf_downloads_in_the_owners_language(owner, valve_maker, make_link):
    _invitation, token = make_link(valve_maker)
    _submit(owner, token, "de")
    response = owner.get("/a/result.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "de.pdf" in response["Content-Disposition"]


def test_the_chinese_pdf_embeds_cjk_glyphs(owner, valve_maker, make_link, tmp_path):
    _invitation, token = make_link(valve_maker)
    response = _submit(owner, token, "zh-hans")
    path = tmp_path / "result.pdf"
    path.write_bytes(render_result_pdf(response, "zh-hans"))
    assert shutil.which("pdffonts")
    assert shutil.which("pdftotext")
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk), fonts  # embedded
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "出口准备度" in text
    assert "下一步" in text
    assert "\ufffd" not in text
    assert "□" not in text
