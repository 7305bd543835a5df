"""The password policy (SECURITY.md G-AUTH-3): Argon2id first, older PBKDF2
hashes still verify and are upgraded at the login, the validators refuse weak
new passwords."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from conftest import log_in
from exportpilot.accounts.models import User

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = list(django_settings.PASSWORD_HASHERS)


def test_argon2_comes_first_in_the_settings():
    assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in PRODUCTION_HASHERS


def test_a_pbkdf2_hash_verifies_and_becomes_argon2_at_login(
    client, settings, workspace
):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = User.objects.create(
        username="old",
        password=make_password(
            "an old but long passphrase",
            hasher="pbkdf2_sha256",
        ),
    )
    assert user.password.startswith("pbkdf2_sha256$")
    assert log_in(client, "old", "an old but long passphrase")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    client.post("/logout/")
    assert log_in(client, "old", "an old but long passphrase")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!Ab", "at least 12 characters"),
        ("password1234", "too common"),
        ("834729384723", "entirely numeric"),
        ("bente.hansen.example", "too similar"),
    ],
)
def test_weak_new_passwords_are_refused(password, reason):
    user = User(username="bente.hansen", email="bente.hansen@example.dk")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(reason in m for m in refused.value.messages)


def test_a_long_uncommon_password_is_accepted():
    validate_password("correct-horse-battery-staple", User(username="bente"))
