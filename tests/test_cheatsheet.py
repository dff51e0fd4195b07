"""The cheat sheet: every activation on readable pages, written as PDF and PNG."""

import itertools
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.mathtext import MathTextParser  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402

import actlib  # noqa: E402
from actlib import cheatsheet, plotting  # noqa: E402

MIN_PRINT_PT = 6  # the smallest text that stays legible on paper
ROOT = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.xdist_group("cheatsheet")  # under pytest-xdist, one worker draws the sheets


@pytest.fixture(scope="module", params=sorted(cheatsheet.PAPERS))
def sheets(request):
    """The pages of the cheat sheet drawn on each paper size."""
    figs = [cheatsheet.figure(request.param, n) for n in range(1, cheatsheet.pages() + 1)]
    for fig in figs:
        fig.canvas.draw()
    return figs


def _words(text):
    return " ".join(text.split())


def _registry_latex():
    for act in actlib.ACTIVATIONS.values():
        for latex in (act.formula, act.derivative_formula, act.output_range):
            yield act.name, latex


@pytest.mark.parametrize("name, latex", list(_registry_latex()))
def test_every_registry_formula_becomes_valid_mathtext(name, latex):
    MathTextParser("path").parse(cheatsheet.to_mathtext(latex))


def test_cases_become_a_brace_over_two_stacked_rows():
    latex = r"f(x) = \begin{cases} a & x > 0 \\ b & x \le 0 \end{cases}"
    expected = r"$f(x) = \left\{\genfrac{}{}{0}{0}{a,\ \ x > 0}{b,\ \ x \leq 0}\right.$"
    assert cheatsheet.to_mathtext(latex) == expected


def test_mathtext_spellings_and_display_fractions():
    assert cheatsheet.to_mathtext(r"\frac{x}{\sqrt 2} \ge 0") == r"$\dfrac{x}{\sqrt{2}} \geq 0$"
    # Longer commands that merely start like the rewritten ones are left alone.
    assert cheatsheet.to_mathtext(r"\left( \leq \geq \right)") == r"$\left( \leq \geq \right)$"


def test_cases_with_three_rows_is_a_clear_error():
    with pytest.raises(ValueError, match="two cases, got 3"):
        cheatsheet.to_mathtext(r"\begin{cases} 1 & x > 0 \\ 0 & x = 0 \\ -1 & x < 0 \end{cases}")


def test_every_activation_appears_with_formulas_range_params_and_use(sheets):
    texts = [t.get_text() for sheet in sheets for t in sheet.texts]
    words = _words(" ".join(texts))
    for name, act in actlib.ACTIVATIONS.items():
        assert name in texts
        assert cheatsheet.to_mathtext(act.formula) in texts
        assert cheatsheet.to_mathtext(act.derivative_formula) in texts
        assert f"range {cheatsheet.to_mathtext(act.output_range)}" in words
        assert _words(act.used_in) in words
        for param, spec in act.params.items():
            default = spec.default if isinstance(spec.default, str) else f"{spec.default:.4g}"
            assert re.search(rf"\b{param} = '?{re.escape(default)}\b", words), (name, param)


def test_plots_show_registry_values_in_the_activation_colour(sheets):
    axes = [ax for sheet in sheets for ax in sheet.axes]
    assert len(axes) == len(actlib.ACTIVATIONS)
    for ax, act in zip(axes, actlib.ACTIVATIONS.values()):
        colour = to_hex(plotting.color(act.name))
        if not act.elementwise and not act.gated:
            logits = np.array(cheatsheet.LOGITS)
            bars = [p for p in ax.patches if to_hex(p.get_facecolor()) == colour]
            np.testing.assert_allclose([b.get_height() for b in bars], act(logits))
            continue
        curves = {ln.get_linestyle(): ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2}
        styles = [plotting.linestyle(act.name), plotting.linestyle(act.name, derivative=True)]
        assert list(curves) == styles, act.name
        # a gated unit along b with a = 1: its gate
        fns = (act, act.derivative) if act.elementwise else (actlib.get(act.gate),
                                                             actlib.get(act.gate).derivative)
        for style, fn in zip(styles, fns):
            line = curves[style]
            assert to_hex(line.get_color()) == colour
            np.testing.assert_array_equal(line.get_ydata(), fn(line.get_xdata()))


def _boxes(fig):
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.texts]
    return boxes + [(f"plot {i}", ax.get_tightbbox(renderer)) for i, ax in enumerate(fig.axes)]


def test_nothing_overlaps_or_leaves_the_page(sheets):
    for sheet in sheets:
        boxes = _boxes(sheet)
        for label, box in boxes:
            assert sheet.bbox.contains(box.x0, box.y0) and sheet.bbox.contains(box.x1, box.y1), label
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"


def test_all_text_is_large_enough_to_print(sheets):
    sizes = {t.get_text(): t.get_fontsize() for sheet in sheets for t in sheet.findobj(Text)
             if t.get_text()}
    assert min(sizes.values()) >= MIN_PRINT_PT, min(sizes.items(), key=lambda kv: kv[1])


