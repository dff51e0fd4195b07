# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: Head to head
#     goals: "every activation trained on the same tasks (digits, spirals, a deep narrow network),
#       a TensorFlow-Playground-style playground, the article's claims tested, and which
#       activation to use"
#     budget_s: 30  # seconds per version: it trains every activation on two data sets
#     remember:
#       - 'On small tasks most modern activations finish within the spread of the seeds; the sigmoid is last.'
#       - 'Depth and initialisation separate them: a deep narrow network shows differences that shallow ones hide.'
#       - 'Compare on validation data with several seeds, and score on the test set once.'
# ---

# %% [markdown] id="07-title"
# # 07 · All activations head to head, and a playground
#
# Six notebooks took the activations one at a time. This one lines them all up: the same
# network, the same data, the same seeds, once shallow and once deep and narrow. Then it hands
# you a playground to run your own experiments, and it closes the series by checking every
# claim of the source article against the notebook that tested it.
#
# **You will learn to**
# - run a fair comparison of activations: same network, data, seeds and training, each
#   activation with its usual initialisation and, as a control, all with the same one;
# - read learning curves, final accuracy, epochs to a target and time per epoch, and tell a
#   difference between activations from the spread between seeds;
# - predict, then see from the gradient norm of every layer, why some activations stall in a
#   deep, narrow network and others train, and reason out an initialisation for Swish;
# - train networks yourself in a playground, and choose an activation for a new problem.
#
# The deep dives time every activation, follow the gradient through training, hold an open
# experiment of your own (an initialisation and a learning rate for Swish), and check the
# article's claims one by one against the notebooks that tested them.
#
# *About 50 minutes, plus 25 minutes of optional deep dives.
# Five exercises: two functions, a prediction and a derivation in the core, and an open
# experiment in a deep dive; each is checked or answered right below it.*

# %% [markdown] id="07-setup"
# ## Setup
# Run this cell first. It imports NumPy, Matplotlib and the series' helper package `actlib`,
# including its playground, and gives plain Matplotlib figures the series' look.

# %% id="07-setup-code"
import functools
import sys
import time
import timeit
import warnings

import matplotlib.pyplot as plt
import numpy as np

import actlib
from actlib import datasets, nn, playground, plotting, widgets
from actlib.exercises import check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="07-1-one-experiment-every-activation"
# ## 1. One experiment, every activation
#
# The rules of the comparison:
#
# - **the same network**: two hidden layers of 32 units, a linear output layer and the
#   cross-entropy of its softmax (notebook 05);
# - **the same data**: 300 of the 8×8 handwritten digits (ten classes; 300 other images to
#   validate on), and the two interleaved spirals of notebook 02 (300 points to train on, 100 to
#   validate on), both standardised. Every comparison below is made on the validation sets;
#   a test set of data no network was trained or compared on scores the result once, at the end
#   of this section;
# - **the same training**: plain mini-batch SGD, learning rate 0.1, batches of 32, 20 epochs;
# - **the same three seeds** for every activation: seed $s$ fixes the initial weights and the
#   order of the batches, so two activations with the same seed start from weights of the same
#   pattern, only scaled differently by their initialisation.
#
# The initial weights are drawn from $\mathcal N(0, \sigma^2)$, with the $\sigma$ that suits the
# activation (notebooks 02 to 04 derived them):
#
# $$\text{He: } \sigma = \sqrt{\frac{2}{\text{fan\_in}}} \qquad
#   \text{Xavier: } \sigma = \sqrt{\frac{2}{\text{fan\_in} + \text{fan\_out}}} \qquad
#   \text{LeCun: } \sigma = \sqrt{\frac{1}{\text{fan\_in}}}$$
#
# where fan_in and fan_out count a layer's inputs and outputs. The registry keeps the usual
# choice for each activation of notebooks 01 to 06 (its `init`):

# %% id="07-1-one-experiment-every-activation-code"
ELEMENTWISE = [n for n in actlib.activations.names(elementwise=True) if actlib.get(n).notebook < "07"]
INIT = {name: actlib.get(name).init for name in ELEMENTWISE}
for name, init in INIT.items():
    print(f"{name:16s} {init}")

# %% [markdown] id="07-exercise-1-init-std"
# He for ReLU and the ReLU-like activations, whose outputs keep about half of the variance;
# LeCun for SELU, whose constants assume it; Xavier for the sigmoid family and tanh, the
# original recommendation of [Glorot and Bengio (2010)](#ref-glorot2010). A choice of initialisation can favour one
# activation over another, so the experiment also runs every activation with **the same**
# initialisation, He's, as a control.
#
# ### Exercise 1 · `init_std`
# Write `init_std(init, fan_in, fan_out)`: the standard deviation $\sigma$ of the initial
# weights for `init` = `"he"`, `"xavier"` or `"lecun"`, from the formulas above (not from
# `nn.INITS`, where `actlib` keeps them).
#
# <!-- hints: init_std -->

# %% id="init-std-answer"
def init_std(init, fan_in, fan_out):
    """Return the standard deviation of the initial weights for 'he', 'xavier' or 'lecun'."""
    ### BEGIN SOLUTION
    variance = {"he": 2 / fan_in, "xavier": 2 / (fan_in + fan_out), "lecun": 1 / fan_in}
    return np.sqrt(variance[init])
    ### END SOLUTION


# %% id="init-std-check" tags=["check"]
check("init_std", init_std)

# %% [markdown] id="07-exercise-1-init-std-text"
# The data, split into training, validation and test sets and standardised with the training
# set's statistics. The digits' test images are the ones no network uses otherwise; the
# spirals' are 400 new points drawn from the same two spirals:

# %% id="07-exercise-1-init-std-code"
X, y = datasets.digits()
X_train, X_val, y_train, y_val = datasets.train_test_split(X, y, test_size=0.25, seed=0)
X_train, X_val = datasets.standardize(X_train, X_val)
TASKS = {"digits": (X_train[:300], y_train[:300], X_val[:300], y_val[:300])}
TEST = {"digits": (X_train[300:], y_train[300:])}
X, y = datasets.spirals(n=400, noise=0.05, seed=0)
X_new, y_new = datasets.spirals(n=400, noise=0.05, seed=1)
X_train, X_val, y_train, y_val = datasets.train_test_split(X, y, test_size=0.25, seed=0)
X_train, X_val, X_new = datasets.standardize(X_train, X_val, X_new)
TASKS["spirals"] = (X_train, y_train, X_val, y_val)
TEST["spirals"] = (X_new, y_new)
for task, (X_train, y_train, X_val, y_val) in TASKS.items():
    print(f"{task:8s} train {X_train.shape}, validation {X_val.shape}, test {TEST[task][0].shape}, "
          f"classes {np.unique(y_train)}")

