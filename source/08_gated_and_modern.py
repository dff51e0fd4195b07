# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: Gated and modern activations
#     goals: "softplus, Mish and the hard versions computed against Swish and GELU, the gated
#       feed-forward block of transformers (SwiGLU) and its 2/3 width rule, measured, and a map
#       of the names and defaults in PyTorch, Keras 3 and JAX"
#     budget_s: 30  # seconds per version: section 5 trains 21 small networks on the digits
#     remember:
#       - 'Softplus log(1 + eˣ) is the smooth ReLU; computed as max(x, 0) + log1p(e^−|x|) it neither overflows nor loses the far left.'
#       - 'Mish, Swish and GELU share a shape but differ by more than 0.01 on most of [−2, 6]: a trained model keeps the one it was trained with.'
#       - 'Hard sigmoid and hard swish replace the exponential by clipping (errors up to 0.07 and 0.14); in NumPy they cost about what the smooth ones cost.'
#       - 'A gated block multiplies act(xW) by xV; at 2/3 of the hidden width it has the plain block''s parameters. On our small task the plain block won.'
#       - 'Frameworks name and default the same functions differently (GELU''s approximate, Leaky ReLU''s slope, softplus''s threshold): read the defaults.'
# ---

# %% [markdown] id="08-title"
# # 08 · Gated and modern activations
#
# The activations of notebooks 01 to 07 are the ones of the source article. A student who opens
# a model today meets a few more: SwiGLU in the feed-forward blocks of most large language
# models, Mish and hard swish in vision models, softplus wherever an output must be positive,
# and three frameworks that name and default the same functions differently.
#
# **You will learn to**
# - compute softplus without overflow and without losing the far left, and see why it is "the
#   smooth ReLU";
# - put Mish, Swish and GELU side by side and say, with numbers, where they differ;
# - measure what the hard versions of mobile networks cost and how far they are from the smooth
#   ones;
# - write the gated feed-forward block of transformers, derive its 2/3 width rule, and compare
#   it with the plain block on a small task, honestly;
# - read a framework's documentation for the default that differs from the formula you know.
#
# The deep dives look at squared ReLU, have you write Mish, and SwiGLU as a layer with its
# backward pass, and show in numbers where a framework's formula differs from `actlib`'s.
#
# *About 50 minutes, plus 20 minutes of optional deep dives.
# Seven exercises: two predictions, a derivation and two functions in the core, a third
# function and your own layer in the deep dives; each is checked when you run the cell below it.*

# %% [markdown] id="08-setup"
# ## Setup
# Run this cell first. It imports NumPy, SciPy, Matplotlib and the series' helper package
# `actlib`. Every cell that draws random numbers seeds its own generator.

# %% id="08-setup-code"
import sys
import timeit

import numpy as np
from IPython.display import Markdown
from scipy import optimize, special
from threadpoolctl import threadpool_limits

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.agreement import agree
from actlib.exercises import adopt, check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="08-1-the-new-functions"
# ## 1. The new functions at a glance
#
# Six new elementwise functions, each in `actlib`'s registry with its derivative:
#
# | name | formula | used in |
# |---|---|---|
# | softplus | $\log(1 + e^{x})$ | positive outputs (rates, scales) |
# | Mish | $x \tanh(\mathrm{softplus}(x))$ | YOLOv4 and other vision models |
# | hard sigmoid | $\mathrm{relu6}(x + 3)/6$ | the gates of MobileNetV3 |
# | ReLU6 | $\min(\max(0, x), 6)$ | MobileNet v1 and v2 |
# | hard swish | $x\,\mathrm{relu6}(x + 3)/6$ | MobileNetV3 |
# | squared ReLU | $\max(0, x)^2$ | Primer, a language model |
#
# Squared ReLU rises fastest (16 at $x = 4$): switch it off to see the others. Look at the
# derivatives on the right too: softplus's is the sigmoid,
# the hard versions' are made of straight pieces, and squared ReLU's is $2\max(0, x)$, with no
# jump at 0.

# %% id="08-1-the-new-functions-code"
widgets.explore(["softplus", "mish", "hard_sigmoid", "relu6", "hard_swish", "squared_relu"],
                xlim=(-4, 4))

# %% [markdown] id="08-squared-relu" tags=["deep-dive"]
# ### Squared ReLU
# Squared ReLU comes from an automated search over transformer building blocks by [So et al.
# (2021)](#ref-so2021), "Primer". Unlike ReLU it is smooth at 0 to first order: its derivative
# has no jump there. Computed as in notebook 06, $f'(h) - f'(-h)$ for shrinking $h$:

