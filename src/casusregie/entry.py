"""The ``casusregie`` console script: the app without a command, the CLI with one.

Qt is imported only when the app starts, so the CLI works on a machine with no display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    from casusregie.cli.main import build_parser, run

    args = build_parser().parse_args(argv)
    if args.command is None:
        from casusregie.ui.app import run_app

        return run_app(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
