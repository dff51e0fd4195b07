# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: Swish and GELU
#     goals: "Swish's minimum and its beta family, GELU as a random gate (Monte-Carlo), the
#       approximations' errors"
#     remember:
#       - 'Swish x·σ(βx) and GELU x·Φ(x) gate the input with a number between 0 and 1: smooth, non-monotonic, bounded below.'
#       - 'Swish runs from x/2 (β = 0) to ReLU (β → ∞).'
#       - 'GELU is the average output of a random gate that opens with probability Φ(x).'
#       - 'GELU''s tanh approximation is fast and close, but a model must run with the form it was trained with.'
# ---

# %% [markdown] id="06-title"
# # 06 · Swish and GELU
#
# Two smooth relatives of ReLU that multiply the input by a soft gate instead of cutting it off
# at zero. Swish is used in many image models, and GELU was the activation of the first
# generation of transformers (BERT, GPT-2).
#
# **You will learn to**
# - check the article's four claims about Swish by computing them, and derive its slope at 0;
# - see Swish's $\beta$ turn a linear function into ReLU;
# - read GELU as the average output of a random gate, and confirm it by Monte-Carlo;
# - predict, then measure, how far GELU's fast approximations are from the exact function;
# - compare Swish, GELU and ReLU on the same small training task, honestly.
#
# The deep dives find Swish's minimum for any $\beta$, let a network learn $\beta$, have you
# write a Swish layer and train a network with it, write GELU's tanh form, show why the erf
# formula returns 0 below $x \approx -8.37$, and say where the two are used.
#
# *About 50 minutes, plus 30 minutes of optional deep dives.
# Six exercises: a prediction, a derivation and two functions in the core, your own layer and a
# third function in the deep dives; each is checked when you run the cell below it.*

# %% [markdown] id="06-setup"
# ## Setup
# Run this cell first. It imports NumPy, SciPy, Matplotlib and the series' helper package
# `actlib`, and gives plain Matplotlib figures the series' look. Every cell that draws random
# numbers seeds its own generator, so you see the same numbers as everyone else, however often
# you run it.

# %% id="06-setup-code"
import sys

import matplotlib.pyplot as plt
import numpy as np
from scipy import optimize, special

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.agreement import agree
from actlib.exercises import adopt, check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="06-1-swish-the-input-gated-by-a-sigmoid"
# ## 1. Swish: the input, gated by a sigmoid
#
# ReLU multiplies its input by a hard gate, 1 for $x > 0$ and 0 otherwise. **Swish** multiplies
# it by a sigmoid instead, a gate that opens gradually:
#
# $$f(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}} \qquad
#   f'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)$$
#
# The article says: *"It is one of the first compound activation functions proposed, combining
# the sigmoid activation function and the input function to achieve a hybrid activation
# function. The properties of the Swish function include smoothness, non-monotonicity, bounded
# below and unbounded above."* We will check each of the four properties in section 2.
#
# Move $\beta$ and compare with ReLU (blue). Note the small dip below zero on the left, and the
# derivative (right panel), which goes slightly below 0 and slightly above 1.

# %% id="06-1-swish-the-input-gated-by-a-sigmoid-code"
widgets.explore(["swish", "relu"], xlim=(-5, 5))

# %% [markdown] id="06-exercise-1-swish"
# ### Exercise 1 · `swish`
# Write `swish(x, beta=1.0)`: $x\,\sigma(\beta x)$ elementwise, for a number or an array of any
# shape. Use the parameter `beta`, not 1, and build it from a sigmoid (`special.expit`, imported
# above, computes $\sigma$ without overflow), not from `actlib`'s Swish.
#
# <!-- hints: swish -->