# %% [markdown] id="07-exercise-1-init-std-text-2"
# One function trains one network and returns its history (`nn.train` records the validation
# accuracy of every epoch as `val_accuracy`), and keeps the trained network for the test at the
# end. It is cached, so a run that is asked for twice is
# trained once. It also notes the time per epoch, which the history does not keep because it
# changes from run to run. It counts processor time (`time.process_time`), which other
# programs running on the machine do not inflate, unlike the time on the clock.

# %% id="07-exercise-1-init-std-code-2"
SEEDS = (0, 1, 2)
SECONDS = {}  # (task, activation, init, hidden layers) -> processor seconds per epoch, per seed
NETS = {}  # run()'s arguments -> the trained network


@functools.cache
def run(task, name, init, seed, hidden=(32, 32), epochs=20, lr=0.1, std=None):
    """Train one network on one task; return its history."""
    X_train, y_train, X_val, y_val = TASKS[task]
    sizes = [X_train.shape[1], *hidden, len(np.unique(y_train))]
    net = nn.Network(sizes, name, init=init, std=std, seed=seed)
    start = time.process_time()
    history = nn.train(net, X_train, y_train, epochs=epochs, lr=lr, batch_size=32, seed=seed,
                       validation=(X_val, y_val))
    SECONDS.setdefault((task, name, init, hidden), []).append((time.process_time() - start) / epochs)
    NETS[task, name, init, seed, hidden, epochs, lr, std] = net
    return history


# %% [markdown] id="07-exercise-1-init-std-text-3"
# First the step function. Notebook 01 showed that its derivative is 0 wherever it exists, so
# no gradient passes through it. In a network that means the hidden layers never change; only
# the linear output layer learns. The gradient of every layer, after every epoch:

# %% id="07-exercise-1-init-std-code-3"
for task, chance in (("digits", 0.1), ("spirals", 0.5)):
    h = run(task, "step", "xavier", 0)
    g = np.asarray(h["grad_norm"])  # one row per epoch, one column per layer
    print(f"step on the {task}: largest gradient of the hidden layers {g[:, :-1].max()}, of the output "
          f"layer {g[:, -1].max():.2f}; validation accuracy {h['val_accuracy'][-1]:.2f} (chance {chance})")

# %% [markdown] id="07-exercise-1-init-std-text-4"
# Exactly zero, in every epoch. On the spirals the step network stays at chance level. On the
# digits it gets to about half right, which is not learning in the hidden layers: the output
# layer has learned to read a fixed random code, the 32 on/off outputs of the untouched hidden
# layers. Every trainable activation below does far better, so the step function leaves the
# race here.
#
# Now every other activation, three seeds each, with its recommended initialisation and with
# He's for all:

# %% id="07-exercise-1-init-std-code-4"
NAMES = [n for n in ELEMENTWISE if n != "step"]
runs = {(task, name): [run(task, name, INIT[name], s) for s in SEEDS] for task in TASKS for name in NAMES}
runs_he = {(task, name): [run(task, name, "he", s) for s in SEEDS] for task in TASKS for name in NAMES}
print(f"{len(SECONDS)} settings, {sum(map(len, SECONDS.values()))} networks trained")

# %% [markdown] id="07-exercise-2-epochs-to-target"
# ### Exercise 2 · `epochs_to_target`
# To compare how fast the activations learn, we count the epochs until the validation accuracy first
# reaches 90%. Write `epochs_to_target(epochs, accuracy, target=0.9)`: `epochs` and `accuracy`
# are a history's `h["epoch"]` and `h["val_accuracy"]`; return the epoch at which `accuracy`
# first is `>= target`, as a float, or `np.inf` if it never is.
#
# <!-- hints: epochs_to_target -->

# %% id="epochs-to-target-answer"
def epochs_to_target(epochs, accuracy, target=0.9):
    """Return the first epoch at which accuracy >= target, or np.inf if there is none."""
    ### BEGIN SOLUTION
    reached = np.flatnonzero(np.asarray(accuracy) >= target)
    return float(np.asarray(epochs)[reached[0]]) if reached.size else np.inf
    ### END SOLUTION


# %% id="epochs-to-target-check" tags=["check"]
check("epochs_to_target", epochs_to_target)

# %% [markdown] id="07-exercise-2-epochs-to-target-text"
# The table uses `actlib`'s version of the same function, `nn.epochs_to_target`. For
# each task: the median validation accuracy after 20 epochs with the lowest and highest of the
# three seeds, and the median number of epochs to 90% validation accuracy (– for never). The last two
# columns repeat the median accuracy with He's initialisation for everyone.

# %% id="07-exercise-2-epochs-to-target-code"
TARGET = 0.9


def accuracy_text(histories):
    """Median final validation accuracy and its range over the seeds."""
    final = [h["val_accuracy"][-1] for h in histories]
    return f"{np.median(final):.3f} ({min(final):.2f}–{max(final):.2f})"


def epochs_text(histories):
    """Median epochs to TARGET validation accuracy; '–' if most seeds never get there."""
    median = np.median([nn.epochs_to_target(h["epoch"], h["val_accuracy"], TARGET)
                        for h in histories])
    return "–" if np.isinf(median) else f"{median:.0f}"


print(f"{'':24s}{'digits':^28s}{'spirals':^28s}   He for all")
print(f"{'activation':16s}{'init':8s}" + f"{'accuracy (range)':>19s}{'epochs':>9s}" * 2 + "   digits spirals")
for name in NAMES:
    cells = "".join(f"{accuracy_text(runs[t, name]):>19s}{epochs_text(runs[t, name]):>9s}" for t in TASKS)
    control = [np.median([h["val_accuracy"][-1] for h in runs_he[t, name]]) for t in TASKS]
    print(f"{name:16s}{INIT[name]:8s}{cells}   {control[0]:6.3f} {control[1]:7.3f}")

