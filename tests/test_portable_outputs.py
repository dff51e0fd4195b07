"""Strictly compared notebook outputs must print the same on any CPU and BLAS.

``make test`` compares every output of the solution notebooks with a fresh run
(nbval, strict). A number that is rounding noise, such as the largest
difference between two computations that agree mathematically (1.2e-14 here,
2.7e-15 on a machine whose BLAS adds in another order), or a number printed to
its last bits, then fails on another machine, not here. So these outputs may
not hold:

- a number with more than ``MAX_DIGITS`` significant digits: the last ones
  depend on the libm, the SIMD path or the order of a sum;
- a nonzero number smaller than ``TINY`` in magnitude, unless it is a bound
  (it follows "within", "below", "<" or "≤": print "agree to within 1e-12"
  and assert it) or the cell is tagged ``tiny-values`` in its source. The tag
  is for values that are small but right to the digits shown (0.25**29, a
  probability of 6.3e-16, float64's epsilon), never for an error or a
  difference at rounding level.

Cells whose output nbval ignores (``# NBVAL_IGNORE_OUTPUT``, for timings) are
not compared, so they are not checked either.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRICT = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb")) + \
    sorted((ROOT / "notebooks" / "zh" / "solutions").glob("*.ipynb"))
MAX_DIGITS = 10
TINY = 1e-9
TAG = "tiny-values"
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
BOUND = re.compile(r"(?:\bwithin|\bbelow|\bthan|<|≤|<=)\s*$")  # the words before a number that is a bound


def _texts(cell):
    """The text nbval compares in each output of a code cell."""
    for output in cell.get("outputs", []):
        text = output.get("text") if output["output_type"] == "stream" else \
            output.get("data", {}).get("text/plain")
        if text:
            yield "".join(text) if isinstance(text, list) else text


def problems(cell):
    """Why a code cell's stored output would not survive another CPU or BLAS (empty if it would)."""
    if cell["cell_type"] != "code" or "NBVAL_IGNORE_OUTPUT" in "".join(cell["source"]):
        return []
    tiny_allowed = TAG in cell.get("metadata", {}).get("tags", [])
    found = []
    for text in _texts(cell):
        for line in text.splitlines():
            for match in NUMBER.finditer(line):
                token = match.group()
                mantissa = re.split(r"[eE]", token)[0].lstrip("+-").replace(".", "").lstrip("0")
                value = float(token)
                if len(mantissa) > MAX_DIGITS:
                    found.append(f"{token} has {len(mantissa)} significant digits: {line.strip()}")
                elif 0 < abs(value) < TINY and not tiny_allowed and not BOUND.search(line[:match.start()]):
                    found.append(f"{token} is below {TINY:g}: {line.strip()}")
    return found


@pytest.mark.parametrize("path", STRICT, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def test_strict_outputs_print_no_rounding_noise(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    report = [f"cell {cell['id']}: {p}" for cell in cells for p in problems(cell)]
    assert not report, (
        "outputs that another CPU or BLAS would print differently (print a bound and assert it, "
        f"or tag the cell {TAG!r} if the small values are exact):\n" + "\n".join(report))


def _cell(source, *outputs, tags=()):
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": t} for t in outputs]}


@pytest.mark.parametrize("text", [
    "best single linear layer misses by up to 1.2e-14",  # the failure that started this test
    "largest output difference: 6.7e-16",
    "row sums: [-1.3878e-17  8.6736e-19]",
    "ELU(-1) = -0.6321205588285577",
    "p_1 / p_4 = 6.0496474644129465",
    "within 1e-12 of each other, largest gap 3.3e-16",
])
def test_noise_is_caught(text):
    assert problems(_cell("print(x)", text))


@pytest.mark.parametrize("text, tags", [
    ("agree to within 1e-12: True", ()),
    ("accuracy 0.975, loss 0.018", ()),
    ("0.25**29 = 3.5e-18", (TAG,)),
    ("alpha = 1.673263242", ()),
    ("equal to within 1e-12: 8 values, all < 1e-15", ()),
    ("seed 20260412", ()),
])
def test_portable_output_passes(text, tags):
    assert not problems(_cell("print(x)", text, tags=tags))


def test_ignored_output_is_not_checked():
    assert not problems(_cell("# NBVAL_IGNORE_OUTPUT\nprint(t)", "took 1.2e-14 s"))
