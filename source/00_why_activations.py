# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: "Why activation functions?"
#     goals: "stacked linear layers collapse to one; what a nonlinearity buys (XOR); the map of
#       the series; a glossary with the Chinese terms"
#     remember:
#       - 'A stack of linear layers computes one linear map, however many layers it has.'
#       - 'A nonlinearity between the layers is what lets a network bend its decision boundary.'
#       - 'The activation''s shape decides how gradients flow back through the network.'
# ---

# %% [markdown] id="00-title"
# # 00 · Why activation functions?
#
# Start here. This notebook shows, by computing it, why a neural network needs activation
# functions at all, and it is the map of the series: what each notebook teaches, its exercises,
# and a glossary of the terms in English and Chinese.
#
# The series grew out of a short article in Chinese. Its opening, translated:
#
# > Activation (transfer) functions decide whether a neuron should be activated. An activation
# > function converts the weighted sum of a node's inputs into an output value, which is passed
# > to the next layer as its input. [...] Activation functions are needed to add nonlinearity to
# > the neural network: adding up inputs again and again only gives a linear relationship
# > between the inputs, and there would be no learning. The choice of activation function has a
# > great impact on the capability and performance of the network, and different activation
# > functions can be used in different parts of the model.
#
# We check every sentence of it below. Most hold; two need correcting.
#
# **You will learn to**
# - say what one neuron computes (weighted sum, bias, activation) and how the activation
#   shapes its output;
# - show that stacked linear layers collapse into a single linear layer, and compute that layer;
# - watch a deep network without activations fail on XOR and on a curve, and the same network
#   with a nonlinear activation succeed;
# - find your way around the series and its exercises.
#
# *About 50 minutes. Three exercises, each checked the moment you run the cell below it.*

# %% [markdown] id="00-setup"
# ## Setup
# Run this cell first. It imports NumPy, Matplotlib, SciPy's minimiser and the series' helper
# package `actlib`, and gives plain Matplotlib figures the series' look. Every cell that draws
# random numbers seeds its own generator, so you see the same numbers as everyone else, however
# often you run it.

# %% id="00-setup-code"
import sys

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize

import actlib
from actlib import datasets, nn, plotting, widgets
from actlib.agreement import agree
from actlib.exercises import check

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="00-1-one-neuron-weighted-sum-bias"
# ## 1. One neuron: weighted sum, bias, activation
#
# A neuron receives inputs $x_1, \dots, x_d$. It multiplies each by a **weight** $w_i$ (how much
# that input counts), adds them up with a **bias** $b$ (a shift), and passes the result $z$
# through its **activation function** $f$:
#
# $$z = w_1 x_1 + w_2 x_2 + \dots + w_d x_d + b = \mathbf{x} \cdot \mathbf{w} + b,
#   \qquad a = f(z)$$
#
# The output $a$ goes on to the next layer as one of its inputs. Here is one neuron with two
# inputs, and four common choices of $f$:

# %% id="00-1-one-neuron-weighted-sum-bias-code"
x = np.array([0.5, -1.0])
w = np.array([2.0, 1.0])
b = 0.5
z = x @ w + b  # 0.5 * 2 + (-1) * 1 + 0.5
print(f"z = {z}")
for name in ["step", "sigmoid", "tanh", "relu"]:
    print(f"  {name:8s} f(z) = {actlib.get(name)(z):.4f}")

# %% [markdown] id="00-does-the-activation-decide-whether-the"
# ### Does the activation "decide whether the neuron is activated"?
#
# The article says so, and that describes exactly one activation: the binary **step**, which
# outputs 1 ("fires") or 0. Most activations answer *how much* instead. Count the different
# outputs each one gives for 1001 inputs between −3 and 3:

# %% id="00-does-the-activation-decide-whether-the-code"
z = np.linspace(-3, 3, 1001)
for name in ["step", "sigmoid", "tanh", "relu"]:
    out = actlib.get(name)(z)
    print(f"{name:8s} {len(np.unique(out)):5d} different outputs, "
          f"from {out.min():6.3f} to {out.max():.3f}")

