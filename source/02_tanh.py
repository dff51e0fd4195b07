# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: tanh
#     goals: "tanh as a rescaled sigmoid, what zero-centring does to the updates (measured),
#       saturation in depth"
#     remember:
#       - 'tanh(x) = 2σ(2x) − 1: a rescaled sigmoid, the same networks with other weights.'
#       - 'Zero-centred outputs let one unit''s weight updates take both signs.'
#       - 'tanh saturates too: deep tanh networks need Xavier or LeCun weights and small biases.'
# ---

# %% [markdown] id="02-title"
# # 02 · tanh, the zero-centred sigmoid
#
# The hyperbolic tangent is the sigmoid, stretched to the range $(-1, 1)$. This notebook checks
# what that buys: a four times steeper slope, outputs centred on zero, and what each of the two
# does to training.
#
# **You will learn to**
# - find how the sigmoid must be rescaled to become tanh, write each with the other, and prove it
#   numerically;
# - compute tanh's derivative, and see where $1 - \tanh^2$ fails in floating point;
# - measure what zero-centred outputs change in the weight updates and in convergence, and tell
#   that effect apart from tanh's larger slope;
# - see how tanh networks keep or lose their gradients with depth, initialisation and saturation.
#
# *About 50 minutes, plus 15 minutes of optional deep dives. Five exercises: a derivation, three
# functions to write and a prediction, each checked the moment you run the cell below it.*

# %% [markdown] id="02-setup"
# ## Setup
# Run this cell first. It imports NumPy, Matplotlib and the series' helper package `actlib`,
# and gives plain Matplotlib figures the series' look. Every cell that draws random numbers
# seeds its own generator, so you see the same numbers as everyone else, however often you run
# it.

# %% id="02-setup-code"
import copy
import functools
import sys

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.agreement import agree
from actlib.exercises import check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="02-1-tanh-is-a-rescaled-sigmoid"
# ## 1. tanh is a rescaled sigmoid
#
# $$\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} \in (-1, 1),
#   \qquad \sigma(x) = \frac{1}{1 + e^{-x}} \in (0, 1)$$
#
# Both curves are S-shaped, and that is no accident: tanh is the sigmoid, rescaled. Which
# rescaling? Work it out before the notebook shows it.
#
# ### Exercise 1 · `tanh_as_sigmoid`
# Which of these equals $\tanh x$ for every $x$?
#
# - **(a)** $2\sigma(x) - 1$
# - **(b)** $2\sigma(2x) - 1$
# - **(c)** $\sigma(2x) - \tfrac12$
# - **(d)** $2\sigma(x/2) - 1$
#
# Make `tanh_as_sigmoid()` return the letter of your answer as a string. The check explains the
# option you chose, right or wrong.
#
# <!-- hints: tanh_as_sigmoid -->

# %% id="tanh-as-sigmoid-answer"
def tanh_as_sigmoid():
    """Return "a", "b", "c" or "d": the option equal to tanh(x) for every x."""
    ### BEGIN SOLUTION
    return "b"
    ### END SOLUTION


# %% id="tanh-as-sigmoid-check" tags=["check", "exercise-derive"]
check("tanh_as_sigmoid", tanh_as_sigmoid)

# %% [markdown] id="02-1-tanh-is-a-rescaled-sigmoid-text"
# Multiplying the numerator and the denominator of $\tanh x$ by $e^{-x}$ gives
# $(1 - e^{-2x})/(1 + e^{-2x}) = 2/(1 + e^{-2x}) - 1$, so
#
# $$\tanh x = 2\,\sigma(2x) - 1.$$
#
# tanh is the sigmoid squeezed horizontally by 2, stretched vertically by 2 and moved down by 1.
# The bipolar sigmoid of notebook 01 is the same curve once more, with the input halved:
# $2\sigma(x) - 1 = \tanh(x/2)$. All three together: the steepness slider moves the sigmoid and
# the bipolar sigmoid, and at steepness 2 the bipolar sigmoid lies exactly on tanh, because
# $\tanh(2x/2) = \tanh x$.

# %% id="02-1-tanh-is-a-rescaled-sigmoid-code-2"
widgets.explore(["sigmoid", "bipolar_sigmoid", "tanh"])

# %% [markdown] id="02-1-tanh-is-a-rescaled-sigmoid-text-2"
# The two identities, computed on a fine grid:

# %% id="02-1-tanh-is-a-rescaled-sigmoid-code-3"
x = np.linspace(-20, 20, 4001)
agree("tanh(x) vs 2 sigmoid(2x) - 1", actlib.tanh(x), 2 * actlib.sigmoid(2 * x) - 1, within=1e-15)
agree("2 sigmoid(x) - 1 vs tanh(x/2)", 2 * actlib.sigmoid(x) - 1, actlib.tanh(x / 2), within=1e-15)

# %% [markdown] id="02-1-tanh-is-a-rescaled-sigmoid-text-3"
# Both differences are rounding errors (a few units of $10^{-16}$), so the identities hold.
#
# The article describes tanh like this: *"It has the same S shape as the sigmoid, with an output
# range of −1 to 1. The larger (more positive) the input, the closer the output is to 1.0; the
# smaller (more negative) the input, the closer the output is to −1.0. It is bipolar in nature."*
# Each part, checked:

