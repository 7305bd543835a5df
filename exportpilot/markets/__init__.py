"""Market intelligence: world trade datasets, analyses per workspace, opportunities."""
