"""Packaging: the top-level ``db/`` and ``resources/`` folders ship inside the package.

The repository keeps the Alembic migrations in ``db/`` and the fonts, catalogues
and user guide in ``resources/``; the wheel and the sdist carry them as
``juryapp/db/`` and ``juryapp/resources/`` (see ``juryapp/paths.py``). Everything
else is in ``pyproject.toml``.
"""

from setuptools import find_namespace_packages, find_packages, setup

#: package inside the wheel -> folder of the repository
DATA_FOLDERS = {"juryapp.db": "db", "juryapp.resources": "resources"}

packages = find_packages(include=["juryapp", "juryapp.*"])
package_data: dict[str, list[str]] = {"juryapp": ["py.typed"]}
for package, folder in DATA_FOLDERS.items():
    subpackages = [
        f"{package}.{name}"
        for name in find_namespace_packages(where=folder, exclude=["*__pycache__*"])
    ]
    for name in (package, *subpackages):
        packages.append(name)
        package_data[name] = ["*.py", "*.mako", "*.ttf", "*.txt", "*.po", "*.md", "*.png"]

setup(packages=packages, package_dir=DATA_FOLDERS, package_data=package_data)
