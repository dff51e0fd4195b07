"""Accuracy and speed of actlib against the naive NumPy formulas and PyTorch.

For every function and derivative this prints the worst error on the test
grid in units of the accuracy bound (1 or less meets it; ``inf`` means a NaN,
an inf or a wrong 0 where the exact value is finite), for actlib, the naive
textbook formula in NumPy, and PyTorch float64 with autograd (if installed),
and actlib's worst error in ulps where the problem is well conditioned
(condition number at most 1; elsewhere the bound is the measure). A gated unit f(a, b) = a g(b) has three
rows, f and its partials df/da and df/db, over the grid of b with a cycling
through signs and sizes. Then the time of actlib against the naive formula
on 10**6 float64 values.

Run with ``make bench`` or ``python benchmarks/accuracy.py``.
"""

import sys
import timeit
import warnings
from pathlib import Path

import numpy as np
from scipy import special

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import actlib  # noqa: E402
from oracle import GATES, gated_grid, grid, worst_ratio, worst_ulps  # noqa: E402

try:
    import torch
except ImportError:  # torch is an optional extra, never a requirement
    torch = None


def _sig(x):
    return 1 / (1 + np.exp(-x))


def _phi(x):
    return np.exp(-x * x / 2) / np.sqrt(2 * np.pi)


def _u(x):
    return np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)


A, L = actlib.selu.defaults()["alpha"], actlib.selu.defaults()["scale"]

# name, params: (naive value, naive derivative), as most course notebooks write them.
NAIVE = {
    ("step", ""): (lambda x: (x > 0) * 1.0, lambda x: 0 * x),
    ("sigmoid", ""): (_sig, lambda x: _sig(x) * (1 - _sig(x))),
    ("bipolar_sigmoid", ""): (lambda x: 2 * _sig(x) - 1, lambda x: 2 * _sig(x) * (1 - _sig(x))),
    ("tanh", ""): (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    ("relu", ""): (lambda x: np.maximum(0, x), lambda x: (x > 0) * 1.0),
    ("leaky_relu", ""): (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1, 0.01)),
    ("prelu", ""): (lambda x: np.where(x > 0, x, 0.25 * x), lambda x: np.where(x > 0, 1, 0.25)),
    ("elu", ""): (lambda x: np.where(x > 0, x, np.exp(x) - 1),
                  lambda x: np.where(x > 0, 1, np.exp(x) - 1 + 1)),
    ("selu", ""): (lambda x: L * np.where(x > 0, x, A * (np.exp(x) - 1)),
                   lambda x: L * np.where(x > 0, 1, A * np.exp(x))),
    ("swish", ""): (lambda x: x * _sig(x), lambda x: _sig(x) + x * _sig(x) * (1 - _sig(x))),
    ("gelu", ""): (lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(2))),
                   lambda x: 0.5 * (1 + special.erf(x / np.sqrt(2))) + x * _phi(x)),
    ("gelu", "tanh"): (lambda x: 0.5 * x * (1 + np.tanh(_u(x))),
                       lambda x: 0.5 * (1 + np.tanh(_u(x))) + 0.5 * x * (1 - np.tanh(_u(x)) ** 2)
                       * np.sqrt(2 / np.pi) * (1 + 3 * 0.044715 * x ** 2)),
    ("gelu", "sigmoid"): (lambda x: x * _sig(1.702 * x),
                          lambda x: _sig(1.702 * x) + 1.702 * x * _sig(1.702 * x) * (1 - _sig(1.702 * x))),
    ("softplus", ""): (lambda x: np.log(1 + np.exp(x)), _sig),
    ("mish", ""): (lambda x: x * np.tanh(np.log(1 + np.exp(x))),
                   lambda x: np.tanh(np.log(1 + np.exp(x)))
                   + x * (1 - np.tanh(np.log(1 + np.exp(x))) ** 2) * _sig(x)),
    ("hard_sigmoid", ""): (lambda x: np.clip(x / 6 + 0.5, 0, 1), lambda x: np.where(np.abs(x) < 3, 1 / 6, 0)),
    ("relu6", ""): (lambda x: np.minimum(np.maximum(x, 0), 6), lambda x: ((x > 0) & (x < 6)) * 1.0),
    ("hard_swish", ""): (lambda x: x * np.clip(x + 3, 0, 6) / 6,
                         lambda x: np.where(x < -3, 0, np.where(x <= 3, x / 3 + 0.5, 1))),
    ("squared_relu", ""): (lambda x: np.maximum(x, 0) ** 2, lambda x: 2 * np.maximum(x, 0)),
}

# name: the naive gate g and g' of a gated unit a g(b).
NAIVE_GATES = {"glu": NAIVE[("sigmoid", "")], "reglu": NAIVE[("relu", "")],
               "geglu": NAIVE[("gelu", "")], "swiglu": NAIVE[("swish", "")]}

