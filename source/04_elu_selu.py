# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: ELU and SELU
#     goals: "ELU's exponential branch and mean shift, SELU's constants derived,
#       self-normalisation through 60 layers"
#     budget_s: 25  # seconds per version: section 8 trains 33 deep networks, 9 with batch normalisation
#     remember:
#       - 'ELU saturates smoothly at −α and moves mean activations towards 0, not to 0.'
#       - 'SELU''s two constants make mean 0 and variance 1 a fixed point, so deep plain networks with LeCun weights normalise themselves.'
#       - 'The guarantee assumes fully connected layers and standardised inputs.'
# ---

# %% [markdown] id="04-title"
# # 04 · ELU and SELU
#
# Two ReLU variants with a smooth, saturating negative side: the exponential linear unit, and
# its scaled version that keeps a deep network's activations normalised by itself.
#
# **You will learn to**
# - describe ELU's exponential negative branch and show that it saturates at $-\alpha$;
# - compute a mean activation by numerical integration, and say how far ELU moves it towards 0;
# - set up SELU's fixed-point equations, solve them for its two constants, and predict, then
#   watch, the constants hold a deep network at mean 0 and variance 1, while ReLU and tanh drift.
#
# The deep dives tell when ELU is smooth at 0, test whether ELU units die, try other constants,
# look at SELU's region of slope above 1, and test the claim that SELU "converges faster", also
# against batch normalisation. In the last two you write your own ELU layer and train with it,
# and run an open experiment.
#
# *About 50 minutes, plus 55 minutes of optional deep dives.
# Seven exercises: a derivation, a prediction, four to write (each checked as you run the cell
# below it) and an open experiment.*

# %% [markdown] id="04-setup"
# ## Setup
# Run this cell first. It imports NumPy, SciPy's integration and root-finding modules,
# Matplotlib and the series' helper package `actlib`. Every cell that draws random numbers seeds
# its own generator, so you see the same numbers however often you run it.

# %% id="04-setup-code"
import sys
from functools import lru_cache, partial

import matplotlib.pyplot as plt
import numpy as np
from scipy import integrate, optimize

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.agreement import agree
from actlib.exercises import adopt, check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")  # the series' look, for plain Matplotlib figures too

# %% [markdown] id="04-1-elu-an-exponential-negative-branch"
# ## 1. ELU: an exponential negative branch
#
# The **exponential linear unit** keeps ReLU's identity for positive inputs and replaces the
# flat zero on the negative side by a curve that bends down towards $-\alpha$:
#
# $$\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}
#   \qquad \alpha > 0$$
#
# Here it is for three values of $\alpha$:

# %% id="04-1-elu-an-exponential-negative-branch-code"
fig = plotting.compare("elu", alpha=[0.5, 1.0, 2.0], xlim=(-6, 3))

# %% [markdown] id="04-1-elu-an-exponential-negative-branch-text"
# The article says ELU avoids dead units "by introducing a **logarithmic** curve for negative
# input values". The curve is **exponential**, as the name says. Add $\alpha$ to the negative
# branch and you get $\mathrm{ELU}(x) + \alpha = \alpha e^{x}$; its logarithm, $\log\alpha + x$,
# is a straight line of slope 1. Check it with a straight-line fit:

# %% id="04-1-elu-an-exponential-negative-branch-code-2"
alpha = 1.5
x = np.linspace(-8, 0, 9)
shifted = actlib.elu(x, alpha=alpha) + alpha  # should be alpha * e^x
print("ELU(x) + alpha:", shifted.round(5))
print("alpha * e^x:   ", (alpha * np.exp(x)).round(5))
slope, intercept = np.polyfit(x, np.log(shifted), 1)
print(f"line through log(ELU(x) + alpha): slope {slope:.6f}, "
      f"intercept {intercept:.6f} (log alpha = {np.log(alpha):.6f})")

# %% [markdown] id="04-1-elu-an-exponential-negative-branch-text-2"
# A logarithmic branch such as $-\log(1 - x)$, which has the same value and slope at 0 as
# ELU with $\alpha = 1$, would be a different animal: it never levels off. On the left, ELU flattens at $-\alpha = -1$ while the logarithm keeps falling; on the
# right, a logarithmic $y$-axis turns $\mathrm{ELU}(x) + \alpha$ into straight lines.

# %% id="04-1-elu-an-exponential-negative-branch-code-3"
# extra code – ELU against a logarithmic branch, and ELU(x) + alpha on a log axis
fig, (left, right) = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
x = np.linspace(-20, 0, 401)
left.plot(x, actlib.elu(x), color=plotting.color("elu"), label="ELU, $\\alpha = 1$")
left.plot(x, -np.log1p(-x), "--", color="0.5", label="$-\\log(1 - x)$")
left.set(xlabel="x", title="negative side", ylim=(-3.5, 0.3))
left.legend(loc="lower right")
x = x[x >= -12]
for a, opacity in [(0.5, 0.35), (1.0, 0.65), (2.0, 1.0)]:
    right.semilogy(x, actlib.elu(x, alpha=a) + a, color=plotting.color("elu"), alpha=opacity,
                   label=f"$\\alpha = {a:g}$")
right.set(xlabel="x", title="ELU(x) + $\\alpha$ (log scale)")
right.legend(loc="upper left")
plt.show()

# %% [markdown] id="04-1-elu-an-exponential-negative-branch-text-3"
# The article also says ELU "smooths slowly until its output equals $-\alpha$, whereas ReLU
# smooths sharply". The second half is about ReLU's corner at 0 (section 2). As for the
# first: the distance from ELU to $-\alpha$ is $\alpha e^{x}$, which shrinks by a factor $e$
# per unit of $x$. The output comes close to $-\alpha$ and, mathematically, never reaches it.
# In float64 it does become exactly $-\alpha$, once $e^{x}$ is below the rounding error of 1:

# %% id="04-1-elu-an-exponential-negative-branch-code-4" tags=["tiny-values"]
for xi in (-1.0, -2.0, -5.0, -10.0, -36.0, -38.0):  # near -1, float64 numbers are 1.1e-16 apart
    value = actlib.elu(xi)
    print(f"x = {xi:5.0f}   ELU(x) = {value:12.9f}   gap to -1: {value + 1:.1e}   "
          f"equal to -1 in float64: {value == -1.0}")

# %% [markdown] id="04-exercise-1-elu"
# ### Exercise 1 · `elu`
# Write `elu(x, alpha=1.0)`: `x` where `x > 0`, and `alpha * (exp(x) - 1)` elsewhere, for a
# number or an array of any shape.
#
# <!-- hints: elu -->

