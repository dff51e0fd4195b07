"""Every activation of the series, defined once, with its derivative.

Each entry of :data:`ACTIVATIONS` carries every fact about one activation:
the function and its derivative, both formulas in LaTeX, each parameter with
its range and validator (:class:`Param`), whether it is elementwise, the
recommended initialisation, the learnable parameters, its colour and line
style, and its names in PyTorch, Keras 3 and JAX (:class:`FrameworkName`).
Plots, explorers, the app, the playground, the cheat sheet, ``actlib.nn`` and
the tests all read them from here, so a new activation is one entry.

Accuracy: for float64 input every value and derivative is within
``16 * 2**-53 * max(1, |x f'(x) / f(x)|)`` relative error of the exact result
(absolute error 1e-300 where the exact value is smaller than that; a result
beyond the largest float is inf).

float32 and float16 input give float32 and float16 output, as in PyTorch,
Keras 3 and JAX, so that an array keeps its dtype through a network. Both are
computed in float64 and rounded once, so they meet the same bound with
``u = 2**-24`` and ``2**-11`` (absolute error 1e-36 and 2**-14, the smallest
normal float16, for tiny results). Python numbers, integers, booleans and
float64 give float64.
"""

from dataclasses import dataclass

import numpy as np
from scipy import special

__all__ = ["Param", "FrameworkName", "Activation", "Softmax", "Gated", "ACTIVATIONS", "names", "get"]

SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805
_SQRT_2_OVER_PI = 0.7978845608028654
_INV_SQRT_2PI = 0.3989422804014327
_GELU_TANH_C = 0.044715
_GELU_SIGMOID_C = 1.702


@dataclass(frozen=True)
class Param:
    """One parameter of an activation, with the range its slider offers.

    Attributes
    ----------
    default : float or str
        Value used when the caller does not pass one.
    min, max, step : float or None
        Slider range; ``None`` for a choice parameter or a setting that has
        no slider (an axis). Values outside the range are allowed in code
        (they are for exploring), but must be finite.
    description : str
        One line saying what the parameter does.
    choices : tuple of str
        The allowed values of a choice parameter; empty for a number.
    positive : bool
        Only values > 0 are allowed, in code as on the slider.
    """

    default: object
    min: float | None
    max: float | None
    step: float | None
    description: str
    choices: tuple = ()
    positive: bool = False

    def problem(self, key, value, on_slider=False):
        """Why ``value`` is not allowed for the parameter ``key``, or None if it is.

        With ``on_slider`` the value must also lie in the slider range.
        """
        if self.choices:
            return None if value in self.choices else (
                f"{key} must be one of {list(self.choices)}, got {value!r}")
        if not _is_finite_real(value):
            return f"{key} must be a finite real number, got {value!r}"
        if self.positive and not value > 0:
            return f"{key} must be > 0, got {value!r}"
        if on_slider and self.min is not None and not self.min <= value <= self.max:
            return f"{key}={value!r} is outside the slider range [{self.min:g}, {self.max:g}]"
        return None

    def check(self, key, value, on_slider=False, owner=None):
        """Raise ValueError, naming ``owner`` and ``key``, if ``value`` is not allowed."""
        problem = self.problem(key, value, on_slider)
        if problem:
            raise ValueError(f"{owner}: {problem}" if owner else problem)


@dataclass(frozen=True)
class FrameworkName:
    """How a deep-learning framework calls an activation.

    Attributes
    ----------
    call : str
        The function, e.g. ``"torch.nn.functional.gelu"``.
    url : str
        Its documentation page.
    differs : str
        Where its defaults or conventions differ from actlib's; empty if nowhere.
    """

    call: str
    url: str
    differs: str = ""


# ---------------------------------------------------------------------------
# Input handling shared by every activation.


def _is_finite_real(value):
    return (isinstance(value, (int, float, np.integer, np.floating))
            and not isinstance(value, bool) and np.isfinite(value))


def _as_float_array(x):
    """Return ``(array, out_dtype)``: ``x`` as a float64 array (no copy if it is one).

    ``out_dtype`` is float32 or float16 for such input, as in PyTorch, Keras and
    JAX, else float64. Callers never write into the array, so the input is
    never modified.
    """
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"activations accept real numbers (Python numbers, lists, NumPy arrays of "
            f"bool, int or float); got dtype {arr.dtype} from {type(x).__name__}"
        )
    out_dtype = arr.dtype.type if arr.dtype in (np.float32, np.float16) else np.float64
    return np.asarray(arr, dtype=np.float64), out_dtype


def _finish(out, out_dtype, nan=None):
    """Cast to the output dtype; NaN where ``nan`` (a NaN input) is True; 0-d gives a scalar."""
    if nan is not None and nan.any():  # a cheap test first: np.where costs as much as the function
        out = np.where(nan, np.nan, out)
    with np.errstate(over="ignore"):  # a float32 result beyond 3.4e38 rounds to inf
        out = np.asarray(out, dtype=out_dtype)
    return out[()] if out.ndim == 0 else out


def _scale(x, s):
    """``s * x``, where overflow to +-inf is the intended limit, not an error.

    A zero scale gives 0 also for infinite x (a flat branch stays flat).
    """
    if s == 0:
        return np.zeros_like(x)
    with np.errstate(over="ignore"):
        return x * s


