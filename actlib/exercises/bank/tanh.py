"""The exercises of notebook 02."""

from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _smooth
from .step_and_sigmoid import SIGMOID_FOR_YOU

NOTEBOOK = "02"


EXERCISES = [
    Exercise(
        id="tanh_as_sigmoid",
        title="tanh as a rescaled sigmoid",
        signature="tanh_as_sigmoid()",
        hints=("Compare tanh with each option in three places: the range (where the curve goes "
               "as x runs to -inf and +inf), the value at x = 0, and the slope at x = 0. The "
               "right option passes all three tests.",
               "sigma runs from 0 to 1, with sigma(0) = 1/2 and sigma'(0) = 1/4. So a sigma(b x) "
               "+ c runs from c to a + c (for b > 0), equals a/2 + c at 0 and has the slope "
               "a b / 4 there. tanh runs from -1 to 1, with tanh(0) = 0 and tanh'(0) = 1. (Or by "
               "algebra: multiply the numerator and the denominator of tanh's definition by "
               "e^(-x).)",
               "Test an option numerically before you answer, e.g. option (a): `x = "
               "np.linspace(-3, 3, 7)`, then `np.allclose(np.tanh(x), 2 * actlib.sigmoid(x) - "
               "1)`. Return the letter of your option as a string, with the quotes."),
        reference=lambda: "b",
        cases=(Case("the option equal to tanh(x) for every x", ()),),
        answer="choice",
        choices={
            "a": "2 sigma(x) - 1 has the right range, (-1, 1), and is 0 at x = 0, but its slope "
                 "at 0 is 2 * 1/4 = 1/2 where tanh's is 1: it is the bipolar sigmoid of notebook "
                 "01, tanh(x/2). The input must be rescaled too.",
            "b": "2 sigma(2x) - 1: multiply the numerator and the denominator of (e^x - e^-x) / "
                 "(e^x + e^-x) by e^-x to get (1 - e^-2x) / (1 + e^-2x) = 2 / (1 + e^-2x) - 1. "
                 "The output is stretched by 2 and moved down by 1, the input doubled: range "
                 "(-1, 1), 0 at x = 0, slope 2 * 2 * 1/4 = 1 there, all as tanh.",
            "c": "sigma(2x) - 1/2 is 0 at x = 0, but its range is (-1/2, 1/2), half of tanh's, "
                 "and so is its slope at 0 (1/2): the output must be stretched, not only moved.",
            "d": "2 sigma(x/2) - 1 has the range (-1, 1) and is 0 at x = 0, but its slope at 0 "
                 "is 2 * 1/2 * 1/4 = 1/4, a quarter of tanh's: it is tanh(x/4). Halving the "
                 "input flattens the curve.",
        },
        elementwise=False,
    ),
    Exercise(
        id="tanh_from_sigmoid",
        title="tanh from the sigmoid",
        signature="tanh_from_sigmoid(x)",
        hints=("Exercise 1 found how the sigmoid must be rescaled to become tanh. Apply that "
               "rescaling: to the input as well as to the output.",
               "tanh(x) = 2 sigma(2x) - 1: the sigmoid's input doubled, its output doubled and "
               "moved down by 1.",
               "actlib.sigmoid (or scipy.special.expit) takes a whole array: scale the array "
               "before you pass it in, then scale and shift what comes out. No np.tanh: the "
               "check rejects it."),
        reference=get("tanh"),
        cases=_smooth("tanh(0) = 0 exactly", [0.0],
                      exact_note="tanh is centred: the shift must bring the sigmoid's 1/2 at x = 0 "
                                 "down to 0 after stretching",
                      values_note="a value that is right at 0 but wrong elsewhere usually means "
                                  "the input was not rescaled, or by the wrong factor",
                      tails_note="far out tanh approaches -1 and 1"),
        forbid=("numpy.tanh", "math.tanh", "actlib.bipolar_sigmoid"),
        rule="build it from a sigmoid alone (actlib.sigmoid, scipy.special.expit, or your own "
             "from np.exp), rescaled as in exercise 1: no tanh needed",
    ),
    Exercise(
        id="tanh_derivative",
        title="Derivative of tanh",
        signature="tanh_derivative(x)",
        hints=("Differentiate tanh(x) = sinh(x) / cosh(x) with the quotient rule, then write the "
               "result with tanh itself. Then think about the tails: where does the form you "
               "found round to exactly 0?",
               "tanh'(x) = 1 - tanh(x)^2 = 1 / cosh(x)^2 = 4 sigma'(2x). With e = e^(-2|x|), the "
               "last is 4 e / (1 + e)^2: it never overflows and stays accurate in the tails.",
               "`np.tanh(x) ** 2` squares every entry. For the accurate form, `np.exp(-2 * "
               "np.abs(x))` never overflows: keep it in a variable and combine it with arithmetic "
               "as in the formula. (1 - tanh^2 passes the check, which tests |x| <= 20.)"),
        reference=get("tanh").derivative,
        cases=_smooth("tanh'(0) = 1 exactly", [0.0],
                      exact_note="at x = 0 tanh is 0 and its slope 1, its largest",
                      values_note="the slope is symmetric, tanh'(-x) = tanh'(x), and at most 1",
                      tails_note="far out the slope is tiny, but not 0 yet"),
        forbid=("actlib.bipolar_sigmoid.derivative",),
        rule="build it from tanh or the sigmoid (np.tanh, np.cosh, np.exp and actlib.sigmoid are "
             "fine); actlib's derivatives of tanh compute the slope for you",
    ),
    Exercise(
        id="sigmoid_from_tanh",
        title="The sigmoid from tanh",
        signature="sigmoid_from_tanh(x)",
        hints=("Exercise 1 wrote tanh with the sigmoid. Turn that identity around: solve it for "
               "the sigmoid, then choose tanh's input so that sigma(x) appears.",
               "From tanh(u) = 2 sigma(2u) - 1: sigma(2u) = (1 + tanh(u)) / 2. Now put u = x/2.",
               "np.tanh takes a whole array: scale x before you pass it in, then shift and scale "
               "what comes out. No np.exp: the check rejects it."),
        reference=get("sigmoid"),
        cases=_smooth("sigmoid(0) = 0.5 exactly", [0.0],
                      exact_note="at x = 0 the sigmoid is 1/2: the shift must bring tanh's 0 up to 1/2",
                      values_note="a value that is right at 0 but wrong elsewhere usually means "
                                  "tanh's input was not rescaled, or by the wrong factor",
                      tails_note="far out the sigmoid approaches 0 and 1"),
        forbid=(*SIGMOID_FOR_YOU, "numpy.exp", "numpy.expm1", "math.exp"),
        rule="build it from np.tanh, with no exponential: the identity of exercise 1 solved for "
             "the sigmoid",
    ),
]

