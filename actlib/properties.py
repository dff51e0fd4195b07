"""The properties of an activation, computed from the registry, never typed in.

``properties("elu", alpha=0.5)`` samples f and f' on a grid that is fine near
0 and reaches |x| = 1e9 (sinh-spaced), and returns a :class:`Properties`:

range
    Inf and sup of f over the grid and its far ends. A bound is closed when f
    attains it: at an interior minimum or maximum (f' changes sign; the point
    is then found with ``brentq`` on f'), or at a kink or jump, as ReLU attains
    0, or on a flat stretch (f' = 0 exactly), as squared ReLU attains 0. Otherwise
    it is only a limit at -inf or +inf and open. A side where f
    still grows between |x| = 1e6 and 1e9 is unbounded. A function whose
    derivative is 0 everywhere (step) has the finite set of its values.
monotonic
    f' >= 0 at every grid point and f never decreases from one point to the
    next (so a jump down would count too).
smooth
    Continuously differentiable (C1): neither f nor f' jumps. Every grid
    interval is bisected towards the largest change in it; a change that does
    not shrink with the interval is a jump.
zero_centred
    f(0) = 0 and f takes both signs.
saturates
    The sides where f' -> 0: ``"-inf"`` and/or ``"+inf"`` (f' below 1e-9 at
    |x| = 1e6 and 1e9).
used_in
    The registry's note.

Activations that are not elementwise (softmax, log-softmax) map a vector to
a vector and are refused.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from .activations import get
from .i18n import tr

__all__ = ["Properties", "properties"]

FAR = 1e9  # where the limits are read; 1e6 is the check that they have settled
GRID = np.sinh(np.linspace(-np.arcsinh(FAR), np.arcsinh(FAR), 4001))  # spacing 0.01 at 0
JUMP_TOL = 1e-6  # a jump smaller than this (relative to the values) is not detected
ZERO_TOL = 1e-9
# Where a zero f' counts as a flat stretch: for |x| <= 30 no exponential of the slider
# ranges (steepness, beta <= 10) has underflowed to a false 0.
FLAT = 30.0
BISECTIONS = 64  # enough to shrink a grid interval at 1e9 to the float spacing there


@dataclass(frozen=True)
class Properties:
    """Computed properties of one activation at given parameter values.

    Attributes
    ----------
    name : str
    params : dict
        The parameter values used (the defaults filled in).
    range : (float, float)
        Inf and sup of f; ``-inf`` / ``inf`` when unbounded.
    closed : (bool, bool)
        Whether f attains the lower and the upper bound.
    values : tuple of float or None
        The values of a piecewise-constant f (step), else None.
    monotonic, smooth, zero_centred : bool
        See the module docstring.
    saturates : tuple of str
        ``"-inf"``, ``"+inf"``, both or neither.
    used_in : str
    """

    name: str
    params: dict
    range: tuple
    closed: tuple
    values: tuple | None
    monotonic: bool
    smooth: bool
    zero_centred: bool
    saturates: tuple
    used_in: str

    @property
    def range_text(self):
        """The range as text: ``[-0.278, ∞)``, ``(0, 1)`` or ``{0, 1}``."""
        if self.values is not None:
            return "{" + ", ".join(_number(v) for v in self.values) + "}"
        (lo, hi), (lo_closed, hi_closed) = self.range, self.closed
        return f"{'[' if lo_closed else '('}{_number(lo)}, {_number(hi)}{']' if hi_closed else ')'}"

    @property
    def saturates_text(self):
        """``both sides``, ``x → −∞``, ``x → +∞`` or ``no`` (the words in the current language)."""
        if len(self.saturates) == 2:
            return tr("both sides")
        if self.saturates:
            return "x → " + self.saturates[0].replace("-", "−").replace("inf", "∞")
        return tr("no")


def _number(v):
    """Three significant digits, a true minus sign, ∞ for infinity."""
    text = "∞" if np.isinf(v) else f"{v:.3g}"
    return ("−" + text if v < 0 else text).replace("−-", "−").replace("-", "−")


def properties(name, **params):
    """Compute the properties of the activation ``name`` at ``params``.

    Parameters
    ----------
    name : str
        A registry name of an elementwise activation.
    **params
        Parameter values; the defaults fill in the rest.

    Returns
    -------
    Properties

    Raises
    ------
    KeyError
        For an unknown name (the registry's message).
    ValueError
        For an activation that is not elementwise, or a bad parameter (the
        registry's message).
    TypeError
        For a parameter the activation does not have.
    """
    act = get(name)
    if not act.elementwise:
        raise ValueError(f"{name} is not elementwise: it maps a vector to a vector, so it has "
                         "no curve to compute properties of")
    params = act.resolve(params)

    def f(x):
        return act(x, **params)

    def df(x):
        return act.derivative(x, **params)

    v, d = f(GRID), df(GRID)
    kinks = np.concatenate([_jumps(f, GRID), _jumps(df, GRID)])
    if np.all(d == 0):
        values, bounds, closed = tuple(np.unique(v).tolist()), (v.min(), v.max()), (True, True)
    else:
        values = None
        lower, upper = (_bound(f, df, v, d, kinks, sign) for sign in (1.0, -1.0))
        bounds, closed = (lower[0], upper[0]), (lower[1], upper[1])
    bounds = tuple(float(b) + 0.0 for b in bounds)  # + 0.0 turns -0.0 into 0.0
    far = np.array([-FAR, -1e6, 1e6, FAR])
    slopes = np.abs(df(far))
    sides = (("-inf", slopes[:2]), ("+inf", slopes[2:]))
    return Properties(
        name=name, params=params, range=bounds, closed=closed,
        values=values,
        monotonic=bool(np.all(d >= 0) and np.all(np.diff(v) >= -ZERO_TOL * np.abs(v[1:]))),
        smooth=kinks.size == 0,
        zero_centred=bool(abs(f(0.0)) <= ZERO_TOL and bounds[0] < 0 < bounds[1]),
        saturates=tuple(side for side, s in sides if np.all(s <= ZERO_TOL)),
        used_in=act.used_in,
    )


def _bound(f, df, v, d, kinks, sign):
    """``(bound, attained)``: the inf of f for ``sign = 1``, the sup for ``-1``.

    Works on ``g = sign * f``, so that both are a lower bound.
    """
    g = sign * v
    for end, settle in ((0, -1e6), (-1, 1e6)):  # unbounded where f is still moving
        drift = sign * (v[end] - f(settle))
        if drift < -ZERO_TOL * max(1.0, abs(v[end])):
            return -sign * np.inf, False
    i = int(np.argmin(g))
    if 0 < i < len(g) - 1 and sign * d[i - 1] < 0 < sign * d[i + 1]:
        # An interior minimum of g; it lies between the neighbours, where f' changes sign.
        x_star = brentq(lambda x: float(df(x)), GRID[i - 1], GRID[i + 1], xtol=1e-15)
        return float(sign * min(g[i], sign * f(x_star))), True
    best = g[i]
    tol = ZERO_TOL * max(1.0, abs(best))
    attained = bool(np.any(np.abs(sign * f(kinks) - best) <= tol)) if kinks.size else False
    # A flat stretch at the bound (squared ReLU's 0) attains it too: f' is exactly 0 there.
    flat = (g == best) & (d == 0) & (np.abs(GRID) <= FLAT)
    return float(sign * best), attained or bool(flat.any())


def _jumps(fn, x):
    """Points near which ``fn`` jumps: where a change between neighbours survives bisection.

    Every grid interval is bisected towards the half with the larger change.
    For a continuous ``fn`` the change shrinks with the interval, and the
    interval is dropped once it is below the tolerance; at a jump it stays
    the size of the jump.
    """
    a, b = x[:-1], x[1:]
    fa, fb = fn(a), fn(b)
    for _ in range(BISECTIONS):
        keep = _changes(fa, fb)
        a, b, fa, fb = a[keep], b[keep], fa[keep], fb[keep]
        m = 0.5 * (a + b)
        fm = fn(m)
        left = np.abs(fm - fa) >= np.abs(fb - fm)
        a, b = np.where(left, a, m), np.where(left, m, b)
        fa, fb = np.where(left, fa, fm), np.where(left, fm, fb)
    return a[_changes(fa, fb)]


def _changes(fa, fb):
    """Where ``fb - fa`` is more than JUMP_TOL of the values' size (at least 1)."""
    return np.abs(fb - fa) > JUMP_TOL * np.maximum(1.0, np.maximum(np.abs(fa), np.abs(fb)))