def _gate(x, p):
    """``x * p`` with ``inf * 0 = 0``: an infinite input through a closed gate."""
    return np.where(p == 0, 0.0, x) * p


def _sigmoid(z):
    """Logistic sigmoid of float64 ``z``, within 2 ulp, with no overflow.

    scipy's expit evaluates ``exp(z) / (1 + exp(z))`` for z < 0, which keeps
    its relative accuracy in the left tail down to the smallest normal float64
    (sigmoid(-708) = 3.3e-308), at 1.5x the naive time. From z = -709.78 on it
    returns 0 rather than the subnormal value (4.5e-309 at z = -710): an
    absolute error under 5.6e-309, within the series' accuracy bound.
    """
    return special.expit(z)


def _sigmoid_prime(z):
    """``sigmoid(z) * sigmoid(-z)`` as ``e / (1 + e)**2`` with ``e = exp(-|z|)``."""
    e = np.exp(-np.abs(z))
    return e / ((1.0 + e) * (1.0 + e))


# ---------------------------------------------------------------------------
# The activation object.


class Activation:
    """An elementwise activation: call it for values, ``.derivative`` for df/dx.

    Every fact about the activation is given here, once; plots, explorers,
    the app, the playground, the cheat sheet, ``actlib.nn`` and the tests
    read it from the registry entry.

    Parameters
    ----------
    name, family : str
        Registry name and the family it is taught with.
    notebook : str
        The notebook that introduces it, ``"01"`` to ``"08"``.
    formula, derivative_formula : str
        LaTeX of f(x) and f'(x), with the parameters as symbols.
    value, derivative : callable
        ``fn(x, **params)`` on a float64 array, returning float64.
    params : dict of str to Param
        Parameters in slider order.
    output_range : str
        The range of f, as LaTeX, for tables and the cheat sheet.
    used_in : str
        Where the function is used in practice, in a few words.
    init : {"xavier", "he", "lecun"} or None
        The weight initialisation a hidden layer with it usually gets (None
        where it is not a hidden layer's activation).
    learnable : tuple of str
        Parameters a network may train; ``derivative_<name>`` gives df/dparam.
    color : str
        Its colour in every plot: a name of :data:`actlib.plotting.OKABE_ITO`.
    linestyle : {"-", "--", "-."}
        Its line style for f; f' takes the next one (see
        :func:`actlib.plotting.linestyle`). Activations of one colour differ here.
    frameworks : dict of str to FrameworkName
        Its name in ``"PyTorch"``, ``"Keras 3"`` and ``"JAX"``, where they have it.

    Attributes
    ----------
    elementwise : bool
        True: f maps each number to one number, so it has a curve f(x).
    gated : bool
        True: f splits its input into halves (see :class:`Gated`).
    """

    elementwise = True
    gated = False

    def __init__(self, *, name, family, notebook, formula, derivative_formula, value, derivative,
                 params=None, output_range="", used_in="", init=None, learnable=(), color,
                 linestyle="-", frameworks=None):
        self.name = name
        self.family = family
        self.notebook = notebook
        self.formula = formula
        self.derivative_formula = derivative_formula
        self.params = dict(params or {})
        self.output_range = output_range
        self.used_in = used_in
        self.init = init
        self.learnable = tuple(learnable)
        self.color = color
        self.linestyle = linestyle
        self.frameworks = dict(frameworks or {})
        self._value = value
        self._derivative = derivative

    def __repr__(self):
        return f"<activation {self.name}>"

    def defaults(self):
        """Return the default value of every parameter, as a dict."""
        return {k: p.default for k, p in self.params.items()}

    def resolve(self, params):
        """Merge ``params`` into the defaults, rejecting unknown or bad values."""
        unknown = set(params) - set(self.params)
        if unknown:
            raise TypeError(f"{self.name}() got unknown parameter(s) {sorted(unknown)}; "
                            f"it takes {list(self.params) or 'none'}")
        merged = {**self.defaults(), **params}
        for key, value in merged.items():
            self.params[key].check(key, value, owner=self.name)
        return merged

    def _apply(self, fn, x, params):
        p = self.resolve(params)
        arr, out_dtype = _as_float_array(x)
        return _finish(fn(arr, **p), out_dtype, np.isnan(arr))

    def __call__(self, x, **params):
        """Evaluate f elementwise; see the class docstring for conventions."""
        return self._apply(self._value, x, params)

    def derivative(self, x, **params):
        """Evaluate df/dx elementwise."""
        return self._apply(self._derivative, x, params)


class PReLU(Activation):
    """Parametric ReLU: Leaky ReLU whose slope ``a`` is learned."""

    def derivative_a(self, x, **params):
        """Evaluate df/da elementwise: ``x`` for ``x <= 0``, else 0."""
        return self._apply(lambda x, a: np.minimum(x, 0.0), x, params)


class Swish(Activation):
    """Swish, ``x * sigmoid(beta x)``, with the gradient for a trainable beta."""

    def derivative_beta(self, x, **params):
        """Evaluate df/dbeta elementwise: ``x**2 sigmoid(bx) sigmoid(-bx)``."""
        def fn(x, beta):
            p = _sigmoid_prime(_scale(x, beta))
            # x * p first, so that x**2 cannot overflow where p is tiny.
            return _gate(x, p) * np.where(p == 0, 0.0, x)
        return self._apply(fn, x, params)