# %% id="elu-answer"
def elu(x, alpha=1.0):
    """Return x where x > 0 and alpha * (exp(x) - 1) elsewhere, elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))
    ### END SOLUTION


# %% id="elu-check" tags=["check"]
check("elu", elu)

# %% [markdown] id="04-2-smooth-at-0-for-one-value-of" tags=["deep-dive"]
# ## 2. Smooth at 0, for one value of α
#
# ReLU has a kink at 0: its slope jumps from 0 to 1. ELU's slope is
#
# $$\mathrm{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}$$
#
# so just left of 0 it is $\alpha e^{0} = \alpha$, and just right of 0 it is 1. The two meet only
# for $\alpha = 1$. Move the slider and watch the dashed derivative on the right: at
# $\alpha = 1$ it is one unbroken curve, at any other value it jumps at 0.

# %% id="04-2-smooth-at-0-for-one-value-of-code"
widgets.explore("elu", xlim=(-3, 3))

# %% [markdown] id="04-2-smooth-at-0-for-one-value-of-text"
# The same, measured: one-sided difference quotients at 0, with a step $h = 10^{-6}$.

# %% id="04-2-smooth-at-0-for-one-value-of-code-2"
h = 1e-6
cases = [("relu", {}), ("elu", {"alpha": 0.5}), ("elu", {"alpha": 1.0}), ("elu", {"alpha": 2.0}),
         ("selu", {})]
for name, params in cases:
    f = actlib.get(name)
    left_slope = (f(0.0, **params) - f(-h, **params)) / h
    right_slope = (f(h, **params) - f(0.0, **params)) / h
    print(f"{name:4s} {str(params):15s} slope left of 0: {left_slope:.4f}   right of 0: {right_slope:.4f}")

# %% [markdown] id="04-2-smooth-at-0-for-one-value-of-text-2"
# Only ELU with $\alpha = 1$ has a continuous derivative. SELU, which you
# meet in section 5, uses $\alpha \approx 1.67$, so it has a kink at 0, like ReLU, only a milder
# one: its slope jumps from about 1.76 to 1.05.

# %% [markdown] id="04-3-the-mean-activation-closer-to-zero-not"
# ## 3. The mean activation: closer to zero, not zero
#
# The article says ELU "reduces the bias shift by pushing the mean activation towards zero",
# and two sentences later that "ELU does not centre values at zero". Both can be measured.
# Give each unit inputs $z \sim \mathcal N(0, 1)$ and compute the mean output
#
# $$\mathbb E[f(z)] = \int_{-\infty}^{\infty} f(z)\, \varphi(z)\, dz, \qquad
#   \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}$$
#
# with `scipy.integrate.quad`, and check it by averaging over a million samples. The helper below
# integrates each side of 0 separately, because `quad` is most accurate on smooth pieces.

# %% id="04-3-the-mean-activation-closer-to-zero-not-code"
def normal_pdf(z):
    """Density of the standard normal distribution."""
    return np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)


def expect(f, power=1, var=1.0, **params):
    """E[f(z)**power] for z ~ N(0, var), by quad on each side of 0."""
    sd = np.sqrt(var)

    def integrand(u):  # z = sd * u with u ~ N(0, 1)
        return f(sd * u, **params) ** power * normal_pdf(u)

    return sum(integrate.quad(integrand, a, b)[0] for a, b in [(-np.inf, 0), (0, np.inf)])


# %% id="04-3-the-mean-activation-closer-to-zero-not-code-2"
z = np.random.default_rng(42).normal(0, 1, 1_000_000)
for name in ("relu", "elu"):
    f = actlib.get(name)
    print(f"E[{name}(z)]:  quad {expect(f):.4f}   sampling {f(z).mean():.4f}")
print(f"for comparison, 1/sqrt(2 pi) = {1 / np.sqrt(2 * np.pi):.4f}")

# %% [markdown] id="04-3-the-mean-activation-closer-to-zero-not-text"
# ReLU's mean is $1/\sqrt{2\pi} \approx 0.40$; ELU with $\alpha = 1$ brings it down to about
# 0.16. That is the "push towards zero", and the 0.16 that is left is why ELU "does not centre
# values at zero". Side by side, the two sentences seem to contradict each other; the numbers
# settle it: ELU **reduces** the mean shift, it does **not remove** it. ReLU cannot do even that: its
# outputs are never negative, so their mean is positive unless every output is 0.
#
# How does the mean depend on $\alpha$? The negative branch contributes
# $\alpha\,\mathbb E[(e^{z} - 1)\,[z \le 0]]$, so the mean falls along a straight line in
# $\alpha$. Where does it cross zero?

# %% id="04-3-the-mean-activation-closer-to-zero-not-code-3"
def elu_mean(a):
    """E[ELU(z)] for z ~ N(0, 1) with alpha = a."""
    return expect(actlib.elu, alpha=a)


alpha_zero_mean = optimize.brentq(elu_mean, 0.5, 3.0, xtol=1e-15)
print(f"E[ELU(z)] = 0 for alpha = {alpha_zero_mean:.9f}")

# %% id="04-3-the-mean-activation-closer-to-zero-not-code-4"
# extra code – the mean of ELU(z) against alpha
alphas = np.linspace(0, 3, 31)
fig, ax = plt.subplots(layout="constrained")
ax.plot(alphas, [elu_mean(a) for a in alphas], color=plotting.color("elu"), label="E[ELU(z)]")
ax.axhline(expect(actlib.relu), color=plotting.color("relu"), linestyle="--", label="E[ReLU(z)]")
ax.axhline(0, color="0.6", linewidth=0.9)
ax.plot([1.0, alpha_zero_mean], [elu_mean(1.0), 0.0], "o", color=plotting.color("elu"))
ax.annotate(f"$\\alpha = {alpha_zero_mean:.4f}$", (alpha_zero_mean, 0.0), xytext=(10, 10),
            textcoords="offset points")
ax.set(xlabel="$\\alpha$", ylabel="mean output for z ~ N(0, 1)")
ax.legend(loc="upper right")
plt.show()

# %% [markdown] id="04-3-the-mean-activation-closer-to-zero-not-text-2"
# With $\alpha \approx 1.6733$, ELU's mean output is zero for standard normal inputs. Remember
# that number: it comes back in section 5. But no single $\alpha$ centres ELU for every input:
# the mean also depends on how spread out the inputs are.

# %% id="04-3-the-mean-activation-closer-to-zero-not-code-5"
for var in (0.25, 1.0, 4.0):
    mean = round(expect(actlib.elu, var=var, alpha=alpha_zero_mean), 4) + 0.0  # no "-0.0000"
    print(f"z ~ N(0, {var:4}):  E[ELU(z)] = {mean:+.4f} with alpha = {alpha_zero_mean:.4f}")

# %% [markdown] id="04-3-the-mean-activation-closer-to-zero-not-text-3"
# The article's last ELU claim, that it "helps the network push weights and biases in the
# right direction", is too vague to test as it stands. The original paper ([Clevert et al.,
# 2016](#ref-clevert2016)) argues that activations with a mean closer to zero make gradient descent better
# conditioned; this notebook measures the mean (above) and, in one small test, training speed
# (section 8), not that argument.

# %% [markdown] id="04-4-can-elu-units-die" tags=["deep-dive"]
# ## 4. Can ELU units die?
#
# A ReLU unit whose input is negative on every example outputs 0 and has slope 0 there: no
# gradient reaches its weights, so it never changes again. The article says ELU "avoids the
# dead ReLU problem". ELU's slope on the negative side is $\alpha e^{x}$: never zero, but small
# far out.

# %% id="04-4-can-elu-units-die-code"
x = np.array([-0.5, -1.0, -2.0, -5.0, -10.0])
print("x:       ", x)
print("ReLU'(x):", actlib.relu.derivative(x))
print("ELU'(x): ", "  ".join(f"{d:.1e}" for d in actlib.elu.derivative(x)))

# %% [markdown] id="04-4-can-elu-units-die-text"
# Does that small slope matter in training? Start a network with every hidden bias negative,
# so that many units are *silent* (input $\le 0$ on every example), and train it on the two
# moons. The figure shows the loss, and the fraction of silent units per layer before
# (pale) and after (solid) training. Try other starting biases.

# %% id="04-4-can-elu-units-die-code-2"
X_moons, y_moons = datasets.moons(n=300, noise=0.2, seed=0)
X_moons = datasets.standardize(X_moons)


def silent_units(net):
    """Per hidden layer: a boolean per unit, True if its input is <= 0 on every example."""
    net.forward(X_moons)
    return [np.all(z <= 0, axis=0) for z in net.pre_activations[:-1]]


def biased_net(name, bias):
    """A 2-32-32-32-2 network whose hidden biases start at `bias`."""
    return nn.Network([2, 32, 32, 32, 2], name, init="he", bias=bias, seed=0)


# %% id="04-4-can-elu-units-die-code-3"
def silent_fractions(net):
    """Per hidden layer: the fraction of silent units."""
    return [np.mean(silent) for silent in silent_units(net)]


@lru_cache(maxsize=None)
def train_biased(name, bias):
    """Train biased_net(name, bias) on the moons; return silent fractions and losses."""
    net = biased_net(name, bias)
    before = silent_fractions(net)
    history = nn.train(net, X_moons, y_moons, epochs=40, lr=0.02, seed=0)
    return before, silent_fractions(net), history["loss"]


# %% id="04-4-can-elu-units-die-code-4"
# extra code – loss curves and silent units, ReLU against ELU
def draw_dying(fig, bias):
    loss_ax, bar_ax = fig.subplots(1, 2)
    for i, name in enumerate(["relu", "elu"]):
        before, after, loss = train_biased(name, bias)
        loss_ax.plot(loss, color=plotting.color(name), label=name)
        layers = np.arange(1, 4) + (i - 0.5) * 0.38
        bar_ax.bar(layers, before, width=0.36, color=plotting.color(name), alpha=0.3)
        bar_ax.bar(layers, after, width=0.2, color=plotting.color(name), label=name)
    loss_ax.set(xlabel="epoch", ylabel="training loss", ylim=(0, 1.2))
    bar_ax.set(xlabel="hidden layer", ylabel="fraction of silent units", ylim=(0, 1.05),
               xticks=[1, 2, 3], title="before training (pale), after (solid)")
    loss_ax.legend()
    bar_ax.legend(loc="upper left")


# %% id="04-4-can-elu-units-die-code-5"
widgets.interactive_figure(draw_dying, continuous=False, bias=(-3.0, 0.0, 0.25, -2.0))

# %% id="04-4-can-elu-units-die-code-6"
for name in ("relu", "elu"):
    before, after, loss = train_biased(name, -2.0)
    print(f"{name}: silent units per layer {np.round(before, 2)} -> {np.round(after, 2)};"
          f" loss {loss[0]:.3f} -> {loss[-1]:.3f}")
print(f"loss of a constant 50/50 guess: log 2 = {np.log(2):.3f}")

# %% [markdown] id="04-4-can-elu-units-die-text-2"
# With biases starting at $-2$, the ReLU network learns nothing: its last hidden layer is
# silent on every example, so no gradient gets through, and the loss stays at $\log 2$, a coin
# toss. The ELU network starts with as many silent units in its first layer, passes gradient
# through them anyway, and learns. So the claim holds in this sense: the network as a whole
# keeps training. Look at the first layer's numbers, though: its silent ELU units are still
# silent after 40 epochs. Do they get any gradient at all? At the start of training, with
# biases at $-2$, the size of each first-layer unit's weight gradient:

# %% id="04-4-can-elu-units-die-code-7"
for name in ("relu", "elu"):
    net = biased_net(name, -2.0)
    _, grads = net.gradients(X_moons, y_moons)
    silent = silent_units(net)[0]
    norms = np.linalg.norm(grads[0]["W"], axis=0)  # one per unit of layer 1
    print(f"{name}: mean norm of dL/dW per unit of layer 1: {norms[silent].mean():.4f} for the "
          f"{silent.sum()} silent units, {norms[~silent].mean():.4f} for the others")

# %% [markdown] id="04-4-can-elu-units-die-text-3"
# In the ReLU network every gradient is exactly 0: its silent last hidden layer blocks them
# all. The silent ELU units get a gradient about a third the size of the others': weaker, not
# zero. At learning rate 0.02, 40 epochs of it did not change the first layer's silent
# fraction.

# %% [markdown] id="04-5-selu-two-constants-from-two-equations"
# ## 5. SELU: two constants from two equations
#
# The **scaled ELU** multiplies ELU by a constant $\lambda$ and fixes both constants:
#
# $$\mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}$$
#
# Move both sliders: $\alpha$ sets the floor $-\lambda\alpha$, $\lambda$ stretches everything.

# %% id="04-5-selu-two-constants-from-two-equations-code"
widgets.explore("selu", xlim=(-5, 3))

# %% [markdown] id="04-exercise-2-selu-constants"
# The article says only that SELU "has predefined alpha and lambda values". Where do
# $\alpha = 1.6732632423543772$ and $\lambda = 1.0507009873554805$ come from? [Klambauer et al.
# (2017)](#ref-klambauer2017) chose them so that a unit with inputs $z \sim \mathcal N(0, 1)$ outputs mean 0 and
# variance 1:
#
# $$\mathbb E[\mathrm{SELU}(z)] = 0, \qquad \mathbb E[\mathrm{SELU}(z)^2] = 1 .$$
#
# Why that helps: with *LeCun-normal* weights (mean 0, variance $1/n$ for $n$ inputs) the next
# layer's input $\sum_i w_i h_i$ has mean 0 and variance $\mathbb E[h^2]$. If the outputs $h$
# have mean 0 and variance 1, the next layer sees inputs that are approximately
# $\mathcal N(0, 1)$ again (a sum of many independent terms is close to normal: the central
# limit theorem), and so on through the whole network.
#
# Since $\mathbb E[\mathrm{SELU}(z)] = \lambda\,\mathbb E[\mathrm{ELU}_\alpha(z)]$, the first
# equation does not depend on $\lambda$: it is the zero-mean condition of section 3, solved by
# $\alpha = 1.6733$. The second equation then fixes $\lambda$.
#
# ### Exercise 2 · `selu_fixed_point` (reason it out)
# Variance 1 is a convention, which suits standardised inputs. Suppose you want the layers of a
# network with the same LeCun weights to hand on $z \sim \mathcal N(0, v)$ for some other
# variance $v$: mean 0 and variance $v$ as a fixed point. Which two equations must $(\alpha,
# \lambda)$ satisfy?
#
# - **a**: $\mathbb E[\mathrm{SELU}(z)] = 0$ and $\mathbb E[\mathrm{SELU}(z)^2] = 1$, for $z \sim \mathcal N(0, v)$
# - **b**: $\mathbb E[\mathrm{SELU}(z)] = 0$ and $\mathbb E[\mathrm{SELU}(z)^2] = v$, for $z \sim \mathcal N(0, v)$
# - **c**: $\mathbb E[\mathrm{SELU}(z)] = 0$ and $\mathbb E[\mathrm{SELU}(z)^2] = v$, for $z \sim \mathcal N(0, 1)$
# - **d**: $\mathbb E[\mathrm{SELU}(z)] = 0$ and $\mathbb E[\mathrm{SELU}(z)^2] = v^2$, for $z \sim \mathcal N(0, v)$
#
# Return the letter of your choice, with the quotes; the check explains the option you chose.
#
# <!-- hints: selu_fixed_point -->

# %% id="selu-fixed-point-answer"
def selu_fixed_point():
    """Return "a", "b", "c" or "d": the equations that make N(0, v) a fixed point."""
    ### BEGIN SOLUTION
    return "b"
    ### END SOLUTION


# %% id="selu-fixed-point-check" tags=["check", "exercise-derive"]
check("selu_fixed_point", selu_fixed_point)

# %% [markdown] id="04-exercise-3-selu-constants"
# ### Exercise 3 · `selu_constants`
# Write `selu_constants(variance=1.0)` returning `(alpha, scale)`: the solution of those two
# equations for the given variance, to within $10^{-6}$. The `expect` helper of section 3 takes
# the variance of $z$ as `var=`. `scipy.optimize.fsolve` solves two equations at once; or, since
# the first does not involve $\lambda$, solve it for $\alpha$ alone with `optimize.brentq`, and
# the second then gives $\lambda$. The check tries variances other than 1, so constants typed in
# do not pass.
#
# <!-- hints: selu_constants -->

# %% id="selu-constants-answer"
def selu_constants(variance=1.0):
    """Return (alpha, scale) with E[selu(z)] = 0 and E[selu(z)**2] = variance, z ~ N(0, variance)."""
    ### BEGIN SOLUTION
    # The mean does not involve the scale: solve it for alpha alone, then scale the mean square.
    alpha = optimize.brentq(lambda a: expect(actlib.elu, var=variance, alpha=a), 0.1, 10.0,
                            xtol=1e-14)
    scale = np.sqrt(variance / expect(actlib.elu, 2, var=variance, alpha=alpha))
    return float(alpha), float(scale)
    ### END SOLUTION


# %% id="selu-constants-check" tags=["check"]
check("selu_constants", selu_constants)

# %% [markdown] id="04-exercise-2-selu-constants-text"
# Whatever you wrote, here is the test of `actlib`'s constants: both equations hold at them to
# 12 decimals, and the $\alpha$ that zeroed ELU's mean in section 3 is the same number.

# %% id="04-exercise-2-selu-constants-code"
selu_alpha = actlib.selu.params["alpha"].default
selu_scale = actlib.selu.params["scale"].default
print(f"actlib.selu: alpha = {selu_alpha:.9f}..., scale = {selu_scale:.9f}...")
agree("E[selu(z)] vs 0", expect(actlib.selu), 0.0, within=1e-12)
agree("E[selu(z)^2] vs 1", expect(actlib.selu, 2), 1.0, within=1e-12)
agree("alpha from section 3 vs actlib's alpha", alpha_zero_mean, selu_alpha, within=1e-12)

# %% [markdown] id="04-exercise-3-selu"
# ### Exercise 4 · `selu`
# Write `selu(x)` with the two constants for variance 1. The scale multiplies **both** branches.
#
# <!-- hints: selu -->

# %% id="selu-answer"
ALPHA = 1.6732632423543772
SCALE = 1.0507009873554805


def selu(x):
    """Return SCALE * elu(x, ALPHA), elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return SCALE * np.where(x > 0, x, ALPHA * np.expm1(np.minimum(x, 0.0)))
    ### END SOLUTION


