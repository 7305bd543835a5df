"""Two-factor authentication: enrolment, the code after the password, recovery
codes, removal, throttling, audit and mails (SECURITY.md G-AUTH-1)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, log_in
from exportpilot.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_required(settings: Any) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True


def code_of(device: TOTPDevice, *, offset: int = 0) -> str:
    """The device's current code, computed from its key as an app does."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=offset,
    )
    return f"{value:0{device.digits}d}"


def enrol(client: Any, user: Any) -> tuple[TOTPDevice, list[str]]:
    response = client.get("/mfa/enrol/")
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert '<img src="data:image/svg+xml' in response.content.decode()
    response = client.post("/mfa/enrol/", {"code": code_of(device)})
    assert response.status_code == 200, response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    codes = [
        li.split("</code>")[0]
        for li in response.content.decode().split("<li><code>")[1:]
    ]
    return device, codes


def test_an_admin_without_a_device_is_sent_to_enrolment(client, alice):
    assert log_in(client, "alice", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/mfa/enrol/"


def test_an_adviser_needs_no_device_unless_the_workspace_asks(client, adam, workspace):
    assert log_in(client, "adam", PASSWORD)
    assert client.get("/").status_code == 200
    workspace.require_mfa_for_all_roles = True
    workspace.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/mfa/enrol/"


def test_the_demo_workspace_requires_no_mfa_and_says_so(client, alice, workspace):
    workspace.is_demo = True
    workspace.save()
    assert log_in(client, "alice", PASSWORD)
    response = client.get("/")
    assert response.status_code == 200
    assert "MFA not required in the demo" in response.content.decode()


def test_enrolment_shows_ten_single_use_codes_audits_and_mails(
    client, alice, mailoutbox
):
    assert log_in(client, "alice", PASSWORD)
    device, codes = enrol(client, alice)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get("/").status_code == 200  # the session is verified
    assert AuditEntry.objects.filter(action="create", object_id=str(device.pk)).exists()
    assert [m.to for m in mailoutbox] == [["alice@example.dk"]]
    assert "turned on" in mailoutbox[0].subject
    assert client.get("/mfa/").content.decode().count("10 recovery codes left") == 1


def test_a_wrong_first_code_does_not_confirm(client, alice):
    assert log_in(client, "alice", PASSWORD)
    client.get("/mfa/enrol/")
    device = TOTPDevice.objects.get(user=alice)
    wrong = f"{(int(code_of(device)) + 1) % 10**6:06d}"
    response = client.post("/mfa/enrol/", {"code": wrong})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def _enrolled_admin(client: Any, alice: Any) -> tuple[TOTPDevice, list[str]]:
    assert log_in(client, "alice", PASSWORD)
    device, codes = enrol(client, alice)
    client.post("/logout/")
    return device, codes


def test_login_asks_for_the_code_after_the_password(client, alice):
    device, _ = _enrolled_admin(client, alice)
    response = client.post(
        "/login/", {"username": "alice", "password": PASSWORD, "next": "/companies/"}
    )
    assert response["Location"] == "/companies/"
    response = client.get("/companies/")
    assert response.status_code == 302
    assert response["Location"] == "/mfa/verify/?next=/companies/"
    device.refresh_from_db()
    device.last_t = -1  # the enrolment code may still be the current one
    device.save()
    response = client.post(
        "/mfa/verify/", {"code": code_of(device), "next": "/companies/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/companies/"
    assert client.get("/companies/").status_code == 200


def test_verify_does_not_redirect_off_site(client, alice):
    device, _ = _enrolled_admin(client, alice)
    assert log_in(client, "alice", PASSWORD)
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(
        "/mfa/verify/", {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_failed_codes_are_throttled_and_logged_without_the_code(client, alice, caplog):
    device, _ = _enrolled_admin(client, alice)
    assert log_in(client, "alice", PASSWORD)
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    right = code_of(device)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    with caplog.at_level(logging.WARNING, logger="exportpilot.accounts.mfa"):
        assert client.post("/mfa/verify/", {"code": wrong}).status_code == 400
        # Throttled now: even the right code is refused until the wait is over.
        assert client.post("/mfa/verify/", {"code": right}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    messages = [r.getMessage() for r in caplog.records]
    assert any("alice" in m and "wrong code" in m for m in messages)
    assert any("throttled" in m for m in messages)
    assert not any(wrong in m or right in m for m in messages)
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once_and_is_audited_and_mailed(
    client, alice, mailoutbox
):
    _device, codes = _enrolled_admin(client, alice)
    mailoutbox.clear()
    assert log_in(client, "alice", PASSWORD)
    response = client.post("/mfa/verify/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=alice).count() == 9
    entry = AuditEntry.objects.get(action="update")
    assert "recovery_code_used" in entry.changes
    (mail,) = mailoutbox
    assert "recovery code was used" in mail.subject
    assert "9 codes are left" in mail.body
    client.post("/logout/")
    assert log_in(client, "alice", PASSWORD)
    assert client.post("/mfa/verify/", {"code": codes[0]}).status_code == 400


def test_regenerate_codes_replaces_the_old_ones(client, alice, mailoutbox):
    _, codes = enrol(client, alice) if log_in(client, "alice", PASSWORD) else (None, [])
    response = client.post("/mfa/codes/")
    assert response.status_code == 200
    new = [
        li.split("</code>")[0]
        for li in response.content.decode().split("<li><code>")[1:]
    ]
    assert len(new) == 10
    assert not set(new) & set(codes)
    assert set(
        StaticToken.objects.filter(device__user=alice).values_list("token", flat=True)
    ) == set(new)
    assert "new recovery codes" in mailoutbox[-1].subject


def test_removing_the_device_needs_a_current_code(client, alice, mailoutbox):
    assert log_in(client, "alice", PASSWORD)
    device, _ = enrol(client, alice)
    response = client.post(
        "/mfa/remove/", {"code": "000000" if code_of(device) != "000000" else "111111"}
    )
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=alice).exists()
    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.save()
    response = client.post("/mfa/remove/", {"code": code_of(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticToken.objects.filter(device__user=alice).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(device.pk)).exists()
    assert "removed" in mailoutbox[-1].subject


def test_the_api_is_not_asked_for_a_code(api_client_for, alice):
    assert api_client_for(alice).get("/api/v1/companies").status_code == 200


def test_an_admin_requires_mfa_of_all_roles_and_it_is_audited(
    client_for, settings, alice, adam, workspace
):
    settings.MFA_REQUIRED_FOR_STAFF = False  # alice's own enrolment is not the point
    response = client_for(alice).post("/mfa/workspace/", {"required": "on"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.require_mfa_for_all_roles
    entry = AuditEntry.objects.get(action="update", object_id=str(workspace.pk))
    assert "require_mfa_for_all_roles" in entry.changes


def test_an_adviser_cannot_change_the_workspace_setting(client_for, adam, workspace):
    response = client_for(adam).post("/mfa/workspace/", {"required": "on"})
    assert response.status_code == 403
    workspace.refresh_from_db()
    assert not workspace.require_mfa_for_all_roles