# %% id="08-squared-relu-code"
for h in (1e-2, 1e-4, 1e-6):
    jumps = [act.derivative(h) - act.derivative(-h) for act in (actlib.relu, actlib.squared_relu)]
    print(f"h = {h:.0e}:  f'(h) - f'(-h) = {jumps[0]:.0e} (relu)  {jumps[1]:.0e} (squared_relu)")

# %% [markdown] id="08-2-softplus-the-smooth-relu"
# ## 2. Softplus, the smooth ReLU
#
# $$\mathrm{softplus}(x) = \log\left(1 + e^{x}\right) \qquad \mathrm{softplus}'(x) = \sigma(x)$$
#
# It was proposed as a smooth activation by [Dugas et al. (2001)](#ref-dugas2001), and [Glorot
# et al. (2011)](#ref-glorot2011) compared it with ReLU in deep networks. Its derivative is the
# sigmoid of notebook 01, and it is close to ReLU away from 0: for $x > 0$,
# $\mathrm{softplus}(x) - x = \log(1 + e^{-x})$, and for $x < 0$, $\mathrm{softplus}(x) =
# \log(1 + e^{x})$, the same expression of $-|x|$. So the gap to ReLU is largest at 0, where it
# is $\log 2$:

# %% id="08-2-softplus-the-smooth-relu-code"
x = np.linspace(-20, 20, 400_001)
gap = actlib.softplus(x) - actlib.relu(x)
print(f"largest gap softplus - relu: {gap.max():.6f} at x = {x[gap.argmax()]:.1f};  log 2 = {np.log(2):.6f}")
print(f"gap at |x| = 5, 10, 20: {np.interp([5, 10, 20], x, gap).round(8).tolist()}")

# %% [markdown] id="08-softplus-numerics"
# ### The textbook formula in the tails
# Softplus is where a positive output is needed: a rate, a standard deviation, a scale. Those
# numbers can be large or tiny, so the formula must work far out on both sides. What does the
# textbook formula `np.log(1 + np.exp(x))` give at $x = 1000$? Predict, then run the cell after.

# %% id="08-softplus-predict"
predict("08-naive-softplus")

# %% id="08-softplus-reveal" tags=["reveal", "exercise-predict", "tiny-values"]
with np.errstate(over="ignore"):  # the overflow is what we are looking at
    naive = {x: np.log(1 + np.exp(x)) for x in (1000.0, -40.0)}
print(f"np.log(1 + np.exp(x)) at x = 1000: {naive[1000.0]};  actlib.softplus: {actlib.softplus(1000.0)}")
print(f"np.log(1 + np.exp(x)) at x = -40:  {naive[-40.0]};  actlib.softplus: {actlib.softplus(-40.0):.6e}")
observed = "inf" if np.isinf(naive[1000.0]) else "nan" if np.isnan(naive[1000.0]) else "1000"
reveal("08-naive-softplus", observed, evidence=f"np.log(1 + np.exp(1000.0)) = {naive[1000.0]}")

# %% [markdown] id="08-softplus-numerics-text"
# Two failures. On the right, $e^{1000}$ overflows, although the answer is an ordinary 1000. On
# the left, $1 + e^{-40}$ rounds to exactly 1 (float64 keeps about 16 digits), so the log
# returns 0 where the answer is $4.25 \cdot 10^{-18}$: a positive output that should be tiny
# but positive has become 0, and its logarithm $-\infty$. Both are fixed by taking the large
# part out of the logarithm, and by `np.log1p(u)`, which computes $\log(1 + u)$ from $u$
# itself.
#
# ### Exercise 1 · `softplus`
# Write `softplus(x, beta=1.0)` $= \log(1 + e^{\beta x})/\beta$ so that it returns exactly 1000
# at $x = 1000$ and keeps full relative accuracy at $x = -40$. One rule: `np.logaddexp(0, x)`
# *is* softplus (it computes $\log(e^0 + e^x)$, stably), so it is not allowed here, nor are
# SciPy's `softplus`, `logsumexp` and `log_expit`, or `actlib`'s softplus.
#
# <!-- hints: softplus -->

