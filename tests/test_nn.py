"""Tests of actlib.nn: backprop against finite differences, training, depth statistics."""

import time

import numpy as np
import pytest
from scipy import special

import actlib
from actlib import datasets, nn
from actlib.activations import names

# Every elementwise activation with its default parameters, and again with each
# number moved 3 slider steps, so that a parameter lost in backward shows up.
ELEMENTWISE = [actlib.get(n) for n in names(elementwise=True)]
CASES = []
for _act in ELEMENTWISE:
    choices = {k: p.choices for k, p in _act.params.items() if p.choices}
    if choices:
        CASES += [(_act.name, {k: c}) for k, cs in choices.items() for c in cs]
        continue
    CASES.append((_act.name, {}))
    if _act.params:
        CASES.append((_act.name, {k: p.default + 3 * p.step for k, p in _act.params.items()}))


def numeric_gradients(net, X, y, loss, h=1e-6, training=False):
    """Central differences of the loss for every parameter, in net.backward's layout."""
    def value():
        return nn.compute_loss(net.forward(X, training), y, loss)[0]

    grads = []
    for layer in net.layers:
        g = {}
        for name, arr in layer.weights.items():
            g[name] = np.zeros_like(arr)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + h
                up = value()
                arr[idx] = old - h
                down = value()
                arr[idx] = old
                g[name][idx] = (up - down) / (2 * h)
        if layer.learned:
            name, old = layer.learned, layer.params[layer.learned]
            layer.params[name] = old + h
            up = value()
            layer.params[name] = old - h
            down = value()
            layer.params[name] = old
            g[name] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def kink_free_batch(net, n=6, margin=1e-3):
    """Inputs and labels whose pre-activations all stay ``margin`` away from kinks.

    The kink of relu, leaky_relu, prelu, elu and selu is at 0, that of step at
    its threshold; a central difference across a kink measures nothing.
    """
    for seed in range(100):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, net.sizes[0]))
        net.forward(X)
        if all(np.min(np.abs(layer.z - layer.params.get("threshold", 0.0))) > margin
               for layer in net.layers if layer.activation):
            return X, rng.integers(0, net.sizes[-1], size=n)
    raise AssertionError("no kink-free batch found")


def relative_error(a, b):
    a, b = np.asarray(a), np.asarray(b)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else np.linalg.norm(a - b) / scale


def assert_backprop_matches(net, loss, X=None, y=None, training=False, atol=0.0):
    """Relative error below 1e-6, or an absolute one below ``atol`` (for gradients that vanish)."""
    if X is None:
        X, y = kink_free_batch(net)
    _, analytic = net.gradients(X, y, loss, training)
    numeric = numeric_gradients(net, X, y, loss, training=training)
    for i, (ga, gn) in enumerate(zip(analytic, numeric)):
        assert ga.keys() == gn.keys()
        for name in ga:
            err = relative_error(ga[name], gn[name])
            assert err < 1e-6 or np.max(np.abs(ga[name] - gn[name])) < atol, \
                f"layer {i} {name}: relative error {err:.2e}"


@pytest.mark.parametrize("loss", nn.LOSSES)
@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_backprop_matches_finite_differences(name, params, loss):
    net = nn.Network([3, 4, 5, 3], activation=(name, params), init="xavier", bias=0.1,
                     learn=("prelu", "swish"), seed=1)
    assert_backprop_matches(net, loss)


def test_every_elementwise_activation_is_checked():
    checked = {name for name, _ in CASES}
    assert checked == {a.name for a in ELEMENTWISE}
    assert {p["approximate"] for n, p in CASES if n == "gelu"} == {"none", "tanh", "sigmoid"}


@pytest.mark.parametrize("name", ["prelu", "swish"])
def test_learned_parameter_gradient(name):
    net = nn.Network([3, 4, 5, 3], activation=name, learn=name, seed=2)
    learned = [layer.learned for layer in net.layers]
    assert learned == [actlib.get(name).learnable[0]] * 2 + [None]
    assert_backprop_matches(net, "cross_entropy")


