"""Background-job handlers of the company register (registered on app start)."""
