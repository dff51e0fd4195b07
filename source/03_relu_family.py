# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: The ReLU family
#     goals: "why ReLU does not vanish, dying ReLU counted over training, Leaky ReLU, PReLU
#       learning its slope, He initialisation"
#     remember:
#       - 'ReLU''s slope is 1 for x > 0, so with He''s weights gradients keep their size through depth.'
#       - 'A unit whose input is negative for every example is dead; with plain SGD a dead first-layer unit stays dead.'
#       - 'Leaky ReLU and PReLU keep a nonzero slope for x < 0, so no unit gets exactly zero gradient; PReLU learns that slope.'
# ---

# %% [markdown] id="03-title"
# # 03 · The ReLU family: ReLU, Leaky ReLU and PReLU
#
# A straight line for positive inputs, zero for negative ones: about the simplest nonlinear
# function there is. With the right weight scale it keeps gradients alive through many layers,
# where the sigmoid loses them, and it brings a problem of its own, dead units, which its two
# cousins were invented to cure.
#
# **You will learn to**
# - show that ReLU's derivative does not shrink gradients the way the sigmoid's does, and say
#   how ReLU's gradients can still vanish;
# - work out how the weight scale makes a deep ReLU network's signals vanish or explode, and
#   initialise it so that they do neither (He initialisation);
# - predict, then watch, ReLU units die during training, count them, and see why Leaky ReLU and
#   PReLU cannot die.
#
# The deep dives time ReLU against the sigmoid, check He's weight scale, test whether ReLU
# "always" wins, let PReLU learn its slope, and ask whether Leaky ReLU and PReLU units die. In
# the last two you write your own ReLU layer and train with it, and run an open experiment.
#
# *About 50 minutes, plus 55 minutes of optional deep dives.
# Nine exercises: a prediction, a derivation, six to write (each checked as you run the cell
# below it) and an open experiment.*

# %% [markdown] id="03-setup"
# ## Setup
# Run this cell first. It imports NumPy, Matplotlib and the series' helper package `actlib`.
# Every cell that draws random numbers seeds its own generator, so you see the same numbers as
# everyone else, however often and in whatever order you run the cells.

# %% id="03-setup-code"
import sys
import timeit
import warnings

import matplotlib.pyplot as plt
import numpy as np

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.exercises import adopt, check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")  # the series' look, also for plain Matplotlib figures
X_moons, y_moons = datasets.moons(n=300, noise=0.2, seed=0)  # the data set used throughout

# %% [markdown] id="03-1-relu"
# ## 1. ReLU
#
# The **rectified linear unit** ([Nair & Hinton, 2010](#ref-nair2010)) passes positive inputs
# unchanged and replaces negative ones by 0:
#
# $$f(x) = \max(0, x) \qquad f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}$$
#
# At $x = 0$ the derivative does not exist (the graph has a corner); code has to pick a value,
# and `actlib` picks 0:

# %% id="03-1-relu-code"
x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
print("x:      ", x)
print("relu:   ", actlib.relu(x))
print("relu':  ", actlib.relu.derivative(x))

# %% [markdown] id="03-1-relu-text"
# Beside the sigmoid of notebook 01 the difference is plain: the sigmoid's slope is at most 1/4
# and fades on both sides; ReLU's slope is exactly 1 for every positive input, however large,
# and exactly 0 for every negative one.

# %% id="03-1-relu-code-2"
# extra code – ReLU and the sigmoid, with their derivatives
fig = plotting.plot_activations(["sigmoid", "relu"], derivative=True, xlim=(-4, 4))

# %% [markdown] id="03-exercise-1-relu"
# ### Exercise 1 · `relu`
# Write `relu(x)`: $\max(0, x)$ for every element of a number or an array of any shape.
#
# <!-- hints: relu -->

# %% id="relu-answer"
def relu(x):
    """Return max(0, x) elementwise."""
    ### BEGIN SOLUTION
    return np.maximum(x, 0.0)
    ### END SOLUTION


# %% id="relu-check" tags=["check"]
check("relu", relu)

# %% [markdown] id="03-exercise-2-relu-derivative"
# ### Exercise 2 · `relu_derivative`
# Write `relu_derivative(x)`: 1.0 where `x > 0`, and 0.0 elsewhere (including at 0, the
# convention above).
#
# <!-- hints: relu_derivative -->

# %% id="relu-derivative-answer"
def relu_derivative(x):
    """Return the derivative of ReLU elementwise (0 at x = 0)."""
    ### BEGIN SOLUTION
    return (np.asarray(x) > 0).astype(float)
    ### END SOLUTION


# %% id="relu-derivative-check" tags=["check"]
check("relu_derivative", relu_derivative)

# %% [markdown] id="03-2-cheap-to-compute" tags=["deep-dive"]
# ## 2. Cheap to compute
#
# The article calls ReLU the most widely used activation in deep learning (a fact about
# practice, which no computation here can check) and says it "improves the overall speed of
# computation because it computes no exponentials or divisions". ReLU does one
# comparison per value; the sigmoid's formula an exponential, an addition and a division. Let us
# time both on a million values, the bare NumPy operations as well as `actlib`'s functions
# (which also guard against overflow and NaN), and then one epoch of training a small network
# with each. The
# network learns the *moons*, two interleaved half circles of 300 points, which this notebook
# uses throughout.

# %% id="03-2-cheap-to-compute-code"
million = np.random.default_rng(42).normal(0, 1, 10**6)


def seconds(fn):
    """Best of 3 timings of fn(), in seconds."""
    return min(timeit.repeat(fn, number=3, repeat=3)) / 3


def epoch_seconds(activation):
    """Time of one training epoch of a 2-32-32-2 network on the moons."""
    net = nn.Network([2, 32, 32, 2], activation, seed=0)
    return seconds(lambda: nn.train(net, X_moons, y_moons, epochs=1, lr=0.1))


# %% id="03-2-cheap-to-compute-code-2"
# NBVAL_IGNORE_OUTPUT
# (timings vary from run to run and from machine to machine)
for label, fn in [("np.maximum(x, 0)", lambda: np.maximum(million, 0.0)),
                  ("np.exp(x)", lambda: np.exp(million)),
                  ("1 / (1 + np.exp(-x))", lambda: 1 / (1 + np.exp(-million))),
                  ("actlib.relu(x)", lambda: actlib.relu(million)),
                  ("actlib.sigmoid(x)", lambda: actlib.sigmoid(million))]:
    print(f"{label:22s} {1000 * seconds(fn):6.1f} ms")
print(f"a training epoch with sigmoid takes about "
      f"{epoch_seconds('sigmoid') / epoch_seconds('relu'):.1f} times as long as with ReLU")