# %% id="softplus-answer"
def softplus(x, beta=1.0):
    """Return log(1 + exp(beta * x)) / beta elementwise, exact in both tails."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    t = beta * x
    return (np.maximum(t, 0.0) + np.log1p(np.exp(-np.abs(t)))) / beta
    ### END SOLUTION


# %% id="softplus-check" tags=["check"]
check("softplus", softplus)

# %% [markdown] id="08-3-mish-swish-and-gelu"
# ## 3. Mish, Swish and GELU side by side
#
# All three multiply $x$ by a gate that runs from 0 to 1:
#
# $$\mathrm{Swish}(x) = x\,\sigma(x) \qquad \mathrm{GELU}(x) = x\,\Phi(x) \qquad
#   \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))$$
#
# Mish was proposed by [Misra (2019)](#ref-misra2019). On a plot the three look alike:

# %% id="08-3-mish-swish-and-gelu-code"
fig = plotting.plot_activations(["swish", "gelu", "mish"], derivative=True, xlim=(-5, 5))

# %% [markdown] id="08-3-mish-swish-and-gelu-text"
# Alike, but not equal. Their minima, found with `scipy.optimize`:

# %% id="08-3-minima-code"
for name in ("swish", "gelu", "mish"):
    res = optimize.minimize_scalar(actlib.get(name), bracket=(-3, -1, 0))
    print(f"{name:5s}: minimum {res.fun:.4f} at x = {res.x:.4f};  f'(0) = {actlib.get(name).derivative(0.0):.4f}")

# %% [markdown] id="08-where-they-differ"
# Mish dips deepest ($-0.309$) and leaves 0 with the steepest slope (0.6 against 0.5). Where do
# two of them differ by more than $10^{-2}$, a difference one would see on a plot? The
# intervals of a fine grid on $[-6, 6]$ where $|f - g| > 10^{-2}$, and the same for the
# derivatives:

# %% id="08-where-they-differ-code"
x = np.linspace(-6, 6, 12_001)


def intervals(mask):
    """The runs of True in mask, as 'a..b' ranges of x."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    return ", ".join(f"[{x[s]:.2f}, {x[e - 1]:.2f}]" for s, e in zip(edges[::2], edges[1::2])) or "nowhere"


for f, g in (("mish", "swish"), ("mish", "gelu"), ("swish", "gelu")):
    f, g = actlib.get(f), actlib.get(g)
    gap, dgap = np.abs(f(x) - g(x)), np.abs(f.derivative(x) - g.derivative(x))
    print(f"{f.name} vs {g.name}: largest |f - g| = {gap.max():.3f}\n  |f - g| > 0.01 on {intervals(gap > 1e-2)}"
          f"\n  |f' - g'| > 0.01 on {intervals(dgap > 1e-2)}")

# %% [markdown] id="08-where-they-differ-text"
# Each pair differs by more than 0.01 on most of $[-2, 6]$, by up to about 0.2, and their
# slopes too. They agree only near 0 and in part of the far left (where Mish and Swish are
# both small). The curves share a shape, not values: a network trained with one of them
# computes something else if another is put in its place. (Notebook 06 found the same for the
# two forms of GELU, at a much smaller scale.)

# %% [markdown] id="08-exercise-2-mish" tags=["deep-dive"]
# ### Exercise 2 · `mish`
# Write `mish(x)`. Your `softplus` of Exercise 1 is a building block (and here `np.logaddexp`
# is allowed too); `actlib`'s Mish is what you are writing.
#
# <!-- hints: mish -->