# %% id="swish-answer"
def swish(x, beta=1.0):
    """Return x * sigmoid(beta * x) elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return x * special.expit(beta * x)
    ### END SOLUTION


# %% id="swish-check" tags=["check"]
check("swish", swish)

# %% [markdown] id="06-2-checking-the-article-s-four-properties"
# ## 2. Checking the article's four properties
#
# ### Smooth
# "Smooth" means that the derivative has no jumps (in fact Swish has derivatives of every
# order). A jump in $f'$ at 0 would show as a difference $f'(h) - f'(-h)$ that does not shrink
# as $h \to 0$. For ReLU it stays 1; for Swish (and GELU) it shrinks with $h$:

# %% id="06-smooth-code"
for h in (1e-2, 1e-4, 1e-6):
    jumps = [act.derivative(h) - act.derivative(-h) for act in (actlib.relu, actlib.swish, actlib.gelu)]
    print(f"h = {h:.0e}:  f'(h) - f'(-h) = {jumps[0]:.1e} (relu)  {jumps[1]:.1e} (swish)  "
          f"{jumps[2]:.1e} (gelu)")

# %% [markdown] id="06-non-monotonic"
# ### Non-monotonic
# A function is monotonic when it only ever goes up (or only down), that is when $f'$ never
# changes sign. Swish's derivative is negative far to the left and positive at 0, so it must
# cross zero somewhere. `scipy.optimize.brentq` finds where:

# %% id="06-non-monotonic-code"
x_turn = optimize.brentq(actlib.swish.derivative, -3, -0.5)  # f' < 0 at -3, f' > 0 at -0.5
print(f"swish'(x) = 0 at x = {x_turn:.6f}")
for x in (-5.0, -3.0, -2.0, -1.0, 0.0, 3.0):
    print(f"  swish'({x:+.1f}) = {actlib.swish.derivative(x):+.4f}")

# %% [markdown] id="06-bounded-below"
# Swish falls as $x$ goes from $-\infty$ to $-1.2785$, then rises. A bigger input can give a
# *smaller* output: that is what non-monotonic means, and ReLU, sigmoid and tanh never do it.
#
# ### Bounded below
# Where $f'$ changes sign from $-$ to $+$ there is a minimum. Instead of reading it off a plot,
# let `scipy.optimize.minimize_scalar` find it, and look at the far left too:

# %% id="06-bounded-below-code" tags=["tiny-values"]
res = optimize.minimize_scalar(actlib.swish, bracket=(-3, -1, 0))
print(f"minimum of swish: f({res.x:.6f}) = {res.fun:.6f}")
for x in (-5.0, -10.0, -40.0):
    print(f"  swish({x:5.1f}) = {actlib.swish(x):.2e}")

# %% [markdown] id="06-unbounded-above"
# The minimum, about $-0.2785$ at $x \approx -1.2785$, is at the same place where $f'$ changed
# sign. Further left Swish climbs back towards 0 (it is $x\,e^{\beta x}$ to first order), so
# $-0.2785$ is the lowest value it ever takes: Swish is bounded below.
#
# ### Unbounded above
# For $x > 0$ the gate $\sigma(\beta x)$ is between $\tfrac12$ and 1, so $f(x) \ge x/2$ grows
# without limit. In fact $f(x)/x \to 1$: for large $x$ Swish is the identity, like ReLU.

# %% id="06-unbounded-above-code"
for x in (1.0, 10.0, 100.0, 1000.0):
    print(f"swish({x:6.0f}) = {actlib.swish(x):10.4f}   swish(x) / x = {actlib.swish(x) / x:.6f}")

# %% [markdown] id="06-unbounded-above-text"
# All four properties hold. The two unusual ones, non-monotonic and bounded below, are the same
# fact seen twice: the dip on the left.
#
# ### Exercise 2 · `swish_slope_at_0`
# How steep is Swish where it crosses 0? Derive $f'(0)$ by hand from the derivative of section
# 1, for $\beta = 1$ and for $\beta = 10$, and return the two slopes as a pair. (Notebook 07
# needs this number to choose an initialisation.)
#
# <!-- hints: swish_slope_at_0 -->

# %% id="swish-slope-at-0-answer"
def swish_slope_at_0():
    """Return (f'(0) for beta = 1, f'(0) for beta = 10), derived by hand."""
    ### BEGIN SOLUTION
    return (0.5, 0.5)  # sigma(0) = 1/2; the second term has the factor x = 0
    ### END SOLUTION


# %% id="swish-slope-at-0-check" tags=["check", "exercise-derive"]
check("swish_slope_at_0", swish_slope_at_0)

# %% [markdown] id="06-slope-at-0-computed"
# Whatever $\beta$ is, Swish leaves 0 with slope $\sigma(0) = \tfrac12$: near 0 every Swish looks
# like $x/2$, half of ReLU's slope for $x > 0$. A larger $\beta$ bends it sooner, not steeper at 0.
# Computed:

# %% id="06-slope-at-0-computed-code"
for beta in (0.5, 1.0, 10.0):
    print(f"beta = {beta:4.1f}: swish'(0) = {actlib.swish.derivative(0.0, beta=beta)}")

# %% [markdown] id="06-the-minimum-for-any" tags=["deep-dive"]
# ### The minimum for any $\beta$
# Write $u = \beta x$. Then $x\,\sigma(\beta x) = \frac{1}{\beta}\,u\,\sigma(u)$: Swish with
# parameter $\beta$ is SiLU ($\beta = 1$) shrunk by $1/\beta$ in both directions. So its minimum
# should be $-0.2785/\beta$ at $x = -1.2785/\beta$. Computed for several $\beta$:

# %% id="06-the-minimum-for-any-code"
print("  beta    x_min      f_min    beta * x_min  beta * f_min")
for beta in (0.5, 1.0, 2.0, 5.0, 10.0):
    r = optimize.minimize_scalar(lambda x: actlib.swish(x, beta=beta), bracket=(-3 / beta, -1 / beta, 0))
    print(f"{beta:6.1f} {r.x:9.5f} {r.fun:10.5f} {beta * r.x:13.6f} {beta * r.fun:13.6f}")

# %% [markdown] id="06-the-minimum-for-any-text"
# The last two columns do not depend on $\beta$. There is even a closed form: setting
# $f'(x) = 0$ gives $u + 1 + e^{u} = 0$, whose solution uses the Lambert W function
# ($W(z)e^{W(z)} = z$): $u^* = -1 - W(1/e)$, and the minimum value is exactly $-W(1/e)/\beta$.

# %% id="06-the-minimum-for-any-code-2"
w = special.lambertw(1 / np.e).real
print(f"-1 - W(1/e) = {-1 - w:.6f}    -W(1/e) = {-w:.6f}")

# %% [markdown] id="06-3-from-to-relu-the-family"
# ## 3. From $x/2$ to ReLU: the $\beta$ family
#
# At $\beta = 0$ the gate is $\sigma(0) = \tfrac12$ everywhere, so Swish is the *linear* function
# $x/2$. As $\beta \to \infty$ the gate becomes the step function and Swish becomes ReLU. How
# fast? The distance to ReLU is $|f(x) - \max(0, x)| = |x|\,\sigma(-\beta|x|)$, the same shape
# on both sides. Its largest value, computed on a fine grid:

# %% id="06-3-from-to-relu-the-family-code"
x = np.linspace(-10, 10, 400_001)
print(f"beta =   0: max distance {np.max(np.abs(actlib.swish(x, beta=0.0) - actlib.relu(x))):.5f}"
      " at |x| = 10, the edge of the grid (it is |x|/2: no bound)")
for beta in (1.0, 3.0, 10.0, 30.0, 100.0):
    gap = np.abs(actlib.swish(x, beta=beta) - actlib.relu(x))
    print(f"beta = {beta:3.0f}: max distance {gap.max():.5f} at |x| = {abs(x[gap.argmax()]):.4f}"
          f"   beta * distance = {beta * gap.max():.5f}")

# %% [markdown] id="06-3-from-to-relu-the-family-text"
# The largest distance is $0.2785/\beta$ (the depth of the dip again), so Swish approaches ReLU
# like $1/\beta$: at $\beta = 100$ no input is more than 0.003 away from ReLU. Unlike ReLU,
# though, every Swish with finite $\beta$ is smooth. Drag $\beta$ in the explorer of section 1
# from 0 to 10 to watch it happen.

# %% [markdown] id="06-the-spirals-task"
# The rest of the notebook trains small networks on two interleaved spirals. Here is the task
# (split and standardised), and `run`, which trains a 2-32-32-2 network with a given activation
# and returns its history; section 8 uses it, and so do two of the optional deep dives below.

# %% id="06-a-trainable-code"
X, y = datasets.spirals(n=400, noise=0.05, turns=1.25, seed=0)
X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_size=0.25, seed=0)
X_train, X_test = datasets.standardize(X_train, X_test)


def run(activation, seed=0, learn=()):
    """Train a 2-32-32-2 network on the spirals; return its history (one entry per epoch)."""
    net = nn.Network([2, 32, 32, 2], activation=activation, init="he", learn=learn, seed=seed)
    return nn.train(net, X_train, y_train, epochs=40, lr=0.1, momentum=0.9, batch_size=64,
                    seed=seed, validation=(X_test, y_test))


# %% [markdown] id="06-silu-and-who-came-first" tags=["deep-dive"]
# ### SiLU, and who came first
# Swish with $\beta = 1$, $x\,\sigma(x)$, is also called **SiLU**. The article calls Swish "one
# of the first compound activation functions", which is vague history. The record (citations,
# not computations):
# - $x\,\sigma(x)$ appears in the GELU paper ([Hendrycks & Gimpel, 2016](#ref-hendrycks2016)), which named it the
#   **Sigmoid Linear Unit**, SiLU;
# - [Elfwing, Uchibe & Doya (2017)](#ref-elfwing2017) used it in reinforcement learning and expanded the same
#   abbreviation as **sigmoid-weighted linear unit**;
# - [Ramachandran, Zoph & Le (2017)](#ref-ramachandran2017) found $x\,\sigma(\beta x)$ by an automated search over
#   activation functions and named it **Swish**, with $\beta$ a constant or a trained parameter.

# %% [markdown] id="06-a-trainable-beta" tags=["deep-dive"]
# ### A trainable $\beta$
# If $\beta$ is a parameter, gradient descent can learn it like a weight:
# $\partial f / \partial \beta = x^2\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)$, which `actlib`
# provides as `swish.derivative_beta`. With `learn=("swish",)`, each hidden layer of an
# `nn.Network` learns one $\beta$ shared by its units. The task: the spirals above.

# %% [markdown] id="06-a-trainable-text"
# First a baseline. With $\beta = 0$ fixed every layer is exactly $x/2$, so the whole network is
# a linear model: its boundary is a straight line.

# %% id="06-a-trainable-code-2"
linear = run(("swish", {"beta": 0.0}))
print(f"beta = 0 fixed (a linear model): train loss {linear['loss'][-1]:.3f}, "
      f"test accuracy {linear['val_accuracy'][-1]:.2f}")

# %% [markdown] id="06-a-trainable-text-2"
# Now we start $\beta$ near 0 (almost linear) and at 4 (close to ReLU), each once trained and
# once fixed, always from the same initial weights:

# %% id="06-a-trainable-code-3"
starts = (0.25, 4.0)
learned = {b: run(("swish", {"beta": b}), learn=("swish",)) for b in starts}
fixed = {b: run(("swish", {"beta": b})) for b in starts}
print("start beta | final beta (layer 1, 2) | train loss: learned  fixed | test acc: learned  fixed")
for b in starts:
    b1, b2 = learned[b]["beta"][-1][:2]
    print(f"{b:10.2f} | {b1:+10.2f} {b2:+11.2f} | {learned[b]['loss'][-1]:19.3f} {fixed[b]['loss'][-1]:6.3f}"
          f" | {learned[b]['val_accuracy'][-1]:16.2f} {fixed[b]['val_accuracy'][-1]:6.2f}")

# %% id="06-a-trainable-code-4"
# extra code – beta of each hidden layer during training
fig, ax = plt.subplots(figsize=plotting.FIGSIZE[2], layout="constrained")
for b, c in zip(starts, plotting.PALETTE):
    beta = np.asarray(learned[b]["beta"])
    for layer, style in ((0, "-"), (1, "--")):
        ax.plot(learned[b]["epoch"], beta[:, layer], style, color=c,
                label=f"start {b:g}, layer {layer + 1}")
ax.axhline(0, color="0.6", linewidth=0.9, zorder=1)
ax.set(xlabel="epoch", ylabel=r"$\beta$", title=r"trained $\beta$ (solid: layer 1, dashed: layer 2)")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
plt.show()

# %% [markdown] id="06-a-trainable-text-3"
# What the numbers say:
# - Started at 4, $\beta$ drifts only a little (to about 3.8), and the run ends with the same
#   loss and accuracy as with $\beta$ fixed at 4: in this run, learning $\beta$ changed nothing.
# - Started at 0.25, each layer is close to the linear function $x/2$. With $\beta$ fixed there
#   the network still bends its boundary (test accuracy 0.83, against 0.53 for the linear
#   model), but with a weak nonlinearity: its training loss stays at 0.38. Trained, $\beta$
#   passes through 0 and keeps going negative, the loss falls to 0.155 and the test accuracy
#   reaches 0.93.
#
# A negative $\beta$ is nothing strange: $x\,\sigma(-\beta x) = x - x\,\sigma(\beta x)$, a Swish
# turned upside down plus a linear term, which the next layer's weights can absorb. Checked for
# the $\beta = -0.94$ that layer 1 learned:

# %% id="06-a-trainable-code-5"
x = np.linspace(-10, 10, 2001)
agree("swish(x, -0.94) vs x - swish(x, 0.94)", actlib.swish(x, beta=-0.94),
      x - actlib.swish(x, beta=0.94), within=1e-13)

# %% [markdown] id="06-your-own-swish-layer" tags=["deep-dive"]
# ### Exercise 3 · your own `SwishLayer`
# A network asks more of an activation than its values: backpropagation needs, from every layer,
# the gradient of the loss with respect to the layer's input. Write Swish as a layer class:
# `SwishLayer(beta=1.0)` keeps $\beta$; `forward(z)` returns $h = f(z)$ and keeps what the
# backward pass will need; `backward(dh)` receives $\partial L / \partial h$ for the output of
# the last forward and returns $\partial L / \partial z$. The check compares your backward pass
# with central finite differences of Swish, $dh \cdot \bigl(f(z + \epsilon) - f(z -
# \epsilon)\bigr) / (2\epsilon)$, for several $\beta$. `special.expit`, or your `swish` of
# Exercise 1, may do the work; `actlib`'s Swish and `nn.ActivationLayer` may not.
#
# <!-- hints: swish_layer -->

# %% id="swish-layer-answer"
class SwishLayer:
    """Swish as a layer: h = z * sigmoid(beta * z), forward and backward."""

    def __init__(self, beta=1.0):
        self.beta = beta

    def forward(self, z):
        """Return swish(z) elementwise, keeping what backward needs."""
        ### BEGIN SOLUTION
        self.z = z
        self.gate = special.expit(self.beta * z)
        return z * self.gate
        ### END SOLUTION

    def backward(self, dh):
        """Return dL/dz, given dh = dL/dh for the output of the last forward."""
        ### BEGIN SOLUTION
        slope = self.gate + self.beta * self.z * self.gate * (1 - self.gate)
        return dh * slope
        ### END SOLUTION


# %% id="swish-layer-check" tags=["check", "exercise-use-in-network"]
check("swish_layer", SwishLayer)

# %% [markdown] id="06-your-own-swish-layer-train"
# Now a network whose two hidden layers are yours. `adopt` hands over your class if it passes
# its check; otherwise it hands over `actlib`'s Swish layer and says so, so the cells below run
# either way. The task: the two moons (400 points, a quarter held out for validation).

# %% id="06-your-own-swish-layer-train-code"
layer = adopt("swish_layer", SwishLayer)
X_moons, y_moons = datasets.moons(n=400, noise=0.2, seed=0)
Xm_train, Xm_val, ym_train, ym_val = datasets.train_test_split(X_moons, y_moons, test_size=0.25, seed=0)
Xm_train, Xm_val = datasets.standardize(Xm_train, Xm_val)
moons_net = nn.Network([2, 16, 16, 2], activation=layer, init="he", seed=0)
moons = nn.train(moons_net, Xm_train, ym_train, epochs=30, lr=0.1, momentum=0.9, batch_size=32,
                 seed=0, validation=(Xm_val, ym_val))
print(f"after 30 epochs: training loss {moons['loss'][-1]:.3f}, "
      f"validation accuracy {moons['val_accuracy'][-1]:.3f}")

# %% id="06-your-own-swish-layer-curve"
# extra code – the learning curve of the network with your layer
fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
plotting.plot_curves({"training": moons["loss"][1:], "validation": moons["val_loss"][1:]},
                     ylabel="cross-entropy", ax=loss_ax)
plotting.plot_curves({"validation": moons["val_accuracy"][1:]}, ylabel="accuracy", ax=acc_ax)
whose = "your" if layer is SwishLayer else "actlib's"
fig.suptitle(f"2-16-16-2 network on the moons, with {whose} Swish layer")
plt.show()

# %% [markdown] id="06-your-own-swish-layer-text"
# Forward keeps the gate $\sigma(\beta z)$, so backward costs a few multiplications and no
# second exponential: that is what `actlib`'s layers do too. A layer with another $\beta$ is
# `functools.partial(SwishLayer, beta=2.0)`, one object per hidden layer.

# %% [markdown] id="06-4-gelu-a-gate-that-opens-with"
# ## 4. GELU: a gate that opens with probability $\Phi(x)$
#
# The article says: *"The Gaussian Error Linear Unit (GELU) activation function is compatible
# with BERT, RoBERTa, ALBERT and other top NLP models. This activation function is motivated by
# combining properties of dropout, zoneout and ReLUs."*
#
# GELU replaces Swish's sigmoid by $\Phi$, the cumulative distribution function of the standard
# normal distribution ($\Phi(x)$ is the probability that a normal random number $Z$ is below
# $x$):
#
# $$\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt 2}\right)
#   \qquad \mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)$$
#
# with $\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}$ the normal density. Set $\beta$ to 1.7 below and the
# Swish curve (purple) nearly covers GELU: keep that in mind for section 5.

# %% id="06-4-gelu-a-gate-that-opens-with-code"
widgets.explore(["gelu", "swish"], xlim=(-4, 4))

# %% [markdown] id="06-4-gelu-a-gate-that-opens-with-text"
# GELU has Swish's shape, so the same checks apply. Its minimum and the range of both
# derivatives (the article shows the derivative curves; here are their extremes):

# %% id="06-4-gelu-a-gate-that-opens-with-code-2"
res = optimize.minimize_scalar(actlib.gelu, bracket=(-3, -1, 0))
print(f"minimum of gelu: f({res.x:.6f}) = {res.fun:.6f}   (swish: -0.278465 at -1.278465)")
x = np.linspace(-10, 10, 200_001)
for act in (actlib.swish, actlib.gelu):
    d = act.derivative(x)
    print(f"{act.name}': from {d.min():.4f} (x = {x[d.argmin()]:.3f}) to {d.max():.4f} "
          f"(x = {x[d.argmax()]:.3f}), {act.derivative(0.0):.1f} at x = 0")

# %% [markdown] id="06-where-dropout-zoneout-and-relu-comes"
# Both derivatives are negative on the far left (non-monotonic), equal $\tfrac12$ at 0, and
# overshoot 1 a little for positive $x$ before settling to 1. GELU's dip is shallower
# (−0.170) and closer to 0 than SiLU's (−0.278).
#
# ### Where "dropout, zoneout and ReLU" comes from
# Three ways to multiply an input $x$ by a mask $m \in \{0, 1\}$:
# - **ReLU**: $m = [x > 0]$, decided by the input, not random;
# - **dropout**: $m \sim \text{Bernoulli}(p)$, random, with the same keep probability $p$ for
#   every input (zoneout, for recurrent networks, similarly keeps a unit's previous value at
#   random);
# - **GELU's gate**: $m = [Z < x]$ with $Z \sim N(0, 1)$, i.e. $m \sim \text{Bernoulli}(\Phi(x))$:
#   random like dropout, but the keep probability depends on the input like ReLU. It is a ReLU
#   whose threshold 0 is jittered by Gaussian noise.
#
# GELU is the *expected* output of that random gate: $E[x\,m] = x\,P(m = 1) = x\,\Phi(x)$. A
# Monte-Carlo check, with 200 000 random thresholds and the standard error
# $|x|\sqrt{\Phi(x)(1-\Phi(x))/N}$ of each average:

# %% id="06-where-dropout-zoneout-and-relu-comes-code"
x = np.array([-3.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0])
n = 200_000
# One threshold Z per draw, shared by the eight inputs: that correlates their averages, but
# each one alone is still unbiased. Its own generator keeps the printout fixed on re-runs.
m = np.random.default_rng(42).normal(size=(n, 1)) < x
mc = (x * m).mean(axis=0)
p = special.ndtr(x)  # Phi(x)
se = np.abs(x) * np.sqrt(p * (1 - p) / n)
for xi, mci, gi, sei in zip(x, mc, actlib.gelu(x), se):
    print(f"x = {xi:+.1f}   mean of x*m = {mci:+.5f}   gelu = {gi:+.5f}   "
          f"difference = {(mci - gi) / sei:+.2f} standard errors")

# %% [markdown] id="06-where-dropout-zoneout-and-relu-comes-text"
# Every average is within 2 standard errors of GELU, as an unbiased estimate should be (about
# 95% of them fall within 2). Swish has the same reading with another noise: $\sigma$ is the CDF
# of the *logistic* distribution, so $x\,\sigma(x)$ is the average of $x\,[L < x]$ with $L$
# logistic:

# %% id="06-where-dropout-zoneout-and-relu-comes-code-2"
m = np.random.default_rng(43).logistic(size=(n, 1)) < x
print("mean of x*[L < x]:", (x * m).mean(axis=0).round(4))
print("swish(x):         ", actlib.swish(x).round(4))

# %% [markdown] id="06-where-dropout-zoneout-and-relu-comes-text-2"
# Back to GELU. The picture: each grey dot is one draw, either $x$ (gate open) or
# 0 (gate closed); the open ones get rarer to the left. Their average is the GELU curve.

# %% id="06-where-dropout-zoneout-and-relu-comes-code-3"
# extra code – single random gates, their averages, and GELU
rng = np.random.default_rng(44)
x_dots = rng.uniform(-3, 3, 600)
y_dots = x_dots * (rng.normal(size=600) < x_dots)
x_line = np.linspace(-3, 3, 301)
fig, (left, right) = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
left.plot(x_line, actlib.relu.derivative(x_line), color=plotting.color("relu"), label="ReLU: [x > 0]")
left.plot(x_line, special.ndtr(x_line), color=plotting.color("gelu"), label=r"GELU: $\Phi(x)$")
left.plot(x_line, np.full_like(x_line, 0.8), ":", color="0.4", label="dropout, p = 0.8")
left.set(xlabel="x", title="probability that the gate is open")
left.legend(loc="lower right")
right.scatter(x_dots, y_dots, s=8, color="0.55", alpha=0.5, label="one draw: x or 0")
right.plot(x_line, actlib.gelu(x_line), color=plotting.color("gelu"), label="GELU = average")
right.plot(x, mc, "o", color="black", label="Monte-Carlo average")
right.set(xlabel="x", title="output of the random gate")
right.legend(loc="upper left")
plt.show()

# %% [markdown] id="06-exercise-2-gelu"
# Note what GELU does *not* do: a GELU network is deterministic. The randomness is only the
# motivation; the function is its average.
#
# ### Exercise 4 · `gelu`
# Write the exact `gelu(x)` $= x\,\Phi(x)$; $\Phi$ from SciPy is a building block.
#
# <!-- hints: gelu -->

# %% id="gelu-answer"
def gelu(x):
    """Return x * Phi(x) elementwise, Phi being the standard normal CDF."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return x * special.ndtr(x)
    ### END SOLUTION


