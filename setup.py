"""Build hook: copy the top-level ``resources/`` into the wheel as ``postingstudio/_resources``.

The checkout keeps one ``resources/`` folder beside ``src/`` (writers edit rules there); an
installed wheel has no checkout, so the folder is mapped into the package at build time and
``postingstudio.paths.resources_dir()`` finds it there.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # editable installs read resources/ straight from the checkout
        source = Path(__file__).parent / "resources"
        target = Path(self.build_lib) / "postingstudio" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildPyWithResources})
