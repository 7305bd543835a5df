"""The home dashboard: an entry point composed of the apps' ``"home"`` panels."""
