# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: Step and sigmoid
#     goals: "the threshold neuron and its zero gradient, the sigmoid as a probability,
#       saturation, vanishing gradients through depth, a numerically stable sigmoid, the bipolar
#       sigmoid"
#     remember:
#       - 'The step function has zero gradient wherever it has one, so gradient descent cannot train it.'
#       - 'The sigmoid maps any score to (0, 1), and its slope is at most 1/4, so gradients shrink through sigmoid layers.'
#       - 'Compute the sigmoid from e^(−|x|), so that nothing overflows.'
# ---

# %% [markdown] id="01-title"
# # 01 · The step function and the sigmoid
#
# The oldest activations: a neuron that either fires or does not, and its smooth successor that
# made gradient descent possible.
#
# **You will learn to**
# - explain why the binary step function cannot be trained by gradient descent, and show it;
# - read the sigmoid's output as a probability, and its derivative as how much a neuron can learn;
# - derive the sigmoid's slope from its output, the form backpropagation uses;
# - measure where the sigmoid saturates and how gradients vanish through many sigmoid layers;
# - write a sigmoid that does not overflow, and relate the bipolar sigmoid to tanh.
#
# *About 50 minutes, plus 10 minutes of optional deep dives. Six exercises: a prediction, a
# derivation and four functions to write (one in a deep dive), each checked the moment you run
# the cell below it.*

# %% [markdown] id="01-setup"
# ## Setup
# Run this cell first. It imports NumPy, Matplotlib and the series' helper package `actlib`,
# and gives plain Matplotlib figures the series' look. Every cell that draws random numbers
# seeds its own generator, so you see the same numbers as everyone else, however often you run
# it.

# %% id="01-setup-code"
import sys
import warnings
from decimal import Decimal, localcontext

import matplotlib.pyplot as plt
import numpy as np

import actlib
from actlib import plotting, widgets
from actlib.agreement import agree
from actlib.exercises import check, predict, reveal

assert sys.version_info >= (3, 11), "this series needs Python 3.11 or newer"
plotting.use_style("notebook")

# %% [markdown] id="01-1-the-binary-step-function"
# ## 1. The binary step function
#
# A neuron computes a weighted sum of its inputs plus a bias, $z = w \cdot x + b$, and an
# activation function $f$ decides what it passes on. The **binary step** fires when $z$ is above
# a threshold $\theta$:
#
# $$f(z) = \begin{cases} 1 & z > \theta \\ 0 & z \le \theta \end{cases} \qquad
#   f'(z) = 0 \quad (z \ne \theta)$$
#
# Move the threshold and watch the jump move. The derivative panel is flat: the step function's
# slope is zero everywhere except at the jump, where it does not exist.
#
# The article adds that when the neuron does not fire, its output "is not passed to the next
# hidden layer". Strictly, it passes on a 0, which the next layer multiplies by a weight and adds
# to its sum like any other input: a contribution of nothing, which comes to the same.

# %% id="01-1-the-binary-step-function-code"
widgets.explore("step", xlim=(-3, 3))

# %% [markdown] id="01-why-a-zero-gradient-blocks-learning"
# ### Why a zero gradient blocks learning
#
# Gradient descent changes a weight in proportion to the loss's slope with respect to it. By
# the chain rule that slope contains $f'(z)$: with a squared error
# $L = \tfrac1n \sum (f(z) - y)^2$, we get $\partial L / \partial w = \tfrac2n \sum (f(z) - y)\, f'(z)\, x$.
# Let us try it: one neuron must learn to fire for inputs above 0.5, once with the step and
# once with the sigmoid.

# %% id="01-why-a-zero-gradient-blocks-learning-code"
x = np.linspace(-2, 2, 40)
y = (x > 0.5).astype(float)  # the target: fire above 0.5


