"""grade as users install it: a wheel built from this tree, installed (not editable) into a
fresh virtual environment, and an interpreter's packages without the grader.

Installing the dependencies into every fresh environment would cost a minute: the fresh
environment gets them instead from a folder of links to this environment's packages, the
grader's own left out (`site_without_grade`), named in a `.pth` file.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _grader_entry(name: str) -> bool:
    lowered = name.lower()
    return (lowered == "grader" or lowered.startswith(("grade_dl", "grade-dl", "__editable__"))
            or lowered.endswith(".pth"))


def site_without_grade(folder: Path) -> Path:
    """A folder of links to every installed package of this interpreter but the grader."""
    folder.mkdir(parents=True, exist_ok=True)
    for packages in [*site.getsitepackages(), site.getusersitepackages()]:
        found = sorted(Path(packages).iterdir()) if Path(packages).is_dir() else []
        for entry in found:
            link = folder / entry.name
            if not _grader_entry(entry.name) and not link.exists():
                link.symlink_to(entry)
    return folder


def build_wheel(out: Path) -> Path:
    """The wheel of this tree's grader, built from a copy (the tree gets no build/ folder)."""
    source = out / "source"
    shutil.copytree(ROOT / "grader", source / "grader",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(out), str(source)], check=True, capture_output=True, timeout=600)
    (wheel,) = out.glob("grade_dl-*.whl")
    return wheel


def fresh_venv(folder: Path, wheel: Path, packages: Path) -> Path:
    """A new virtual environment with `wheel` installed in it; return its bin/ folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True,
                   timeout=120)
    python = folder / "bin" / "python"
    query = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = subprocess.run([str(python), "-c", query], check=True,
                             capture_output=True, text=True, timeout=60).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(f"{packages}\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True,
                   timeout=300)
    return folder / "bin"