# %% id="02-1-tanh-is-a-rescaled-sigmoid-code-4"
x = np.array([-20.0, -5.0, -2.0, -0.5, 0.0, 0.5, 2.0, 5.0, 20.0])
print("x:      ", x)
print("tanh(x):", actlib.tanh(x).round(4))
grid = np.linspace(-30, 30, 600_001)
print("rising everywhere (slope > 0):", bool(np.all(actlib.tanh.derivative(grid) > 0)))
print("odd, tanh(-x) == -tanh(x):    ", np.array_equal(actlib.tanh(-grid), -actlib.tanh(grid)))
print("exactly 1.0 at x = 20?        ", actlib.tanh(20.0) == 1.0)

# %% [markdown] id="02-exercise-1-tanh-from-sigmoid"
# The description is right: the shape is the sigmoid's (that is the identity above), the curve
# rises everywhere, approaches −1 and 1, and is symmetric about the origin, $\tanh(-x) = -\tanh x$, which is what "bipolar" means here: a
# negative input gives a negative output of the same size. One correction in floating point: the
# range is the *open* interval $(-1, 1)$ in mathematics, but in float64 `tanh(20)` is exactly 1.0.
# The deep dive of section 2 shows where that bites.
#
# ### Exercise 2 · `tanh_from_sigmoid`
# Write `tanh_from_sigmoid(x)` using only a sigmoid (yours from notebook 01 or `actlib.sigmoid`),
# not `np.tanh`: the check rejects an answer that calls tanh.
#
# <!-- hints: tanh_from_sigmoid -->

# %% id="tanh-from-sigmoid-answer"
def tanh_from_sigmoid(x):
    """Return tanh(x) computed from the sigmoid, elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return 2 * actlib.sigmoid(2 * x) - 1
    ### END SOLUTION


# %% id="tanh-from-sigmoid-check" tags=["check"]
check("tanh_from_sigmoid", tanh_from_sigmoid)

# %% [markdown] id="02-2-the-derivative-four-times-steeper-at"
# ## 2. The derivative: four times steeper at the centre
#
# $$\tanh'(x) = 1 - \tanh^2 x = \frac{1}{\cosh^2 x} = 4\,\sigma'(2x)$$
#
# The last form follows from differentiating $2\sigma(2x) - 1$. First, the formula against a
# finite difference:

# %% id="02-2-the-derivative-four-times-steeper-at-code"
x = np.linspace(-6, 6, 13)
h = 1e-6
numeric = (actlib.tanh(x + h) - actlib.tanh(x - h)) / (2 * h)
agree("finite difference vs 1 - tanh^2", numeric, 1 - actlib.tanh(x) ** 2, within=1e-9)

# %% [markdown] id="02-2-the-derivative-four-times-steeper-at-text"
# The slopes at their peak, and how they compare elsewhere:

# %% id="02-2-the-derivative-four-times-steeper-at-code-2"
x = np.linspace(-10, 10, 2001)
d_tanh, d_sig = actlib.tanh.derivative(x), actlib.sigmoid.derivative(x)
print(f"largest tanh'(x):    {d_tanh.max():.4f} at x = {x[d_tanh.argmax()]:.1f}")
print(f"largest sigmoid'(x): {d_sig.max():.4f} at x = {x[d_sig.argmax()]:.1f}")
points = np.array([0.0, 1.0, 2.0, 4.0])
ratio = actlib.tanh.derivative(points) / actlib.sigmoid.derivative(points)
print(f"tanh'(x) / sigmoid'(x) at x = {points}: {ratio.round(2)}")

# %% [markdown] id="02-2-the-derivative-four-times-steeper-at-text-2"
# At the centre tanh is four times as steep (1 against 1/4). Away from the centre the ratio is
# not 4: tanh's slope falls off like $e^{-2|x|}$, the sigmoid's like $e^{-|x|}$, so at $|x| = 2$
# tanh is already the *flatter* of the two. Here is the derivative, as in the article's figure:

# %% id="02-2-the-derivative-four-times-steeper-at-code-3"
# extra code – tanh and sigmoid with their derivatives
fig = plotting.plot_activations(["sigmoid", "tanh"], derivative=True, xlim=(-6, 6))

# %% [markdown] id="02-where-breaks-in-floating-point" tags=["deep-dive"]
# ### Where $1 - \tanh^2 x$ breaks in floating point
#
# Once `np.tanh(x)` rounds to exactly 1.0, $1 - \tanh^2 x$ is exactly 0, although the true
# slope, about $4e^{-2|x|}$, is a positive float64 much further out. The form $1/\cosh^2 x$ has no
# subtraction, so it can serve as a reference, but it has a limit of its own: once $\cosh^2 x$
# overflows to `inf`, it returns 0 too. The three limits, computed:

# %% id="02-where-breaks-in-floating-point-code" tags=["tiny-values"]
xs = np.linspace(0, 400, 4_000_001)
print(f"np.tanh(x) == 1.0 from x = {xs[np.argmax(np.tanh(xs) == 1.0)]:.3f}")
with np.errstate(over="ignore"):  # the overflow is what we are looking for
    print(f"np.cosh(x) ** 2 is inf from x = {xs[np.argmax(np.isinf(np.cosh(xs) ** 2))]:.3f}")
tiny = np.finfo(float).smallest_subnormal  # the smallest positive float64
print(f"4 e^(-2x) >= {tiny:.1e} up to x = {(np.log(4) - np.log(tiny)) / 2:.1f}")

# %% [markdown] id="02-where-breaks-in-floating-point-text"
# So, up to $|x| \approx 355$, $1/\cosh^2 x$ is a fair reference. Here are the two forms and
# `actlib`'s derivative, from 10 to 350:

# %% id="02-where-breaks-in-floating-point-code-2" tags=["tiny-values"]
x = np.array([10.0, 18.0, 19.0, 20.0, 100.0, 350.0])
print("x:                        ", x)
print("1 - tanh(x)**2:           ", 1 - np.tanh(x) ** 2)
print("1 / cosh(x)**2:           ", 1 / np.cosh(x) ** 2)
print("actlib.tanh.derivative(x):", actlib.tanh.derivative(x))

# %% [markdown] id="02-where-breaks-in-floating-point-text-2"
# The naive form is already 4% off at $x = 18$ and returns 0 from $x = 19$; `actlib` agrees with
# the reference (it computes $4\sigma'(2x)$ from $e^{-2|x|}$, which never overflows). Does it
# matter? A slope of $10^{-17}$ moves no weight, so for training hardly. But a slope reported as
# *exactly* 0 is a different statement, "this unit cannot learn at all", and any code that tests
# `slope == 0` believes it.

# %% [markdown] id="02-exercise-2-tanh-derivative"
# ### Exercise 3 · `tanh_derivative`
# Write `tanh_derivative(x)`, without `actlib`'s derivatives. The check tests $|x| \le 20$; the
# deep dive above shows the form to choose if it should stay accurate further out.
#
# <!-- hints: tanh_derivative -->

# %% id="tanh-derivative-answer"
def tanh_derivative(x):
    """Return the derivative of tanh, elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    e = np.exp(-2 * np.abs(x))
    return 4 * e / (1 + e) ** 2
    ### END SOLUTION


