"""Inputs shared by the exercises of several notebooks."""

import numpy as np

from ..exercise import Case


def _a(*values):
    return np.array(values, dtype=np.float64)


_X = _a(-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0)
_X2 = np.array([[-2.0, -0.25, 0.0], [0.75, 1.5, 4.0]])
# Tails where the naive formulas still work (exp of at most 40 stays finite).
_TAILS = _a(-20.0, -8.0, -2.5, 2.5, 8.0, 20.0)


def _smooth(exact_label, exact_at, exact_note="", values_note="", tails_note=""):
    """The cases of a smooth elementwise exercise without parameters, with their notes."""
    return (Case(exact_label, (_a(*exact_at),), exact=True, hint=exact_note),
            Case("values between -3 and 3", (_X,), hint=values_note),
            Case("tails, |x| up to 20", (_TAILS,), hint=tails_note),
            Case("2-D input, same shape out", (_X2,),
                 hint="work on the whole array, whatever its shape: no loop over one axis"))
