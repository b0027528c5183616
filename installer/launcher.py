"""The frozen app's entry point (PyInstaller): the same as the ``casusregie`` console script."""

import sys

from casusregie.entry import main

if __name__ == "__main__":
    sys.exit(main())