# %% id="selu-check" tags=["check"]
check("selu", selu)

# %% [markdown] id="04-6-self-normalisation-through-depth"
# ## 6. Self-normalisation through depth
#
# The article says SELU "takes care of internal normalisation, which means each layer
# **preserves** the mean and variance of the previous layer". Test it: feed inputs with
# variance 4, or 0.25, through 60 layers of 100 units with random LeCun-normal weights, and
# record the mean and variance of each layer's outputs (`nn.depth_statistics`). For comparison,
# ReLU with He initialisation (weights with variance $2/n$, the usual choice for ReLU) and tanh
# with LeCun-normal weights.
#
# **Predict first**, then run the two cells below the prediction: the second puts the result
# beside it.

# %% id="04-6-predict-variance"
predict("selu-depth-variance")

# %% id="04-6-self-normalisation-through-depth-code"
DEPTH_INITS = {"selu": "lecun", "relu": "he", "tanh": "lecun"}


@lru_cache(maxsize=None)
def depth_stats(name, var, alpha=selu_alpha, scale=selu_scale):
    """Mean and variance of each layer's outputs in a 60-layer random network.

    alpha and scale are SELU's constants; the other activations ignore them.
    """
    act = (name, {"alpha": alpha, "scale": scale}) if name == "selu" else name
    stats = nn.depth_statistics(act, depth=60, width=100, init=DEPTH_INITS[name], n=300,
                                input_std=np.sqrt(var))
    return stats["mean"], stats["std"] ** 2


