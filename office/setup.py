"""Ship only the office's modules of the top-level ``casusregie`` package.

``casusregie/entry.py`` and ``casusregie/__main__.py`` start the desktop app (they import
``casusregie.cli`` and Qt); in the office's wheel they would be dead code that fails on
import, so the build leaves them out. Everything else is declared in pyproject.toml.
"""

from setuptools import setup
from setuptools.command.build_py import build_py


class OfficeModulesOnly(build_py):
    def find_package_modules(self, package: str, package_dir: str) -> list[tuple[str, str, str]]:
        modules = super().find_package_modules(package, package_dir)
        if package == "casusregie":
            modules = [m for m in modules if m[1] == "__init__"]
        return modules


setup(cmdclass={"build_py": OfficeModulesOnly})
