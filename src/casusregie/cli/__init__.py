"""The command line: scripted use of the store (no Qt here; ``entry`` starts the app)."""
