"""Build step that copies data/ into the package, so that a non-editable install (``pip install .``,
a wheel on a JupyterHub image) finds the article and datasets (fedstate.data.data_dir reads them
with importlib.resources). An editable install (``pip install -e .``, what requirements.txt does)
reads data/ in place and copies nothing. All other settings are in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source, target = HERE / "data", Path(self.build_lib) / "fedstate" / "_data"
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildWithData})