def train_neuron(act, steps=300, lr=2.0):
    """Gradient descent on one neuron f(w x + b); returns w, b and the loss per step."""
    w, b, losses = -0.5, 0.3, []  # starts wrong: fires for x < 0.6
    for _ in range(steps):
        z = w * x + b
        error = act(z) - y
        losses.append(np.mean(error ** 2))
        dz = 2 * error * act.derivative(z) / len(x)  # dL/dz, through f'(z)
        w, b = w - lr * np.sum(dz * x), b - lr * np.sum(dz)
    return w, b, losses


# %% [markdown] id="01-predict-step-training"
# ### Predict, then run
#
# Both neurons start from the same wrong weights. Before you run the training, record what you
# expect of the step neuron (the formula above has all you need):

# %% id="01-predict-step-training-code"
predict("step-training")

# %% id="01-reveal-step-training" tags=["reveal", "exercise-predict"]
w_step, b_step, loss_step = train_neuron(actlib.step)
w_sig, b_sig, loss_sig = train_neuron(actlib.sigmoid)
if (w_step, b_step) == (-0.5, 0.3):  # where it started
    observed = "stuck"
elif abs(-b_step / w_step - 0.5) < 0.05:  # its boundary at 0.5
    observed = "learns"
else:
    observed = "partly" if abs(w_step) < 1e3 else "diverges"
reveal("step-training", observed, evidence=f"step neuron: w = {w_step}, b = {b_step}; sigmoid "
       f"neuron's boundary -b/w = {-b_sig / w_sig:.3f}")

# %% id="01-why-a-zero-gradient-blocks-learning-code-2"
for name, w, b, loss in [("step", w_step, b_step, loss_step), ("sigmoid", w_sig, b_sig, loss_sig)]:
    print(f"{name:8s} w = {w:6.3f}, b = {b:6.3f}, boundary -b/w = {-b / w:.3f}, "
          f"loss {loss[0]:.3f} -> {loss[-1]:.3f}")
print(f"the step neuron is wrong on {np.sum(actlib.step(w_step * x + b_step) != y)} "
      f"of the {len(x)} examples")

# %% [markdown] id="01-why-a-zero-gradient-blocks-learning-text"
# The step neuron is wrong on 39 of the 40 examples: its outputs are 0 or 1, so each wrong
# example adds exactly 1 to the squared error, and its loss 0.975 is the fraction it gets wrong.
# Yet after 300 steps its weights are exactly where they started (−0.5 and 0.3): with
# $f' = 0$ every gradient is 0, however wrong the output. The sigmoid
# neuron turned itself around and put its boundary $-b/w$ at 0.5. The article's claim that the
# step function's zero gradient "hinders backpropagation" holds, and it is worse than a
# hindrance: gradient descent learns nothing at all.

# %% id="01-why-a-zero-gradient-blocks-learning-code-3"
# extra code – the two learning curves
fig = plotting.plot_curves({"step": loss_step, "sigmoid": loss_sig},
                           ylabel="mean squared error", xlabel="gradient step")

# %% [markdown] id="01-exercise-1-step"
# ### Exercise 1 · `step`
# Write `step(x, threshold=0.0)`: 1.0 where `x > threshold`, 0.0 elsewhere, for a number or an
# array of any shape.
#
# <!-- hints: step -->

# %% id="step-answer"
def step(x, threshold=0.0):
    """Return 1.0 where x > threshold and 0.0 elsewhere, elementwise."""
    ### BEGIN SOLUTION
    return np.where(np.asarray(x) > threshold, 1.0, 0.0)
    ### END SOLUTION


# %% id="step-check" tags=["check"]
check("step", step)

# %% [markdown] id="01-2-the-sigmoid-a-smooth-step"
# ## 2. The sigmoid: a smooth step
#
# The **binary sigmoid** (also called the logistic or squashing function) replaces the jump by
# an S-shaped curve with a slope parameter $s$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-s x}} \in (0, 1)$$
#
# As $s$ grows the sigmoid approaches the step function; unlike the step, its slope is never 0.

