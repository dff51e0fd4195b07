"""The notebook pipeline: sources -> student and solution notebooks.

The mechanics are tested on small sources in temporary directories; the
committed notebooks are tested against their sources in the repository.
"""

import ast
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks as bn  # noqa: E402
import series  # noqa: E402
from actlib import i18n  # noqa: E402
from actlib.exercises.report import _NOT_ATTEMPTED  # noqa: E402

SOURCES = sorted((ROOT / "source").glob(bn.SOURCE_GLOB))
EDITIONS = [ROOT / "notebooks", ROOT / "notebooks" / "zh"]  # English, Chinese
PAGES = [edition / f"{p.stem}.ipynb" for edition in EDITIONS for p in sorted((ROOT / "source").glob(bn.PAGE_GLOB))]
STUDENT = [p for edition in EDITIONS for p in sorted(edition.glob("*.ipynb")) if p not in PAGES]
SOLUTION = [p for edition in EDITIONS for p in sorted((edition / "solutions").glob("*.ipynb"))]


def said(path, english):
    """``english`` as the edition of ``path`` says it."""
    with i18n.speaking("zh" if "zh" in path.relative_to(ROOT).parts else "en"):
        return i18n.tr(english)

EXAMPLE = '''\
# %% [markdown]
# # Example
#
# Why is the sigmoid's output in (0, 1)?
# <!-- BEGIN SOLUTION -->
# Because exp(-x) > 0.
# <!-- END SOLUTION -->

# %%
import numpy as np


def check(f):
    out = f(np.array([0.0, 40.0]))
    if out is None:
        print("sigmoid: not attempted yet")
    else:
        print("sigmoid: passed" if np.allclose(out, [0.5, 1.0]) else "sigmoid: FAILED")


# %%
def sigmoid(x):
    """Logistic sigmoid."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    return 1 / (1 + np.exp(-x))
    ### END SOLUTION


# %% tags=["check"]
check(sigmoid)

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt

slider = widgets.FloatSlider(value=1.0, min=0.5, max=2.0, description="a")
plt.plot([0, 1], [0, slider.value])
plt.show()
widgets.VBox([slider, widgets.Label("explore")])
'''


def write_source(directory, text, name="01_example.py", ids=True):
    """Write a source; with ``ids``, give each marker line without an id one: ``01_example-1``, ..."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    text = textwrap.dedent(text)
    if ids:
        counter = iter(range(1, 10_000))
        text = re.sub(r"^# %%( \[markdown\])?(?!.*\bid=)", lambda m: f'{m[0]} id="{path.stem}-{next(counter)}"',
                      text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text, needle, occurrence=1):
    """1-based number of the line holding the ``occurrence``-th ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def texts(cell):
    """Every text an executed cell shows: streams, results, errors."""
    out = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            out.append(output.text)
        elif output.output_type == "error":
            out.append(f"{output.ename}: {output.evalue}")
        else:
            out.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Stubs.


def where(i):
    return f"line {i + 1}"


def test_stub_sits_at_the_marker_indentation():
    source = textwrap.dedent("""\
        class Net:
            def forward(self, x):
                h = x * 2
                for _ in range(3):
                    ### BEGIN SOLUTION
                    h = h + 1
                    ### END SOLUTION
                return h""")
    student, n = bn.stub_solutions(source, "code", where)
    assert n == 1
    assert student == textwrap.dedent("""\
        class Net:
            def forward(self, x):
                h = x * 2
                for _ in range(3):
                    # YOUR CODE HERE
                    return None
                return h""")
    ast.parse(student)


def test_every_region_of_a_cell_is_stubbed_and_the_rest_kept():
    source = textwrap.dedent("""\
        def f(x):
            ### BEGIN SOLUTION
            return x + 1
            ### END SOLUTION


        def g(x):
            y = f(x)
            ### BEGIN SOLUTION
            return y * 2
            ### END SOLUTION""")
    student, n = bn.stub_solutions(source, "code", where)
    assert n == 2
    assert student.count("# YOUR CODE HERE") == 2
    assert "x + 1" not in student and "y * 2" not in student
    assert "def g(x):\n    y = f(x)\n    # YOUR CODE HERE\n    return None" in student
    assert student.startswith("def f(x):\n    # YOUR CODE HERE\n    return None\n\n\ndef g")


