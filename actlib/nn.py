"""A small fully connected network in plain NumPy, to watch activations at work.

Every hidden layer computes ``h = f(x @ W + b)`` with ``f`` taken from the
registry (:func:`actlib.get`) and its derivative from ``f.derivative``; the
output layer is linear and the loss applies softmax. Optionally a hidden
layer normalises ``x @ W + b`` before ``f`` and adds its input ``x`` to
``h``. Everything is float64 and seeded with ``np.random.default_rng(seed)``.

Example
-------
>>> from actlib import nn, datasets
>>> X, y = datasets.moons(n=400, noise=0.2, seed=0)
>>> net = nn.Network([2, 32, 32, 2], activation="tanh", init="xavier", seed=0)
>>> hist = nn.train(net, X, y, epochs=50, lr=0.1, batch_size=32, seed=0)
>>> net.predict(X[:3]), net.predict_proba(X[:3]).shape
>>> stats = nn.depth_statistics("selu", depth=50, width=100, init="lecun")

Pieces
------
Network(sizes, activation, init, std, bias, output_activation, learn, seed, norm, residual)
    ``forward(X, training)`` (records ``pre_activations`` and ``activations``),
    ``backward(grad_output)``, ``step(grads, lr, momentum)``,
    ``adam_step(grads, lr, betas, eps)``, ``gradients(X, y, loss, training)``,
    ``predict(X)``, ``predict_proba(X)``.
    An activation is a name, ``"leaky_relu"``, a pair with parameters,
    ``("leaky_relu", {"negative_slope": 0.1})``, or a layer factory such as
    a class ``MyReLU`` whose objects have ``forward`` and ``backward``; pass
    one for every hidden layer or a list with one per hidden layer.
ActivationLayer(name, **params)
    A registry activation as a layer: ``forward(z)`` gives ``f(z)``,
    ``backward(dh)`` gives ``dh * f'(z)``; a layer factory's objects do the same.
LayerNorm(width), BatchNorm(width)
    Normalisation between a hidden layer's affine map and its activation,
    with a learned gain and shift; ``Network(..., norm="layer")`` or
    ``norm="batch"`` puts one in every hidden layer.
compute_loss(output, y, loss)
    ``"cross_entropy"`` (softmax of the output, via ``log_softmax``) or
    ``"mse"``; returns the loss and its gradient with respect to ``output``.
train(net, X, y, ..., optimizer="sgd")
    Mini-batch SGD with optional momentum, or Adam. Continues from the
    current weights, so it can be called again to train further (pass the
    old history to extend it). Returns the per-epoch history.
depth_statistics(activation, ...)
    Mean, std and gradient norm per layer of a deep random network.
decision_grid(net, X, resolution)
    Class probabilities on a grid over 2-D data, for decision boundaries.
"""

import warnings

import numpy as np
from threadpoolctl import threadpool_limits

from .activations import ACTIVATIONS, Activation, get
from .i18n import tr

# The matrices here are small: BLAS threads do not speed them up, and on a busy
# machine (two cores, Binder) they stall each other, making runs 5-10x slower.
_one_blas_thread = threadpool_limits.wrap(limits=1, user_api="blas")

__all__ = ["INITS", "LOSSES", "OPTIMIZERS", "NORMS", "ActivationLayer", "LayerNorm", "BatchNorm",
           "Dense", "Network", "compute_loss", "train", "epochs_to_target", "depth_statistics",
           "decision_grid", "TrainingDiverged"]


class TrainingDiverged(RuntimeWarning):
    """The warning of :func:`train` when the loss stops being finite (its text is in the
    student's language, so a program tells it by its class)."""


#: Weight initialisations: each maps (fan_in, fan_out, std) to the std of a
#: zero-mean normal distribution.
INITS = {
    "normal": lambda fan_in, fan_out, std: std,
    "xavier": lambda fan_in, fan_out, std: np.sqrt(2.0 / (fan_in + fan_out)),
    "he": lambda fan_in, fan_out, std: np.sqrt(2.0 / fan_in),
    "lecun": lambda fan_in, fan_out, std: np.sqrt(1.0 / fan_in),
}

LOSSES = ("cross_entropy", "mse")