# %% [markdown] id="03-2-cheap-to-compute-text"
# The times change from run to run and from machine to machine (the tests do not compare this
# cell's output), but the pattern does not. ReLU is the cheapest. Compare `np.exp` alone with
# `np.maximum`, though: on the machine that built this notebook the exponential was no slower
# than the comparison, so it is not what makes the sigmoid slow. In NumPy each operation is a
# pass over the array that writes a new array of a million values, and the formula makes four
# (negate, exponentiate, add, divide); `actlib`'s stable sigmoid pays for its extra care on
# top. (On a GPU, where a framework fuses such a formula into one pass, the gap is smaller
# again; that is not measured here.) A whole training epoch differs much less than the functions do, because every layer
# also multiplies matrices and the program does other work around them. So ReLU is cheaper,
# for reasons the article half-names, but that is not why it replaced the sigmoid. The speed-up
# that counted was in epochs: a four-layer convolutional network with ReLU reached 25%
# training error on CIFAR-10 six times faster than the same network with tanh
# ([Krizhevsky et al., 2012](#ref-krizhevsky2012), the AlexNet paper). The next section shows
# why.

# %% [markdown] id="03-3-no-vanishing-gradient-for"
# ## 3. No vanishing gradient for $x > 0$
#
# The article says ReLU "also faces a vanishing gradient problem similar to the sigmoid".
# **Not similar, and not absent either.** Recall notebook 01: backpropagation carries the
# gradient back along *paths*, chains of one unit per layer, and multiplies one derivative
# (and one weight) per layer along each; a weight's gradient is the sum over all the paths
# that reach it. The sigmoid's derivative is at most 1/4, so it alone shrinks every path
# through $N$ layers by at least $4^N$. ReLU's derivative is exactly 1 or exactly 0: it never
# shrinks a path, it only cuts some. In that sense the claim is wrong. But the weights are
# factors too: with the wrong weight scale a ReLU network's gradients still vanish or explode
# (section 4), and a unit whose input is negative on every example gets no gradient at all
# (section 6).
#
# First the derivatives alone: 1000 random paths through 30 layers, as in notebook 01.

# %% id="03-3-no-vanishing-gradient-for-code" tags=["tiny-values"]
z = np.random.default_rng(3).normal(0, 1, size=(1000, 30))  # one row per path, one column per layer
sigmoid_paths = np.cumprod(actlib.sigmoid.derivative(z), axis=1)
relu_paths = np.cumprod(actlib.relu.derivative(z), axis=1)
print("every value a ReLU product takes:", np.unique(relu_paths))
for n in (1, 5, 10, 30):
    print(f"N = {n:2d}:  sigmoid, largest product {sigmoid_paths[:, n - 1].max():.1e}   "
          f"ReLU, paths still open {relu_paths[:, n - 1].mean():6.1%} (each carrying exactly 1)")

# %% [markdown] id="03-3-no-vanishing-gradient-for-text"
# No sigmoid path keeps even $10^{-19}$ of its gradient through 30 layers. A ReLU path is
# either fully open or cut, and half of them are cut at each layer. A network, though, has a
# huge number of paths (with 64 units per layer, $64^{30}$ of them through 30 layers), and the
# gradient is their sum: with the right weight scale (section 4), the open ones add up to a
# gradient of the same size at every layer. Here is the gradient norm of every layer of a 30-layer network of width 64,
# ReLU with He initialisation (section 4) and sigmoid with Xavier initialisation,
# $\operatorname{std}(w) = \sqrt{2 / (\text{fan\_in} + \text{fan\_out})}$, the usual choice
# for it, on a batch of 100 random inputs:

# %% id="03-3-no-vanishing-gradient-for-code-2" tags=["tiny-values"]
deep = dict(depth=30, width=64, n=100)
relu_stats = nn.depth_statistics("relu", init="he", **deep)
sigmoid_stats = nn.depth_statistics("sigmoid", init="xavier", **deep)
for name, stats in [("relu", relu_stats), ("sigmoid", sigmoid_stats)]:
    g = stats["grad_norm"]
    print(f"{name:8s} gradient norm: layer 1 {g[0]:.1e}, layer 30 {g[-1]:.1e}, ratio {g[0] / g[-1]:.0e}")

# %% id="03-3-no-vanishing-gradient-for-code-3"
# extra code – the gradient norm of every layer
fig = plotting.plot_depth({"relu": relu_stats["grad_norm"], "sigmoid": sigmoid_stats["grad_norm"]},
                          ylabel="norm of dL/dW", logy=True)

# %% [markdown] id="03-3-no-vanishing-gradient-for-text-2"
# The first sigmoid layer gets about $10^{-18}$ of the last one's gradient; the ReLU layers'
# gradients stay within a factor of 2 of each other, from the first layer to the last, with the
# right weight scale: the next section.

# %% [markdown] id="03-4-he-initialisation-the-right-weight"
# ## 4. He initialisation: the right weight scale for ReLU
#
# **He initialisation** ([He et al., 2015](#ref-he2015)) draws each weight with mean 0 and
#
# $$\operatorname{std}(w) = \sqrt{2 / \text{fan\_in}},$$
#
# the scale at which a ReLU layer passes on its input's variance unchanged: ReLU sets about half
# of its outputs to 0, which halves the mean square of what the next layer adds up, and doubling
# the weights' variance makes up for it. Activations and gradients then keep their size through
# depth. LeCun's $\sqrt{1 / \text{fan\_in}}$,
# right for activations that keep the whole variance, is too small for ReLU: through 30 layers
# the activations and the gradients shrink by orders of magnitude, and a larger scale makes
# them blow up. `nn.Network(..., init="he")` does it for you.

# %% [markdown] id="03-exercise-3-relu-std-factor"
# ### Exercise 3 · `relu_std_factor` (derive it first)
# How many orders of magnitude? A unit's input $z = \sum_i w_i h_i$, with weights of mean 0
# drawn independently of the inputs $h_i$, has variance
#
# $$\operatorname{Var}(z) = \text{fan\_in} \cdot \operatorname{Var}(w) \cdot \mathbb E[h^2].$$
#
# With $\operatorname{std}(w) = \sqrt{c / \text{fan\_in}}$ ($c = 2$: He, $c = 1$: LeCun) and
# ReLU units whose inputs are symmetric about 0, by what factor does the standard deviation of
# $z$ change per layer, and over `layers` layers? Derive it on paper, then write
# `relu_std_factor(c, layers)` returning that factor (layer 1 to layer 30 is 29 layers). The
# deep dive below checks it against a simulated network.
#
# <!-- hints: relu_std_factor -->

