"""Data files of Casusregie: templates, JSON schemas, the demo family.

Installed as the package ``casusregie_resources`` (see pyproject.toml) so that
``importlib.resources`` finds them in a source checkout and in a wheel alike.
"""
