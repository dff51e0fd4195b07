"""nbgrader, run as a lecturer runs it, end to end, in a temporary course folder.

The course's assignment ``ps1`` is made from three solution notebooks (00, 01
and 03, which has an open experiment graded by hand); 01 is the Chinese
edition's, so that a class taught in Chinese is graded the same way. Three students hand in the solutions, the untouched release, and the
release with wrong answers planted in named exercises; ``nbgrader autograde``
must give full marks, 0 on every check, and exactly the planted exercises'
points lost. ``nbgrader validate`` (the students' Validate button) must fail on
the stub and the wrong answers and pass the solutions, ``generate_feedback``
must show the checker's report and no traceback through actlib. Then a
markdown cell is inserted into a source and the assignment regenerated: a
submission made from the earlier release still autogrades, to the same scores,
because the grade ids are the cell ids written in the sources.

Run it alone, with its score table, by::

    .venv/bin/python -m pytest -s tests/test_nbgrader.py

nbgrader is pinned in requirements-dev.txt; without it this test fails at
import, it is never skipped.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from actlib.exercises import CheckFailed, check

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks as bn  # noqa: E402

pytestmark = pytest.mark.xdist_group("nbgrader")  # one worker builds the course, under pytest-xdist
ASSIGNMENT = "ps1"
# Notebook -> the folder of its edition in notebooks/ ("" for English).
EDITION = {"00_why_activations": "", "01_step_and_sigmoid": "zh", "03_relu_family": ""}
NOTEBOOKS = list(EDITION)
# Answer cell id -> a wrong body, planted in the release instead of the stub.
WRONG = {
    "collapse-bias-answer": "return b1 @ W2  # forgets b2",
    "sigmoid-answer": "return 1 / (1 + np.exp(x))  # the sign of x",
    "leaky-relu-answer": "return np.maximum(x, negative_slope * x)  # wrong for a slope above 1",
}
# A stub as nbgrader writes it with the setting of the README, at any indentation.
STUB = re.compile(r"^(?P<indent>[ \t]*)# YOUR CODE HERE\n(?P=indent)return None$", re.M)
TEXT_STUB = "*Your answer here.*"
MARKDOWN_REGION = re.compile(r"<!-- BEGIN SOLUTION -->(?P<body>.*?)<!-- END SOLUTION -->", re.S)
REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION\n(?P<body>.*?)^[ \t]*### END SOLUTION$", re.M | re.S)
NBGRADER_CONFIG = '''\
c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = "sqlite:///" + {db!r}
# nbgrader's stubs the same as the series' own: a function that returns None.
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nreturn None"}}
c.ClearSolutions.text_stub = {text_stub!r}
c.Execute.timeout = 120  # per cell; the notebooks' own budget is checked elsewhere
'''
NOTE = '# %% [markdown] id="ps1-lecturer-note"\n# A note the lecturer added after the release.\n\n'


def checks_of(answer_ids):
    """The grade ids of the check cells that test the answers ``answer_ids``."""
    return {answer_id.replace("-answer", "-check") for answer_id in answer_ids}


def fill(release, solutions, wrong=None):
    """The release with every stub replaced by its solution, or by ``wrong[cell id]``.

    Parameters
    ----------
    release, solutions : nbformat.NotebookNode
        The released notebook and the solution notebook it was made from.
    wrong : dict, optional
        Answer cell id -> the one line to write instead of the solution.
    """
    wrong = wrong or {}
    nb = nbformat.from_dict(release)
    solution_of = {cell.id: cell.source for cell in solutions.cells}
    for cell in nb.cells:
        if cell.cell_type == "markdown" and TEXT_STUB in cell.source:  # an experiment's answer
            answer = MARKDOWN_REGION.search(solution_of[cell.id])["body"].strip("\n")
            cell.source = cell.source.replace(TEXT_STUB, answer)
        if cell.cell_type != "code" or not STUB.search(cell.source):
            continue
        if cell.id in wrong:
            line = wrong[cell.id]
            cell.source = STUB.sub(lambda m: m["indent"] + line, cell.source)
        else:
            bodies = iter(m["body"].rstrip("\n") for m in REGION.finditer(solution_of[cell.id]))
            cell.source = STUB.sub(lambda m: next(bodies), cell.source)
        assert "YOUR CODE HERE" not in cell.source, cell.source
    return nb


class Course:
    """A course folder and the nbgrader commands run in it, as subprocesses."""

    def __init__(self, root):
        self.root = root
        self.db = root / "gradebook.db"
        (root / "jupyter-config").mkdir(parents=True)
        (root / "nbgrader_config.py").write_text(
            NBGRADER_CONFIG.format(root=str(root), db=str(self.db), text_stub=TEXT_STUB), encoding="utf-8")
        venv_bin = str(Path(sys.executable).parent)  # nbgrader calls the alembic command
        self.env = {
            **{k: v for k, v in os.environ.items()
               if k not in ("NBGRADER_EXECUTION", "ACTLIB_GRADING")},
            "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
            "JUPYTER_CONFIG_DIR": str(root / "jupyter-config"),  # no personal config
        }
        self.times = {}

    def nbgrader(self, *args, timeout=300):
        """Run ``nbgrader *args`` in the course folder; return its output (both streams)."""
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=self.root, env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        key = " ".join(a for a in args if not a.startswith("/"))
        self.times[key] = self.times.get(key, 0.0) + time.perf_counter() - start
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{output}"
        assert "[ERROR]" not in output and "| ERROR]" not in output, output
        return output

    def path(self, *parts):
        return self.root.joinpath(*parts)

    def submit(self, student, notebooks):
        """Hand in ``{name: notebook}`` as ``student``, the way nbgrader collect leaves it."""
        folder = self.path("submitted", student, ASSIGNMENT)
        folder.mkdir(parents=True)
        for name, nb in notebooks.items():
            nbformat.write(nb, folder / f"{name}.ipynb")

    def scores(self, student, notebook=None):
        """``{grade id: (score, max score)}`` of a student's autograded cells (the check cells)."""
        return {name: grade[:2] for name, grade in self.grades(student, notebook).items() if grade[2] == "code"}

    def grades(self, student, notebook=None):
        """``{grade id: (score, max score, cell type, needs manual grade)}`` of every graded cell.

        Only those of the notebook named ``notebook``, if given.
        """
        with Gradebook(f"sqlite:///{self.db}") as gradebook:
            submission = gradebook.find_submission(ASSIGNMENT, student)
            return {g.name: (g.score, g.max_score, g.cell.cell_type, g.needs_manual_grade)
                    for nb in submission.notebooks if notebook in (None, nb.name) for g in nb.grades}