# %% [markdown] id="00-does-the-activation-decide-whether-the-text"
# Only the step function gives a yes/no answer. The sigmoid and tanh give a different,
# graded value for every input; ReLU is switched off (exactly 0) for all $z \le 0$, but graded
# above. A graded output is what gradient descent needs: notebook 01 shows that a step neuron
# cannot be trained by gradient descent at all. So the article's first sentence is history: the
# perceptron of the 1950s, a step neuron trained with its own learning rule instead of
# gradients. "Converts the weighted sum into an output value" is the accurate part.

# %% id="00-does-the-activation-decide-whether-the-code-2"
# extra code – the four activations side by side
fig = plotting.plot_activations(["step", "sigmoid", "tanh", "relu"], xlim=(-3, 3))

# %% [markdown] id="00-the-neuron-over-its-input-plane"
# ### The neuron over its input plane
#
# With two inputs, $z = w_1 x_1 + w_2 x_2 + b$ is a tilted plane over the $(x_1, x_2)$ plane,
# and $z = 0$ along a straight line (dashed). The activation bends that plane: the step makes a
# cliff along the line, the sigmoid a smooth ramp, ReLU a fold, and with *none* the output is
# the plane itself. The right panel shows $f$, with the range of $z$ that the plane covers
# shaded.
#
# Move the sliders: the weights turn and steepen the ramp, the bias slides the line. Whatever you
# choose, the line stays straight. The output depends on the inputs only through $z$, so it is
# the same all along each line parallel to the dashed one; with a rising activation, like all
# of these, "output above a threshold" is one side of such a line. So one neuron splits its
# inputs along a straight line; bending the boundary takes several neurons, with an activation
# between the layers (section 3).

# %% id="00-the-neuron-over-its-input-plane-code"
# extra code – one neuron's output drawn over the input plane
grid = np.linspace(-2, 2, 161)
X1, X2 = np.meshgrid(grid, grid)
COLOUR_LIMITS = {"step": (0, 1), "sigmoid": (0, 1), "tanh": (-1, 1)}  # fixed, where bounded


def draw_plane(fig, ax, act, f, z):
    """The output act(z) as an image over the input plane, with the line z = 0 dashed."""
    vmin, vmax = COLOUR_LIMITS.get(f, (None, None))
    image = ax.imshow(act(z), extent=(-2, 2, -2, 2), origin="lower", cmap="viridis",
                      vmin=vmin, vmax=vmax)
    if z.min() < 0 < z.max():
        ax.contour(X1, X2, z, levels=[0], colors="white", linestyles="--")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="output a")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title="$a = f(w_1 x_1 + w_2 x_2 + b)$")


# %% id="00-the-neuron-over-its-input-plane-code-2"
def draw_neuron(fig, w1, w2, b, f):
    """Left: f(w1 x1 + w2 x2 + b) over the input plane. Right: f and the range of z."""
    act = (lambda z: z) if f == "none" else actlib.get(f)
    z = w1 * X1 + w2 * X2 + b
    plane, curve = fig.subplots(1, 2, width_ratios=[1.15, 1])
    draw_plane(fig, plane, act, f, z)
    zz = np.linspace(-10, 10, 401)
    curve.plot(zz, act(zz), color="0.3" if f == "none" else plotting.color(f))
    curve.axvspan(z.min(), z.max(), color="0.88", zorder=0, label="z on the plane")
    curve.set(xlabel="z", ylabel="a = f(z)", xlim=(-10, 10), title=f"f = {f}")
    curve.legend(loc="upper left")


widgets.interactive_figure(draw_neuron, continuous=False, w1=(-3.0, 3.0, 0.1, 1.0),
                          w2=(-3.0, 3.0, 0.1, -0.5), b=(-3.0, 3.0, 0.1, 0.5),
                          f=["sigmoid", "step", "tanh", "relu", "none"])

# %% [markdown] id="00-how-the-exercises-work"
# ### How the exercises work
#
# Each exercise is a function for you to complete. In this notebook its body reads
# `# YOUR CODE HERE` and `return None`: replace both with your code and run the cell. Then run
# the **check cell** below it, which calls your function on a few inputs and shows ✓ or ✗ for
# each, with the input, the expected value and what you returned. Stuck? Open the hints under
# the task one at a time: a nudge, then the mathematics, then the code pattern. Section 5 says
# more.
#
# ### Exercise 1 · `neuron`
# Write `neuron(x, w, b, f)`: the outputs of one neuron with weights `w` (shape `(d,)`), bias `b`
# (a number) and activation function `f` (for instance `actlib.relu`) for a batch of examples
# `x` of shape `(n, d)`, one example per row. Return an array of shape `(n,)`.
#
# <!-- hints: neuron -->

