"""Links between notebooks land where they say, and every exercise lives in its notebook.

A link to a heading is the heading's text with spaces as ``-``, the anchor
JupyterLab gives it; a heading JupyterLab cannot follow that way (quotes,
maths) is linked through the id of the cell that holds it, ``#cell-id=...``.
Cell ids are written in the sources and do not move (tools/build_notebooks.py).
"""

import json
import re
from pathlib import Path

import pytest

from actlib.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LINK = re.compile(r"\]\((\d\d_[a-z0-9_]+\.ipynb)(?:#([^)\s]+))?\)")
PAGES = [page for edition in (NOTEBOOKS, NOTEBOOKS / "zh")
         for page in sorted(edition.glob("*.ipynb")) + sorted((edition / "solutions").glob("*.ipynb"))]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def headings(cell):
    lines = "".join(cell["source"]).splitlines() if cell["cell_type"] == "markdown" else []
    return [line.lstrip("#").strip() for line in lines if line.startswith("#")]


def lands(target, anchor):
    """Why ``target#anchor`` does not lead to a heading of ``target`` (None when it does)."""
    if not target.is_file():
        return f"{target.name} does not exist"
    if anchor is None:
        return None
    if anchor.startswith("cell-id="):
        held = [headings(c) for c in cells(target) if c["id"] == anchor[len("cell-id="):]]
        return None if held and held[0] else f"no cell with a heading has the id {anchor[8:]!r}"
    anchors = {h.replace("`", "").replace(" ", "-") for c in cells(target) for h in headings(c)}
    return None if anchor in anchors else f"no heading gives the anchor {anchor!r}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(NOTEBOOKS).as_posix())
def test_every_link_to_a_notebook_lands_on_its_heading(path):
    broken = []
    for cell in cells(path):
        if cell["cell_type"] != "markdown":
            continue
        for name, anchor in LINK.findall("".join(cell["source"])):
            why = lands(path.parent / name, anchor or None)
            if why:
                broken.append(f"cell {cell['id']}: ({name}#{anchor}): {why}")
    assert not broken, "\n".join(broken)


def test_a_link_to_a_moved_heading_is_caught():
    assert lands(NOTEBOOKS / "03_relu_family.ipynb", "6.-The-dying-ReLU-problem") is None
    assert lands(NOTEBOOKS / "03_relu_family.ipynb", "6.-The-dead-ReLU-problem")
    assert lands(NOTEBOOKS / "03_relu_family.ipynb", "cell-id=03-3-no-vanishing-gradient-for") is None
    assert lands(NOTEBOOKS / "03_relu_family.ipynb", "cell-id=03-setup-code")  # not a heading
    assert lands(NOTEBOOKS / "99_missing.ipynb", None)


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.id)
def test_every_exercise_is_checked_in_its_notebook(exercise):
    path, = (NOTEBOOKS / "solutions").glob(f"{exercise.notebook}_*.ipynb")
    sources = ["".join(c["source"]) for c in cells(path) if c["cell_type"] == "code"]
    assert any(re.search(rf"check\(\s*[\"']{exercise.id}[\"']", s) for s in sources)