# %% id="relu-std-factor-answer"
def relu_std_factor(c, layers):
    """Return the factor by which std(z) changes over `layers` ReLU layers with std(w) = sqrt(c / fan_in)."""
    ### BEGIN SOLUTION
    return (c / 2.0) ** (layers / 2.0)
    ### END SOLUTION


# %% id="relu-std-factor-check" tags=["check", "exercise-derive"]
check("relu_std_factor", relu_std_factor)

# %% [markdown] id="03-4-where-he-initialisation-comes-from" tags=["deep-dive"]
# ### Where $\sqrt{2 / \text{fan\_in}}$ comes from
#
# A unit adds up `fan_in` inputs $h_i$, each times a weight $w_i$ of mean 0:
# $\operatorname{Var}(z) = \text{fan\_in} \cdot \operatorname{Var}(w) \cdot E[h^2]$. With ReLU,
# $h = \max(0, z_{\text{before}})$ keeps half of a symmetric distribution, so
# $E[h^2] = \tfrac12 \operatorname{Var}(z_{\text{before}})$. Checked on a million samples:

# %% id="03-4-he-initialisation-the-right-weight-code"
rng = np.random.default_rng(43)
for std in (0.5, 1.0, 3.0):
    z = rng.normal(0, std, 10**6)
    print(f"Var(z) = {std ** 2:4.2f}:  E[relu(z)^2] = {np.mean(actlib.relu(z) ** 2):.4f}")

# %% [markdown] id="03-4-he-initialisation-the-right-weight-text"
# So the variance is kept from layer to layer exactly when $\text{fan\_in} \cdot
# \operatorname{Var}(w) \cdot \tfrac12 = 1$, that is
#
# $$\operatorname{std}(w) = \sqrt{2 / \text{fan\_in}}$$
#
# This is **He initialisation** ([He et al., 2015](#ref-he2015)). With
# $\operatorname{std}(w) = \sqrt{c / \text{fan\_in}}$ instead, the variance is multiplied by
# $c/2$ at every layer, so the std by $\sqrt{c/2}$: after 29 more layers, by
# $(c/2)^{29/2}$. $c = 1$ is LeCun's initialisation, right for activations that keep the
# whole variance; for ReLU it is too small. The same 30-layer ReLU network as above:

# %% id="03-4-he-initialisation-the-right-weight-code-2"
for c in (1.0, 2.0, 3.0):
    stats = nn.depth_statistics("relu", init="normal", std=np.sqrt(c / deep["width"]), **deep)
    g = stats["grad_norm"]
    print(f"c = {c}:  std of the activations in layer 1 {stats['std'][0]:.2f}, in layer 30 "
          f"{stats['std'][-1]:.1e}  (predicted {stats['std'][0] * (c / 2) ** 14.5:.1e})\n"
          f"         gradient norm in layer 1 {g[0]:.1e}, in layer 30 {g[-1]:.1e}")

# %% [markdown] id="03-4-he-initialisation-the-right-weight-text-2"
# The prediction ignores the randomness of a finite layer, and still gets the size right:
# below $c = 2$ the activations shrink exponentially with depth, above it they blow up. The
# gradients follow, in every layer at once: with $c = 1$ they are about $10^4$ times smaller
# than with He initialisation, with $c = 3$ several hundred times larger. That is the sense
# in which ReLU networks do have a vanishing (or exploding) gradient problem: not through
# $f'$, through the weight scale. Move the slider to watch both (the axes stay fixed):

# %% id="03-4-he-initialisation-the-right-weight-code-3"
def draw_init(fig, c):
    """Activation std and gradient norm per layer of a 30-layer ReLU network."""
    stats = nn.depth_statistics("relu", init="normal", std=np.sqrt(c / deep["width"]), **deep)
    for ax, key, label in zip(fig.subplots(1, 2), ("std", "grad_norm"),
                              ("std of the activations", "norm of dL/dW")):
        ax.semilogy(stats["layer"], stats[key], "o-", color=plotting.color("relu"))
        ax.set(xlabel="layer", ylabel=label, ylim=(1e-6, 1e5))  # fixed: compare positions
    fig.suptitle(f"std(w) = sqrt({c:.1f} / {deep['width']}) = {np.sqrt(c / deep['width']):.3f}")


widgets.interactive_figure(draw_init, continuous=False, c=(1.0, 3.0, 0.1, 2.0))

# %% [markdown] id="03-5-does-relu-always-outperform-the" tags=["deep-dive"]
# ## 5. Does ReLU "always outperform the sigmoid"?
#
# The article says ReLU is easy to optimise, "so in practice it always outperforms the sigmoid
# function". Experiments cannot prove "always", but one counterexample refutes it. Two small
# tasks, three training runs each (different random starts), same learning rate for both
# activations, accuracy on held-out validation points (a comparison is a choice, so it is made on
# validation data; this notebook keeps no test set, because it picks no final model):

# %% id="03-5-does-relu-always-outperform-the-code"
def val_accuracy(activation, data, sizes, lr, epochs, seed):
    """Train on 75% of data; return the accuracy on the other 25% and the final dead fraction."""
    X_train, X_val, y_train, y_val = datasets.train_test_split(*data, seed=0)
    init = "he" if activation == "relu" else "xavier"
    net = nn.Network(sizes, activation, init=init, seed=seed)
    history = nn.train(net, X_train, y_train, epochs=epochs, lr=lr, seed=seed)
    return np.mean(net.predict(X_val) == y_val), np.mean(history["dead_fraction"][-1])


# %% id="03-5-does-relu-always-outperform-the-code-2"
tasks = {"moons, 2-32-32-2, lr 0.3, 30 epochs": ((X_moons, y_moons), [2, 32, 32, 2], 0.3, 30),
         "xor,   2-4-2,     lr 2.0, 60 epochs": (datasets.xor(n=300, seed=0), [2, 4, 2], 2.0, 60)}
for task, (data, sizes, lr, epochs) in tasks.items():
    relu_runs = np.array([val_accuracy("relu", data, sizes, lr, epochs, s) for s in range(3)])
    sigmoid_runs = np.array([val_accuracy("sigmoid", data, sizes, lr, epochs, s) for s in range(3)])
    print(f"{task}\n  validation accuracy, relu:    {relu_runs[:, 0].round(2)}"
          f"\n  validation accuracy, sigmoid: {sigmoid_runs[:, 0].round(2)}"
          f"\n  sigmoid better in {np.sum(sigmoid_runs[:, 0] > relu_runs[:, 0])} of 3 runs; "
          f"dead ReLU units at the end: {relu_runs[:, 1].mean():.0%} on average")