# %% id="gelu-check" tags=["check"]
check("gelu", gelu)

# %% [markdown] id="06-5-two-fast-approximations"
# ## 5. Two fast approximations
#
# $\Phi$ has no formula in elementary functions: it needs the error function. The GELU paper
# (Hendrycks & Gimpel) gives two substitutes built from tanh and the sigmoid instead:
#
# $$\mathrm{GELU}(x) \approx \tfrac12 x\left(1 + \tanh\!\left[\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right]\right)
#   \qquad \mathrm{GELU}(x) \approx x\,\sigma(1.702\,x)$$
#
# The constants 0.044715 and 1.702 are the paper's. The second is Swish with $\beta = 1.702$,
# the curve you saw in section 4. In `actlib` both are `gelu(x, approximate="tanh")` and
# `gelu(x, approximate="sigmoid")`. How large are their errors? Predict for the tanh form first:
# run the next cell and choose, then run the one after it.

# %% id="06-5-predict-tanh-error" tags=["tiny-values"]
predict("06-tanh-error")

# %% id="06-5-two-fast-approximations-code" tags=["reveal", "exercise-predict"]
def approximation_error(x, approximation):
    """GELU's approximation minus the exact GELU."""
    return actlib.gelu(x, approximate=approximation) - actlib.gelu(x)


