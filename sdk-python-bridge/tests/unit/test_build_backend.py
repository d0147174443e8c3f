"""The standard-library build backend produces a valid, complete wheel."""

import base64
import hashlib
import importlib
import os
import sys
import tempfile
import unittest
import zipfile

import mlmeta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "build_backend"))
mlmeta_build = importlib.import_module("mlmeta_build")


class BuildBackendTest(unittest.TestCase):
    def test_needs_no_build_requirements(self) -> None:
        self.assertEqual([], mlmeta_build.get_requires_for_build_wheel())
        self.assertEqual([], mlmeta_build.get_requires_for_build_sdist())

    def test_project_version_matches_the_package(self) -> None:
        project = mlmeta_build._project()
        self.assertEqual("mlmeta", project["name"])
        self.assertEqual(mlmeta.__version__, project["version"])
        self.assertEqual(">=3.9", project["requires-python"])

    def test_project_reader_agrees_with_a_real_toml_parser(self) -> None:
        # tomllib is standard from Python 3.11; older interpreters have pip's vendored copy of it.
        try:
            import tomllib
        except ImportError:
            from pip._vendor import tomli as tomllib

        with open(os.path.join(ROOT, "pyproject.toml"), "rb") as handle:
            project = tomllib.load(handle)["project"]
        for key, value in mlmeta_build._project().items():
            self.assertEqual(project[key], value)

    def test_wheel_holds_the_package_and_a_correct_record(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            name = mlmeta_build.build_wheel(directory)
            self.assertEqual("mlmeta-{}-py3-none-any.whl".format(mlmeta.__version__), name)
            with zipfile.ZipFile(os.path.join(directory, name)) as wheel:
                names = set(wheel.namelist())
                for module in ("__init__", "client", "errors", "metadata", "_version"):
                    self.assertIn("mlmeta/{}.py".format(module), names)
                self.assertIn("mlmeta/py.typed", names)
                self.assertFalse([n for n in names if "__pycache__" in n])
                dist_info = "mlmeta-{}.dist-info/".format(mlmeta.__version__)
                metadata = wheel.read(dist_info + "METADATA").decode()
                self.assertIn("Name: mlmeta", metadata)
                self.assertIn("Requires-Python: >=3.9", metadata)
                self.assertNotIn("Requires-Dist", metadata)
                record = wheel.read(dist_info + "RECORD").decode().splitlines()
                self.assertEqual(len(names), len(record))
                for line in record:
                    path, digest, size = line.rsplit(",", 2)
                    if path.endswith("RECORD"):
                        continue
                    data = wheel.read(path)
                    expected = base64.urlsafe_b64encode(
                        hashlib.sha256(data).digest()).rstrip(b"=").decode()
                    self.assertEqual("sha256=" + expected, digest, path)
                    self.assertEqual(str(len(data)), size, path)


if __name__ == "__main__":
    unittest.main()