OPTIMIZERS = ("sgd", "adam")

class ActivationLayer:
    """An elementwise activation from the registry as a layer, ``h = f(z)``.

    Parameters
    ----------
    name : str
        Registry name (see :func:`actlib.get`); softmax is not elementwise.
    **params
        Parameters of the activation (the defaults fill in the rest).

    Attributes
    ----------
    activation : Activation
    params : dict
        Every parameter's value; training changes a learned one here.
    z : ndarray
        Input of the last :meth:`forward`.
    """

    def __init__(self, name, **params):
        self.activation = get(name)
        if not self.activation.elementwise:
            raise ValueError(f"{name} is not elementwise and cannot be a layer's activation; "
                             "the cross_entropy loss already applies softmax to the output")
        self.params = self.activation.resolve(params)
        self.z = None

    def __repr__(self):
        args = [repr(self.activation.name), *(f"{k}={v!r}" for k, v in self.params.items())]
        return f"ActivationLayer({', '.join(args)})"

    def forward(self, z):
        """Return ``f(z)``, keeping ``z`` for :meth:`backward`."""
        self.z = z
        return self.activation(z, **self.params)

    def backward(self, dh):
        """From ``dh = dL/dh`` return ``dL/dz = dh * f'(z)``."""
        return dh * self.activation.derivative(self.z, **self.params)

    def parameter_gradient(self, dh, name):
        """From ``dh = dL/dh`` return ``dL/d params[name]``, one value shared by all units."""
        df = getattr(self.activation, f"derivative_{name}")(self.z, **self.params)
        return np.sum(dh * df)


class _Norm:
    """Normalisation with a learned gain and shift: ``gain * (z - mean) / sqrt(var + eps) + shift``.

    A subclass's ``_statistics(z, training)`` returns the mean, the variance
    and the axis of z they were taken over (``None`` if not from z).
    """

    def __init__(self, width, eps=1e-5):
        self.gain, self.shift = np.ones(width), np.zeros(width)
        self.eps = eps
        self.z_hat = self.inv_std = self.axis = None

    def __repr__(self):
        return f"{type(self).__name__}({len(self.gain)})"

    def forward(self, z, training=False):
        """Return the normalised, scaled and shifted ``z``, keeping what backward needs."""
        mean, var, self.axis = self._statistics(z, training)
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.z_hat = (z - mean) * self.inv_std
        return self.gain * self.z_hat + self.shift

    def backward(self, dout):
        """From ``dout = dL/d output`` return ``dL/dz`` and the gradients of gain and shift."""
        grads = {"gain": np.sum(dout * self.z_hat, axis=0), "shift": dout.sum(axis=0)}
        d = dout * self.gain
        if self.axis is not None:  # the mean and variance were computed from z too
            d = (d - d.mean(axis=self.axis, keepdims=True)
                 - self.z_hat * np.mean(d * self.z_hat, axis=self.axis, keepdims=True))
        return d * self.inv_std, grads


class LayerNorm(_Norm):
    """Layer normalisation (Ba et al. 2016): each example over its units.

    Parameters
    ----------
    width : int
    eps : float
        Added to the variance.

    Attributes
    ----------
    gain, shift : ndarray, shape (width,)
        Learned; 1 and 0 at the start (gamma and beta in the paper).
    """

    def _statistics(self, z, training):
        return z.mean(axis=1, keepdims=True), z.var(axis=1, keepdims=True), 1


class BatchNorm(_Norm):
    """Batch normalisation (Ioffe & Szegedy 2015): each unit over the batch.

    In training mode it uses the batch's mean and (biased) variance and
    updates running averages of them; at inference it uses those averages,
    so that an example's output does not depend on the rest of the batch.
    Subtracting the batch mean cancels the layer's bias ``b``: in training
    mode its gradient is 0 and ``shift`` takes its part.

    Parameters
    ----------
    width : int
    eps : float
        Added to the variance.
    momentum : float
        Weight of each new batch in the running averages.

    Attributes
    ----------
    gain, shift : ndarray, shape (width,)
        Learned; 1 and 0 at the start (gamma and beta in the paper).
    running_mean, running_var : ndarray, shape (width,)
        0 and 1 at the start.
    """

    def __init__(self, width, eps=1e-5, momentum=0.1):
        super().__init__(width, eps)
        self.momentum = momentum
        self.running_mean, self.running_var = np.zeros(width), np.ones(width)

    def _statistics(self, z, training):
        if not training:
            return self.running_mean, self.running_var, None
        mean, var = z.mean(axis=0), z.var(axis=0)
        self.running_mean += self.momentum * (mean - self.running_mean)
        self.running_var += self.momentum * (var - self.running_var)
        return mean, var, 0