x = np.linspace(-10, 10, 200_001)
worst = {}  # approximation -> (x, error) where |error| is largest
for a in ("tanh", "sigmoid"):
    err = approximation_error(x, a)
    i = np.argmax(np.abs(err))
    worst[a] = x[i], err[i]
    print(f"{a:7s}: max |approx - exact| = {abs(err[i]):.2e} at x = {x[i]:+.3f}")
decade = np.log10(abs(worst["tanh"][1]))  # the option whose power of ten is nearest
observed = min({"e10": -10, "e6": -6, "e3": -3, "e1": -1}.items(), key=lambda o: abs(o[1] - decade))[0]
reveal("06-tanh-error", observed, evidence=f"largest error of the tanh form: {abs(worst['tanh'][1]):.1e}")

# %% [markdown] id="06-5-two-fast-approximations-text"
# The tanh form is off by at most $4.7 \cdot 10^{-4}$, the sigmoid form by $2.0 \cdot 10^{-2}$,
# about forty times more. Each largest error occurs twice, at $\pm x$, because both errors are
# even functions: like $x\,\Phi(x)$, each approximation is $x\,s(x)$ with $s(x) + s(-x) = 1$.
# So the exact GELU and its approximation both satisfy $f(x) - f(-x) = x$, and their difference
# takes the same value at $x$ and $-x$. Checked:

