"""The rule every answer keeps: it does not call the function it is asked to build.

A student who wants the tick mark can hand the checker ``np.tanh`` for "tanh
from the sigmoid", or call ``actlib.relu`` inside their ``relu``. The checker
runs the answer with *tripwires*: for the length of the call, each forbidden
callable is replaced by a wrapper that does the real work and notes the call
when the student's code made it (actlib's own code calls what it needs; NumPy,
SciPy and functools only pass calls on, as ``np.vectorize(math.tanh)`` does).
Replaced are

- the attribute on its module (``numpy.tanh``, which ``np.tanh`` reads at call
  time), and every name in the answer's globals or closure bound to the same
  object (``from numpy import tanh``);
- for an entry of actlib's registry, its method: ``__call__`` on its class
  (Python looks special methods up on the type), ``derivative`` and the
  like on the instance itself;
- each callable of a forbidden table (``nn.INITS``), where it sits.

A wrapper notes a call and passes it on, so the report can still show the
values; the check then fails with the rule that was broken. Reading the code
(:mod:`inspect`, :mod:`ast`) instead would miss ``getattr(np, "tan" + "h")``
and a helper function that makes the call; running it misses only calls the
given cases never reach.
"""

import functools
import importlib
import sys
from contextlib import contextmanager

import numpy as np

from ..activations import Activation

_PASS_ON = ("numpy", "scipy", "math", "functools")
_SHORT = {"numpy": "np"}  # how a student writes the module


def forbidden(exercise):
    """``{display name: object}``: what an answer to ``exercise`` may not call.

    The exercise's :attr:`~actlib.exercises.Exercise.forbid` (dotted names),
    plus its reference when the reference is actlib's own implementation (a
    registry entry, one of its methods, or a function of an actlib module).
    """
    out = {}
    for dotted in exercise.forbid:
        module, _, name = dotted.rpartition(".")
        out[f"{_SHORT.get(module, module)}.{name}"] = _resolve(dotted)
    target = _unwrap(exercise.reference)
    owner = getattr(target, "__self__", None)
    if isinstance(target, Activation):
        out[f"actlib.{target.name}"] = target
    elif isinstance(owner, Activation):
        out[f"actlib.{owner.name}.{target.__name__}"] = target
    elif getattr(target, "__module__", "").startswith("actlib.") and \
            not target.__module__.startswith("actlib.exercises"):
        out[f"actlib.{target.__module__.split('.', 1)[1]}.{target.__name__}"] = target
    return out