# %% id="neuron-answer"
def neuron(x, w, b, f):
    """Return one neuron's output for each row of x, an array of shape (n,)."""
    ### BEGIN SOLUTION
    return f(x @ w + b)
    ### END SOLUTION


# %% id="neuron-check" tags=["check"]
check("neuron", neuron)

# %% [markdown] id="00-2-linear-layers-collapse-into-one"
# ## 2. Linear layers collapse into one
#
# A **layer** is many neurons side by side: with one example per row, as NumPy and `actlib.nn`
# arrange them, it computes $\mathbf{h} = f(\mathbf{x} W + \mathbf{b})$, where column $j$ of the
# matrix $W$ holds the weights of neuron $j$. Take the activation away ($f(z) = z$) and stack
# two such **linear layers**, the first with $d$ inputs and $m$ units, the second with $k$ units:
#
# $$\mathbf{y} = (\mathbf{x} W_1 + \mathbf{b}_1)\, W_2 + \mathbf{b}_2$$
#
# Multiply out the brackets and you get $\mathbf{x}$ times one matrix plus one vector: a single
# linear layer $\mathbf{y} = \mathbf{x} W + \mathbf{b}$. This is what the article means by
# "adding inputs again and again only gives a linear relationship". Your turn: find $W$ and
# $\mathbf{b}$.
#
# ### Exercise 2 · `collapse_weights`
# Write `collapse_weights(W1, W2)`: the weight matrix $W$ of the single layer, for `W1` of shape
# `(d, m)` and `W2` of shape `(m, k)`.
#
# <!-- hints: collapse_weights -->

# %% id="collapse-weights-answer"
def collapse_weights(W1, W2):
    """Return W such that (x @ W1) @ W2 == x @ W for every x."""
    ### BEGIN SOLUTION
    return W1 @ W2
    ### END SOLUTION


# %% id="collapse-weights-check" tags=["check"]
check("collapse_weights", collapse_weights)

# %% [markdown] id="00-exercise-3-collapse-bias"
# ### Exercise 3 · `collapse_bias`
# Write `collapse_bias(b1, W2, b2)`: the bias $\mathbf{b}$ of the single layer, a vector with one
# entry per output.
#
# <!-- hints: collapse_bias -->

# %% id="collapse-bias-answer"
def collapse_bias(b1, W2, b2):
    """Return b such that (x @ W1 + b1) @ W2 + b2 == x @ W + b for every x (W: exercise 2)."""
    ### BEGIN SOLUTION
    return b1 @ W2 + b2
    ### END SOLUTION


# %% id="collapse-bias-check" tags=["check"]
check("collapse_bias", collapse_bias)

# %% [markdown] id="00-two-layers-one-layer-the-same-outputs"
# ### Two layers, one layer: the same outputs
#
# $$(\mathbf{x} W_1 + \mathbf{b}_1)\, W_2 + \mathbf{b}_2
#   = \mathbf{x}\, \underbrace{W_1 W_2}_{W} + \underbrace{\mathbf{b}_1 W_2 + \mathbf{b}_2}_{\mathbf{b}}$$
#
# Let us check it with random weights: 2 inputs, 3 hidden units, 2 outputs, and five examples.

# %% id="00-two-layers-one-layer-the-same-outputs-code"
rng = np.random.default_rng(42)
W1, b1 = rng.normal(size=(2, 3)), rng.normal(size=3)  # layer 1: 2 inputs -> 3 units
W2, b2 = rng.normal(size=(3, 2)), rng.normal(size=2)  # layer 2: 3 units -> 2 outputs
x = rng.normal(size=(5, 2))  # five examples
W, b = W1 @ W2, b1 @ W2 + b2
print("W = W1 @ W2 =\n", W.round(4), "\nb =", b.round(4))
agree("two layers vs one", (x @ W1 + b1) @ W2 + b2, x @ W + b, within=1e-12)

