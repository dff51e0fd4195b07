"""Every value and derivative against a 50-digit reference, to the issue's bound.

For a result h (a function f or its derivative f') at x, the allowed error is

    |h(x)| * 16 u * max(1, |x h'(x) / h(x)|)    where |h(x)| >= tiny,
    tiny                                        where |h(x)| < tiny,

with (u, tiny) = (2**-53, 1e-300) for float64, (2**-24, 1e-36) for float32 and
(2**-11, 2**-14) for float16: as accurate as the problem's own conditioning
allows. An exact value beyond the largest float must come out as inf.
"""

import mpmath as mp
import numpy as np
import pytest

import actlib
from oracle import FORMATS, GATES, gated_grid, grid, log_softmax, softmax, worst_ratio

DTYPES = [np.float64, np.float32, np.float16]
DTYPE_IDS = ["float64", "float32", "float16"]

# Parameter values checked beside each activation's defaults.
VARIANTS = {
    "step": [{"threshold": 1.5}], "sigmoid": [{"steepness": 3.7}],
    "bipolar_sigmoid": [{"steepness": 0.3}], "leaky_relu": [{"negative_slope": 0.2}],
    "prelu": [{"a": 0.6}], "elu": [{"alpha": 2.5}], "selu": [{"alpha": 1.2, "scale": 0.9}],
    "swish": [{"beta": 0.4}, {"beta": 5.0}],
    "gelu": [{"approximate": "tanh"}, {"approximate": "sigmoid"}],
    "softplus": [{"beta": 0.3}, {"beta": 4.0}],
    "swiglu": [{"beta": 1.702}],
}


def cases(gated=False):
    """``(name, params)`` for every elementwise activation of the registry (or every
    gated unit): its defaults, then its VARIANTS."""
    found = [n for n, a in actlib.ACTIVATIONS.items() if (a.gated if gated else a.elementwise)]
    return [(n, p) for n in found for p in [{}, *VARIANTS.get(n, [])]]


CASES = cases()
GATED_CASES = cases(gated=True)


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("kind", ["value", "derivative"])
@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{p or ''}" for n, p in CASES])
def test_elementwise_within_bound(name, params, kind, dtype):
    act = actlib.get(name)
    xs = grid(dtype)
    got = (act if kind == "value" else act.derivative)(xs, **params)
    assert got.dtype == dtype
    ratio, where = worst_ratio(name, act.resolve(params), kind, xs, got)
    assert ratio <= 1.0, f"error {ratio:.3g} times the bound at (x, got, exact) = {where}"


@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("name,params", GATED_CASES, ids=[f"{n}{p or ''}" for n, p in GATED_CASES])
def test_gated_within_bound(name, params, dtype):
    """f = a g(b), df/da = g(b) and df/db = a g'(b), each to the gate's bound."""
    act = actlib.get(name)
    gate, gate_params = GATES[name]
    assert gate == act.gate
    gp = gate_params(act.resolve(params))
    a, b = gated_grid(dtype)
    x = np.concatenate([a, b])
    out, (da, db) = act(x, **params), act.derivative(x, **params)
    assert out.dtype == da.dtype == db.dtype == dtype
    for got, kind, factor in ((out, "value", a), (da, "value", None), (db, "derivative", a)):
        ratio, where = worst_ratio(gate, gp, kind, b, got, factor)
        assert ratio <= 1.0, f"{kind}: error {ratio:.3g} times the bound at (b, got, exact) = {where}"


def test_every_activation_is_checked():
    assert {n for n, _ in CASES + GATED_CASES} | {"softmax", "log_softmax"} == set(actlib.ACTIVATIONS)


def _softmax_rows():
    rng = np.random.default_rng(0)
    rows = [
        [1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0], [0.0, 1e-300, -1e-300],
        [1e-8, 2e-8, -3e-8, 0.0], [0.0, -np.inf], [-np.inf, 3.0, -np.inf, 2.0],
        [700.0, -700.0, 0.0], [1e5, 1e5 - 30.0, 1e5 - 800.0], [0.0, -745.0, -746.0, -40.0],
        [0.0, -40.0], [0.0, -20.0], [5.0, -30.0, -35.0], [3.0, 3.0, -50.0], [-2.0, -60.0, -700.0],
    ]
    rows += [list(rng.normal(0, scale, 5)) for scale in (1e-8, 1.0, 10.0, 300.0)]
    return rows


@pytest.mark.parametrize("temperature", [1.0, 0.3, 7.0])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_softmax_family_within_bound(dtype, temperature):
    u, tiny = FORMATS[dtype]
    for row in _softmax_rows():
        x = np.array(row, dtype=dtype)
        z = [mp.mpf(float(v)) / mp.mpf(temperature) for v in x]
        s = softmax(z)
        got_s = actlib.softmax(x, temperature=temperature)
        got_l = actlib.log_softmax(x, temperature=temperature)
        got_j = actlib.softmax.jacobian(x, temperature=temperature)
        assert got_s.dtype == got_l.dtype == got_j.dtype == dtype
        finite = [zj for zj in z if zj != -mp.inf]
        for i, zi in enumerate(z):
            cond = mp.fsum(abs(zj) * abs((i == j) - s[j]) for j, zj in enumerate(z) if zj != -mp.inf)
            err = abs(mp.mpf(float(got_s[i])) - s[i])
            allowed = 16 * u * max(1, cond) * s[i] if s[i] >= tiny else tiny
            assert err <= allowed, (row, i, got_s[i])
            if zi != -mp.inf:
                exact_l = log_softmax(z)[i]
                bound = 16 * u * max(1, max(abs(v) for v in finite))
                if zi == max(z):  # the dominant class: about -sum(p_j), held to relative accuracy
                    bound = min(bound, 16 * u * max(1, max(zi - v for v in finite)) * abs(exact_l) + tiny)
                assert abs(mp.mpf(float(got_l[i])) - exact_l) <= bound, (row, i, got_l[i])
            for j in range(len(z)):
                exact = s[i] * ((i == j) - s[j]) / temperature
                bound = 32 * u * max(1, mp.fsum(abs(v) for v in finite))
                assert abs(mp.mpf(float(got_j[i, j])) - exact) <= bound, (row, i, j)