TORCH = torch and {
    ("step", ""): None,  # torch.heaviside has no gradient
    ("sigmoid", ""): torch.sigmoid,
    ("bipolar_sigmoid", ""): lambda t: 2 * torch.sigmoid(t) - 1,
    ("tanh", ""): torch.tanh,
    ("relu", ""): torch.relu,
    ("leaky_relu", ""): torch.nn.functional.leaky_relu,
    ("prelu", ""): lambda t: torch.nn.functional.prelu(t, torch.tensor([0.25], dtype=t.dtype)),
    ("elu", ""): torch.nn.functional.elu,
    ("selu", ""): torch.selu,
    ("swish", ""): torch.nn.functional.silu,
    ("gelu", ""): torch.nn.functional.gelu,
    ("gelu", "tanh"): lambda t: torch.nn.functional.gelu(t, approximate="tanh"),
    ("gelu", "sigmoid"): lambda t: t * torch.sigmoid(1.702 * t),
    ("softplus", ""): torch.nn.functional.softplus,
    ("mish", ""): torch.nn.functional.mish,
    ("hard_sigmoid", ""): torch.nn.functional.hardsigmoid,
    ("relu6", ""): torch.nn.functional.relu6,
    ("hard_swish", ""): torch.nn.functional.hardswish,
    ("squared_relu", ""): None,  # no such function
    # glu([a, b]) = a sigmoid(b), as actlib's; PyTorch has no ReGLU, GEGLU or SwiGLU.
    "glu": torch.nn.functional.glu, "reglu": None, "geglu": None, "swiglu": None,
}


def _torch_pair(fn, xs):
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


def _fmt(r):
    return "inf" if not np.isfinite(r) else f"{r:.2g}"


def _cells(name, params, kind, xs, values, factor=None):
    """Worst ratio of each computed array (None: not available), and actlib's (the first) in ulps."""
    ratios = [worst_ratio(name, params, kind, xs, v, factor)[0] if v is not None else None
              for v in values]
    return ratios, worst_ulps(name, params, kind, xs, values[0], factor)


def _print_row(label, kind, ratios, ulps):
    print(f"{label:<22}{kind:<12}" + "".join(f"{_fmt(c) if c is not None else 'n/a':>10}" for c in ratios)
          + f"{_fmt(ulps):>10}")


def accuracy_table():
    """Print the accuracy table; return its rows ``(label, kind, actlib, naive, torch)``.

    Each figure is the worst error in units of the bound, None where not available.
    """
    xs = grid(np.float64)
    rows = []
    print("Worst error over the grid, in units of the bound (<= 1 meets it), and actlib's in ulps\n")
    head = f"{'function':<22}{'':12}{'actlib':>10}{'naive':>10}{'torch':>10}{'ulps':>10}"
    print(head + "\n" + "-" * len(head))
    for (name, mode), (naive_f, naive_d) in NAIVE.items():
        act = actlib.get(name)
        params = {"approximate": mode} if mode else {}
        full = act.resolve(params)
        label = name + (f"[{mode}]" if mode else "")
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            naive = (naive_f(xs) * np.ones_like(xs), naive_d(xs) * np.ones_like(xs))
            tfn = TORCH and TORCH[(name, mode)]
            theirs = _torch_pair(tfn, xs) if tfn else (None, None)
        for i, kind in enumerate(("value", "derivative")):
            ours = (act if kind == "value" else act.derivative)(xs, **params)
            ratios, ulps = _cells(name, full, kind, xs, (ours, naive[i], theirs[i]))
            _print_row(label if i == 0 else "", kind, ratios, ulps)
            rows.append((label, kind, *ratios))
    a, b = gated_grid(np.float64)
    x = np.concatenate([a, b])
    for name, (naive_g, naive_dg) in NAIVE_GATES.items():
        act = actlib.get(name)
        gate, gate_params = GATES[name]
        gp = gate_params(act.defaults())
        ours = (act(x), *act.derivative(x))
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            naive = (a * naive_g(b), naive_g(b) * np.ones_like(b), a * naive_dg(b))
            tfn = TORCH and TORCH[name]
            theirs = (None,) * 3
            if tfn:
                value, grad = _torch_pair(tfn, x)
                theirs = (value, grad[:len(a)], grad[len(a):])  # d sum(f) / dx = (g(b), a g'(b))
        for i, (kind, gate_kind, factor) in enumerate((("value", "value", a), ("d/da", "value", None),
                                                       ("d/db", "derivative", a))):
            ratios, ulps = _cells(gate, gp, gate_kind, b, (ours[i], naive[i], theirs[i]), factor)
            _print_row(name if i == 0 else "", kind, ratios, ulps)
            rows.append((name, kind, *ratios))
    return rows


def speed_table(n=10 ** 6, repeat=5):
    """Print the speed table; return its rows ``(label, value ratio, derivative ratio)``."""
    x = np.random.default_rng(0).normal(0, 5, n)
    rows = []
    print(f"\nTime on {n:,} float64 values (best of {repeat}), actlib / naive\n")
    head = f"{'function':<22}{'value':>10}{'derivative':>12}"
    print(head + "\n" + "-" * len(head))
    for (name, mode), pair in NAIVE.items():
        act = actlib.get(name)
        params = {"approximate": mode} if mode else {}
        ratios = []
        for ours, naive in ((lambda: act(x, **params), lambda: pair[0](x)),
                            (lambda: act.derivative(x, **params), lambda: pair[1](x))):
            t_ours = min(timeit.repeat(ours, number=1, repeat=repeat))
            t_naive = min(timeit.repeat(naive, number=1, repeat=repeat))
            ratios.append(t_ours / t_naive)
        label = name + (f"[{mode}]" if mode else "")
        print(f"{label:<22}{ratios[0]:>10.2f}{ratios[1]:>12.2f}")
        rows.append((label, *ratios))
    return rows


if __name__ == "__main__":
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}\n")
    accuracy_table()
    speed_table()