# %% [markdown] id="00-two-layers-one-layer-the-same-outputs-text"
# The outputs differ by rounding error at most (about $10^{-15}$, and the exact digits depend on
# the machine): they are identical. Textbooks often use column
# vectors instead, $\mathbf{h} = A\mathbf{x} + \mathbf{c}$ with $A = W^\mathsf{T}$; there the
# single matrix is written $A_2 A_1$, the *second* layer's matrix on the left. It is the same
# matrix, transposed:

# %% id="00-two-layers-one-layer-the-same-outputs-code-2"
A1, A2 = W1.T, W2.T  # the same layers, for column vectors
agree("A2 @ A1 vs W.T", A2 @ A1, W.T, within=1e-12)

# %% [markdown] id="00-a-nonlinearity-breaks-the-collapse"
# ### A nonlinearity breaks the collapse
#
# Put $\tanh$ between the same two layers. Can *any* single linear layer reproduce the result?
# Least squares (`np.linalg.lstsq`) finds the $W$ and $\mathbf{b}$ that come closest on 200
# inputs; the question is how close that is.

# %% id="00-a-nonlinearity-breaks-the-collapse-code"
rng = np.random.default_rng(1)
x = rng.normal(size=(200, 2))
x_and_1 = np.column_stack([x, np.ones(len(x))])  # a column of 1s fits the bias
for name, f in [("no activation", lambda z: z), ("tanh", actlib.tanh)]:
    out = f(x @ W1 + b1) @ W2 + b2
    Wb = np.linalg.lstsq(x_and_1, out)[0]  # the best single layer: W on top, b last
    miss = np.max(np.abs(x_and_1 @ Wb - out))  # rounding noise without an activation
    print(f"{name:14s} best single linear layer misses by "
          + ("less than 1e-12" if miss < 1e-12 else f"up to {miss:.2f}"))

# %% [markdown] id="00-3-what-a-linear-network-can-learn-and"
# Without an activation some single layer matches to rounding error, as the algebra says. With
# $\tanh$ the best one is off by whole units: two layers with a nonlinearity between them compute
# a function no single layer can. However many linear layers you stack, and however wide, the
# network stays one linear layer. Adding that nonlinearity is the activation's job.
#
# ## 3. What a linear network can learn, and what it cannot
#
# "There would be no learning", says the article. That goes too far: a network without
# activations does learn, but only linear relationships. Let us train one and see both sides.
# `nn.Network(..., activation=None)` builds a network whose hidden layers are all linear; the
# same sizes with `activation="tanh"` give a nonlinear one.
#
# ### A straight line and a curve
#
# Two small regression tasks in one dimension: points on the line $y = 2x - 1$, and points on the
# curve $y = \sin(\pi x)$, each with a little noise (standard deviation 0.1, so the best possible
# mean squared error is about $0.1^2 = 0.01$).

# %% id="00-a-straight-line-and-a-curve-code"
rng = np.random.default_rng(2)
x_1d = np.sort(rng.uniform(-1, 1, 100))[:, None]  # 100 inputs, one column
targets = {"line": 2 * x_1d - 1 + rng.normal(0, 0.1, x_1d.shape),
           "curve": np.sin(np.pi * x_1d) + rng.normal(0, 0.1, x_1d.shape)}
fits = {}
for task, y in targets.items():
    for act in [None, "tanh"]:
        net = nn.Network([1, 16, 16, 1], activation=act, init="xavier", seed=0)
        nn.train(net, x_1d, y, epochs=100, lr=0.05, batch_size=25, momentum=0.9, loss="mse")
        fits[task, act] = net
        print(f"{task:5s} {act or 'linear':6s} network: mean squared error "
              f"{np.mean((net.forward(x_1d) - y) ** 2):.4f}")

# %% [markdown] id="00-a-straight-line-and-a-curve-text"
# Both networks fit the line, down to the noise. The linear network has three layers of weights,
# yet by section 2 it is a single $y = wx + b$. We can compute that $w$ and $b$ by folding its
# layers together one at a time, as in exercises 2 and 3:

# %% id="00-a-straight-line-and-a-curve-code-2"
def collapse(net):
    """The single linear layer (W, b) equal to a network whose layers are all linear."""
    W, b = np.eye(net.sizes[0]), np.zeros(net.sizes[0])
    for layer in net.layers:
        assert layer.activation is None, "only linear layers collapse"
        W, b = W @ layer.W, b @ layer.W + layer.b
    return W, b