@pytest.mark.parametrize("gap", ["", "\n"])
def test_markdown_answer_becomes_a_paragraph_of_its_own(gap):
    source = f"Why?\n{gap}<!-- BEGIN SOLUTION -->\nBecause.\nReally.\n<!-- END SOLUTION -->\n{gap}Next."
    student, n = bn.stub_solutions(source, "markdown", where)
    assert (student, n) == ("Why?\n\n*Your answer here.*\n\nNext.", 1)


def test_cell_without_region_is_unchanged():
    source = "x = 1\n\n# a comment\nprint(x)"
    assert bn.stub_solutions(source, "code", where) == (source, 0)


BAD_CELLS = {
    "begin never closed": ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "### BEGIN SOLUTION", "never closed"),
    "end without begin": ("def f():\n    return 1\n    ### END SOLUTION\n", "### END SOLUTION", "without a"),
    "nested begin": (
        "def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n",
        "### BEGIN SOLUTION", "inside the region",
    ),
    "top-level region": ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "### BEGIN SOLUTION", "function"),
    "misspelt marker": ("def f():\n    ## BEGIN SOLUTION\n    return 1\n", "## BEGIN SOLUTION", "exactly"),
    "markdown marker in code": (
        "def f():\n    <!-- BEGIN SOLUTION -->\n    return 1\n", "<!-- BEGIN", "exactly",
    ),
}


@pytest.mark.parametrize("case", BAD_CELLS)
def test_bad_markers_name_file_and_line(tmp_path, case):
    cell, needle, words = BAD_CELLS[case]
    text = "# %% [markdown]\n# Intro\n\n# %%\nimport math\n\n# %%\n" + cell
    path = write_source(tmp_path, text)
    occurrence = 2 if case == "nested begin" else 1
    with pytest.raises(bn.BuildError) as err:
        bn.build_pair(path)
    assert f"{path}:{line_of(text, needle, occurrence)}:" in str(err.value)
    assert words in str(err.value)


def test_code_marker_in_markdown_is_an_error(tmp_path):
    text = "# %% [markdown]\n# Question\n# ### BEGIN SOLUTION\n# answer\n# ### END SOLUTION\n"
    path = write_source(tmp_path, text)
    with pytest.raises(bn.BuildError, match=rf"{path}:3: .*<!-- BEGIN SOLUTION -->"):
        bn.build_pair(path)


# ---------------------------------------------------------------------------
# Cell ids: written in the source, checked, stable.


@pytest.mark.parametrize("marker, words", [
    ("# %%", "the cell has no id"),
    ('# %% id="two words"', "is not 1-64 letters"),
    ('# %% id="' + "x" * 65 + '"', "is not 1-64 letters"),
    ('# %% id="intro"', "'intro' is already the id of"),
])
def test_a_bad_cell_id_names_file_and_line(tmp_path, marker, words):
    text = f'# %% [markdown] id="intro"\n# Intro\n\n{marker}\nx = 1\n'
    path = write_source(tmp_path, text, ids=False)
    with pytest.raises(bn.BuildError, match=rf"{path}:4: .*{re.escape(words)}"):
        bn.build_pair(path)


def test_an_id_shared_by_two_sources_stops_the_build(tmp_path, capsys):
    src = tmp_path / "source"
    write_source(src, '# %% id="setup"\nx = 1\n', ids=False)
    write_source(src, '# %% id="setup"\nx = 2\n', name="02_other.py", ids=False)
    assert build(src, tmp_path / "notebooks") == 1
    assert "'setup' is in 01_example and 02_other" in capsys.readouterr().err


def test_committed_sources_share_no_id():
    assert bn.duplicate_ids(bn.all_sources(ROOT / "source")) == {}