class Softmax(Activation):
    """Softmax or log-softmax over one axis; its derivative is a Jacobian.

    An entry of ``-inf`` is a masked class (probability 0). Rows whose entries
    are all ``-inf`` have no distribution and give NaN. ``+inf`` entries take
    all of the probability, shared equally among them.
    """

    elementwise = False

    def __init__(self, *, log=False, **kwargs):
        super().__init__(value=None, derivative=None, **kwargs)
        self.log = log

    def _parts(self, x, params):
        p = self.resolve(params)
        arr, out_dtype = _as_float_array(x)
        if arr.ndim == 0:
            raise ValueError(f"{self.name} needs at least one axis of scores, got a scalar")
        axis = p["axis"]
        if not isinstance(axis, (int, np.integer)) or not -arr.ndim <= axis < arr.ndim:
            raise ValueError(f"{self.name}: axis must be an integer in "
                             f"[{-arr.ndim}, {arr.ndim - 1}] for this input, got {axis!r}")
        return np.moveaxis(arr, axis, -1), out_dtype, axis, p["temperature"]

    def __call__(self, x, **params):
        """Evaluate softmax (or log-softmax) of ``x / temperature`` along ``axis``."""
        x, out_dtype, axis, temperature = self._parts(x, params)
        out = _log_softmax_last(x, temperature)
        out = out if self.log else np.exp(out)
        return np.moveaxis(_finish(out, out_dtype), -1, axis)

    def derivative(self, x, **params):
        """Not elementwise: use :meth:`jacobian`."""
        raise TypeError(f"{self.name} is not elementwise; use {self.name}.jacobian(x)")

    def jacobian(self, x, **params):
        """Jacobian with respect to ``x``, shape ``(..., K, K)``.

        ``J[..., i, j] = d out_i / d x_j``, where the softmax axis is moved to
        the end and the other axes keep their order.
        """
        x, out_dtype, _, temperature = self._parts(x, params)
        s = np.exp(_log_softmax_last(x, temperature))
        eye = np.eye(x.shape[-1])
        if self.log:
            jac = eye - s[..., None, :]
        else:
            jac = s[..., :, None] * (eye - s[..., None, :])
        return _finish(jac / temperature, out_dtype)


def _log_softmax_last(x, temperature):
    """Log-softmax of ``x / temperature`` along the last axis.

    The max is subtracted before dividing, so that neither step can overflow
    towards +inf; then log-sum-exp. The sum is ``1 + rest``, where ``rest``
    sums every term but one largest; ``log1p(rest)`` keeps the dominant
    class's log-probability, about ``-rest``, to full relative accuracy
    (``log(1 + rest)`` rounds it to 0 once ``rest`` is below 1.1e-16).
    """
    if not x.shape[-1]:
        return x.copy()
    m = np.max(x, axis=-1, keepdims=True)
    top = np.isposinf(m)
    # A finite shift keeps exp() in range; rows whose max is +inf are handled apart.
    # x - shift <= 0 may overflow only to -inf, where exp() gives the right 0.
    shift = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = np.where(top, np.where(np.isposinf(x), 0.0, -np.inf), (x - shift) / temperature)
    terms = np.exp(shifted)
    first_max = np.arange(x.shape[-1]) == np.argmax(shifted, axis=-1)[..., None]
    rest = np.sum(np.where(first_max, 0.0, terms), axis=-1, keepdims=True)
    # A row with no finite score (all -inf, or NaN) has no distribution: NaN.
    lse = np.where(np.isneginf(m) | np.isnan(m), np.nan, np.log1p(rest))
    with np.errstate(invalid="ignore"):
        return shifted - lse