# %% id="mish-answer"
def mish(x):
    """Return x * tanh(softplus(x)) elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return x * np.tanh(softplus(x))
    ### END SOLUTION


# %% id="mish-check" tags=["check"]
check("mish", mish)

# %% [markdown] id="08-4-the-hard-versions-for-mobile"
# ## 4. The hard versions, for mobile networks
#
# MobileNetV3 ([Howard et al., 2019](#ref-howard2019)) replaces the sigmoid and Swish by
# piecewise-linear versions without an exponential:
#
# $$\mathrm{hard\_sigmoid}(x) = \frac{\mathrm{relu6}(x + 3)}{6} \qquad
#   \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{relu6}(x + 3)}{6}$$
#
# (`actlib` uses PyTorch's variant; other libraries have used other slopes, section 6.) How far
# are they from the smooth functions?

# %% id="08-4-the-hard-versions-for-mobile-code"
x = np.linspace(-10, 10, 200_001)
for hard, smooth in (("hard_sigmoid", "sigmoid"), ("hard_swish", "swish")):
    err = np.abs(actlib.get(hard)(x) - actlib.get(smooth)(x))
    print(f"max |{hard} - {smooth}| = {err.max():.4f} at x = {x[err.argmax()]:+.2f}")

# %% [markdown] id="08-hard-cost"
# Hard sigmoid is off by up to 0.069 (its slope at 0 is $1/6$, the sigmoid's $1/4$), hard
# swish by up to 0.142, at $x = -3$, where it is exactly 0. What do they save? Each kernel below
# is the formula in NumPy, timed on a million inputs; the best of five runs is compared, and
# only the bracket of the ratio is printed, because the exact times depend on the machine.

# %% id="08-hard-cost-code"
x = np.random.default_rng(0).normal(0.0, 3.0, 1_000_000)
kernels = {"sigmoid": lambda: 1 / (1 + np.exp(-x)),
           "hard_sigmoid": lambda: np.minimum(np.maximum(x + 3, 0), 6) / 6,
           "swish": lambda: x / (1 + np.exp(-x)),
           "hard_swish": lambda: x * np.minimum(np.maximum(x + 3, 0), 6) / 6,
           "mish": lambda: x * np.tanh(np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))))}
best = {name: min(timeit.repeat(f, number=3, repeat=5)) for name, f in kernels.items()}


def bracket(ratio):
    return "less than half of" if ratio < 0.5 else "more than twice" if ratio > 2 else "between half and twice"


for a, b in (("hard_sigmoid", "sigmoid"), ("hard_swish", "swish"), ("mish", "swish")):
    print(f"{a}: {bracket(best[a] / best[b])} the time of {b}")

# %% [markdown] id="08-hard-cost-text"
# In NumPy on a desktop CPU the hard versions save little: the exponential is vectorised, and
# each operation is a pass over a million numbers in memory, whatever it computes. Mish, with
# an exponential, a logarithm and a tanh, costs several times more. The case for the hard
# versions is made on other hardware: MobileNetV3's authors chose them because the sigmoid is
# much more expensive on mobile devices and ReLU6 is available everywhere, also in quantised
# (low-precision) mode, and report no discernible loss of accuracy (a citation, not a
# computation).

# %% [markdown] id="08-5-why-gating"
# ## 5. Why gating: the feed-forward block of transformers
#
# Every layer of a transformer ([Vaswani et al., 2017](#ref-vaswani2017)) has a feed-forward
# block, applied to each position's vector $x$ of length $d_{model}$:
#
# $$\mathrm{FFN}(x) = \mathrm{act}(x W_1)\, W_2$$
#
# with $W_1$ of shape $d_{model} \times d_{ff}$ and $W_2$ of shape $d_{ff} \times d_{model}$
# (biases left out). A **gated** block multiplies the activation by a second linear map of the
# same input, elementwise ($\odot$), before $W_2$:
#
# $$\mathrm{FFN}_{gated}(x) = \bigl(\mathrm{act}(x W) \odot x V\bigr)\, W_2$$
#
# The idea is the gated linear unit of [Dauphin et al. (2017)](#ref-dauphin2017), $x V \odot
# \sigma(x W)$. [Shazeer (2020)](#ref-shazeer2020) tried other activations in the gate: ReLU
# (ReGLU), GELU (GEGLU) and Swish (**SwiGLU**), and found the gated blocks better than the plain
# ones in his language-model experiments. PaLM ([Chowdhery et al., 2022](#ref-chowdhery2022))
# and LLaMA ([Touvron et al., 2023](#ref-touvron2023)) use SwiGLU.
#
# A gated block has three matrices where the plain one has two; to compare at equal cost,
# Shazeer shrank the hidden width. By how much?
#
# ### Exercise 3 · `equal_width`
# The base transformer has $d_{model} = 512$ and $d_{ff} = 2048$. Derive the hidden width $h'$
# of a gated block with as many weights as the plain block, and its ratio $h' / d_{ff}$. Return
# the pair, without rounding.
#
# <!-- hints: equal_width -->

# %% id="equal-width-answer"
def equal_width():
    """Return (h', h' / d_ff) for d_model = 512, d_ff = 2048, derived by hand."""
    ### BEGIN SOLUTION
    return (2 * 2048 / 3, 2 / 3)  # 2 d d_ff = 3 d h'
    ### END SOLUTION


# %% id="equal-width-check" tags=["check", "exercise-derive"]
check("equal_width", equal_width)

# %% [markdown] id="08-width-rule"
# The rule is $h' = \tfrac23 d_{ff}$, whatever $d_{model}$ is. Both counts, for the base
# transformer, for the sizes of Shazeer's experiments ($d_{model} = 768$, $d_{ff} = 3072$,
# gated width 2048), and LLaMA's rounding of $\tfrac23 \cdot 4 d_{model}$ up to a multiple of
# 256 for $d_{model} = 4096$:

# %% id="08-width-rule-code"
def weights(d_model, hidden, gated):
    """Weights of one feed-forward block, biases left out."""
    return (3 if gated else 2) * d_model * hidden


for d, d_ff, h in ((512, 2048, 2 * 2048 / 3), (768, 3072, 2048)):
    print(f"d_model = {d}: plain ({d_ff}) {weights(d, d_ff, False):,}, gated ({h:g}) {weights(d, h, True):,.0f}")
h_llama = 256 * int(np.ceil(2 * 4 * 4096 / 3 / 256))
print(f"LLaMA, d_model = 4096: 2/3 of 4 d_model = {2 * 4 * 4096 / 3:.2f}, rounded up to a multiple of 256: "
      f"{h_llama}, {weights(4096, h_llama, True) / weights(4096, 4 * 4096, False):.4f} of the plain count")

# %% [markdown] id="08-swiglu-in-actlib"
# $2048 \cdot 2/3$ is not a whole number, so practice rounds; LLaMA's 11008 ends up 0.8% above
# the plain count.
#
# ### SwiGLU in `actlib`
# `actlib`'s gated units take one array whose last axis holds two halves, $[a, b]$, and return
# $a \odot g(b)$, half as long: the convention of `torch.nn.functional.glu`. So the gated block
# is one matrix product with $[V \mid W]$ side by side, then `swiglu`. Checked against the
# formula on random weights:

# %% id="08-swiglu-in-actlib-code"
rng = np.random.default_rng(0)
x_in, W, V = rng.normal(size=(5, 8)), rng.normal(size=(8, 6)), rng.normal(size=(8, 6))
agree("swiglu(x [V | W]) vs swish(x W) * (x V)", actlib.swiglu(x_in @ np.hstack([V, W])),
      actlib.swish(x_in @ W) * (x_in @ V), within=1e-12)

# %% [markdown] id="08-exercise-4-swiglu"
# Its derivative is a pair of partials, one per half: $\partial f / \partial a = g(b)$ and
# $\partial f / \partial b = a\,g'(b)$; `actlib.swiglu.derivative(z)` returns both.
#
# ### Exercise 4 · `swiglu`
# Write `swiglu(x)`: split the last axis into halves $a$ and $b$ and return $a \cdot b\,
# \sigma(b)$. `special.expit` is $\sigma$; `actlib`'s gated units are what you are writing.
#
# <!-- hints: swiglu -->

# %% id="swiglu-answer"
def swiglu(x):
    """Return a * swish(b) for x = [a, b] split along the last axis."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    a, b = np.split(x, 2, axis=-1)
    return a * b * special.expit(b)
    ### END SOLUTION