#: Normalisations of hidden layers, by the name ``Network(norm=...)`` takes.
NORMS = {"layer": LayerNorm, "batch": BatchNorm}


class Dense:
    """One fully connected layer, ``h = f(x @ W + b)``, optionally ``x + f(norm(x @ W + b))``.

    Parameters
    ----------
    W : ndarray, shape (fan_in, fan_out)
    b : ndarray, shape (fan_out,)
    activation : Activation, activation layer or None
        An elementwise activation from the registry, any object with
        ``forward(z)`` and ``backward(dh)`` (see :class:`ActivationLayer`), or
        ``None`` for a linear layer.
    params : dict
        Parameters of a registry activation (the defaults fill in the rest).
    learn : bool
        Train the registry activation's learnable parameter (its ``learnable``).
    norm : LayerNorm, BatchNorm or None
        Normalisation of ``x @ W + b`` before the activation.
    residual : bool
        Add the input ``x`` to the output; needs fan_in == fan_out.

    Attributes
    ----------
    activation_layer : ActivationLayer, the given layer or None
        Computes f; a registry activation is wrapped in an ActivationLayer.
    activation : Activation, the given layer or None
        The registry activation of an ActivationLayer, else ``activation_layer``.
    params : dict
        The ActivationLayer's parameters (empty for other layers).
    x, z, h : ndarray
        Input, ``x @ W + b`` (before any norm) and output of the last :meth:`forward`.
    """

    def __init__(self, W, b, activation=None, params=None, learn=False, norm=None, residual=False):
        if residual and W.shape[0] != W.shape[1]:
            raise ValueError(f"a residual layer needs as many outputs as inputs; W has shape {W.shape}")
        self.W, self.b = W, b
        if isinstance(activation, Activation):
            activation = ActivationLayer(activation.name, **(params or {}))
        self.activation_layer = activation
        self.learned = self.activation.learnable[0] if learn else None
        self.norm, self.residual = norm, residual
        self.x = self.z = self.h = None

    @property
    def activation(self):
        layer = self.activation_layer
        return layer.activation if isinstance(layer, ActivationLayer) else layer

    @property
    def params(self):
        layer = self.activation_layer
        return layer.params if isinstance(layer, ActivationLayer) else {}

    def __repr__(self):
        layer = self.activation_layer
        if layer is None:
            parts = ["linear"]
        elif isinstance(layer, ActivationLayer):
            parts = [layer.activation.name]
        else:  # a student's own layer class
            parts = [type(layer).__name__]
        if self.norm is not None:
            parts.append(type(self.norm).__name__)
        if self.residual:
            parts.append("residual")
        return f"Dense({self.W.shape[0]} -> {self.W.shape[1]}, {', '.join(parts)})"

    @property
    def weights(self):
        """The array parameters by name: "W", "b" and, with a norm, "gain" and "shift"."""
        arrays = {"W": self.W, "b": self.b}
        if self.norm is not None:
            arrays.update(gain=self.norm.gain, shift=self.norm.shift)
        return arrays

    def forward(self, x, training=False):
        """Return the output for input ``x``, keeping x, z and h.

        ``training`` is passed on to the norm (see :class:`BatchNorm`).
        """
        self.x = x
        self.z = x @ self.W + self.b
        u = self.z if self.norm is None else self.norm.forward(self.z, training)
        h = u if self.activation_layer is None else self.activation_layer.forward(u)
        self.h = x + h if self.residual else h
        return self.h

    def backward(self, dh):
        """From ``dh = dL/dh`` return ``dL/dx`` and a dict of parameter gradients."""
        du = dh if self.activation_layer is None else self.activation_layer.backward(dh)
        dz, grads = (du, {}) if self.norm is None else self.norm.backward(du)
        grads = {"W": self.x.T @ dz, "b": dz.sum(axis=0), **grads}
        if self.learned:
            grads[self.learned] = self.activation_layer.parameter_gradient(dh, self.learned)
        dx = dz @ self.W.T
        return (dx + dh if self.residual else dx), grads

    def update(self, name, delta):
        """Add ``delta`` to the parameter ``name`` (one of :attr:`weights` or the learned one)."""
        if name == self.learned:
            self.params[name] = float(self.params[name] + delta)
        else:
            self.weights[name][...] += delta


