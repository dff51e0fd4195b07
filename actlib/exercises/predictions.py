"""Predict, then run: the student commits to an answer before a cell shows the result.

A prediction written down first is what makes a surprising result teach
(Crouch et al., 2004, found that students who predicted the outcome of a
lecture demonstration understood it better than those who only watched).
In a notebook::

    predict("dead-units")              # a choice or a number, recorded in the page
    ...                                # the cells that compute the result
    reveal("dead-units", observed)     # the result beside the prediction, and why

The prediction lives in the kernel, keyed by its id: running the predict cell
again shows the choice already made, so nothing the student chose is lost by
re-running; restarting the kernel forgets it, like every variable. The
student version of a notebook stores no output for the reveal cell (the build
clears cells tagged ``reveal``), so the answer is not on the page before the
student has predicted.
"""

import html
from dataclasses import dataclass, field

import ipywidgets as widgets

from ..i18n import tr
from .report import _BLUE, _GREY, _ORANGE

__all__ = ["Prediction", "predict", "reveal"]

_recorded = {}  # id -> the student's prediction, in this kernel


@dataclass(frozen=True)
class Prediction:
    """A question the student answers before the notebook computes the result.

    Attributes
    ----------
    id : str
        The id passed to :func:`predict` and :func:`reveal`.
    question : str
        What the student predicts.
    options : dict, optional
        ``{key: (label, explanation)}`` for a multiple choice: the label is
        shown as a choice, the explanation after the reveal, for the option
        the student chose and for the one the run shows. Empty for a number.
    explanation : str
        Why the result is what it is, shown after every reveal.
    within : float
        For a number: a prediction within this relative distance of the
        result counts as right (0.25: within 25%).
    notebook : str
        The notebook number, set by the bank from its module.
    """

    id: str
    question: str
    explanation: str
    options: dict = field(default_factory=dict)
    within: float = 0.25
    notebook: str = ""


def _prediction(prediction_id):
    from .bank import PREDICTIONS  # the bank imports this module

    try:
        return PREDICTIONS[prediction_id]
    except (KeyError, TypeError):
        raise KeyError(f"no prediction {prediction_id!r}; the predictions are "
                       f"{', '.join(PREDICTIONS)}") from None


def predict(prediction_id):
    """Show the question and a control to record a prediction.

    Parameters
    ----------
    prediction_id : str
        A key of :data:`actlib.exercises.PREDICTIONS`.

    Returns
    -------
    PredictionBox
        The question and a set of choices (``RadioButtons``) or a number box
        (``Text``, read as a number at the reveal). Its value is recorded as
        the student changes it.
    """
    p = _prediction(prediction_id)
    question = widgets.HTML(tr("<b>Predict:</b> {question}", question=html.escape(tr(p.question))))
    if p.options:
        labels = [(tr(label), key) for key, (label, _) in p.options.items()]
        control = widgets.RadioButtons(options=labels, value=_recorded.get(p.id),
                                       layout=widgets.Layout(width="max-content"))
    else:
        control = widgets.Text(value=_recorded.get(p.id, ""), placeholder=tr("a number"),
                               description=tr("your prediction"), continuous_update=True,
                               style={"description_width": "initial"})

    def record(change):
        _recorded[p.id] = change["new"]

    control.observe(record, names="value")
    return PredictionBox(p, [question, control])


class PredictionBox(widgets.VBox):
    """The question and its control; where no kernel runs, the question and options as text."""

    def __init__(self, prediction, children):
        super().__init__(children)
        self.prediction = prediction

    def _repr_mimebundle_(self, **kwargs):
        # A saved notebook or its static HTML export shows text/plain where the widget
        # cannot load: the question, and the options to choose from in a live notebook.
        bundle = super()._repr_mimebundle_(**kwargs)
        p = self.prediction
        options = "".join(f"\n  ( ) {tr(label)}" for label, _ in p.options.values())
        blank = "\n  " + tr("your prediction") + ": ____"
        bundle["text/plain"] = tr("Predict: {question}", question=tr(p.question)) + (options or blank)
        return bundle


@dataclass(frozen=True)
class Reveal:
    """The result beside the prediction; displays as text or as a coloured box."""

    prediction: Prediction
    observed: object
    evidence: str
    predicted: object

    def _verdict(self):
        p, got = self.prediction, self.predicted
        if got in (None, ""):
            return None, tr("You recorded no prediction above. Next time, commit to one first.")
        if p.options:
            return got == self.observed, tr("You predicted: {choice}.", choice=tr(p.options[got][0]))
        try:
            number = float(got)
        except ValueError:
            return None, tr("Your prediction {got} is not a number, so it cannot be compared.",
                            got=repr(got))
        right = abs(number - self.observed) <= p.within * abs(self.observed)
        return right, tr("You predicted {number}.", number=f"{number:g}")

    def _lines(self):
        p = self.prediction
        right, said = self._verdict()
        result = tr(p.options[self.observed][0]).rstrip(".。") if p.options else f"{self.observed:g}"
        lines = [said, tr("The run shows: {result} ({evidence}).", result=result, evidence=self.evidence)
                 if self.evidence else tr("The run shows: {result}.", result=result)]
        if right is not None:
            lines.append(tr("✓ Your prediction was right.") if right else tr("✗ Not what you predicted."))
        if p.options and right is False:
            lines.append(tr("About your choice: {why}", why=tr(p.options[self.predicted][1])))
        if p.options:
            lines.append(tr("Why: {why}", why=tr(p.options[self.observed][1])))
        lines.append(tr(p.explanation))
        return right, lines

    def __str__(self):
        return "\n".join(self._lines()[1])

    __repr__ = __str__

    def _repr_html_(self):
        right, lines = self._lines()
        colour = _GREY if right is None else _BLUE if right else _ORANGE
        body = "".join(f"<p style='margin:0.2em 0'>{html.escape(line)}</p>" for line in lines)
        return f'<div style="border-left:4px solid {colour};padding:0.2em 0.8em">{body}</div>'


def reveal(prediction_id, observed, evidence=""):
    """Show what the run gave beside the student's prediction, and explain it.

    Parameters
    ----------
    prediction_id : str
    observed : str or float
        What the notebook computed: the key of the option the numbers show,
        or the number itself.
    evidence : str, optional
        The numbers behind ``observed``, in a few words ("0.25 at depth 1,
        1.5e-16 at depth 25").

    Returns
    -------
    Reveal
    """
    p = _prediction(prediction_id)
    if p.options and observed not in p.options:
        raise ValueError(f"{observed!r} is not an option of {p.id!r}: {', '.join(p.options)}")
    return Reveal(p, observed, evidence, _recorded.get(p.id))