# %% id="07-exercise-2-epochs-to-target-code-2"
# extra code – validation accuracy per epoch, final accuracy per seed, and time per epoch
fig, axes = plt.subplots(2, 2, figsize=(9.6, 7.6), layout="constrained")
for ax, task in zip(axes[0], TASKS):
    for name in NAMES:
        median = np.median([h["val_accuracy"] for h in runs[task, name]], axis=0)
        ax.plot(median, color=plotting.color(name), linestyle=plotting.linestyle(name), label=name)
    ax.axhline(TARGET, color="0.5", linestyle=":", linewidth=1)
    ax.text(0, TARGET + 0.01, "target", color="0.4", va="bottom")
    ax.set(title=f"{task}: validation accuracy, median of 3 seeds", xlabel="epoch", ylim=(0, 1.02))
axes[0, 1].legend(loc="lower right", ncols=2, fontsize=8)
rows = np.arange(len(NAMES))
for offset, task in ((-0.15, "digits"), (0.15, "spirals")):
    for i, name in enumerate(NAMES):
        final = [h["val_accuracy"][-1] for h in runs[task, name]]
        axes[1, 0].plot(final, np.full(3, i + offset), "o", color=plotting.color(name),
                        mfc="white" if task == "spirals" else None, ms=6)
    fastest = [1000 * min(SECONDS[task, n, INIT[n], (32, 32)]) for n in NAMES]  # least disturbed
    axes[1, 1].barh(rows + offset, fastest, height=0.3, color=[plotting.color(n) for n in NAMES],
                    alpha=1.0 if task == "digits" else 0.4)
axes[1, 0].set(title="final validation accuracy of each seed (● digits, ○ spirals)", xlabel="accuracy")
axes[1, 1].set(title="time per epoch, fastest seed (dark digits, pale spirals)",
               xlabel="milliseconds of processor time (varies from run to run)")
for ax in axes[1]:
    ax.set_yticks(rows, NAMES)
    ax.invert_yaxis()
plt.show()

# %% [markdown] id="07-exercise-2-epochs-to-target-text-2"
# What the table and the figure show (for these two tasks and these settings only):
#
# - **The sigmoid is last, by far**: 0.63 on the digits and a coin toss on the spirals. Its
#   slope, at most 1/4, makes every gradient small (notebook 01). The bipolar sigmoid, twice as
#   steep, does well on the digits and fails on the spirals too.
# - **The rest finish close together.** ReLU and its cousins, ELU, SELU, Swish and GELU end
#   between 0.91 and 0.95 on the digits and between 0.90 and 0.93 on the spirals, and the
#   ranges over the seeds overlap (ReLU on the spirals: 0.88 to 0.93). A difference of a point
#   or two between their medians is not evidence that one is better.
# - **They differ more in speed, and not the same way on both tasks.** On the digits SELU needs
#   4 epochs to reach 90%, ELU 5, ReLU 9; on the spirals Swish and GELU need 9, ReLU 14 and
#   SELU 16. No activation is fastest on both.
# - **The recommended initialisation is not the best one for the tanh family here.** With He's
#   larger weights for everyone (last two columns), tanh reaches 0.90 on the spirals instead of
#   0.71, and the bipolar sigmoid and the sigmoid improve too. Xavier's and LeCun's weights are
#   designed to keep the signal's size through many layers, not to make a shallow network
#   learn fast. The ReLU-like activations keep their numbers: He's initialisation is already
#   theirs, so those are the same runs. So the ranking at the top does not come from the choice
#   of initialisations.

# %% [markdown] id="07-the-test-set-once"
# ### The test set, once
#
# Everything above was compared on the validation sets. The test sets, which no network trained
# on and no comparison looked at, now score the same networks once (median of the three seeds,
# recommended initialisations):

# %% id="07-the-test-set-once-code"
print(f"{'activation':16s}{'digits':>8s}{'spirals':>9s}   median test accuracy of 3 seeds")
for name in NAMES:
    accuracy = [np.median([np.mean(NETS[t, name, INIT[name], s, (32, 32), 20, 0.1, None].predict(TEST[t][0])
                                   == TEST[t][1]) for s in SEEDS]) for t in TASKS]
    print(f"{name:16s}{accuracy[0]:8.3f}{accuracy[1]:9.3f}")

# %% [markdown] id="07-the-test-set-once-text"
# The test sets confirm the validation verdicts. The sigmoid is last (0.593 on the digits, 0.510
# on the spirals); with their recommended initialisation the bipolar sigmoid and tanh fail on
# the spirals (0.537 and 0.718); the others finish between 0.915 and 0.944 on the digits and
# between 0.920 and 0.955 on the spirals. Within that group the differences are again a few
# points, the size of the spread over seeds, and no activation is best on both tasks (SELU on
# the digits, the ReLU family on the spirals).

# %% [markdown] id="07-time-per-epoch" tags=["deep-dive"]
# ### Time per epoch
#
# The timings change from run to run, so this cell prints them without
# being checked (the marker on its first line tells the notebook tests to skip its output). It
# also times the activations alone, on a million values, to test the article's claim that ReLU
# is faster because it computes no exponential:

# %% id="07-exercise-2-epochs-to-target-code-3"
# NBVAL_IGNORE_OUTPUT
# (timings vary from run to run and from machine to machine)
million = np.random.default_rng(0).normal(size=10**6)


def ms(fn):
    """Best of 3 timings of fn(), in milliseconds of processor time."""
    return 1000 * min(timeit.repeat(fn, timer=time.process_time, number=1, repeat=3))


print(f"{'activation':16s}{'ms per epoch: digits':>21s}{'spirals':>9s}{'f on 10^6 values':>20s}")
for name in NAMES:
    epoch = [1000 * np.median(SECONDS[t, name, INIT[name], (32, 32)]) for t in TASKS]
    print(f"{name:16s}{epoch[0]:21.1f}{epoch[1]:9.1f}{ms(lambda: actlib.get(name)(million)):17.1f} ms")
for label, fn in [("np.maximum(x, 0)", lambda: np.maximum(million, 0.0)),
                  ("np.exp(x)", lambda: np.exp(million)),
                  ("np.where(x > 0, x, 0.01 x)", lambda: np.where(million > 0, million, 0.01 * million))]:
    print(f"{label:46s}{ms(fn):17.1f} ms")