# %% id="04-6-self-normalisation-through-depth-code-2" tags=["reveal", "exercise-predict"]
shown = [1, 2, 3, 5, 10, 30, 60]
print(f"{'':20s}layer " + "".join(f"{n:>7d}" for n in shown))
for var in (4.0, 0.25):
    for name in DEPTH_INITS:
        mean, variance = depth_stats(name, var)
        print(f"input var {var:4}: {name:4s} var  " + "".join(f"{variance[n - 1]:7.3f}" for n in shown))
        print(f"{'':20s}mean " + "".join(f"{mean[n - 1]:7.3f}" for n in shown))
last = depth_stats("selu", 4.0)[1][-1]  # SELU, input variance 4, layer 60
observed = "vanish" if last < 0.5 else "one" if last < 2 else "keep" if last < 8 else "grow"
reveal("selu-depth-variance", observed, evidence=f"SELU with input variance 4: {last:.2f} at layer 60")

# %% [markdown] id="04-6-self-normalisation-through-depth-text"
# Read the rows. SELU pulls a variance of 4 down to about 1 within ten layers, and a variance
# of 0.25 up, more slowly (0.8 at layer 10, about 1 by layer 30); the mean ends near 0 in both
# runs. SELU does not keep what it is given: it forgets it. The point $(\text{mean},
# \text{variance}) = (0, 1)$ is an *attracting fixed point*: a layer moves the mean and variance
# it receives **towards** $(0, 1)$, and after a few layers they are there, whatever they were at
# the input.
#
# ReLU with He weights is the one that keeps something. Because $\mathrm{ReLU}(cx) =
# c\,\mathrm{ReLU}(x)$ for $c > 0$, and because every bias here is 0, the whole network scales
# with its input: the run with input variance 4 has exactly 16 times the variance of the run
# with 0.25, at every layer. A bias breaks this, since $\mathrm{ReLU}(cx + b) \ne
# c\,\mathrm{ReLU}(x + b)$: the last line below repeats the ReLU runs with every bias 0.1.
# Nothing pulls ReLU's variance towards a particular value, so it drifts from layer to layer
# (the finite width of 100 units adds random changes that are never corrected), and its mean
# is always positive. tanh has mean 0 but loses variance at every layer.