def _resolve(dotted):
    """The object a dotted name denotes: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(f"cannot resolve {dotted!r}")


def is_forbidden(answer, targets):
    """The display name of the forbidden object ``answer`` is (or wraps), or ""."""
    core = _unwrap(answer)
    for name, obj in targets.items():
        if core is obj or _same_method(core, obj):
            return name
    return ""


def inherits(answer, targets):
    """The display name of the forbidden class ``answer`` (a class) inherits from, or "".

    A subclass of ``nn.ActivationLayer`` runs actlib's forward and backward from
    actlib's own code, where the tripwires let calls pass: it is caught here.
    """
    core = _unwrap(answer)
    if not isinstance(core, type):
        return ""
    return next((name for name, obj in targets.items()
                 if isinstance(obj, type) and core is not obj and issubclass(core, obj)), "")


@contextmanager
def tripwires(answer, targets):
    """Run the ``with`` body with every target wired; yields the list of names called.

    Parameters
    ----------
    answer : callable
        The student's function: its globals and closure are searched for names
        bound to a target.
    targets : dict
        ``{display name: object}``, as :func:`forbidden` returns.
    """
    called = []
    undo = []
    try:
        for name, obj in targets.items():
            _wire(name, obj, answer, called, undo)
        yield called
    finally:
        for restore in reversed(undo):
            restore()


def _wire(name, obj, answer, called, undo, table=None):
    if isinstance(obj, dict):  # a table of callables (nn.INITS): each entry wired where it sits
        for value in list(obj.values()):
            if callable(value):
                _wire(name, value, answer, called, undo, table=obj)
        return

    def note():
        if _from_student(sys._getframe(2)) and name not in called:
            called.append(name)

    owner = getattr(obj, "__self__", None)
    if isinstance(obj, Activation):
        cls = type(obj)
        had = "__call__" in cls.__dict__
        original = cls.__call__

        def call(self, *args, **kwargs):
            if self is obj:
                note()
            return original(self, *args, **kwargs)

        cls.__call__ = call
        undo.append(lambda: setattr(cls, "__call__", original) if had else delattr(cls, "__call__"))
        return

    @functools.wraps(obj)
    def wrapper(*args, **kwargs):
        note()
        return obj(*args, **kwargs)

    if isinstance(owner, Activation):
        attr = obj.__name__
        setattr(owner, attr, wrapper)  # an instance attribute shadows the class's method
        undo.append(lambda: owner.__dict__.pop(attr, None))
    for namespace in _namespaces(answer, obj, name) + ([table] if table is not None else []):
        for key, value in list(namespace.items()):
            if value is obj or _same_method(value, obj):
                namespace[key] = wrapper
                undo.append(functools.partial(namespace.__setitem__, key, value))


def _from_student(frame):
    """Whether the call made in ``frame`` was decided by the student's code, not by actlib's.

    The decision is the first frame that is neither this module (two wired entries of one
    class call each other through their wrappers) nor a library that only passes calls on
    (``np.vectorize(math.tanh)``, ``functools.partial``): actlib's own modules call what they
    need, the checker's runner calls the answer itself.
    """
    while frame is not None and (frame.f_code.co_filename == __file__ or
                                 frame.f_globals.get("__name__", "").split(".")[0] in _PASS_ON):
        frame = frame.f_back
    caller = frame.f_globals.get("__name__", "") if frame is not None else ""
    if frame is not None and (frame.f_code.co_name == "_reference" or caller.startswith("actlib.exercises.bank")):
        return False  # the expected value, computed by the runner or the bank with actlib's own function
    return not caller.startswith("actlib.") or caller.startswith("actlib.exercises")


def _namespaces(answer, obj, name):
    """The dicts that may hold ``obj``: its module's, and the answer's globals and closure."""
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    spaces = [vars(module)] if module else []
    # numpy's ufuncs report the module "numpy"; math's functions "math"
    for lib in ("numpy", "math", "scipy.special"):
        if lib in sys.modules and getattr(sys.modules[lib], name.rsplit(".", 1)[-1], None) is obj:
            spaces.append(vars(sys.modules[lib]))
    code = _unwrap(answer)
    if isinstance(code, type):  # a class (a layer): the globals of its methods
        code = next((f for f in vars(code).values() if hasattr(f, "__globals__")), None)
    spaces.append(getattr(code, "__globals__", {}))
    for cell in getattr(code, "__closure__", None) or ():
        try:
            if cell.cell_contents is obj or _same_method(cell.cell_contents, obj):
                spaces.append(_CellSpace(cell))
        except ValueError:  # an empty cell
            pass
    unique = {id(s): s for s in spaces}
    return list(unique.values())


class _CellSpace(dict):
    """A closure cell seen as a one-entry namespace, so that it is wired like a dict."""

    def __init__(self, cell):
        super().__init__(value=cell.cell_contents)
        self._cell = cell

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._cell.cell_contents = value


def _unwrap(f):
    """The function inside ``functools.partial`` and ``np.vectorize`` wrappers."""
    while isinstance(f, (functools.partial, np.vectorize)):
        f = f.func if isinstance(f, functools.partial) else f.pyfunc
    return f


def _same_method(a, b):
    """Two bound methods of the same object and function (each access makes a new one)."""
    return (getattr(a, "__self__", None) is not None and getattr(a, "__self__", None)
            is getattr(b, "__self__", np) and getattr(a, "__func__", None) is getattr(b, "__func__", 0))
