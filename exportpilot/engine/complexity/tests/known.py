"""Shared tiny matrices with hand-computed answers (worked out in the comments)."""

import numpy as np

# Export values of exporters A, B, C (rows) in products p1..p4 (columns).
# World totals W = [9, 5, 3, 3], grand total 20; exporter totals 10, 7, 3.
VALUES = np.array(
    [
        [2.0, 2.0, 3.0, 3.0],
        [4.0, 3.0, 0.0, 0.0],
        [3.0, 0.0, 0.0, 0.0],
    ]
)

# Presence used by every hand-computed indicator below: RCA >= 0.4 on VALUES,
# i.e. A exports everything, B p1 and p2, C only p1 (a nested matrix).
# diversity d = [4, 2, 1], ubiquity u = [3, 2, 1, 1].
MCP = np.array(
    [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
        [1, 0, 0, 0],
    ]
)
SQRT14 = np.sqrt(14.0)
