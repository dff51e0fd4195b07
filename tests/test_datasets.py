"""Tests of actlib.datasets: the toy sets' geometry, splitting, scaling, digits."""

import socket

import numpy as np
import pytest

from actlib import datasets


@pytest.mark.parametrize("name", sorted(datasets.TOY_SETS))
def test_toy_sets_shapes_and_determinism(name):
    make = datasets.TOY_SETS[name]
    X, y = make(n=101, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype.kind == "i"
    assert set(np.unique(y)) == {0, 1}
    X2, y2 = make(n=101, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(n=101, seed=4)[0])


@pytest.mark.parametrize("name", ["moons", "circles", "spirals"])
def test_classes_are_balanced_and_shuffled(name):
    _, y = datasets.TOY_SETS[name](n=101, seed=0)
    assert sorted(np.bincount(y)) == [50, 51]
    assert 0 < np.mean(y[:50]) < 1


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = datasets.moons(n=200, noise=0.0, seed=0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.hypot(*(lower - [1.0, 0.5]).T), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_circles_without_noise_have_the_two_radii():
    X, y = datasets.circles(n=200, noise=0.0, factor=0.3, seed=0)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.3)


def test_spiral_arms_are_rotated_copies():
    X, y = datasets.spirals(n=300, noise=0.0, classes=3, turns=1.5, seed=0)
    assert np.all(np.bincount(y) == 100)
    # Sorted by radius, arm k rotated by -2 pi k / 3 coincides with arm 0.
    arms = [X[y == k][np.argsort(np.hypot(*X[y == k].T))] for k in range(3)]
    for k in (1, 2):
        c, s = np.cos(-2 * np.pi * k / 3), np.sin(-2 * np.pi * k / 3)
        np.testing.assert_allclose(arms[k] @ np.array([[c, s], [-s, c]]), arms[0], atol=1e-12)
    assert np.max(np.hypot(*X.T)) == pytest.approx(1.0)


def test_xor_without_noise_labels_by_quadrant():
    X, y = datasets.xor(n=500, noise=0.0, seed=0)
    assert np.all(np.abs(X) <= 1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_noise_has_the_requested_std():
    # Isotropic noise of std 0.1 moves points off the unit circle by a radial
    # offset of std 0.1 (up to curvature terms of order 0.1**2).
    X, y = datasets.circles(n=8000, noise=0.1, seed=0)
    assert np.hypot(*X[y == 0].T).std() == pytest.approx(0.1, rel=0.05)


def test_train_test_split():
    X, y = np.arange(40).reshape(20, 2), np.arange(20)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_size=0.25, seed=0)
    assert len(X_test) == 5 and len(X_train) == 15
    np.testing.assert_array_equal(X_train[:, 0] // 2, y_train)  # rows stay paired
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_test])), y)
    again = datasets.train_test_split(X, y, test_size=0.25, seed=0)
    np.testing.assert_array_equal(again[3], y_test)
    assert not np.array_equal(datasets.train_test_split(X, y, seed=1)[3], y_test)


def test_train_val_test_split_keeps_rows_paired_and_parts_apart():
    X, y = np.arange(200).reshape(100, 2), np.arange(100)
    X_train, X_val, X_test, y_train, y_val, y_test = datasets.train_val_test_split(
        X, y, val_size=0.2, test_size=0.1, seed=0)
    assert (len(y_train), len(y_val), len(y_test)) == (70, 20, 10)
    for X_part, y_part in ((X_train, y_train), (X_val, y_val), (X_test, y_test)):
        np.testing.assert_array_equal(X_part[:, 0] // 2, y_part)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_val, y_test])), y)
    again = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.1, seed=0)
    np.testing.assert_array_equal(again[5], y_test)
    # The test set does not depend on the validation fraction: changing it cannot leak test rows.
    np.testing.assert_array_equal(datasets.train_val_test_split(X, y, 0.3, 0.1, seed=0)[5], y_test)


def test_train_val_test_split_of_three_examples_gives_one_each():
    parts = datasets.train_val_test_split(np.zeros((3, 2)), np.arange(3), 0.1, 0.1)
    assert [len(p) for p in parts[3:]] == [1, 1, 1]


def test_standardize_uses_training_statistics():
    rng = np.random.default_rng(0)
    train = rng.normal(3.0, 2.0, size=(50, 3))
    train[:, 2] = 7.0  # a constant column, like the border pixels of the digits
    test = rng.normal(3.0, 2.0, size=(10, 3))
    s_train, s_test = datasets.standardize(train, test)
    np.testing.assert_allclose(s_train[:, :2].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(s_train[:, :2].std(axis=0), 1.0)
    np.testing.assert_array_equal(s_train[:, 2], 0.0)
    np.testing.assert_allclose(s_test, (test - train.mean(axis=0)) / np.where(
        train.std(axis=0) > 0, train.std(axis=0), 1.0))
    np.testing.assert_array_equal(datasets.standardize(train), s_train)


def test_digits_load_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(np.unique(y), np.arange(10))


@pytest.mark.parametrize("make, match", [
    (lambda: datasets.moons(n=1), "n must be an integer >= 2"),
    (lambda: datasets.moons(n=10.5), "n must be an integer"),
    (lambda: datasets.spirals(n=2, classes=3), "n must be an integer >= 3"),
    (lambda: datasets.circles(noise=-0.1), "noise must be"),
    (lambda: datasets.xor(noise=np.inf), "noise must be"),
    (lambda: datasets.circles(factor=1.5), "factor must lie"),
    (lambda: datasets.spirals(turns=0), "turns must be > 0"),
    (lambda: datasets.train_test_split(np.zeros((4, 2)), np.zeros(3)), "y has 3"),
    (lambda: datasets.train_test_split(np.zeros((4, 2)), np.zeros(4), test_size=1.0), "test_size"),
    (lambda: datasets.train_test_split(np.zeros((1, 2)), np.zeros(1)), "at least 2"),
    (lambda: datasets.train_val_test_split(np.zeros((4, 2)), np.zeros(4), 0.5, 0.5), "sum below 1"),
    (lambda: datasets.train_val_test_split(np.zeros((2, 2)), np.zeros(2)), "at least 3"),
    (lambda: datasets.standardize(np.zeros(3)), "shape"),
    (lambda: datasets.standardize(np.zeros((3, 2)), np.zeros((3, 3))), r"shape \(n, 2\)"),
])
def test_bad_input_raises_value_error(make, match):
    with pytest.raises(ValueError, match=match):
        make()
