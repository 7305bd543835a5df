"""Forms of the market pages: import trade data, start an analysis, filter the ranking."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.models import ExportStatusValue
from exportpilot.lib.text import is_ascii_digits
from exportpilot.markets.services import list_incoming_files
from exportpilot.reference.countries import country_name
from exportpilot.reference.sme import SmeClass


class TradeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_("A BACI year CSV or zip, or a UN Comtrade bulk CSV."),
    )
    incoming = forms.ChoiceField(
        label=_("Or a file already in the data directory"), required=False
    )
    analyse = forms.BooleanField(
        label=_("Run the market analysis when the import is done"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list_incoming_files()
        incoming = cast(forms.ChoiceField, self.fields["incoming"])
        incoming.choices = [("", "–")] + [(n, n) for n in names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if not upload and not data.get("incoming"):
            raise forms.ValidationError(
                _("Upload a file or choose one from the data directory.")
            )
        if upload and upload.size > settings.MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than the upload limit."))
        return data


class AnalysisForm(forms.Form):
    base_year = forms.IntegerField(
        label=_("Base year"), required=False, min_value=1950, max_value=2100
    )


class RankingFilterForm(forms.Form):
    market = forms.ChoiceField(label=_("Market"), required=False)
    industry = forms.CharField(
        label=_("Industry code starts with"), required=False, max_length=6
    )
    sme_class = forms.ChoiceField(
        label=_("EU SME class"),
        required=False,
        choices=[("", _("all")), *list(SmeClass.choices)],
    )
    status = forms.ChoiceField(
        label=_("Register status"),
        required=False,
        choices=[("", _("all")), *list(ExportStatusValue.choices)],
        help_text=_("Towards the chosen market, or any focus market."),
    )

    def __init__(self, *args: Any, markets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        market = cast(forms.ChoiceField, self.fields["market"])
        market.choices = [("", _("all focus markets"))] + [
            (m, country_name(m)) for m in markets
        ]

    def clean_industry(self) -> str:
        value = (self.cleaned_data.get("industry") or "").replace(".", "").strip()
        if value and not is_ascii_digits(value):
            raise forms.ValidationError(_("Digits only, e.g. 28 or 2814."))
        return value


class ProductSearchForm(forms.Form):
    q = forms.CharField(
        label=_("HS code or words"),
        max_length=100,
        required=False,
        help_text=_(
            "Descriptions are in English (HS 2022); codes work in any language."
        ),
    )