class Gated(Activation):
    """A gated linear unit: ``x`` split along ``axis`` into halves ``[a, b]``, ``f = a * g(b)``.

    ``a`` is the first half and passes through; the gate ``g`` (the activation
    named by ``gate``) acts on the second half ``b``, as in
    ``torch.nn.functional.glu``, ``keras.activations.glu`` and ``jax.nn.glu``.
    The output has half the length of ``x`` along ``axis``. ``value`` and
    ``derivative`` are the gate's g and g'.

    Its derivative is a pair of partials, one per half; for a loss L,
    ``dL/dx = concatenate([dL/df * df_da, dL/df * df_db], axis)``. An infinite
    ``a`` through a closed gate (``g(b) = 0``) gives 0, as ``a`` does for any
    finite value.
    """

    elementwise = False
    gated = True

    def __init__(self, *, gate, **kwargs):
        super().__init__(**kwargs)
        self.gate = gate

    def _halves(self, x, params):
        """``(a, b, gate parameters, axis, out_dtype, NaN mask)``, the halves on the last axis."""
        p = self.resolve(params)
        axis = p.pop("axis")
        arr, out_dtype = _as_float_array(x)
        if arr.ndim == 0:
            raise ValueError(f"{self.name} needs an axis to split into halves, got a scalar")
        if not isinstance(axis, (int, np.integer)) or not -arr.ndim <= axis < arr.ndim:
            raise ValueError(f"{self.name}: axis must be an integer in "
                             f"[{-arr.ndim}, {arr.ndim - 1}] for this input, got {axis!r}")
        if arr.shape[axis] % 2:
            raise ValueError(f"{self.name} splits axis {axis} into two halves; its length "
                             f"must be even, got {arr.shape[axis]}")
        a, b = np.split(np.moveaxis(arr, axis, -1), 2, axis=-1)
        return a, b, p, axis, out_dtype, np.isnan(a) | np.isnan(b)

    def __call__(self, x, **params):
        """Evaluate ``a * g(b)``; the output has half of ``x``'s length along ``axis``."""
        a, b, p, axis, out_dtype, nan = self._halves(x, params)
        with np.errstate(over="ignore"):  # a product beyond the largest float is inf
            out = _gate(a, self._value(b, **p))
        return np.moveaxis(_finish(out, out_dtype, nan), -1, axis)

    def derivative(self, x, **params):
        """Return the partials ``(df/da, df/db) = (g(b), a * g'(b))``, each shaped like f."""
        a, b, p, axis, out_dtype, nan = self._halves(x, params)
        with np.errstate(over="ignore"):
            parts = (self._value(b, **p), _gate(a, self._derivative(b, **p)))
        return tuple(np.moveaxis(_finish(d, out_dtype, nan), -1, axis) for d in parts)

    def jacobian(self, x, **params):
        """Jacobian with respect to ``x``, shape ``(..., K/2, K)``.

        ``J[..., i, j] = d f_i / d x_j`` with ``axis`` moved to the end: the
        partials on two diagonals, ``df_da`` at ``j = i`` and ``df_db`` at
        ``j = i + K/2``.
        """
        axis = self.resolve(params)["axis"]
        da, db = (np.moveaxis(d, axis, -1) for d in self.derivative(x, **params))
        eye = np.eye(da.shape[-1], dtype=da.dtype)
        return np.concatenate([da[..., :, None] * eye, db[..., :, None] * eye], axis=-1)


# ---------------------------------------------------------------------------
# Definitions. Each pair (value, derivative) works on float64 arrays.


def _step(x, threshold):
    return (x > threshold).astype(np.float64)


def _step_prime(x, threshold):
    return np.zeros_like(x)


def _sig(x, steepness):
    return _sigmoid(_scale(x, steepness))


def _sig_prime(x, steepness):
    return steepness * _sigmoid_prime(_scale(x, steepness))


def _bipolar(x, steepness):
    return np.tanh(_scale(x, steepness) * 0.5)


def _bipolar_prime(x, steepness):
    return 2.0 * steepness * _sigmoid_prime(_scale(x, steepness))


def _tanh_prime(x):
    # sech^2 written without cosh, which overflows past |x| = 710.
    return 4.0 * _sigmoid_prime(2.0 * np.clip(x, -400.0, 400.0))


def _relu(x):
    return np.maximum(x, 0.0)


def _relu_prime(x):
    return (x > 0).astype(np.float64)


def _leaky(x, negative_slope):
    return np.where(x > 0, x, _scale(x, negative_slope))


def _leaky_prime(x, negative_slope):
    return np.where(x > 0, 1.0, float(negative_slope))


def _prelu(x, a):
    return _leaky(x, a)


def _prelu_prime(x, a):
    return _leaky_prime(x, a)


def _elu(x, alpha):
    # Clamp before expm1 so that the unused branch cannot overflow; np.minimum(-0.0, 0.0)
    # is +0.0, so x itself goes where it is not positive, keeping elu(-0.0) = -0.0.
    return np.where(x > 0, x, alpha * np.expm1(np.where(x > 0, 0.0, x)))


def _elu_prime(x, alpha):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _selu(x, alpha, scale):
    return _scale(_elu(x, alpha), scale)


def _selu_prime(x, alpha, scale):
    return scale * _elu_prime(x, alpha)


def _swish(x, beta):
    return _gate(x, _sigmoid(_scale(x, beta)))


def _swish_prime(x, beta):
    # sigmoid(bx) (1 + bx sigmoid(-bx)); the gate keeps inf * 0 at its limit 0.
    bx = _scale(x, beta)
    return _gate(1.0 + _gate(bx, _sigmoid(-bx)), _sigmoid(bx))


def _gelu_tanh_arg(x):
    """``2u`` of the tanh form, on x clamped where the gate is already 0 or 1."""
    xc = np.clip(x, -1e3, 1e3)
    return 2.0 * _SQRT_2_OVER_PI * (xc + _GELU_TANH_C * xc * xc * xc), xc


def _gelu(x, approximate):
    if approximate == "tanh":
        # 0.5 x (1 + tanh u) == x sigmoid(2u), which keeps its accuracy for x < 0.
        return _gate(x, _sigmoid(_gelu_tanh_arg(x)[0]))
    if approximate == "sigmoid":
        return _swish(x, _GELU_SIGMOID_C)
    # ndtr is Phi(x), from erfc for x < 0, so it does not round to 0 near -8.
    return _gate(x, special.ndtr(x))


