"""The runner: call the student's function on each case and say what is right and wrong."""

import inspect
import os
import re
import warnings
from dataclasses import dataclass, replace

import numpy as np

from ..i18n import tr
from .bank import EXERCISES
from .report import (CheckFailed, Outcome, Result, _describe_object, _esc, _num, _scrub, _show,
                     hint_text)
from .rules import forbidden, inherits, is_forbidden, tripwires

# Per exercise, in this kernel: failed checks, and the hint stage the student asked for.
_failures = {}
_asked = {}
FAILURES_PER_STAGE = 2  # a failed check shows the next hint after this many more failures


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
    if result.attempted and not result.passed and not result.problem:
        if not example:  # a worked example is not the student's failure, and shows the nudge
            _failures[result.exercise.id] = _failures.get(result.exercise.id, 0) + 1
        result = replace(result, hint_level=1 if example else _level(result.exercise))
    if example or not grading():
        return result
    if not result.passed:
        raise CheckFailed(str(result))
    print(result._headline())
    return None


def _level(exercise):
    """The hint stage a student has reached: one per FAILURES_PER_STAGE failures, or as asked."""
    failed = _failures.get(exercise.id, 0)
    by_failures = 1 + (failed - 1) // FAILURES_PER_STAGE if failed else 0
    return min(max(by_failures, _asked.get(exercise.id, 0)), len(exercise.hints))


class Hints:
    """The hints a student has unlocked for one exercise; displays as text or HTML."""

    def __init__(self, exercise, level):
        self.exercise, self.level = exercise, level

    def __str__(self):
        return "\n".join(hint_text(self.exercise, i, more=i == self.level)
                         for i in range(1, self.level + 1))

    __repr__ = __str__

    def _repr_html_(self):
        return f'<pre style="white-space:pre-wrap">{_esc(str(self))}</pre>'


def hint(exercise_id):
    """Show the next hint of an exercise, with the ones shown before.

    The hints come in stages: a nudge, the mathematics, the code pattern.
    A failed :func:`check` moves on by itself after repeated failures; this
    moves on at once, for a student who is stuck.

    Parameters
    ----------
    exercise_id : str
        A key of :data:`EXERCISES`.

    Returns
    -------
    Hints
    """
    exercise = _exercise(exercise_id)
    _asked[exercise.id] = min(_level(exercise) + 1, len(exercise.hints))
    return Hints(exercise, _level(exercise))


def adopt(exercise_id, answer):
    """The student's answer if it passes its check, else actlib's version, saying which.

    For a cell that goes on to use the student's code (to train a network with
    their layer): a student who has not finished the exercise still gets a
    working notebook, and a visible note says so.

    Parameters
    ----------
    exercise_id : str
    answer : object
        What the student would pass to :func:`check`.

    Returns
    -------
    object
        ``answer``, or the exercise's ``fallback``.
    """
    exercise = _exercise(exercise_id)
    name = getattr(answer, "__name__", "answer")
    if _check(exercise_id, answer).passed:
        print(tr("Using your {name}: it passes the check of {id}.", name=name, id=repr(exercise.id)))
        return answer
    fallback = getattr(exercise.fallback, "__name__", None) or repr(exercise.fallback)
    print(tr("Note: your {name} does not pass the check of {id} yet (run its check cell "
             "to see why), so the cells below use actlib's {fallback} instead. Fix it and run "
             "this cell again to use yours.", name=name, id=repr(exercise.id), fallback=fallback))
    return exercise.fallback


def _exercise(exercise_id):
    try:
        return EXERCISES[exercise_id]
    except (KeyError, TypeError):
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are "
                       f"{', '.join(EXERCISES)}") from None


def _rule(exercise, names):
    what = tr(" and ").join(names)
    rule = tr(exercise.rule) or tr("write it yourself from NumPy's building blocks (np.exp, np.where, "
                                   "np.maximum, np.log1p, ...)")
    return tr("your function calls {what}, which this exercise does not allow: {rule}.",
              what=what, rule=rule)