# %% id="swiglu-check" tags=["check"]
check("swiglu", swiglu)

# %% [markdown] id="08-measured"
# ### Measured: a plain block against a gated one
# Does gating help on a small task? The task: the 8×8 handwritten digits (64 pixels, 10
# classes), split into training, validation and test sets. The model: one feed-forward block,
# pixels → hidden layer → 10 class scores, trained with Adam. The learning rate is chosen on
# the validation set; the test set is used once, at the end.

# %% id="08-measured-data"
X, y = datasets.digits()
X_train, X_val, X_test, y_train, y_val, y_test = datasets.train_val_test_split(
    X, y, val_size=0.2, test_size=0.2, seed=0)
X_train, X_val, X_test = datasets.standardize(X_train, X_val, X_test)
print(f"{len(X_train)} training, {len(X_val)} validation, {len(X_test)} test images")

# %% [markdown] id="08-measured-layer"
# `nn.Network` builds a hidden layer's weights from its widths, and a gated layer is half as
# wide after its activation as before it. So we build the two layers with `nn.Dense` ourselves
# and hand them to a network. The gated activation is a layer class like those of notebooks 03
# and 06, made of `actlib.swiglu` and its two partials; backward returns $dL/dz$ as long as $z$:

# %% id="08-measured-layer-code"
class ActlibSwiGLU:
    """actlib's SwiGLU as a layer: z = [a, b] -> a * swish(b), and back."""

    def forward(self, z):
        self.z = z
        return actlib.swiglu(z)

    def backward(self, dh):
        df_da, df_db = actlib.swiglu.derivative(self.z)
        return np.concatenate([dh * df_da, dh * df_db], axis=-1)


# %% id="08-measured-model-code"
def block(hidden, gated, seed, layer=ActlibSwiGLU):
    """pixels -> Swish (or SwiGLU) hidden layer -> 10 scores, He's initialisation, zero biases."""
    rng = np.random.default_rng(seed)
    width = 2 * hidden if gated else hidden  # gated: x [V | W] in one product
    first = nn.Dense(rng.normal(0, np.sqrt(2 / 64), (64, width)), np.zeros(width),
                     layer() if gated else nn.ActivationLayer("swish"))
    second = nn.Dense(rng.normal(0, np.sqrt(2 / hidden), (hidden, 10)), np.zeros(10))
    net = nn.Network([64, width, 10], seed=seed)
    net.layers = [first, second]
    return net


