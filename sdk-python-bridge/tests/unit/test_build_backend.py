"""The standard-library build backend produces a valid, complete wheel."""

import base64
import hashlib
import importlib
import os
import sys
import tempfile
import unittest
import zipfile
from unittest import mock

import mlmeta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "build_backend"))
mlmeta_build = importlib.import_module("mlmeta_build")

# Valid TOML that the minimal reader cannot read: a literal string with a trailing comment, a
# multi-line string, and values that are not strings (which _project_table leaves out).
_UNUSUAL_PYPROJECT = """
[project]
name = 'mlmeta'  # the import name too
version = "1.2.3"
description = '''
two
lines'''
dependencies = []
license = { text = "Apache-2.0" }

[tool.other]
name = "not the project's"
"""


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

    def test_minimal_reader_agrees_with_a_real_toml_parser(self) -> None:
        # The fallback for interpreters without tomllib, exercised here on every interpreter.
        try:
            import tomllib
        except ImportError:
            from pip._vendor import tomli as tomllib

        with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as handle:
            text = handle.read()
        project = tomllib.loads(text)["project"]
        strings = {key: value for key, value in project.items() if isinstance(value, str)}
        self.assertEqual(strings, mlmeta_build._read_project_strings_minimally(text))

    @unittest.skipIf(mlmeta_build.tomllib is None, "tomllib is standard from Python 3.11")
    def test_tomllib_reads_toml_the_minimal_reader_cannot(self) -> None:
        self.assertEqual(
            {"name": "mlmeta", "version": "1.2.3", "description": "two\nlines"},
            mlmeta_build._project_table(_UNUSUAL_PYPROJECT))

    def test_without_tomllib_the_minimal_reader_is_used(self) -> None:
        with mock.patch.object(mlmeta_build, "tomllib", None):
            self.assertEqual({"name": "n", "version": "1"},
                             mlmeta_build._project_table('[project]\nname = "n"\nversion = "1"\n'))
            with self.assertRaisesRegex(RuntimeError, "has no name"):
                mlmeta_build._project_table(_UNUSUAL_PYPROJECT)

    def test_a_missing_project_table_or_version_is_an_error(self) -> None:
        readers = [None] if mlmeta_build.tomllib is None else [mlmeta_build.tomllib, None]
        for reader in readers:
            with mock.patch.object(mlmeta_build, "tomllib", reader):
                with self.assertRaisesRegex(RuntimeError, "no \\[project\\] table"):
                    mlmeta_build._project_table('[tool.x]\nname = "n"\n')
                with self.assertRaisesRegex(RuntimeError, "has no version"):
                    mlmeta_build._project_table('[project]\nname = "n"\n')

    def test_wheel_holds_the_package_and_a_correct_record(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            name = mlmeta_build.build_wheel(directory)
            self.assertEqual(f"mlmeta-{mlmeta.__version__}-py3-none-any.whl", name)
            with zipfile.ZipFile(os.path.join(directory, name)) as wheel:
                names = set(wheel.namelist())
                for module in ("__init__", "client", "errors", "metadata", "_version",
                               "_documents", "_payloads", "_retry", "_transport"):
                    self.assertIn(f"mlmeta/{module}.py", names)
                self.assertIn("mlmeta/py.typed", names)
                self.assertFalse([n for n in names if "__pycache__" in n])
                dist_info = f"mlmeta-{mlmeta.__version__}.dist-info/"
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
