"""Dependency hygiene: no requirement in pyproject.toml admits a release with a known advisory.

A floor below a fixed release lets a fresh install (or a resolver sharing the environment with
another package) pick the vulnerable version, so ``make test`` fails until the floor is raised.
The table names each advisory the floor closes; add a row when a new one is published.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


class Floor(NamedTuple):
    """The first release without the advisories ``why`` lists."""

    minimum: str
    why: str


FLOORS: dict[str, Floor] = {
    "jinja2": Floor(
        "3.1.6",
        "sandbox breakouts through str.format and |attr (CVE-2024-56201, CVE-2024-56326, "
        "CVE-2025-27516)",
    ),
    "python-dotenv": Floor("1.2.2", "set_key/unset_key followed symbolic links (CVE-2026-28684)"),
    "granian": Floor("2.8.7", "the release whose behaviour Orionis is measured against"),
    "python-multipart": Floor(
        "0.0.31",
        "multipart header DoS, urlencoded ';' smuggling and quadratic parsing, "
        "Content-Disposition parameter smuggling, negative Content-Length buffering "
        "(CVE-2024-53981, CVE-2026-42561, CVE-2026-53537..53540)",
    ),
    "cryptography": Floor(
        "44.0.1",
        "NULL dereference and OpenSSL flaws in bundled wheels (CVE-2024-26130, CVE-2024-12797)",
    ),
    "orjson": Floor("3.9.15", "unbounded recursion on deeply nested input (CVE-2024-27454)"),
}


def requirements() -> list[Requirement]:
    """Every requirement pyproject.toml declares: runtime and every optional extra."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lines: list[str] = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    return [Requirement(line) for line in lines]


def lowest_admitted(specifier: SpecifierSet) -> Version | None:
    """The lowest version ``specifier`` admits, from its ``>=``/``==``/``~=`` clauses (None:
    no lower bound, so any old release is admitted)."""
    floors = [
        Version(clause.version)
        for clause in specifier
        if clause.operator in (">=", "==", "~=", "===")
    ]
    floors += [
        _next_after(Version(clause.version)) for clause in specifier if clause.operator == ">"
    ]
    return max(floors, default=None)


def _next_after(release: Version) -> Version:
    return Version(f"{release.base_version}.post0") if not release.is_postrelease else release


def violations(declared: list[Requirement]) -> list[str]:
    """One message per requirement whose floor admits a release older than its `Floor`."""
    found: list[str] = []
    for requirement in declared:
        floor = FLOORS.get(canonicalize_name(requirement.name))
        if floor is None:
            continue
        lowest = lowest_admitted(requirement.specifier)
        if lowest is None or lowest < Version(floor.minimum):
            found.append(
                f"{requirement}: admits {lowest or 'any version'}, below {floor.minimum} "
                f"({floor.why}). Raise the floor in pyproject.toml to >={floor.minimum}."
            )
    return found


def test_every_pinned_floor_is_past_its_known_advisories() -> None:
    assert violations(requirements()) == []


def test_every_watched_package_is_declared() -> None:
    # A row for a package the project dropped would guard nothing; a renamed one would slip by.
    declared = {canonicalize_name(requirement.name) for requirement in requirements()}
    assert set(FLOORS) <= declared


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_installed_release_is_past_its_floor(name: str) -> None:
    try:
        installed = Version(version(name))
    except PackageNotFoundError:  # pragma: no cover - the install above put every one there
        pytest.fail(f"{name} is declared in pyproject.toml but not installed: run make install")
    assert installed >= Version(FLOORS[name].minimum), f"{name} {installed}: {FLOORS[name].why}"


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("jinja2>=3.1,<4", True),
        ("jinja2>=3.1.6,<4", False),
        ("Jinja2>3.1.5", True),
        ("jinja2==3.1.6", False),
        ("jinja2", True),
        ("jinja2<4", True),
        ("python-dotenv>=1.0,<2", True),
        ("python_dotenv>=1.2.2", False),
        ("granian[uvloop]>=2.8,<3", True),
        ("python-multipart>=0.0.20", True),
        ("redis>=5", False),  # not watched
    ],
)
def test_a_vulnerable_floor_is_reported(line: str, flagged: bool) -> None:
    reported = violations([Requirement(line)])
    assert bool(reported) is flagged, reported
    if flagged:
        assert "Raise the floor in pyproject.toml" in reported[0]
