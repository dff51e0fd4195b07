"""Exercises that teach: checks with specific feedback, hints in stages, predictions.

In a notebook, after the cell where the student writes ``sigmoid``::

    from actlib.exercises import check, hint
    check("sigmoid", sigmoid)      # what is right, what is wrong, and a first hint
    hint("sigmoid")                # the next hint, for a student who is stuck

The exercises climb a ladder, the kinds of the series' reading model:
*predict* (:func:`predict`, then :func:`reveal` beside the computed result),
*derive* (a value, a function of the derived quantity, or a multiple choice
whose every option has its own explanation), *implement* (a function),
*use-in-network* (a layer class, then :func:`adopt` trains a network with it)
and the open *experiment* (a question and a template, graded by hand).

One job per module:

- :mod:`.exercise`: what an exercise is (:class:`Exercise`, :class:`Case`);
- :mod:`.bank`: the exercises and predictions, one module per notebook;
- :mod:`.runner`: :func:`check`, :func:`hint`, :func:`adopt`: call the answer
  on copies of each case's inputs, NumPy's warnings recorded;
- :mod:`.rules`: the answer may not call what it builds (tripwires);
- :mod:`.report`: the result as text, as HTML, and as a grader's error;
- :mod:`.predictions`: :func:`predict` and :func:`reveal`.

Hints come in stages (a nudge, the mathematics, the code pattern): a failed
check shows the first; every second failure, or :func:`hint`, the next. None
is the whole answer. In a student's notebook ``check`` never raises for a
mistake in the student's code, so Run All always runs to the end.

Under grading (nbgrader's ``validate`` or ``autograde``, which set the
environment variable ``NBGRADER_EXECUTION``, or with ``ACTLIB_GRADING`` set)
a check that does not pass raises :class:`CheckFailed`, whose message is the
same report: nbgrader gives a test cell its point when it does not raise.
"""

from .bank import EXERCISES, PREDICTIONS
from .exercise import Case, Exercise
from .predictions import Prediction, predict, reveal
from .report import CheckFailed, Outcome, Result
from .runner import adopt, check, grading, hint

__all__ = ["Case", "Exercise", "Prediction", "Outcome", "Result", "CheckFailed", "EXERCISES",
           "PREDICTIONS", "check", "hint", "adopt", "predict", "reveal", "grading"]
