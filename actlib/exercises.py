"""Checks for the exercise cells of the notebooks.

In a notebook, after the cell where the student writes ``sigmoid``::

    from actlib.exercises import check
    check("sigmoid", sigmoid)

Each exercise is a row of :data:`EXERCISES`: what the student writes, a hint,
the registry function that gives the expected values, and a few cases (inputs
and parameters) chosen so that the typical mistakes fail. One runner,
:func:`check`, calls the student's function on copies of each case's inputs,
with NumPy's floating-point warnings recorded, and says in plain words what is
right and what is wrong. In a student's notebook it never raises for a mistake
in the student's code, so Run All always runs to the end.

Under grading (nbgrader's ``validate`` or ``autograde``, which set the
environment variable ``NBGRADER_EXECUTION``, or with ``ACTLIB_GRADING`` set)
a check that does not pass raises :class:`CheckFailed`, whose message is the
same report: nbgrader gives a test cell its point when it does not raise.
"""

import ast
import html
import inspect
import os
import re
import textwrap
import warnings
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from .activations import SELU_ALPHA, SELU_SCALE, get
from .nn import INITS, epochs_to_target

__all__ = ["Case", "Exercise", "Outcome", "Result", "CheckFailed", "EXERCISES", "check", "grading"]

# Okabe-Ito blue and vermillion: told apart with every common colour-vision
# deficiency; the ✓ / ✗ symbols carry the same information without colour.
_BLUE, _ORANGE, _GREY = "#0072B2", "#D55E00", "#767676"
_NOT_ATTEMPTED = "not attempted yet: fill in the function above and run this cell again"
_WRAP = 80  # characters per line of a failure's report under grading
_ROW = re.compile(r" {6}\w+: ")  # a row of Result.__str__: its text starts in column 16


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    Attributes
    ----------
    label : str
        What the case checks, shown next to its ✓ or ✗.
    args : tuple
        Positional inputs; arrays are passed as copies.
    params : dict
        Keyword parameters. A case without a parameter tests its default.
    exact : bool
        Demand exact equality (hand-computable values and limits).
    hint : str
        Shown under this case when it fails.
    """

    label: str
    args: tuple
    params: dict = field(default_factory=dict)
    exact: bool = False
    hint: str = ""


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise: what the student writes and how it is checked.

    Attributes
    ----------
    id, title, notebook, signature, hint : str
        The id passed to :func:`check`, a short title, the notebook number
        (``"01"``), the function the student writes, and a hint shown on failure.
    reference : callable
        Takes the same arguments as the student's function and returns the
        expected value, from the registry.
    cases : tuple of Case
    elementwise : bool
        Output element i belongs to input element i (a wrong value is then
        reported at its input value rather than at its index).
    returns : {"array", "number", "numbers"}
        A NumPy array of the expected shape; a single number; or a sequence
        of numbers (a tuple is fine).
    atol, rtol : float
        A value passes when ``|got - expected| <= atol + rtol * |expected|``.
        Loose enough for every textbook form (``0.5 * (1 + tanh(x / 2))`` has
        relative error 1e-3 deep in the left tail, absolute 1e-16), tight
        enough for a wrong constant or a missing factor.
    """

    id: str
    title: str
    notebook: str
    signature: str
    hint: str
    reference: object = field(repr=False)
    cases: tuple = field(repr=False)
    elementwise: bool = field(default=True, repr=False)
    returns: str = field(default="array", repr=False)
    atol: float = field(default=1e-9, repr=False)
    rtol: float = field(default=1e-6, repr=False)

    @property
    def parameters(self):
        """The parameters of :attr:`signature`: name -> default, or ``inspect.Parameter.empty``."""
        args = ast.parse(f"def {self.signature}: pass").body[0].args
        defaults = [inspect.Parameter.empty] * (len(args.args) - len(args.defaults))
        defaults += [ast.literal_eval(d) for d in args.defaults]
        return {a.arg: d for a, d in zip(args.args, defaults)}


@dataclass(frozen=True)
class Outcome:
    """The result of one case: texts ready for display, and what went wrong."""

    label: str
    call: str
    inputs: tuple  # (name, text) pairs
    expected: str
    got: str = ""
    problems: tuple = ()
    hint: str = ""
    stub: bool = False  # returned None (or raised NotImplementedError) and did nothing else

    @property
    def passed(self):
        return not self.problems


