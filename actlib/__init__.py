"""actlib: the helper package of the activation-functions notebook series.

The registry is imported eagerly (it needs only NumPy and SciPy); the heavier
modules (``plotting``, ``widgets``, ``exercises``, ``nn``) load on first use,
so ``import actlib`` stays fast.
"""

import importlib

from .activations import ACTIVATIONS, Activation, Param, get

__all__ = ["ACTIVATIONS", "Activation", "Param", "get", *ACTIVATIONS]
_SUBMODULES = {"activations", "exercises", "widgets", "plotting", "nn", "datasets", "cheatsheet",
               "properties", "app", "playground", "agreement"}
globals().update(ACTIVATIONS)


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'actlib' has no attribute {name!r}")
