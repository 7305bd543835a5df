from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import (
    PasswordResetTokenGenerator,
    default_token_generator,
)
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from exportpilot.accounts.auth import normalize_login
from exportpilot.accounts.models import Organisation, Role, User


class MemberForm(forms.Form):
    """Invite a member: the least privilege (viewer) and the inviter's own
    organisation unless the admin chooses otherwise."""

    # A new member's e-mail becomes their username, which holds 150 characters.
    email = forms.EmailField(label=_("E-mail"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)

    def __init__(
        self,
        *args: Any,
        workspace_id: int,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_workspace(  # type: ignore[attr-defined]
            workspace_id
        )
        if organisation is not None:
            self.fields["organisation"].initial = organisation.pk


class RoleForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, workspace_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_workspace(  # type: ignore[attr-defined]
            workspace_id
        )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, answering the same for known and unknown addresses.

    Either way exactly one mail goes out: to a known address the reset link of
    each active account that uses it (an invited person who never chose a
    password included: the link goes to their own address); to an unknown
    address a mail that names no account and no workspace. The page that
    follows is the same.
    """

    def get_users(self, email: str) -> list[AbstractBaseUser]:  # type: ignore[override]
        key = normalize_login(email)
        return [
            user
            for user in User.objects.filter(email__iexact=key, is_active=True)
            if normalize_login(user.email) == key
        ]

    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "accounts/email/password_reset_subject.txt",
        email_template_name: str = "accounts/email/password_reset.txt",
        use_https: bool = False,
        token_generator: PasswordResetTokenGenerator = default_token_generator,
        from_email: str | None = None,
        request: HttpRequest | None = None,
        html_email_template_name: str | None = None,
        extra_email_context: dict[str, Any] | None = None,
    ) -> None:
        email = self.cleaned_data["email"]
        if self.get_users(email):
            super().save(
                domain_override=domain_override,
                subject_template_name=subject_template_name,
                email_template_name=email_template_name,
                use_https=use_https,
                token_generator=token_generator,
                from_email=from_email,
                request=request,
                html_email_template_name=html_email_template_name,
                extra_email_context=extra_email_context,
            )
            return
        self.send_mail(
            subject_template_name,
            "accounts/email/password_reset_unknown.txt",
            {"email": email, "user": User()},
            from_email,
            normalize_login(email),
        )
