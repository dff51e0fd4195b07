"""The exercise machinery itself: rules, staged hints, predictions, values, choices and layers.

The exercises of each notebook are tested in ``test_exercise_ladder_*.py``;
here toy exercises, registered for one test, pin down how the runner behaves.
"""

import ast
import math
import re
import sys
from functools import partial
from pathlib import Path

import numpy as np
import pytest

import actlib
from actlib.activations import Activation
from actlib.exercises import (EXERCISES, PREDICTIONS, Case, Exercise, Prediction, adopt, check, hint,
                              predict, reveal, runner)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402
import series  # noqa: E402

X = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])


@pytest.fixture(autouse=True)
def fresh_session():
    runner._failures.clear()
    runner._asked.clear()


def toy(monkeypatch, **fields):
    """Register a toy exercise for one test and return it."""
    fields = {"id": "toy", "title": "Toy", "signature": "toy(x)", "hints": ("nudge", "maths", "code"),
              "reference": lambda x: 2 * x, "cases": (Case("doubles", (X,)),), **fields}
    exercise = Exercise(**fields)
    monkeypatch.setitem(EXERCISES, exercise.id, exercise)
    return exercise


# ---------------------------------------------------------------------------
# Rules: an answer may not call what it builds.


def test_passing_actlib_itself_or_a_wrapper_of_it_is_rejected():
    for answer in (actlib.relu, actlib.get("relu"), partial(actlib.relu)):
        result = check("relu", answer)
        assert not result.passed and "actlib.relu itself" in str(result)


def test_calling_actlib_inside_the_answer_is_rejected_however_it_is_reached():
    alias = actlib.relu
    for answer in (lambda x: actlib.relu(x), lambda x: actlib.get("relu")(x), lambda x: alias(x),
                   lambda x: actlib.activations.ACTIVATIONS["relu"](x)):
        result = check("relu", answer)
        assert not result.passed
        assert "rule broken: your function calls actlib.relu" in str(result)


def test_a_forbidden_method_is_caught_bound_early_or_late():
    early = actlib.sigmoid.derivative
    for answer in (lambda x: early(x), lambda x: actlib.sigmoid.derivative(x)):
        assert "calls actlib.sigmoid.derivative" in str(check("sigmoid_derivative", answer))


def test_using_another_activation_of_actlib_is_allowed():
    s = actlib.sigmoid
    assert check("sigmoid_derivative", lambda x: s(x) * (1 - s(x))).passed


def test_forbidden_library_functions_are_caught_by_attribute_from_import_and_closure(monkeypatch):
    toy(monkeypatch, reference=np.tanh, forbid=("numpy.tanh", "math.tanh"), rule="use exp")
    from numpy import tanh

    def make():
        t = np.tanh
        return lambda x: t(x)

    for answer in (lambda x: np.tanh(x), lambda x: tanh(x), make(),
                   lambda x: np.array([math.tanh(v) for v in x])):
        result = check("toy", answer)
        assert not result.passed and "rule broken" in str(result) and "use exp" in str(result)
    assert "np.tanh itself" in str(check("toy", np.tanh))
    assert check("toy", lambda x: 1 - 2 / (np.exp(2 * x) + 1)).passed


def test_the_tripwires_are_removed_after_every_check_even_when_the_answer_raises(monkeypatch):
    toy(monkeypatch, reference=np.tanh, forbid=("numpy.tanh",))
    call, tanh = Activation.__call__, np.tanh

    def boom(x):
        np.tanh(x)
        actlib.relu(x)
        raise RuntimeError("student bug")

    check("toy", boom)
    check("relu", lambda x: actlib.relu(x))
    check("sigmoid_derivative", lambda x: actlib.sigmoid.derivative(x))
    assert np.tanh is tanh and Activation.__call__ is call
    assert "derivative" not in vars(actlib.sigmoid)
    assert np.array_equal(actlib.relu(X), np.maximum(X, 0))