# %% id="01-2-the-sigmoid-a-smooth-step-code"
widgets.explore("sigmoid")

# %% [markdown] id="01-the-sigmoid-as-a-probability"
# ### The sigmoid as a probability
#
# The article says the sigmoid suits outputs that are probabilities because its range is
# $(0, 1)$. There is a deeper reason: the sigmoid is the inverse of the **log-odds**
# $\log\frac{p}{1-p}$. A model that outputs a log-odds score $z$ (any real number) turns it into
# a probability with $\sigma(z)$. That is logistic regression, and the usual output unit of a
# neural network that answers a yes/no question.

# %% id="01-the-sigmoid-as-a-probability-code"
p = np.array([0.01, 0.25, 0.5, 0.9, 0.999])
log_odds = np.log(p / (1 - p))
print("log-odds:     ", log_odds.round(3))
print("sigmoid of it:", actlib.sigmoid(log_odds))

# %% [markdown] id="01-exercise-2-a-sigmoid-that-never"
# ### Exercise 2 · a sigmoid that never overflows
# Write `sigmoid(x)` for $s = 1$. The textbook `1 / (1 + np.exp(-x))` computes `np.exp(1000)` for
# `x = -1000`, which overflows (NumPy warns, and the checker counts that as a failure).
# Your version must give 0 and 1 at −1000 and 1000, to within $10^{-300}$ (the accuracy the
# series holds `actlib` to, section 5), with no warning.
# Write the formula yourself: SciPy's `expit` is the sigmoid, so the check rejects it.
#
# <!-- hints: sigmoid -->

# %% id="sigmoid-answer"
def sigmoid(x):
    """Return 1 / (1 + exp(-x)) elementwise, without overflow."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    ### END SOLUTION


# %% id="sigmoid-check" tags=["check"]
check("sigmoid", sigmoid)

# %% [markdown] id="01-3-the-derivative-and-where-the-sigmoid"
# ## 3. The derivative, and where the sigmoid saturates
#
# The chain rule, applied to $\sigma(x) = (1 + e^{-x})^{-1}$, gives
#
# $$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2}.$$
#
# Backpropagation needs $\sigma'(z)$ at every unit, and the forward pass has already computed
# each unit's output, its activation $a = \sigma(z)$. If the slope can be written with $a$
# alone, the backward pass needs no exponential at all.
#
# ### Exercise 3 · `sigmoid_prime_from_value`
# Derive $\sigma'$ as a function of $a = \sigma(x)$ on paper, then write
# `sigmoid_prime_from_value(a)`. It receives the sigmoid's *output* `a`, an array of values
# in $[0, 1]$, never $x$.
#
# <!-- hints: sigmoid_prime_from_value -->

# %% id="sigmoid-prime-from-value-answer"
def sigmoid_prime_from_value(a):
    """Return the sigmoid's slope at x, given only a = sigmoid(x), elementwise."""
    ### BEGIN SOLUTION
    return a * (1 - a)
    ### END SOLUTION


# %% id="sigmoid-prime-from-value-check" tags=["check", "exercise-derive"]
check("sigmoid_prime_from_value", sigmoid_prime_from_value)

# %% [markdown] id="01-the-slope-from-the-output"
# So $\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)$. Checked against a finite difference
# $\frac{\sigma(x+h) - \sigma(x-h)}{2h}$:

# %% id="01-3-the-derivative-and-where-the-sigmoid-code"
x = np.linspace(-6, 6, 13)
h = 1e-6
numeric = (actlib.sigmoid(x + h) - actlib.sigmoid(x - h)) / (2 * h)
formula = actlib.sigmoid(x) * (1 - actlib.sigmoid(x))
agree("finite difference vs sigma(1 - sigma)", numeric, formula, within=1e-9)

# %% [markdown] id="01-3-the-derivative-and-where-the-sigmoid-text"
# The derivative peaks at $\sigma'(0) = 1/4$. The article says the gradient is "only meaningful
# in the range −3 to 3". Here are the actual numbers:

# %% id="01-3-the-derivative-and-where-the-sigmoid-code-2"
x = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0])
slope = actlib.sigmoid.derivative(x)
for xi, si in zip(x, slope):
    print(f"x = ±{xi:4.1f}   sigmoid'(x) = {si:.2e}   {si / 0.25:7.2%} of the peak")

# %% [markdown] id="01-3-the-derivative-and-where-the-sigmoid-text-2"
# So "−3 to 3" is a rule of thumb, not a boundary: at $|x| = 3$ a neuron still gets 18% of the
# largest possible gradient, and nothing changes suddenly there. What is true is that the slope
# falls off exponentially (like $e^{-|x|}$), so at $|x| = 10$ it is 0.02% of the peak. A neuron
# whose inputs sit out there is **saturated**: it hardly learns.

# %% id="01-3-the-derivative-and-where-the-sigmoid-code-3"
# extra code – the sigmoid and its derivative on a wider range
fig = plotting.plot_activations(["sigmoid"], derivative=True, xlim=(-10, 10))

# %% [markdown] id="01-4-vanishing-gradients-through-depth"
# ## 4. Vanishing gradients through depth
#
# Backpropagation carries the gradient from the output back to the first layer. Follow one
# **path** through the network, one unit per layer: by the chain rule, each sigmoid layer on the
# way multiplies the gradient by a factor $\sigma'(z_k)\, w_k$, its unit's slope times the weight
# of the path's next connection, and the full gradient adds up such products over all paths.
# The slope part is at most $1/4$, so over $N$ sigmoid layers it contributes at most $0.25^N$ to
# every path. Here are the products of the slopes alone along 1000 random paths, with
# pre-activations drawn from a standard normal distribution:

# %% id="01-4-vanishing-gradients-through-depth-code" tags=["tiny-values"]
rng = np.random.default_rng(42)
z = rng.normal(0, 1, size=(1000, 60))  # one row per path, one column per layer
products = np.cumprod(actlib.sigmoid.derivative(z), axis=1)  # through layers 1..N
typical = np.median(products, axis=0)
for n in (1, 5, 10, 30):
    print(f"N = {n:2d}: typical product {typical[n - 1]:.1e}   bound 0.25^N = {0.25 ** n:.1e}")

# %% [markdown] id="01-4-vanishing-gradients-through-depth-text"
# The typical product is even smaller than the bound, because $\sigma'(z) < 1/4$ whenever
# $z \ne 0$: after ten layers it is about $10^{-7}$. Move the slider to follow it deeper.
#
# This is a model of the slopes only. It leaves out the weights, which multiply every factor,
# and the sum over the many paths, and both change the size of the gradient, so on its own it
# does not say how fast a layer learns. What it shows is the sigmoid's built-in handicap: a
# factor of at most $1/4$ per layer that the weights must make up for. Notebook 02 (section 4)
# measures the real thing in a 30-layer sigmoid network with the usual initialisation, where
# the gradient does shrink towards the first layer: the **vanishing gradient** the article
# mentions.

# %% id="01-4-vanishing-gradients-through-depth-code-2"
def draw_depth(fig, layers):
    """Plot the bound and the median product for 1..layers sigmoid layers."""
    ax = fig.subplots()
    n = np.arange(1, layers + 1)
    ax.semilogy(n, 0.25 ** n, "--", color=plotting.color("step"), label="bound $0.25^N$")
    ax.semilogy(n, typical[:layers], color=plotting.color("sigmoid"), label="median product")
    ax.set(xlabel="number of sigmoid layers N", ylabel="product of the slopes",
           xlim=(0, 61), ylim=(1e-45, 1))  # fixed axes: the curve grows as you slide
    ax.legend()


widgets.interactive_figure(draw_depth, layers=(1, 60, 1, 10))