W, b = collapse(fits["line", None])
n_params = sum(layer.W.size + layer.b.size for layer in fits["line", None].layers)
print(f"{n_params} parameters, which compute y = {W.item():.3f} x {'+-'[b.item() < 0]} "
      f"{abs(b.item()):.3f}")

# %% [markdown] id="00-a-straight-line-and-a-curve-text-2"
# It learned the slope 2 and the intercept −1 to within about 0.06: a linear network learns
# linear relationships perfectly well. On the curve, it fails. Could more training help? No: the
# best straight line that exists, found by least squares (`np.polyfit`), is no better.

# %% id="00-a-straight-line-and-a-curve-code-3"
slope, intercept = np.polyfit(x_1d[:, 0], targets["curve"][:, 0], deg=1)
best_line = slope * x_1d + intercept
print(f"best straight line through the curve: mean squared error "
      f"{np.mean((best_line - targets['curve']) ** 2):.4f}")

# %% id="00-a-straight-line-and-a-curve-code-4"
# extra code – the four fits
fig, axes = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
for ax, task in zip(axes, targets):
    ax.scatter(x_1d, targets[task], s=10, color="0.6", label="data")
    for act, colour in [(None, "0.2"), ("tanh", plotting.color("tanh"))]:
        ax.plot(x_1d, fits[task, act].forward(x_1d), color=colour,
                label=f"{act or 'linear'} network")
    ax.set(title=f"the {task}", xlabel="x", ylabel="y")
    ax.legend()

# %% [markdown] id="00-xor-where-no-straight-line-will-do"
# ### XOR: where no straight line will do
#
# In the **XOR** data set a point is class 1 when exactly one of its two coordinates is
# positive: opposite corners of the square share a class. A network with two outputs
# classifies: it predicts the class whose output is larger (the cross-entropy loss applies
# softmax to the outputs, see notebook 05). Same sizes, same training, with and without `tanh`:

# %% id="00-xor-where-no-straight-line-will-do-code"
X, y = datasets.xor(n=400, noise=0.1, seed=0)


def train_classifier(activation):
    """A [2, 16, 16, 2] network trained on XOR for 40 epochs; returns it and its history."""
    net = nn.Network([2, 16, 16, 2], activation=activation, init="xavier", seed=0)
    history = nn.train(net, X, y, epochs=40, lr=0.1, batch_size=32, momentum=0.9)
    return net, history


classifiers = {act: train_classifier(act) for act in [None, "tanh"]}
for act, (net, history) in classifiers.items():
    print(f"{act or 'linear':6s} network: accuracy {history['accuracy'][-1]:6.1%}, "
          f"loss {history['loss'][0]:.3f} -> {history['loss'][-1]:.3f}")

# %% id="00-xor-where-no-straight-line-will-do-code-2"
# extra code – the two decision boundaries
fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.4), layout="constrained")
for ax, (act, (net, history)) in zip(axes, classifiers.items()):
    xx, yy, proba = nn.decision_grid(net, X, resolution=100)
    plotting.plot_decision_boundary(ax, xx, yy, proba[..., 1], X, y)
    ax.set_title(f"{act or 'linear'} network: {history['accuracy'][-1]:.1%} correct")
    ax.legend(loc="upper left")

# %% [markdown] id="00-xor-where-no-straight-line-will-do-text"
# The linear network draws a straight boundary, as it must: collapsed, it is one linear layer
# with two outputs, and "output 1 > output 0" holds on one side of a line. And it is stuck: its
# loss barely moves and its accuracy stays near chance. Is that bad training? First, how well
# can a straight line do at all? The function below turns a direction in 360 steps of half a
# degree and, for each direction, tries every cut between two neighbouring points. That finds
# the best line among those 360 directions, which is a lower bound on the best of all lines;
# ten times as many directions show how close the bound is.

# %% id="00-xor-where-no-straight-line-will-do-code-3"
def best_line_accuracy(X, y, n_angles=360):
    """The highest accuracy of a straight-line boundary, over n_angles directions.

    Exact within each direction (every cut is tried), so a lower bound on the best line.
    """
    best = 0.0
    for angle in np.linspace(0, np.pi, n_angles, endpoint=False):
        order = np.argsort(X @ np.array([np.cos(angle), np.sin(angle)]))
        ys = y[order]  # labels sorted along the direction
        # Cut after k points, class 0 below and class 1 above: correct points for each k.
        correct = np.concatenate([[0], np.cumsum(ys == 0)]) + np.concatenate(
            [np.cumsum((ys == 1)[::-1])[::-1], [0]])
        best = max(best, correct.max() / len(y), 1 - correct.min() / len(y))
    return best