# %% id="tanh-derivative-check" tags=["check"]
check("tanh_derivative", tanh_derivative)

# %% [markdown] id="02-3-zero-centred-outputs-what-do-they"
# ## 3. Zero-centred outputs: what do they change?
#
# The article: *"Since this function is zero-centred, it is easier to model inputs that have
# strongly negative, neutral and strongly positive values."* And among the sigmoid's drawbacks:
# *"non-zero-centred output, causing gradient updates to propagate in different directions."*
# Both need care. We test them on the same small network, trained with sigmoid and with tanh
# hidden units.
#
# ### What a network can represent does not change
#
# Since $\sigma(z) = \tfrac12\bigl(1 + \tanh(z/2)\bigr)$, every sigmoid network *is* a tanh network
# with other weights. For one hidden layer: halve the hidden layer's weights and biases (so tanh
# sees $z/2$), and let the output layer absorb the factor $\tfrac12$ and the shift $+\tfrac12$,
#
# $$\sigma(z)\,W + b = \tanh(z/2)\,\tfrac{W}{2} + \bigl(b + \tfrac12 \textstyle\sum_i W_i\bigr),$$
#
# where $\sum_i W_i$ adds up the rows of $W$. Deeper networks convert layer by layer. Here is a
# random sigmoid network, and a tanh network built from its weights by that rule:

# %% id="02-what-a-network-can-represent-does-not-code"
sig_net = nn.Network([2, 16, 2], "sigmoid", init="xavier", seed=0)
tanh_net = nn.Network([2, 16, 2], "tanh", init="xavier", seed=1)  # weights replaced below
hidden, out = sig_net.layers
tanh_net.layers[0].W[...], tanh_net.layers[0].b[...] = hidden.W / 2, hidden.b / 2
tanh_net.layers[1].W[...] = out.W / 2
tanh_net.layers[1].b[...] = out.b + out.W.sum(axis=0) / 2
X_test = np.random.default_rng(0).normal(0, 3, size=(1000, 2))  # 1000 inputs
agree("sigmoid network vs tanh network", sig_net.forward(X_test), tanh_net.forward(X_test), within=1e-12)

# %% [markdown] id="02-what-a-network-can-represent-does-not-text"
# The two networks compute the same function, to rounding error. The rule also works the other
# way: since $\tanh z = 2\sigma(2z) - 1$, a tanh network becomes a sigmoid network by doubling
# the hidden layer's weights and biases and giving the output layer $2W$ and $b - \sum_i W_i$.
# Here with another random tanh network:

# %% id="02-what-a-network-can-represent-does-not-code-2"
tanh_net = nn.Network([2, 16, 2], "tanh", init="xavier", seed=2)
sig_net = nn.Network([2, 16, 2], "sigmoid", init="xavier", seed=3)  # weights replaced below
hidden, out = tanh_net.layers
sig_net.layers[0].W[...], sig_net.layers[0].b[...] = 2 * hidden.W, 2 * hidden.b
sig_net.layers[1].W[...] = 2 * out.W
sig_net.layers[1].b[...] = out.b - out.W.sum(axis=0)
agree("tanh network vs sigmoid network", tanh_net.forward(X_test), sig_net.forward(X_test), within=1e-12)

# %% [markdown] id="02-exercise-3-sigmoid-from-tanh"
# So zero-centring does not make anything *easier to model*: strongly negative, neutral and
# strongly positive inputs come out of a sigmoid as values near 0, 0.5 and 1, which carry the
# same information as −1, 0 and 1 once the next layer's bias is adjusted. What can differ is how
# fast gradient descent *finds* good weights. That is the rest of this section.
#
# ### Exercise 4 · `sigmoid_from_tanh`
# The rule above rests on writing the sigmoid with tanh. Write `sigmoid_from_tanh(x)` using
# `np.tanh` and no exponential (the check rejects `np.exp` and the ready-made sigmoids).
#
# <!-- hints: sigmoid_from_tanh -->

# %% id="sigmoid-from-tanh-answer"
def sigmoid_from_tanh(x):
    """Return the sigmoid of x computed from tanh, elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return 0.5 * (1 + np.tanh(x / 2))
    ### END SOLUTION


# %% id="sigmoid-from-tanh-check" tags=["check"]
check("sigmoid_from_tanh", sigmoid_from_tanh)

# %% [markdown] id="02-the-mean-of-the-hidden-activations"
# ### The mean of the hidden activations
#
# Our test bed: two interleaved spirals, a network with two hidden layers of 16 units, Xavier
# initialisation. At the start of training, the hidden activations average:

# %% id="02-the-mean-of-the-hidden-activations-code"
X, y = datasets.spirals(n=300, noise=0.05, seed=0)
X = datasets.standardize(X)
LAYERS = [2, 16, 16, 2]
for act in ("sigmoid", "tanh"):
    net = nn.Network(LAYERS, act, init="xavier", seed=0)
    net.forward(X)
    means = [f"{h.mean():+.3f}" for h in net.activations[:2]]
    print(f"{act:8s} mean activation of hidden layers 1 and 2: {', '.join(means)}")

# %% [markdown] id="02-the-sign-of-the-next-layer-s-updates"
# ### The sign of the next layer's updates
#
# Take unit $j$ of hidden layer 2. Its incoming weights $W_{ij}$ multiply the outputs $h_i$ of
# layer 1, so for one example the gradient is $\partial L / \partial W_{ij} = h_i\,\delta_j$, with
# $\delta_j = \partial L / \partial z_j$ one number per unit. If every $h_i > 0$, as with sigmoid
# units, all of unit $j$'s weight gradients share the sign of $\delta_j$: one gradient step can
# raise all of them or lower all of them, never raise some and lower others. That is the
# restriction the article's "directions" sentence is reaching for. For one example it holds
# exactly whenever all $h_i$ have one sign:

# %% id="02-the-sign-of-the-next-layer-s-updates-code"
for act in ("sigmoid", "tanh"):
    net = nn.Network(LAYERS, act, init="xavier", seed=0)
    net.forward(X)
    h1 = net.activations[0]
    one_sign = np.all(h1 > 0, axis=1) | np.all(h1 < 0, axis=1)
    print(f"{act:8s} examples whose 16 layer-1 outputs share one sign: {one_sign.mean():.1%}")

# %% [markdown] id="02-the-sign-of-the-next-layer-s-updates-text"
# Training uses mini-batches, whose gradient is a sum over examples, and a sum can mix signs.
# Does it? Here is the sign of every weight gradient of layer 2 for one batch of 32 examples:
# a column is one unit's 16 incoming weights.

# %% id="02-the-sign-of-the-next-layer-s-updates-code-2"
def layer2_gradient(act, batch=slice(0, 32), seed=0):
    """Gradient of hidden layer 2's weights for one mini-batch, at initialisation."""
    net = nn.Network(LAYERS, act, init="xavier", seed=seed)
    return net.gradients(X[batch], y[batch])[1][1]["W"]


def one_sign_units(gW):
    """Fraction of units (columns) whose incoming weight gradients all share one sign."""
    return np.mean(np.all(np.sign(gW) == np.sign(gW[0]), axis=0))


# %% id="02-the-sign-of-the-next-layer-s-updates-code-3"
# extra code – the sign pattern of one mini-batch's gradient, sigmoid against tanh
fig, axes = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
for ax, act in zip(axes, ("sigmoid", "tanh")):
    gW = layer2_gradient(act)
    ax.imshow(np.sign(gW), vmin=-1, vmax=1, cmap=ListedColormap(
        [plotting.OKABE_ITO["blue"], plotting.OKABE_ITO["vermillion"]]))
    ax.set(title=f"{act}: {one_sign_units(gW):.0%} of the units get one sign",
           xlabel="unit j of hidden layer 2", ylabel="input i (unit of layer 1)")
    ax.grid(False)