def _activation_layer(spec):
    """The activation layer for ``"name"``, ``("name", {params})``, a layer factory or ``None``."""
    if spec is None:
        return None
    if isinstance(spec, str):
        spec = (spec, {})
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], dict):
        return ActivationLayer(spec[0], **spec[1])
    # An Activation is callable too, but it computes f(x) rather than making a layer.
    if not callable(spec) or isinstance(spec, Activation):
        raise ValueError(f"an activation is a name, a pair (name, {{parameters}}) or a layer "
                         f"factory such as a class, got {spec!r}; for one activation per "
                         "hidden layer pass a list")
    layer = spec()
    missing = [m for m in ("forward", "backward") if not callable(getattr(layer, m, None))]
    if missing:
        raise ValueError(f"the objects made by the activation factory "
                         f"{getattr(spec, '__name__', spec)!r} ({type(layer).__name__}) lack "
                         f"{' and '.join(missing)}; an activation layer needs the methods "
                         "forward(z) and backward(dh)")
    return layer


class Network:
    """A fully connected network: hidden layers with activations, then a linear output.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output, e.g. ``[2, 32, 32, 2]``.
    activation : str, (str, dict), layer factory, None or a list of these
        Activation of the hidden layers: one for all, or a list with one per
        hidden layer. A layer factory is a zero-argument callable, typically
        a class, whose objects have ``forward(z)`` and ``backward(dh)`` like
        :class:`ActivationLayer`; each layer gets its own object. ``None``
        makes a layer linear.
    init : {"normal", "xavier", "he", "lecun"}
        Weight initialisation; all are zero-mean normals with std ``std``,
        ``sqrt(2 / (fan_in + fan_out))``, ``sqrt(2 / fan_in)`` and
        ``sqrt(1 / fan_in)`` respectively.
    std : float, optional
        Standard deviation for ``init="normal"`` (required there, unused otherwise).
    bias : float
        Initial bias of every layer with an activation (a negative value pushes
        ReLU units towards dying); the linear output layer starts at 0.
    output_activation : str, (str, dict) or layer factory, optional
        Activation of the last layer; ``None`` (default) keeps it linear.
    learn : iterable of str
        Activations whose parameter is trained: ``"prelu"`` (its slope ``a``)
        and/or ``"swish"`` (its ``beta``). Each layer learns one value,
        shared by its units.
    seed : int or numpy.random.Generator
        Seed of the initial weights.
    norm : {None, "layer", "batch"}
        Normalise every hidden layer's ``x @ W + b`` before its activation,
        with :class:`LayerNorm` (Ba et al. 2016) or :class:`BatchNorm` (Ioffe
        & Szegedy 2015); their gain and shift are trained ("gain", "shift"
        in the gradients).
    residual : bool
        Every hidden layer with as many outputs as inputs adds its input to
        its output, ``h = x + f(...)`` (He et al. 2016); the other layers,
        and always the output layer, stay as they are.
    """

    def __init__(self, sizes, activation="relu", init="he", std=None, bias=0.0,
                 output_activation=None, learn=("prelu",), seed=0, norm=None, residual=False):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes needs at least an input and an output width, all >= 1; got {sizes}")
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; choose one of {', '.join(INITS)}")
        if (init == "normal") != (std is not None):
            raise ValueError("std is required with init='normal' and only used there; "
                             f"got init={init!r}, std={std!r}")
        if std is not None and not std > 0:
            raise ValueError(f"std must be > 0, got {std!r}")
        if norm is not None and norm not in NORMS:
            raise ValueError(f"unknown norm {norm!r}; choose one of {', '.join(NORMS)} or None")
        learn = {learn} if isinstance(learn, str) else set(learn)
        learnable = {name for name, act in ACTIVATIONS.items() if act.learnable}
        unknown = learn - learnable
        if unknown:
            raise ValueError(f"learn accepts {sorted(learnable)}, got {sorted(unknown)}")
        n_hidden = len(sizes) - 2
        specs = activation if isinstance(activation, list) else [activation] * n_hidden
        if len(specs) != n_hidden:
            raise ValueError(f"{len(specs)} activations given for {n_hidden} hidden layers")
        acts = [_activation_layer(s) for s in [*specs, output_activation]]

        rng = np.random.default_rng(seed)
        self.sizes = sizes
        self.layers = []
        for i, (fan_in, fan_out, act) in enumerate(zip(sizes, sizes[1:], acts)):
            W = rng.normal(0.0, INITS[init](fan_in, fan_out, std), size=(fan_in, fan_out))
            b = np.full(fan_out, 0.0 if act is None else float(bias))
            learned = isinstance(act, ActivationLayer) and act.activation.name in learn
            hidden = i < n_hidden
            self.layers.append(Dense(W, b, act, learn=learned,
                                     norm=NORMS[norm](fan_out) if hidden and norm else None,
                                     residual=bool(residual) and hidden and fan_in == fan_out))
        self.velocity = {}
        self.moments = {}

    def __repr__(self):
        return f"Network({self.layers})"

    @property
    def pre_activations(self):
        """List of ``z = x @ W + b`` per layer (before any norm), from the last forward pass."""
        return [layer.z for layer in self.layers]

    @property
    def activations(self):
        """List of each layer's output ``h = f(z)`` (with norm and residual if any),
        from the last forward pass."""
        return [layer.h for layer in self.layers]

    def forward(self, X, training=False):
        """Return the output (logits) for a batch ``X`` of shape (n, sizes[0]).

        With ``training=True`` BatchNorm normalises with the batch's statistics
        and updates its running averages, as :func:`train` does; otherwise,
        as in :meth:`predict`, it uses the running averages.
        """
        h = _check_inputs(X, self.sizes[0])
        for layer in self.layers:
            h = layer.forward(h, training)
        return h

    def backward(self, grad_output):
        """Backpropagate ``dL/d output``; return one gradient dict per layer.

        Each dict has "W" and "b", and the learned activation parameter
        ("a" or "beta") where there is one. Call after :meth:`forward`.
        """
        grads = []
        d = grad_output
        for layer in reversed(self.layers):
            d, g = layer.backward(d)
            grads.append(g)
        return grads[::-1]

    def gradients(self, X, y, loss="cross_entropy", training=False):
        """Forward and backward pass: return ``(loss value, gradients)``.

        ``training`` as in :meth:`forward`; a training loop with BatchNorm passes True.
        """
        value, grad_output = compute_loss(self.forward(X, training), y, loss)
        return value, self.backward(grad_output)

    def step(self, grads, lr, momentum=0.0):
        """One SGD step: ``v = momentum * v - lr * grad``, then ``param += v``."""
        def sgd(key, g):
            v = momentum * self.velocity.get(key, 0.0) - lr * g
            self.velocity[key] = v
            return v
        self._update(grads, sgd)

    def adam_step(self, grads, lr, betas=(0.9, 0.999), eps=1e-8):
        """One Adam step (Kingma & Ba 2015), with bias-corrected moments.

        At a parameter's step ``t`` (1, 2, ...), ``m = beta1 * m + (1 - beta1) * g``,
        ``v = beta2 * v + (1 - beta2) * g**2`` and ``param -= lr * m_hat /
        (sqrt(v_hat) + eps)`` with ``m_hat = m / (1 - beta1**t)`` and
        ``v_hat = v / (1 - beta2**t)``. ``moments`` keeps (m, v, t) per
        parameter, so training can continue.
        """
        beta1, beta2 = betas

        def adam(key, g):
            m, v, t = self.moments.get(key, (0.0, 0.0, 0))
            m, v, t = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g, t + 1
            self.moments[key] = m, v, t
            return -lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
        self._update(grads, adam)

    def _update(self, grads, rule):
        """Add ``rule(key, g)`` to every parameter; ``key = (layer index, name)``
        names the optimiser's state of that parameter."""
        for i, (layer, layer_grads) in enumerate(zip(self.layers, grads)):
            for name, g in layer_grads.items():
                layer.update(name, rule((i, name), g))

    def predict_proba(self, X):
        """Softmax of the output: class probabilities, shape (n, classes)."""
        return get("softmax")(self.forward(X))

    def predict(self, X):
        """Index of the largest output, shape (n,)."""
        return np.argmax(self.forward(X), axis=1)