# %% id="06-5-two-fast-approximations-code-2"
for a in ("tanh", "sigmoid"):
    agree(f"{a:7s}: error(x) vs error(-x)", approximation_error(x, a), approximation_error(-x, a),
          within=1e-14)

# %% [markdown] id="06-5-two-fast-approximations-text-2"
# Switch between the two approximations:

# %% id="06-5-two-fast-approximations-code-3"
x_plot = np.linspace(-5, 5, 1001)


def draw_error(fig, approximation):
    """Left: exact GELU and the approximation; right: their difference."""
    exact, approx = actlib.gelu(x_plot), actlib.gelu(x_plot, approximate=approximation)
    x_worst, err_worst = worst[approximation]
    curves, diff = fig.subplots(1, 2)
    curves.plot(x_plot, exact, color=plotting.color("gelu"), label="exact")
    curves.plot(x_plot, approx, "--", color="black", label=approximation)
    curves.set(xlabel="x", title="GELU and its approximation")
    curves.legend(loc="upper left")
    diff.plot(x_plot, approx - exact, color="black")
    diff.plot([-x_worst, x_worst], [err_worst, err_worst], "o", color=plotting.OKABE_ITO["vermillion"])
    diff.axhline(0, color="0.6", linewidth=0.9, zorder=1)
    diff.set(xlabel="x", title=f"approximation − exact\nlargest: {err_worst:+.1e} at x = ±{abs(x_worst):.2f}")


