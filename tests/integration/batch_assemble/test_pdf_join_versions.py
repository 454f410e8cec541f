"""PDF joining works with every major pypdf release pyproject.toml allows, each installed for real."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[3]


def _allowed_majors(package: str) -> list[int]:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    requirement = next(Requirement(d) for d in dependencies if Requirement(d).name == package)
    bounds = {spec.operator: int(spec.version.split(".")[0]) for spec in requirement.specifier}
    return list(range(bounds[">="], bounds["<"]))


@pytest.mark.parametrize("major", _allowed_majors("pypdf"))
def test_chunks_join_in_order_with_each_allowed_pypdf(major: int, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
    subprocess.run([*install, str(target), f"pypdf>={major},<{major + 1}"], check=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    script = [sys.executable, "-m", "tests.integration.batch_assemble.join_check", str(tmp_path)]
    ran = subprocess.run(script, check=False, env=env, cwd=ROOT, capture_output=True, text=True)

    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    assert int(report["pypdf"].split(".")[0]) == major, "the installed pypdf, not the project's"
    assert report["counts"] == [3, 2]
    assert report["pages"] == {
        "merged.pdf": ["Packet 1", "Packet 2", "Packet 3"],
        "joined.pdf": ["Pick 1", "Pick 2"],
    }