fig.suptitle("sign of dL/dW for one mini-batch (blue: negative, orange: positive)")
plt.show()

# %% [markdown] id="02-the-sign-of-the-next-layer-s-updates-text-2"
# With sigmoid units most columns are a single colour even for a batch of 32: summing over the
# batch mostly keeps the one-sign pattern of the single examples. With tanh units the pattern is
# a checkerboard. Does that make training faster? The deep dive below trains four variants from
# four seeds to find out. In short: centring speeds training up, clearly for tanh and barely for
# the sigmoid, and tanh's four times larger slope matters more than its centring.

# %% [markdown] id="02-training-four-networks-four-seeds" tags=["deep-dive"]
# ### Training: four networks, four seeds
#
# tanh differs from the sigmoid in two ways at once: its outputs are centred and its slope is four
# times larger. A fair test must pull the two apart. Shifting a layer's output by a constant
# $m$ changes nothing the network can compute (the next layer's bias absorbs it, as above), but
# it changes the gradient step: the next layer's weights get $(h - m)^{\mathsf T}\delta$ instead of
# $h^{\mathsf T}\delta$. So we can train
#
# - **sigmoid − ½**: the sigmoid made zero-centred, with the sigmoid's slope;
# - **tanh + 1**: tanh made all-positive (range $(0, 2)$), with tanh's slope;
#
# by transforming the gradients of the plain network. Here is how. Write the next layer as
# $(h - m)W + c$: it computes the same as $hW + b$ when $c = b + m\sum_i W_i$, where
# $\sum_i W_i$ adds up the rows of $W$, as before. Gradient descent on $W$ and $c$ takes these
# steps (sums over the examples of the batch):
#
# - $W$ gets the gradient $(h - m)^{\mathsf T}\delta = h^{\mathsf T}\delta - m\sum\delta$, the
#   plain gradient minus $m$ times the bias gradient;
# - $c$ gets the gradient $\sum\delta$, the plain bias gradient.
#
# The network stores $b$, not $c$. Since $b = c - m\sum_i W_i$, $b$ must take $c$'s step minus
# $m$ times the sum of $W$'s steps: its gradient is $\sum\delta - m\sum_i G_i$, with $G$ the new
# gradient of $W$. `shifted_gradients` makes these two replacements in every layer whose input
# is a hidden layer's output:

# %% id="02-training-four-networks-four-seeds-code"
def shifted_gradients(grads, shift):
    """Gradients of the network as if each hidden layer passed on h - shift instead of h."""
    for g in grads[1:]:  # every layer whose input is a hidden layer's output
        g["W"] = g["W"] - shift * g["b"]  # (h - m)^T delta = h^T delta - m * sum(delta)
        g["b"] = g["b"] - shift * g["W"].sum(axis=0)  # keeps b = c - m * sum_i W_i
    return grads


# %% [markdown] id="02-training-four-networks-four-seeds-text"
# A check that it is right: move one weight $W_{00}$ of layer 2 by a small $d$ while keeping $c$
# fixed, so that $b_0$ moves by $-m\,d$. The rate at which the loss changes must equal the
# transformed gradient. This function makes the move on a copy, so the network itself never
# changes:

# %% id="02-training-four-networks-four-seeds-code-2"
def loss_after_move(net, d, m):
    """Loss on the first batch once layer 2's W[0, 0] moves by d and b[0] by -m d (c fixed)."""
    moved = copy.deepcopy(net)
    moved.layers[1].W[0, 0] += d
    moved.layers[1].b[0] -= m * d
    return nn.compute_loss(moved.forward(X[:32]), y[:32])[0]


# %% id="02-training-four-networks-four-seeds-code-3"
net, m, eps = nn.Network(LAYERS, "sigmoid", init="xavier", seed=0), 0.5, 1e-6
numeric = (loss_after_move(net, eps, m) - loss_after_move(net, -eps, m)) / (2 * eps)
shifted = shifted_gradients(net.gradients(X[:32], y[:32])[1], m)[1]["W"][0, 0]
print(f"finite difference {numeric:.8f}, shifted gradient {shifted:.8f}")

# %% [markdown] id="02-training-four-networks-four-seeds-text-2"
# Now the training loop: plain mini-batch SGD, the same as `nn.train` (same shuffling, batches of
# 32), with the shift. It also keeps layer 2's weight gradient of every step, for the
# measurements further down.

# %% id="02-training-four-networks-four-seeds-code-4"
EPOCHS = 30


def train_variant(act, shift, seed, lr, epochs=EPOCHS):
    """SGD on the spirals; returns the loss per epoch and layer 2's weight gradient per step."""
    net = nn.Network(LAYERS, act, init="xavier", seed=seed)
    order_rng = np.random.default_rng(seed)
    losses, layer2 = [nn.compute_loss(net.forward(X), y)[0]], []
    for _ in range(epochs):
        order = order_rng.permutation(len(X))
        for start in range(0, len(X), 32):
            batch = order[start:start + 32]
            grads = shifted_gradients(net.gradients(X[batch], y[batch])[1], shift)
            layer2.append(grads[1]["W"])
            net.step(grads, lr)
        losses.append(nn.compute_loss(net.forward(X), y)[0])
    return np.array(losses), np.array(layer2)