def test_backprop_with_mixed_layers_and_output_activation():
    net = nn.Network([3, 4, 4, 5, 2], activation=["tanh", None, ("elu", {"alpha": 0.5})],
                     output_activation="sigmoid", seed=3)
    assert_backprop_matches(net, "mse")


def test_backprop_mse_with_real_targets():
    net = nn.Network([2, 6, 3], activation="gelu", seed=4)
    rng = np.random.default_rng(0)
    assert_backprop_matches(net, "mse", rng.normal(size=(5, 2)), rng.normal(size=(5, 3)))


class StudentReLU:
    """A ReLU layer as a student writes it in the exercise."""

    def forward(self, z):
        self.mask = z > 0
        return np.where(self.mask, z, 0.0)

    def backward(self, dh):
        return dh * self.mask


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_activation_layer_is_the_registry_function_and_derivative(name, params):
    z = np.random.default_rng(0).normal(size=(5, 4)) * 3
    dh = np.random.default_rng(1).normal(size=(5, 4))
    layer = nn.ActivationLayer(name, **params)
    act = actlib.get(name)
    np.testing.assert_array_equal(layer.forward(z), act(z, **params))
    np.testing.assert_array_equal(layer.backward(dh), dh * act.derivative(z, **params))


def test_named_activations_become_activation_layers():
    net = nn.Network([2, 3, 3, 2], ["tanh", ("elu", {"alpha": 0.5})], seed=0)
    hidden = [layer.activation_layer for layer in net.layers[:2]]
    assert all(isinstance(a, nn.ActivationLayer) for a in hidden)
    assert net.layers[1].params == {"alpha": 0.5} and net.layers[1].activation is actlib.elu
    assert net.layers[2].activation_layer is None
    assert repr(hidden[1]) == "ActivationLayer('elu', alpha=0.5)"


def test_layer_factory_gives_each_layer_its_own_object():
    net = nn.Network([2, 8, 8, 2], activation=StudentReLU, seed=0)
    first, second, out = (layer.activation_layer for layer in net.layers)
    assert isinstance(first, StudentReLU) and isinstance(second, StudentReLU)
    assert first is not second and out is None
    assert repr(net) == ("Network([Dense(2 -> 8, StudentReLU), Dense(8 -> 8, StudentReLU), "
                         "Dense(8 -> 2, linear)])")


def test_layer_factory_trains_like_the_registry_relu():
    X, y = datasets.moons(n=100, seed=0)
    runs = []
    for activation in (StudentReLU, "relu"):
        net = nn.Network([2, 8, 8, 2], activation, bias=-0.2, seed=0)
        runs.append((net, nn.train(net, X, y, epochs=3, lr=0.3, momentum=0.5)))
    (student, h1), (registry, h2) = runs
    assert h1.keys() == h2.keys()
    for key in h1:
        np.testing.assert_allclose(np.asarray(h1[key]), np.asarray(h2[key]), rtol=1e-12)
    assert np.asarray(h1["dead_fraction"]).shape == (4, 2)
    np.testing.assert_allclose(student.layers[0].W, registry.layers[0].W, rtol=1e-12)


def test_backprop_through_a_layer_factory_and_a_mixed_list():
    net = nn.Network([3, 4, 5, 3], activation=[StudentReLU, "tanh"], output_activation=StudentReLU,
                     init="xavier", bias=0.1, seed=1)
    assert_backprop_matches(net, "mse")


