"""A PEP 517 build backend for the mlmeta package that needs nothing but the standard library.

setuptools cannot build wheels without the separate ``wheel`` distribution before version 70.1,
and virtual environments of Python 3.12+ carry no setuptools at all; training images that cannot
reach PyPI often have neither. This backend builds the pure-Python wheel, the sdist and an
editable wheel itself, so ``pip install ./sdk-python-bridge`` works offline with or without build
isolation. Metadata comes from the ``[project]`` table of ``pyproject.toml``, read with ``tomllib``
(Python 3.11+) or, on older interpreters, with a minimal reader of its ``key = "value"`` lines.
"""

# Unevaluated annotations keep this module importable on interpreters older than requires-python,
# so pip reports the version mismatch instead of this backend failing on ``list[str]``.
from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from typing import Optional

try:
    import tomllib
except ImportError:  # Python before 3.11: the minimal reader below takes over.
    tomllib = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "mlmeta"
_EXCLUDED_DIRS = {"__pycache__", "build", "dist", "target", ".pytest_cache"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _project() -> dict[str, str]:
    """The string values of the ``[project]`` table of ``pyproject.toml``."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as handle:
        return _project_table(handle.read())


def _project_table(text: str) -> dict[str, str]:
    """The string values of ``[project]`` in the TOML ``text``, read with ``tomllib`` if present.

    Only strings are kept (the metadata written here needs no other kind), so both readers give
    the same answer for this project's ``pyproject.toml``.
    """
    if tomllib is None:
        values = _read_project_strings_minimally(text)
    else:
        table = tomllib.loads(text).get("project")
        if not isinstance(table, dict):
            raise RuntimeError("pyproject.toml has no [project] table")
        values = {key: value for key, value in table.items() if isinstance(value, str)}
    for key in ("name", "version"):
        if key not in values:
            raise RuntimeError(f"[project] in pyproject.toml has no {key}")
    return values


def _read_project_strings_minimally(text: str) -> dict[str, str]:
    """The ``key = "value"`` lines of ``[project]``: enough for this project's pyproject.toml."""
    section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if section is None:
        raise RuntimeError("pyproject.toml has no [project] table")
    return dict(re.findall(r'^([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"\s*$', section.group(1), re.M))


def _dist_name(project: Mapping[str, str]) -> str:
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    return f"{name}-{project['version']}"


def _metadata(project: Mapping[str, str]) -> str:
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + project["name"],
        "Version: " + project["version"],
    ]
    if project.get("description"):
        lines.append("Summary: " + project["description"])
    if project.get("requires-python"):
        lines.append("Requires-Python: " + project["requires-python"])
    lines.append("License: Apache-2.0")
    lines.append("Classifier: Programming Language :: Python :: 3")
    lines.append("Classifier: Typing :: Typed")
    readme_path = os.path.join(ROOT, "README.md")
    if os.path.exists(readme_path):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme_path, encoding="utf-8") as handle:
            return "\n".join(lines) + "\n\n" + handle.read()
    return "\n".join(lines) + "\n"


def _wheel_file() -> str:
    return ("Wheel-Version: 1.0\nGenerator: mlmeta_build\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n")


def _walk(top: str) -> Iterator[str]:
    for directory, subdirs, files in os.walk(top):
        subdirs[:] = sorted(d for d in subdirs
                            if d not in _EXCLUDED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                yield os.path.join(directory, name)


def _package_files() -> list[tuple[str, bytes]]:
    source = os.path.join(ROOT, "src")
    result = []
    for path in _walk(os.path.join(source, PACKAGE)):
        with open(path, "rb") as handle:
            result.append((os.path.relpath(path, source).replace(os.sep, "/"), handle.read()))
    return result


def _dist_info_files(project: Mapping[str, str]) -> list[tuple[str, bytes]]:
    return [
        ("METADATA", _metadata(project).encode("utf-8")),
        ("WHEEL", _wheel_file().encode("utf-8")),
        ("top_level.txt", (PACKAGE + "\n").encode("utf-8")),
    ]


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _write_wheel(directory: str, project: Mapping[str, str],
                 files: list[tuple[str, bytes]]) -> str:
    dist = _dist_name(project)
    dist_info = dist + ".dist-info"
    entries = list(files) + [(dist_info + "/" + name, data)
                             for name, data in _dist_info_files(project)]
    record = [_record_line(path, data) for path, data in entries]
    record.append(dist_info + "/RECORD,,")
    entries.append((dist_info + "/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    filename = dist + "-py3-none-any.whl"
    os.makedirs(directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in entries:
            info = zipfile.ZipInfo(path, date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return filename


def get_requires_for_build_wheel(config_settings: Optional[dict] = None) -> list[str]:
    """No build requirements beyond the standard library."""
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict] = None) -> list[str]:
    """No build requirements beyond the standard library."""
    return []


def get_requires_for_build_editable(config_settings: Optional[dict] = None) -> list[str]:
    """No build requirements beyond the standard library."""
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[dict] = None) -> str:
    """Writes the ``.dist-info`` directory and returns its name."""
    project = _project()
    dist_info = _dist_name(project) + ".dist-info"
    target = os.path.join(metadata_directory, dist_info)
    os.makedirs(target, exist_ok=True)
    for name, data in _dist_info_files(project):
        with open(os.path.join(target, name), "wb") as handle:
            handle.write(data)
    return dist_info


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[dict] = None,
                metadata_directory: Optional[str] = None) -> str:
    """Builds ``mlmeta-<version>-py3-none-any.whl`` from ``src/mlmeta``."""
    return _write_wheel(wheel_directory, _project(), _package_files())


def build_editable(wheel_directory: str, config_settings: Optional[dict] = None,
                   metadata_directory: Optional[str] = None) -> str:
    """Builds a wheel whose ``.pth`` file puts this checkout's ``src`` on ``sys.path``."""
    pth = (os.path.join(ROOT, "src") + "\n").encode("utf-8")
    return _write_wheel(wheel_directory, _project(), [("__editable__.mlmeta.pth", pth)])


def build_sdist(sdist_directory: str, config_settings: Optional[dict] = None) -> str:
    """Builds ``mlmeta-<version>.tar.gz`` with the sources, tests and this backend."""
    project = _project()
    dist = _dist_name(project)
    filename = dist + ".tar.gz"
    members: list[tuple[str, bytes]] = [("PKG-INFO", _metadata(project).encode("utf-8"))]
    for name in ("pyproject.toml", "README.md"):
        path = os.path.join(ROOT, name)
        if os.path.exists(path):
            with open(path, "rb") as handle:
                members.append((name, handle.read()))
    for top in ("build_backend", "src", "tests"):
        for path in _walk(os.path.join(ROOT, top)):
            with open(path, "rb") as handle:
                members.append((os.path.relpath(path, ROOT).replace(os.sep, "/"), handle.read()))
    os.makedirs(sdist_directory, exist_ok=True)
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz",
                      format=tarfile.PAX_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(dist + "/" + name)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = mtime
            archive.addfile(info, io.BytesIO(data))
    return filename
