"""Series facts have one home, the sources' headers, and nothing shown elsewhere drifts from them.

The README's table, notebook 00's map, each notebook's closing links and
intro line, the time budgets and each notebook's list of references are all
compared with what ``tools/series.py`` and ``tools/references.py`` compute
from ``source/``. A planted fault in a copy shows that each comparison bites.
"""

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks as bn  # noqa: E402
import references  # noqa: E402
import series  # noqa: E402

from actlib.exercises import EXERCISES, PREDICTIONS  # noqa: E402

SOURCE = ROOT / "source"
LESSONS = sorted(SOURCE.glob(bn.SOURCE_GLOB))


def test_readme_map_links_and_intro_lines_match_the_facts():
    problems = series.drift()
    assert not problems, ("\n".join(problems) + "\nRegenerate with: python tools/build_notebooks.py "
                          "(the README's table alone: python tools/series.py --readme); "
                          "an intro line is written by hand in its source")


def test_every_lesson_states_its_title_and_goals_once():
    titles = []
    for path in LESSONS:
        entry = series.facts(path)
        assert entry.get("title") and entry.get("goals"), f"{path.name}: series title and goals in the header"
        titles.append(entry["title"])
    assert len(set(titles)) == len(titles)


def test_budgets_come_from_the_headers():
    for path in LESSONS:
        assert bn.budget_for(path.stem) == series.facts(path).get("budget_s", bn.BUDGET_S)
    assert bn.budget_for("07_head_to_head") == 30.0 and bn.budget_for("01_step_and_sigmoid") == 15.0
    assert bn.budget_for("99_no_such_notebook") == bn.BUDGET_S


def test_exercises_are_the_check_cells_and_actlibs():
    for x in series.lessons(SOURCE):
        registered = {e.id for e in [*EXERCISES.values(), *PREDICTIONS.values()] if e.notebook == x.number}
        experiments = {c.metadata["id"] for c in series.read(SOURCE / f"{x.stem}.py").cells
                       if "exercise-experiment" in c.metadata.get("tags", [])}
        assert set(x.exercises) == registered | experiments, x.stem


def test_every_core_fits_in_50_minutes():
    over = [f"{x.label}: {x.core_min:.1f} min" for x in series.lessons(SOURCE)
            if x.core_min > series.CORE_LIMIT_MIN]
    assert not over, "cores over 50 minutes by the reading model:\n" + "\n".join(over)


# ---------------------------------------------------------------------------
# Planted faults: each comparison catches one.


@pytest.fixture
def copy(tmp_path):
    """The sources, the README and the committed notebooks, copied to change freely."""
    shutil.copytree(SOURCE, tmp_path / "source")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


def drift(root):
    return series.drift(root / "source", root / "README.md", root / "notebooks")


def test_a_title_changed_in_the_readme_is_caught(copy):
    readme = copy / "README.md"
    readme.write_text(readme.read_text().replace("[The ReLU family](", "[ReLU, Leaky ReLU, PReLU]("))
    assert any("README.md: the table" in p and "[The ReLU family]" in p for p in drift(copy))


def test_a_title_changed_in_a_header_is_caught_in_map_links_and_readme(copy):
    source = copy / "source" / "03_relu_family.py"
    source.write_text(source.read_text().replace("title: The ReLU family", "title: ReLU and friends"))
    problems = "\n".join(drift(copy))
    assert "README.md: the table" in problems
    assert "00_why_activations.ipynb: cell 00-series-map" in problems
    assert "02_tanh.ipynb: the closing links" in problems and "04_elu_selu.ipynb: the closing links" in problems


def test_an_intro_line_with_other_minutes_is_caught(copy):
    source = copy / "source" / "02_tanh.py"
    minutes = series.shown(series.lesson(SOURCE / "02_tanh.py").core_min)
    source.write_text(source.read_text().replace(f"*About {minutes} minutes", f"*About {minutes + 10} minutes", 1))
    assert any(p.startswith("02_tanh.py: the intro says about") for p in drift(copy))


def test_an_edited_navigation_cell_is_caught(copy):
    path = copy / "notebooks" / "solutions" / "05_softmax.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].source = nb.cells[-1].source.replace("Next:", "Then:")
    nbformat.write(nb, path)
    assert any(p.startswith("05_softmax.ipynb: the closing links") for p in drift(copy))


def test_an_edited_remember_box_is_caught(copy):
    path = copy / "notebooks" / "03_relu_family.ipynb"
    nb = nbformat.read(path, as_version=4)
    box = next(c for c in nb.cells if c.id == "03-remember")
    box.source = box.source.replace("dead", "alive", 1)
    nbformat.write(nb, path)
    assert any(p.startswith("03_relu_family.ipynb: the cell 03-remember") for p in drift(copy))