def read(path):
    return nbformat.read(path, as_version=4)


def errors(nb):
    """``{cell id: error name}`` of every cell that shows an error."""
    return {cell.id: output.ename for cell in nb.cells for output in cell.get("outputs", [])
            if output.output_type == "error"}


def table(scores):
    """The score table: one row per check cell, one column per student."""
    students = list(scores)
    rows = sorted(next(iter(scores.values())))
    width = max(map(len, rows))
    lines = [f"{'check cell':<{width}}  " + "  ".join(f"{s:>8}" for s in students)]
    lines += [f"{row:<{width}}  " + "  ".join(f"{scores[s][row][0]:>8g}" for s in students) for row in rows]
    lines.append(f"{'total':<{width}}  " + "  ".join(
        f"{sum(v[0] for v in scores[s].values()):>3g} of {sum(v[1] for v in scores[s].values()):g}"
        for s in students))
    return "\n".join(lines)


CHECK_CALL = re.compile(r'^check\("(\w+)", (\w+)\)$')


@pytest.mark.parametrize("source", bn.all_sources(ROOT / "source"), ids=lambda p: p.stem)
def test_only_check_cells_grade_and_examples_are_not_graded(source):
    """A graded cell is one plain ``check(id, function)``; a check that fails on purpose is no graded cell."""
    _, solution = bn.build_pair(source) if bn.is_lesson(source) else (None, bn.build_page(source))
    for cell in solution.cells:
        graded = cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code"
        if graded:
            call = CHECK_CALL.match(cell.source)
            assert call, f"{cell.id}: {cell.source}"
            assert cell.id == f"{call[1].replace('_', '-')}-check" == cell.metadata.nbgrader.grade_id
        if "example=True" in cell.source:
            assert "nbgrader" not in cell.metadata and "check" not in cell.metadata.get("tags", []), cell.id


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course after release, three submissions, autograde and feedback."""
    course = Course(tmp_path_factory.mktemp("course"))
    source = course.path("source", ASSIGNMENT)
    source.mkdir(parents=True)
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / EDITION[name] / "solutions" / f"{name}.ipynb", source)
    course.ours = {name: read(ROOT / "notebooks" / EDITION[name] / f"{name}.ipynb") for name in NOTEBOOKS}
    course.nbgrader("generate_assignment", ASSIGNMENT)

    release = {name: read(course.path("release", ASSIGNMENT, f"{name}.ipynb")) for name in NOTEBOOKS}
    solutions = {name: read(source / f"{name}.ipynb") for name in NOTEBOOKS}
    course.release = release
    course.submit("solution", {n: fill(release[n], solutions[n]) for n in NOTEBOOKS})
    course.submit("stub", release)
    course.submit("wrong", {n: fill(release[n], solutions[n], WRONG) for n in NOTEBOOKS})
    # A student validates before handing in; meanwhile (a second core) the lecturer autogrades.
    with ThreadPoolExecutor(1) as pool:
        validated = {student: pool.submit(course.nbgrader, "validate", str(
            course.path("submitted", student, ASSIGNMENT, f"{NOTEBOOKS[0]}.ipynb")))
            for student in ("stub", "wrong", "solution")}
        course.autograde_log = course.nbgrader("autograde", ASSIGNMENT)
        course.validated = {student: future.result() for student, future in validated.items()}
    course.nbgrader("generate_feedback", ASSIGNMENT)
    course.checks = {cell.metadata.nbgrader.grade_id for nb in solutions.values() for cell in nb.cells
                     if "check" in cell.metadata.get("tags", [])}
    yield course
    print("\n--- nbgrader command times:\n" + "\n".join(
        f"{seconds:6.1f} s  nbgrader {command}" for command, seconds in course.times.items()))


def test_the_release_is_the_series_student_version(course):
    """With the README's code_stub and text_stub, nbgrader's stubs are ours, cell for cell (Binder note aside)."""
    for name, released in course.release.items():
        ours = course.ours[name]
        assert [(c.id, c.source) for c in released.cells] == [(c.id, c.source) for c in ours.cells[1:]]
    planted = {c.id for nb in course.release.values() for c in nb.cells}
    assert set(WRONG) <= planted


def test_autograde_scores_every_check_cell(course):
    scores = {student: course.scores(student) for student in ("solution", "stub", "wrong")}
    print("\n" + table(scores))
    lost = checks_of(WRONG)
    assert len(course.checks) >= 9 and lost <= course.checks  # 9 when the ladder (issue 11) began
    for student, expected in (("solution", lambda cell: 1.0), ("stub", lambda cell: 0.0),
                              ("wrong", lambda cell: 0.0 if cell in lost else 1.0)):
        assert scores[student] == {cell: (expected(cell), 1.0) for cell in course.checks}, student
    # A passing check shows no value nbgrader could read as a partial score.
    assert "cannot be converted to a float" not in course.autograde_log


def test_the_open_experiment_waits_for_a_hand_grade(course):
    """03's experiment is a markdown answer: autograde leaves an answered one to the lecturer."""
    answered = {name: g for name, g in course.grades("solution").items() if g[2] == "markdown"}
    untouched = {name: g for name, g in course.grades("stub").items() if g[2] == "markdown"}
    assert answered["03-11-experiment-answer"] == (0.0, 1.0, "markdown", True)  # to grade by hand
    assert untouched["03-11-experiment-answer"] == (0.0, 1.0, "markdown", False)  # blank: 0