# %% [markdown] id="03-5-does-relu-always-outperform-the-text"
# On the moons ReLU wins every run, by a wide margin: in the same 30 epochs the sigmoid
# network learns much less (notebook 01 showed why: its gradients are at most a quarter as
# large, and shrink with every layer). On the tiny XOR network with a large learning rate it
# is the other way round, and the last line says why: most of the ReLU units ended up dead.
# "Usually, for hidden layers" is fair; "always" is not.

# %% [markdown] id="03-6-the-dying-relu-problem"
# ## 6. The dying ReLU problem
#
# The article: "the negative side of the graph makes the gradient value zero. For this reason,
# during backpropagation the weights and biases of some neurons are not updated. This creates
# dead neurons that are never activated."
#
# A unit is **dead** when its input $z$ is $\le 0$ for every training example: then $f'(z) = 0$
# everywhere, its weights get exactly zero gradient, and its output is 0 whatever the input.
# `nn.train` counts the dead units of every layer after each epoch. The network, 2-32-32-2,
# learns the *moons* (`X_moons` from the setup cell), two interleaved half circles of 300
# points. A large learning rate kills them: one big step can push a unit's bias and weights to
# where no example reaches it.
#
# **Predict first**, then run the cell after the next one: it puts the result beside your
# prediction. (This network usually trains at learning rate 0.1 to 0.3.)

# %% id="03-6-predict-dead"
predict("relu-dead-units")

# %% id="03-6-the-dying-relu-problem-code" tags=["reveal", "exercise-predict"]
dead = {}  # learning rate -> dead fraction, one row per epoch, one column per layer
for lr in (0.3, 2.0, 3.0):
    net = nn.Network([2, 32, 32, 2], "relu", init="he", seed=0)
    history = nn.train(net, X_moons, y_moons, epochs=30, lr=lr, seed=0)
    dead[lr] = np.asarray(history["dead_fraction"])
    print(f"lr {lr}:  dead in layer 1 {dead[lr][[0, 1, 5, 30], 0].round(2)}, "
          f"layer 2 {dead[lr][[0, 1, 5, 30], 1].round(2)} (epochs 0, 1, 5, 30);  "
          f"accuracy {history['accuracy'][-1]:.2f}")
share = dead[3.0][-1, 1]  # layer 2, epoch 30, learning rate 3
observed = "none" if share == 0 else "few" if share < 0.25 else "half" if share <= 0.75 else "most"
reveal("relu-dead-units", observed, evidence=f"at learning rate 3, {share * 32:.0f} of the 32 units "
       f"of layer 2, {share:.0%}, are dead after 30 epochs")

# %% [markdown] id="03-6-the-dying-relu-problem-text"
# With learning rate 3, more than a third of the first layer and nearly all of the second die
# within a few epochs, and the network is stuck at 50% accuracy: a coin toss. Most of the
# dying happens in the very first epoch. With 0.3 no unit of layer 1 dies, and a few units of layer 2, dead from
# the start, cost nothing. With 2, more than half of layer 2 dies and the accuracy is still
# 0.97: this network has more units than the moons need.
#
# Are dead units "never activated" again? In the first layer, with the plain SGD used here, yes:
# its inputs are the data, which do not change, and its weights get zero gradient, so nothing can
# revive it. A unit of a deeper layer can come back, because the layer before it keeps learning
# and its inputs change. The deep dive below counts both.

# %% [markdown] id="03-dead-units-and-momentum" tags=["deep-dive"]
# ### Dead units and momentum
#
# First the count behind the last paragraph, over every epoch of the three runs above:

# %% id="03-6-the-dying-relu-problem-code-2"
for lr, fractions in dead.items():
    went_down = np.sum(np.diff(fractions, axis=0) < 0, axis=0)  # per layer
    print(f"lr {lr}: the dead fraction went down in {went_down[0]} of 30 epochs in layer 1, "
          f"in {went_down[1]} in layer 2")

# %% [markdown] id="03-dead-units-and-momentum-text-0"
# "For good" depends on the optimiser. Plain SGD moves a weight only by its gradient, so a dead
# unit's weights are frozen. With **momentum**, each step also carries a share (here 0.9) of the
# previous step, so the weights of a unit that has just died coast on for a while before they
# stop; in principle they could coast back to where some example reaches the unit. Measured:
# the first layer's dead units after epoch 5, and what happens to them by epoch 30.

# %% id="03-dead-units-and-momentum-code"
for lr, momentum in ((3.0, 0.0), (0.3, 0.9)):
    net = nn.Network([2, 32, 32, 2], "relu", init="he", seed=0)
    history = nn.train(net, X_moons, y_moons, epochs=5, lr=lr, momentum=momentum, seed=0)
    first = net.layers[0]
    dead_units = np.flatnonzero(np.all(X_moons @ first.W + first.b <= 0, axis=0))
    W_before = first.W[:, dead_units].copy()
    nn.train(net, X_moons, y_moons, epochs=25, lr=lr, momentum=momentum, seed=0, history=history)
    moved = np.abs(first.W[:, dead_units] - W_before).max(initial=0.0)
    revived = ~np.all(X_moons @ first.W[:, dead_units] + first.b[dead_units] <= 0, axis=0)
    print(f"lr {lr}, momentum {momentum}: dead units in layer 1 after epoch 5: {len(dead_units)}; "
          f"by epoch 30 their weights moved by up to {moved:.2g}, and {revived.sum()} came back")

# %% [markdown] id="03-dead-units-and-momentum-text"
# With plain SGD the dead units' weights did not move at all. With momentum the dead unit's
# weights still moved after it died, a little, and it did not come back in this run. So "never
# activated again" is exact for the first layer under plain SGD, and a strong tendency, not a
# law, under optimisers that carry momentum.

# %% [markdown] id="03-exercise-3-dead-fraction"
# ### Exercise 4 · `dead_fraction`
# Write `dead_fraction(pre)`. `pre` holds the pre-activations $z$ of one ReLU layer: one row
# per example, one column per unit. Return the fraction of units that are dead (their column is
# $\le 0$ in every row), as a float.
#
# <!-- hints: dead_fraction -->

# %% id="dead-fraction-answer"
def dead_fraction(pre):
    """Return the fraction of columns (units) of pre that are <= 0 in every row."""
    ### BEGIN SOLUTION
    return float(np.mean(np.all(np.asarray(pre) <= 0, axis=0)))
    ### END SOLUTION


# %% id="dead-fraction-check" tags=["check"]
check("dead_fraction", dead_fraction)