# %% id="06-5-two-fast-approximations-code-4"
widgets.interactive_figure(draw_error, approximation=["tanh", "sigmoid"])

# %% [markdown] id="06-why-frameworks-default-differently" tags=["deep-dive"]
# ### Why frameworks default differently
# Both forms are in use, and which one you get depends on the library and on the model
# (citations from the libraries' code and documentation, not computations):
# - PyTorch's `nn.GELU` computes the exact erf form by default; `approximate='tanh'` is an option.
# - JAX's `jax.nn.gelu` defaults to `approximate=True`, the tanh form.
# - GPT-2's code (`src/model.py` in openai/gpt-2) computes the tanh form.
# - BERT's code (`modeling.py` in google-research/bert) computes the tanh form today, but
#   Hugging Face Transformers' docstrings say that this repository used the exact erf form when
#   it was first created.
# - Hugging Face Transformers keeps both forms: `"gelu"` is the exact erf form, and BERT
#   checkpoints are run with it there; `"gelu_new"` is the tanh form, the one GPT-2 is run with.
#
# The GELU paper offers both approximations as faster substitutes for the exact form. Whichever
# form a model was trained with, it should be run with the same one: the two can differ by up to
# $4.7 \cdot 10^{-4}$ per output (computed above), which is why the form is part of a model's
# definition.