def test_a_perfect_submission_runs_without_an_error(course):
    for name in NOTEBOOKS:
        nb = read(course.path("autograded", "solution", ASSIGNMENT, f"{name}.ipynb"))
        assert errors(nb) == {}, name


def test_the_untouched_release_runs_to_the_end(course):
    for name in NOTEBOOKS:
        nb = read(course.path("autograded", "stub", ASSIGNMENT, f"{name}.ipynb"))
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        assert all(c.execution_count for c in code), f"{name}: not every cell ran"
        assert errors(nb) == {c.id: "CheckFailed" for c in nb.cells if c.id in course.checks}, name


def traceback_in(text):
    """The marks of a Python or IPython traceback found in ``text``."""
    marks = ("Traceback (most recent call last)", "----> ", "Cell In[", "exercises.py",
             "site-packages", str(ROOT / "actlib"))
    return [mark for mark in marks if mark in text]


def test_validate_fails_on_stubs_and_wrong_answers_and_passes_the_solutions(course):
    notebook, outputs = f"{NOTEBOOKS[0]}.ipynb", course.validated
    print(f"\n--- nbgrader validate on the untouched release of {notebook}:\n{outputs['stub']}")
    assert "VALIDATION FAILED ON 3 CELL(S)!" in outputs["stub"]
    assert "check(\"neuron\", neuron)" in outputs["stub"]
    assert "neuron: not attempted yet" in outputs["stub"]
    assert "VALIDATION FAILED ON 1 CELL(S)!" in outputs["wrong"]
    assert "✗ collapse_bias: " in outputs["wrong"]
    assert "Success! Your notebook passes all the tests." in outputs["solution"]
    for output in outputs.values():
        assert not traceback_in(output), output