# %% id="04-6-self-normalisation-through-depth-code-3"
for name in ("selu", "relu"):
    ratio = depth_stats(name, 4.0)[1] / depth_stats(name, 0.25)[1]
    print(f"{name}: variance (input 4) / variance (input 0.25) at layers {shown}:")
    print("     ", "  ".join(f"{ratio[n - 1]:.2f}" for n in shown))
biased = [nn.depth_statistics("relu", depth=60, width=100, init="he", n=300, input_std=np.sqrt(var),
                              bias=0.1)["std"] ** 2 for var in (4.0, 0.25)]
print("relu with biases 0.1:\n     ", "  ".join(f"{(biased[0] / biased[1])[n - 1]:.2f}" for n in shown))

# %% [markdown] id="04-6-self-normalisation-through-depth-text-2" tags=["deep-dive"]
# ### Other constants
#
# Now change the constants. The sliders set SELU's $\alpha$ and $\lambda$ (ReLU and tanh do
# not depend on them), the input variance, and how many layers are shown. Watch the yellow
# SELU curves when you leave the published constants.

# %% id="04-6-self-normalisation-through-depth-code-4"
# extra code – mean and variance per layer; the sliders set SELU's constants
def draw_depth(fig, alpha, scale, input_variance, layers):
    mean_ax, var_ax = fig.subplots(1, 2)
    for name in DEPTH_INITS:
        constants = (alpha, scale) if name == "selu" else ()  # the others ignore them
        mean, variance = depth_stats(name, input_variance, *constants)
        n = np.arange(1, layers + 1)
        mean_ax.plot(n, mean[:layers], color=plotting.color(name), label=name)
        var_ax.semilogy(n, variance[:layers], color=plotting.color(name), label=name)
    mean_ax.axhline(0, color="0.4", linestyle=":")
    var_ax.axhline(1, color="0.4", linestyle=":")
    mean_ax.set(xlabel="layer", ylabel="mean of the outputs", ylim=(-1, 4.5), xlim=(0, layers + 1))
    var_ax.set(xlabel="layer", ylabel="variance of the outputs", ylim=(1e-3, 1e2), xlim=(0, layers + 1))
    mean_ax.legend(loc="upper left")


# %% id="04-6-self-normalisation-through-depth-code-5"
widgets.interactive_figure(draw_depth, continuous=False,
                           alpha=(0.5, 3.0, 0.01, selu_alpha), scale=(0.5, 2.0, 0.01, selu_scale),
                           input_variance=(0.25, 9.0, 0.25, 4.0), layers=(5, 60, 5, 60))

# %% [markdown] id="04-6-self-normalisation-through-depth-text-3"
# A few settings, in numbers (input variance 4):

# %% id="04-6-self-normalisation-through-depth-code-6"
print(f"{'':28s}variance at layer   10          30          60")
for a, s in [(selu_alpha, selu_scale), (1.0, selu_scale), (selu_alpha, 1.2), (selu_alpha, 1.5)]:
    variance = depth_stats("selu", 4.0, a, s)[1]
    print(f"SELU, alpha {a:.4f}, lambda {s:.4f}: "
          + "".join(f"{variance[n - 1]:12.3f}" for n in (10, 30, 60)))

# %% [markdown] id="04-6-self-normalisation-through-depth-text-4"
# With $\lambda = 1.2$ the variance settles near 4 instead of 1; with $\lambda = 1.5$ it keeps
# growing, by a factor of more than 1000 over the last 50 layers; with $\alpha = 1$ it sinks
# far below 1 (0.02 by layer 60). Of these four pairs, only the published one holds the network
# at mean 0 *and* variance 1, and no other pair can: a fixed point at $(0, 1)$ needs both
# equations of section 5, and they have one solution (the mean is a straight line in $\alpha$,
# section 3, so it has one zero; $\lambda > 0$ then follows).

# %% [markdown] id="04-7-a-region-with-gradient-greater-than-1" tags=["deep-dive"]
# ## 7. "A region with gradient greater than 1"
#
# The article says SELU uses its gradient to adjust the variance, and "needs a region with a
# gradient greater than 1 to increase it". SELU's slope is $\lambda = 1.0507$ for $x > 0$ and
# $\lambda\alpha e^{x}$ for $x \le 0$, which is above 1 for $x > -\log(\lambda\alpha)$:

# %% id="04-7-a-region-with-gradient-greater-than-1-code"
x = np.array([-2.0, -1.0, -0.6, -0.5, -0.1, 0.5, 2.0])
print("x:        ", x)
print("SELU'(x): ", actlib.selu.derivative(x).round(4))
print(f"slope > 1 for x > -log(lambda alpha) = {-np.log(selu_scale * selu_alpha):.4f}")

# %% [markdown] id="04-7-a-region-with-gradient-greater-than-1-text"
# Why such a region is needed: with LeCun weights, the next layer's input variance is
# $\mathbb E[f(z)^2]$ for $z \sim \mathcal N(0, v)$. If $f(0) = 0$ and $|f'| \le 1$ everywhere,
# then $|f(z)| \le |z|$, so $\mathbb E[f(z)^2] \le v$: the variance can only shrink. The map
# below, computed with the `expect` helper, shows the next layer's variance against this
# layer's. Above the grey diagonal a layer increases the variance, below it decreases it.

# %% id="04-7-a-region-with-gradient-greater-than-1-code-2"
# extra code – the variance map v -> E[f(z)^2] for z ~ N(0, v)
v = np.geomspace(0.05, 10, 25)
fig, ax = plt.subplots(layout="constrained")
for name in ("selu", "relu", "tanh"):
    ax.loglog(v, [expect(actlib.get(name), 2, var=vi) for vi in v], color=plotting.color(name),
              label=name)
ax.loglog(v, v, color="0.6", linewidth=1, label="unchanged")
ax.plot(1, 1, "o", color="black")
ax.set(xlabel="variance into the layer", ylabel="variance into the next layer")
ax.legend(loc="upper left")
plt.show()

# %% id="04-7-a-region-with-gradient-greater-than-1-code-3"
for name in ("selu", "relu", "tanh"):
    ratios = [expect(actlib.get(name), 2, var=vi) / vi for vi in (0.01, 1.0, 4.0)]
    print(f"{name:4s} next variance / this variance at v = 0.01, 1, 4: " + "  ".join(f"{r:.3f}" for r in ratios))

# %% [markdown] id="04-7-a-region-with-gradient-greater-than-1-text-2"
# SELU nearly doubles a small variance (its slope near 0 is 1.05 on the right and 1.76 on the left),
# shrinks a large one, and crosses the diagonal at exactly 1: that crossing is the fixed point
# of section 6. tanh, whose slope never exceeds 1, stays below the diagonal: variance leaks away
# at every layer, as the depth plot showed. ReLU halves the variance with LeCun weights; He
# initialisation doubles the weights' variance to make up for it, so there the gain comes from
# the weights, not from the activation. The article's claim holds for SELU with LeCun weights.
#
# The article's other reason, that SELU "has both positive and negative values to shift the
# mean, which is impossible for ReLU", is what section 3 measured: ReLU's outputs are never
# negative, so its mean is positive.