def test_inserting_moving_or_deleting_a_cell_changes_no_other_id(tmp_path):
    """On a real lesson: every cell that stays keeps its id, whatever moved around it."""
    original = (ROOT / "source" / "01_step_and_sigmoid.py").read_text(encoding="utf-8")
    cells = re.split(r"(?m)^(?=# %%)", original)  # cells[0] is the jupytext header
    inserted = '# %% [markdown] id="new-note"\n# A note added near the top.\n\n'
    edited = [cells[0], cells[1], inserted, *cells[2:]]
    edited.remove(cells[5])  # delete the fifth cell
    edited.append(edited.pop(3))  # move the second cell to the end

    def sources_by_id(text, folder):
        return {c.id: c.source for c in bn.build_pair(write_source(tmp_path / folder, text))[1].cells}

    before, after = sources_by_id(original, "before"), sources_by_id("".join(edited), "after")
    deleted = list(before)[4]
    assert set(after) == set(before) - {deleted} | {"new-note"}
    assert all(after[cell_id] == before[cell_id] for cell_id in set(after) - {"new-note"})


# ---------------------------------------------------------------------------
# The two versions of one source (not executed).


@pytest.fixture
def pair(tmp_path):
    return bn.build_pair(write_source(tmp_path, EXAMPLE))


def test_student_version_opens_with_the_binder_note(pair):
    student, solution = pair
    first = student.cells[0]
    assert first.cell_type == "markdown" and first.source == bn.BINDER_NOTE
    assert "Binder" in first.source and "File > Download" in first.source
    assert all(cell.source != bn.BINDER_NOTE for cell in solution.cells)


def test_versions_match_cell_for_cell(pair):
    student, solution = pair
    assert [c.id for c in student.cells[1:]] == [c.id for c in solution.cells]
    assert [c.cell_type for c in student.cells[1:]] == [c.cell_type for c in solution.cells]
    assert len({c.id for c in solution.cells}) == len(solution.cells)


def test_student_version_has_stubs_and_no_solution(pair):
    student, _ = pair
    text = "\n".join(c.source for c in student.cells)
    assert "SOLUTION" not in text
    assert "np.exp(-x)" not in text and "exp(-x) > 0" not in text
    assert "def sigmoid(x):\n    \"\"\"Logistic sigmoid.\"\"\"\n    # YOUR CODE HERE\n    return None" in text
    assert "Why is the sigmoid's output in (0, 1)?\n\n*Your answer here.*" in text
    for cell in student.cells:
        if cell.cell_type == "code":
            ast.parse(cell.source)


def test_solution_version_keeps_markers_and_has_nbgrader_metadata(pair):
    _, solution = pair
    by_role = {}
    for cell in solution.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            assert meta["schema_version"] == 3 and meta["grade_id"] == cell.id
            by_role.setdefault((cell.cell_type, meta["solution"], meta["grade"]), []).append(cell)
    answer, = by_role.pop(("code", True, False))
    assert "### BEGIN SOLUTION" in answer.source and "np.exp(-x)" in answer.source
    assert answer.metadata.nbgrader["locked"] is False
    written, = by_role.pop(("markdown", True, True))
    assert "<!-- BEGIN SOLUTION -->\nBecause exp(-x) > 0." in written.source
    check, = by_role.pop(("code", False, True))
    assert check.metadata.tags == ["check"] and check.metadata.nbgrader["points"] == 1
    assert not by_role


def test_cells_lose_jupytext_metadata_and_blank_edges(pair):
    for nb in pair:
        for cell in nb.cells:
            assert set(cell.metadata) <= {"tags", "nbgrader", "slideshow"}
            assert cell.source == cell.source.strip("\n")


# ---------------------------------------------------------------------------
# Deep dives, and the cells the build writes from the series' facts.

DEEP_DIVE = """\
# %% [markdown]
# # Example
#
# *About 5 minutes.*

# %% [markdown]
# ## 1. Core
# Words of the core path.

# %%
x = 1

# %% [markdown] tags=["deep-dive"]
# ## 2. Numerics
# Why the naive formula overflows: $e^{710}$ is too large.

# %%
y = 2

# %% [markdown]
# ### 2.1 Inside the deep dive
# More of it.

# %% [markdown]
# ## 3. Back on the core path
# Words.

# %%
z = 3
"""


