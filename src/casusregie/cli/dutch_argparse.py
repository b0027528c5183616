"""Kept for imports from before the move: see ``casusregie.dutch_argparse`` (shared by
``casusregie`` and ``casusregie-office``, which may not import ``cli``)."""

from casusregie.dutch_argparse import install

__all__ = ["install"]