# %% [markdown] id="02-training-four-networks-four-seeds-text-3"
# With `shift = 0` this is exactly `nn.train`, as a quick comparison shows:

# %% id="02-training-four-networks-four-seeds-code-5"
reference = nn.train(nn.Network(LAYERS, "tanh", init="xavier", seed=0), X, y,
                     epochs=5, lr=0.3, batch_size=32, seed=0)
print("same losses as nn.train:", np.allclose(train_variant("tanh", 0.0, 0, 0.3, epochs=5)[0], reference["loss"]))

# %% [markdown] id="02-training-four-networks-four-seeds-text-4"
# Two measurements of layer 2's updates, taken from its gradients (an update is the gradient
# times minus the learning rate, so it has the same sign pattern and the same cosines): the
# share of units whose update has one sign, as in the figure above, and the cosine between
# consecutive updates. A cosine below 0 means the step undoes part of the previous one: the
# zig-zag.

# %% id="02-training-four-networks-four-seeds-code-6"
def update_statistics(layer2):
    """Mean share of one-sign units, and mean cosine between consecutive updates."""
    flat = layer2.reshape(len(layer2), -1)  # one row per step
    cosines = np.sum(flat[1:] * flat[:-1], axis=1) / (
        np.linalg.norm(flat[1:], axis=1) * np.linalg.norm(flat[:-1], axis=1))
    return np.mean([one_sign_units(g) for g in layer2]), np.mean(cosines)


# %% [markdown] id="02-training-four-networks-four-seeds-text-5"
# The four variants, each trained from four seeds, then the table: update statistics averaged
# over the seeds, losses as the median over the seeds.

# %% id="02-training-four-networks-four-seeds-code-7"
VARIANTS = {"sigmoid": ("sigmoid", 0.0), "sigmoid − ½": ("sigmoid", 0.5),
            "tanh": ("tanh", 0.0), "tanh + 1": ("tanh", -1.0)}  # name: (activation, shift)
SEEDS = range(4)


@functools.cache
def run_all(lr):
    """Per variant, (losses, one-sign share, cosine) for each seed at learning rate lr (cached)."""
    runs = {}
    for name, (act, shift) in VARIANTS.items():
        trained = [train_variant(act, shift, seed, lr) for seed in SEEDS]
        runs[name] = [(losses, *update_statistics(layer2)) for losses, layer2 in trained]
    return runs


# %% id="02-training-four-networks-four-seeds-code-8"
CENTRED = ("sigmoid − ½", "tanh")


def summary_table(lr):
    """Print, per variant, the update statistics (means) and the loss (median over seeds)."""
    print(f"learning rate {lr}, {len(SEEDS)} seeds")
    print("variant      outputs   one-sign units   cosine of consecutive   loss at epoch 10   epoch 30")
    for name, runs in run_all(lr).items():
        losses = np.median([r[0] for r in runs], axis=0)
        print(f"{name:12s} {'centred' if name in CENTRED else 'positive':9s}"
              f"{np.mean([r[1] for r in runs]):10.0%} {np.mean([r[2] for r in runs]):+20.2f}"
              f"{losses[10]:20.3f} {losses[-1]:10.3f}")


summary_table(0.3)

# %% [markdown] id="02-training-four-networks-four-seeds-text-6"
# Read the table in pairs. Sigmoid against sigmoid − ½, and tanh + 1 against tanh, differ only
# in centring; sigmoid − ½ against tanh differ only in scale, since $\tanh x = 2\bigl(\sigma(2x) - \tfrac12\bigr)$
# has twice the range and four times the slope.
#
# - **The updates change as predicted.** With all-positive hidden outputs (sigmoid, tanh + 1)
#   about 70% of the units get a one-sign update at each step, even with batches of 32; centred,
#   none do. Centring also raises the cosine between consecutive updates in both pairs (−0.12 to
#   +0.41, −0.32 to −0.22): less zig-zag. But tanh's consecutive updates still point against
#   each other on average, so centring removes one cause of zig-zag, not all of them.
# - **Convergence improves, by an amount that depends on the rest.** In the sigmoid pair the
#   median loss after 30 epochs only drops from 0.629 to 0.617. In the tanh pair it drops from
#   0.227 to 0.160, and at epoch 10 centred tanh is well ahead (0.434 against 0.612).
# - **Scale matters more than centring here.** Sigmoid − ½ and tanh are both centred: 0.617
#   against 0.160. Even tanh + 1, not centred at all, ends far below both sigmoid variants.
#
# So the article's claim, measured: zero-centring changes the updates as the theory says and
# speeds training up, noticeably for tanh and barely for the sigmoid, whose small slope is the
# bigger problem. The sentence "gradient updates propagate in different directions" has it
# backwards: the trouble with all-positive outputs is that a unit's weight updates all go the
# *same* direction. These numbers are for one learning rate, so do not take them on trust: run
# `summary_table(0.1)` or `summary_table(1.0)` in a new cell and check which statements survive.
#
# The learning curves, with the band spanning the four seeds. Click another learning rate to
# train all sixteen networks again (a few seconds) and see whether the pattern holds.