def _check(exercise_id, answer):
    exercise = _exercise(exercise_id)
    if exercise.answer in ("choice", "value") and callable(answer):
        try:  # the answer cell is a function returning the value (nbgrader stubs it)
            answer = answer()
        except NotImplementedError:
            return Result(exercise, attempted=False)
        except Exception as exc:  # the student's mistake, reported like a case's
            message = _scrub(str(exc))
            return Result(exercise, attempted=True, problem=tr(
                "your function raised {error}", error=f"{type(exc).__name__}{': ' * bool(message)}{message}"))
    if exercise.answer == "choice":
        return _check_choice(exercise, answer)
    if exercise.answer == "value":
        return _check_cases(exercise, _Value(answer), answer)
    if not callable(answer):
        return Result(exercise, attempted=True, problem=tr(
            "check() needs the function itself, as in check({quoted}, {id}), "
            "without parentheses after the name; got {got}.",
            quoted=repr(exercise.id), id=exercise.id, got=_describe_object(answer)))
    if exercise.answer == "layer":
        return _check_cases(exercise, _LayerPass(answer), answer)
    return _check_cases(exercise, answer, answer)


class _Value:
    """A derived value seen as a function without arguments, so that it is checked like one."""

    def __init__(self, value):
        self.value = value

    def __call__(self):
        return self.value


class _LayerPass:
    """A layer class seen as a function: ``(z)`` runs forward, ``(z, dh)`` forward then backward.

    A case's parameters go to the constructor (``SwishLayer(beta=2.0)``).
    """

    def __init__(self, factory):
        self.factory = factory

    def __call__(self, z, dh=None, **params):
        layer = self.factory(**params)
        for method in ("forward", "backward"):
            if not callable(getattr(layer, method, None)):
                raise TypeError(tr("the layer has no method {method}(...); write both forward(z) "
                                   "and backward(dh)", method=method))
        h = layer.forward(z)
        return h if dh is None else layer.backward(dh)


def _check_choice(exercise, answer):
    right = exercise.reference()
    if answer is None:
        return Result(exercise, attempted=False)
    if answer not in exercise.choices:
        return Result(exercise, attempted=True, problem=tr(
            "{answer} is not one of the options {options}: "
            "set your answer to one of them, with the quotes.",
            answer=repr(answer), options=", ".join(map(repr, exercise.choices))))
    why = tr(exercise.choices[answer])
    label = (tr("your choice {choice}: {why}", choice=repr(answer), why=why) if answer == right
             else tr("your choice {choice}", choice=repr(answer)))
    outcome = Outcome(label, "", (), "", problems=() if answer == right else (why,))
    return Result(exercise, attempted=True, outcomes=(outcome,))


