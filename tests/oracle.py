"""A 50-digit reference for every activation, written from the mathematics.

The definitions here are the textbook ones, evaluated in mpmath; they share no
code with actlib. Where a textbook form would itself cancel at 50 digits
(``2 sigmoid - 1`` near 0, ``1 + tanh u`` deep in the tail) an exactly equal
form is used instead, so the reference stays correct to far more digits than
float64 has.

Parameters are always passed explicitly. Each entry gives ``value(x, **p)`` and ``derivative(x, **p)`` as mpmath
numbers, and ``curvature(x, **p)``, the second derivative, used only for the
condition number of the derivative. For smooth functions it is a numerical
derivative of ``derivative``; for piecewise ones it is per branch, because a
finite difference across a kink would be wrong.
"""

import mpmath as mp
import numpy as np

mp.mp.dps = 50

def _sig(z):
    return 1 / (1 + mp.exp(-z))


def _phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _Phi(x):
    if abs(x) > 1e4:
        # mpmath's erfc overflows for huge arguments; here 1 - Phi(|x|) < 1e-20000000,
        # so the leading asymptotic term is exact far beyond the bounds tested.
        return mp.mpf(1) if x > 0 else _phi(x) / -x
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _gelu_u(x):
    return mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x ** 3)


def _gelu_du(x):
    return mp.sqrt(2 / mp.pi) * (1 + 3 * mp.mpf("0.044715") * x ** 2)


def _smooth(value, derivative):
    return {
        "value": value,
        "derivative": derivative,
        "curvature": lambda x, **p: mp.diff(lambda t: derivative(t, **p), x),
    }


def _gelu_value(x, approximate="none"):
    if approximate == "tanh":  # 0.5 x (1 + tanh u) written as x sigmoid(2u)
        return x * _sig(2 * _gelu_u(x))
    if approximate == "sigmoid":
        return x * _sig(mp.mpf("1.702") * x)
    return x * _Phi(x)


def _gelu_derivative(x, approximate="none"):
    if approximate == "tanh":
        v = 2 * _gelu_u(x)
        return _sig(v) + x * 2 * _gelu_du(x) * _sig(v) * _sig(-v)
    if approximate == "sigmoid":
        return _swish_derivative(x, mp.mpf("1.702"))
    return _Phi(x) + x * _phi(x)


def _swish_derivative(x, beta=1.0):
    b = mp.mpf(beta)
    return _sig(b * x) + b * x * _sig(b * x) * _sig(-b * x)


def _elu_value(x, alpha=1.0):
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x)


def _elu_derivative(x, alpha=1.0):
    return mp.mpf(1) if x > 0 else mp.mpf(alpha) * mp.exp(x)


def _elu_curvature(x, alpha=1.0):
    return mp.mpf(0) if x > 0 else mp.mpf(alpha) * mp.exp(x)


def _zero(x, **p):
    return mp.mpf(0)


def _softplus(x, beta=1.0):
    b = mp.mpf(beta)
    return mp.log1p(mp.exp(b * x)) / b


def _mish_derivative(x):
    sp = _softplus(x)
    return mp.tanh(sp) + x * mp.sech(sp) ** 2 * _sig(x)


def _hard_swish_value(x):
    return mp.mpf(0) if x <= -3 else x if x >= 3 else x * (x + 3) / 6


def _hard_swish_derivative(x):  # PyTorch's convention at the kinks: (2x + 3) / 6 on [-3, 3]
    return mp.mpf(0) if x < -3 else (2 * x + 3) / 6 if x <= 3 else mp.mpf(1)