@dataclass(frozen=True, eq=False)
class Result:
    """What :func:`check` returns; displays as text, or as a coloured report in a notebook.

    Attributes
    ----------
    exercise : Exercise
    attempted : bool
        False while the function is still the unfilled stub (returns None).
    outcomes : tuple of Outcome
        One per case.
    problem : str
        Why nothing could be checked (the answer is not a function), else "".
    """

    exercise: Exercise
    attempted: bool
    outcomes: tuple = ()
    problem: str = ""

    @property
    def passed(self):
        """True when the answer was attempted and every check passed."""
        return self.attempted and not self.problem and all(o.passed for o in self.outcomes)

    def _headline(self):
        name = self.exercise.id
        if self.problem:
            return f"✗ {name}: {self.problem}"
        if not self.attempted:
            return f"{name}: {_NOT_ATTEMPTED} (so far it returns None)."
        n, failed = len(self.outcomes), sum(not o.passed for o in self.outcomes)
        if not failed:
            return f"✓ {name}: all {n} checks passed."
        return f"✗ {name}: {failed} of {n} checks failed."

    def _items(self):
        """``(passed, label, rows)`` per case; rows are (name, text) pairs, empty if passed."""
        if self.problem or not self.attempted:
            return []
        items, hinted = [], set()
        for o in self.outcomes:
            rows = []
            if not o.passed:
                # The case's own hint, else the exercise's; each hint is shown once.
                hint = o.hint or self.exercise.hint
                rows = [("call", o.call), *o.inputs, ("expected", o.expected), ("got", o.got)]
                rows += [("problem", p) for p in o.problems]
                rows += [("hint", hint)] if hint not in hinted else []
                hinted.add(hint)
            items.append((o.passed, o.label, [r for r in rows if r[1]]))
        return items

    def __str__(self):
        lines = [self._headline()]
        for passed, label, rows in self._items():
            lines.append(f"  {'✓' if passed else '✗'} {label}")
            for key, text in rows:
                text = text.replace("\n", "\n" + " " * 16)
                lines.append(f"      {key + ':':<10}{text}")
        return "\n".join(lines)

    # nbval compares text/plain too: the same deterministic text as str().
    __repr__ = __str__

    def _repr_html_(self):
        colour = _GREY if not self.attempted else _BLUE if self.passed else _ORANGE
        parts = [f'<div style="border-left:4px solid {colour};padding:0.2em 0.8em;margin:0.3em 0">',
                 f'<div style="font-weight:bold;color:{colour}">{_esc(self._headline())}</div>']
        items = self._items()
        if items:
            parts.append('<ul style="list-style:none;margin:0.3em 0;padding-left:0.5em">')
            for passed, label, rows in items:
                mark = (f'<span style="color:{_BLUE}">✓</span>' if passed
                        else f'<span style="color:{_ORANGE};font-weight:bold">✗</span>')
                parts.append(f"<li>{mark} {_esc(label)}")
                if rows:
                    parts.append('<table style="border-collapse:collapse;'
                                 'margin:0.2em 0 0.5em 1.5em">')
                    for key, text in rows:
                        # Values in monospace so that array columns line up; sentences not.
                        cell = (_esc(text) if key in ("problem", "hint") else
                                f'<pre style="margin:0;white-space:pre-wrap">{_esc(text)}</pre>')
                        parts.append(
                            '<tr><th style="text-align:left;vertical-align:top;font-weight:normal;'
                            f'padding:0 1em 0 0">{_esc(key)}</th>'
                            f'<td style="text-align:left">{cell}</td></tr>')
                    parts.append("</table>")
                parts.append("</li>")
            parts.append("</ul>")
        parts.append("</div>")
        return "\n".join(parts)


def _esc(text):
    return html.escape(text, quote=False)


# ---------------------------------------------------------------------------
# The runner.


class CheckFailed(AssertionError):
    """An answer that does not pass, under grading; the message is the checker's report.

    nbgrader scores a test cell by whether it raises, and shows the error in
    ``validate``'s output and in the feedback. IPython renders an exception
    through its ``_render_traceback_`` method when it has one, so the student
    reads the report rather than a traceback through actlib's internals.
    """

    def _render_traceback_(self):
        name = type(self).__name__
        lines = [part for line in f"{name}: {self}".splitlines() for part in _wrap(line)]
        lines[0] = f"\x1b[0;31m{name}\x1b[0m" + lines[0][len(name):]  # red, as IPython shows it
        return lines


def _wrap(line):
    """Wrap a line of a report at ``_WRAP`` characters, a row's text continuing under its start.

    nbgrader validate cuts every line of an error at 87 characters.
    """
    indent = 16 if _ROW.match(line) else len(line) - len(line.lstrip()) + 4
    return textwrap.wrap(line, _WRAP, subsequent_indent=" " * indent,
                         break_long_words=False, break_on_hyphens=False) or [line]


def grading():
    """Whether :func:`check` runs for a grader rather than for a student.

    Returns
    -------
    bool
        True when nbgrader executes the notebook (``nbgrader validate``, which
        the Validate button also runs, and ``nbgrader autograde`` set
        ``NBGRADER_EXECUTION``), or when ``ACTLIB_GRADING`` is set to anything
        but "" (the switch for other graders).
    """
    return bool(os.environ.get("NBGRADER_EXECUTION") or os.environ.get("ACTLIB_GRADING"))


def check(exercise_id, answer, *, example=False):
    """Check the student's function ``answer`` for exercise ``exercise_id``.

    Parameters
    ----------
    exercise_id : str
        A key of :data:`EXERCISES`.
    answer : callable
        The student's function, with the signature the exercise asks for.
    example : bool, optional
        The call shows the feedback for a mistake on purpose, as a worked
        example: it returns the report and never raises, even under grading.
        Such a cell is no graded test cell.

    Returns
    -------
    Result or None
        The report: ``.passed``, ``.attempted``; ``str(result)`` is the text,
        and a notebook shows it coloured. Under grading (see :func:`grading`)
        a passing answer prints the report's first line and returns None: a
        value shown by a test cell would be read by nbgrader as its score.

    Raises
    ------
    KeyError
        If there is no such exercise; the message lists the valid ids.
    CheckFailed
        Only under grading, when the answer does not pass (a stub included);
        the message is the report. Run interactively, ``check`` never raises
        for the student's answer.
    """
    result = _check(exercise_id, answer)
    if example or not grading():
        return result
    if not result.passed:
        raise CheckFailed(str(result))
    print(result._headline())
    return None