def _gelu_prime(x, approximate):
    if approximate == "tanh":
        v, xc = _gelu_tanh_arg(x)
        dv = 2.0 * _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_C * xc * xc)
        return _sigmoid(v) + xc * dv * _sigmoid_prime(v)
    if approximate == "sigmoid":
        return _swish_prime(x, _GELU_SIGMOID_C)
    xc = np.clip(x, -40.0, 40.0)  # x * phi(x) is 0 in float64 beyond this
    return special.ndtr(x) + xc * (_INV_SQRT_2PI * np.exp(-0.5 * xc * xc))


def _softplus(x, beta):
    # max(x, 0) + log1p(e^{-|bx|}) / b: no overflow at x = 1000, and for x << 0
    # log1p returns e^{bx} itself rather than log(1 + e^{bx}) rounded to 0.
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(_scale(x, beta)))) / beta


def _softplus_prime(x, beta):
    return _sigmoid(_scale(x, beta))


def _mish_parts(x):
    """``(t, 1 - t)`` with ``t = tanh(softplus(x))``, each to full relative accuracy.

    With ``w = e^x``, ``t = n / (n + 2)`` and ``1 - t = 2 / (n + 2)`` where
    ``n = w (w + 2)``: no cancellation anywhere. x is clamped at 40, where
    t rounds to 1.
    """
    w = np.exp(np.minimum(x, 40.0))
    n = w * (w + 2.0)
    d = n + 2.0
    return n / d, 2.0 / d


def _mish(x):
    return _gate(x, _mish_parts(x)[0])


def _mish_prime(x):
    # t + x sech^2(softplus x) sigmoid(x), with sech^2 = (1 - t)(1 + t); past the
    # clamp at 40 the second term is below a unit of f' = 1, so x is clamped too.
    t, one_minus_t = _mish_parts(x)
    return t + _gate(np.minimum(x, 40.0), one_minus_t * (1.0 + t) * _sigmoid(x))


def _hard_sigmoid(x):
    # (x + 3) / 6 rather than x / 6 + 1/2, which cancels near x = -3.
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def _hard_sigmoid_prime(x):
    return np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0)


def _relu6(x):
    return np.minimum(np.maximum(x, 0.0), 6.0)


def _relu6_prime(x):
    return ((x > 0) & (x < 6.0)).astype(np.float64)


def _hard_swish(x):
    # x (x + 3) / 6 on the clamped x, so that the unused branch cannot overflow.
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x >= 3.0, x, xc * (xc + 3.0) / 6.0)


def _hard_swish_prime(x):
    # PyTorch's values at the kinks: (2x + 3) / 6 on [-3, 3], so -1/2 at -3 and 3/2 at 3.
    return np.where(x < -3.0, 0.0, np.where(x <= 3.0, (2.0 * np.clip(x, -3.0, 3.0) + 3.0) / 6.0, 1.0))


def _squared_relu(x):
    r = _relu(x)
    with np.errstate(over="ignore"):  # beyond 1.3e154 the square is inf, as it should be
        r *= r  # in place: r is new, and a second 8 MB array per million values took 2/3 of the time
    return r


def _squared_relu_prime(x):
    return _scale(_relu(x), 2.0)


# ---------------------------------------------------------------------------
# The registry, in teaching order.

_STEEPNESS = Param(1.0, 0.1, 10.0, 0.1, "slope parameter s: larger s makes the S sharper")
_AXIS = Param(-1, None, None, None, "axis along which the scores of one example lie")
_GATED_AXIS = Param(-1, None, None, None, "axis split into the halves a (first) and b (second)")
_BETA = Param(1.0, 0.0, 10.0, 0.1, "0 gives x/2, 1 gives SiLU, large beta approaches ReLU")
_APPROXIMATE = Param("none", None, None, None, "exact Phi, or the tanh or sigmoid approximation",
                     ("none", "tanh", "sigmoid"))
_SOFTMAX_PARAMS = {
    "axis": _AXIS,
    "temperature": Param(1.0, 0.05, 10.0, 0.05,
                         "divides the scores: small T sharpens towards argmax, large T flattens",
                         positive=True),
}

# Documentation pages, one per function (Keras 3 lists all activations on one page).
_TORCH_DOCS = "https://docs.pytorch.org/docs/stable/generated/{}.html"
_KERAS_DOCS = "https://keras.io/api/layers/activations/"
_JAX_DOCS = "https://docs.jax.dev/en/latest/_autosummary/jax.nn.{}.html"
_NO_TEMPERATURE = "no temperature: divide the scores by T first"


def _frameworks(torch=None, keras=None, jax=None):
    """``{framework: FrameworkName}`` from a function name or ``(name, differs)`` each."""
    found = {}
    for label, spec, call, url in (("PyTorch", torch, "{}", _TORCH_DOCS),
                                   ("Keras 3", keras, "keras.activations.{}", _KERAS_DOCS),
                                   ("JAX", jax, "jax.nn.{}", _JAX_DOCS)):
        if spec is not None:
            fn, differs = (spec, "") if isinstance(spec, str) else spec
            found[label] = FrameworkName(call.format(fn), url.format(fn), differs)
    return found


