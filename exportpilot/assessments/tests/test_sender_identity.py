"""The SME knows who is asking: the invitation e-mail, the start page and the
PDF name the workspace and the adviser, replies go to the adviser, and a privacy
notice (controller, purpose, who sees the answers, retention) that the
workspace admin can edit comes in the SME's language."""

from __future__ import annotations

import subprocess

import pytest
from django.core import mail

from exportpilot.assessments.models import Letterhead
from exportpilot.assessments.pdf import render_result_pdf
from exportpilot.audit.models import AuditEntry

from .helpers import submitted

pytestmark = pytest.mark.django_db

# A word of each language's default notice that only a translation has.
NOTICE_WORDS = {
    "en": "data controller",
    "da": "dataansvarlig",
    "de": "Verantwortlich",
    "zh-hans": "数据控制者",
}


@pytest.fixture
def letterhead(workspace):
    return Letterhead.objects.create(
        workspace=workspace,
        sender="Sønderborg Kommune, Erhverv",
        address="Rådhustorvet 10\n6400 Sønderborg",
        email="erhverv@sonderborg.example",
        phone="+45 88 72 00 00",
    )


@pytest.fixture
def adam_named(adam):
    adam.first_name, adam.last_name = "Adam", "Andersen"
    adam.save()
    return adam


def _invite(make_link, company, language):
    invitation, token = make_link(
        company,
        email="owner@valves.example",
        language=language,
        link_base="https://exportpilot.example",
    )
    return invitation, token


def test_the_e_mail_says_who_asks_and_replies_go_to_the_adviser(
    adam_named, valve_maker, make_link, letterhead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(make_link, valve_maker, "en")

    (message,) = mail.outbox
    assert message.reply_to == ["adam@example.dk"]
    assert message.from_email.startswith(
        '"Sønderborg Kommune, Erhverv via ExportPilot"'
    )
    assert "Sønderborg Kommune, Erhverv" in message.subject
    body = message.body
    assert "Adam Andersen of Sønderborg Kommune, Sønderborg, invites you" in body
    assert "Rådhustorvet 10" in body
    assert "+45 88 72 00 00" in body
    # the privacy notice: controller, purpose, who sees the answers, retention
    assert "Sønderborg Kommune, Erhverv is the data controller" in body
    assert "to advise Nordic Valves ApS on exporting" in body
    assert (
        "business advisers of Sønderborg (Sønderborg Kommune, Sønderborg Vækstråd)"
        in body
    )
    assert "five years" in body
    assert "erhverv@sonderborg.example" in body


@pytest.mark.parametrize("language", ["da", "en", "de", "zh-hans"])
def test_the_default_notice_is_in_each_language(
    adam, valve_maker, make_link, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(make_link, valve_maker, language)

    (message,) = mail.outbox
    assert NOTICE_WORDS[language] in message.body
    assert message.reply_to == ["adam@example.dk"]
    # without a letterhead the sender is the workspace
    assert "Sønderborg" in message.subject


def test_the_admin_s_own_notice_replaces_the_default_in_its_language(
    adam, valve_maker, make_link, letterhead, owner, django_capture_on_commit_callbacks
):
    letterhead.privacy_de = "Unser eigener Datenschutzhinweis."
    letterhead.save()

    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = _invite(make_link, valve_maker, "de")
        _invite(make_link, valve_maker, "da")

    german, danish = mail.outbox
    assert "Unser eigener Datenschutzhinweis." in german.body
    assert NOTICE_WORDS["de"] not in german.body
    assert NOTICE_WORDS["da"] in danish.body
    owner.get(f"/a/{token}/")
    page = owner.get("/a/").content.decode()
    assert "Unser eigener Datenschutzhinweis." in page


def test_the_start_page_names_the_workspace_the_adviser_and_the_notice(
    adam_named, valve_maker, make_link, letterhead, owner
):
    _invitation, token = make_link(valve_maker, language="da")

    owner.get(f"/a/{token}/")
    page = owner.get("/a/").content.decode()

    assert "Sønderborg Kommune, Erhverv" in page
    assert "Adam Andersen" in page
    assert "mailto:adam@example.dk" in page
    assert "Rådhustorvet 10" in page
    assert NOTICE_WORDS["da"] in page


def test_the_pdf_carries_the_letterhead(
    adam_named, valve_maker, make_link, letterhead, tmp_path
):
    response = submitted(make_link, valve_maker)
    path = tmp_path / "result.pdf"
    path.write_bytes(render_result_pdf(response, "da"))

    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout

    assert "Sønderborg Kommune, Erhverv" in text
    assert "Rådhustorvet 10" in text
    assert "erhverv@sonderborg.example" in text
    assert "Adam Andersen" in text


def test_alice_edits_the_letterhead_and_the_notice(client_for, alice, workspace):
    client = client_for(alice)
    page = client.get("/assessments/letterhead/")
    assert page.status_code == 200
    assert NOTICE_WORDS["en"] in page.content.decode()  # the default, as placeholder

    saved = client.post(
        "/assessments/letterhead/",
        {
            "sender": "Sønderborg Kommune",
            "address": "Rådhustorvet 10",
            "email": "erhverv@sonderborg.example",
            "privacy_zh_hans": "我们的隐私声明。",
        },
    )

    assert saved.status_code == 302
    letterhead = Letterhead.objects.get(workspace=workspace)
    assert letterhead.sender == "Sønderborg Kommune"
    assert letterhead.privacy_text("zh-hans") == "我们的隐私声明。"
    assert letterhead.privacy_text("da") == ""
    assert AuditEntry.objects.filter(object_id=str(letterhead.pk)).exists()


def test_a_bad_e_mail_is_refused_naming_the_field(client_for, alice, workspace):
    answer = client_for(alice).post(
        "/assessments/letterhead/", {"sender": "X", "email": "not an address"}
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["email"]
    assert not Letterhead.objects.exists()


def test_only_admins_edit_the_letterhead(client_for, adam, vera, workspace):
    for user in (adam, vera):
        client = client_for(user)
        assert client.get("/assessments/letterhead/").status_code == 403
        assert (
            client.post("/assessments/letterhead/", {"sender": "X"}).status_code == 403
        )
    assert not Letterhead.objects.exists()


def test_oscar_edits_only_his_own_workspace(client_for, oscar, letterhead):
    client = client_for(oscar)
    page = client.get("/assessments/letterhead/").content.decode()
    assert "Rådhustorvet" not in page
    client.post("/assessments/letterhead/", {"sender": "Aabenraa Kommune"})
    letterhead.refresh_from_db()
    assert letterhead.sender == "Sønderborg Kommune, Erhverv"
    assert (
        Letterhead.objects.get(workspace__slug="aabenraa").sender == "Aabenraa Kommune"
    )
