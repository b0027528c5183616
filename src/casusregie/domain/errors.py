"""Errors that carry a Dutch message fit to show a user.

The message never contains personal data: a case file's contents, a name or a
passphrase must not end up in a terminal, a log or a crash report. Name the
problem (which file, which field, which line), not the value.
"""

from __future__ import annotations


class CasusregieError(Exception):
    """Base error. ``str(error)`` is a one-line Dutch message for the user."""

    exit_code = 1


class WrongPassphrase(CasusregieError):
    exit_code = 3


class StoreMissing(CasusregieError):
    exit_code = 4


class StoreExists(CasusregieError):
    exit_code = 5


class StoreDamaged(CasusregieError):
    exit_code = 6


class StoreLocked(CasusregieError):
    exit_code = 7


class ImportRefused(CasusregieError):
    exit_code = 8


class TemplateInvalid(CasusregieError):
    exit_code = 9


class NotFound(CasusregieError):
    exit_code = 10


class DiskFull(CasusregieError):
    exit_code = 11


class WriteFailed(CasusregieError):
    exit_code = 2
