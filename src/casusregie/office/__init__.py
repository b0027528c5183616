"""The central office server (``casusregie-office``): an ASGI app (``app``), its own
storage with migrations for SQLite and PostgreSQL (``storage``), the rules for what a
device may push and pull (``repo``), TLS (``tls``) and the admin CLI (``cli``).

It imports only ``protocol``, ``domain`` and ``templates``; never ``ui``, ``store`` or
``sync`` (checked by import-linter).
"""