def test_calls_made_inside_actlib_do_not_count(monkeypatch):
    # actlib's swish calls its own sigmoid; a toy exercise that forbids the sigmoid may still
    # use swish, which is another function.
    toy(monkeypatch, reference=lambda x: actlib.swish(x), forbid=("actlib.sigmoid",))
    assert check("toy", lambda x: actlib.swish(x)).passed


# ---------------------------------------------------------------------------
# Hints in stages.


def test_every_exercise_has_three_stages_of_hints():
    for exercise in EXERCISES.values():
        assert len(exercise.hints) == 3 and all(h.strip() for h in exercise.hints), exercise.id


def test_hints_move_on_every_second_failure_or_when_asked(monkeypatch):
    toy(monkeypatch)
    wrong = lambda x: 3 * x  # noqa: E731
    seen = [re.search(r"hint \d of 3", str(check("toy", wrong)))[0] for _ in range(6)]
    assert seen == ["hint 1 of 3", "hint 1 of 3", "hint 2 of 3",
                                                      "hint 2 of 3", "hint 3 of 3", "hint 3 of 3"]
    runner._failures.clear()
    first = str(check("toy", wrong))
    assert "hint 1 of 3 (a nudge): nudge" in first and "maths" not in first
    assert "hint('toy') shows the next hint" in first
    shown = str(hint("toy"))
    assert shown.splitlines()[0].startswith("hint 1 of 3") and "hint 2 of 3 (the mathematics): maths" in shown
    assert "hint 2 of 3 (the mathematics): maths" in str(check("toy", wrong))
    assert "hint 3 of 3 (the code pattern): code" in str(hint("toy")) and "hint 3" in str(hint("toy"))


def test_a_worked_example_shows_the_nudge_and_counts_no_failure(monkeypatch):
    toy(monkeypatch)
    for _ in range(3):
        assert "hint 1 of 3" in str(check("toy", lambda x: x, example=True))
    assert runner._failures == {}


def test_a_pass_or_a_stub_shows_no_hint(monkeypatch):
    toy(monkeypatch)
    assert "hint" not in str(check("toy", lambda x: 2 * x))
    assert "hint" not in str(check("toy", lambda x: None))


def test_advice_is_shown_when_a_case_passes_but_not_exactly(monkeypatch):
    toy(monkeypatch, cases=(Case("doubles", (X,), advice="close, not exact"),))
    assert "close, not exact" not in str(check("toy", lambda x: 2 * x))
    result = check("toy", lambda x: 2 * x + 1e-12)
    assert result.passed and "note:     close, not exact" in str(result)


# ---------------------------------------------------------------------------
# Values, choices and layers.


def test_a_derived_value_is_checked_like_a_function(monkeypatch):
    toy(monkeypatch, signature="(a, b)", answer="value", reference=lambda: (2.0, 0.5),
        cases=(Case("(a, b)", ()),), returns="numbers", elementwise=False)
    assert check("toy", (2.0, 0.5)).passed and check("toy", lambda: (2.0, 0.5)).passed
    assert "wrong value" in str(check("toy", (2.0, 0.25)))
    assert not check("toy", None).attempted


def test_a_choice_explains_the_option_chosen_without_naming_the_right_one(monkeypatch):
    toy(monkeypatch, signature="answer", answer="choice", reference=lambda: "b",
        choices={"a": "a is wrong because A", "b": "b is right because B"}, cases=())
    right, wrong = check("toy", "b"), check("toy", "a")
    assert right.passed and "b is right because B" in str(right) and check("toy", lambda: "b").passed
    assert not wrong.passed and "a is wrong because A" in str(wrong) and "because B" not in str(wrong)
    assert "not one of the options 'a', 'b'" in str(check("toy", "c"))
    assert not check("toy", None).attempted


class Doubler:
    def forward(self, z):
        return 2 * z

    def backward(self, dh):
        return 2 * dh


class Forgetful(Doubler):
    def backward(self, dh):
        return 2 * np.ones_like(dh)  # the local derivative, without the incoming gradient