# %% [markdown] id="06-exercise-3-gelu-tanh" tags=["deep-dive"]
# ### Exercise 5 · `gelu_tanh`
# Write `gelu_tanh(x)`, the tanh approximation of section 5. `np.tanh` is a building block;
# `actlib.gelu(x, approximate="tanh")` is what you are writing.
#
# <!-- hints: gelu_tanh -->

# %% id="gelu-tanh-answer"
def gelu_tanh(x):
    """Return the tanh approximation of GELU elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    ### END SOLUTION


# %% id="gelu-tanh-check" tags=["check"]
check("gelu_tanh", gelu_tanh)

# %% [markdown] id="06-6-numerical-stability-the-erf-formula" tags=["deep-dive"]
# ## 6. Numerical stability: the erf formula returns 0 too early
#
# The textbook formula $\tfrac{x}{2}\bigl(1 + \mathrm{erf}(x/\sqrt2)\bigr)$ adds 1 to a number
# close to $-1$. Float64 numbers near $-1$ are about $10^{-16}$ apart, so once
# $1 + \mathrm{erf}(x/\sqrt 2)$ is below that, the sum is exactly 0:

# %% id="06-6-numerical-stability-the-erf-formula-code" tags=["tiny-values"]
def gelu_erf(x):
    """The textbook formula 0.5 x (1 + erf(x / sqrt 2))."""
    return 0.5 * x * (1 + special.erf(x / np.sqrt(2)))


print(f"gap between -1 and the next float towards 0: {1 + np.nextafter(-1.0, 0.0):.1e} (float64), "
      f"{1 + np.nextafter(np.float32(-1), np.float32(0)):.1e} (float32)")
x = np.linspace(-10, -5, 500_001)
print(f"gelu_erf(x) is exactly 0 for every x <= {x[gelu_erf(x) == 0].max():.4f} on this grid")
print(f"the true value there is about {actlib.gelu(-8.3745):.1e}: an ordinary float64")

# %% [markdown] id="06-6-numerical-stability-the-erf-formula-text"
# `actlib` computes $x \cdot \mathrm{ndtr}(x)$; SciPy's `ndtr` evaluates $\Phi$ from the
# complementary error function for $x < 0$, which never forms the difference. To measure both
# we need a reference that does not use erf at all. One is Laplace's continued fraction for the
# normal tail (for $t > 0$):
#
# $$\Phi(-t) = \frac{\varphi(t)}{t + \cfrac{1}{t + \cfrac{2}{t + \cfrac{3}{t + \cdots}}}}$$

# %% id="06-6-numerical-stability-the-erf-formula-code-2"
def lower_tail(x, terms=200):
    """Phi(x) for x < 0 from Laplace's continued fraction, evaluated from the inside out."""
    t = -np.asarray(x, dtype=float)
    r = np.zeros_like(t)
    for k in range(terms, 0, -1):
        r = k / (t + r)
    return np.exp(-t * t / 2) / np.sqrt(2 * np.pi) / (t + r)


x = np.array([-3.0, -5.0, -7.0, -8.0, -8.3, -8.5, -10.0, -20.0, -30.0])
agree("converged? 50 vs 200 terms", lower_tail(x, 50), lower_tail(x, 200), within=1e-14, relative=True)

# %% id="06-6-numerical-stability-the-erf-formula-code-3" tags=["tiny-values"]
reference = x * lower_tail(x)
print("     x    textbook erf     actlib.gelu       reference  rel. error erf  rel. error actlib")
for row in zip(x, gelu_erf(x), actlib.gelu(x), reference):
    rel = [abs(v / row[3] - 1) for v in row[1:3]]
    assert rel[1] < 1e-13
    erf_error = f"{rel[0]:.1e}" if rel[0] >= 1e-12 else "< 1e-12"  # below: rounding noise
    print(f"{row[0]:6.1f} {row[1]:15.6e} {row[2]:15.6e} {row[3]:15.6e} {erf_error:>15s} {'< 1e-13':>18s}")

# %% [markdown] id="06-erf-formula-in-proportion"
# At $x = -3$ all three agree, which also vouches for the reference. Going left, the textbook
# formula loses digits steadily (2% wrong at $-8$) and then returns exactly 0, a 100% error,
# while `actlib` stays within about $10^{-13}$.
#
# Keep it in proportion: the values lost are below $10^{-15}$, and in a network nothing notices
# them next to the other activations. It matters where *relative* accuracy matters: in tests
# against a reference, when taking logarithms, and in lower precision, where the same
# cancellation starts much earlier (float32 numbers near $-1$ are $6 \cdot 10^{-8}$ apart).

# %% [markdown] id="06-7-where-they-are-used" tags=["deep-dive"]
# ## 7. Where they are used
#
# Citations, not computations:
# - **GELU**: BERT ([Devlin et al., 2019](#ref-devlin2019)) uses it in every feed-forward block, and so do the
#   models built on BERT's architecture that the article names, RoBERTa and ALBERT; GPT-2
#   ([Radford et al., 2019](#ref-radford2019)) uses it too, in the tanh form (section 5's deep dive has the details). Most large
#   language models since have moved on to **gated** units: PaLM ([Chowdhery et al., 2022](#ref-chowdhery2022)) and
#   LLaMA ([Touvron et al., 2023](#ref-touvron2023)) use SwiGLU, $(\mathrm{Swish}(xW) \odot xV)\,W_2$, from [Shazeer
#   (2020)](#ref-shazeer2020), "GLU variants improve transformer", which compared it with GELU and ReLU. Notebook
#   [08](08_gated_and_modern.ipynb) covers the gated family.
# - **Swish / SiLU**: EfficientNet ([Tan & Le, 2019](#ref-tan2019)) uses Swish with $\beta = 1$, i.e. SiLU.
#   MobileNetV3 ([Howard et al., 2019](#ref-howard2019)) uses *hard swish*, $x\,\mathrm{ReLU6}(x + 3)/6$, a
#   piecewise version without an exponential, in its deeper layers. How close is it?

