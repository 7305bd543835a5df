"""Fixtures of the cross-layer tests."""

from exportpilot.jobs.tests.conftest import kinds

__all__ = ["kinds"]