# %% [markdown] id="04-8-does-selu-converge-faster" tags=["deep-dive"]
# ## 8. Does SELU converge faster?
#
# The article: "internal normalisation is faster than external normalisation, which means the
# network converges faster". That sentence makes two claims.
#
# - *Faster than external normalisation* compares SELU with batch normalisation, extra layers
#   that normalise from outside. The end of this section tests it.
# - *Converges faster* can be measured against other activations. Here is one small test: deep,
#   narrow networks (10 hidden layers of 32 units) on 400 of the 8×8 handwritten digits, plain
#   SGD for 10 epochs, three random seeds each. Each activation gets a standard initialisation:
#   SELU LeCun (the one its derivation assumes), ReLU He, tanh Xavier, and ELU He as well,
#   since it equals ReLU for $x > 0$.

# %% id="04-8-does-selu-converge-faster-code"
X_digits, y_digits = datasets.digits()
X_train, X_test, y_train, y_test = datasets.train_test_split(X_digits, y_digits, test_size=0.25, seed=0)
X_train, X_test = datasets.standardize(X_train, X_test)
X_val, y_val = X_train[400:800], y_train[400:800]  # for the comparison with batch normalisation
X_train, y_train = X_train[:400], y_train[:400]
TRAIN_INITS = {"selu": "lecun", "elu": "he", "relu": "he", "tanh": "xavier"}


@lru_cache(maxsize=None)
def train_deep(name, depth, lr, seed):
    """Train 64 -> depth x 32 -> 10 for 10 epochs; return the history."""
    net = nn.Network([64] + [32] * depth + [10], name, init=TRAIN_INITS[name], seed=seed)
    return nn.train(net, X_train, y_train, epochs=10, lr=lr, seed=seed,
                    validation=(X_test, y_test))


# %% id="04-8-does-selu-converge-faster-code-2"
# extra code – training loss and test accuracy per epoch, one line per seed
def draw_training(fig, depth, lr):
    loss_ax, acc_ax = fig.subplots(1, 2)
    for name in TRAIN_INITS:
        for seed in range(3):
            h = train_deep(name, depth, lr, seed)
            label = name if seed == 0 else None
            loss_ax.semilogy(h["epoch"], h["loss"], color=plotting.color(name), label=label)
            acc_ax.plot(h["epoch"], h["val_accuracy"], color=plotting.color(name), label=label)
    loss_ax.set(xlabel="epoch", ylabel="training loss", ylim=(3e-3, 4))
    acc_ax.set(xlabel="epoch", ylabel="test accuracy", ylim=(0, 1))
    acc_ax.legend(loc="lower right")


# %% id="04-8-does-selu-converge-faster-code-3"
widgets.interactive_figure(draw_training, continuous=False, depth=(2, 16, 2, 10),
                           lr=(0.01, 0.1, 0.01, 0.05))

# %% id="04-8-does-selu-converge-faster-code-4"
print(f"Chance level: log 10 = {np.log(10):.3f}. Training loss after 1 / 3 / 10 epochs (median of")
print("3 seeds), [lowest, highest] after 10 epochs, and the median test accuracy after 10.")
for depth, lr in [(10, 0.05), (2, 0.1)]:
    print(f"depth {depth}, learning rate {lr}:")
    for name in TRAIN_INITS:
        runs = [train_deep(name, depth, lr, seed) for seed in range(3)]
        loss = np.array([[h["loss"][e] for e in (1, 3, 10)] for h in runs])
        acc = np.median([h["val_accuracy"][-1] for h in runs])
        print(f"  {name:4s}  {' / '.join(f'{m:.3f}' for m in np.median(loss, axis=0))}  "
              f"[{loss[:, 2].min():.3f}, {loss[:, 2].max():.3f}]  test accuracy {acc:.3f}")

# %% [markdown] id="04-8-does-selu-converge-faster-text"
# What this shows, and no more. In the deep network SELU and ELU train far faster than ReLU
# and tanh, for every seed: the worst seed of either ends far below the best ReLU or tanh
# seed. Between the two there is no clear winner in training loss (SELU is ahead after one
# epoch, ELU after three, and after ten their ranges overlap), but SELU reaches the best test
# accuracy. ReLU starts slowest (after one epoch it is still close to the chance level
# $\log 10$); after 10 epochs its training loss is close to tanh's, but its test accuracy is
# lower by 7 points. In the shallow network (depth 2, learning rate 0.1) SELU and ELU are
# still ahead after one epoch, but after 10 their losses are close to ReLU's and all four reach
# nearly the same test accuracy: with few layers there is little to normalise. Move the
# sliders to see other depths and learning rates.
#
# So the article's "converges faster" held in this small test against ReLU and tanh, clearly
# so for a deep network; against ELU, SELU's training loss fell no faster. The article's
# other verdict, that ELU is "a strong alternative" to ReLU, held here too: in the deep network
# ELU's training loss after 10 epochs is more than ten times lower than ReLU's. One data set,
# one optimiser and one width are not a general verdict, and ReLU networks are normally
# trained with batch normalisation or an adaptive optimiser; the last part of this section
# adds batch normalisation.
#
# The article ends by saying SELU is "relatively new" (Klambauer et al. published it in 2017)
# and "needs more papers on architectures such as CNNs and RNNs". That is a remark about the
# research literature, not something a computation here can check.
# What the derivation of section 5 does show is where the guarantee comes from: it assumed
# fully connected layers with LeCun-normal weights and inputs of mean 0 and variance 1, so it
# says nothing by itself about other layer types.

# %% [markdown] id="04-8-selu-against-batch-normalisation"
# ### Internal against external normalisation
#
# *Batch normalisation* (Ioffe and Szegedy, 2015) standardises the input $z$ of every unit over
# the mini-batch, to mean 0 and variance 1, and then scales and shifts it by two numbers per unit
# that are learned, before the activation. That is the *external normalisation* of the article:
# extra operations in every layer, where SELU gets the same from its two constants. In
# `actlib.nn` it is `nn.Network(..., norm="batch")`; at prediction time it uses running averages
# of the batches' means and variances instead of the batch's own.
#
# The test: the same 10 hidden layers of 32 units, the same 400 training images, seeds 0, 1
# and 2, and the same training for every network, plain SGD with learning rate 0.05 (the value
# above), batches of 32, 15 epochs. Three networks:
#
# - **SELU** with LeCun's weights and no normalisation layers, as its derivation assumes;
# - **ReLU + batch normalisation** with He's weights, the usual pairing in practice;
# - **ELU + batch normalisation** with He's weights. SELU is ELU with other constants, so this
#   pair differs in *where the normalisation comes from* more than in the activation.
#
# The comparison above read the test images after every epoch. Here every measurement uses 400
# other training images as a validation set, and the test images score the networks once, at
# the end.
#
# What can "faster" mean? **Fewer epochs** to reach a given validation accuracy: every epoch is
# the same 13 steps through the same 400 images, whichever the network. Or **less time on the
# clock**. This notebook counts epochs, with `nn.epochs_to_target`, for the targets 0.8 and 0.9,
# and does not print times: the time per epoch depends on the machine, the library (NumPy here,
# a GPU library elsewhere) and what else is running, so no time or ratio printed here would hold
# on your machine, nor could a check in this notebook guarantee a bound on it. The epochs are the
# same on every machine.