def _check(exercise_id, answer):
    try:
        exercise = EXERCISES[exercise_id]
    except (KeyError, TypeError):
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are "
                       f"{', '.join(EXERCISES)}") from None
    if not callable(answer):
        return Result(exercise, attempted=True, problem=(
            f"check() needs the function itself, as in check({exercise.id!r}, {exercise.id}), "
            f"without parentheses after the name; got {_describe_object(answer)}."))
    wrong_defaults = _wrong_defaults(exercise, answer)
    outcomes = tuple(_check_case(exercise, case, answer, wrong_defaults)
                     for case in exercise.cases)
    return Result(exercise, attempted=not all(o.stub for o in outcomes), outcomes=outcomes)


@dataclass
class _Run:
    value: object = None
    error: Exception = None
    warnings: tuple = ()
    modified: tuple = ()  # names of the inputs changed in place


def _run(answer, names, args, params):
    """Call ``answer`` on copies of ``args``, with warnings recorded and NumPy's state restored."""
    copies = _copies(args)
    run = _Run()
    # catch_warnings and errstate both restore the global state on exit, whatever
    # the student's code set; underflow to 0 is the right answer, not a problem.
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            run.value = answer(*copies, **params)
        except Exception as exc:  # the student's mistake, to be reported
            run.error = exc
    run.warnings = tuple(dict.fromkeys(str(w.message) for w in caught
                                       if issubclass(w.category, RuntimeWarning)))
    run.modified = tuple(n for n, a, c in zip(names, args, copies)
                         if isinstance(a, np.ndarray) and not np.array_equal(a, c, equal_nan=True))
    return run


def _check_case(exercise, case, answer, wrong_defaults):
    names = list(exercise.parameters)
    expected = _reference(exercise, case.args, case.params)
    shown = [f"{n}={v!r}" for n, v in case.params.items()]
    call = f"{exercise.id}({', '.join(names[:len(case.args)] + shown)})"
    inputs = tuple((n, _show(a)) for n, a in zip(names, case.args))

    def outcome(*problems, got="", stub=False):
        problems = tuple(p for p in problems if p)
        return Outcome(case.label, call, inputs, _show(expected), got, problems,
                       case.hint if problems else "", stub)

    bad_call = _signature_problem(exercise, answer, case)
    if bad_call:
        return outcome(bad_call)
    run = _run(answer, names, case.args, case.params)
    side = (f"modified its input {', '.join(run.modified)} in place (the caller's array "
            "changes too): build a new array, or work on a copy" if run.modified else "",
            f"NumPy warned: {'; '.join(run.warnings)}" if run.warnings else "")
    if run.error is not None:
        stub = isinstance(run.error, NotImplementedError) and not any(side)
        message = _scrub(str(run.error))
        return outcome(f"raised {type(run.error).__name__}{': ' * bool(message)}{message}",
                       *side, stub=stub)
    if run.value is None:
        return outcome("returned None: is the return statement missing?", *side,
                       got="None", stub=not any(side))
    got, problem = _as_numbers(exercise, run.value, expected)
    if problem:
        return outcome(problem, *side, got=_show(run.value))
    problem = _compare(exercise, case, got, expected)
    cause = _why_wrong(exercise, case, answer, got, wrong_defaults) if problem else ""
    return outcome(cause, problem, *side, got=_show(got))


def _copies(args):
    return [a.copy() if isinstance(a, np.ndarray) else a for a in args]


def _reference(exercise, args, params):
    return np.asarray(exercise.reference(*_copies(args), **params), dtype=np.float64)


def _signature_problem(exercise, answer, case):
    """Explain why ``answer`` cannot take this case's arguments, or return ""."""
    try:
        signature = inspect.signature(answer)
    except (TypeError, ValueError):  # some builtins have none: just call them
        return ""
    try:
        signature.bind(*case.args, **case.params)
    except TypeError as exc:
        unexpected = re.search(r"unexpected keyword argument '(\w+)'", str(exc))
        if unexpected:
            return (f"the function takes no parameter '{unexpected.group(1)}': "
                    f"the exercise asks for {exercise.signature}")
        return f"it cannot be called this way ({exc}): the exercise asks for {exercise.signature}"
    return ""


def _wrong_defaults(exercise, answer):
    """``{name: (student's default, the exercise's)}`` for every default that differs."""
    try:
        theirs = inspect.signature(answer).parameters
    except (TypeError, ValueError):
        return {}
    return {name: (theirs[name].default, default)
            for name, default in exercise.parameters.items()
            if default is not inspect.Parameter.empty and name in theirs
            and theirs[name].default is not inspect.Parameter.empty
            and not _same_value(theirs[name].default, default)}