def test_a_deep_dive_is_labelled_collapsed_and_counted_apart(tmp_path):
    path = write_source(tmp_path, DEEP_DIVE)
    cells = series.read(path).cells
    assert series.deep_dive_starts(cells) == [None, None, None, 3, 3, 3, None, None]
    core, deep = series.minutes(cells)
    assert deep == pytest.approx(sum(series.cell_minutes(c) for c in cells[3:6]))
    # "2 Numerics", 8 words and e^{710} (7 LaTeX characters: 2 words); "2.1 Inside the deep dive More of it"
    assert deep == pytest.approx(series.CODE_CELL_MIN + (2 + 8 + 2 + 8) / series.WORDS_PER_MIN)
    assert core == pytest.approx(sum(series.cell_minutes(c) for c in cells) - deep)
    for nb in bn.build_pair(path):
        heading, = [c for c in nb.cells if bn.COLLAPSED in c.metadata]
        assert heading.id == "01_example-4" and heading.metadata[bn.COLLAPSED] is True
        title, blank, note, blank2, rest = heading.source.split("\n")
        assert title == "## 2. Numerics" and note.startswith("> **Optional deep dive**, about 5 minutes")
        assert rest.startswith("Why the naive formula")


@pytest.mark.parametrize("cell", ['# %% tags=["deep-dive"]\nx = 1\n',
                                  '# %% [markdown] tags=["deep-dive"]\n# Words, no heading.\n'])
def test_a_deep_dive_must_start_at_a_heading(tmp_path, cell):
    path = write_source(tmp_path, "# %% [markdown]\n# # Title\n\n" + cell)
    with pytest.raises(bn.BuildError, match=rf"{re.escape(str(path))}:4: a cell tagged 'deep-dive' must be"):
        bn.build_pair(path)


def test_the_cell_that_ends_a_deep_dive_starts_with_its_heading(tmp_path):
    """JupyterLab would leave the deep dive's last words, above the heading, on show."""
    path = write_source(tmp_path, DEEP_DIVE.replace("# ## 3. Back on the core path", "# Last words.\n#\n# ## 3. Back"))
    with pytest.raises(bn.BuildError, match="this cell ends a deep dive, so its heading must be its first line"):
        bn.build_pair(path)


def test_the_core_may_not_use_what_only_a_deep_dive_defines(tmp_path):
    path = write_source(tmp_path, DEEP_DIVE.replace("z = 3", "z = y + 1"))
    with pytest.raises(bn.BuildError, match=rf"{re.escape(str(path))}:\d+: this cell, on the core path, uses y,"):
        bn.build_pair(path)
    # Defined again on the core path, or only read inside the deep dive: fine.
    bn.build_pair(write_source(tmp_path, DEEP_DIVE.replace("z = 3", "y = 0\nz = y + 1")))
    bn.build_pair(write_source(tmp_path, DEEP_DIVE.replace("# More of it.", "# More of it.\n\n# %%\nprint(y)")))


HEADER = "# ---\n# jupyter:\n#   series:\n#     title: {title}\n#     goals: {goals}\n# ---\n\n"


def test_map_references_and_links_are_written_from_the_facts(tmp_path):
    write_source(tmp_path, HEADER.format(title="Zero", goals="the start") + (
        '# %% [markdown] id="zero-title"\n# # 00 · Zero\n\n'
        '# %% [markdown] id="zero-map-heading"\n# ## The map\n\n'
        '# %% [markdown] id="zero-map" tags=["series-map"]\n# *filled by the build*\n\n'
        '# %% id="zero-check" tags=["check"]\ncheck("neuron", None)\n'), name="00_zero.py", ids=False)
    one = write_source(tmp_path, HEADER.format(title="One", goals="the next") + (
        "# %% [markdown]\n# # 01 · One\n# As [He et al., 2015](#ref-he2015) showed.\n"), name="01_one.py")
    zero_student, _ = bn.build_pair(tmp_path / "00_zero.py")
    filled, = [c for c in zero_student.cells if c.id == "zero-map"]
    assert filled.source.startswith(series.HEADER)
    assert "| 01 | [One](01_one.ipynb) | the next | 5 min | – | – |" in filled.source
    assert "| 00 | [Zero](00_zero.ipynb) | the start | 5 min | – | `neuron` |" in filled.source
    assert zero_student.cells[-1].source == ("Next: [01 · One](01_one.ipynb) · "
                                             "[Map of the series](00_zero.ipynb#cell-id=zero-map-heading)")
    for nb in bn.build_pair(one):
        refs, links = nb.cells[-2:]
        assert (refs.id, links.id) == ("01-references", "01-navigation")
        assert refs.source.startswith("## References\n\n- Kaiming He, Xiangyu Zhang, ")
        assert '[He et al., 2015](#References "Kaiming He, ' in nb.cells[-3].source  # the title: the work
        assert links.source == ("Previous: [00 · Zero](00_zero.ipynb) · "
                                "[Map of the series](00_zero.ipynb#cell-id=zero-map-heading)")
    one.write_text(one.read_text().replace("ref-he2015", "ref-nobody2015"))
    with pytest.raises(bn.BuildError, match="no entry 'nobody2015'"):
        bn.build_pair(one)