def randomise_norms(net, seed=0):
    """Gains, shifts and running statistics away from 1 and 0, so that each one counts."""
    rng = np.random.default_rng(seed)
    for norm in (layer.norm for layer in net.layers if layer.norm is not None):
        norm.gain[...] = rng.uniform(0.5, 2.0, norm.gain.shape)
        norm.shift[...] = rng.normal(size=norm.shift.shape)
        if isinstance(norm, nn.BatchNorm):
            norm.running_mean[...] = rng.normal(size=norm.gain.shape)
            norm.running_var[...] = rng.uniform(0.5, 2.0, norm.gain.shape)


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("norm, training", [("layer", False), ("batch", True), ("batch", False)])
def test_backprop_with_norm_and_residual_matches_finite_differences(norm, training, residual):
    # Smooth activations: a central difference across a kink measures nothing.
    net = nn.Network([3, 5, 5, 3], activation=["swish", "gelu"], learn="swish", bias=0.1,
                     norm=norm, residual=residual, seed=5)
    randomise_norms(net)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    assert [layer.residual for layer in net.layers] == [False, residual, False]
    # In training mode BatchNorm subtracts the batch mean, so b has no effect: its
    # gradient is 0, up to rounding, and the finite difference measures only noise.
    assert_backprop_matches(net, "cross_entropy", X, y, training, atol=1e-8 if training else 0.0)
    _, grads = net.gradients(X, y, training=training)
    assert set(grads[0]) == {"W", "b", "gain", "shift", "beta"} and set(grads[2]) == {"W", "b"}
    if training:
        assert all(np.max(np.abs(g["b"])) < 1e-12 for g in grads[:2])


def test_residual_applies_where_widths_match():
    net = nn.Network([3, 3, 4, 4, 3, 3], activation="tanh", residual=True, seed=0)
    assert [layer.residual for layer in net.layers] == [True, False, True, False, False]
    X = np.random.default_rng(0).normal(size=(5, 3))
    net.forward(X)
    first, second = net.layers[:2]
    np.testing.assert_array_equal(first.h, X + np.tanh(first.z))
    np.testing.assert_array_equal(second.h, np.tanh(second.z))
    assert repr(first) == "Dense(3 -> 3, tanh, residual)"


def test_layer_norm_normalises_each_example():
    net = nn.Network([3, 6, 2], activation=None, norm="layer", seed=0)
    X = np.random.default_rng(0).normal(size=(5, 3)) * 10
    net.forward(X)
    h = net.activations[0]
    np.testing.assert_allclose(h.mean(axis=1), 0.0, atol=1e-12)
    z = net.pre_activations[0]
    np.testing.assert_allclose(h.var(axis=1), z.var(axis=1) / (z.var(axis=1) + 1e-5), rtol=1e-12)
    assert repr(net.layers[0]) == "Dense(3 -> 6, linear, LayerNorm)" and net.layers[1].norm is None


def test_batch_norm_trains_on_the_batch_and_predicts_with_running_averages():
    net = nn.Network([2, 4, 2], activation=None, norm="batch", seed=0)
    norm = net.layers[0].norm
    X = np.random.default_rng(0).normal(size=(8, 2)) * 3 + 1
    net.forward(X, training=True)
    z, h = net.pre_activations[0], net.activations[0]
    np.testing.assert_allclose(h.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(h.var(axis=0), z.var(axis=0) / (z.var(axis=0) + 1e-5), rtol=1e-12)
    np.testing.assert_allclose(norm.running_mean, 0.1 * z.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(norm.running_var, 0.9 + 0.1 * z.var(axis=0), rtol=1e-12)
    # Inference: the running averages, which predicting leaves as they are.
    running = norm.running_mean.copy(), norm.running_var.copy()
    p = net.predict_proba(X)
    np.testing.assert_array_equal(norm.running_mean, running[0])
    expected = (z - running[0]) / np.sqrt(running[1] + 1e-5) @ net.layers[1].W + net.layers[1].b
    np.testing.assert_allclose(p, actlib.softmax(expected), rtol=1e-12)
    np.testing.assert_allclose(net.predict_proba(X[:1]), p[:1], rtol=1e-12)  # one at a time


def test_train_measures_batch_norm_networks_at_inference():
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 8, 8, 2], activation="relu", norm="batch", seed=0)
    hist = nn.train(net, X, y, epochs=2, lr=0.1)
    assert not np.array_equal(net.layers[0].norm.running_mean, 0.0)
    assert hist["loss"][-1] == nn.compute_loss(net.forward(X), y)[0]
    assert not np.array_equal(net.layers[0].norm.gain, 1.0)