# %% [markdown] id="07-time-per-epoch-text"
# ReLU is the fastest function by far: one pass of `np.maximum`. But look at the last three
# lines before blaming the exponential. On the machine that built this notebook `np.exp` took
# about as long as `np.maximum`, and `np.where`, which picks between two branches, more than ten
# times as long; Leaky ReLU, which has no exponential at all, took about ten times as long as
# ReLU. In NumPy the cost is mostly the number of passes over the array and the branches (the
# stable formulas of notebooks 01 and 04 need both), not the exponential. Run the cell to see
# your machine's numbers.
#
# A whole training epoch changes far less than the function does. On the machine that built
# this notebook the slowest, GELU, took about twice as long per epoch as ReLU, and most
# activations less than one and a half times: most of an epoch is matrix products and
# bookkeeping that are the same for every activation. So "no exponentials, so faster" is right
# that ReLU is the cheapest, wrong about why (in NumPy, at least), and a modest effect on
# training.

# %% [markdown] id="07-2-a-deep-narrow-network"
# ## 2. A deep, narrow network
#
# Depth is where the activations part ways. The same digits, now with **ten hidden layers of
# 32 units**, learning rate 0.05 and 10 epochs, two seeds (0 and 1). Two extra setups show what
# happens without care: tanh with "small random weights" ($\sigma = 0.05$, the advice of old
# textbooks), and ReLU with LeCun's initialisation, which lacks He's factor 2. Before the
# networks train, predict: run the next cell and choose.

# %% id="07-2-predict-deep-best"
predict("07-deep-best")

# %% id="07-2-a-deep-narrow-network-code"
DEEP = dict(hidden=(32,) * 10, epochs=10, lr=0.05)
SETUPS = {name: (name, INIT[name], None) for name in NAMES}  # label: activation, init, std
SETUPS["tanh, σ = 0.05"] = ("tanh", "normal", 0.05)
SETUPS["relu, lecun"] = ("relu", "lecun", None)
deep = {label: [run("digits", name, init, s, std=std, **DEEP) for s in (0, 1)]
        for label, (name, init, std) in SETUPS.items()}

# %% [markdown] id="07-2-a-deep-narrow-network-text"
# The table gives, after 10 epochs, the median validation accuracy (with both seeds) and training
# loss; chance level is 0.1 and $\log 10 \approx 2.30$. Then three numbers of the untrained
# network (seed 0). The spread (std) of the tenth hidden layer's outputs on the training
# images says whether the signal survives the way up. The history keeps the norm of every
# layer's weight gradient, $\lVert \partial L / \partial W \rVert$, from epoch 0 on: its
# size at layer 10, and the ratio of layer 1's to layer 10's, say whether the gradient survives
# the way down.

# %% id="07-2-a-deep-narrow-network-code-2" tags=["reveal", "exercise-predict"]
print(f"{'':18s}{'after 10 epochs':^27s}{'at the start':^45s}")
print(f"{'':18s}{'val. accuracy':>19s}{'loss':>8s}{'std, layer 10':>15s}{'gradient, layer 10':>20s}"
      f"{'layer 1 / 10':>14s}")
for label, histories in deep.items():
    name, init, std = SETUPS[label]
    net = nn.Network([64, *DEEP["hidden"], 10], name, init=init, std=std, seed=0)
    net.forward(TASKS["digits"][0])
    g = histories[0]["grad_norm"][0]  # one norm per layer, at epoch 0, seed 0
    loss = np.median([h["loss"][-1] for h in histories])
    print(f"{label:18s}{accuracy_text(histories):>19s}{loss:8.3f}{net.activations[9].std():15.1e}"
          f"{g[9]:20.1e}{g[0] / g[9]:14.1e}")
