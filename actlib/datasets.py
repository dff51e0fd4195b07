"""Small data sets for the notebooks: 2-D toy problems and the 8x8 digits.

The toy sets are made by seeded NumPy code; each returns ``X`` of shape
(n, 2), float64, and integer labels ``y`` of shape (n,), in shuffled order.
``noise`` is the std of Gaussian noise added to each coordinate.

>>> from actlib import datasets
>>> X, y = datasets.moons(n=400, noise=0.2, seed=0)
>>> X_train, X_val, X_test, y_train, y_val, y_test = datasets.train_val_test_split(X, y, seed=0)
>>> X_train, X_val, X_test = datasets.standardize(X_train, X_val, X_test)
>>> X, y = datasets.digits()          # 1797 images of 8x8 pixels, bundled with scikit-learn

:data:`TOY_SETS` maps each toy set's name to its function, for menus.
"""

import numpy as np

__all__ = ["moons", "circles", "spirals", "xor", "digits", "train_test_split",
           "train_val_test_split", "standardize", "TOY_SETS"]


def _check(n, noise, classes=2):
    if not isinstance(n, (int, np.integer)) or n < classes:
        raise ValueError(f"n must be an integer >= {classes} (one point per class), got {n!r}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")


def _class_sizes(n, classes):
    """Split n points as evenly as possible over the classes."""
    return [n // classes + (k < n % classes) for k in range(classes)]


def _finish(parts, noise, rng):
    """Stack per-class point arrays, add noise and shuffle."""
    X = np.concatenate(parts)
    y = np.concatenate([np.full(len(p), k) for k, p in enumerate(parts)])
    X = X + rng.normal(0.0, noise, size=X.shape)
    order = rng.permutation(len(X))
    return X[order], y[order]


def _arc(t):
    return np.column_stack([np.cos(t), np.sin(t)])


def moons(n=400, noise=0.2, seed=0):
    """Two interleaving half circles: class 0 on the unit circle's upper half,
    class 1 on a lower half circle centred at (1, 0.5)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n, 2)
    upper = _arc(np.linspace(0.0, np.pi, n0))
    lower = np.array([1.0, 0.5]) - _arc(np.linspace(0.0, np.pi, n1))
    return _finish([upper, lower], noise, rng)


def circles(n=400, noise=0.1, factor=0.5, seed=0):
    """Two concentric circles: class 0 of radius 1, class 1 of radius ``factor``."""
    _check(n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie in (0, 1), got {factor!r}")
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n, 2)
    outer = _arc(np.linspace(0.0, 2 * np.pi, n0, endpoint=False))
    inner = factor * _arc(np.linspace(0.0, 2 * np.pi, n1, endpoint=False))
    return _finish([outer, inner], noise, rng)


def spirals(n=400, noise=0.05, classes=2, turns=1.0, seed=0):
    """Interleaved spiral arms, one per class, from the centre to radius 1.

    Arm ``k`` is ``r (cos t, sin t)`` with ``t = 2 pi (turns r + k / classes)``
    for ``r`` evenly spaced in [0, 1].
    """
    _check(n, noise, classes)
    if not turns > 0:
        raise ValueError(f"turns must be > 0, got {turns!r}")
    rng = np.random.default_rng(seed)
    arms = []
    for k, m in enumerate(_class_sizes(n, classes)):
        r = np.linspace(0.0, 1.0, m)
        arms.append(r[:, None] * _arc(2 * np.pi * (turns * r + k / classes)))
    return _finish(arms, noise, rng)


def xor(n=400, noise=0.1, seed=0):
    """Points uniform in the square [-1, 1]^2, labelled 1 where exactly one
    coordinate is positive; the noise is added after labelling."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    return X + rng.normal(0.0, noise, size=X.shape), y


def digits():
    """The 8x8 handwritten digits (1797 images, classes 0-9) from scikit-learn.

    The data ship inside the scikit-learn package, so nothing is downloaded.

    Returns
    -------
    X : ndarray, shape (1797, 64)
        Pixel intensities scaled to [0, 1]; ``X[i].reshape(8, 8)`` is image i.
    y : ndarray, shape (1797,)
        The digit shown, as an integer.
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:
        raise ImportError("digits() needs scikit-learn: pip install scikit-learn") from err
    data = load_digits()
    return data.data / 16.0, data.target.astype(np.int64)


def train_test_split(X, y, test_size=0.25, seed=0):
    """Shuffle and split into ``X_train, X_test, y_train, y_test``.

    ``test_size`` is the fraction of examples held out, in (0, 1); both
    parts get at least one example. For choices made on held-out data (a
    learning rate, a temperature, which activation wins) use
    :func:`train_val_test_split`, which keeps the test set for the end.
    """
    train, test = _split(X, y, test_size, seed)
    return train[0], test[0], train[1], test[1]


def train_val_test_split(X, y, val_size=0.2, test_size=0.2, seed=0):
    """Shuffle and split into ``X_train, X_val, X_test, y_train, y_val, y_test``.

    Fit on the training set, make every choice on the validation set, and
    score the chosen model once on the test set: a test set that also chose
    the model would flatter it.

    Parameters
    ----------
    X, y : array_like
        Examples and labels, the same number of each.
    val_size, test_size : float
        Fractions of the examples for validation and test; each part gets at
        least one example.
    seed : int
        Seed of the shuffle.

    Raises
    ------
    ValueError
        For unequal lengths, fractions outside (0, 1) or summing to 1 or
        more, or fewer than 3 examples.
    """
    if not (0 < val_size < 1 and 0 < test_size < 1 and val_size + test_size < 1):
        raise ValueError(f"val_size and test_size must be fractions in (0, 1) with a sum below 1, "
                         f"got {val_size!r} and {test_size!r}")
    rest, test = _split(X, y, test_size, seed, parts=3)
    train, val = _split(*rest, val_size / (1 - test_size), seed + 1)
    return train[0], val[0], test[0], train[1], val[1], test[1]


def _split(X, y, held_out, seed, parts=2):
    """``((X_kept, y_kept), (X_held, y_held))`` after a seeded shuffle; ``held_out`` is a fraction."""
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} examples but y has {len(y)}")
    if not 0 < held_out < 1:
        raise ValueError(f"test_size must be a fraction in (0, 1), got {held_out!r}")
    if len(X) < parts:
        raise ValueError(f"need at least {parts} examples to split, got {len(X)}")
    n_held = min(max(round(held_out * len(X)), 1), len(X) - parts + 1)
    order = np.random.default_rng(seed).permutation(len(X))
    held, kept = order[:n_held], order[n_held:]
    return (X[kept], y[kept]), (X[held], y[held])


def standardize(X_train, *others):
    """Scale each column to mean 0 and std 1, using the statistics of ``X_train``.

    The same shift and scale are applied to ``others`` (e.g. the test set),
    so no information from them leaks into training. Constant columns are
    only shifted. Returns the scaled ``X_train`` alone, or a tuple with the
    scaled ``others`` after it.
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    if X_train.ndim != 2 or len(X_train) == 0:
        raise ValueError(f"X_train must have shape (n, features) with n >= 1, got {X_train.shape}")
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    scaled = []
    for X in (X_train, *others):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != X_train.shape[1]:
            raise ValueError(f"every array must have shape (n, {X_train.shape[1]}), got {X.shape}")
        scaled.append((X - mean) / std)
    return scaled[0] if not others else tuple(scaled)


TOY_SETS = {"moons": moons, "circles": circles, "spirals": spirals, "xor": xor}