def _check_inputs(X, width):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != width:
        raise ValueError(f"inputs must have shape (n, {width}), got {X.shape}")
    return X


def _targets(y, output, loss):
    """Return ``(targets, labels)``: the array to compare with ``output``, and
    the integer class labels (``None`` for real-valued MSE targets)."""
    y = np.asarray(y)
    n, k = output.shape
    if y.dtype.kind in "iu" and y.shape == (n,):
        if y.size and (y.min() < 0 or y.max() >= k):
            raise ValueError(f"labels must lie in [0, {k - 1}] for {k} outputs, "
                             f"got values from {y.min()} to {y.max()}")
        return np.eye(k)[y], y
    if loss == "mse" and y.dtype.kind == "f" and y.reshape(n, -1).shape == (n, k):
        return y.reshape(n, k), None
    raise ValueError(f"y must be {n} integer labels" + (f" or real targets of shape ({n}, {k})"
                     if loss == "mse" else "") + f"; got dtype {y.dtype}, shape {y.shape}")


def compute_loss(output, y, loss="cross_entropy"):
    """Mean loss over the batch and its gradient with respect to ``output``.

    Parameters
    ----------
    output : ndarray, shape (n, k)
        Network output (logits for cross-entropy).
    y : ndarray
        Integer class labels, shape (n,); for ``"mse"`` also real targets
        of shape (n, k). Labels become one-hot vectors for MSE.
    loss : {"cross_entropy", "mse"}
        ``-mean(log softmax(output)[y])`` or ``mean((output - targets)**2)``
        over every entry.

    Returns
    -------
    value : float
    grad : ndarray, shape (n, k)
    """
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")
    output = np.asarray(output, dtype=np.float64)
    if loss == "cross_entropy" and output.shape[1] < 2:
        raise ValueError("cross_entropy needs at least 2 outputs (one per class)")
    target, labels = _targets(y, output, loss)
    if loss == "cross_entropy":
        log_p = get("log_softmax")(output)
        n = len(output)
        return -np.mean(log_p[np.arange(n), labels]), (np.exp(log_p) - target) / n
    diff = output - target
    return np.mean(diff ** 2), 2.0 * diff / diff.size