@pytest.mark.parametrize("norm", ["layer", "batch"])
def test_norm_and_residual_networks_train_on_moons(norm):
    X, y = datasets.moons(n=400, noise=0.2, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, seed=0)
    X_train, X_test = datasets.standardize(X_train, X_test)
    net = nn.Network([2, 32, 32, 32, 2], activation="relu", norm=norm, residual=True, seed=0)
    hist = nn.train(net, X_train, y_train, epochs=20, lr=0.01, optimizer="adam", seed=0)
    assert hist["loss"][-1] < 0.5 * hist["loss"][0]
    assert np.mean(net.predict(X_test) == y_test) > 0.9


def test_forward_records_every_layer():
    net = nn.Network([3, 8, 6, 4], activation=("leaky_relu", {"negative_slope": 0.2}), seed=0)
    X = np.random.default_rng(0).normal(size=(10, 3))
    out = net.forward(X)
    zs, hs = net.pre_activations, net.activations
    assert [z.shape for z in zs] == [(10, 8), (10, 6), (10, 4)]
    x = X
    for layer, z, h in zip(net.layers, zs, hs):
        np.testing.assert_allclose(z, x @ layer.W + layer.b)
        expected = actlib.leaky_relu(z, negative_slope=0.2) if layer.activation else z
        np.testing.assert_array_equal(h, expected)
        x = h
    np.testing.assert_array_equal(out, hs[-1])


def test_losses_against_scipy():
    rng = np.random.default_rng(0)
    out, y = rng.normal(size=(7, 4)) * 50, rng.integers(0, 4, size=7)
    ce, _ = nn.compute_loss(out, y, "cross_entropy")
    assert ce == pytest.approx(-np.mean(special.log_softmax(out, axis=1)[np.arange(7), y]), rel=1e-14)
    mse, _ = nn.compute_loss(out, y, "mse")
    assert mse == pytest.approx(np.mean((out - np.eye(4)[y]) ** 2), rel=1e-14)


@pytest.mark.parametrize("init, expected", [
    ("xavier", np.sqrt(2 / (400 + 300))), ("he", np.sqrt(2 / 400)), ("lecun", np.sqrt(1 / 400)),
])
def test_init_std(init, expected):
    net = nn.Network([400, 300, 2], activation="relu", init=init, bias=-0.5, seed=0)
    W = net.layers[0].W
    assert abs(W.mean()) < 0.01 * expected
    assert W.std() == pytest.approx(expected, rel=0.01)
    np.testing.assert_array_equal(net.layers[0].b, -0.5)
    np.testing.assert_array_equal(net.layers[1].b, 0.0)


def test_normal_init_uses_std():
    net = nn.Network([500, 400], init="normal", std=0.05, seed=0)
    assert net.layers[0].W.std() == pytest.approx(0.05, rel=0.01)