# %% [markdown] id="03-7-leaky-relu"
# ## 7. Leaky ReLU
#
# The article: Leaky ReLU has "a small positive slope in the negative region", so "the gradient
# on the left side of the graph becomes non-zero" and "we no longer encounter dead neurons".
#
# $$f(x) = \begin{cases} x & x > 0 \\ \lambda x & x \le 0 \end{cases} \qquad
#   f'(x) = \begin{cases} 1 & x > 0 \\ \lambda & x \le 0 \end{cases}$$
#
# The usual $\lambda$ (`negative_slope`) is 0.01, the value of the paper that introduced Leaky
# ReLU ([Maas et al., 2013](#ref-maas2013)). With $\lambda = 0$ it is ReLU again, and
# with $\lambda = 1$ it is the identity, $f(x) = x$: no activation at all.

# %% id="03-7-leaky-relu-code"
widgets.explore(["relu", "leaky_relu"], xlim=(-3, 3), negative_slope=0.1)

# %% [markdown] id="03-exercise-4-leaky-relu"
# The claim holds by construction: $f'(x) \ge \lambda > 0$ everywhere, so no input makes the
# gradient zero and no unit can be dead in the sense above. What it does not promise is that a
# unit in the negative region learns fast: its gradient is multiplied by $\lambda$, 1% of what
# a positive input would pass. Section 9 trains all three on the same runs.
#
# ### Exercise 5 · `leaky_relu`
# Write `leaky_relu(x, negative_slope=0.01)`. Make it right for every slope $\lambda \ge 0$, one
# above 1 included: nobody would train with $\lambda = 2$, but it is a well-defined function, and
# the check tries it.
#
# <!-- hints: leaky_relu -->

# %% id="leaky-relu-answer"
def leaky_relu(x, negative_slope=0.01):
    """Return x where x > 0 and negative_slope * x elsewhere."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return np.where(x > 0, x, negative_slope * x)
    ### END SOLUTION


# %% id="leaky-relu-check" tags=["check"]
check("leaky_relu", leaky_relu)

# %% [markdown] id="03-8-prelu-a-slope-that-is-learned"
# ## 8. PReLU: a slope that is learned
#
# The **parametric ReLU** is Leaky ReLU whose slope, called $a$, is a parameter of the network,
# trained by backpropagation like the weights. [He et al. (2015)](#ref-he2015), who introduced
# it, start it at $a = 0.25$ and learn one $a$ per layer or per channel (here: one per layer).
#
# $$f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}$$
#
# The article writes this as $f(x) = \max(ax, x)$. That is true only for $a \le 1$: for
# $x > 0$, $\max(ax, x) = x$ needs $a \le 1$, and for $x < 0$, $\max(ax, x) = ax$ needs the
# same. With $a = 2$:

# %% id="03-8-prelu-a-slope-that-is-learned-code"
x = np.array([-2.0, -1.0, 1.0, 2.0])
print("prelu(x, a=2):  ", actlib.prelu(x, a=2.0))
print("max(2x, x):     ", np.maximum(2 * x, x))

# %% [markdown] id="03-8-prelu-a-slope-that-is-learned-text"
# $\max(2x, x)$ doubles the positive inputs and passes the negative ones unchanged: the
# mirror image of PReLU, and the reason exercise 5 tried a slope of 2.

# %% [markdown] id="03-the-gradient-with-respect-to" tags=["deep-dive"]
# ### The gradient with respect to $a$
#
# PReLU is trained by gradient descent on $a$ as well as on the weights, so backpropagation
# needs $\partial f / \partial a$: how the output changes when $a$ changes and $x$ stays. A
# layer shares one $a$ among all its units, so the gradient of its $a$ is the sum of that over
# every unit (and, through the loss, the mean over the examples).
#
# ### Exercise 6 · `prelu_grad_a`
# Work out $\partial\, \mathrm{prelu}(x, a) / \partial a$ from the formula of section 8, then
# write `prelu_grad_a(x, a)` that computes it elementwise.
#
# <!-- hints: prelu_grad_a -->

# %% id="prelu-grad-a-answer"
def prelu_grad_a(x, a):
    """Return d prelu(x, a) / d a elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return np.where(x <= 0, x, 0.0)
    ### END SOLUTION


# %% id="prelu-grad-a-check" tags=["check"]
check("prelu_grad_a", prelu_grad_a)

# %% [markdown] id="03-learning" tags=["deep-dive"]
# ### Learning $a$
#
# `nn.Network` trains each PReLU layer's $a$ with the weights. The same moons network, with
# learning rate 0.1:

# %% id="03-learning-code"
net = nn.Network([2, 32, 32, 2], "prelu", init="he", seed=0)
prelu_history = nn.train(net, X_moons, y_moons, epochs=30, lr=0.1, seed=0)
a = np.asarray(prelu_history["a"])[:, :2]  # one column per hidden layer (the output has no a)
for epoch in (0, 5, 10, 20, 30):
    print(f"epoch {epoch:2d}:  a = {a[epoch].round(3)}")
print(f"accuracy {prelu_history['accuracy'][-1]:.2f}")

# %% id="03-learning-code-2"
# extra code – a of each layer over training
fig, ax = plt.subplots()
ax.plot(prelu_history["epoch"], a[:, 0], color=plotting.color("prelu"), label="layer 1")
ax.plot(prelu_history["epoch"], a[:, 1], color=plotting.color("prelu"), linestyle="--", label="layer 2")
ax.axhline(0.25, color="0.5", linewidth=1, linestyle=":", label="start, 0.25 (He et al.)")
ax.set(xlabel="epoch", ylabel="a")
ax.legend(loc="lower center")
plt.show()

# %% [markdown] id="03-learning-text"
# Both slopes about double in the first five epochs, then part ways: each layer finds its
# own. Gradient descent moves $a$ wherever the loss goes down from the current weights, and
# this run shows no sign of $a$ settling on one "best" value: the second layer's $a$ is still
# falling at epoch 30.
#
# Learning $a$ has a cost. The gradient of $a$ is a sum over the 32 units of its layer, so it
# can be much larger than the gradient of a single weight. At the start of training:

# %% id="03-learning-code-3"
net = nn.Network([2, 32, 32, 2], "prelu", init="he", seed=0)
_, grads = net.gradients(X_moons, y_moons)
for layer in (0, 1):
    g = grads[layer]
    print(f"layer {layer + 1}: |dL/da| = {abs(g['a']):.3f},  "
          f"median |dL/dw| = {np.median(np.abs(g['W'])):.3f}")

# %% [markdown] id="03-learning-text-2"
# In layer 2, $a$'s gradient is more than 20 times the typical weight's, and so is its step,
# at the same learning rate. With a learning rate of 0.5 (the ReLU network trained well even
# at 2 in section 6), PReLU training blows up:

# %% id="03-learning-code-4"
net = nn.Network([2, 32, 32, 2], "prelu", init="he", seed=0)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    history = nn.train(net, X_moons, y_moons, epochs=30, lr=0.5, seed=0)
print([str(w.message) for w in caught if "diverged" in str(w.message)])
a_diverged = np.asarray(history["a"])[:, :2]
for epoch in (0, 10, 20, 28):
    print(f"epoch {epoch:2d}:  a = {a_diverged[epoch].round(3)}")

# %% [markdown] id="03-learning-text-3"
# Layer 2's $a$ went negative (nothing stops it) and kept moving, and in epoch 30 the loss
# overflowed. Is learning $a$ what broke the run? The control: the same network, seed and
# learning rate, with $a$ frozen at its starting value 0.25 (`learn=()`):

# %% id="03-learning-code-5"
net = nn.Network([2, 32, 32, 2], "prelu", init="he", learn=(), seed=0)
history = nn.train(net, X_moons, y_moons, epochs=30, lr=0.5, seed=0)
print(f"a frozen at 0.25, lr 0.5: trained {history['epoch'][-1]:.0f} of 30 epochs, "
      f"accuracy {history['accuracy'][-1]:.2f}")

# %% [markdown] id="03-learning-text-4"
# With $a$ frozen, the run completes and learns the moons: in this run, the divergence comes
# from learning $a$. One run on one data set shows that it *can* happen, not how often. Here
# learned PReLU needed a learning rate several times smaller than ReLU: 0.1 worked.

# %% [markdown] id="03-how-much-does-matter" tags=["deep-dive"]
# ### How much does $a$ matter?
#
# The article lists as PReLU's limitation that "it performs differently on different problems
# depending on the value of the slope parameter $a$". Let us measure that: freeze $a$
# (`learn=()`) at several values and train on two tasks, the moons and two concentric
# circles, one run each.

# %% id="03-how-much-does-matter-code"
splits = {name: datasets.train_test_split(*data, seed=0)  # X_train, X_val, y_train, y_val
          for name, data in {"moons": (X_moons, y_moons),
                             "circles": datasets.circles(n=300, seed=0)}.items()}


def trained_accuracy(net, split):
    """Train net for 30 epochs at learning rate 0.3; return its validation accuracy."""
    X_train, X_val, y_train, y_val = split
    nn.train(net, X_train, y_train, epochs=30, lr=0.3, seed=0)
    return np.mean(net.predict(X_val) == y_val)


# %% id="03-how-much-does-matter-code-2"
slopes = [-0.5, 0.0, 0.25, 0.5, 0.75, 1.0]
sweep = {}
for name, split in splits.items():
    nets = [nn.Network([2, 32, 32, 2], ("prelu", {"a": a_fixed}), learn=(), seed=0)
            for a_fixed in slopes]
    sweep[name] = [trained_accuracy(net, split) for net in nets]
    print(f"{name:8s} validation accuracy for a = {slopes}: {np.round(sweep[name], 2)}")

# %% id="03-how-much-does-matter-code-3"
# extra code – validation accuracy against the fixed slope a
fig, ax = plt.subplots()
for (name, accs), marker in zip(sweep.items(), "os"):
    ax.plot(slopes, accs, marker=marker, label=name)
ax.set(xlabel="fixed slope a", ylabel="validation accuracy")
ax.legend()
plt.show()

# %% [markdown] id="03-how-much-does-matter-text"
# The slope matters a lot, and mostly in one direction: at $a = 1$ every layer is the identity,
# the network is linear, and it can only draw a straight boundary. For comparison, a linear
# classifier: a network with no hidden layer (softmax regression), trained the same way.

# %% id="03-how-much-does-matter-code-4"
for name, split in splits.items():
    print(f"{name:8s} validation accuracy with no hidden layer: "
          f"{trained_accuracy(nn.Network([2, 2], seed=0), split):.2f}")

# %% [markdown] id="03-how-much-does-matter-text-2"
# The circles, which no straight line separates, fall to a coin toss; the moons to the
# accuracy of the linear classifier (0.84 on these 75 validation points). Small or even
# negative slopes do well on both, and in between the two tasks disagree: $a = 0.5$ is among
# the best slopes for the circles and among the worst for the moons. So "performs differently
# on different problems depending on $a$" is true; that this is a limitation specific to
# PReLU is not: any fixed choice, ReLU's $a = 0$ included, is a point on these curves, and
# learning $a$ is PReLU's way of choosing it.

# %% [markdown] id="03-9-can-leaky-relu-and-prelu-die-all-three" tags=["deep-dive"]
# ## 9. Can Leaky ReLU and PReLU die? All three on the same runs
#
# The article says PReLU "is used when the leaky ReLU still fails to solve the dead neuron
# problem and relevant information is not successfully passed to the next layer". The figure
# trains the moons network three times with the same learning rate, initial bias and seed: with
# ReLU, Leaky ReLU (0.01) and PReLU (learned $a$). Left: dead units; right: accuracy. A run that
# diverges ends with an ✕. Training takes a moment: the figure redraws when you release a slider.
#
# - At the start, every bias is −1.5 and the learning rate 0.1: most ReLU units are dead
#   before training starts (the legend gives the numbers), and they stay dead. Leaky ReLU has
#   no dead unit, yet learns no better: 1% of a gradient is almost none. PReLU, whose slope
#   starts at 0.25, trains.
# - Set the bias to 0 and raise the learning rate step by step to 3: now ReLU units die
#   *during* training, in the first epoch. Leaky ReLU never has a dead unit, and neither has
#   PReLU, but watch for the ✕: PReLU diverges first (the control run of section 8 points at
#   its learned $a$), and at the highest rates Leaky ReLU diverges too. The table below the
#   figure gives these runs in numbers.