def count(net):
    return sum(w.size for layer in net.layers for w in layer.weights.values())


print(f"parameters, biases included: plain, 48 hidden {count(block(48, False, 0))}; "
      f"gated, 26 hidden {count(block(26, True, 0))}")

# %% [markdown] id="08-measured-count"
# Here the block maps 64 pixels to 10 scores rather than $d_{model}$ to $d_{model}$, so the 2/3
# rule becomes: plain $75h + 10$ against gated $140h' + 10$; 26 gated units for 48 plain ones
# give the gated block 1% more parameters. `fit` trains a network with Adam (the optimiser of
# `nn.train`; we call its step, `adam_step`, directly) and returns the validation loss and
# accuracy:

# %% id="08-measured-fit-code"
@threadpool_limits.wrap(limits=1, user_api="blas")  # small matrices: one thread is faster
def fit(net, lr, seed, epochs=20, batch_size=32):
    """Adam on the training set; return (validation loss, validation accuracy)."""
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(len(X_train)), len(X_train) // batch_size):
            _, grads = net.gradients(X_train[batch], y_train[batch])
            net.adam_step(grads, lr)
    loss, _ = nn.compute_loss(net.forward(X_val), y_val)
    return loss, np.mean(net.predict(X_val) == y_val)


# %% [markdown] id="08-measured-predict"
# Each block is trained with three learning rates and three seeds (initial weights and batch
# order). First: which block reaches the lower validation loss?

# %% id="08-measured-predict-code"
predict("08-gating-verdict")

# %% id="08-measured-run-code"
blocks = {"plain": (48, False), "gated": (26, True)}
rates, seeds = (1e-3, 3e-3, 1e-2), (0, 1, 2)
nets, val = {}, {}
for name, (hidden, gated) in blocks.items():
    for lr in rates:
        nets[name, lr] = [block(hidden, gated, s) for s in seeds]
        val[name, lr] = np.array([fit(net, lr, s) for net, s in zip(nets[name, lr], seeds)])
        loss, acc = val[name, lr].T
        print(f"{name:5s} lr = {lr:.0e}: validation loss {loss.mean():.3f} "
              f"(seeds {loss.min():.3f} to {loss.max():.3f}), accuracy {acc.mean():.3f}")

# %% id="08-measured-reveal" tags=["reveal", "exercise-predict"]
chosen = {name: min(rates, key=lambda lr: val[name, lr][:, 0].mean()) for name in blocks}
means = {name: val[name, chosen[name]][:, 0].mean() for name in blocks}
observed = ("equal" if abs(means["plain"] - means["gated"]) < 0.01
            else min(means, key=means.get))
reveal("08-gating-verdict", observed, evidence=", ".join(
    f"{name}: {means[name]:.3f} at lr = {chosen[name]:.0e}" for name in blocks))

# %% [markdown] id="08-measured-test"
# Each block's learning rate is now chosen on validation data. Only now, once, the test set,
# for the three seeds of each chosen configuration:

# %% id="08-measured-test-code"
for name in blocks:
    acc = [np.mean(net.predict(X_test) == y_test) for net in nets[name, chosen[name]]]
    print(f"{name:5s} (lr = {chosen[name]:.0e}): test accuracy {np.mean(acc):.3f} "
          f"(seeds {min(acc):.3f} to {max(acc):.3f})")

# %% [markdown] id="08-measured-verdict"
# **What this shows, and what it does not.** On the digits, with one block, Adam, He's
# initialisation, 20 epochs, three seeds and the learning rate chosen on validation data, the
# plain Swish block with 48 hidden units reached a lower mean validation loss than the SwiGLU
# block with 26 at every learning rate we tried; at the chosen rate, 0.129 against 0.220, and
# the seeds' ranges do not overlap (0.123 to 0.138 against 0.172 to 0.267). On the test set,
# used once, the plain block is ahead too, by less (accuracy 0.972 against 0.965, a difference
# of about 2 or 3 images of 359). On this task, at equal parameters, gating did not pay for the
# width it costs, and it made training less stable: its seeds spread far more.
#
# It does not show that SwiGLU is worse in transformers. Shazeer's comparison trained language
# models on billions of tokens, where the blocks are deep, wide and stacked with attention; our
# block is alone, small, and its task is solved to 97% by a plain one. A fair reading: a result
# measured at one scale is a hypothesis at another.