def test_step_with_momentum():
    net = nn.Network([2, 3, 2], activation="tanh", seed=0)
    grads = [{"W": np.ones_like(layer.W), "b": np.ones_like(layer.b)} for layer in net.layers]
    W0 = net.layers[0].W.copy()
    net.step(grads, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(net.layers[0].W, W0 - 0.1)
    net.step(grads, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(net.layers[0].W, W0 - 0.1 - 0.19)


def test_adam_steps_by_hand():
    net = nn.Network([2, 3, 2], activation="prelu", seed=0)
    W0, a0 = net.layers[0].W.copy(), net.layers[0].params["a"]
    for g in (1.0, 3.0):
        grads = [{"W": np.full_like(layer.W, g), "b": np.full_like(layer.b, g)} for layer in net.layers]
        grads[0]["a"] = g
        net.adam_step(grads, lr=0.1)
    # Step 1: m = 0.1, v = 0.001; corrected, m_hat = 1 and v_hat = 1.
    # Step 2: m = 0.9 * 0.1 + 0.1 * 3 = 0.39, v = 0.999 * 0.001 + 0.001 * 9 = 0.009999,
    # m_hat = 0.39 / (1 - 0.9**2), v_hat = 0.009999 / (1 - 0.999**2).
    move = 0.1 / (1 + 1e-8) + 0.1 * (0.39 / 0.19) / (np.sqrt(0.009999 / 0.001999) + 1e-8)
    np.testing.assert_allclose(net.layers[0].W, W0 - move, rtol=1e-12)
    assert net.layers[0].params["a"] == pytest.approx(a0 - move, rel=1e-12)
    m, v, t = net.moments[0, "W"]
    assert t == 2
    np.testing.assert_allclose([m[0, 0], v[0, 0]], [0.39, 0.009999], rtol=1e-12)


def test_adams_first_step_moves_every_parameter_by_lr():
    X, y = datasets.moons(n=50, seed=0)
    net = nn.Network([2, 4, 2], activation="tanh", seed=0)
    W0 = [layer.W.copy() for layer in net.layers]
    nn.train(net, X, y, epochs=1, lr=0.01, optimizer="adam", callback=lambda info: True)
    for layer, W in zip(net.layers, W0):
        np.testing.assert_allclose(np.abs(layer.W - W), 0.01, rtol=1e-5)


def test_adam_trains_the_moons_network():
    X, y = datasets.moons(n=400, noise=0.2, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, seed=0)
    X_train, X_test = datasets.standardize(X_train, X_test)
    start = time.perf_counter()
    net = nn.Network([2, 32, 32, 2], activation="relu", seed=0)
    hist = nn.train(net, X_train, y_train, epochs=20, lr=0.01, optimizer="adam", seed=0)
    print(f"moons 2-32-32-2 relu, Adam, 20 epochs: {time.perf_counter() - start:.2f} s")
    assert hist["loss"][-1] < 0.5 * hist["loss"][0]
    assert np.mean(net.predict(X_test) == y_test) > 0.9
    steps = 20 * -(-len(X_train) // 32)
    assert net.moments[0, "W"][2] == steps
    nn.train(net, X_train, y_train, epochs=1, lr=0.01, optimizer="adam", history=hist)
    assert net.moments[0, "W"][2] == steps + -(-len(X_train) // 32), "Adam continues its count"


def test_predict_and_proba():
    net = nn.Network([2, 5, 3], activation="tanh", seed=0)
    X = np.random.default_rng(1).normal(size=(20, 2))
    p = net.predict_proba(X)
    assert p.shape == (20, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(net.predict(X), np.argmax(p, axis=1))


def test_decision_grid():
    X, y = datasets.moons(n=50, seed=0)
    net = nn.Network([2, 4, 2], seed=0)
    xx, yy, proba = nn.decision_grid(net, X, resolution=30, margin=0.5)
    assert xx.shape == yy.shape == (30, 30) and proba.shape == (30, 30, 2)
    assert xx.min() == pytest.approx(X[:, 0].min() - 0.5)
    assert yy.max() == pytest.approx(X[:, 1].max() + 0.5)
    np.testing.assert_allclose(proba[3, 7], net.predict_proba([[xx[3, 7], yy[3, 7]]])[0])


def _small_run(seed=0, **kwargs):
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 8, 8, 2], activation="prelu", seed=seed)
    hist = nn.train(net, X, y, epochs=4, lr=0.1, batch_size=16, momentum=0.5, seed=seed,
                    validation=(X[:20], y[:20]), **kwargs)
    return net, hist


def test_training_is_deterministic():
    (net1, h1), (net2, h2), (net3, _) = _small_run(), _small_run(), _small_run(seed=1)
    for l1, l2, l3 in zip(net1.layers, net2.layers, net3.layers):
        np.testing.assert_array_equal(l1.W, l2.W)
        assert l1.params == l2.params
        assert not np.array_equal(l1.W, l3.W)
    assert h1.keys() == h2.keys()
    for key in h1:
        np.testing.assert_array_equal(np.asarray(h1[key]), np.asarray(h2[key]))


def test_history_layout():
    net, hist = _small_run()
    assert set(hist) == {"epoch", "loss", "accuracy", "grad_norm", "dead_fraction",
                         "a", "val_loss", "val_accuracy"}
    assert hist["epoch"] == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert all(len(v) == 5 for v in hist.values())
    assert np.asarray(hist["grad_norm"]).shape == (5, 3)
    assert np.asarray(hist["dead_fraction"]).shape == (5, 2)
    a = np.asarray(hist["a"])
    assert a.shape == (5, 3) and np.all(np.isnan(a[:, 2]))
    np.testing.assert_array_equal(a[0, :2], 0.25)
    np.testing.assert_array_equal(a[-1, :2], [layer.params["a"] for layer in net.layers[:2]])
    assert not np.allclose(a[-1, :2], 0.25), "PReLU's a should have moved"


def test_train_resumes_and_extends_history():
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 8, 2], seed=0)
    hist = nn.train(net, X, y, epochs=2)
    W = net.layers[0].W.copy()
    hist = nn.train(net, X, y, epochs=3, history=hist)
    assert hist["epoch"] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert not np.array_equal(net.layers[0].W, W)


def test_callback_is_called_and_can_stop():
    X, y = datasets.moons(n=100, seed=0)  # 7 steps per epoch with batch_size 16
    seen = []

    def stop_after_ten(info):
        seen.append(info["step"])
        assert info["net"] is net and info["history"]["epoch"][0] == 0.0
        return info["step"] >= 10

    net = nn.Network([2, 8, 2], seed=0)
    hist = nn.train(net, X, y, epochs=5, batch_size=16, callback=stop_after_ten, every=2)
    assert seen == [2, 4, 6, 8, 10]
    assert hist["epoch"] == [0.0, 1.0, pytest.approx(10 / 7)]

    def raise_stop(info):
        raise StopIteration

    hist = nn.train(net, X, y, epochs=5, batch_size=16, callback=raise_stop)
    assert hist["epoch"] == [0.0, pytest.approx(1 / 7)]


def test_divergence_stops_with_a_warning():
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 16, 2], activation="relu", seed=0)
    with pytest.warns(RuntimeWarning, match="diverged"), np.errstate(all="ignore"):
        hist = nn.train(net, X, y, epochs=20, lr=1e6, loss="mse")
    assert hist["epoch"][-1] < 20