def test_a_layer_class_is_checked_forward_and_backward(monkeypatch):
    dh = np.array([1.0, -2.0, 0.5, 3.0, -1.0])
    toy(monkeypatch, signature="Doubler", answer="layer", fallback=Doubler,
        reference=lambda z, dh=None: 2 * z if dh is None else 2 * dh,
        cases=(Case("forward", (X,)), Case("backward", (X, dh))))
    assert check("toy", Doubler).passed
    failed = check("toy", Forgetful)
    assert not failed.passed and "1 of 2 checks failed" in str(failed)
    assert "has no method backward" in str(check("toy", type("Half", (), {"forward": Doubler.forward})))


def test_adopt_uses_the_students_answer_only_when_it_passes(monkeypatch, capsys):
    toy(monkeypatch, fallback=actlib.relu)
    mine = lambda x: 2 * x  # noqa: E731
    assert adopt("toy", mine) is mine and "Using your" in capsys.readouterr().out
    assert adopt("toy", lambda x: None) is actlib.relu
    assert "does not pass the check of 'toy' yet" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# Predict, then run.


@pytest.fixture
def prediction(monkeypatch):
    def register(**fields):
        p = Prediction(**{"id": "toy-p", "question": "How many?", "explanation": "Because.", **fields})
        monkeypatch.setitem(PREDICTIONS, p.id, p)
        monkeypatch.setattr("actlib.exercises.predictions._recorded", {})
        return p
    return register


def test_a_number_prediction_is_compared_within_its_tolerance(prediction):
    prediction(within=0.1)
    box = predict("toy-p")
    assert "No prediction" not in str(reveal("toy-p", 10.0)) and "recorded no prediction" in str(reveal("toy-p", 10.0))
    box.children[1].value = "10.5"
    assert "✓ Your prediction was right." in str(reveal("toy-p", 10.0))
    box.children[1].value = "20"
    text = str(reveal("toy-p", 10.0, evidence="10 of 16"))
    assert "✗ Not what you predicted." in text and "The run shows: 10 (10 of 16)." in text
    assert text.endswith("Because.")
    box.children[1].value = "lots"
    assert "is not a number" in str(reveal("toy-p", 10.0))


def test_a_choice_prediction_explains_both_the_choice_and_the_result(prediction):
    prediction(options={"up": ("It grows", "growth story"), "down": ("It shrinks", "shrink story")})
    box = predict("toy-p")
    box.children[1].value = "up"
    text = str(reveal("toy-p", "down"))
    assert "You predicted: It grows." in text and "About your choice: growth story" in text
    assert "Why: shrink story" in text and "✗" in text
    assert predict("toy-p").children[1].value == "up"  # running the cell again keeps the choice
    with pytest.raises(ValueError, match="not an option"):
        reveal("toy-p", "sideways")


# ---------------------------------------------------------------------------
# The build and the series' counts.


def test_the_build_expands_hints_from_the_bank_and_refuses_unknown_ids():
    text = build_notebooks._expand_hints("Try it.\n\n<!-- hints: relu -->", lambda i: "here")
    hints = EXERCISES["relu"].hints
    assert text.count("<details>") == 3 and all(h in text for h in hints)
    assert "Hint 1 · a nudge" in text and "Hint 3 · the code pattern" in text
    with pytest.raises(build_notebooks.BuildError, match="no exercise 'nope'"):
        build_notebooks._expand_hints("<!-- hints: nope -->", lambda i: "here")


def test_the_build_clears_reveal_outputs_only(tmp_path):
    import nbformat
    cells = [nbformat.v4.new_code_cell("1", metadata={"tags": ["reveal"]}),
             nbformat.v4.new_code_cell("2")]
    for c in cells:
        c.outputs = [nbformat.v4.new_output("stream", text="x")]
        c.execution_count = 1
    nb = nbformat.v4.new_notebook(cells=cells)
    build_notebooks._hide_reveals(nb)
    assert nb.cells[0].outputs == [] and nb.cells[1].outputs != []