# %% id="06-7-where-they-are-used-code"
x = np.linspace(-8, 8, 160_001)
hard_swish = x * np.clip(x + 3, 0, 6) / 6
gap = np.abs(hard_swish - actlib.swish(x))
print(f"max |hard swish - swish| = {gap.max():.3f} at x = {x[gap.argmax()]:.2f}; "
      f"hard swish's minimum: {hard_swish.min():.3f} at x = {x[hard_swish.argmin()]:.2f}")

# %% [markdown] id="06-7-where-they-are-used-text"
# Hard swish is exactly 0 below $-3$ and exactly $x$ above 3, and differs from Swish by at most
# 0.14: close in shape, not a numerical approximation in the sense of section 5.

# %% [markdown] id="06-8-swish-gelu-and-relu-on-the-same-task"
# ## 8. Swish, GELU and ReLU on the same task
#
# Do the smooth gates train better? We train the network of section 3 on the spirals with each
# activation, with the same initial weights, the same data order and three seeds:

# %% id="06-8-swish-gelu-and-relu-on-the-same-task-code"
names = ("relu", "swish", "gelu")
seeds = (0, 1, 2)
runs = {name: [run(name, seed=s) for s in seeds] for name in names}
print("activation | train loss per seed  | test accuracy per seed | mean test accuracy")
for name in names:
    loss = [h["loss"][-1] for h in runs[name]]
    acc = [h["val_accuracy"][-1] for h in runs[name]]
    print(f"{name:10s} | {'  '.join(f'{v:.3f}' for v in loss)} | {'   '.join(f'{v:.2f}' for v in acc)}"
          f"     | {np.mean(acc):.3f}")

# %% id="06-8-swish-gelu-and-relu-on-the-same-task-code-2"
# extra code – mean training loss over the seeds
fig = plotting.plot_curves({name: np.mean([h["loss"][1:] for h in runs[name]], axis=0) for name in names},
                           ylabel="training loss (mean of 3 seeds)", logy=True)

# %% [markdown] id="06-8-swish-gelu-and-relu-on-the-same-task-text"
# On this task the three end up in about the same place: every test accuracy lies between 0.95
# and 0.98, and the seeds of one activation differ more than the activations' means do. On the
# way, GELU's mean loss fell fastest. ReLU's mean curve has a spike at epoch 30; it comes from a
# single run whose loss jumped for one epoch (a learning rate of 0.1 with momentum 0.9 is an
# aggressive setting):

# %% id="06-8-swish-gelu-and-relu-on-the-same-task-code-3"
for s, h in zip(seeds, runs["relu"]):
    print(f"relu, seed {s}: loss at epochs 29, 30, 31 = {np.round(h['loss'][29:32], 3).tolist()}")

# %% [markdown] id="06-check-your-understanding"
# Swish ends with the highest training loss, yet with the same test accuracy as ReLU. Three
# seeds of one small task cannot rank activations; the Swish and GELU papers report their gains
# on large models and data sets. Notebook 07 puts all the activations of the series side by side.
#
# ## Check your understanding
#
# 1. What is Swish with $\beta = 0$, and why?
#    <details><summary>Answer</summary>The linear function x/2, because σ(0) = 1/2 for every
#    x. A network of such layers is a linear model (the deep dive on a trainable $\beta$ in
#    section 3 measures it: test accuracy 0.53 on the spirals).</details>
# 2. A GELU unit receives $z = -2$. If $z$ increases a little, does the output go up or down?
#    <details><summary>Answer</summary>Down: GELU'(−2) = Φ(−2) − 2φ(−2) ≈ −0.085 < 0, since
#    −2 is left of the minimum at −0.75 (computed below).</details>
# 3. A model was trained with the tanh form of GELU and is run with the exact one. By how much
#    can one unit's output change?
#    <details><summary>Answer</summary>By up to 4.7·10⁻⁴ (section 5), largest near x = ±2.7.
#    Small, but not zero, which is why the form is part of the model's definition.</details>

# %% id="06-check-your-understanding-code"
print(f"gelu'(-2) = {actlib.gelu.derivative(-2.0):.3f}")

# %% [markdown] id="06-summary"
# ## Summary
#
# | | ReLU | Swish $x\,\sigma(\beta x)$ (SiLU: $\beta = 1$) | GELU $x\,\Phi(x)$ |
# |---|---|---|---|
# | smooth | no (kink at 0) | yes | yes |
# | monotonic | yes | no | no |
# | minimum | 0 | $-0.2785/\beta$ at $x = -1.2785/\beta$ | $-0.1700$ at $x = -0.7518$ |
# | $f'$ ranges over | $\{0, 1\}$ | $[-0.0998, 1.0998]$ ($\beta = 1$) | $[-0.1289, 1.1289]$ |
# | as a random gate | fixed: $[x > 0]$ | $[L < \beta x]$, $L$ logistic | $[Z < x]$, $Z \sim N(0, 1)$ |
# | cheaper forms | — | hard swish (MobileNetV3) | tanh form (error $\le 4.7 \cdot 10^{-4}$), $x\,\sigma(1.702x)$ ($\le 2.0 \cdot 10^{-2}$) |
# | used in | CNNs, MLPs | EfficientNet, MobileNetV3 | BERT, GPT-2 |