def _measure(net, X, y, loss, validation):
    """One history entry: loss, accuracy, gradient norms, ... on all of X."""
    value, grads = net.gradients(X, y, loss)
    output = net.layers[-1].h
    entry = {
        "loss": value,
        "grad_norm": np.array([np.linalg.norm(g["W"]) for g in grads]),
        # A unit is dead when its derivative is 0 on every example; backward(1) of
        # an elementwise layer is f', whichever class implements it. The ones take the
        # output's shape: a gated layer's output is half as wide as its input.
        "dead_fraction": np.array([
            np.mean(np.all(layer.activation_layer.backward(np.ones_like(layer.h)) == 0, axis=0))
            for layer in net.layers if layer.activation_layer is not None]),
    }
    labels = _targets(y, output, loss)[1]
    if labels is not None:
        entry["accuracy"] = np.mean(np.argmax(output, axis=1) == labels)
    for name in sorted({layer.learned for layer in net.layers if layer.learned}):
        entry[name] = np.array([layer.params[name] if layer.learned == name else np.nan
                                for layer in net.layers])
    if validation is not None:
        output = net.forward(validation[0])
        entry["val_loss"], _ = compute_loss(output, validation[1], loss)
        if labels is not None:
            entry["val_accuracy"] = np.mean(np.argmax(output, axis=1) == validation[1])
    return entry