ORACLE = {
    "step": {
        "value": lambda x, threshold=0.0: mp.mpf(1 if x > threshold else 0),
        "derivative": _zero,
        "curvature": _zero,
    },
    "sigmoid": _smooth(
        lambda x, steepness=1.0: _sig(steepness * x),
        lambda x, steepness=1.0: steepness * mp.exp(-steepness * x) / (1 + mp.exp(-steepness * x)) ** 2,
    ),
    # 2 / (1 + e^{-sx}) - 1 == tanh(sx / 2); the latter keeps its digits near 0.
    "bipolar_sigmoid": _smooth(
        lambda x, steepness=1.0: mp.tanh(steepness * x / 2),
        lambda x, steepness=1.0: 2 * steepness * mp.exp(-steepness * x) / (1 + mp.exp(-steepness * x)) ** 2,
    ),
    "tanh": _smooth(lambda x: mp.tanh(x), lambda x: mp.sech(x) ** 2),
    "relu": {
        "value": lambda x: max(x, mp.mpf(0)),
        "derivative": lambda x: mp.mpf(1 if x > 0 else 0),
        "curvature": _zero,
    },
    "leaky_relu": {
        "value": lambda x, negative_slope=0.01: x if x > 0 else mp.mpf(negative_slope) * x,
        "derivative": lambda x, negative_slope=0.01: mp.mpf(1) if x > 0 else mp.mpf(negative_slope),
        "curvature": _zero,
    },
    "prelu": {
        "value": lambda x, a=0.25: x if x > 0 else mp.mpf(a) * x,
        "derivative": lambda x, a=0.25: mp.mpf(1) if x > 0 else mp.mpf(a),
        "curvature": _zero,
    },
    "elu": {"value": _elu_value, "derivative": _elu_derivative, "curvature": _elu_curvature},
    "selu": {
        "value": lambda x, alpha, scale: mp.mpf(scale) * _elu_value(x, alpha),
        "derivative": lambda x, alpha, scale: mp.mpf(scale) * _elu_derivative(x, alpha),
        "curvature": lambda x, alpha, scale: mp.mpf(scale) * _elu_curvature(x, alpha),
    },
    "swish": _smooth(lambda x, beta=1.0: x * _sig(mp.mpf(beta) * x), _swish_derivative),
    "gelu": _smooth(_gelu_value, _gelu_derivative),
    "softplus": _smooth(_softplus, lambda x, beta=1.0: _sig(mp.mpf(beta) * x)),
    "mish": _smooth(lambda x: x * mp.tanh(_softplus(x)), _mish_derivative),
    "hard_sigmoid": {
        "value": lambda x: mp.mpf(0) if x <= -3 else mp.mpf(1) if x >= 3 else (x + 3) / 6,
        "derivative": lambda x: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0),
        "curvature": _zero,
    },
    "relu6": {
        "value": lambda x: min(max(x, mp.mpf(0)), mp.mpf(6)),
        "derivative": lambda x: mp.mpf(1 if 0 < x < 6 else 0),
        "curvature": _zero,
    },
    "hard_swish": {
        "value": _hard_swish_value,
        "derivative": _hard_swish_derivative,
        "curvature": lambda x: mp.mpf(1) / 3 if -3 <= x <= 3 else mp.mpf(0),
    },
    "squared_relu": {
        "value": lambda x: max(x, mp.mpf(0)) ** 2,
        "derivative": lambda x: 2 * max(x, mp.mpf(0)),
        "curvature": lambda x: mp.mpf(2 if x > 0 else 0),
    },
}

#: Each gated unit f(a, b) = a g(b): the ORACLE entry of its gate g, and g's
#: parameters from the unit's (GLU's sigmoid has steepness 1).
GATES = {
    "glu": ("sigmoid", lambda p: {"steepness": 1.0}),
    "reglu": ("relu", lambda p: {}),
    "geglu": ("gelu", lambda p: {"approximate": p["approximate"]}),
    "swiglu": ("swish", lambda p: {"beta": p["beta"]}),
}


def softmax(z):
    """Softmax of a sequence of mpmath numbers (``-inf`` entries get 0)."""
    e = [mp.mpf(0) if zi == -mp.inf else mp.exp(zi) for zi in z]
    total = mp.fsum(e)
    return [ei / total for ei in e]


def log_softmax(z):
    """Log-softmax of a sequence of mpmath numbers.

    As ``(z_i - m) - log1p(sum of the other terms)``, with ``m`` the largest
    score: at 50 digits ``log(1 + 1e-83)``, or ``m + 1e-83``, is rounded, and
    the dominant class's value would be lost.
    """
    finite = [zi for zi in z if zi != -mp.inf]
    m = max(finite)
    others = list(finite)
    others.remove(m)
    rest = mp.log1p(mp.fsum(mp.exp(zi - m) for zi in others))
    return [(zi - m) - rest for zi in z]


# --- the error unit of the accuracy bound ---------------------------------------

FORMATS = {np.float64: (2.0 ** -53, 1e-300), np.float32: (2.0 ** -24, 1e-36),
           np.float16: (2.0 ** -11, 2.0 ** -14)}


def grid(dtype):
    """Points across the whole line: tiny, moderate, saturated and huge."""
    magnitudes = np.concatenate([
        [1e-300, 1e-200, 1e-100, 1e-40, 1e-30, 1e-16, 1e-8, 1e-4, 1e-2],
        np.linspace(0.01, 50.0, 300),
        np.geomspace(50.0, 1000.0, 40),
        [36.7, 37.5, 8.4, 19.1, 7.2, 700.0, 709.0, 709.9, 710.5, 745.0, 746.0],
        [1e5, 1e20, 1e37, 1e100, 1e300, 1e308],
        [0.7517915, 1.2784645, 1.2784645 / 5.0, 1.2784645 / 0.4],  # near zeros of f'
        [1.1924, 2.9999, 3.0001, 5.9999],  # mish's minimum, near the kinks at 3 and 6
    ])
    magnitudes = magnitudes[magnitudes <= np.finfo(dtype).max]
    with np.errstate(under="ignore"):
        xs = np.concatenate([-magnitudes, [0.0], magnitudes]).astype(dtype)
    return np.unique(xs)


