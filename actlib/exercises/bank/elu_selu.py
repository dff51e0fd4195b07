"""The exercises of notebook 04."""


from ...activations import SELU_ALPHA, SELU_SCALE, get
from ..exercise import Case, Exercise
from .inputs import _TAILS, _X, _X2, _a

NOTEBOOK = "04"

def _selu_constants():
    return SELU_ALPHA, SELU_SCALE



EXERCISES = [
    Exercise(
        id="elu",
        title="ELU",
        signature="elu(x, alpha=1.0)",
        hints=("x where x > 0 and alpha * (exp(x) - 1) where x <= 0 (np.expm1(x) is exp(x) - 1); "
               "use the parameter alpha, not 1.",),
        reference=get("elu"),
        cases=(Case("x >= 0 is passed through, elu(0) = 0", (_a(0.0, 0.5, 2.0),), exact=True),
               Case("default alpha", (_X,)),
               Case("alpha = 0.5", (_X,), {"alpha": 0.5}),
               Case("alpha = 2.0, tails", (_TAILS,), {"alpha": 2.0}),
               Case("2-D input, same shape out", (_X2,), {"alpha": 1.5})),
    ),
    Exercise(
        id="selu_constants",
        title="SELU constants from the fixed point",
        signature="selu_constants()",
        hints=("Write E[selu(z)] and E[selu(z)**2] for z ~ N(0, 1) as integrals against the normal "
               "density (scipy.integrate.quad), solve E = 0 and E2 = 1 for (alpha, scale) "
               "(scipy.optimize.fsolve), and return them in that order.",),
        reference=_selu_constants,
        cases=(Case("(alpha, scale) to within 1e-6", ()),),
        elementwise=False,
        returns="numbers",
        atol=1e-6,
        rtol=0.0,
    ),
    Exercise(
        id="selu",
        title="SELU",
        signature="selu(x)",
        hints=(f"scale * elu(x, alpha) with alpha = {SELU_ALPHA!r} and scale = {SELU_SCALE!r}: "
               "the scale multiplies both branches.",),
        reference=get("selu"),
        cases=(Case("selu(0) = 0 exactly", (_a(0.0),), exact=True),
               Case("values between -3 and 3", (_X,)),
               Case("tails, |x| up to 20", (_TAILS,)),
               Case("2-D input, same shape out", (_X2,))),
    ),
]