def shown_errors(page):
    """The text of every error a feedback page shows (tags dropped, entities decoded)."""
    blocks = re.findall(r'class="[^"]*\boutput_error">\s*<pre>(.*?)</pre>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", block)).strip("\n") for block in blocks]


def rendered(report):
    """The report as IPython shows a CheckFailed, colours dropped."""
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(CheckFailed(report)._render_traceback_()))


def test_feedback_shows_the_checkers_report_and_no_traceback(course):
    page = course.path("feedback", "wrong", ASSIGNMENT, f"{NOTEBOOKS[0]}.html").read_text(encoding="utf-8")
    # What the checker says of the planted answer, computed here, outside nbgrader.
    report = str(check("collapse_bias", lambda b1, W2, b2: b1 @ W2, example=True))
    assert report.startswith("✗ collapse_bias: ") and "hint 1 of 3 (a nudge):" in report
    shown = shown_errors(page)
    assert shown == [rendered(report)]  # the one failed check of this notebook, and nothing else
    print(f"\n--- feedback excerpt (feedback/wrong/{ASSIGNMENT}/{NOTEBOOKS[0]}.html, as text):\n"
          + "\n".join(shown[0].splitlines()[:14]) + "\n  ...")
    assert not traceback_in(page)
    stub = course.path("feedback", "stub", ASSIGNMENT, f"{NOTEBOOKS[0]}.html").read_text(encoding="utf-8")
    assert shown_errors(stub) == [rendered(str(check(exercise, lambda *args: None, example=True)))
                                  for exercise in ("neuron", "collapse_weights", "collapse_bias")]
    assert not traceback_in(stub)
    perfect = course.path("feedback", "solution", ASSIGNMENT, f"{NOTEBOOKS[0]}.html")
    assert shown_errors(perfect.read_text(encoding="utf-8")) == []


def test_an_inserted_cell_keeps_the_grade_ids_of_an_earlier_submission(course, tmp_path):
    name = NOTEBOOKS[0]
    text = (ROOT / "source" / f"{name}.py").read_text(encoding="utf-8")
    first = text.index("\n# %%") + 1  # after the jupytext header and the first cell
    second = text.index("\n# %%", first) + 1
    original, edited = tmp_path / "original" / f"{name}.py", tmp_path / "edited" / f"{name}.py"
    for path, content in ((original, text), (edited, text[:second] + NOTE + text[second:])):
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
    before = [c.id for c in bn.build_pair(original)[1].cells]
    _, solution = bn.build_pair(edited)
    assert [c.id for c in solution.cells] == before[:1] + ["ps1-lecturer-note"] + before[1:]
    nbformat.write(solution, course.path("source", ASSIGNMENT, f"{name}.ipynb"))

    # A student's work from the first release, handed in after the regeneration (the notebook
    # with the new cell only: autograding the others again would show nothing new).
    course.path("submitted", "late", ASSIGNMENT).mkdir(parents=True)
    shutil.copy(course.path("submitted", "wrong", ASSIGNMENT, f"{name}.ipynb"),
                course.path("submitted", "late", ASSIGNMENT))
    course.nbgrader("generate_assignment", ASSIGNMENT, "--force")
    regenerated = read(course.path("release", ASSIGNMENT, f"{name}.ipynb"))
    assert [c.id for c in regenerated.cells] == [c.id for c in solution.cells]
    graded = [c.id for c in course.release[name].cells if "nbgrader" in c.metadata]
    assert [c.id for c in regenerated.cells if "nbgrader" in c.metadata] == graded

    course.nbgrader("autograde", ASSIGNMENT, "--student", "late")
    late, wrong = course.scores("late", name), course.scores("wrong", name)
    print(f"\n--- after inserting cell ps1-lecturer-note into source/{name}.py and regenerating:\n"
          + table({"wrong": wrong, "late": late}))
    assert late == wrong and late
