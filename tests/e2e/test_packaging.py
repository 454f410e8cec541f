"""A plain, non-editable `pip install .` carries the migrations, demo data and templates."""

import site
import subprocess
import sys
import sysconfig
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


def borrow_packages(venv: Path) -> None:
    """Let a new venv import what the running interpreter has, wherever that is installed.

    `--system-site-packages` would give it the base interpreter's packages, not those of the
    venv running the tests. Plain folder lines in a .pth file add the running interpreter's
    site folders after the venv's own, without reading their .pth files: an editable
    install of this project there is not seen, the wheel in the venv is.
    """
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    ours = dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]])
    (Path(purelib) / "borrowed-packages.pth").write_text("\n".join(ours) + "\n")


def test_the_installed_wheel_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    borrow_packages(venv)
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
        check=False, cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "LITCENTER_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert '"accepted": 30' in demo.stdout
