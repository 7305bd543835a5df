"""Forms of the register's pages. They parse input; the services validate and save."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.models import Company, Contact, ExportStatusValue
from exportpilot.companies.queries import EMPLOYEE_BANDS, CompanyFilters
from exportpilot.companies.services import COMPANY_FIELDS, CONTACT_FIELDS
from exportpilot.lib.widgets import FastSelect, IsoDateInput
from exportpilot.reference.countries import country_choices, country_name
from exportpilot.reference.cvr import compact_cvr
from exportpilot.reference.sme import SmeClass

__all__ = [
    "CompanyFilterForm",
    "CompanyForm",
    "ContactForm",
    "ExportStatusForm",
    "ProductForm",
    "countries_focus_first",
]


@cache
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(country_choices(language))


def countries_focus_first(focus_markets: list[str]) -> list[tuple[str, str]]:
    """Every country by name in the active language, the workspace's focus markets first."""
    language = (get_language() or "en").lower()
    focus = [(code, country_name(code, language)) for code in focus_markets]
    rest = [pair for pair in _countries(language) if pair[0] not in focus_markets]
    return focus + rest


class CompanyForm(forms.ModelForm):  # type: ignore[type-arg]
    # Wider than the 8 stored digits: "DK 13 58 56 28" is compacted on clean.
    cvr_number = forms.CharField(
        label=_("CVR number"),
        max_length=20,
        help_text=_("8 digits, modulus-11 checked"),
    )
    website = forms.URLField(
        label=_("website"), max_length=200, required=False, assume_scheme="https"
    )
    industry_code = forms.CharField(
        label=_("Industry code (DB07)"),
        max_length=10,
        required=False,
        help_text=_("6 digits, e.g. 281100 or 28.11.00"),
    )

    class Meta:
        model = Company
        fields = COMPANY_FIELDS
        widgets = {"founded": IsoDateInput()}

    def clean_cvr_number(self) -> str:
        return compact_cvr(self.cleaned_data["cvr_number"])

    def clean_industry_code(self) -> str:
        return str(self.cleaned_data["industry_code"]).replace(".", "").strip()


# Languages a contact may prefer for letters and the self-assessment link.
CONTACT_LANGUAGES = (
    ("da", _("Danish")),
    ("en", _("English")),
    ("de", _("German")),
    ("zh-hans", _("Simplified Chinese")),
)


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    language = forms.ChoiceField(
        label=_("preferred language"), required=False, widget=FastSelect
    )

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("not known")), *CONTACT_LANGUAGES]
        # A code that an import brought in (e.g. "sv") stays choosable as it is.
        current = self.instance.language if self.instance else ""
        if current and current not in dict(CONTACT_LANGUAGES):
            choices.append((current, current))
        self.fields["language"].choices = choices  # type: ignore[attr-defined]


class ProductForm(forms.Form):
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=12,
        help_text=_("HS 2022: 2, 4 or 6 digits, e.g. 8504 or 8504.40"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ExportStatusForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), widget=FastSelect)
    status = forms.ChoiceField(
        label=_("Export status"), choices=ExportStatusValue.choices
    )

    def __init__(self, *args: Any, focus_markets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries_focus_first(focus_markets)  # type: ignore[attr-defined]


YES_NO = [("", _("all")), ("yes", _("fictional only")), ("no", _("real only"))]


class CompanyFilterForm(forms.Form):
    """The register's filters (GET). Invalid values are reported and ignored."""

    q = forms.CharField(
        label=_("Name or CVR number"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    industry = forms.CharField(
        label=_("Industry code starts with"), max_length=8, required=False
    )
    hs = forms.CharField(label=_("HS code starts with"), max_length=8, required=False)
    employees = forms.ChoiceField(
        widget=FastSelect, label=_("Employees"), required=False
    )
    sme_class = forms.ChoiceField(
        widget=FastSelect,
        label=_("EU SME class"),
        required=False,
        choices=[("", _("all")), *SmeClass.choices],
    )
    country = forms.ChoiceField(widget=FastSelect, label=_("Country"), required=False)
    export_status = forms.ChoiceField(
        widget=FastSelect,
        label=_("Export status"),
        required=False,
        choices=[("", _("any")), *ExportStatusValue.choices],
    )
    fictional = forms.ChoiceField(
        widget=FastSelect, label=_("Fictional"), required=False, choices=YES_NO
    )
    ordering = forms.ChoiceField(
        widget=FastSelect,
        label=_("Order by"),
        required=False,
        choices=[
            ("name", _("name A–Z")),
            ("-name", _("name Z–A")),
            ("cvr", _("CVR number")),
            ("industry", _("industry code")),
            ("employees", _("employees, fewest first")),
            ("-employees", _("employees, most first")),
            ("-updated", _("recently changed")),
        ],
    )

    def __init__(self, *args: Any, focus_markets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employees"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((key, label) for key, label, _low, _high in EMPLOYEE_BANDS),
        ]
        self.fields["country"].choices = [  # type: ignore[attr-defined]
            ("", _("any")),
            *countries_focus_first(focus_markets),
        ]

    def filters(self) -> CompanyFilters:
        """The valid filters (an invalid field counts as not filled in)."""
        self.is_valid()
        data = self.cleaned_data
        fictional = {"yes": True, "no": False}.get(data.get("fictional") or "")
        return CompanyFilters(
            q=data.get("q") or "",
            industry=data.get("industry") or "",
            hs=data.get("hs") or "",
            employees=data.get("employees") or "",
            sme_class=data.get("sme_class") or "",
            country=data.get("country") or "",
            export_status=data.get("export_status") or "",
            fictional=fictional,
            ordering=data.get("ordering") or "name",
        )