for n_angles in (360, 3600):
    accuracy = best_line_accuracy(X, y, n_angles)
    print(f"best straight line over {n_angles} directions: {accuracy:.1%}")
print(f"XOR's own rule (exactly one coordinate > 0) on the noisy points: "
      f"{np.mean(((X[:, 0] > 0) != (X[:, 1] > 0)) == y):.1%}")

# %% [markdown] id="00-xor-where-no-straight-line-will-do-text-2"
# The finer search finds no better line: about 70% is the most a straight line gets right,
# while the network with `tanh` gets over 90%, about as many as the rule that made the labels
# (the noise moved some points across the axes after they were labelled). This is the classic
# limit of linear models, made famous by Minsky and Papert in 1969, and the reason activations
# exist.
#
# But the linear network got only 56.2%, some 13 points below the best line. Why did training
# not find that line? Because training never looks at the accuracy: it lowers the cross-entropy
# loss, and the line with the lowest loss need not be the one with the most correct answers.
# Two outputs through softmax give class 1 the probability
# $e^{z_1}/(e^{z_0} + e^{z_1}) = \sigma(z_1 - z_0)$, so every linear classifier here is
# $P(\text{class } 1) = \sigma(\mathbf{x} \cdot \mathbf{w} + b)$ for some $\mathbf{w}$ and $b$.
# A general-purpose minimiser, `scipy.optimize.minimize`, finds the one with the lowest loss:

# %% id="00-xor-where-no-straight-line-will-do-code-4"
def cross_entropy(params):
    """Mean cross-entropy on XOR of P(class 1) = sigmoid(X @ w + b), with params = (w1, w2, b)."""
    z = X @ params[:2] + params[2]
    return np.mean(np.logaddexp(0, z) - y * z)  # -log p for class 1, -log(1 - p) for class 0


best = minimize(cross_entropy, np.zeros(3))
print(f"answering 50 : 50 for every point: loss ln 2 = {np.log(2):.3f}")
print(f"the line with the lowest loss:     loss {best.fun:.3f}, "
      f"accuracy {np.mean((X @ best.x[:2] + best.x[2] > 0) == y):.1%}")

# %% [markdown] id="00-4-the-choice-of-activation-matters"
# The linear network's final loss, 0.685, is the lowest any line reaches (to three decimals):
# training did its job. That loss is barely below $\ln 2$, the loss of answering "50 : 50"
# everywhere, and the line that reaches it gets only 53.5% of the points right. Cross-entropy
# and accuracy rank the lines differently, and on XOR the line with the best loss is far from
# the line with the best accuracy. Neither comes close to solving XOR.
#
# ## 4. The choice of activation matters
#
# The article's last two claims: the choice of activation "has a great impact on the capability
# and performance" of the network, and "different activation functions can be used in different
# parts of the model". The same XOR network with other activations, and one with ReLU in the
# first hidden layer and tanh in the second (`nn.Network` takes one activation per hidden layer):

# %% id="00-4-the-choice-of-activation-matters-code"
for act in ["sigmoid", "relu", ("relu", "tanh")]:
    classifiers[act] = train_classifier(list(act) if isinstance(act, tuple) else act)
for act in [None, "sigmoid", "tanh", "relu", ("relu", "tanh")]:
    history = classifiers[act][1]
    label = " then ".join(act) if isinstance(act, tuple) else act or "linear"
    print(f"{label:14s} accuracy after 40 epochs {history['accuracy'][-1]:6.1%}; "
          f"first layer's gradient at the start {history['grad_norm'][0][0]:.4f}")

# %% [markdown] id="00-4-the-choice-of-activation-matters-text"
# Capability: linear cannot, the nonlinear activations can. Performance: after the same 40
# epochs the sigmoid network is no better than the linear one. Not because it cannot: since
# $\sigma(z) = \frac12\bigl(1 + \tanh\frac z2\bigr)$, a sigmoid network can compute
# whatever a tanh network can, with other weights. It is slow: its first layer starts with a
# gradient many times smaller than with tanh or ReLU, because the sigmoid's slope is at most
# 1/4, where tanh's reaches 1, and backpropagation multiplies these slopes layer after layer
# (notebook 01 measures it).