# %% id="02-training-four-networks-four-seeds-code-9"
# extra code – median learning curves of the four variants, band from the best to the worst seed
def draw_runs(fig, lr):
    """Learning curves of every variant at learning rate lr (dashed: shifted)."""
    ax = fig.subplots()
    for name, runs in run_all(lr).items():
        losses = np.array([r[0] for r in runs])
        act, shift = VARIANTS[name]
        colour, line = plotting.color(act), "--" if shift else "-"
        ax.plot(np.median(losses, axis=0), line, color=colour, label=name)
        ax.fill_between(range(EPOCHS + 1), losses.min(axis=0), losses.max(axis=0),
                        color=colour, alpha=0.15)
    ax.set(xlabel="epoch", ylabel="training loss (cross-entropy)", ylim=(0, 0.8))
    ax.legend()


widgets.interactive_figure(draw_runs, lr=[0.3, 0.1, 1.0])

# %% [markdown] id="02-the-backpropagation-network" tags=["deep-dive"]
# ### tanh and "the backpropagation network"
#
# One more claim to settle: the article calls tanh *"a widely adopted activation function for a
# special type of neural network called the backpropagation network"*. In the older literature
# a "backpropagation network" is simply a multilayer network trained with backpropagation, not a
# special type: backpropagation is the chain rule that computes the gradients, and every network
# above, sigmoid or tanh, was trained with it. What is true is that the backpropagation
# literature recommended tanh for hidden units because it is zero-centred: [LeCun, Bottou, Orr
# and Müller, *Efficient BackProp* (1998)](#ref-lecun1998), advise the scaled form $1.7159\tanh(2x/3)$ (their
# published constants).

# %% [markdown] id="02-4-saturation-and-vanishing-gradients-in"
# ## 4. Saturation and vanishing gradients in depth
#
# In a deep network the gradient reaching layer $k$ is multiplied by one factor $f'(z)\,W$ per
# layer above it. tanh's factor can be near 1 where sigmoid's is at most $\tfrac14$, but only
# while the units work near their centre. `nn.depth_statistics` sends 100 random inputs through
# a random network of 30 layers of 64 units and reports, per layer, the size of the gradient of
# its weights and the spread of its outputs.
#
# ### Predict, then run
#
# Through 29 sigmoid layers the slopes alone shrink the gradient by up to $0.25^{29}$
# (notebook 01, section 4). What do you expect for tanh, with LeCun's initialisation (weight
# std $1/\sqrt{64}$)? Record it, then run the cell below it.

# %% id="02-predict-tanh-depth" tags=["tiny-values"]
predict("tanh-depth")

# %% id="02-4-saturation-and-vanishing-gradients-in-code" tags=["tiny-values", "reveal", "exercise-predict"]
@functools.cache
def depth_stats(act, depth, weight_scale, bias):
    """nn.depth_statistics for layers of 64 units, weight std weight_scale / sqrt(64) (cached)."""
    return nn.depth_statistics(act, depth=depth, width=64, init="normal", std=weight_scale / 8,
                               bias=bias, n=100)


for act in ("sigmoid", "tanh"):
    g = depth_stats(act, 30, 1.0, 0.0)["grad_norm"]
    print(f"{act:8s} gradient norm, layer 1: {g[0]:.1e}, layer 30: {g[-1]:.1e}, ratio {g[0] / g[-1]:.1e}")
print(f"0.25**29 = {0.25 ** 29:.1e}")
ratio = g[0] / g[-1]  # tanh's: layer 1's gradient over layer 30's
observed = "vanishes" if ratio < 1e-3 else "shrinks" if ratio < 0.1 else "same" if ratio <= 10 else "grows"
reveal("tanh-depth", observed, evidence=f"with tanh, layer 1's gradient is {ratio:.1f} times layer 30's")

# %% [markdown] id="02-4-saturation-and-vanishing-gradients-in-text"
# Through 29 sigmoid layers the gradient shrinks by about $0.25^{29}$; through 29 tanh layers
# it stays the same size. That holds for LeCun's weights and biases of 0. Four settings for
# tanh, in numbers (30 layers):

# %% id="02-4-saturation-and-vanishing-gradients-in-code-3" tags=["tiny-values"]
print(f"{'tanh, 30 layers':16s}{'gradient norm: layer 1':>24s}{'layer 30':>10s}{'ratio':>9s}"
      f"{'layer 30 outputs: mean':>25s}{'std':>6s}")
for label, scale, bias in [("small weights", 0.5, 0.0), ("LeCun", 1.0, 0.0),
                           ("large weights", 3.0, 0.0), ("LeCun, bias 2", 1.0, 2.0)]:
    s = depth_stats("tanh", 30, scale, bias)
    g = s["grad_norm"]
    print(f"{label:16s}{g[0]:24.1e}{g[-1]:10.1e}{g[0] / g[-1]:9.1e}"
          f"{s['mean'][-1]:+25.2f}{s['std'][-1]:6.2f}")