def _same_value(a, b):
    try:
        return bool(a == b)
    except Exception:  # an array default, say: certainly not the exercise's
        return False


def _as_numbers(exercise, value, expected):
    """Return ``(array, "")``, or ``(None, problem)`` if ``value`` has the wrong type or shape."""
    if exercise.returns == "array" and not isinstance(value, np.ndarray):
        length = f" of length {len(value)}" if isinstance(value, (list, tuple)) else ""
        return None, (f"returned a {type(value).__name__}{length}, not a NumPy array of shape "
                      f"{expected.shape}: use NumPy operations that work on the whole array")
    try:
        got = np.asarray(value)
    except Exception:  # e.g. a ragged list
        got = None
    if got is None or got.dtype.kind not in "biuf":
        return None, f"returned {_describe_object(value)}, not numbers"
    if got.dtype.kind == "b":
        return None, "returned booleans (True/False): convert them to 0.0/1.0 with .astype(float)"
    if got.dtype.kind in "iu":
        return None, (f"returned integers (dtype {got.dtype}): return floats, "
                      "e.g. with .astype(float) or by writing 1.0 instead of 1")
    if got.shape != expected.shape:
        if exercise.returns == "number":
            return None, f"expected a single number, got an array of shape {got.shape}"
        return None, f"expected shape {expected.shape}, got {got.shape}"
    return got, ""


def _compare(exercise, case, got, expected):
    """Describe the first wrong value of ``got``, or return ""."""
    atol, rtol = (0.0, 0.0) if case.exact else (exercise.atol, exercise.rtol)
    got64 = got.astype(np.float64)
    with np.errstate(all="ignore"):
        close = np.where(np.isfinite(expected),
                         np.abs(got64 - expected) <= atol + rtol * np.abs(expected),
                         (got64 == expected) | (np.isnan(got64) & np.isnan(expected)))
    if close.all():
        return ""
    bad = np.argwhere(~close)
    index = tuple(bad[0])
    g, e = _num(got64[index]), _num(expected[index])
    where = _where(exercise, case, index)
    count = f" ({len(bad)} of {close.size} values wrong)" if close.size > 1 else ""
    if np.isfinite(got64[index]) or not np.isfinite(expected[index]):
        exactly = " exactly" if case.exact else ""
        return f"wrong value{where}: expected{exactly} {e}, got {g}{count}"
    return f"{'NaN' if g == 'nan' else g} in the output{where}, where the answer is {e}{count}"


def _where(exercise, case, index):
    if not index:
        return ""
    x = case.args[0] if case.args else None
    if exercise.elementwise and isinstance(x, np.ndarray) and x.ndim == len(index):
        return f" at {next(iter(exercise.parameters))} = {_num(x[index])}"
    index = tuple(int(i) for i in index)
    return f" at index {index[0] if len(index) == 1 else index}"


def _why_wrong(exercise, case, answer, got, wrong_defaults):
    """A likely cause of a wrong value, in a few words, or ""."""
    if case.params:
        # Ignored parameter: the student's result equals their own default-parameter result.
        run = _run(answer, list(exercise.parameters), case.args, {})
        default = _reference(exercise, case.args, {})
        base, bad = _as_numbers(exercise, run.value, default)
        if (not bad and np.array_equal(base, got, equal_nan=True) and not np.array_equal(
                default, _reference(exercise, case.args, case.params), equal_nan=True)):
            names = " or ".join(case.params)
            return f"the result does not change with {names}: is the parameter used?"
    return "; ".join(f"the default is {n}={wrong_defaults[n][0]!r}, but the exercise asks "
                     f"for {n}={wrong_defaults[n][1]!r}" for n in wrong_defaults
                     if n not in case.params)


# ---------------------------------------------------------------------------
# Display: short, and the same on every run (nbval compares the text).


def _num(v):
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


def _show(value):
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.ndim == 0:
            return _num(value[()])
        return np.array2string(value, precision=8, separator=", ", threshold=30, edgeitems=4,
                               max_line_width=78, floatmode="maxprec", suppress_small=False,
                               sign="-", legacy=False)
    if _is_number(value):
        return _num(value)
    if isinstance(value, (list, tuple)) and all(_is_number(v) for v in value):
        text = ", ".join(_num(v) for v in value)
        return _short(f"[{text}]" if isinstance(value, list) else f"({text})")
    return _scrub(_short(repr(value)))


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _short(text, limit=200):
    return text if len(text) <= limit else text[:limit] + "..."