def test_dead_relu_units_stay_dead():
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 16, 16, 2], activation="relu", bias=-20.0, seed=0)
    W = [layer.W.copy() for layer in net.layers]
    hist = nn.train(net, X, y, epochs=3)
    np.testing.assert_array_equal(np.asarray(hist["dead_fraction"]), 1.0)
    np.testing.assert_array_equal(net.layers[0].W, W[0])  # no gradient reaches them


def test_step_activation_trains_only_the_output_layer():
    X, y = datasets.moons(n=100, seed=0)
    net = nn.Network([2, 8, 2], activation="step", seed=0)
    W = [layer.W.copy() for layer in net.layers]
    hist = nn.train(net, X, y, epochs=3)
    np.testing.assert_array_equal(net.layers[0].W, W[0])
    assert not np.array_equal(net.layers[1].W, W[1])
    assert np.all(np.asarray(hist["grad_norm"])[:, 0] == 0)
    np.testing.assert_array_equal(np.asarray(hist["dead_fraction"]), 1.0)


def test_moons_smoke_run():
    X, y = datasets.moons(n=400, noise=0.2, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, seed=0)
    X_train, X_test = datasets.standardize(X_train, X_test)
    start = time.perf_counter()
    net = nn.Network([2, 32, 32, 2], activation="tanh", init="xavier", seed=0)
    hist = nn.train(net, X_train, y_train, epochs=50, lr=0.1, momentum=0.9, seed=0)
    print(f"moons 2-32-32-2 tanh, 50 epochs: {time.perf_counter() - start:.2f} s")
    assert hist["loss"][-1] < hist["loss"][0]
    assert np.mean(net.predict(X_test) == y_test) > 0.9


def test_digits_smoke_run():
    X, y = datasets.digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, seed=0)
    X_train, X_test = datasets.standardize(X_train, X_test)
    start = time.perf_counter()
    net = nn.Network([64, 32, 10], activation="relu", init="he", seed=0)
    hist = nn.train(net, X_train, y_train, epochs=30, lr=0.05, seed=0, validation=(X_test, y_test))
    print(f"digits 64-32-10 relu, 30 epochs: {time.perf_counter() - start:.2f} s")
    assert hist["val_accuracy"][-1] > 0.9


# Depth statistics: properties that follow from the mean-field theory of random networks.