# The first half a of a gated unit's input, cycled along the grid of b: signs,
# small and large sizes, and 1e300, where a g(b) overflows for large b.
A_CYCLE = [1.0, -2.5, 0.75, 1e-3, -7.0, 1e5, 1e300]


def gated_grid(dtype):
    """``(a, b)`` for a gated unit: b the grid, a cycling through A_CYCLE (where the format holds it)."""
    b = grid(dtype)
    a = np.resize(np.array([v for v in A_CYCLE if v <= float(np.finfo(dtype).max)], dtype=dtype), b.shape)
    return a, b


def errors(name, params, kind, xs, got, factor=None, ulps=False):
    """Each point's error: ``(x, got, exact, ratio to the bound, ulps)``.

    Parameters
    ----------
    name : str
        An ORACLE entry.
    params : dict
        Every parameter, explicitly.
    kind : {"value", "derivative"}
    xs, got : ndarray
        Points and the values computed there; ``got.dtype`` sets u and tiny.
    factor : ndarray, optional
        The exact result is ``factor * h(x)`` (a gated unit's ``a``); the
        bound is h's times ``|factor|`` (a product adds half a unit): where
        ``|h(x)| < tiny`` it is ``|factor| * tiny``.

    The ratio is ``|got - exact| / allowed`` (1 or less meets the bound; inf
    for a NaN or inf where the exact value is finite). The ulps are
    ``|got - exact|`` in units of the spacing of ``got``'s format at the exact
    value, where the problem is well conditioned (condition number at most 1,
    results above tiny); elsewhere, or without ``ulps``, None. An
    exact value beyond the largest float must come out as inf of its sign.
    """
    u, tiny = FORMATS[got.dtype.type]
    big = float(np.finfo(got.dtype).max)
    h, dh = (ORACLE[name]["value"], ORACLE[name]["derivative"]) if kind == "value" else (
        ORACLE[name]["derivative"], ORACLE[name]["curvature"])
    factors = np.ones(len(xs)) if factor is None else factor
    for x, g, c in zip(xs, got, factors):
        if kind == "derivative" and x == params.get("threshold", 0.0):
            continue  # a kink: the convention is tested separately
        xm = mp.mpf(float(x))
        core = h(xm, **params)
        exact = mp.mpf(float(c)) * core
        if abs(exact) > big:
            ok = np.isinf(g) and (g > 0) == (exact > 0)
            yield float(x), float(g), mp.nstr(exact, 17), (0.0 if ok else np.inf), None
            continue
        if not np.isfinite(g):
            yield float(x), float(g), mp.nstr(exact, 17), np.inf, None
            continue
        err = abs(mp.mpf(float(g)) - exact)
        allowed, spacings = (tiny if abs(exact) < tiny else mp.mpf(0)), None
        if abs(core) >= tiny:
            cond = abs(xm * dh(xm, **params) / core)
            allowed = max(allowed, abs(exact) * 16 * u * max(1, cond))
            if ulps and cond <= 1 and abs(exact) >= tiny:
                spacings = float(err / (2 * u * 2 ** mp.floor(mp.log(abs(exact), 2))))
        else:
            allowed = max(allowed, abs(mp.mpf(float(c))) * tiny)
        yield float(x), float(g), mp.nstr(exact, 17), float(err / allowed), spacings


def worst_ratio(name, params, kind, xs, got, factor=None):
    """Largest ratio of actual to allowed error, and ``(x, got, exact)`` where it occurs.

    1 or less meets the bound; see :func:`errors` for the arguments.
    """
    worst = (0.0, None)
    for x, g, exact, ratio, _ in errors(name, params, kind, xs, got, factor):
        if ratio > worst[0] or not np.isfinite(ratio):
            worst = (ratio, (x, g, exact))
            if not np.isfinite(ratio):
                break
    return worst


def worst_ulps(name, params, kind, xs, got, factor=None):
    """Largest error in ulps of ``got``'s format where the problem is well conditioned."""
    return max((e[4] for e in errors(name, params, kind, xs, got, factor, ulps=True)
                if e[4] is not None), default=0.0)