def _scrub(text):
    """Remove memory addresses, which differ between runs."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", text)


def _describe_object(value):
    if value is None:
        return "None"
    return f"{_show(value)} (type {type(value).__name__})"


# ---------------------------------------------------------------------------
# The exercises: inputs chosen so that the typical mistakes fail.

def _a(*values):
    return np.array(values, dtype=np.float64)


_X = _a(-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0)
_X2 = np.array([[-2.0, -0.25, 0.0], [0.75, 1.5, 4.0]])
# Tails where the naive formulas still work (exp of at most 40 stays finite).
_TAILS = _a(-20.0, -8.0, -2.5, 2.5, 8.0, 20.0)
_Z = _a(1.0, 2.0, 3.0, -1.5)
_Z2 = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 0.5]])
# Units are columns: 0 and 1 are dead (1 is exactly 0 throughout), 2 and 4 fire once.
_PRE = np.array([[-1.0, 0.0, -2.0, 0.5, -0.3],
                 [-0.5, 0.0, 1.0, 1.5, -0.1],
                 [-2.0, 0.0, -0.5, 0.1, 0.2],
                 [-0.1, 0.0, -1.0, 2.0, -0.4]])

_E6 = _a(0.0, 1.0, 2.0, 3.0, 4.0, 5.0)  # epochs 0 (before training) to 5

# Notebook 00: five examples with two inputs each, with weights and biases made
# of halves so that every weighted sum is exact; W2 @ W1 fails for each pair.
_XN = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0], [2.0, -1.0], [-0.5, -3.0]])
_XN3 = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.5], [-2.0, -0.5, 0.0], [3.0, 1.0, -1.0]])
_W1 = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]])  # 2 inputs -> 3 hidden units
_W2 = np.array([[2.0, 0.0], [1.0, -1.0], [-1.0, 0.5]])  # 3 hidden units -> 2 outputs
_SQ = np.array([[1.0, 2.0], [0.0, 1.0]])  # not symmetric: A @ B and B @ A differ
_SQ2 = np.array([[0.0, 1.0], [1.0, 1.0]])
_W34 = np.array([[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -1.0], [0.0, -2.0, 1.0, 1.0]])
_W41 = np.array([[1.0], [-0.5], [2.0], [0.0]])

_ROW_ORDER = ("x @ W1 @ W2 multiplies by W1 first, so W = W1 @ W2: with one example per row, "
              "as in NumPy, the first layer's matrix stands on the left (textbooks that write "
              "W x for a column vector x write the same map as W2 W1).")

_STABLE_EXP = ("exp of a large positive number overflows (exp(710) = inf), and np.where "
               "evaluates both branches, so the branch it discards must not overflow either. "
               "Clipping x is not enough: in float64, sigmoid(-1000) is exactly 0.0.")


def _smooth(exact_label, exact_at):
    """The cases of a smooth elementwise exercise without parameters."""
    return (Case(exact_label, (_a(*exact_at),), exact=True),
            Case("values between -3 and 3", (_X,)),
            Case("tails, |x| up to 20", (_TAILS,)),
            Case("2-D input, same shape out", (_X2,)))


def _init_std(init, fan_in, fan_out):
    return INITS[init](fan_in, fan_out, None)


def _neuron(x, w, b, f):
    return f(x @ w + b)


def _collapse_weights(W1, W2):
    return W1 @ W2


def _collapse_bias(b1, W2, b2):
    # (x @ W1 + b1) @ W2 + b2 = x @ (W1 @ W2) + (b1 @ W2 + b2)
    return b1 @ W2 + b2


def _dead_fraction(pre):
    # A unit is dead when ReLU passes no gradient for any sample.
    return np.mean(np.all(get("relu").derivative(pre) == 0, axis=0))


def _selu_constants():
    return SELU_ALPHA, SELU_SCALE


def _cross_entropy_grad(logits, target):
    return get("softmax")(logits) - np.eye(len(logits))[target]


_EXERCISE_LIST = [
    Exercise(
        "neuron", "One neuron", "00", "neuron(x, w, b, f)",
        "x has one example per row, so x @ w is the weighted sum of every example at once; "
        "add the bias b to it, and only then apply f, the activation function you are "
        "given: f(z).",
        _neuron,
        (Case("relu, 5 examples with 2 inputs: relu(x @ w + b)",
              (_XN, _a(0.5, -1.0), 0.25, get("relu")), exact=True),
         Case("step: 1 where x @ w + b > 0", (_XN, _a(1.0, 1.0), -0.5, get("step")), exact=True),
         Case("tanh, negative bias", (_XN, _a(-0.3, 0.8), -1.0, get("tanh"))),
         Case("sigmoid, 4 examples with 3 inputs", (_XN3, _a(1.0, -2.0, 0.5), 0.1,
                                                    get("sigmoid")))),
        elementwise=False),
    Exercise(
        "collapse_weights", "Two linear layers: the weight matrix", "00",
        "collapse_weights(W1, W2)",
        _ROW_ORDER + " Use @ (the matrix product), not * (elementwise).",
        _collapse_weights,
        (Case("2 inputs -> 3 hidden -> 2 outputs: shape (2, 2)", (_W1, _W2)),
         Case("square matrices, where the order changes the values", (_SQ, _SQ2)),
         Case("3 inputs -> 4 hidden -> 1 output: shape (3, 1)", (_W34, _W41))),
        elementwise=False),
    Exercise(
        "collapse_bias", "Two linear layers: the bias", "00", "collapse_bias(b1, W2, b2)",
        "Expand (x @ W1 + b1) @ W2 + b2: the first bias passes through the second layer's "
        "matrix too, so b = b1 @ W2 + b2, a vector with one entry per output.",
        _collapse_bias,
        (Case("3 hidden units, 2 outputs", (_a(0.5, -1.0, 2.0), _W2, _a(0.25, -0.5))),
         Case("b1 = 0: only b2 is left", (np.zeros(3), _W2, _a(0.25, -0.5)), exact=True),
         Case("b2 = 0: b1 carried through W2", (_a(0.5, -1.0, 2.0), _W2, np.zeros(2))),
         Case("square W2, where b1 @ W2 and W2 @ b1 differ", (_a(1.0, -2.0), _SQ, _a(0.5, 0.5))),
         Case("4 hidden units, 1 output", (_a(1.0, 0.5, -1.0, 2.0), _W41, _a(-0.75)))),
        elementwise=False),
    Exercise(
        "step", "Step function", "01", "step(x, threshold=0.0)",
        "1.0 where x > threshold and 0.0 where x <= threshold (also at x == threshold), "
        "for the whole array at once, e.g. with np.where; use the parameter, not the number 0.",
        get("step"),
        (Case("0 at x = 0, 1 above (step(0) = 0)", (_X,), exact=True),
         Case("threshold = 0.5 (0 at x = 0.5)", (_X,), {"threshold": 0.5}, exact=True),
         Case("threshold = -1.0", (_X,), {"threshold": -1.0}, exact=True),
         Case("2-D input, same shape out", (_X2,), exact=True))),
    Exercise(
        "sigmoid", "Stable sigmoid", "01", "sigmoid(x)",
        "sigmoid(x) = 1 / (1 + exp(-x)), written so that exp never sees a large positive "
        "number: e.g. with e = np.exp(-np.abs(x)), or as 0.5 * (1 + np.tanh(x / 2)).",
        get("sigmoid"),
        (*_smooth("sigmoid(0) = 0.5 exactly", [0.0]),
         Case("x = -1000 and 1000: exactly 0 and 1, without overflow", (_a(-1000.0, 1000.0),),
              exact=True, hint=_STABLE_EXP))),
    Exercise(
        "sigmoid_derivative", "Derivative of the sigmoid", "01", "sigmoid_derivative(x)",
        "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)): reuse your sigmoid.",
        get("sigmoid").derivative, _smooth("sigmoid'(0) = 0.25 exactly", [0.0])),
    Exercise(
        "bipolar_sigmoid", "Bipolar sigmoid", "01", "bipolar_sigmoid(x)",
        "bipolar_sigmoid(x) = 2 * sigmoid(x) - 1: it runs from -1 to 1 and is 0 at x = 0.",
        get("bipolar_sigmoid"), _smooth("bipolar_sigmoid(0) = 0 exactly", [0.0])),
    Exercise(
        "tanh_from_sigmoid", "tanh from the sigmoid", "02", "tanh_from_sigmoid(x)",
        "tanh(x) = 2 * sigmoid(2 * x) - 1: the argument is doubled too.",
        get("tanh"), _smooth("tanh(0) = 0 exactly", [0.0])),
    Exercise(
        "tanh_derivative", "Derivative of tanh", "02", "tanh_derivative(x)",
        "tanh'(x) = 1 - tanh(x)**2.",
        get("tanh").derivative, _smooth("tanh'(0) = 1 exactly", [0.0])),
    Exercise(
        "sigmoid_from_tanh", "The sigmoid from tanh", "02", "sigmoid_from_tanh(x)",
        "sigmoid(x) = 0.5 * (1 + tanh(x / 2)): the argument is halved.",
        get("sigmoid"), _smooth("sigmoid(0) = 0.5 exactly", [0.0])),
    Exercise(
        "relu", "ReLU", "03", "relu(x)",
        "max(0, x) for each element: np.maximum(x, 0.0) (Python's max does not work on "
        "arrays). Return a new array; do not change x.",
        get("relu"),
        (Case("relu(x) around 0", (_X,), exact=True),
         Case("2-D input, same shape out", (_X2,), exact=True))),
    Exercise(
        "relu_derivative", "Derivative of ReLU", "03", "relu_derivative(x)",
        "1.0 where x > 0 and 0.0 where x <= 0 (the convention at x = 0 is 0).",
        get("relu").derivative,
        (Case("0 at x = 0, 1 above", (_X,), exact=True),
         Case("2-D input, same shape out", (_X2,), exact=True))),
    Exercise(
        "dead_fraction", "Fraction of dead ReLU units", "03", "dead_fraction(pre)",
        "pre has one row per sample and one column per unit. A unit is dead when its column "
        "is <= 0 in every row: np.all(pre <= 0, axis=0); return the fraction of such units "
        "as a float.",
        _dead_fraction,
        (Case("2 of 5 units dead (one is exactly 0 throughout): 0.4", (_PRE,), exact=True),
         Case("no dead unit: 0.0", (np.abs(_PRE) + 0.1,), exact=True),
         Case("every unit dead: 1.0", (0.0 - np.abs(_PRE),), exact=True),
         Case("a single sample: 2 of 3", (np.array([[-1.0, 0.0, 2.0]]),))),
        elementwise=False, returns="number"),
    Exercise(
        "leaky_relu", "Leaky ReLU", "03", "leaky_relu(x, negative_slope=0.01)",
        "x where x > 0 and negative_slope * x where x <= 0: use the parameter, not 0.01.",
        get("leaky_relu"),
        (Case("default negative_slope", (_X,)),
         Case("negative_slope = 0.5: leaky_relu(-2) = -1 exactly", (_a(-2.0, 0.0, 3.0),),
              {"negative_slope": 0.5}, exact=True),
         Case("negative_slope = 0.2", (_X,), {"negative_slope": 0.2}),
         Case("2-D input, same shape out", (_X2,), {"negative_slope": 0.1}))),
    Exercise(
        "prelu_grad_a", "PReLU: gradient with respect to a", "03", "prelu_grad_a(x, a)",
        "prelu(x) = x for x > 0 and a * x for x <= 0, so d prelu / d a is x where x <= 0 "
        "and 0 where x > 0; it does not depend on a.",
        lambda x, a: get("prelu").derivative_a(x, a=a),
        (Case("a = 0.25", (_X, 0.25), exact=True),
         Case("a = 0.1, 2-D input", (_X2, 0.1), exact=True))),
    Exercise(
        "elu", "ELU", "04", "elu(x, alpha=1.0)",
        "x where x > 0 and alpha * (exp(x) - 1) where x <= 0 (np.expm1(x) is exp(x) - 1); "
        "use the parameter alpha, not 1.",
        get("elu"),
        (Case("x >= 0 is passed through, elu(0) = 0", (_a(0.0, 0.5, 2.0),), exact=True),
         Case("default alpha", (_X,)),
         Case("alpha = 0.5", (_X,), {"alpha": 0.5}),
         Case("alpha = 2.0, tails", (_TAILS,), {"alpha": 2.0}),
         Case("2-D input, same shape out", (_X2,), {"alpha": 1.5}))),
    Exercise(
        "selu_constants", "SELU constants from the fixed point", "04", "selu_constants()",
        "Write E[selu(z)] and E[selu(z)**2] for z ~ N(0, 1) as integrals against the normal "
        "density (scipy.integrate.quad), solve E = 0 and E2 = 1 for (alpha, scale) "
        "(scipy.optimize.fsolve), and return them in that order.",
        _selu_constants,
        (Case("(alpha, scale) to within 1e-6", ()),),
        elementwise=False, returns="numbers", atol=1e-6, rtol=0.0),
    Exercise(
        "selu", "SELU", "04", "selu(x)",
        f"scale * elu(x, alpha) with alpha = {SELU_ALPHA!r} and scale = {SELU_SCALE!r}: "
        "the scale multiplies both branches.",
        get("selu"),
        (Case("selu(0) = 0 exactly", (_a(0.0),), exact=True),
         Case("values between -3 and 3", (_X,)),
         Case("tails, |x| up to 20", (_TAILS,)),
         Case("2-D input, same shape out", (_X2,)))),
    Exercise(
        "softmax", "Stable softmax", "05", "softmax(z, axis=-1)",
        "Subtract the maximum along the axis (keepdims=True) before np.exp, then divide by "
        "the sum along the same axis (keepdims=True).",
        get("softmax"),
        (Case("equal scores give 1/K exactly", (_a(0.0, 0.0, 0.0, 0.0),), exact=True),
         Case("1-D scores", (_Z,)),
         Case("large scores [1000, 1001, 1002], without overflow", (_a(1000.0, 1001.0, 1002.0),),
              hint="softmax(z) = softmax(z - max(z)), and exp(z - max(z)) cannot overflow."),
         Case("2-D, one example per row (axis=-1)", (_Z2,)),
         Case("2-D, axis=0", (_Z2,), {"axis": 0}),
         Case("2-D, rows on very different scales", (np.array([[1000.0, 1001.0, 1002.0],
                                                               [-1.0, 0.0, 1.0]]),),
              hint="subtract the maximum of each row (axis, keepdims=True), "
                   "not the maximum of the whole array."),
         Case("-inf masks a class: probability 0", (np.array([[0.0, -np.inf, 1.0],
                                                              [2.0, 2.0, -np.inf]]),))),
        elementwise=False),
    Exercise(
        "log_softmax", "Stable log-softmax", "05", "log_softmax(z, axis=-1)",
        "log(softmax(z)) is -inf where softmax underflows to 0. Compute "
        "z - m - log(sum(exp(z - m))) with m the maximum along the axis (keepdims=True).",
        get("log_softmax"),
        (Case("1-D scores", (_Z,)),
         Case("z = [0, -1000] gives [0, -1000]: finite where softmax underflows",
              (_a(0.0, -1000.0),)),
         Case("large scores [1000, 1001, 1002], without overflow",
              (_a(1000.0, 1001.0, 1002.0),)),
         Case("2-D, one example per row (axis=-1)", (_Z2,)),
         Case("2-D, axis=0", (_Z2,), {"axis": 0}),
         Case("-inf masks a class: log-probability -inf", (np.array([[0.0, -np.inf, 1.0]]),))),
        elementwise=False),
    Exercise(
        "softmax_jacobian", "Softmax Jacobian", "05", "softmax_jacobian(z)",
        "J[i, j] = s[i] * (delta_ij - s[j]) with s = softmax(z): np.diag(s) - np.outer(s, s).",
        get("softmax").jacobian,
        (Case("equal scores, K = 4", (_a(0.0, 0.0, 0.0, 0.0),)),
         Case("z = [1, 2, 3]", (_a(1.0, 2.0, 3.0),)),
         Case("K = 5", (_a(2.0, -1.0, 0.5, 0.0, 1.0),))),
        elementwise=False),
    Exercise(
        "cross_entropy_grad", "Gradient of the cross-entropy", "05",
        "cross_entropy_grad(logits, target)",
        "The gradient of -log softmax(logits)[target] is softmax(logits) minus the one-hot "
        "vector of target: subtract 1 at index target only.",
        _cross_entropy_grad,
        (Case("equal logits, target 1", (_a(0.0, 0.0, 0.0, 0.0), 1)),
         Case("logits [1, 2, 3], target 0", (_a(1.0, 2.0, 3.0), 0)),
         Case("logits [1, 2, 3], target 2", (_a(1.0, 2.0, 3.0), 2)),
         Case("5 classes, target 3", (_a(2.0, -1.0, 0.5, 0.0, 1.0), 3))),
        elementwise=False),
    Exercise(
        "swish", "Swish", "06", "swish(x, beta=1.0)",
        "swish(x) = x * sigmoid(beta * x): use the parameter beta, not 1.",
        get("swish"),
        (Case("beta = 0 gives x / 2 exactly", (_X,), {"beta": 0.0}, exact=True),
         Case("default beta", (_X,)),
         Case("beta = 2.0", (_X,), {"beta": 2.0}),
         Case("beta = 0.5, tails", (_TAILS,), {"beta": 0.5}),
         Case("2-D input, same shape out", (_X2,), {"beta": 1.5}))),
    Exercise(
        "gelu", "GELU, exact", "06", "gelu(x)",
        "gelu(x) = x * Phi(x), with Phi the standard normal CDF: "
        "0.5 * (1 + scipy.special.erf(x / np.sqrt(2))), or scipy.special.ndtr(x).",
        get("gelu"), _smooth("gelu(0) = 0 exactly", [0.0])),
    Exercise(
        "gelu_tanh", "GELU, tanh approximation", "06", "gelu_tanh(x)",
        "0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))), with np.sqrt(2 / np.pi).",
        partial(get("gelu"), approximate="tanh"), _smooth("gelu_tanh(0) = 0 exactly", [0.0])),
    Exercise(
        "init_std", "Standard deviation of an initialisation", "07", "init_std(init, fan_in, fan_out)",
        "He: sqrt(2 / fan_in); Xavier: sqrt(2 / (fan_in + fan_out)); LeCun: sqrt(1 / fan_in). "
        "Return the standard deviation (the square root), not the variance.",
        _init_std,
        (Case("LeCun, 64 inputs: sqrt(1 / 64) = 0.125", ("lecun", 64, 10), exact=True),
         Case("He, 100 inputs", ("he", 100, 50)),
         Case("He depends on fan_in only: 32 in, 128 out", ("he", 32, 128),
              hint="He and LeCun scale with the number of inputs (fan_in) alone."),
         Case("Xavier, 100 in and 50 out", ("xavier", 100, 50),
              hint="Xavier averages the two: sqrt(2 / (fan_in + fan_out))."),
         Case("Xavier, a square layer of 32", ("xavier", 32, 32))),
        elementwise=False, returns="number"),
    Exercise(
        "epochs_to_target", "Epochs to a target accuracy", "07",
        "epochs_to_target(epochs, accuracy, target=0.9)",
        "Find the first index i with accuracy[i] >= target (np.flatnonzero or a loop) and return "
        "epochs[i], the epoch recorded there, as a float; if there is none, return np.inf.",
        epochs_to_target,
        (Case("reached at epoch 3", (_E6, _a(0.1, 0.5, 0.85, 0.92, 0.95, 0.97)), exact=True),
         Case("equal to the target counts: target = 0.75", (_E6, _a(0.5, 0.6, 0.75, 0.8, 0.7, 0.9)),
              {"target": 0.75}, exact=True),
         Case("the first time, even if it drops again", (_E6, _a(0.5, 0.95, 0.8, 0.85, 0.96, 0.97)),
              exact=True),
         Case("reached before training: 0.0", (_E6, _a(0.91, 0.5, 0.6, 0.7, 0.8, 0.9)), exact=True),
         Case("never reached: inf", (_E6, _a(0.1, 0.2, 0.3, 0.4, 0.5, 0.6)), exact=True,
              hint="Return np.inf when the target is never reached: not None, not -1, and not "
                   "np.argmax's 0 (argmax of an all-False array is 0)."),
         Case("recorded every 5 epochs: the epoch, not the index",
              (_a(0.0, 5.0, 10.0, 15.0, 20.0), _a(0.2, 0.6, 0.93, 0.95, 0.97)), exact=True,
              hint="Return epochs[i], not i: the history need not have one entry per epoch."),
         Case("a run that stopped at epoch 2.5", (_a(0.0, 1.0, 2.0, 2.5), _a(0.2, 0.5, 0.7, 0.91)),
              exact=True)),
        elementwise=False, returns="number"),
]

EXERCISES = {e.id: e for e in _EXERCISE_LIST}
"""Every exercise by id, in the order of the notebooks."""
