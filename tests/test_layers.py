"""The layers of DESIGN.md hold: import-linter keeps them, and would catch a break."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
APPS = [
    "core",
    "members",
    "catalog",
    "production",
    "training",
    "sales",
    "storefront",
    "exports",
    "portal",
]


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the apps and the contract, to break on purpose."""
    for app in [*APPS, "demo"]:
        shutil.copytree(
            ROOT / app,
            tmp_path / app,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_layers_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps import only downward KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("core/money.py", "from catalog.models import Product"),
        ("catalog/models/products.py", "import sales.models"),
        ("production/selectors.py", "from training import selectors"),
        ("training/selectors.py", "from production.models import HandIn"),
        ("members/models.py", "import portal.views"),
        ("sales/selectors/base.py", "from storefront.models import OrderRequest"),
        ("storefront/models.py", "import portal.views"),
        ("exports/models/shipments.py", "from storefront.models import ShopSettings"),
        ("storefront/models.py", "import exports.models"),
        ("sales/selectors/base.py", "from exports.models import Shipment"),
    ],
)
def test_an_import_upward_or_sideways_breaks_the_contract(tree, module, forbidden):
    path = tree / module
    path.write_text(path.read_text() + f"\n{forbidden}  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "Apps import only downward BROKEN" in result.stdout
    assert forbidden.split()[1].split(".")[0] in result.stdout