# %% id="04-8-selu-against-batch-normalisation-code"
NORM_SETUPS = {"SELU, LeCun": ("selu", "lecun", None), "ReLU + BatchNorm, He": ("relu", "he", "batch"),
               "ELU + BatchNorm, He": ("elu", "he", "batch")}


@lru_cache(maxsize=None)
def train_norm(label, seed):
    """Train 64 -> 10 x 32 -> 10 for 15 epochs, SGD at 0.05; return the network and its history."""
    name, init, norm = NORM_SETUPS[label]
    net = nn.Network([64] + [32] * 10 + [10], name, init=init, norm=norm, seed=seed)
    history = nn.train(net, X_train, y_train, epochs=15, lr=0.05, batch_size=32, seed=seed,
                       validation=(X_val, y_val))
    return net, history


# %% id="04-8-selu-against-batch-normalisation-code-2"
print("Epochs to a validation accuracy of 0.8 and 0.9 (seeds 0, 1, 2; inf: not within 15 epochs),")
print("training loss after 5 epochs and validation accuracy after 15 (medians of the 3 seeds).")
for label in NORM_SETUPS:
    runs = [train_norm(label, seed)[1] for seed in range(3)]
    reach = [[nn.epochs_to_target(h["epoch"], h["val_accuracy"], t) for h in runs] for t in (0.8, 0.9)]
    loss = np.median([h["loss"][5] for h in runs])
    accuracy = np.median([h["val_accuracy"][-1] for h in runs])
    print(f"  {label:22s}" + "".join(f"  to {t}: {', '.join(f'{e:g}' for e in r):13s}"
                                     for t, r in zip((0.8, 0.9), reach))
          + f"  loss {loss:.3f}  accuracy {accuracy:.3f}")

# %% [markdown] id="04-8-selu-against-batch-normalisation-text"
# What this shows. SELU, with no normalisation layers, reached both targets in the fewest
# epochs: 0.8 after 2 or 3 epochs and 0.9 after 6 to 8, against 3 to 5 and 6 to 12 for ELU
# with batch normalisation. ReLU with batch normalisation reached 0.8 after 12 or 13 epochs in
# two seeds and not at all in the third, and 0.9 in none. So in epochs the claim held here
# against both. But most of the gap to ReLU + batch normalisation comes from the activation, not
# from where the normalisation comes from: ELU + batch normalisation, which differs from SELU
# mainly in that, is one epoch behind SELU in the median, and at 0.9 the seeds overlap (6 for
# both on one seed).
#
# What it does not show: anything about time on the clock (see above); other tasks, depths or
# widths (one task, 10 layers of 32 units); other training (one optimiser, batches of 32, whose
# statistics batch normalisation uses, and one learning rate, 0.05, the value of the plain
# networks above, while batch normalisation is often trained with larger ones, which this
# test does not try); or differences smaller than three seeds can separate.
#
# Last, the test images, once: the accuracy of the same networks after 15 epochs.

# %% id="04-8-selu-against-batch-normalisation-code-3"
print("Test accuracy after 15 epochs (median of seeds 0, 1, 2, and the lowest and highest):")
for label in NORM_SETUPS:
    accuracy = [np.mean(train_norm(label, seed)[0].predict(X_test) == y_test) for seed in range(3)]
    print(f"  {label:22s} {np.median(accuracy):.3f}  ({min(accuracy):.3f} to {max(accuracy):.3f})")

# %% [markdown] id="04-8-selu-against-batch-normalisation-text-2"
# The test set agrees with the validation set: SELU and ELU + batch normalisation end level
# (0.915 and 0.906, and their ranges overlap), ReLU + batch normalisation about ten points
# lower. Reaching a target sooner is not the same as ending better.

# %% [markdown] id="04-9-relu-elu-and-selu-side-by-side" tags=["deep-dive"]
# ## 9. ReLU, ELU and SELU side by side
#
# One slider $\alpha$ is shared by ELU and SELU; it starts at SELU's value. Set the scale to 1
# and the SELU curve lies on the ELU curve: SELU is ELU with a particular $\alpha$, stretched by
# $\lambda$.

# %% id="04-9-relu-elu-and-selu-side-by-side-code"
widgets.explore(["relu", "selu", "elu"], xlim=(-4, 3))

# %% [markdown] id="04-10-your-own-elu-layer" tags=["deep-dive"]
# ## 10. Your own ELU layer
#
# Notebook 03 wrote ReLU as a layer for `nn.Network`: an object whose `forward(z)` returns
# $h = f(z)$ and keeps what the backward pass needs, and whose `backward(dh)` turns
# $\partial L / \partial h$ into $\partial L / \partial z = $ `dh` $\cdot f'(z)$, element by
# element. ELU has a parameter, so its layer takes $\alpha$ when it is made: `ELULayer(alpha=0.5)`.
# A network needs a way to make one layer per hidden layer without arguments:
# `functools.partial(ELULayer, alpha=0.5)` is such a maker, and the class itself makes layers
# with the default $\alpha = 1$.
#
# ### Exercise 5 · `ELULayer`
# Write `forward` and `backward` (you may call your `elu` of exercise 1). The check compares
# backward with finite differences of ELU away from 0, for two values of $\alpha$, and at 0 with
# the formula's $x \le 0$ branch, $f'(0) = \alpha$.
#
# <!-- hints: elu_layer -->

# %% id="elu-layer-answer"
class ELULayer:
    """ELU as a layer: forward(z) gives elu(z, alpha), backward(dh) gives dL/dz."""

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def forward(self, z):
        ### BEGIN SOLUTION
        self.z = z
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))
        ### END SOLUTION

    def backward(self, dh):
        ### BEGIN SOLUTION
        return dh * np.where(self.z > 0, 1.0, self.alpha * np.exp(np.minimum(self.z, 0.0)))
        ### END SOLUTION


# %% id="elu-layer-check" tags=["check", "exercise-use-in-network"]
check("elu_layer", ELULayer)

# %% [markdown] id="04-10-your-own-elu-layer-text"
# Section 4 found that a network whose biases start at $-2$ learns nothing with ReLU and learns
# with ELU. Train it again with your layer (`adopt` hands on actlib's if yours does not pass
# yet, and says so), once with $\alpha = 1$ and once with $\alpha = 0.3$, beside ReLU.

# %% id="04-10-your-own-elu-layer-code"
layer = adopt("elu_layer", ELULayer)
name = "your ELULayer" if layer is ELULayer else "actlib's ELULayer"
X_two, y_two = datasets.moons(n=300, noise=0.2, seed=0)
X_two = datasets.standardize(X_two)
curves = {}
for label, activation in (("relu", "relu"), (f"{name}, α = 1", layer),
                          (f"{name}, α = 0.3", partial(layer, alpha=0.3))):
    net = nn.Network([2, 32, 32, 32, 2], activation, init="he", bias=-2.0, seed=0)
    history = nn.train(net, X_two, y_two, epochs=40, lr=0.02, seed=0)
    curves[label] = history["loss"][1:]  # epochs 1 to 40
    print(f"{label:28s} loss {history['loss'][0]:.3f} -> {history['loss'][-1]:.3f}, "
          f"accuracy {history['accuracy'][-1]:.2f}")

