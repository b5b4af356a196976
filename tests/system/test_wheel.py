"""The wheel carries the bundled pack and works outside the repository."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from tests.support.packs import REPO_ROOT


def test_wheel_installs_and_lists_outside_the_repository(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO_ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = dist.glob("aiindex_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    # The built pack ships; the raw files it is built from and the builder do not.
    assert "aiindex_tui/data/records/notable-models.csv" in names
    assert not [n for n in names if "/sources/" in n or n.startswith("packbuild")]
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True, timeout=600)
    result = subprocess.run(
        [str(env_dir / "bin" / "aiindex-tui"), "list"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "bundled pack" in result.stdout
    assert "patent-count-2024" in result.stdout
    installed = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", "import aiindex_tui.pack.loader as l; print(l.bundled_pack_dir())"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    ).stdout.strip()
    assert str(REPO_ROOT) not in installed and installed.endswith("aiindex_tui/data")
    records = subprocess.run(
        [str(env_dir / "bin" / "aiindex-tui"), "show", "notable-models", "--records"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert records.returncode == 0 and "DeepSeek-R1" in records.stdout