# %% id="03-9-can-leaky-relu-and-prelu-die-all-three-code"
def train_quietly(activation, lr, bias):
    """Train the moons network for 30 epochs; a run that diverges stops early, silently."""
    net = nn.Network([2, 32, 32, 2], activation, init="he", bias=bias, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nn.train warns, then stops
        return nn.train(net, X_moons, y_moons, epochs=30, lr=lr, seed=0)


# %% id="03-9-can-leaky-relu-and-prelu-die-all-three-code-2"
def draw_dying(fig, lr, bias):
    """Dead units and accuracy over training for the three activations at lr and bias."""
    dead_ax, acc_ax = fig.subplots(1, 2)
    for name, style in (("relu", "-"), ("leaky_relu", "--"), ("prelu", ":")):
        history = train_quietly(name, lr, bias)
        epochs, dead = history["epoch"], np.mean(history["dead_fraction"], axis=1)
        end = dict(marker="X", markevery=[-1], markersize=9) if epochs[-1] < 30 else {}  # diverged
        label = f"{name}: {dead[0]:.0%} → {dead[-1]:.0%} dead, accuracy {history['accuracy'][-1]:.2f}"
        dead_ax.plot(epochs, dead, style, color=plotting.color(name), label=label, **end)
        acc_ax.plot(epochs, history["accuracy"], style, color=plotting.color(name), **end)
    acc_ax.axhline(0.5, color="0.6", linewidth=1, zorder=1)  # a coin toss
    dead_ax.set(xlabel="epoch", ylabel="dead units (both layers)", xlim=(0, 30), ylim=(-0.03, 1.03))
    acc_ax.set(xlabel="epoch", ylabel="accuracy", xlim=(0, 30), ylim=(0, 1.02))
    fig.legend(loc="outside upper center", ncols=3, fontsize=9)


# %% id="03-9-can-leaky-relu-and-prelu-die-all-three-code-3"
widgets.interactive_figure(draw_dying, continuous=False, lr=(0.1, 4.0, 0.1, 0.1),
                           bias=(-2.0, 1.0, 0.25, -1.5))

# %% [markdown] id="03-9-can-leaky-relu-and-prelu-die-all-three-text"
# The second bullet in numbers: bias 0, rising learning rates, the final accuracy and dead
# fraction of each run, or the epoch at which it diverged.

# %% id="03-9-can-leaky-relu-and-prelu-die-all-three-code-4"
def outcome(history):
    """The final accuracy and dead fraction of a run, or where it diverged."""
    if history["epoch"][-1] < 30:  # stopped early: the last entry is the state before the failure
        return f"diverged in epoch {np.ceil(history['epoch'][-1]):.0f}"
    return f"{history['accuracy'][-1]:.2f}, {np.mean(history['dead_fraction'][-1]):.0%} dead"


names = ("relu", "leaky_relu", "prelu")
print("lr   " + "".join(f"{name:22s}" for name in names))
for lr in (0.5, 2.0, 3.0):
    print(f"{lr:<5}" + "".join(f"{outcome(train_quietly(name, lr, 0.0)):22s}" for name in names))

# %% [markdown] id="03-9-can-leaky-relu-and-prelu-die-all-three-text-2"
# Does PReLU train at bias −1.5 because it *learns* its slope, or because its slope is 25
# times larger than Leaky ReLU's? Freeze $a$ at 0.25 and compare:

# %% id="03-9-can-leaky-relu-and-prelu-die-all-three-code-5"
for learn in (("prelu",), ()):
    net = nn.Network([2, 32, 32, 2], "prelu", init="he", bias=-1.5, learn=learn, seed=0)
    history = nn.train(net, X_moons, y_moons, epochs=30, lr=0.1, seed=0)
    print(f"a {'learned' if learn else 'frozen at 0.25'}:  accuracy {history['accuracy'][-1]:.2f}")

# %% [markdown] id="03-9-can-leaky-relu-and-prelu-die-all-three-text-3"
# The frozen slope does nearly as well: here the size of the slope does most of the work, not
# its learning. So the article has it roughly right, with corrections. Leaky ReLU does not
# "fail to solve the dead neuron problem": it has no dead units, by construction. Its problem
# is that a small slope passes almost no gradient, and a larger slope, learned or not, fixes
# that. And PReLU brings a failure of its own: a learning rate that suits the weights may be
# far too large for $a$.

# %% [markdown] id="03-10-your-own-relu-layer" tags=["deep-dive"]
# ## 10. Your own ReLU layer
#
# `nn.Network` computes each hidden layer as $h = f(z)$ with $z = xW + b$, and its backward pass
# needs $\partial L / \partial z$ from $\partial L / \partial h$. Both steps can come from a
# class of your own: an object with
#
# - `forward(z)`: returns $h = f(z)$, and keeps what the backward pass will need;
# - `backward(dh)`: gets `dh`, the gradient $\partial L / \partial h$ from the layer above, of
#   the same shape as $z$, and returns $\partial L / \partial z = $ `dh` $\cdot f'(z)$,
#   element by element (the chain rule).
#
# The network makes one object per hidden layer, so each keeps its own $z$.
#
# ### Exercise 7 · `ReLULayer`
# Write the class `ReLULayer` with these two methods, for ReLU (you may call your `relu` and
# `relu_derivative` of exercises 1 and 2). The check runs forward on a batch, then backward, and
# compares with finite differences of ReLU, $\text{dh} \cdot (f(z + \varepsilon) - f(z -
# \varepsilon)) / 2\varepsilon$, away from 0, and with the convention $f'(0) = 0$ at 0.
#
# <!-- hints: relu_layer -->

# %% id="relu-layer-answer"
class ReLULayer:
    """ReLU as a layer: forward(z) gives relu(z), backward(dh) gives dL/dz."""

    def forward(self, z):
        ### BEGIN SOLUTION
        self.z = z
        return np.maximum(z, 0.0)
        ### END SOLUTION

    def backward(self, dh):
        ### BEGIN SOLUTION
        return dh * (self.z > 0)
        ### END SOLUTION


# %% id="relu-layer-check" tags=["check", "exercise-use-in-network"]
check("relu_layer", ReLULayer)

# %% [markdown] id="03-10-your-own-relu-layer-text"
# Now train the moons network of section 6 with your layer: `adopt` hands it on if it passes
# its check, and actlib's own ReLU layer otherwise (it says which), so the cells below work
# either way. The same network with actlib's `"relu"` runs alongside, for comparison.

# %% id="03-10-your-own-relu-layer-code"
layer = adopt("relu_layer", ReLULayer)
name = "your ReLULayer" if layer is ReLULayer else "actlib's ReLULayer"
runs = {}
for label, activation in (("layer", layer), ("relu", "relu")):
    net = nn.Network([2, 32, 32, 2], activation, init="he", seed=0)
    runs[label] = nn.train(net, X_moons, y_moons, epochs=30, lr=0.3, seed=0)
loss, accuracy = runs["layer"]["loss"], runs["layer"]["accuracy"]
print(f"{name}: loss {loss[0]:.2f} before training, {loss[1]:.2f} after epoch 1, {loss[-1]:.2f} "
      f"after 30; accuracy {accuracy[1]:.2f} after epoch 1, {accuracy[-1]:.2f} after 30")
gap = np.max(np.abs(np.subtract(loss, runs["relu"]["loss"])))
print("largest difference from the run with actlib's relu:", "below 1e-12" if gap < 1e-12 else f"{gap:.1e}")

# %% id="03-10-your-own-relu-layer-code-2"
# extra code – the learning curve from epoch 1 on (before training the loss is far higher)
fig, (left, right) = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
plotting.plot_curves({name: loss[1:]}, ylabel="training loss", ax=left)
plotting.plot_curves({name: accuracy[1:]}, ylabel="accuracy", ax=right)
plt.show()

# %% [markdown] id="03-10-your-own-relu-layer-text-2"
# The first epoch does most of the work; after it the loss keeps falling, with the ups and
# downs of stochastic gradient descent at this learning rate, and the accuracy climbs into the
# high nineties. With a layer that passes its check, the two runs agree to the last digit: same
# initial weights, same batches, and a backward pass that computes the same numbers. Notebook
# 04 reuses this pattern for ELU, and notebook 06 for Swish.

# %% [markdown] id="03-11-experiment" tags=["deep-dive"]
# ## 11. An open experiment: can a negative slope rescue a large learning rate?
#
# Section 6 killed most of a ReLU network at learning rate 3, and section 7 says a Leaky ReLU
# unit cannot die. **Question:** does a negative slope let this network train at a larger
# learning rate? Which slope and learning rate would you choose for it?
#
# The template trains the moons network on 60% of the data for every pair of slope ($0$ is
# ReLU) and learning rate, and prints the accuracy on a validation set of 20% with the share of
# dead units, or the epoch at which a run diverged. The next cell picks the best pair by
# validation accuracy and only then scores it once on the last 20%, the test set. Change the
# slopes, rates or seeds as you like, then answer below in a few sentences.
#
# *What a good answer does:*
# 1. answers the question with numbers from the table, for at least two slopes;
# 2. tells dead units apart from divergence, and says which of the two limits the learning rate;
# 3. chooses on the validation set, and reports the test accuracy of the chosen pair only;
# 4. names a limit of the evidence (one seed; on 60 validation points, 0.017 is one example).

# %% id="03-11-experiment-code"
X_train, X_val, X_test, y_train, y_val, y_test = datasets.train_val_test_split(X_moons, y_moons, seed=0)
slopes, rates = (0.0, 0.01, 0.1), (0.3, 1.0, 2.0, 3.0)
trials = {}  # (slope, learning rate) -> (network, history)
print("slope   " + "".join(f"lr {lr:<19}" for lr in rates))
for slope in slopes:
    row = ""
    for lr in rates:
        net = nn.Network([2, 32, 32, 2], ("leaky_relu", {"negative_slope": slope}), init="he", seed=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a diverged run stops early, quietly
            h = nn.train(net, X_train, y_train, epochs=30, lr=lr, seed=0, validation=(X_val, y_val))
        trials[slope, lr] = net, h
        row += (f"diverged in epoch {np.ceil(h['epoch'][-1]):.0f}    " if h["epoch"][-1] < 30 else
                f"{h['val_accuracy'][-1]:.3f}, {np.mean(h['dead_fraction'][-1]):3.0%} dead     ")
    print(f"{slope:<8}{row}")

# %% id="03-11-experiment-code-2"
finished = {pair: h["val_accuracy"][-1] for pair, (net, h) in trials.items() if h["epoch"][-1] == 30}
# the best validation accuracy; among ties the smaller learning rate, then the smaller slope
slope, lr = max(finished, key=lambda pair: (finished[pair], -pair[1], -pair[0]))
ties = sorted(pair for pair, acc in finished.items() if acc == finished[slope, lr])
print(f"best validation accuracy {finished[slope, lr]:.3f}, reached by {len(ties)} pairs: {ties}")
print(f"chosen: slope {slope}, learning rate {lr}; test accuracy "
      f"{np.mean(trials[slope, lr][0].predict(X_test) == y_test):.3f} (scored once)")

# %% [markdown] id="03-11-experiment-answer" tags=["exercise-experiment"]
# **Your answer.**
#
# <!-- BEGIN SOLUTION -->
# Not in this run: a negative slope removes the dead units, but the network then diverges at a
# smaller learning rate. With ReLU (slope 0) every run finishes: at learning rates 1 and 2 it
# reaches 0.983 on validation although 20% and 42% of its units are dead, and only at 3 does
# dying win (77% dead, 0.733). With slope 0.01 no unit is dead at any rate, yet the run diverges
# at 3 (epoch 3); with slope 0.1 it already diverges at 2. So what limits the learning rate
# here is divergence, which a steeper negative side brings on sooner, not dead units: this
# network has units to spare. Four pairs tie at the best validation accuracy, 0.983, and the
# next best, 0.967, is one example of 60 behind, so the choice among them is arbitrary; I keep
# the template's tie-break, ReLU at learning rate 1.0, whose test accuracy is 0.950, scored
# once. One seed and 60 validation points cannot rank these pairs; other seeds would be the
# next step.
# <!-- END SOLUTION -->

# %% [markdown] id="03-check-your-understanding"
# ## Check your understanding
#
# 1. A ReLU network trained with plain SGD has a unit in its first layer that is dead after
#    epoch 3. What is it at epoch 30?
#    <details><summary>Answer</summary>Still dead, with exactly the weights it had at epoch 3:
#    its inputs (the data) do not change and its gradients are all zero. With momentum its
#    weights would coast on for a while (section 6). A dead unit of a deeper layer can come
#    back, because its inputs change (section 6).</details>
# 2. Is PReLU with $a = -1$ still a sensible activation?
#    <details><summary>Answer</summary>It is $|x|$: nonlinear, so a network can use it (the
#    sweep in section 8 did well with $a = -0.5$), but it is not monotonic, and nothing in
#    gradient descent stops a learned $a$ from going negative. Computed below.</details>

# %% id="03-check-your-understanding-code"
x = np.array([-2.0, -1.0, 1.0, 2.0])
print("x:             ", x)
print("prelu(x, a=-1):", actlib.prelu(x, a=-1.0))

# %% [markdown] id="03-summary"
# ## Summary
#
# | | ReLU | Leaky ReLU | PReLU |
# |---|---|---|---|
# | $f(x)$ for $x \le 0$ | $0$ | $\lambda x$, $\lambda = 0.01$ fixed | $a x$, $a$ learned (starts at 0.25) |
# | $f'(x)$ for $x > 0$ | 1 | 1 | 1 |
# | $f'(x)$ for $x < 0$ | 0 | $\lambda$ | $a$ |
# | vanishing gradient | only with a wrong weight scale (section 4) | not measured here | not measured here |
# | dead units | yes: large learning rate, negative bias | none | none |
# | its own failure | dead units | tiny gradient for $x < 0$ | $a$ diverges at large learning rates |