# %% [markdown] id="08-your-own-swiglu-layer" tags=["deep-dive"]
# ### Exercise 5 · your own `SwiGLULayer`
# Write SwiGLU as a layer: `forward(z)` splits $z = [a, b]$ and returns $a \cdot
# \mathrm{Swish}(b)$, keeping what backward needs; `backward(dh)` receives $dh = \partial L /
# \partial f$ (half as long as $z$) and returns $\partial L / \partial z$, as long as $z$: the
# part for $a$, then the part for $b$. The check compares your backward with central finite
# differences. `special.expit`, `actlib.swish` and your `swiglu` may do the work; `actlib`'s
# gated units and their partials may not.
#
# <!-- hints: swiglu_layer -->

# %% id="swiglu-layer-answer"
class SwiGLULayer:
    """SwiGLU as a layer: z = [a, b] -> a * b * sigmoid(b), forward and backward."""

    def forward(self, z):
        """Return a * swish(b) for z = [a, b], keeping what backward needs."""
        ### BEGIN SOLUTION
        self.a, self.b = np.split(z, 2, axis=-1)
        self.gate = special.expit(self.b)
        return self.a * self.b * self.gate
        ### END SOLUTION

    def backward(self, dh):
        """Return dL/dz = [dL/da, dL/db], given dh = dL/df."""
        ### BEGIN SOLUTION
        d_swish = self.gate + self.b * self.gate * (1 - self.gate)
        return np.concatenate([dh * self.b * self.gate, dh * self.a * d_swish], axis=-1)
        ### END SOLUTION


# %% id="swiglu-layer-check" tags=["check", "exercise-use-in-network"]
check("swiglu_layer", SwiGLULayer)

# %% [markdown] id="08-your-own-swiglu-layer-train"
# Now the gated block of section 5 with your layer: `adopt` hands over your class if it passed
# its check, and `actlib`'s otherwise. Trained with the learning rate chosen above, from the
# same seeds, it should reproduce the validation losses of the gated block:

# %% id="08-your-own-swiglu-layer-train-code"
layer = adopt("swiglu_layer", SwiGLULayer)
lr = chosen["gated"]
yours = np.array([fit(block(26, True, s, layer=layer), lr, s) for s in seeds])
agree("validation loss, your layer vs actlib's", yours[:, 0], val["gated", lr][:, 0], within=1e-4)
print(f"validation loss per seed: {yours[:, 0].round(3).tolist()}")

# %% [markdown] id="08-6-framework-map"
# ## 6. A framework map
#
# The same functions have other names in PyTorch, Keras 3 and JAX, and sometimes other
# defaults. The table is generated from `actlib`'s registry, where each activation states its
# framework names, documentation links and where a framework differs (the `frameworks` field),
# so it cannot drift from the code. A dash: the framework has no such function.

# %% id="08-6-framework-map-code"
def framework_cell(act, framework):
    entry = act.frameworks.get(framework)
    if entry is None:
        return "—"
    return f"[`{entry.call}`]({entry.url})" + (f"<br>*{entry.differs}*" if entry.differs else "")


frameworks = ("PyTorch", "Keras 3", "JAX")
rows = [f"| {name} | " + " | ".join(framework_cell(actlib.get(name), fw) for fw in frameworks) + " |"
        for name in actlib.ACTIVATIONS]
Markdown("\n".join(["| actlib | PyTorch | Keras 3 | JAX |", "|---|---|---|---|", *rows]))

# %% [markdown] id="08-framework-names"
# Three kinds of difference show in the table: **names** (Swish is `silu` in all three, hard
# swish is `hard_silu` in Keras and `hardswish` in PyTorch), **parameters a framework does not
# have** (no steepness for the sigmoid, no temperature for softmax, no $\beta$ for Keras's and
# JAX's softplus), and **defaults that change the values** (the deep dive below puts numbers on
# four of them).

# %% [markdown] id="08-framework-differences" tags=["deep-dive"]
# ### Where a framework's formula differs, in numbers
# No framework is installed here, so each one's formula is written in NumPy from its
# documentation, and compared with `actlib` on a fine grid. Four differences that change
# values:
#
# - **PyTorch's softplus** returns $x$ itself where $\beta x > 20$ (its `threshold`), dropping
#   $\log(1 + e^{-\beta x})/\beta$;
# - **JAX's GELU** defaults to `approximate=True`, the tanh form of notebook 06;
# - **Keras 3's Leaky ReLU** function, `keras.activations.leaky_relu`, defaults to
#   `negative_slope=0.2` (its layer `keras.layers.LeakyReLU` to 0.3), PyTorch's and JAX's to 0.01;
# - **Keras 2's hard sigmoid** was $\mathrm{clip}(0.2x + 0.5, 0, 1)$; PyTorch's (and
#   `actlib`'s) is $\mathrm{relu6}(x + 3)/6$.