# %% [markdown] id="01-5-numerical-stability-what-the-naive" tags=["deep-dive"]
# ## 5. Numerical stability: what the naive formula does
#
# `np.exp(x)` overflows to `inf` once $e^x$ passes the largest float64:

# %% id="01-5-numerical-stability-what-the-naive-code"
largest = np.finfo(float).max
print(f"largest float64: {largest:.2e} = e^{np.log(largest):.2f}")

# %% [markdown] id="01-5-numerical-stability-what-the-naive-text"
# So `np.exp(x)` is `inf` from $x \approx 709.78$ on. The two textbook forms of the sigmoid each
# break on one side:

# %% id="01-5-numerical-stability-what-the-naive-code-2" tags=["tiny-values"]
x = np.array([-1000.0, -710.0, 0.0, 710.0, 1000.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    naive = 1 / (1 + np.exp(-x))
    other = np.exp(x) / (1 + np.exp(x))
print("1/(1+exp(-x)):   ", naive)
print("exp(x)/(1+exp(x)):", other)
print("warnings:", sorted({str(w.message) for w in caught}))
print("actlib.sigmoid:  ", actlib.sigmoid(x))

# %% [markdown] id="01-5-numerical-stability-what-the-naive-text-2"
# The first form gets the right numbers only because $1/\infty = 0$, and warns; the second gives
# `nan` (not a number) for large inputs.
#
# Look at $x = -710$: the second form gives $4.48 \times 10^{-309}$, which is right, and
# `actlib.sigmoid` gives 0. That is accepted, not a slip. Below $2.2 \times 10^{-308}$, the
# smallest *normal* float64, numbers are stored with fewer and fewer significant bits (so-called
# subnormal numbers), down to $5 \times 10^{-324}$, which has one. SciPy's `expit`, which
# `actlib` calls, returns 0 from $x \approx -709.78$ on, where the true value is below
# $5.6 \times 10^{-309}$: an error far smaller than anything a network can use, and within the
# accuracy bound the series holds `actlib` to. The bits a subnormal keeps:

# %% id="01-5-numerical-stability-what-the-naive-code-5" tags=["tiny-values"]
print(f"smallest normal float64: {np.finfo(float).tiny:.1e}")
for x_small in (-700.0, -708.0, -710.0, -740.0):
    value = np.exp(x_small) / (1 + np.exp(x_small))
    bits = 52 - max(0, int(np.ceil(np.log2(np.finfo(float).tiny / value)))) if value else 0
    print(f"sigmoid({x_small:.0f}) = {value:.3e}: {bits} of 52 fraction bits left, "
          f"actlib.sigmoid gives {actlib.sigmoid(x_small):.3e}")

# %% [markdown] id="01-5-numerical-stability-what-the-naive-text-4"
# Precision matters for the derivative too: in
# $\sigma(1-\sigma)$, the factor $1 - \sigma(x)$ becomes exactly 0 once $\sigma(x)$ rounds to 1,
# although the true slope is a perfectly representable number:

# %% id="01-5-numerical-stability-what-the-naive-code-3" tags=["tiny-values"]
xs = np.linspace(30, 40, 100_001)
print(f"1/(1+exp(-x)) is exactly 1.0 from x = {xs[np.argmax(1 / (1 + np.exp(-xs)) == 1.0)]:.3f}")
x = np.array([20.0, 36.0, 37.5, 40.0])
s = 1 / (1 + np.exp(-x))
print("sigma(1 - sigma):         ", s * (1 - s))
print("actlib.sigmoid.derivative:", actlib.sigmoid.derivative(x))

# %% [markdown] id="01-5-numerical-stability-what-the-naive-text-3"
# `actlib` evaluates only $e^{-|x|}$, which cannot overflow, and writes the derivative as
# $e^{-|x|}/(1 + e^{-|x|})^2$. How accurate is that? Python's `decimal` module computes with 50
# significant digits; rounded to float64, that is the best answer a float64 function can give.
# The error below is counted in units in the last place (ulp), the gap between neighbouring
# float64 numbers there:

# %% id="01-5-numerical-stability-what-the-naive-code-4"
def exact_sigmoid(x):
    """sigmoid(x) and sigmoid'(x) to 50 significant digits, rounded to float64."""
    with localcontext(prec=50):
        x = Decimal(x)
        e = (-abs(x)).exp()
        return float(1 / (1 + (-x).exp())), float(e / (1 + e) ** 2)


x = np.array([-700.0, -40.0, -5.0, -1e-3, 0.0, 2.0, 36.7, 40.0, 700.0])
exact = np.array([exact_sigmoid(xi) for xi in x])
for column, (name, f) in enumerate([("actlib.sigmoid", actlib.sigmoid),
                                     ("actlib.sigmoid.derivative", actlib.sigmoid.derivative)]):
    ulps = np.abs(f(x) - exact[:, column]) / np.spacing(exact[:, column])
    print(f"{name:25s} largest error on these {len(x)} points: {ulps.max():.0f} ulp")

# %% [markdown] id="01-5-numerical-stability-what-the-naive-text-5"
# At most two units in the last place anywhere from $-700$ to $700$, where the textbook forms
# above return `nan`, warnings or a slope of 0. The series' tests check many more points the
# same way.

# %% [markdown] id="01-exercise-3-sigmoid-derivative"
# ### Exercise 4 · `sigmoid_derivative`
# With exercise 3 this is short. Write `sigmoid_derivative(x)`, the slope at `x` itself, in a
# form that keeps its accuracy where $\sigma(x)$ rounds to 1. You may call your `sigmoid` from
# exercise 2 or `actlib.sigmoid`, but not `actlib.sigmoid.derivative`. (The check tests
# $|x| \le 20$, where the simple form passes too.)
#
# <!-- hints: sigmoid_derivative -->

# %% id="sigmoid-derivative-answer"
def sigmoid_derivative(x):
    """Return the derivative of the sigmoid, elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return actlib.sigmoid(x) * actlib.sigmoid(-x)
    ### END SOLUTION


# %% id="sigmoid-derivative-check" tags=["check"]
check("sigmoid_derivative", sigmoid_derivative)

# %% [markdown] id="01-6-the-bipolar-sigmoid"
# ## 6. The bipolar sigmoid
#
# The article notes that a sigmoid's range can be changed to suit the application, and that the
# most common choice is $(-1, 1)$. Stretching $\sigma$ to that range gives the **bipolar sigmoid**:
#
# $$f(x) = 2\,\sigma(s x) - 1 = \frac{1 - e^{-s x}}{1 + e^{-s x}} = \tanh\!\left(\frac{s x}{2}\right)
#   \in (-1, 1)$$
#
# The last form says it *is* the hyperbolic tangent, with the input halved: the subject of the
# next notebook. Both share the steepness slider here.

# %% id="01-6-the-bipolar-sigmoid-code"
widgets.explore(["sigmoid", "bipolar_sigmoid"])

# %% id="01-6-the-bipolar-sigmoid-code-2"
x = np.linspace(-20, 20, 4001)
agree("2 sigmoid(x) - 1 vs tanh(x/2) on [-20, 20]", 2 * actlib.sigmoid(x) - 1, np.tanh(x / 2),
      within=1e-15)

# %% [markdown] id="01-6-the-bipolar-sigmoid-text" tags=["deep-dive"]
# ### Which form is more accurate near 0?
#
# The two forms agree to rounding error. They are not equally good in floating point, though:
# near $x = 0$, $\sigma(x)$ is close to $\tfrac12$, and $2\sigma(x) - 1$ subtracts two nearly
# equal numbers. Only the digits in which they differ survive, so the closer $x$ is to 0, the
# more of float64's 16 significant digits are lost. Near $\tfrac12$ neighbouring float64 numbers are
# $1.1 \times 10^{-16}$ apart, so $2\sigma(x) - 1$ can only take multiples of $2.2 \times 10^{-16}$: its
# relative error can reach that step divided by the true value, and no better.

# %% id="01-6-the-bipolar-sigmoid-code-3" tags=["tiny-values"]
gap = 2 * np.spacing(0.5)  # the gap between possible values of 2 sigmoid(x) - 1 near 0
for x in [1e-2, 1e-5, 1e-8, 1e-12]:
    exact = np.tanh(x / 2)  # tanh is accurate near 0
    error = abs(2 * actlib.sigmoid(x) - 1 - exact) / exact
    assert error <= gap / exact  # the measured error stays within the gap
    print(f"x = {x:.0e}   relative error up to {gap / exact:.0e}")
print(f"x = 1e-16   2 sigmoid(x) - 1 = {2 * actlib.sigmoid(1e-16) - 1}: every digit lost")

# %% [markdown] id="01-6-the-bipolar-sigmoid-text-2"
# The relative error can reach $4 \times 10^{-16}/x$: at $x = 10^{-8}$ half of the digits are gone, at
# $10^{-12}$ three quarters, and at $10^{-16}$, where $\sigma(x)$ rounds to exactly $\tfrac12$,
# the result is 0, entirely wrong. `tanh(x / 2)` has no such problem.

# %% [markdown] id="01-exercise-4-bipolar-sigmoid"
# ### Exercise 5 · `bipolar_sigmoid`
# Write `bipolar_sigmoid(x)` for $s = 1$, with values in $(-1, 1)$.
#
# <!-- hints: bipolar_sigmoid -->

# %% id="bipolar-sigmoid-answer"
def bipolar_sigmoid(x):
    """Return 2 * sigmoid(x) - 1 elementwise."""
    x = np.asarray(x, dtype=float)
    ### BEGIN SOLUTION
    return np.tanh(x / 2)
    ### END SOLUTION


# %% id="bipolar-sigmoid-check" tags=["check"]
check("bipolar_sigmoid", bipolar_sigmoid)

# %% [markdown] id="01-check-your-understanding"
# ## Check your understanding
#
# 1. A step neuron is wrong on half of its training examples. What does gradient descent change?
#    <details><summary>Answer</summary>Nothing: every gradient contains f'(z) = 0.</details>
# 2. A sigmoid neuron's input is z = 6. What fraction of the largest possible gradient does it get?
#    <details><summary>Answer</summary>σ'(6) = σ(6) σ(−6) ≈ 0.0025, about 1% of the peak
#    0.25.</details>
# 3. Why is the sigmoid's output not centred on zero, and why might that matter?
#    <details><summary>Answer</summary>Its values lie in (0, 1), so their mean is positive
#    (0.5 for inputs symmetric around 0). The article lists this as a drawback, next to slow
#    convergence: all the inputs of the next layer have the same sign. Notebook 02 measures what
#    that does to training, and how much of the sigmoid's slow training comes from it rather
#    than from its small slope (section 4).</details>
#
# The second and third answers, computed:

# %% id="01-check-your-understanding-code"
print(f"sigmoid'(6) = {actlib.sigmoid.derivative(6.0):.4f}, "
      f"{actlib.sigmoid.derivative(6.0) / 0.25:.1%} of the peak 0.25")
rng = np.random.default_rng(0)
print(f"mean sigmoid output for z ~ N(0, 1): {actlib.sigmoid(rng.normal(0, 1, 100_000)).mean():.3f}")

# %% [markdown] id="01-summary"
# ## Summary
#
# | | binary step | sigmoid | bipolar sigmoid |
# |---|---|---|---|
# | formula | $[x > \theta]$ | $1/(1+e^{-sx})$ | $2\sigma(sx) - 1 = \tanh(sx/2)$ |
# | range | $\{0, 1\}$ | $(0, 1)$ | $(-1, 1)$ |
# | largest slope | 0 (none at the jump) | $s/4$ | $s/2$ |
# | trainable by gradient descent | no | yes, but saturates | yes, but saturates |