# %% id="04-10-your-own-elu-layer-code-2"
# extra code – the learning curves (ReLU dashed: it runs under the α = 0.3 curve)
fig = plotting.plot_curves(curves, ylabel="training loss")
fig.axes[0].lines[0].set(linestyle="--", zorder=3)
plt.show()

# %% [markdown] id="04-10-your-own-elu-layer-text-2"
# With $\alpha = 1$ the network learns where ReLU stays at $\log 2 \approx 0.693$, the loss of
# a coin toss. With $\alpha = 0.3$ it barely moves: on the negative side ELU's slope is
# $\alpha e^{z}$, so a smaller $\alpha$ passes less gradient through the silent units, and
# $\alpha \to 0$ is ReLU again.

# %% [markdown] id="04-11-experiment" tags=["deep-dive"]
# ## 11. An open experiment: a fixed point at another variance
#
# **Question:** is variance 1 special? With your `selu_constants(variance)` of exercise 3 you
# can put SELU's fixed point at another variance $v$. Does a deep random network with LeCun
# weights then settle at $v$, whatever the variance of its input? What changes with $v$, and
# why would one still choose 1?
#
# The template takes the constants for $v = 0.25$ and $v = 4$ (yours if they pass the check,
# else actlib's), feeds inputs of variance 0.25 and 4 through 30 SELU layers of 100 units, and
# prints the variance at a few layers. Try other $v$ or inputs, then answer below in a few
# sentences.
#
# *What a good answer does:*
# 1. reads the table: where the variance ends (layers 20 and 30) for each $v$ and each input;
# 2. says whether the fixed point attracts from above and from below, and how fast;
# 3. says what changes with $v$ ($\alpha$, $\lambda$) and what does not, and why 1 is the usual
#    choice;
# 4. names a limit of the evidence (one random network per row, 100 units: the variance wobbles
#    by a few percent from layer to layer; no training).

# %% id="04-11-experiment-code"
constants = adopt("selu_constants", selu_constants)
layers = [1, 5, 10, 20, 30]
print(f"{'':46s}variance at layer" + "".join(f"{n:>7d}" for n in layers))
for v in (0.25, 4.0):
    alpha, scale = constants(v)
    for input_variance in (0.25, 4.0):
        stats = nn.depth_statistics(("selu", {"alpha": alpha, "scale": scale}), depth=30, width=100,
                                    init="lecun", n=300, input_std=np.sqrt(input_variance))
        variance = stats["std"][np.array(layers) - 1] ** 2
        print(f"v = {v:4}: alpha {alpha:.4f}, scale {scale:.4f}; input variance {input_variance:4}:"
              + "".join(f"{x:7.3f}" for x in variance))

# %% [markdown] id="04-11-experiment-answer" tags=["exercise-experiment"]
# **Your answer.**
#
# <!-- BEGIN SOLUTION -->
# Variance 1 is not special to the mechanism. With the constants for $v = 0.25$ ($\alpha =
# 1.3264$, $\lambda = 1.0321$) the network settles near 0.25 from both sides: an input of
# variance 4 is down to 0.384 at layer 10 and 0.26 by layers 20 and 30, and an input at 0.25
# stays between 0.23 and 0.26. With the constants for $v = 4$ ($\alpha = 2.4040$, $\lambda =
# 1.0702$) an input of variance 0.25 climbs to 3.5 at layer 10 and about 4.1 by layer 20, and an
# input at 4 stays between 3.87 and 4.17. So the fixed point attracts from above and from below
# and is reached within about 20 layers, as for $v = 1$. What changes with $v$ is $\alpha$: 1.33,
# 1.67 and 2.40 for $v$ = 0.25, 1 and 4, because wider inputs need a deeper negative side to keep
# the mean at 0; $\lambda$ barely moves (1.03 to 1.07). One still chooses 1 because
# standardised inputs have variance 1, so the first layer already starts at the fixed point,
# and LeCun's weights are built around unit variance. The evidence is one random network per
# row, 100 units wide and untrained: the variance wobbles by a few percent from layer to layer
# (4.02 at layer 20, 4.17 at layer 30 for the same network), so 4.1 against 4.0 is noise.
# <!-- END SOLUTION -->

# %% [markdown] id="04-check-your-understanding"
# ## Check your understanding
#
# 1. What does ELU(x) approach as $x \to -\infty$, and how fast?
#    <details><summary>Answer</summary>−α, exponentially: the gap is αe^x, 0.7% of α at
#    x = −5 (section 1).</details>
# 2. For which α is ELU's derivative continuous at 0? Is SELU's?
#    <details><summary>Answer</summary>Only α = 1. SELU's is not: its slope jumps from
#    λα ≈ 1.76 to λ ≈ 1.05 (section 2).</details>
# 3. Why can a ReLU layer never have a mean output of zero (unless it outputs only zeros)?
#    <details><summary>Answer</summary>Its outputs are all ≥ 0; a mean of numbers ≥ 0 is 0
#    only if every one is 0. For z ~ N(0, 1) it is 0.40; ELU with α = 1 gives 0.16, and
#    α = 1.6733 gives 0 (section 3).</details>
# 4. A SELU network with LeCun-normal weights gets inputs with variance 0.25. Does it keep
#    that variance?
#    <details><summary>Answer</summary>No: the variance grows towards 1 (about 0.8 at layer 10,
#    about 1 by layer 30 in section 6), because the fixed point attracts it. A ReLU network
#    with He weights would keep the input's scale.</details>

# %% [markdown] id="04-summary"
# ## Summary
#
# | | ReLU | ELU | SELU |
# |---|---|---|---|
# | formula, $x \le 0$ | $0$ | $\alpha(e^{x} - 1)$ | $\lambda\alpha(e^{x} - 1)$ |
# | range | $[0, \infty)$ | $(-\alpha, \infty)$ | $(-\lambda\alpha, \infty) \approx (-1.758, \infty)$ |
# | slope left / right of 0 | 0 / 1 | α / 1 (continuous for α = 1) | 1.758 / 1.051 |
# | mean output, $z \sim \mathcal N(0,1)$ | 0.40 | 0.16 (α = 1) | 0 |
# | deep network, mean and variance | mean > 0, variance drifts (He) | not measured here | pulled to (0, 1) (LeCun) |
# | gradient for $x < 0$ | 0: units can die | $\alpha e^{x}$: small but never 0 | $\lambda\alpha e^{x}$ |
# | training loss after 10 epochs, 10-layer digits network (median of 3 seeds, section 8) | 0.59 | 0.04 | 0.04 |
# | epochs to 0.9 validation accuracy, the same network (section 8) | with batch normalisation: not within 15 | with batch normalisation: 6 to 12 | no normalisation layers: 6 to 8 |
#
# The article is right that ELU lowers the mean and keeps negative inputs alive; its negative
# branch is exponential, not logarithmic. SELU does not preserve each layer's statistics; it
# drives them to mean 0 and variance 1, using constants that follow from two equations.
