"""Casusregie: an offline-first workplace for casusregisseurs (MDA++, Beter Samenspel)."""

__version__ = "0.1.0"
