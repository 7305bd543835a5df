"""REST endpoints of the company register (being written)."""

from ninja import Router

router = Router(tags=["companies"])
