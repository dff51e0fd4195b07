"""Show that two computations agree, in words every machine prints the same.

The largest difference between two computations that are equal mathematically
is rounding noise: its digits depend on the CPU, the BLAS and the order of a
sum (1.2e-14 on one machine, 2.7e-15 on another for the same cell). Notebook
outputs are compared strictly wherever the tests run, so a notebook prints a
bound that the noise stays under, and asserts it, instead of the noise::

    >>> agree("sigmoid vs (1 + tanh(x/2)) / 2", actlib.sigmoid(x), (1 + np.tanh(x / 2)) / 2,
    ...       within=1e-15)
    sigmoid vs (1 + tanh(x/2)) / 2: equal to within 1e-15

``tests/test_portable_outputs.py`` rejects an output that prints the noise.
"""

import numpy as np

__all__ = ["agree"]


def agree(label, a, b, within, *, relative=False):
    """Print that ``a`` and ``b`` agree to within ``within``, after checking it.

    Parameters
    ----------
    label : str
        What is compared, printed before the verdict.
    a, b : array_like
        The two computations, broadcast against each other.
    within : float
        The bound on the largest difference: ``max |a - b|``, or with
        ``relative`` ``max |a - b| / |b|``.
    relative : bool
        Compare relative differences (``b`` is the reference and must be
        nonzero where ``a != b``).

    Raises
    ------
    AssertionError
        When the largest difference exceeds ``within`` or is NaN; the message
        gives it.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    gap = np.abs(a - b)
    if relative:
        gap = np.divide(gap, np.abs(b), out=np.zeros_like(gap), where=gap != 0)
    largest = float(np.max(gap))
    kind = "relative " if relative else ""
    assert largest <= within, f"{label}: largest {kind}difference {largest:.3g}, above {within:g}"
    print(f"{label}: equal to within {within:g}{' (relative)' if relative else ''}")