PREDICTIONS = [
    Prediction(
        id="tanh-depth",
        question=("A random network of 30 tanh layers of 64 units, LeCun's initialisation. How "
                  "does the gradient of layer 1's weights compare with layer 30's?"),
        options={
            "vanishes": ("Far smaller, below 1/1000 of it, like 0.25^29 = 3e-18 with sigmoid layers",
                         "0.25^29 is the sigmoid's built-in factor: its slope is at most 1/4 in "
                         "every layer. tanh's slope reaches 1 at the centre, four times as much."),
            "shrinks": ("Smaller, between 1/1000 and 1/10 of it",
                        "A steady loss per layer would show as a ratio far below 1 after 29 "
                        "layers; the products of tanh's slopes and LeCun's weights stay near 1 "
                        "per layer."),
            "same": ("About the same size, within a factor of 10",
                     "With LeCun's weights the units work near tanh's centre, where the slope is "
                     "close to 1, and the weights' scale 1/sqrt(64) makes up for the sum over 64 "
                     "units: each layer multiplies the gradient by a factor near 1."),
            "grows": ("More than 10 times larger: the gradient explodes",
                      "Gradients explode when each layer multiplies them by more than 1, which "
                      "takes larger weights (the table below tries three times LeCun's)."),
        },
        explanation=("The factor each layer contributes is its slope times its weights. tanh "
                     "avoids the sigmoid's built-in 1/4, so what happens in depth is decided by "
                     "the initialisation and by how far the units are pushed into saturation, "
                     "which the rest of this section explores."),
    ),
]