# ---------------------------------------------------------------------------
# Building: execution, stability, staleness.


def build(source_dir, out_dir, *args):
    return bn.main(["--source", str(source_dir), "--out", str(out_dir), *args])


def test_build_executes_both_versions_stably(tmp_path, capsys):
    source = write_source(tmp_path / "source", EXAMPLE)
    out = tmp_path / "notebooks"
    assert build(source.parent, out) == 0
    assert "01_example: student " in capsys.readouterr().out
    paths = [out / "01_example.ipynb", out / "solutions" / "01_example.ipynb"]
    first = [p.read_bytes() for p in paths]

    student, solution = (nbformat.reads(b.decode(), as_version=4) for b in first)
    for nb, verdict in ((student, "not attempted"), (solution, "passed")):
        check = next(c for c in nb.cells if "check" in c.metadata.get("tags", []))
        assert verdict in texts(check)
        assert not any("execution" in c.metadata for c in nb.cells)
        assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3, 4]
        figure = [c for c in nb.cells if c.cell_type == "code"][-1].outputs  # the build closes with links
        assert any("image/png" in o.get("data", {}) for o in figure)
        view = next(o.data[bn.WIDGET_VIEW] for o in figure if bn.WIDGET_VIEW in o.get("data", {}))
        assert view["model_id"] in nb.metadata.widgets[bn.WIDGET_STATE]["state"]

    # Rebuilding over its own unedited output needs no --force and changes no byte.
    assert build(source.parent, out) == 0
    assert [p.read_bytes() for p in paths] == first
    assert build(source.parent, out, "--check") == 0


def fake_execute(nb, cwd, budget):
    """Stand-in for a kernel run: numbers the code cells, shows nothing."""
    for count, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), 1):
        cell.execution_count = count
    return 0.0


def test_check_reports_stale_missing_and_orphan_notebooks(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bn, "execute", fake_execute)
    src, out = tmp_path / "source", tmp_path / "notebooks"
    write_source(src, EXAMPLE)
    write_source(src, "# %%\nx = 1\n", name="02_other.py")
    assert build(src, out) == 0
    assert build(src, out, "--check") == 0

    write_source(src, EXAMPLE.replace("40.0", "41.0"))
    write_source(src, "# %%\nx = 2\n", name="02_other.py")
    (out / "solutions" / "02_other.ipynb").unlink()
    (out / "03_gone.ipynb").write_text("{}")
    capsys.readouterr()
    assert build(src, out, "--check") == 1
    err = capsys.readouterr().err
    assert f"{out / '01_example.ipynb'} does not match" in err
    assert f"{out / 'solutions' / '01_example.ipynb'} does not match" in err
    assert f"{out / '02_other.ipynb'} does not match" in err
    assert f"{out / 'solutions' / '02_other.ipynb'} is missing" in err
    assert f"{out / '03_gone.ipynb'} has no source" in err

    write_source(src, EXAMPLE)
    assert build(src, out, "--check", "01") == 0  # a named check skips the others
    student = nbformat.read(out / "01_example.ipynb", as_version=4)
    student.cells[2].execution_count = None
    nbformat.write(student, out / "01_example.ipynb")
    capsys.readouterr()
    assert build(src, out, "--check", "01") == 1
    assert "01_example.ipynb has cells that were never executed" in capsys.readouterr().err