def test_series_counts_each_kind_of_exercise():
    import nbformat
    cells = [nbformat.v4.new_code_cell('check("relu", relu)', metadata={"tags": ["check"]}),
             nbformat.v4.new_code_cell('reveal("p", 1)', metadata={"tags": ["reveal", "exercise-predict"]}),
             nbformat.v4.new_markdown_cell("answer", metadata={"tags": ["exercise-experiment"]}, id="exp")]
    counts = series.exercise_kinds(cells)
    assert counts["implement"] == counts["predict"] == counts["experiment"] == 1
    assert series.exercises(cells) == ("relu", "p", "exp")



@pytest.mark.parametrize("source", sorted((ROOT / "source").glob("[0-9][0-9]_*.py")), ids=lambda p: p.stem)
def test_each_exercise_of_a_notebook_shows_its_staged_hints_from_the_bank(source):
    text = source.read_text(encoding="utf-8")
    number = source.stem[:2]
    for exercise in EXERCISES.values():
        if exercise.notebook == number:
            assert f"<!-- hints: {exercise.id} -->" in text, exercise.id
    assert "<summary>Hint</summary>" not in text  # the old single-stage hints are gone


@pytest.mark.parametrize("student", sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
                         ids=lambda p: p.stem)
def test_a_reveal_is_stored_empty_for_students_and_with_its_output_in_the_solutions(student):
    import nbformat
    solution = nbformat.read(ROOT / "notebooks" / "solutions" / student.name, as_version=4)
    mine = nbformat.read(student, as_version=4)
    reveals = [c.id for c in solution.cells if "reveal" in c.metadata.get("tags", [])]
    for cell in mine.cells:
        if cell.id in reveals:
            assert cell.outputs == [], cell.id
    for cell in solution.cells:
        if cell.id in reveals:
            assert cell.outputs, cell.id
    if student.stem[:2] != "00":
        assert reveals, "every notebook from 01 on has a predict-then-run exercise"


def test_a_derivation_never_shows_its_answer_and_a_raising_answer_is_reported(monkeypatch):
    toy(monkeypatch, signature="(a, b)", answer="value", reference=lambda: (2.0, 0.5),
        cases=(Case("(a, b)", ()),), returns="numbers", elementwise=False)
    text = str(check("toy", (2.0, 0.75)))
    assert "0.75 is too large" in text and "expected" not in text and "0.5" not in text

    def broken():
        return 1 / 0

    assert "raised ZeroDivisionError: division by zero" in str(check("toy", broken))

    def unfinished():
        raise NotImplementedError

    assert not check("toy", unfinished).attempted


def test_a_forbidden_call_passed_on_by_numpy_is_caught(monkeypatch):
    toy(monkeypatch, reference=np.tanh, forbid=("math.tanh",))
    assert "calls math.tanh" in str(check("toy", lambda x: np.vectorize(math.tanh)(x)))
    assert "math.tanh itself" in str(check("toy", np.vectorize(math.tanh)))


# ---------------------------------------------------------------------------
# Every prediction of the series.

CHOICES = [p for p in PREDICTIONS.values() if p.options]


@pytest.mark.parametrize("p", CHOICES, ids=lambda p: p.id)
def test_a_reveal_reads_right_for_a_right_a_wrong_and_a_missing_prediction(p, monkeypatch):
    monkeypatch.setattr("actlib.exercises.predictions._recorded", {})
    right, wrong = list(p.options)[:2]
    missing = str(reveal(p.id, right, evidence="the numbers"))
    assert missing.startswith("You recorded no prediction above.")
    assert "✓" not in missing and "✗" not in missing and f"Why: {p.options[right][1]}" in missing

    predict(p.id).children[1].value = right
    text = str(reveal(p.id, right, evidence="the numbers"))
    assert text.startswith(f"You predicted: {p.options[right][0]}.")
    assert f"The run shows: {p.options[right][0].rstrip('.')} (the numbers)." in text
    assert "✓ Your prediction was right." in text and "About your choice" not in text
    assert text.endswith(p.explanation)

    predict(p.id).children[1].value = wrong
    text = str(reveal(p.id, right))
    assert "✗ Not what you predicted." in text
    assert f"About your choice: {p.options[wrong][1]}" in text and f"Why: {p.options[right][1]}" in text
    assert predict(p.id).children[1].value == wrong  # running the cell again keeps it