# %% id="00-4-the-choice-of-activation-matters-code-2"
z = np.linspace(-10, 10, 201)
agree("sigmoid(z) vs (1 + tanh(z/2))/2", actlib.sigmoid(z), (1 + np.tanh(z / 2)) / 2, within=1e-15)
print(f"largest slope: sigmoid {actlib.sigmoid.derivative(z).max()}, "
      f"tanh {actlib.tanh.derivative(z).max()}")

# %% [markdown] id="00-4-the-choice-of-activation-matters-text-2"
# Mixing activations works as well: the network with ReLU in its first hidden layer and tanh in
# its second learned XOR as well as tanh or ReLU alone (92.5%). The usual design mixes them in
# another way: ReLU or tanh in the hidden layers and, at the output, a sigmoid or softmax that
# turns scores into probabilities. The classifiers above follow it, with one detail: their
# output layer is linear, and the loss applies softmax to its two outputs (notebook 05).
# Pick an activation to see its boundary, and how fast each network learned:

# %% id="00-4-the-choice-of-activation-matters-code-3"
# extra code – every XOR run, and its decision grid computed once
CHOICES = {"linear": None, "sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu",
           "relu then tanh": ("relu", "tanh")}
COLOURS = {"linear": "0.3", "sigmoid": plotting.color("sigmoid"), "tanh": plotting.color("tanh"),
           "relu": plotting.color("relu"), "relu then tanh": plotting.OKABE_ITO["orange"]}
xor_runs = {label: classifiers[act] for label, act in CHOICES.items()}
xor_grids = {label: nn.decision_grid(net, X, resolution=80) for label, (net, _) in xor_runs.items()}

# %% id="00-4-the-choice-of-activation-matters-code-4"
def draw_xor(fig, activation):
    """Left: the XOR boundary learned with this activation. Right: accuracy while training."""
    boundary, curves = fig.subplots(1, 2, width_ratios=[1, 1.5])
    xx, yy, proba = xor_grids[activation]
    plotting.plot_decision_boundary(boundary, xx, yy, proba[..., 1], X, y)
    boundary.set_title(f"{activation}: {xor_runs[activation][1]['accuracy'][-1]:.1%} correct")
    for label, (_, history) in xor_runs.items():
        chosen = label == activation
        curves.plot(history["epoch"], history["accuracy"], color=COLOURS[label], label=label,
                    linewidth=3.5 if chosen else 1.2, alpha=1.0 if chosen else 0.6)
    curves.set(xlabel="epoch", ylabel="accuracy (training set)", ylim=(0.35, 1.0))
    curves.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))  # beside the curves


widgets.interactive_figure(draw_xor, activation=list(CHOICES))

# %% [markdown] id="00-5-the-map-of-the-series"
# ## 5. The map of the series
#
# Each notebook takes one family of activations, with sliders for every parameter,
# demonstrations computed live and exercises checked instantly. Run them in order: each builds
# on the ones before. The build writes the table below from each notebook's source: its title,
# what you learn, its exercises (the ids its check cells check) and the minutes it takes, split
# into the core path and the optional deep dives.

# %% [markdown] id="00-series-map" tags=["series-map"]
# *The map of the series goes here: `tools/build_notebooks.py` writes it.*