def _record(history, epoch, entry):
    """Append ``entry`` to ``history`` under ``epoch``; return ``history``."""
    history.setdefault("epoch", []).append(epoch)
    for key, value in entry.items():
        history.setdefault(key, []).append(value)
    return history


@_one_blas_thread
def train(net, X, y, epochs=30, lr=0.1, batch_size=32, loss="cross_entropy", momentum=0.0,
          seed=0, validation=None, callback=None, every=1, history=None, optimizer="sgd",
          betas=(0.9, 0.999), eps=1e-8):
    """Train ``net`` in place with mini-batch SGD or Adam and return its history.

    Parameters
    ----------
    net : Network
        Trained from its current weights (and momentum or Adam moments), so
        calling again continues training.
    X, y : ndarray
        Inputs (n, sizes[0]) and targets (see :func:`compute_loss`).
    epochs, lr, batch_size, momentum : number
        Passes over the data, learning rate, examples per step, momentum
        (SGD only).
    loss : {"cross_entropy", "mse"}
    seed : int
        Seed of the shuffling.
    validation : (X_val, y_val), optional
        Also record ``val_loss`` (and ``val_accuracy``).
    callback : callable, optional
        ``callback(info)`` every ``every`` steps, with ``info`` a dict of
        ``net``, ``step``, ``epoch`` (fractional), ``batch_loss`` and
        ``history``. Returning True or raising StopIteration stops training.
    history : dict, optional
        The history of an earlier call (with the same ``validation``), to
        extend instead of starting anew.
    optimizer : {"sgd", "adam"}
        :meth:`Network.step` or :meth:`Network.adam_step` (Kingma & Ba 2015).
    betas, eps : (float, float), float
        Adam's decay rates of the moment estimates, ``0 <= beta < 1``, and
        the term that keeps its denominator positive, ``eps > 0``.

    Returns
    -------
    dict of lists
        One entry per epoch, starting with epoch 0 (before training) unless
        ``history`` was given: ``epoch``, ``loss`` and, for class labels,
        ``accuracy`` (on all of X); ``grad_norm`` (norm of dL/dW per layer);
        ``dead_fraction`` (per layer with an activation: fraction of units
        whose derivative is 0 on every example); the learned parameter per
        layer (``a`` or ``beta``, NaN for other layers); ``val_loss`` and
        ``val_accuracy``. ``np.asarray(history["grad_norm"])`` has shape
        (entries, layers). If training stops early, the last entry is the
        state at the stop, with a fractional epoch. If the loss becomes NaN
        or infinite, training stops with a RuntimeWarning before that step.
        With BatchNorm the steps use training mode and the history
        inference mode (see :meth:`Network.forward`).
    """
    X = _check_inputs(X, net.sizes[0])
    y = np.asarray(y)
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} examples but y has {len(y)}")
    if validation is not None:
        validation = (_check_inputs(validation[0], net.sizes[0]), np.asarray(validation[1]))
    batch_size, epochs, every = int(batch_size), int(epochs), int(every)
    if batch_size < 1 or epochs < 0 or every < 1 or not lr > 0 or not 0 <= momentum < 1:
        raise ValueError("need batch_size >= 1, epochs >= 0, every >= 1, lr > 0 and "
                         f"0 <= momentum < 1; got {batch_size}, {epochs}, {every}, {lr}, {momentum}")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}")
    if optimizer == "adam":
        if momentum:
            raise ValueError(f"momentum is for SGD; in Adam betas[0] plays its part, got {momentum=}")
        if not (np.shape(betas) == (2,) and all(0 <= beta < 1 for beta in betas) and eps > 0):
            raise ValueError(f"Adam needs 0 <= beta < 1 for both betas and eps > 0; "
                             f"got betas={betas!r}, eps={eps!r}")
    if history is None:
        history = _record({}, 0.0, _measure(net, X, y, loss, validation))
    start = history["epoch"][-1]
    rng = np.random.default_rng(seed)
    n_batches = -(-len(X) // batch_size)
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(len(X))
        for i in range(n_batches):
            batch = order[i * batch_size:(i + 1) * batch_size]
            value, grads = net.gradients(X[batch], y[batch], loss, training=True)
            now = start + epoch + (i + 1) / n_batches
            if not np.isfinite(value):
                warnings.warn(tr("training diverged at epoch {epoch} (loss is {loss}); "
                                 "try a smaller learning rate", epoch=f"{now:.2f}", loss=value),
                              TrainingDiverged, stacklevel=2)
                if i:  # with i == 0 the current state is already the last entry
                    _record(history, start + epoch + i / n_batches,
                            _measure(net, X, y, loss, validation))
                return history
            if optimizer == "adam":
                net.adam_step(grads, lr, betas, eps)
            else:
                net.step(grads, lr, momentum)
            step += 1
            if callback is not None and step % every == 0:
                try:
                    stop = callback({"net": net, "step": step, "epoch": now,
                                     "batch_loss": value, "history": history})
                except StopIteration:
                    stop = True
                if stop:
                    return _record(history, now, _measure(net, X, y, loss, validation))
        _record(history, start + epoch + 1.0, _measure(net, X, y, loss, validation))
    return history


def epochs_to_target(epochs, values, target=0.9):
    """The first epoch at which ``values`` reaches ``target``, or ``inf`` if it never does.

    Parameters
    ----------
    epochs : sequence of float
        When each value was recorded, e.g. ``history["epoch"]``.
    values : sequence of float
        The measurement, e.g. ``history["val_accuracy"]``.
    target : float
        Reached means ``value >= target``; 0.9 unless given.

    Returns
    -------
    float
        ``epochs[i]`` for the first such ``i``; ``inf`` (never) sorts after
        every number and averages as such.
    """
    epochs, values = np.asarray(epochs, dtype=float), np.asarray(values, dtype=float)
    if epochs.shape != values.shape or epochs.ndim != 1:
        raise ValueError(f"epochs and values must be 1-D and of one length, got shapes "
                         f"{epochs.shape} and {values.shape}")
    reached = np.flatnonzero(values >= target)
    return float(epochs[reached[0]]) if reached.size else np.inf


@_one_blas_thread
def depth_statistics(activation, depth=50, width=100, init="lecun", std=None, n=1000,
                     input_std=1.0, bias=0.0, seed=0):
    """Follow signals and gradients through a deep random network.

    A batch of ``n`` inputs drawn from N(0, input_std**2) goes through
    ``depth`` layers of ``width`` units, every one with ``activation``. The
    gradient is that of ``L = mean over examples of sum(g * output)`` for a
    fixed standard normal ``g``, so no layer is favoured.

    Parameters
    ----------
    activation : str or (str, dict)
    depth, width, n : int
    init, std, bias : see :class:`Network`
    input_std : float
    seed : int

    Returns
    -------
    dict of ndarray, each of shape (depth,)
        ``layer`` (1 to depth), ``mean`` and ``std`` of each layer's
        activations over all examples and units, ``grad_norm`` (Frobenius
        norm of dL/dW per layer).
    """
    rng = np.random.default_rng(seed)
    net = Network([width] * (depth + 1), activation, init=init, std=std, bias=bias,
                  output_activation=activation, seed=rng)
    output = net.forward(rng.normal(0.0, input_std, size=(n, width)))
    grads = net.backward(rng.standard_normal(output.shape) / n)
    hs = net.activations
    return {
        "layer": np.arange(1, depth + 1),
        "mean": np.array([h.mean() for h in hs]),
        "std": np.array([h.std() for h in hs]),
        "grad_norm": np.array([np.linalg.norm(g["W"]) for g in grads]),
    }


@_one_blas_thread
def decision_grid(net, X, resolution=200, margin=0.5):
    """Class probabilities on a grid covering 2-D data ``X`` (plus ``margin``).

    Returns
    -------
    xx, yy : ndarray, shape (resolution, resolution)
        Grid coordinates, as from ``np.meshgrid``.
    proba : ndarray, shape (resolution, resolution, classes)
        ``net.predict_proba`` at each grid point; ``proba[..., 1]`` suits
        ``plt.contourf(xx, yy, ...)`` for two classes.
    """
    X = _check_inputs(X, 2)
    if net.sizes[0] != 2:
        raise ValueError(f"decision_grid needs a network with 2 inputs, this one has {net.sizes[0]}")
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    proba = net.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))
    return xx, yy, proba.reshape(resolution, resolution, -1)