# ---------------------------------------------------------------------------
# Remember boxes (issue 12).


def test_every_lesson_closes_with_3_to_5_remember_points_before_its_references():
    for path in LESSONS:
        x = series.lesson(path)
        assert 3 <= len(x.remember) <= 5, path.name
        for version in (ROOT / "notebooks" / f"{path.stem}.ipynb",
                        ROOT / "notebooks" / "solutions" / f"{path.stem}.ipynb"):
            ids = [c.id for c in nbformat.read(version, as_version=4).cells]
            closing = [i for i in ids if i in {f"{x.number}-remember", f"{x.number}-references",
                                                f"{x.number}-navigation"}]
            assert closing[0] == f"{x.number}-remember" and ids[-1] == f"{x.number}-navigation", version
            box = nbformat.read(version, as_version=4).cells[ids.index(f"{x.number}-remember")]
            assert box.source.startswith("> **Remember**")
            assert all(f"> - {point}" in box.source for point in x.remember)


@pytest.mark.parametrize("points", ["[]", "['one', 'two']", "['1', '2', '3', '4', '5', '6']",
                                    "['one', '', 'three']", "'not a list'"])
def test_a_bad_remember_list_is_an_error_naming_the_file(copy, points):
    source = copy / "source" / "02_tanh.py"
    text = source.read_text()
    start = text.index("#     remember:")
    end = text.index("# ---", start)
    source.write_text(text[:start] + f"#     remember: {points}\n" + text[end:])
    with pytest.raises(series.SeriesError, match=r"02_tanh\.py: `remember` .* 3 to 5 non-empty strings"):
        series.lesson(source)


# ---------------------------------------------------------------------------
# References.


def markdown_texts(path):
    return [c.source for c in series.read(path).cells if c.cell_type == "markdown"]


def test_every_citation_has_an_entry_naming_its_author_and_year():
    works = references.load()
    problems = [f"{path.name}: {p}" for path in LESSONS for p in references.problems(markdown_texts(path), works)]
    assert not problems, "\n".join(problems)


def test_each_notebook_lists_exactly_the_works_it_cites():
    works = references.load()
    used = set()
    for path in LESSONS:
        keys = references.cited_keys(markdown_texts(path))
        used |= set(keys)
        for nb_path in (ROOT / "notebooks" / f"{path.stem}.ipynb", ROOT / "notebooks" / "solutions" / f"{path.stem}.ipynb"):
            listed = [c.source for c in nbformat.read(nb_path, as_version=4).cells if c.id == f"{path.stem[:2]}-references"]
            assert listed == ([references.references_markdown(keys, works)] if keys else []), nb_path.name
    assert used == set(works), f"cited nowhere: {sorted(set(works) - used)}"


def test_the_works_the_issue_found_missing_are_cited():
    cited = {key: path.stem[:2] for path in LESSONS for key in references.cited_keys(markdown_texts(path))}
    for key, notebook in {"nair2010": "03", "maas2013": "03", "krizhevsky2012": "03", "guo2017": "05"}.items():
        assert cited.get(key) == notebook, key


def test_a_citation_without_an_entry_or_with_the_wrong_author_is_reported():
    works = references.load()
    assert references.problems(["see [Smith, 2020](#ref-smith2020)"], works) == [
        "[Smith, 2020](#ref-smith2020): no entry 'smith2020' in references.toml"]
    assert "should name He and 2015" in references.problems(["[Kaiming, 2015](#ref-he2015)"], works)[0]
    text = references.references_markdown(["he2015", "glorot2010"], works)
    assert text.index("Xavier Glorot") < text.index("Kaiming He")  # by first author
    assert "(2015). [Delving deep into rectifiers" in text and "https://arxiv.org/abs/1502.01852" in text
    linked = references.resolve("as [He et al., 2015](#ref-he2015) found", works)
    assert linked == ('as [He et al., 2015](#References "Kaiming He, Xiangyu Zhang, Shaoqing Ren and Jian Sun '
                      '(2015), Delving deep into rectifiers: surpassing human-level performance on ImageNet '
                      'classification") found')


def test_widget_cells_are_the_widget_cells_and_what_they_need():
    code = ["import numpy as np\nfrom actlib import widgets",  # 0: binds widgets
            "runs = {}",  # 1: binds runs
            "slow = np.ones(10**6).sum()",  # 2: nothing a widget reads
            "runs['a'] = 1",  # 3: changes runs
            "print(runs)",  # 4: reads runs only
            "widgets.explore('relu', xlim=(-len(runs), 1))"]  # 5: a widget reading runs
    cells = [nbformat.v4.new_code_cell(source) for source in code] + [nbformat.v4.new_markdown_cell("x")]
    assert series.widget_cells(cells) == [0, 1, 3, 5]
