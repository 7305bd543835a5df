"""``exportpilot analytics potential``: ITC-style export potential."""


def potential() -> None:
    """Export potential (not written yet)."""
    raise NotImplementedError