# %% [markdown] id="02-4-saturation-and-vanishing-gradients-in-text-3"
# - **Small weights**: the signal dies out going forward (output std near 0) and every layer's
#   gradient is tiny, not only the first one's.
# - **LeCun**: gradients of similar size in all layers (ratio 1.2). The outputs' spread does
#   shrink, slowly: std 0.15 at layer 30, from inputs of std 1, the steady loss of variance that
#   notebook 04 (section 6) follows over 60 layers. The signal weakens with depth but, unlike
#   with small weights, is still there at layer 30.
# - **Large weights**: the outputs spread out towards ±1 (std 0.84, against 0.15 with LeCun's),
#   so the units work on tanh's flatter parts; yet the gradient *grows* towards the input, by a
#   factor of about 6000: the large weights amplify more than the small slopes remove. Saturation
#   by large weights gives exploding gradients, not vanishing ones.
# - **Biases of 2**: every unit sits on the flat right-hand part of tanh, the slope is small
#   everywhere, and the gradient vanishes: a ratio of about $5 \cdot 10^{-16}$, some 300 times
#   milder than the sigmoid's $1.4 \cdot 10^{-18}$ above, but just as fatal for the first layers.
#   These outputs average +0.92: a saturated tanh layer is not zero-centred either.
#
# So tanh does not cure vanishing gradients; it avoids the sigmoid's built-in factor of $\tfrac14$,
# and keeps its gradients only while its units stay near the centre.

# %% [markdown] id="02-explore-depth-weights-and-biases" tags=["deep-dive"]
# ### Explore: depth, weights and biases
#
# Vary the initial weights' spread (the slider sets the weight std times $\sqrt{64}$, so 1 is
# LeCun's), the biases and the depth. The bias slider shifts every unit away from 0 and into
# saturation. The gradient axis rescales itself: read its labels.

# %% id="02-4-saturation-and-vanishing-gradients-in-code-2"
def draw_depth(fig, depth, weight_scale, bias):
    """Gradient norm and output spread per layer, sigmoid and tanh."""
    grad_ax, std_ax = fig.subplots(1, 2)
    for act in ("sigmoid", "tanh"):
        s = depth_stats(act, depth, weight_scale, bias)
        grad_ax.semilogy(s["layer"], s["grad_norm"], "o-", ms=3, color=plotting.color(act), label=act)
        std_ax.plot(s["layer"], s["std"], "o-", ms=3, color=plotting.color(act), label=act)
    grad_ax.set(xlabel="layer", ylabel="norm of dL/dW")
    std_ax.set(xlabel="layer", ylabel="std of the layer's outputs", ylim=(0, 1))
    grad_ax.legend()


widgets.interactive_figure(draw_depth, continuous=False,
                           depth=(5, 50, 5, 30), weight_scale=(0.25, 4.0, 0.25, 1.0),
                           bias=(0.0, 3.0, 0.5, 0.0))

# %% [markdown] id="02-check-your-understanding"
# ## Check your understanding
#
# 1. A tanh unit outputs 0.9. How large is its slope, compared with its largest possible slope?
#    <details><summary>Answer</summary>1 − 0.9² = 0.19, about a fifth of the peak slope 1.</details>
# 2. A hidden layer's units all output positive values. For a single training example, what can
#    you say about the updates of the incoming weights of one unit of the next layer?
#    <details><summary>Answer</summary>They all have the same sign, the sign of that unit's
#    δ: the gradient is h_i δ_j and every h_i is positive.</details>
# 3. Is a network with tanh hidden units able to represent functions that a sigmoid network
#    cannot?
#    <details><summary>Answer</summary>No: σ(z) = (1 + tanh(z/2))/2, so every sigmoid network is
#    a tanh network with halved weights and adjusted biases, and every tanh network a sigmoid
#    network with doubled ones (section 3 converts both ways). Only training differs.</details>
#
# The first answer, computed:

# %% id="02-check-your-understanding-code"
print(f"tanh'(arctanh(0.9)) = {actlib.tanh.derivative(np.arctanh(0.9)):.4f}")

# %% [markdown] id="02-summary"
# ## Summary
#
# | | sigmoid | bipolar sigmoid | tanh |
# |---|---|---|---|
# | formula | $1/(1+e^{-x})$ | $2\sigma(x) - 1 = \tanh(x/2)$ | $2\sigma(2x) - 1$ |
# | range | $(0, 1)$ | $(-1, 1)$ | $(-1, 1)$ |
# | zero-centred | no (mean 0.5 for symmetric inputs) | yes | yes |
# | largest slope | $1/4$ | $1/2$ | $1$ |
# | derivative | $\sigma(1 - \sigma)$ | $\tfrac12(1 - f^2)$ | $1 - \tanh^2$, accurately $4\sigma'(2x)$ |
# | next layer's updates (section 3) | one sign per unit for most units | | mixed signs |
# | training on the spirals (section 3, deep dive) | barely learns in 30 epochs, centred or not | | learns; made all-positive, it learns more slowly |
# | gradient, layer 1 / layer 30 (section 4) | $\approx 10^{-18}$ | | $\approx 1$ with LeCun's init, $\approx 5 \cdot 10^{-16}$ with biases of 2 |
