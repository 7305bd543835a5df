"""Checks on text that Python's own string methods get subtly wrong for us."""

from __future__ import annotations

__all__ = ["is_ascii_digits"]


def is_ascii_digits(text: str) -> bool:
    """True when the text is one or more of the digits 0-9 and nothing else.

    ``str.isdigit`` also accepts superscripts and other scripts' digits
    (``"¹".isdigit()`` is true) that ``int()`` then refuses; codes such as CVR
    numbers, HS codes and postcodes are plain ASCII digits.

    >>> is_ascii_digits("8481"), is_ascii_digits("¹2"), is_ascii_digits("")
    (True, False, False)
    """
    return text.isascii() and text.isdigit()
