"""A plain, non-editable `pip install .` carries the migrations, demo data and templates."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return next(out.glob("litcenter-*.whl"))


def test_the_wheel_holds_data_folders(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "fulfilment/migrations/env.py",
        "fulfilment/migrations/versions/0001_initial.py",
        "fulfilment/default_profile.toml",
        "fulfilment/demo_data/inquiries.csv",
    ]:
        assert expected in names
    for folder in ["fulfilment/templates/letters/", "fulfilment/templates/labels/"]:
        assert any(name.startswith(folder) for name in names), folder
    assert any(name.startswith("inventory/") for name in names)
    assert any(name.startswith("flows/") for name in names)


def test_the_installed_wheel_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    where = subprocess.run(
        [str(python), "-c", "import fulfilment; print(fulfilment.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(venv))
    demo = subprocess.run(
        [str(venv / "bin" / "litcenter"), "demo", "--json"],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "LITCENTER_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert '"accepted": 30' in demo.stdout