# %% id="08-framework-differences-code"
x = np.linspace(-30, 30, 600_001)
sqrt_2_pi = np.sqrt(2 / np.pi)
framework = {
    "PyTorch softplus (threshold 20)": (np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, 20)))), actlib.softplus(x)),
    "JAX gelu (approximate=True)": (0.5 * x * (1 + np.tanh(sqrt_2_pi * (x + 0.044715 * x**3))), actlib.gelu(x)),
    "Keras 3 leaky_relu (slope 0.2)": (np.where(x > 0, x, 0.2 * x), actlib.leaky_relu(x)),
    "Keras 2 hard_sigmoid": (np.clip(0.2 * x + 0.5, 0, 1), actlib.hard_sigmoid(x)),
}
for label, (theirs, ours) in framework.items():
    gap = np.abs(theirs - ours)
    print(f"{label:31s}: largest |difference| {gap.max():.2g} at x = {x[gap.argmax()]:+.3f}")

# %% [markdown] id="08-framework-differences-text"
# The sizes span eight orders of magnitude:
# - PyTorch's threshold costs at most $\log(1 + e^{-20}) \approx 2.1 \cdot 10^{-9}$, just above
#   $x = 20$: invisible in training, visible in an accuracy test. Its slope there is 1
#   instead of $\sigma(20) = 1 - \sigma(-20)$, off by the same $2.1 \cdot 10^{-9}$.
# - JAX's default GELU differs from the exact one by up to $4.7 \cdot 10^{-4}$, as notebook 06
#   measured: a model trained in PyTorch (exact by default) and run in JAX with the defaults
#   computes slightly different outputs.
# - Keras's slope is a different function: at $x = -30$, $-6$ against $-0.3$; the difference
#   grows without bound to the left.
# - Keras 2's hard sigmoid and PyTorch's differ by up to 0.083, at $x = \pm 2.5$, where the
#   steeper one reaches 0 or 1.
#
# A model's definition includes these choices: when you move a model between frameworks, pass
# the parameter explicitly rather than rely on a default.

# %% [markdown] id="08-check-your-understanding"
# ## Check your understanding
#
# 1. Why does `np.log1p(np.exp(-40.0))` keep a digit that `np.log(1 + np.exp(-40.0))` loses?
#    <details><summary>Answer</summary>1 + e⁻⁴⁰ rounds to exactly 1 in float64 before the log
#    sees it; log1p receives e⁻⁴⁰ itself and returns it to full accuracy (for tiny u,
#    log(1 + u) ≈ u).</details>
# 2. A transformer has $d_{model} = 1024$ and a plain block with $d_{ff} = 4096$. What hidden
#    width gives a SwiGLU block the same number of weights?
#    <details><summary>Answer</summary>2/3 of 4096, about 2730.67; in practice a nearby round
#    number (computed below).</details>
# 3. Section 5's plain block won on the digits. Does that contradict Shazeer (2020)?
#    <details><summary>Answer</summary>No: it is another task at another scale (one small block,
#    1078 images, against stacked blocks in language models trained on billions of tokens).
#    It shows that gating is not a free gain everywhere, not that it fails in
#    transformers.</details>

# %% id="08-check-your-understanding-code"
print(f"2/3 of 4096 = {2 * 4096 / 3:.2f}: weights plain {weights(1024, 4096, False):,}, "
      f"gated at 2731 {weights(1024, 2731, True):,}")

# %% [markdown] id="08-summary"
# ## Summary
#
# | | formula | largest distance to its smooth or plain relative | where |
# |---|---|---|---|
# | softplus | $\log(1 + e^{x})$ | $\log 2 = 0.693$ from ReLU, at 0 | positive outputs |
# | Mish | $x \tanh(\mathrm{softplus}\,x)$ | up to 0.18 from Swish, 0.21 from GELU | vision models |
# | hard sigmoid | $\mathrm{relu6}(x + 3)/6$ | 0.069 from the sigmoid | MobileNetV3 |
# | hard swish | $x\,\mathrm{relu6}(x + 3)/6$ | 0.142 from Swish, at $x = -3$ | MobileNetV3 |
# | squared ReLU | $\max(0, x)^2$ | — (a different function) | Primer |
# | SwiGLU | $a \odot \mathrm{Swish}(b)$, $[a, b] = x[V \mid W]$ | — (3 matrices; width $\tfrac23 d_{ff}$) | PaLM, LLaMA |