def test_pages_hold_fifteen_cells_and_the_key_comes_last_on_a_row_of_its_own():
    rows = -(-len(actlib.ACTIVATIONS) // cheatsheet.COLUMNS) + 1  # the key has a row
    assert cheatsheet.pages() == -(-rows // cheatsheet.ROWS)
    last = cheatsheet.figure(page=cheatsheet.pages())
    assert any(t.get_text().startswith("How to read") for t in last.texts)
    assert f"(1/{cheatsheet.pages()})" in cheatsheet.figure().texts[0].get_text()
    with pytest.raises(ValueError, match="pages 1 to"):
        cheatsheet.figure(page=cheatsheet.pages() + 1)


def _pdf_pages(data):
    # Page objects are "/Type /Page"; the page tree is "/Type /Pages".
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_cli_writes_a_pdf_and_a_png_per_page_in_the_current_folder(tmp_path):
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "actlib.cheatsheet"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "cheatsheet.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and _pdf_pages(pdf) == cheatsheet.pages()
    assert result.stdout.split() == ["cheatsheet.pdf", "cheatsheet.png"] + [
        f"cheatsheet-{n}.png" for n in range(2, cheatsheet.pages() + 1)]
    with Image.open(tmp_path / "cheatsheet.png") as png:
        png.load()
        width, height = png.size
    a4 = cheatsheet.PAPERS["a4"]
    assert (width, height) == pytest.approx([s * cheatsheet.PNG_DPI for s in a4], abs=1)
    assert seconds < 30, f"took {seconds:.1f} s"  # a few seconds on an idle machine


def test_save_takes_the_format_from_each_suffix(tmp_path):
    paths = cheatsheet.save([tmp_path / "sheet.PDF", tmp_path / "sheet.png"], paper="letter")
    assert paths[0].read_bytes().startswith(b"%PDF")
    with Image.open(paths[1]) as png:
        assert png.format == "PNG"
        assert png.size[0] > png.size[1]  # landscape


@pytest.mark.parametrize("name, error, message", [
    ("sheet.svg", ValueError, r"must end in \.pdf or \.png"),
    ("sheet", ValueError, "suffix-less"),
    ("missing/sheet.pdf", FileNotFoundError, "does not exist"),
    ("folder.pdf", IsADirectoryError, "is a folder"),
])
def test_bad_path_is_a_clear_error_and_nothing_is_written(tmp_path, name, error, message):
    (tmp_path / "folder.pdf").mkdir()
    good = tmp_path / "good.png"
    with pytest.raises(error, match=message):
        cheatsheet.save([good, tmp_path / name])
    assert not good.exists()


def test_cli_reports_a_bad_path_without_a_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cheatsheet.main([str(tmp_path / "sheet.txt")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "must end in .pdf or .png" in err and "Traceback" not in err


def test_unknown_paper_is_a_clear_error():
    with pytest.raises(ValueError, match="a4, letter"):
        cheatsheet.figure("a3")


# ---------------------------------------------------------------------------
# The page of remember points (issue 12): each notebook's closing box, on the cheat sheet.

POINTS = {"01 · Step and sigmoid": ["The step function has zero gradient.", "σ(x) is in (0, 1), cost $5."],
          "02 · tanh": ["tanh(x) = 2σ(2x) − 1.", "Zero-centred outputs.", "Xavier or LeCun weights."]}


def _series_points():
    """The series' own points, as ``make cheatsheet`` passes them."""
    result = subprocess.run([sys.executable, "tools/series.py", "--remember-json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_lesson_has_remember_points_for_the_sheet():
    points = _series_points()
    assert len(points) == len(list((ROOT / "source").glob("[0-9][0-9]_*.py")))
    assert all(3 <= len(entry["remember"]) <= 5 for entry in points.values())
    # the exercises of every kind are listed, e.g. notebook 03's prediction and its layer
    relu = points["03 · The ReLU family"]["exercises"]
    assert "predict: relu-dead-units" in relu and "use-in-network: relu_layer" in relu


@pytest.mark.parametrize("paper", sorted(cheatsheet.PAPERS))
def test_remember_page_shows_every_point_readable_and_inside_the_page(paper):
    fig = cheatsheet.remember_figure(_series_points(), paper)
    fig.canvas.draw()
    text = _words(" ".join(t.get_text() for t in fig.texts)).replace("\\$", "$")
    for title, entry in _series_points().items():
        assert title in text
        for item in entry["remember"]:
            assert _words(item) in text, item
        assert _words(entry["exercises"]) in text, title
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text()[:30], t.get_window_extent(renderer)) for t in fig.texts]
    for label, box in boxes:
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1), label
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
    assert min(t.get_fontsize() for t in fig.texts) >= MIN_PRINT_PT


def test_a_dollar_in_a_point_is_shown_not_taken_for_mathtext():
    fig = cheatsheet.remember_figure(POINTS)
    fig.canvas.draw()  # would raise on unbalanced mathtext
    assert any("cost \\$5" in t.get_text() for t in fig.texts)


@pytest.mark.parametrize("points", [{}, {"01": []}, {"01": "not a list"}])
def test_remember_points_without_points_are_a_clear_error(points):
    with pytest.raises(ValueError, match="non-empty list"):
        cheatsheet.remember_figure(points)


def test_cli_with_remember_writes_a_last_pdf_page_and_a_png(tmp_path):
    (tmp_path / "points.json").write_text(json.dumps(POINTS, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "actlib.cheatsheet", "--remember", "points.json",
                             "sheet.pdf", "sheet.png"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert _pdf_pages((tmp_path / "sheet.pdf").read_bytes()) == cheatsheet.pages() + 1
    assert result.stdout.split() == ["sheet.pdf", "sheet.png"] + [
        f"sheet-{n}.png" for n in range(2, cheatsheet.pages() + 1)] + ["sheet-remember.png"]
    with Image.open(tmp_path / "sheet-remember.png") as png:
        assert png.size[0] > png.size[1]