def test_selu_with_lecun_init_self_normalises():
    stats = nn.depth_statistics("selu", depth=50, width=100, init="lecun", seed=0)
    assert stats["std"].shape == stats["mean"].shape == stats["grad_norm"].shape == (50,)
    np.testing.assert_array_equal(stats["layer"], np.arange(1, 51))
    assert 0.8 <= stats["std"][-1] <= 1.2
    assert abs(stats["mean"][-1]) < 0.1


def test_tanh_with_lecun_init_decays():
    # With q the variance, E[tanh(z)^2] = q - 2 q^2 + O(q^3): q shrinks like 1 / (2 l).
    std = nn.depth_statistics("tanh", init="lecun", seed=0)["std"]
    assert std[49] < std[9] < std[0]
    assert std[49] < 0.15


def test_relu_halves_the_second_moment_with_xavier_but_not_with_he():
    # E[relu(z)^2] = var(z) / 2, so with weight variance 1 / fan_in every layer halves
    # it (std falls by 2 ** -0.5 per layer), while He's 2 / fan_in restores it.
    xavier = nn.depth_statistics("relu", init="xavier", seed=0)["std"]
    slope = np.polyfit(np.arange(50), np.log2(xavier), 1)[0]
    assert -0.6 < slope < -0.4
    he = nn.depth_statistics("relu", init="he", seed=0)["std"]
    assert np.all((he > 0.4) & (he < 2.5))


def test_sigmoid_gradients_vanish_and_selu_gradients_do_not():
    # sigmoid' <= 1/4, so each layer shrinks the backward signal (||W||_2 is about 2 here).
    sig = nn.depth_statistics("sigmoid", init="xavier", seed=0)["grad_norm"]
    assert sig[0] < 1e-12 * sig[-1]
    selu = nn.depth_statistics("selu", init="lecun", seed=0)["grad_norm"]
    assert 0.1 < selu[0] / selu[-1] < 100


def test_tanh_with_large_weights_explodes_gradients():
    stats = nn.depth_statistics("tanh", init="normal", std=1.0, seed=0)
    assert stats["grad_norm"][0] > 1e6 * stats["grad_norm"][-1]


# Bad input.

X2, Y2 = np.zeros((4, 2)), np.array([0, 1, 0, 1])


class NoBackward:
    def forward(self, z):
        return z


