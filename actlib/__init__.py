"""actlib: the helper package of the activation-functions notebook series.

The registry is imported eagerly (it needs only NumPy and SciPy); the heavier
modules (``plotting``, ``widgets``, ``exercises``, ``nn``) load on first use,
so ``import actlib`` stays fast.
"""

import importlib

from .activations import ACTIVATIONS, Activation, Param, get
from .i18n import language, set_language

__all__ = ["ACTIVATIONS", "Activation", "Param", "get", "language", "set_language", *ACTIVATIONS]
_SUBMODULES = {"activations", "exercises", "widgets", "plotting", "nn", "datasets", "cheatsheet",
               "properties", "app", "playground", "agreement", "i18n"}
globals().update(ACTIVATIONS)


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'actlib' has no attribute {name!r}")