# (source, what the report names, budget in s): a raising notebook gets a budget that a slow
# kernel start cannot exceed, so that the error, not the clock, is what fails it.
FAILING = {
    "solution raises": ("# %%\ndef f():\n    ### BEGIN SOLUTION\n    return 1 / 0\n    ### END SOLUTION\n\n\n# %%\nf()\n",
                        "ZeroDivisionError", "60"),
    "student raises": ("# %%\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n\n\n# %%\nf() + 1\n",
                       "TypeError", "60"),
    "over budget": ("# %%\nimport time\ntime.sleep(5)\n", "budget", "3"),
}


@pytest.mark.parametrize("case", FAILING)
def test_failing_notebook_is_reported_and_not_written(tmp_path, capsys, case):
    text, words, budget = FAILING[case]
    src, out = tmp_path / "source", tmp_path / "notebooks"
    write_source(src, text)
    assert build(src, out, "--budget", budget) == 1
    err = capsys.readouterr().err
    assert "01_example: FAILED" in err and words in err
    assert not (out / "01_example.ipynb").exists() and not (out / "solutions" / "01_example.ipynb").exists()


PAGE = """\
# %% [markdown]
# # An app

# %%
x = 1
"""


def test_a_page_gives_one_notebook_without_binder_note(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bn, "execute", fake_execute)
    src, out = tmp_path / "source", tmp_path / "notebooks"
    write_source(src, EXAMPLE)
    write_source(src, PAGE, name="explorer.py")
    assert build(src, out) == 0
    assert "explorer: page " in capsys.readouterr().out
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.ipynb"))
    assert written == ["01_example.ipynb", "explorer.ipynb", "solutions/01_example.ipynb"]
    page = nbformat.read(out / "explorer.ipynb", as_version=4)
    assert [(c.cell_type, c.source) for c in page.cells] == [("markdown", "# An app"), ("code", "x = 1")]
    assert page.cells[1].execution_count == 1
    assert page.metadata.generated_from == "source/explorer.py"
    assert build(src, out, "--check") == 0
    assert build(src, out, "explorer") == 0


def test_check_covers_pages(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bn, "execute", fake_execute)
    src, out = tmp_path / "source", tmp_path / "notebooks"
    write_source(src, PAGE, name="explorer.py")
    assert build(src, out) == 0
    write_source(src, PAGE.replace("x = 1", "x = 2"), name="explorer.py")
    (out / "solutions").mkdir()
    (out / "solutions" / "explorer.ipynb").write_text("{}")
    capsys.readouterr()
    assert build(src, out, "--check") == 1
    err = capsys.readouterr().err
    assert f"{out / 'explorer.ipynb'} does not match" in err
    assert f"{out / 'solutions' / 'explorer.ipynb'} has no source" in err
    (out / "explorer.ipynb").unlink()
    assert build(src, out, "--check", "explorer") == 1
    assert f"{out / 'explorer.ipynb'} is missing" in capsys.readouterr().err


def test_a_page_with_exercises_is_refused(tmp_path, capsys):
    src, out = tmp_path / "source", tmp_path / "notebooks"
    write_source(src, EXAMPLE, name="explorer.py")
    assert build(src, out) == 1
    err = capsys.readouterr().err
    assert "explorer: FAILED" in err and "is a page" in err and "NN_explorer.py" in err
    assert not out.exists() or not list(out.rglob("*.ipynb"))


def test_names_select_sources(tmp_path):
    src = tmp_path / "source"
    a = write_source(src, "# %%\n", name="01_alpha.py")
    b = write_source(src, "# %%\n", name="02_beta.py")
    write_source(src, "# %%\n", name="10_gamma.py")
    page = write_source(src, "# %%\n", name="explorer.py")
    assert bn.select_sources(src, ["02_beta", "01", "source/01_alpha.py", "explorer"]) == [b, a, a, page]
    assert bn.select_sources(src, [])[-1] == page
    for bad in ("03", "0"):
        with pytest.raises(bn.BuildError, match="01_alpha, 02_beta, 10_gamma, explorer"):
            bn.select_sources(src, [bad])