ACTIVATIONS = {
    a.name: a
    for a in [
        Activation(
            name="step", family="step/sigmoid", notebook="01",
            formula=r"f(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
            derivative_formula=r"f'(x) = 0 \quad (x \ne \theta)",
            value=_step, derivative=_step_prime,
            params={"threshold": Param(0.0, -3.0, 3.0, 0.1, "input level theta above which the unit fires")},
            output_range=r"\{0, 1\}", used_in="perceptrons (historical); not trainable by gradient descent",
            init="xavier", color="black", linestyle="-",
            frameworks=_frameworks(torch=("torch.heaviside", "the value at 0 is an argument; no threshold")),
        ),
        Activation(
            name="sigmoid", family="step/sigmoid", notebook="01",
            formula=r"f(x) = \frac{1}{1 + e^{-s x}}",
            derivative_formula=r"f'(x) = s\, f(x)\,(1 - f(x))",
            value=_sig, derivative=_sig_prime, params={"steepness": _STEEPNESS},
            output_range=r"(0, 1)", used_in="binary classifier outputs, gates in LSTM/GRU",
            init="xavier", color="vermillion", linestyle="-",
            frameworks=_frameworks(torch=("torch.sigmoid", "no steepness: scale x first"),
                                   keras=("sigmoid", "no steepness"), jax=("sigmoid", "no steepness")),
        ),
        Activation(
            name="bipolar_sigmoid", family="step/sigmoid", notebook="01",
            formula=r"f(x) = \frac{2}{1 + e^{-s x}} - 1 = \tanh\left(\frac{s x}{2}\right)",
            derivative_formula=r"f'(x) = \frac{s}{2}\,(1 - f(x)^2)",
            value=_bipolar, derivative=_bipolar_prime, params={"steepness": _STEEPNESS},
            output_range=r"(-1, 1)", used_in="early neural networks; equal to tanh(x/2)",
            init="xavier", color="sky_blue", linestyle="--",
        ),
        Activation(
            name="tanh", family="tanh", notebook="02",
            formula=r"f(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
            derivative_formula=r"f'(x) = 1 - \tanh^2 x",
            value=lambda x: np.tanh(x), derivative=_tanh_prime,
            output_range=r"(-1, 1)", used_in="RNN and LSTM hidden states, small MLPs",
            init="xavier", color="green", linestyle="-",
            frameworks=_frameworks(torch="torch.tanh", keras="tanh", jax="tanh"),
        ),
        Activation(
            name="relu", family="ReLU", notebook="03",
            formula=r"f(x) = \max(0, x)",
            derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
            value=_relu, derivative=_relu_prime,
            output_range=r"[0, \infty)", used_in="default hidden activation of CNNs and MLPs",
            init="he", color="blue", linestyle="-",
            frameworks=_frameworks(torch="torch.nn.functional.relu", keras="relu", jax="relu"),
        ),
        Activation(
            name="leaky_relu", family="ReLU", notebook="03",
            formula=r"f(x) = \begin{cases} x & x > 0 \\ \lambda x & x \le 0 \end{cases}",
            derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \lambda & x \le 0 \end{cases}",
            value=_leaky, derivative=_leaky_prime,
            params={"negative_slope": Param(0.01, 0.0, 1.0, 0.01, "slope lambda for x <= 0")},
            output_range=r"(-\infty, \infty)", used_in="GAN discriminators, a ReLU that cannot die",
            # Dashed: at slope 0.01 its solid curve would hide ReLU's.
            init="he", color="orange", linestyle="--",
            frameworks=_frameworks(torch="torch.nn.functional.leaky_relu",
                                   keras=("leaky_relu", "negative_slope = 0.2 by default (the LeakyReLU layer: 0.3)"),
                                   jax="leaky_relu"),
        ),
        PReLU(
            name="prelu", family="ReLU", notebook="03",
            formula=r"f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
            derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
            value=_prelu, derivative=_prelu_prime,
            params={"a": Param(0.25, 0.0, 1.0, 0.01, "learned slope for x <= 0 (He et al. start at 0.25)")},
            output_range=r"(-\infty, \infty)", used_in="ImageNet CNNs (He et al. 2015)",
            init="he", learnable=("a",), color="green", linestyle="--",
            frameworks=_frameworks(torch=("torch.nn.PReLU", "a layer; init = 0.25, one slope or "
                                                            "one per channel (num_parameters)")),
        ),
        Activation(
            name="elu", family="ELU/SELU", notebook="04",
            formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
            derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
            value=_elu, derivative=_elu_prime,
            params={"alpha": Param(1.0, 0.0, 3.0, 0.05, "value -alpha that f approaches as x -> -inf")},
            output_range=r"(-\alpha, \infty)", used_in="deep CNNs without batch norm",
            init="he", color="black", linestyle="--",
            frameworks=_frameworks(torch="torch.nn.functional.elu", keras="elu", jax="elu"),
        ),
        Activation(
            name="selu", family="ELU/SELU", notebook="04",
            formula=r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
            derivative_formula=r"f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
            value=_selu, derivative=_selu_prime,
            params={
                "alpha": Param(SELU_ALPHA, 0.0, 3.0, 0.01, "alpha of the ELU inside"),
                "scale": Param(SELU_SCALE, 0.5, 2.0, 0.01, "lambda, the overall scale"),
            },
            output_range=r"(-\lambda\alpha, \infty)", used_in="self-normalising MLPs (Klambauer et al. 2017)",
            init="lecun", color="yellow", linestyle="-",
            frameworks=_frameworks(torch=("torch.nn.functional.selu", "alpha and lambda fixed"),
                                   keras=("selu", "alpha and lambda fixed"),
                                   jax=("selu", "alpha and lambda fixed")),
        ),
        Softmax(
            name="softmax", family="softmax", notebook="05",
            formula=r"f(x)_i = \frac{e^{x_i / T}}{\sum_j e^{x_j / T}}",
            derivative_formula=r"\frac{\partial f_i}{\partial x_j} = \frac{1}{T} f_i (\delta_{ij} - f_j)",
            params=_SOFTMAX_PARAMS, output_range=r"(0, 1),\ \sum = 1",
            used_in="multi-class output layers, attention weights", color="vermillion",
            frameworks=_frameworks(
                torch=("torch.nn.functional.softmax", "dim has no default; " + _NO_TEMPERATURE),
                keras=("softmax", _NO_TEMPERATURE), jax=("softmax", _NO_TEMPERATURE)),
        ),
        Softmax(
            name="log_softmax", family="softmax", notebook="05",
            formula=r"f(x)_i = \frac{x_i}{T} - \log \sum_j e^{x_j / T}",
            derivative_formula=r"\frac{\partial f_i}{\partial x_j} = \frac{1}{T} (\delta_{ij} - \mathrm{softmax}(x)_j)",
            params=_SOFTMAX_PARAMS, output_range=r"(-\infty, 0]",
            used_in="cross-entropy losses (stable log-probabilities)", log=True, color="blue",
            frameworks=_frameworks(
                torch=("torch.nn.functional.log_softmax", "dim has no default; " + _NO_TEMPERATURE),
                keras=("log_softmax", _NO_TEMPERATURE), jax=("log_softmax", _NO_TEMPERATURE)),
        ),
        Swish(
            name="swish", family="Swish/GELU", notebook="06",
            formula=r"f(x) = x\, \sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
            derivative_formula=r"f'(x) = \sigma(\beta x) + \beta x\, \sigma(\beta x)(1 - \sigma(\beta x))",
            value=_swish, derivative=_swish_prime,
            params={"beta": _BETA},
            output_range=r"[\approx -0.278/\beta, \infty)", used_in="EfficientNet and many recent CNNs (as SiLU)",
            init="he", learnable=("beta",), color="purple", linestyle="-",
            frameworks=_frameworks(torch=("torch.nn.functional.silu", "SiLU: beta fixed at 1"),
                                   keras=("silu", "SiLU: beta fixed at 1; also named swish"),
                                   jax=("silu", "SiLU: beta fixed at 1; also named swish")),
        ),
        Activation(
            name="gelu", family="Swish/GELU", notebook="06",
            formula=r"f(x) = x\, \Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt 2}\right)",
            derivative_formula=r"f'(x) = \Phi(x) + x\, \varphi(x)",
            value=_gelu, derivative=_gelu_prime,
            params={"approximate": _APPROXIMATE},
            output_range=r"[\approx -0.170, \infty)", used_in="BERT, GPT-2 and many other transformers",
            init="he", color="sky_blue", linestyle="-",
            frameworks=_frameworks(
                torch=("torch.nn.functional.gelu", "approximate = 'none' or 'tanh'; no sigmoid form"),
                keras=("gelu", "approximate = False or True (tanh); no sigmoid form"),
                jax=("gelu", "approximate = True (tanh) by default; no sigmoid form")),
        ),
        Activation(
            name="softplus", family="smooth ReLU", notebook="08",
            formula=r"f(x) = \frac{1}{\beta} \log\left(1 + e^{\beta x}\right)",
            derivative_formula=r"f'(x) = \sigma(\beta x)",
            value=_softplus, derivative=_softplus_prime,
            params={"beta": Param(1.0, 0.1, 10.0, 0.1, "sharpness: large beta approaches ReLU",
                                  positive=True)},
            output_range=r"(0, \infty)", used_in="positive outputs (rates, scales), the smooth ReLU",
            init="he", color="green", linestyle="-.",
            frameworks=_frameworks(
                torch=("torch.nn.functional.softplus",
                       "threshold = 20: returns x where beta x > 20, off by up to 2e-9 there"),
                keras=("softplus", "no beta"), jax=("softplus", "no beta")),
        ),
        Activation(
            name="mish", family="smooth ReLU", notebook="08",
            formula=r"f(x) = x \tanh s,\quad s = \mathrm{softplus}(x)",
            derivative_formula=r"f'(x) = \tanh s + x\, \sigma(x)\, \mathrm{sech}^2 s",
            value=_mish, derivative=_mish_prime,
            output_range=r"[\approx -0.309, \infty)", used_in="YOLOv4 and other vision models",
            init="he", color="yellow", linestyle="--",
            frameworks=_frameworks(torch="torch.nn.functional.mish", keras="mish", jax="mish"),
        ),
        Activation(
            name="hard_sigmoid", family="hard", notebook="08",
            formula=r"f(x) = \frac{\mathrm{relu6}(x + 3)}{6}",
            derivative_formula=r"f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \mathrm{otherwise} \end{cases}",
            value=_hard_sigmoid, derivative=_hard_sigmoid_prime,
            output_range=r"[0, 1]", used_in="gates of mobile networks (MobileNetV3), PyTorch's variant",
            init="xavier", color="orange", linestyle="-",
            frameworks=_frameworks(torch="torch.nn.functional.hardsigmoid",
                                   keras=("hard_sigmoid", "Keras 2 had 0.2 x + 0.5, clipped"),
                                   jax="hard_sigmoid"),
        ),
        Activation(
            name="relu6", family="hard", notebook="08",
            formula=r"f(x) = \min(\max(0, x), 6)",
            derivative_formula=r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \mathrm{otherwise} \end{cases}",
            value=_relu6, derivative=_relu6_prime,
            output_range=r"[0, 6]", used_in="MobileNet (v1, v2): bounded for low-precision inference",
            init="he", color="vermillion", linestyle="--",
            frameworks=_frameworks(torch="torch.nn.functional.relu6", keras="relu6", jax="relu6"),
        ),
        Activation(
            name="hard_swish", family="hard", notebook="08",
            formula=r"f(x) = x\, \frac{\mathrm{relu6}(x + 3)}{6}",
            derivative_formula=r"f'(x) = \begin{cases} (2x + 3)/6 & |x| \le 3 \\ [x > 3] & |x| > 3 \end{cases}",
            value=_hard_swish, derivative=_hard_swish_prime,
            output_range=r"[-0.375, \infty)", used_in="MobileNetV3, PyTorch's variant",
            init="he", color="black", linestyle="-.",
            frameworks=_frameworks(torch="torch.nn.functional.hardswish",
                                   keras=("hard_silu", "also named hard_swish"),
                                   jax=("hard_swish", "also named hard_silu")),
        ),
        Activation(
            name="squared_relu", family="ReLU", notebook="08",
            formula=r"f(x) = \max(0, x)^2",
            derivative_formula=r"f'(x) = 2 \max(0, x)",
            value=_squared_relu, derivative=_squared_relu_prime,
            output_range=r"[0, \infty)", used_in="Primer and other recent language models",
            init="he", color="blue", linestyle="--",
        ),
        Gated(
            name="glu", family="gated", notebook="08", gate="sigmoid",
            formula=r"f(a, b) = a \odot \sigma(b)",
            derivative_formula=r"\frac{\partial f}{\partial a} = \sigma(b),\ \frac{\partial f}{\partial b} = a \odot \sigma'(b)",
            value=_sigmoid, derivative=_sigmoid_prime, params={"axis": _GATED_AXIS},
            output_range=r"(-\infty, \infty)", used_in="gated CNN language models (Dauphin et al. 2017)",
            color="vermillion", linestyle="-.",
            frameworks=_frameworks(torch="torch.nn.functional.glu", keras="glu", jax="glu"),
        ),
        Gated(
            name="reglu", family="gated", notebook="08", gate="relu",
            formula=r"f(a, b) = a \odot \max(0, b)",
            derivative_formula=r"\frac{\partial f}{\partial a} = \max(0, b),\ \frac{\partial f}{\partial b} = a \odot [b > 0]",
            value=_relu, derivative=_relu_prime, params={"axis": _GATED_AXIS},
            output_range=r"(-\infty, \infty)", used_in="transformer feed-forward blocks (Shazeer 2020)",
            color="blue", linestyle="-.",
        ),
        Gated(
            name="geglu", family="gated", notebook="08", gate="gelu",
            formula=r"f(a, b) = a \odot \mathrm{GELU}(b)",
            derivative_formula=r"\frac{\partial f}{\partial a} = \mathrm{GELU}(b),\ \frac{\partial f}{\partial b} = a \odot \mathrm{GELU}'(b)",
            value=_gelu, derivative=_gelu_prime,
            params={"axis": _GATED_AXIS, "approximate": _APPROXIMATE},
            output_range=r"(-\infty, \infty)", used_in="T5 v1.1, Gemma",
            color="sky_blue", linestyle="-.",
        ),
        Gated(
            name="swiglu", family="gated", notebook="08", gate="swish",
            formula=r"f(a, b) = a \odot b\, \sigma(\beta b)",
            derivative_formula=r"\frac{\partial f}{\partial a} = \mathrm{Swish}(b),\ \frac{\partial f}{\partial b} = a \odot \mathrm{Swish}'(b)",
            value=_swish, derivative=_swish_prime,
            params={"axis": _GATED_AXIS, "beta": _BETA},
            output_range=r"(-\infty, \infty)", used_in="LLaMA, PaLM, Mistral (with beta = 1)",
            color="purple", linestyle="--",
        ),
    ]
}


def names(elementwise=None):
    """Registry names in teaching order.

    Parameters
    ----------
    elementwise : bool, optional
        Only the activations with a curve f(x) (True), or only the others
        (False: softmax and log_softmax); all if not given.
    """
    return [n for n, a in ACTIVATIONS.items() if elementwise is None or a.elementwise == elementwise]


def get(name):
    """Return the activation called ``name``.

    Raises
    ------
    KeyError
        If there is no such activation; the message lists the valid names.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise KeyError(f"no activation named {name!r}; choose one of "
                       f"{', '.join(ACTIVATIONS)}") from None
