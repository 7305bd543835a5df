"""Background jobs with a progress record that pages poll and the CLI shows."""