# ---------------------------------------------------------------------------
# Never overwriting work.


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with one source and its (unexecuted) notebooks committed."""
    runs = []
    monkeypatch.setattr(bn, "execute", lambda nb, cwd, budget: runs.append(cwd) or fake_execute(nb, cwd, budget))
    git(tmp_path, "init", "-q")
    write_source(tmp_path / "source", EXAMPLE)
    assert build(tmp_path / "source", tmp_path / "notebooks") == 0
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "notebooks")
    runs.clear()
    return tmp_path, runs


def edit(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("my_work = 42"))
    nbformat.write(nb, path)
    return path.read_bytes()


def test_committed_notebooks_are_rebuilt(repo):
    root, runs = repo
    assert build(root / "source", root / "notebooks") == 0
    assert len(runs) == 2


@pytest.mark.parametrize("state", ["modified", "untracked", "ignored"])
def test_edited_notebook_is_not_overwritten(repo, capsys, state):
    root, runs = repo
    target = root / "notebooks" / "01_example.ipynb"
    if state != "modified":
        git(root, "rm", "-q", "--cached", str(target))
        git(root, "commit", "-q", "-m", "untrack")
    if state == "ignored":
        (root / ".gitignore").write_text("notebooks/01_example.ipynb\n")
    edited = edit(target)
    capsys.readouterr()
    assert build(root / "source", root / "notebooks") == 1
    err = capsys.readouterr().err
    assert str(target) in err and "solutions" not in err
    assert "Commit" in err and "--force" in err
    assert target.read_bytes() == edited
    assert runs == []  # refused before running anything

    assert build(root / "source", root / "notebooks", "--force") == 0
    assert "my_work" not in target.read_text()


def test_fresh_uncommitted_output_is_rebuilt(repo):
    root, runs = repo
    write_source(root / "source", EXAMPLE, name="02_new.py")
    assert build(root / "source", root / "notebooks") == 0
    assert build(root / "source", root / "notebooks", "02") == 0  # untracked, but unedited
    assert len(runs) == 6


def test_edited_notebook_outside_git_is_not_overwritten(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bn, "execute", fake_execute)
    write_source(tmp_path / "source", EXAMPLE)
    assert build(tmp_path / "source", tmp_path / "notebooks") == 0
    edited = edit(tmp_path / "notebooks" / "solutions" / "01_example.ipynb")
    assert build(tmp_path / "source", tmp_path / "notebooks") == 1
    assert "not in a git repository" in capsys.readouterr().err
    assert (tmp_path / "notebooks" / "solutions" / "01_example.ipynb").read_bytes() == edited


# ---------------------------------------------------------------------------
# The notebook time budget under nbval (tests/conftest.py).


def test_budget_is_15_s_except_where_a_longer_one_is_given():
    assert bn.budget_for("01_step_and_sigmoid") == 15.0
    assert bn.budget_for("07_head_to_head") == 30.0


def test_nbval_fails_a_notebook_over_budget_unless_told_not_to(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata.kernelspec = bn.KERNELSPEC
    nbformat.write(nb, tmp_path / "slow.ipynb")
    # A local conftest lowers the budget below any kernel's start-up time.
    (tmp_path / "conftest.py").write_text(
        "import tests.conftest as budget\nbudget.budget_for = lambda stem: 0.0\n")

    def nbval(*options):
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", *options,
             "--nbval-lax", "--nbval-current-env", "--rootdir", str(tmp_path), str(tmp_path / "slow.ipynb")],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    proc = nbval()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "over its 0 s budget" in proc.stdout
    assert "notebook run times" in proc.stdout
    proc = nbval("--no-budgets")  # two notebooks at once (make test's second nbval run)
    assert proc.returncode == 0 and "over its" not in proc.stdout, proc.stdout + proc.stderr


# ---------------------------------------------------------------------------
# The committed notebooks.


def test_there_are_sources():
    assert SOURCES, f"no {bn.SOURCE_GLOB} in source/"
    assert ROOT / "notebooks" / "explorer.ipynb" in PAGES, "the explorer app is a page"


def test_committed_notebooks_match_their_sources():
    reasons = [
        reason
        for source in bn.all_sources(ROOT / "source")
        for language in bn.editions(ROOT / "source")
        for reason in bn.stale_reasons(source, *bn.outputs(source, ROOT / "notebooks", language),
                                       language=language)
    ]
    reasons += [f"{p} has no source" for p in bn.orphans(ROOT / "source", ROOT / "notebooks")]
    assert not reasons, "\n".join(reasons) + "\nRegenerate with: python tools/build_notebooks.py"


def read(path):
    return nbformat.read(path, as_version=4)


def ids(paths):
    return [p.relative_to(ROOT / "notebooks").as_posix().removesuffix(".ipynb") for p in paths]


@pytest.mark.parametrize("path", STUDENT, ids=ids(STUDENT))
def test_student_notebook_opens_with_binder_note(path):
    first = read(path).cells[0]
    assert (first.cell_type, first.source) == ("markdown", said(path, bn.BINDER_NOTE))


@pytest.mark.parametrize("path", SOLUTION, ids=ids(SOLUTION))
def test_student_exercises_are_stubs(path):
    solution = read(path)
    student = {c.id: c for c in read(path.parents[1] / path.name).cells}
    answers = [c for c in solution.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers, "a solution notebook without exercises"
    for answer in answers:
        stub = student[answer.id].source
        placeholder = "# YOUR CODE HERE" if answer.cell_type == "code" else "*Your answer here.*"
        assert placeholder in stub and "SOLUTION" not in stub, f"cell {answer.id} is not a stub:\n{stub}"
        kept = set(stub.splitlines())
        # Every line of an answer is gone, unless the same line also sits outside the region.
        inside, outside = set(), set()
        region = False
        for line in answer.source.splitlines():
            if "BEGIN SOLUTION" in line or "END SOLUTION" in line:
                region = "BEGIN" in line
            elif line.strip():
                (inside if region else outside).add(line)
        assert not (inside - outside) & kept, f"solution code left in the student cell {answer.id}"


@pytest.mark.parametrize("path", SOLUTION, ids=ids(SOLUTION))
def test_solution_notebook_passes_every_check(path):
    cells = read(path).cells
    not_attempted = said(path, _NOT_ATTEMPTED).split(":")[0].split("：")[0]
    for cell in cells:
        assert not_attempted not in texts(cell).lower(), f"cell {cell.id}: {texts(cell)}"
    checks = [c for c in cells if "check" in c.metadata.get("tags", [])]
    assert checks, "no cell tagged check"
    for cell in checks:
        shown = texts(cell)
        assert shown.strip(), f"check cell {cell.id} shows nothing"
        for bad in ("failed", "✗"):
            assert bad not in shown.lower(), f"check cell {cell.id} says: {shown}"


@pytest.mark.parametrize("path", STUDENT, ids=ids(STUDENT))
def test_student_checks_say_not_attempted(path):
    not_attempted = said(path, _NOT_ATTEMPTED).split(":")[0].split("：")[0]
    for cell in read(path).cells:
        if "check" in cell.metadata.get("tags", []):
            assert not_attempted in texts(cell).lower(), f"check cell {cell.id}: {texts(cell)}"


@pytest.mark.parametrize("path", STUDENT + SOLUTION + PAGES, ids=ids(STUDENT + SOLUTION + PAGES))
def test_notebook_shows_no_error_and_keeps_its_widgets(path):
    nb = read(path)
    state = nb.metadata.get("widgets", {}).get(bn.WIDGET_STATE, {}).get("state", {})
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"cell {cell.id}: {output.ename}: {output.evalue}"
            assert output.get("name") != "stderr", f"cell {cell.id} wrote to stderr: {output.text}"
            view = output.get("data", {}).get(bn.WIDGET_VIEW)
            if view:
                assert view["model_id"] in state, f"cell {cell.id}: widget state not saved"


def test_each_section_is_a_slide():
    student, solution = bn.build_pair(ROOT / "source" / "01_step_and_sigmoid.py")
    for nb in (student, solution):
        kinds = {c.metadata["slideshow"]["slide_type"] for c in nb.cells}
        assert kinds <= {"slide", "subslide", "-", "skip"}
        headings = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")]
        assert headings and all(c.metadata["slideshow"]["slide_type"] == "slide" for c in headings)
    assert student.cells[0].metadata["slideshow"]["slide_type"] == "skip"  # the Binder note