def _check_cases(exercise, run, answer):
    """Check ``run`` (the answer as a function) on every case, with the rules wired on ``answer``."""
    targets = forbidden(exercise)
    itself = is_forbidden(answer, targets) if exercise.answer != "value" else ""
    if itself:
        return Result(exercise, attempted=True, broken=tr(
            "this is {itself} itself, and the exercise asks you to write it: {rule}.", itself=itself,
            rule=tr(exercise.rule) or tr("fill in the function above and pass that")))
    base = inherits(answer, targets)
    if base:
        return Result(exercise, attempted=True, broken=tr(
            "your class inherits from {base}, whose methods would do the work the exercise "
            "asks you to write: {rule}.", base=base,
            rule=tr(exercise.rule) or tr("write the methods yourself")))
    wrong_defaults = _wrong_defaults(exercise, run)
    with tripwires(answer, targets) as called:
        outcomes = tuple(_check_case(exercise, case, run, wrong_defaults)
                         for case in exercise.cases)
    return Result(exercise, attempted=not all(o.stub for o in outcomes), outcomes=outcomes,
                  broken=_rule(exercise, called) if called else "")


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
        shown = "" if exercise.answer == "value" else _show(expected)  # a derivation's answer
        return Outcome(tr(case.label), call, inputs, shown, got, problems,
                       tr(case.hint) if problems else "", stub)

    bad_call = _signature_problem(exercise, answer, case)
    if bad_call:
        return outcome(bad_call)
    run = _run(answer, names, case.args, case.params)
    side = (tr("modified its input {names} in place (the caller's array "
               "changes too): build a new array, or work on a copy", names=", ".join(run.modified))
            if run.modified else "",
            tr("NumPy warned: {warnings}", warnings="; ".join(run.warnings)) if run.warnings else "")
    if run.error is not None:
        stub = isinstance(run.error, NotImplementedError) and not any(side)
        message = _scrub(str(run.error))
        return outcome(tr("raised {error}", error=f"{type(run.error).__name__}{': ' * bool(message)}{message}"),
                       *side, stub=stub)
    if run.value is None:
        return outcome(tr("returned None: is the return statement missing?"), *side,
                       got="None", stub=not any(side))
    got, problem = _as_numbers(exercise, run.value, expected)
    if problem:
        return outcome(problem, *side, got=_show(run.value))
    problem = _compare(exercise, case, got, expected)
    cause = _why_wrong(exercise, case, answer, got, wrong_defaults) if problem else ""
    result = outcome(cause, problem, *side, got=_show(got))
    if result.passed and case.advice and not np.array_equal(got, expected, equal_nan=True):
        return replace(result, hint=tr(case.advice))  # right within tolerance, but worth knowing
    return result


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
            return tr("the function takes no parameter '{name}': the exercise asks for {signature}",
                      name=unexpected.group(1), signature=exercise.signature)
        return tr("it cannot be called this way ({error}): the exercise asks for {signature}",
                  error=exc, signature=exercise.signature)
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
        if isinstance(value, (list, tuple)):
            return None, tr("returned a {type} of length {length}, not a NumPy array of shape "
                            "{shape}: use NumPy operations that work on the whole array",
                            type=type(value).__name__, length=len(value), shape=expected.shape)
        return None, tr("returned a {type}, not a NumPy array of shape "
                        "{shape}: use NumPy operations that work on the whole array",
                        type=type(value).__name__, shape=expected.shape)
    try:
        got = np.asarray(value)
    except Exception:  # e.g. a ragged list
        got = None
    if got is None or got.dtype.kind not in "biuf":
        return None, tr("returned {got}, not numbers", got=_describe_object(value))
    if got.dtype.kind == "b":
        return None, tr("returned booleans (True/False): convert them to 0.0/1.0 with .astype(float)")
    if got.dtype.kind in "iu":
        return None, tr("returned integers (dtype {dtype}): return floats, "
                        "e.g. with .astype(float) or by writing 1.0 instead of 1", dtype=got.dtype)
    if got.shape != expected.shape:
        if exercise.returns == "number":
            return None, tr("expected a single number, got an array of shape {shape}", shape=got.shape)
        return None, tr("expected shape {expected}, got {got}", expected=expected.shape, got=got.shape)
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
    count = tr(" ({bad} of {size} values wrong)", bad=len(bad), size=close.size) if close.size > 1 else ""
    if exercise.answer == "value":  # the expected value is the derivation's answer: not shown
        if not np.isfinite(got64[index]):
            return (tr("{got} at{where}: the answer is a finite number", got=g, where=where) if where
                    else tr("{got} at the value: the answer is a finite number", got=g))
        if got64[index] > expected[index]:
            return tr("wrong value{where}: {got} is too large{count}", where=where, got=g, count=count)
        return tr("wrong value{where}: {got} is too small{count}", where=where, got=g, count=count)
    if np.isfinite(got64[index]) or not np.isfinite(expected[index]):
        if case.exact:
            return tr("wrong value{where}: expected exactly {expected}, got {got}{count}",
                      where=where, expected=e, got=g, count=count)
        return tr("wrong value{where}: expected {expected}, got {got}{count}",
                  where=where, expected=e, got=g, count=count)
    return tr("{got} in the output{where}, where the answer is {expected}{count}",
              got="NaN" if g == "nan" else g, where=where, expected=e, count=count)


def _where(exercise, case, index):
    if not index:
        return ""
    x = case.args[0] if case.args else None
    if exercise.elementwise and isinstance(x, np.ndarray) and x.ndim == len(index):
        return tr(" at {name} = {value}", name=next(iter(exercise.parameters)), value=_num(x[index]))
    index = tuple(int(i) for i in index)
    return tr(" at index {index}", index=index[0] if len(index) == 1 else index)


def _why_wrong(exercise, case, answer, got, wrong_defaults):
    """A likely cause of a wrong value, in a few words, or ""."""
    if case.params:
        # Ignored parameter: the student's result equals their own default-parameter result.
        run = _run(answer, list(exercise.parameters), case.args, {})
        default = _reference(exercise, case.args, {})
        base, bad = _as_numbers(exercise, run.value, default)
        if (not bad and np.array_equal(base, got, equal_nan=True) and not np.array_equal(
                default, _reference(exercise, case.args, case.params), equal_nan=True)):
            names = tr(" or ").join(case.params)
            return tr("the result does not change with {names}: is the parameter used?", names=names)
    return "; ".join(tr("the default is {name}={theirs}, but the exercise asks for {name}={ours}",
                        name=n, theirs=repr(wrong_defaults[n][0]), ours=repr(wrong_defaults[n][1]))
                     for n in wrong_defaults if n not in case.params)

