"""Reference data at the bottom of the platform: countries, HS, NACE/DB07, CVR, SME class.

Each module is one concept with public functions only; every app may import
them, and they import nothing of the apps (the layers contract in
``pyproject.toml``). Everything is read from packages or files the project
ships and kept in memory; nothing goes to the network.
"""
