"""Workspaces, partner organisations, users, roles and API tokens."""