@pytest.mark.parametrize("p", list(PREDICTIONS.values()), ids=lambda p: p.id)
def test_every_prediction_asks_a_question_and_explains_every_option(p):
    assert p.question.rstrip().endswith("?") and p.explanation
    if p.options:
        labels, explanations = zip(*p.options.values())
        assert len(set(labels)) == len(set(explanations)) == len(p.options) >= 3


@pytest.mark.parametrize("p", list(PREDICTIONS.values()), ids=lambda p: p.id)
def test_a_reveal_cell_computes_what_it_shows_after_its_predict_cell(p):
    import nbformat
    stem = next((ROOT / "source").glob(f"{p.notebook}_*.py")).stem
    shown = {}
    for version in ("solutions", ""):
        path = ROOT / "notebooks" / version / f"{stem}.ipynb"
        cells = nbformat.read(path, as_version=4).cells
        reveals = [i for i, c in enumerate(cells) if f'reveal("{p.id}"' in c.source]
        predicts = [i for i, c in enumerate(cells) if f'predict("{p.id}")' in c.source]
        assert len(reveals) == len(predicts) == 1 and predicts[0] < reveals[0], path.name
        cell = cells[reveals[0]]
        assert {"reveal", "exercise-predict"} <= set(cell.metadata["tags"])
        assert not re.search(rf'reveal\("{p.id}",\s*["\'\d]', cell.source)  # computed, not typed in
        shown[version or "student"] = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert "The run shows: " in shown["solutions"] and shown["student"] == ""


# ---------------------------------------------------------------------------
# Every exercise of the series: hints in three stages, none giving a line of the solution.

LESSONS = sorted((ROOT / "source").glob("[0-9][0-9]_*.py"))


def _solutions(source):
    """``{exercise id: lines}``: each answer cell's solution lines, by the check that checks it."""
    text = source.read_text(encoding="utf-8")
    checked = {name: exercise for exercise, name in re.findall(r'check\("(\w+)", (\w+)\)', text)}
    out = {}
    for cell in text.split("\n# %%"):
        bodies = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell, re.S)
        if bodies:
            name = re.search(r"^(?:def|class) (\w+)", cell, re.M)[1]
            out[checked[name]] = [line.split("#")[0].strip().removeprefix("return ").strip()
                                  for body in bodies for line in body.splitlines() if line.strip()]
    return out


def _is_value(line):
    try:
        ast.literal_eval(line)
        return True
    except (ValueError, SyntaxError):
        return False


@pytest.mark.parametrize("source", LESSONS, ids=lambda p: p.stem)
def test_no_hint_case_note_or_rule_gives_a_line_of_the_solution(source):
    solutions = _solutions(source)
    assert set(solutions) == {e.id for e in EXERCISES.values() if e.notebook == source.stem[:2]}
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    for exercise_id, lines in solutions.items():
        e = EXERCISES[exercise_id]
        texts = [*e.hints, *(c.hint for c in e.cases), *(c.advice for c in e.cases), e.rule,
                 *e.choices.values()]
        for line in lines:
            # a choice's key, a derived value and bookkeeping such as "self.z = z" are no answer
            if len(squash(line)) > 8 and not _is_value(line):
                assert not any(squash(line) in squash(t) for t in texts), (exercise_id, line)


@pytest.mark.parametrize("exercise", list(EXERCISES.values()), ids=lambda e: e.id)
def test_code_appears_only_in_the_third_hint(exercise):
    nudge, maths, _ = exercise.hints
    assert "`" not in nudge + maths and "np." not in nudge + maths