median = {k: np.median([h["val_accuracy"][-1] for h in deep[k]]) for k in ("sigmoid", "tanh", "relu", "selu")}
observed = max(median, key=median.get)  # the best of the four, by median validation accuracy
reveal("07-deep-best", observed,
       evidence="median validation accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in median.items()))

# %% id="07-2-a-deep-narrow-network-code-3"
# extra code – training loss per epoch and gradient norm per layer at the start
def style(label):
    """Colour and line style of the activation; dotted for the careless setups."""
    name = label.split(",")[0]
    return dict(color=plotting.color(name), linestyle=":" if "," in label else plotting.linestyle(name))


fig, (loss_ax, grad_ax) = plt.subplots(1, 2, figsize=plotting.FIGSIZE[2], layout="constrained")
for label, histories in deep.items():
    loss_ax.semilogy(np.median([h["loss"] for h in histories], axis=0), **style(label), label=label)
    grad_ax.semilogy(np.arange(1, 12), np.median([h["grad_norm"][0] for h in histories], axis=0),
                     marker="o", ms=3, **style(label))
loss_ax.set(xlabel="epoch", ylabel="training loss (mean of 2 seeds)")
grad_ax.set(xlabel="layer (11: output)", ylabel="norm of dL/dW at the start")
fig.legend(loc="outside right upper", fontsize=8)
plt.show()

# %% [markdown] id="07-2-a-deep-narrow-network-text-2"
# - **The sigmoid stalls, even with its own initialisation.** Its first layer gets a few
#   millionths of the tenth layer's gradient, and the loss stays at $\log 10$: chance level.
# - **The bipolar sigmoid stalls for another reason.** Its gradient does not fade on the way
#   down (ratio about 1), but its signal fades on the way up: with Xavier's weights and a slope
#   of at most 1/2, the tenth layer's outputs have a spread below $10^{-3}$, and every
#   gradient is small with them.
# - **tanh trains with Xavier's weights** (0.775 after 10 epochs, ahead of ReLU), **and stalls
#   without care.** With "small random weights"
#   ($\sigma = 0.05$) the tenth layer's outputs have a spread of a few millionths: nothing
#   reaches the output, nothing comes back.
# - **ReLU learns with He's initialisation, but slowly here**: 0.598 after 10 epochs (loss
#   0.88), behind tanh, and Leaky ReLU does no better (0.513). With LeCun's weights, which halve
#   the variance at every layer (a spread of 0.03 at layer 10, against 0.87 with He's), it
#   hardly learns at all (0.208, loss 2.15).
# - **SELU trains fastest**, followed by PReLU and ELU. SELU's signal keeps a spread of about 1
#   and its gradient the same size in every layer, as notebook 04 predicted from its fixed
#   point. **Swish and GELU lag behind**, and their signal shrinks on the way up (a spread of
#   0.22 and 0.57 at layer 10). Why, with He's weights, which suit ReLU?
#
# ### Exercise 3 · `swish_init`
# Reason it out for small signals, where Swish is close to its tangent at 0 (notebook 06 derived
# its slope there). Which variance of the weights keeps the variance of a small signal the same
# from one Swish layer to the next?
#
# - `"he"`: He's $\sigma^2 = 2 / \text{fan\_in}$;
# - `"lecun"`: LeCun's $\sigma^2 = 1 / \text{fan\_in}$ (Xavier's, for these square layers);
# - `"four"`: $\sigma^2 = 4 / \text{fan\_in}$;
# - `"any"`: any of them, since the network pulls the variance back to a fixed point.
#
# <!-- hints: swish_init -->

# %% id="swish-init-answer"
def swish_init():
    """Return the key of your choice: "he", "lecun", "four" or "any"."""
    ### BEGIN SOLUTION
    return "four"
    ### END SOLUTION


# %% id="swish-init-check" tags=["check", "exercise-derive"]
check("swish_init", swish_init)

# %% [markdown] id="07-swish-init-computed"
# Checked on ten random Swish layers of 32 units, for a small signal (standard deviation 0.01)
# and for one of order 1. `nn.depth_statistics` sends a batch of random inputs through and
# returns the spread of every layer's output:

# %% id="07-swish-init-computed-code"
for input_std in (0.01, 1.0):
    for label, init, std in (("He's", "he", None), ("4 / fan_in", "normal", np.sqrt(4 / 32))):
        spread = nn.depth_statistics("swish", depth=10, width=32, init=init, std=std, n=1000,
                                     input_std=input_std)["std"]
        print(f"inputs with std {input_std:4.2f}, weights {label:10s}: spread at layers 1, 5, 10 = "
              f"{spread[0]:.2g}, {spread[4]:.2g}, {spread[9]:.2g}")

# %% [markdown] id="07-swish-init-computed-text"
# With He's weights a small signal loses half of its variance at every layer (its spread falls by
# a factor of about 0.7), and a signal of order 1 loses less but still shrinks; that is the lag
# of the table. With $\sigma^2 = 4 / \text{fan\_in}$ a small signal keeps its size, but one of
# order 1 grows at every layer: for large inputs Swish is close to ReLU, for which these weights
# are twice too large. Unlike ReLU, Swish has no initialisation that suits every size of signal.
# Whether larger weights make the deep Swish network *train* better is another question; the
# open experiment, a deep dive below, asks it.

# %% [markdown] id="07-gradient-profile" tags=["deep-dive"]
# ### The gradient profile during training
#
# How the gradient profile changes during training, for one run at a time (seed 0). Pick a
# network:

# %% id="07-2-a-deep-narrow-network-code-4"
def draw_profile(fig, network):
    """Gradient norm per layer at epochs 0, 1, 3 and 10 of one deep run."""
    ax = fig.subplots()
    g = np.asarray(deep[network][0]["grad_norm"])
    for epoch, shade in zip((0, 1, 3, 10), (0.25, 0.5, 0.75, 1.0)):
        ax.semilogy(np.arange(1, 12), g[epoch], marker="o", color=style(network)["color"],
                    alpha=shade, label=f"epoch {epoch}")
    ax.set(xlabel="layer (11: output)", ylabel="norm of dL/dW", ylim=(1e-9, 1e2),
           title=f"{network}: gradient per layer (seed 0)")
    ax.legend(loc="lower right")


widgets.interactive_figure(draw_profile, network=list(deep))

# %% [markdown] id="07-experiment-swish" tags=["deep-dive"]
# ### Open experiment · an initialisation for Swish
#
# **Question.** In the deep network Swish with He's weights reached a median validation
# accuracy of 0.47, against SELU's 0.89. Can a larger initialisation, $\sigma^2 = c /
# \text{fan\_in}$ with $c > 2$, or another learning rate let it catch up? The template trains
# the network of §2 with Swish for a few factors $c$ and learning rates, two seeds each, chooses
# the setting with the best median validation accuracy, and scores that one setting on the test
# set, once. Change the grid (or the activation) and run it again; then answer below.
#
# **Rubric** (your answer, a few sentences):
# 1. It names the setting the validation set chooses, with its median validation accuracy and
#    the range over the seeds.
# 2. It compares it with Swish under He's weights and with SELU (§2), on the same validation set.
# 3. It reports the test accuracy of the chosen setting, computed once, and says whether it
#    agrees with the validation figure.
# 4. It names one limit of the experiment and a run that would settle it.

# %% id="07-experiment-swish-code"
FACTORS, LRS = (2.0, 3.0, 4.0), (0.05, 0.1)  # c = 2 is He's initialisation
X_tr, y_tr, X_va, y_va = TASKS["digits"]


def deep_swish(c, lr, seed):
    """The network of §2 with Swish and weights of variance c / fan_in; (net, history, diverged)."""
    net = nn.Network([64, *DEEP["hidden"], 10], "swish", init="he", seed=seed)
    for layer in net.layers[:-1]:
        layer.W *= np.sqrt(c / 2)  # He's variance is 2 / fan_in
    with warnings.catch_warnings(record=True) as caught:  # a diverging run warns; count it
        warnings.simplefilter("always")
        h = nn.train(net, X_tr, y_tr, epochs=DEEP["epochs"], lr=lr, batch_size=32, seed=seed,
                     validation=(X_va, y_va))
    return net, h, bool(caught)


# %% id="07-experiment-swish-code-2"
trials = {(c, lr): [deep_swish(c, lr, s) for s in (0, 1)] for c in FACTORS for lr in LRS}
val = {k: [h["val_accuracy"][-1] for _, h, _ in v] for k, v in trials.items()}
print("   c    lr   validation accuracy (seeds 0, 1)   median   runs that diverged")
for (c, lr), acc in val.items():
    print(f"{c:4g} {lr:5g}   {acc[0]:13.3f} {acc[1]:6.3f} {np.median(acc):19.3f} "
          f"{sum(d for *_, d in trials[c, lr]):12d}")
best = max(val, key=lambda k: np.median(val[k]))
print(f"chosen on validation: c = {best[0]:g}, lr = {best[1]:g}; in §2, swish (He, lr 0.05) "
      f"{accuracy_text(deep['swish'])}, selu {accuracy_text(deep['selu'])}")
X_te, y_te = TEST["digits"]
test = [np.mean(net.predict(X_te) == y_te) for net, _, _ in trials[best]]
print(f"test accuracy of the chosen setting, once: {np.median(test):.3f} (seeds {test[0]:.3f}, {test[1]:.3f})")

# %% [markdown] id="07-experiment-swish-answer" tags=["exercise-experiment"]
# **Your answer.**
#
# <!-- BEGIN SOLUTION -->
# The validation set chooses $c = 3$ ($\sigma^2 = 3 / \text{fan\_in}$, 1.5 times He's) with
# learning rate 0.1: a median validation accuracy of 0.713 (0.717 and 0.710 for the two seeds).
# That is far above Swish with He's weights at learning rate 0.05 in §2 (0.468, 0.43–0.50) and
# far below SELU (0.892, 0.89–0.89): Swish narrows the gap but does not catch up. Part of the
# gain is the learning rate, not the initialisation: with He's weights ($c = 2$), 0.1 alone gives
# 0.627. The factor that keeps a small signal's variance, $c = 4$, does not help: 0.440 at 0.05,
# and both runs diverge at 0.1, as signals of order 1 grow through the layers (the check after
# Exercise 3). On the test set, computed once for the chosen setting only, it scores 0.705 (0.705
# and 0.704), in line with its validation accuracy. Limits: two seeds, ten epochs, one task and a
# grid of six settings, while SELU got no search at all; training longer, with more seeds and the
# same learning-rate search for SELU, would show whether the gap closes or only narrows.
# <!-- END SOLUTION -->

# %% [markdown] id="07-3-the-playground"
# ## 3. The playground
#
# Now it is your turn. The playground below trains a network on a 2-D toy set while you watch,
# in the spirit of the TensorFlow Playground. Choose the data set, the activation, the
# initialisation (`recommended` is the table of section 1), the number of hidden layers and
# their width, the learning rate and the seed, then press **Train**. The left panel shows
# which class the network predicts where (the black line is the decision boundary), the
# right one the loss on the training points and on held-out validation points. **Stop** pauses,
# **Train** continues, **Reset** starts again. Changing any setting starts again from an
# untrained network, whose boundary you see at once; the title names every setting.
#
# Things to try:
# 1. *circles* with 0 hidden layers: without a hidden layer the boundary is a straight line,
#    whatever the activation (notebook 00), and the accuracy stays near 0.5. One hidden layer
#    of 4 units is enough to enclose the inner circle.
# 2. *spirals* with 2 × 8 units: tanh against sigmoid against ReLU. Which reaches 0.9 first?
# 3. *step*: the first layer's lines never move. Only the output layer learns, so the
#    boundary can only switch between pieces of those lines (section 1).
# 4. *spirals* with 8 hidden layers: the sigmoid learns nothing with Xavier's weights or with
#    He's; SELU, with LeCun's, learns the spirals.
# 5. Learning rate 3 with PReLU: the run diverges within an epoch, and the status line says so.
# 6. The same settings with three seeds: how different are the results?
#
# Training runs in the background, one epoch at a time, so the notebook stays usable: while it
# trains, run the cell below it, or press Stop.

# %% id="07-3-the-playground-code"
pg = playground.playground(dataset="spirals", activation="tanh")
pg

# %% id="07-3-the-playground-code-2"
print(pg.status.value)

# %% [markdown] id="07-3-the-playground-text"
# In code, `pg.step(50)` trains 50 epochs at once and `pg.update()` redraws; `pg.history` is
# the `nn.train` history of the current network.

# %% [markdown] id="07-4-the-article-s-claims-tested" tags=["deep-dive"]
# ## 4. The article's claims, tested
#
# The series started from an article that describes each activation. Here is every claim the
# notebooks tested, with a verdict: **holds**, **rule of thumb** (true in spirit, not as
# stated), **misleading** (true in part, or true but implying something false) or **wrong**.
# Each link opens the notebook at the section with the evidence. (JupyterLab sometimes opens a
# notebook at its top on the first click; click the link again to jump to the section.)
#
# | | Claim of the article | Verdict | What the computation shows | Evidence |
# |---|---|---|---|---|
# | 1 | the step function's zero gradient hinders backpropagation | **holds** | worse than "hinders": nothing but the output layer ever changes (re-checked in §1) | [01 · step](01_step_and_sigmoid.ipynb#Why-a-zero-gradient-blocks-learning) |
# | 2 | the sigmoid suits outputs that are probabilities | **holds** | it is the inverse of the log-odds: logistic regression | [01 · sigmoid](01_step_and_sigmoid.ipynb#The-sigmoid-as-a-probability) |
# | 3 | the sigmoid's gradient is only meaningful in −3 … 3 | **rule of thumb** | at ±3 the slope is still 18% of its peak; it falls smoothly, like $e^{-\lvert x\rvert}$ | [01, §3](01_step_and_sigmoid.ipynb#3.-The-derivative,-and-where-the-sigmoid-saturates) |
# | 4 | sigmoid networks suffer from vanishing gradients | **holds** | at most $0.25^N$ through $N$ layers; the deep sigmoid network of §2 stalls | [01, §4](01_step_and_sigmoid.ipynb#4.-Vanishing-gradients-through-depth) |
# | 5 | tanh has the sigmoid's S shape, range −1 to 1, and is bipolar | **holds** | $\tanh x = 2\sigma(2x) - 1$; the range is open, though float64 reaches ±1 | [02, §1](02_tanh.ipynb#1.-tanh-is-a-rescaled-sigmoid) |
# | 6 | zero-centred tanh makes strongly negative, neutral and positive inputs easier to model | **misleading** | a sigmoid network and a tanh network compute the same functions; only training speed differs | [02, §3](02_tanh.ipynb#What-a-network-can-represent-does-not-change) |
# | 7 | the sigmoid's non-zero-centred output makes updates go in different directions | **misleading** | the reverse: all of a unit's weight updates share one sign | [02, §3](02_tanh.ipynb#The-sign-of-the-next-layer's-updates) |
# | 8 | tanh is adopted for "a special type of network called the backpropagation network" | **misleading** | there is no such type: every network here is trained by backpropagation | [02, §3](02_tanh.ipynb#Training:-four-networks,-four-seeds) |
# | 9 | ReLU also faces a vanishing gradient problem like the sigmoid | **misleading** | not like the sigmoid: its slope is exactly 1 for $x > 0$, and with He's weights the gradient keeps its size through the layers; not absent either: with LeCun's weights the signal shrinks layer after layer and the deep network of §2 hardly learns (0.208), and a dead unit passes no gradient at all | [03, §3](03_relu_family.ipynb#cell-id=03-3-no-vanishing-gradient-for) |
# | 10 | ReLU is faster because it computes no exponentials or divisions | **partly** | ReLU is the cheapest function, but not for the reason given: in NumPy `np.exp` costs about what `np.maximum` does, and the number of passes over the array and the branches decide (§1); a modest effect on a training epoch | [03, §2](03_relu_family.ipynb#2.-Cheap-to-compute) |
# | 11 | in practice ReLU always outperforms the sigmoid | **wrong** | usually (both tasks of §1); a tiny XOR network with a large learning rate is a counterexample | [03, §5](03_relu_family.ipynb#cell-id=03-5-does-relu-always-outperform-the) |
# | 12 | ReLU's zero gradient creates dead neurons that are never activated | **holds** with plain SGD | in the first layer for good with plain SGD (with momentum the weights coast on a little); units of deeper layers can come back | [03, §6](03_relu_family.ipynb#6.-The-dying-ReLU-problem) |
# | 13 | Leaky ReLU has no dead neurons | **holds** | by construction: its slope is never 0, though 1% of a gradient is little | [03, §7](03_relu_family.ipynb#7.-Leaky-ReLU) |
# | 14 | PReLU is $f(x) = \max(ax, x)$ | **misleading** | only for $a \le 1$; with $a = 2$ it is the mirror image (re-checked below) | [03, §8](03_relu_family.ipynb#8.-PReLU:-a-slope-that-is-learned) |
# | 15 | ELU uses a logarithmic curve for negative inputs | **wrong** | the curve is exponential: $\log(\mathrm{ELU}(x) + \alpha)$ is a straight line (re-checked below) | [04, §1](04_elu_selu.ipynb#1.-ELU:-an-exponential-negative-branch) |
# | 16 | ELU pushes the mean activation towards zero | **holds** | it lowers it (0.40 for ReLU, 0.16 for ELU), it does not remove it | [04, §3](04_elu_selu.ipynb#3.-The-mean-activation:-closer-to-zero,-not-zero) |
# | 17 | ELU avoids the dead ReLU problem | **holds** | its slope $\alpha e^x$ is never 0, but small for very negative inputs | [04, §4](04_elu_selu.ipynb#4.-Can-ELU-units-die?) |
# | 18 | SELU makes each layer keep the previous layer's mean and variance | **misleading** | it drives them to the fixed point (0, 1), whatever they were (re-checked below) | [04, §6](04_elu_selu.ipynb#6.-Self-normalisation-through-depth) |
# | 19 | SELU needs a region with gradient greater than 1 to increase the variance | **holds** | with $\lvert f'\rvert \le 1$ and LeCun's weights the variance can only shrink | [04, §7](04_elu_selu.ipynb#cell-id=04-7-a-region-with-gradient-greater-than-1) |
# | 20 | SELU's internal normalisation makes the network converge faster | **holds** here | faster than ReLU and tanh in the deep networks of notebook 04 (ELU about as fast) and of §2; in epochs to a target, also faster than batch normalisation: far ahead of ReLU with it, about one epoch ahead of ELU with it (one task, one learning rate) | [04, §8](04_elu_selu.ipynb#8.-Does-SELU-converge-faster?) |
# | 21 | softmax turns a large input into a large probability | **misleading** | only differences between scores matter: a score of 1000 can get a tiny probability (re-checked below) | [05, §3](05_softmax.ipynb#3.-Only-the-differences-between-scores-matter) |
# | 22 | softmax outputs lie between 0 and 1 | **holds** | in the open interval, mathematically; in float64 a probability can round to exactly 0 or 1 | [05, §4](05_softmax.ipynb#cell-id=05-between-0-and-1-open-or-closed) |
# | 23 | softmax returns the probability of each class | **misleading** | it returns *a* distribution; whether it is calibrated must be checked | [05, §6](05_softmax.ipynb#6.-A-digit-classifier-with-a-softmax-output) |
# | 24 | Swish is smooth, non-monotonic, bounded below and unbounded above | **holds** | all four computed; its minimum is $-0.2785/\beta$ | [06, §2](06_swish_gelu.ipynb#2.-Checking-the-article's-four-properties) |
# | 25 | Swish is one of the first compound activation functions | **misleading** | vague history: $x\,\sigma(x)$ (SiLU) was named in the GELU paper before "Swish" | [06, §3](06_swish_gelu.ipynb#SiLU,-and-who-came-first) |
# | 26 | GELU is motivated by combining dropout, zoneout and ReLU | **holds** as motivation | GELU is the expected output of a random gate; the function itself is deterministic | [06, §4](06_swish_gelu.ipynb#cell-id=06-where-dropout-zoneout-and-relu-comes) |
#
# Each link leads to the section with the evidence; the series' tests check that it still does.

# %% [markdown] id="07-4-the-article-s-claims-tested-text"
# A few of the numbers behind the verdicts, computed once more here:

# %% id="07-4-the-article-s-claims-tested-code-3"
print(f"row 3:  sigmoid'(3) / sigmoid'(0) = {actlib.sigmoid.derivative(3.0) / actlib.sigmoid.derivative(0.0):.0%}")
x = np.array([-2.0, -1.0, 1.0, 2.0])
print(f"row 14: prelu(x, a=2) = {actlib.prelu(x, a=2.0)}, max(2x, x) = {np.maximum(2 * x, x)}")
x = np.linspace(-8, 0, 9)
slope = np.polyfit(x, np.log(actlib.elu(x) + 1.0), 1)[0]
print(f"row 15: log(elu(x) + 1) on [-8, 0] is a straight line of slope {slope:.6f}: exponential")
stats = nn.depth_statistics("selu", depth=30, width=100, init="lecun", n=300, input_std=2.0)
print(f"row 18: SELU, variance 4.00 at the input, {stats['std'][0] ** 2:.2f} after layer 1, "
      f"{stats['std'][-1] ** 2:.2f} after layer 30")
p_large, p_small = actlib.softmax(np.array([1000.0, 1010.0])), actlib.softmax(np.array([-5.0, -10.0]))
print(f"row 21: a score of 1000 next to 1010 gets probability {p_large[0]:.1e}; "
      f"a score of -5 next to -10 gets {p_small[0]:.4f}")

# %% [markdown] id="07-5-which-activation-should-i-use"
# ## 5. Which activation should I use?
#
# Most networks today are trained with more than plain SGD, so first the deep network of §2
# once more, for one activation of each kind, with one change at a time: **Adam** (Kingma and
# Ba, 2015), which divides each weight's step by a running estimate of its gradient's size, at
# learning rate 0.003 (three times the customary 0.001: 10 epochs are only 100 steps); and
# **batch normalisation** before every activation (notebook 04, §8), with SGD at 0.05 as in §2.

# %% id="07-5-which-activation-should-i-use-code"
@functools.cache
def rerun(name, seed, optimizer, lr, norm=None):
    """The deep network of §2 with another optimiser or with batch normalisation; its history."""
    X_train, y_train, X_val, y_val = TASKS["digits"]
    net = nn.Network([64, *DEEP["hidden"], 10], name, init=INIT[name], norm=norm, seed=seed)
    return nn.train(net, X_train, y_train, epochs=DEEP["epochs"], lr=lr, batch_size=32, seed=seed,
                    validation=(X_val, y_val), optimizer=optimizer)


FIVE = ("sigmoid", "tanh", "relu", "selu", "swish")
table = {"SGD 0.05 (§2)": {n: deep[n] for n in FIVE},
         "Adam 0.003": {n: [rerun(n, s, "adam", 0.003) for s in (0, 1)] for n in FIVE},
         "SGD + batch norm": {n: [rerun(n, s, "sgd", 0.05, "batch") for s in (0, 1)] for n in FIVE}}
print("median validation accuracy after 10 epochs (range of the 2 seeds); spread: best minus\n"
      "worst median of tanh, relu, selu and swish\n" + " " * 9 + "".join(f"{c:>19s}" for c in table))
for name in FIVE:
    print(f"{name:9s}" + "".join(f"{accuracy_text(column[name]):>19s}" for column in table.values()))
medians = [[np.median([h["val_accuracy"][-1] for h in column[n]]) for n in FIVE[1:]] for column in table.values()]
print(f"{'spread':9s}" + "".join(f"{np.ptp(m):>19.3f}" for m in medians))

# %% [markdown] id="07-5-which-activation-should-i-use-text"
# What changes: Adam and batch normalisation shrink the differences (the spread), and SELU stays
# first in every column. The advice:
#
# - **Hidden layers: start with ReLU** and He's initialisation, as a default rather than a
#   winner: the cheapest function, in the leading group of §1 on both tasks. In the deep
#   network it trails with plain SGD (0.598 against tanh's 0.775); Adam (0.790) and batch
#   normalisation (0.680) narrow the gap without closing it. If units die (notebook 03), use
#   **Leaky ReLU**; if the network is deep, try **PReLU, ELU or SELU**, or add normalisation.
# - **Deep networks: SELU** with LeCun's initialisation trained fastest in every column and in
#   notebook 04 (also against batch normalisation), because it holds every layer's signal at
#   variance 1. Its lead is largest with plain SGD (0.892 against 0.775), 2 and 6 points with
#   Adam and normalisation. Its guarantee assumes fully connected layers and standardised inputs.
# - **Swish and GELU** were no better than ReLU on these small tasks; in the deep network He's
#   weights are too small for them, which Adam, whose steps do not shrink with the gradient,
#   mostly makes up for (Swish 0.468 with SGD, 0.837 with Adam). Their reported gains come from
#   large models (notebook 06), not tested here.
# - **tanh** works in shallow networks and recurrent cells, and beat ReLU in the deep network in
#   every column; but too small weights make a deep tanh network stall (§2). The **sigmoid**
#   belongs in the output of a binary classifier and in gates: in the deep network it stalls
#   with SGD and Adam, and trains only with batch normalisation (0.768).
# - **Softmax** is for the output layer of a multi-class classifier, paired with the
#   cross-entropy (notebook 05). The **step** function cannot be trained by gradient descent.
#
# The limits: two small data sets, layers of 32 units, one learning rate per optimiser, Adam
# and batch normalisation only in the deep network for five activations, three seeds (two in
# the deep network), tens of epochs. Differences of a point or two were within the spread of
# the seeds; the failures (the sigmoid in depth, careless initialisation, the step function)
# are large and repeat on every seed. When the choice matters, compare on your own data.
#
# ## Check your understanding
#
# 1. Why does the comparison run every activation with the same three seeds?
#    <details><summary>Answer</summary>So that a difference between activations is not a
#    difference between lucky and unlucky starts: every activation gets the same initial
#    weight patterns and batch orders, and the spread over the seeds shows how large a
#    difference must be to mean something.</details>
# 2. A 10-layer sigmoid network with Xavier's initialisation does not learn. Which number in
#    its history shows why, before any training?
#    <details><summary>Answer</summary>The gradient norm per layer at epoch 0 (`grad_norm[0]`):
#    the first layer's is a few millionths of the tenth layer's (section 2).</details>

# %% [markdown] id="07-summary"
# ## Summary
#
# | | shallow network (2 × 32), §1 | deep network (10 × 32), §2 | use it for |
# |---|---|---|---|
# | step | hidden layers never change | — | nothing trained by gradient descent |
# | sigmoid | last by far (0.63 on the digits, chance on the spirals) | stalls, even with Xavier's weights | binary outputs, gates |
# | bipolar sigmoid | good on the digits, fails on the spirals | stalls: the signal fades | historical |
# | tanh | good on the digits; on the spirals better with He's weights | trains with Xavier's weights (ahead of ReLU), stalls with small ones | shallow networks, RNN cells |
# | ReLU, Leaky ReLU, PReLU | in the leading group | learn with He's weights, slowly for ReLU and Leaky ReLU; hardly with LeCun's; PReLU faster | the default for hidden layers (plain SGD, no normalisation) |
# | ELU, SELU | in the leading group; fastest to 90% on the digits | fastest (SELU with LeCun's weights) | deep networks without normalisation |
# | Swish, GELU | in the leading group; fastest to 90% on the spirals | slower: He's weights are too small for them | large models (EfficientNet, transformers) |