# %% [markdown] id="00-working-through-the-exercises"
# ### Working through the exercises
#
# - **The stub.** In the notebooks of `notebooks/`, each exercise function ends with
#   `# YOUR CODE HERE` and `return None`. Replace both with your code and run the cell.
# - **The check cell.** The cell right below runs `check("id", your_function)`. While your
#   function still returns `None` it says "not attempted yet". Then it shows ✓ or ✗ for each
#   test input; for a ✗, the call, the inputs, the expected and the returned value, what is
#   wrong and a note on what that input tests. It never changes your code, so run it as often as
#   you like.
# - **Hints, in three stages**: a nudge, the mathematics, the code pattern. None is the whole
#   answer. Under each task, open them one at a time. A failed check shows the first, and the
#   next after two more failures; `hint("id")` shows the next one at once.
# - **Rules.** You may not call what you are asked to build (`actlib`'s own version, or
#   `np.tanh` where you build tanh from the sigmoid): the check then names the rule you broke.
# - **Predict, then run** (from notebook 01 on). Record a prediction in the box, then run the
#   cell below it: it computes the result and shows it beside your prediction, with the reason.
# - **Solutions.** If the copy of the series you were given includes the folder
#   `notebooks/solutions/`, it holds every notebook again, with the exercises worked, under the
#   same file name (this one: `solutions/00_why_activations.ipynb`). Your teacher may hand it
#   out later, or not at all: the check cells and the hints are there either way.
#
# Here is the feedback for a typical mistake in exercise 3, a collapsed bias that forgets `b2`
# (`example=True` marks a check that fails on purpose: it is never graded):

# %% id="00-working-through-the-exercises-code"
check("collapse_bias", lambda b1, W2, b2: b1 @ W2, example=True)

# %% [markdown] id="00-6-glossary-english-and-chinese"
# ## 6. Glossary: English and Chinese
#
# The source article is in Chinese. These are the terms of the series with the equivalents used
# in Chinese machine-learning texts, such as *Dive into Deep Learning* (《动手学深度学习》). The
# series' Chinese edition uses them, and so do its checker messages and its cheat sheet.

# %% [markdown] id="00-glossary-table" tags=["glossary"]
# *The glossary goes here: `tools/build_notebooks.py` writes it from `actlib/glossary.toml`.*

# %% [markdown] id="00-the-article-s-translation-slips"
# ### The article's translation slips
#
# The article was machine-translated from English, and some terms came out as the wrong
# Chinese word: a dictionary sense of the English word that does not fit, or a sound-alike.
# "Logistic" became 物流 (logistics, as in shipping goods), "function" became 功能 (a feature of
# a product), "derivative" became 派生词 (a word derived from another) and 衍生物 (a chemical
# derivative), and ReLU and GELU were read aloud into 热卢 ("hot Lu") and 格律 (metre in
# poetry). When you read the article, translate these back:

# %% [markdown] id="00-article-slips-table" tags=["article-slips"]
# *The table of slips goes here: `tools/build_notebooks.py` writes it from `actlib/glossary.toml`.*

# %% [markdown] id="00-check-your-understanding"
# ## Check your understanding
#
# 1. A network has ten layers of 100 units each and no activation functions. How many numbers
#    describe what it computes from 2 inputs to 2 outputs?
#    <details><summary>Answer</summary>Six: a 2 × 2 matrix and 2 biases (section 2), however
#    many parameters it was trained with.</details>
# 2. Can a single sigmoid neuron solve XOR?
#    <details><summary>Answer</summary>No. Its output is above 0.5 exactly where
#    z = w·x + b > 0, a half-plane: its boundary is a straight line, like that of every single
#    neuron with a rising activation (section 1). XOR needs a hidden layer.</details>
# 3. ReLU is linear for z > 0 and linear (zero) for z ≤ 0. Why is a ReLU network not linear?
#    <details><summary>Answer</summary>Because it switches between the two pieces at z = 0, and
#    each unit switches somewhere else. Already two units give |z| = relu(z) + relu(−z), which no
#    linear function equals, as the cell below computes.</details>

# %% id="00-check-your-understanding-code"
z = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
print("relu(z) + relu(-z):", actlib.relu(z) + actlib.relu(-z))
print("|z|:               ", np.abs(z))

# %% [markdown] id="00-summary"
# ## Summary
#
# | | without activations | with a nonlinear activation |
# |---|---|---|
# | what a stack of layers computes | one linear layer: $W = W_1 W_2 \cdots$, $\mathbf{b}$ folded in | a function no single layer can |
# | decision boundary | a straight line | curved, as the data needs |
# | learns a linear relationship | yes | yes |
# | learns XOR, or a curve | no: no straight line does | yes |
#
# The article, corrected: activations do convert a neuron's weighted sum into its output, and
# they are what makes a network more than one linear layer. Only the step function "decides
# whether a neuron is activated"; the others grade their output. Without them a network still
# learns, but only linear relationships.
#
# This notebook is the series' map (section 5); how to install and test the series is in the
# repository's `README.md`.
