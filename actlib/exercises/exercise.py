"""What an exercise is: its cases, and how an answer is compared."""

import ast
import inspect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    Attributes
    ----------
    label : str
        What the case checks, shown next to its ✓ or ✗.
    args : tuple
        Positional inputs; arrays are passed as copies.
    params : dict
        Keyword parameters. A case without a parameter tests its default.
    exact : bool
        Demand exact equality (hand-computable values and limits).
    hint : str
        Shown under this case when it fails: what the case tests, or what is
        typically wrong; never the answer's code.
    advice : str
        Shown under this case when it passes within tolerance but not exactly
        (an answer that is acceptable, with something worth knowing).
    """

    label: str
    args: tuple
    params: dict = field(default_factory=dict)
    exact: bool = False
    hint: str = ""
    advice: str = ""


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise: what the student writes and how it is checked.

    Attributes
    ----------
    id, title, signature : str
        The id passed to :func:`check`, a short title, and the function the
        student writes.
    hints : tuple of str
        The hints in stages: a nudge (what to think about), the mathematics
        (formulas, no code), then the code pattern. A failed check shows the
        next stage only (see :func:`actlib.exercises.hint`); none gives the
        whole answer.
    reference : callable
        Takes the same arguments as the student's function and returns the
        expected value, from the registry.
    cases : tuple of Case
    elementwise : bool
        Output element i belongs to input element i (a wrong value is then
        reported at its input value rather than at its index).
    returns : {"array", "number", "numbers"}
        A NumPy array of the expected shape; a single number; or a sequence
        of numbers (a tuple is fine).
    atol, rtol : float
        A value passes when ``|got - expected| <= atol + rtol * |expected|``.
        Loose enough for every textbook form (``0.5 * (1 + tanh(x / 2))`` has
        relative error 1e-3 deep in the left tail, absolute 1e-16), tight
        enough for a wrong constant or a missing factor.
    forbid : tuple of str
        Callables the answer may not call, by dotted name (``"numpy.tanh"``,
        ``"scipy.special.expit"``): the function being built, where the
        exercise says "using only ...". Calling actlib's own implementation
        (the reference, when it is actlib's) is always forbidden.
    answer : {"function", "value", "choice", "layer"}
        What the student passes to ``check``: a function; a value (a number or
        a tuple of numbers, for a derivation: the exercise has no parameters
        and ``signature`` names the value); the key of one of ``choices``
        (a value or a choice may also come as a function without arguments
        that returns it, the form an nbgrader answer cell needs); or
        a layer class whose instances have ``forward(z)`` and ``backward(dh)``
        (each case then calls ``reference(z)`` or ``reference(z, dh)``).
    choices : dict
        For ``answer="choice"``: ``{key: explanation}``, an explanation for
        every option, shown when the student picks it. ``reference()``
        returns the right key.
    fallback : object, optional
        What :func:`~actlib.exercises.adopt` hands on when the student's answer
        does not pass: actlib's own version (for a layer, a class or factory).
    rule : str
        What the answer may use, said to a student who broke the rule
        ("build it from the sigmoid: 2 * sigmoid(2 * x) - 1 needs no tanh").
    notebook : str
        The notebook number (``"01"``), set by the bank from its module.
    """

    id: str
    title: str
    signature: str
    hints: tuple
    reference: object = field(repr=False)
    cases: tuple = field(repr=False)
    elementwise: bool = field(default=True, repr=False)
    returns: str = field(default="array", repr=False)
    atol: float = field(default=1e-9, repr=False)
    rtol: float = field(default=1e-6, repr=False)
    forbid: tuple = field(default=(), repr=False)
    rule: str = field(default="", repr=False)
    answer: str = field(default="function", repr=False)
    choices: dict = field(default_factory=dict, repr=False)
    fallback: object = field(default=None, repr=False)
    notebook: str = ""

    @property
    def parameters(self):
        """The parameters of :attr:`signature`: name -> default, or ``inspect.Parameter.empty``."""
        if self.answer in ("value", "choice"):
            return {}
        if self.answer == "layer":
            return {"z": inspect.Parameter.empty, "dh": None}
        args = ast.parse(f"def {self.signature}: pass").body[0].args
        defaults = [inspect.Parameter.empty] * (len(args.args) - len(args.defaults))
        defaults += [ast.literal_eval(d) for d in args.defaults]
        return {a.arg: d for a, d in zip(args.args, defaults)}