@pytest.mark.parametrize("make, match", [
    (lambda: nn.Network([2, 3, 2], init="glorot"), "unknown init 'glorot'"),
    (lambda: nn.Network([2, 3, 2], init="normal"), "std is required"),
    (lambda: nn.Network([2, 3, 2], init="he", std=0.1), "std is required"),
    (lambda: nn.Network([2, 3, 2], init="normal", std=-1.0), "std must be > 0"),
    (lambda: nn.Network([2]), "at least an input and an output"),
    (lambda: nn.Network([2, 0, 2]), "at least an input and an output"),
    (lambda: nn.Network([2, 3, 3, 2], activation=["relu"]), "1 activations given for 2 hidden"),
    (lambda: nn.Network([2, 3, 2], activation="softmax"), "not elementwise"),
    (lambda: nn.Network([2, 3, 2], learn=("relu",)), "learn accepts"),
    (lambda: nn.Network([2, 3, 2], norm="group"), "unknown norm 'group'"),
    (lambda: nn.Dense(np.zeros((2, 3)), np.zeros(3), residual=True), "as many outputs as inputs"),
    (lambda: nn.Network([2, 3, 3, 2], activation=("relu", "tanh")), "for one activation per hidden"),
    (lambda: nn.Network([2, 3, 2], activation=("elu", {"alpha": np.nan})), "finite"),
    (lambda: nn.Network([2, 3, 2], activation=actlib.relu), "or a layer factory"),
    (lambda: nn.Network([2, 3, 2], activation=lambda: object()), "lack forward and backward"),
    (lambda: nn.Network([2, 3, 2], activation=NoBackward), r"\(NoBackward\) lack backward;"),
    (lambda: nn.ActivationLayer("softmax"), "not elementwise"),
    (lambda: nn.Network([2, 3, 2]).forward(np.zeros((4, 3))), r"shape \(n, 2\)"),
    (lambda: nn.Network([2, 3, 2]).forward(np.zeros(2)), r"shape \(n, 2\)"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, [0, 1, 2, 0]), r"labels must lie in \[0, 1\]"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, [0, 1, -1, 0]), r"labels must lie in \[0, 1\]"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, [0.0, 1.0, 0.0, 1.0]), "integer labels"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2[:3]), "y has 3"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, loss="hinge"), "unknown loss 'hinge'"),
    (lambda: nn.train(nn.Network([2, 3, 1]), X2, Y2 * 0), "at least 2 outputs"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, batch_size=0), "batch_size >= 1"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, lr=0), "lr > 0"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, optimizer="rmsprop"), "unknown optimizer"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, optimizer="adam", momentum=0.5), "for SGD"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, optimizer="adam", betas=(0.9, 1.0)), "beta < 1"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, optimizer="adam", betas=0.9), "0 <= beta < 1"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, optimizer="adam", eps=0.0), "eps > 0"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, Y2, validation=(X2[:, :1], Y2)), r"shape \(n, 2\)"),
    (lambda: nn.train(nn.Network([2, 3, 2]), X2, np.zeros((4, 3)), loss="mse"), r"shape \(4, 2\)"),
    (lambda: nn.decision_grid(nn.Network([3, 2]), X2), "2 inputs"),
])
def test_bad_input_raises_value_error(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_unknown_activation_lists_the_names():
    with pytest.raises(KeyError, match="choose one of step, sigmoid"):
        nn.Network([2, 3, 2], activation="rellu")


def test_epochs_to_target_is_the_first_epoch_at_or_above_the_target():
    epochs = [0.0, 1.0, 2.0, 3.0, 4.0]
    assert nn.epochs_to_target(epochs, [0.1, 0.5, 0.9, 0.8, 0.95], 0.9) == 2.0  # >=, and first
    assert nn.epochs_to_target(epochs, [0.1, 0.5, 0.6, 0.8, 0.85], 0.9) == np.inf
    assert nn.epochs_to_target(epochs, [0.95, 0.5, 0.6, 0.8, 0.85], 0.9) == 0.0
    # The epoch recorded, not the index: a history recorded every 5 epochs.
    assert nn.epochs_to_target([0, 5, 10, 15], [0.2, 0.4, 0.92, 0.99], 0.9) == 10.0


def test_epochs_to_target_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="one length"):
        nn.epochs_to_target([0, 1, 2], [0.5, 0.9], 0.9)


def test_epochs_to_target_of_a_real_history_matches_its_accuracy():
    X, y = datasets.moons(n=200, seed=0)
    h = nn.train(nn.Network([2, 16, 2], "tanh", init="xavier", seed=0), X, y, epochs=20, lr=0.3)
    reached = nn.epochs_to_target(h["epoch"], h["accuracy"], 0.85)
    i = h["epoch"].index(reached)
    assert h["accuracy"][i] >= 0.85 and all(a < 0.85 for a in h["accuracy"][:i])


class _GLU:
    """A gated layer: the output a · σ(b) is half as wide as its input [a, b]."""

    def forward(self, z):
        self.z = z
        a, b = np.split(z, 2, axis=1)
        return a * actlib.sigmoid(b)

    def backward(self, dh):
        a, b = np.split(self.z, 2, axis=1)
        s = actlib.sigmoid(b)
        return np.concatenate([dh * s, dh * a * s * (1 - s)], axis=1)


def test_train_records_a_gated_layer_whose_output_is_narrower_than_its_input():
    X, y = datasets.moons(n=64, noise=0.2, seed=0)
    rng = np.random.default_rng(0)
    net = nn.Network([2, 8, 2], seed=0)
    net.layers = [nn.Dense(rng.normal(0, 0.5, (2, 8)), np.zeros(8), activation=_GLU()),
                  nn.Dense(rng.normal(0, 0.5, (4, 2)), np.zeros(2))]
    history = nn.train(net, X, y, epochs=2, lr=0.1, seed=0)
    assert np.asarray(history["dead_fraction"]).shape == (3, 1)
    assert np.isfinite(history["loss"]).all()
