"""Reads of company imports, always scoped to the user's workspace."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from exportpilot.companies.models import CompanyImport

__all__ = ["get_company_import", "list_company_imports"]


def get_company_import(user: Any, pk: int) -> CompanyImport:
    """The import, or 404 when it belongs to another workspace or does not exist."""
    found: CompanyImport | None = (
        CompanyImport.objects.for_user(user).filter(pk=pk).first()
    )
    if found is None:
        raise Http404("No such import")
    return found


def list_company_imports(user: Any, *, limit: int = 10) -> QuerySet[CompanyImport]:
    return CompanyImport.objects.for_user(user).select_related("uploaded_by")[:limit]
