"""``python -m exportpilot`` runs the ``exportpilot`` command."""

from exportpilot.cli import main

main()
