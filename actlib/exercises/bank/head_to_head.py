"""The exercises and predictions of notebook 07."""


from ...nn import INITS, epochs_to_target
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _a

NOTEBOOK = "07"

_E6 = _a(0.0, 1.0, 2.0, 3.0, 4.0, 5.0)  # epochs 0 (before training) to 5


def _init_std(init, fan_in, fan_out):
    return INITS[init](fan_in, fan_out, None)


PREDICTIONS = [
    Prediction(
        id="07-deep-best",
        question="Ten hidden layers of 32 units, 10 epochs on the digits, each activation with its "
                 "recommended initialisation. Which of these four reaches the highest validation "
                 "accuracy?",
        options={
            "sigmoid": ("sigmoid, with Xavier's weights",
                        "Through ten sigmoid layers the gradient shrinks by a factor of at least 4 "
                        "per layer (notebook 01): the first layers hardly move."),
            "tanh": ("tanh, with Xavier's weights",
                     "tanh's slope is 1 at 0, and Xavier's weights keep its signal's size, so it "
                     "trains; its saturating tails still slow it down as the weights grow."),
            "relu": ("ReLU, with He's weights",
                     "He's weights keep ReLU's signal and gradient at their size through the "
                     "layers, so it learns; but half of its units pass nothing for a given input, "
                     "and with these settings it learns slowly."),
            "selu": ("SELU, with LeCun's weights",
                     "SELU's constants hold every layer's output near mean 0 and variance 1 "
                     "(notebook 04), so neither the signal nor the gradient fades on the way."),
        },
        explanation="Depth is where the activations part ways: what decides is whether the signal "
                    "keeps its size on the way up and the gradient on the way down, which the "
                    "table above measures layer by layer.",
    ),
]

EXERCISES = [
    Exercise(
        id="init_std",
        title="Standard deviation of an initialisation",
        signature="init_std(init, fan_in, fan_out)",
        hints=("Each initialisation chooses the variance of the weights so that a layer keeps the "
               "size of its signal. Which count does each divide by: the layer's inputs, its "
               "outputs, or both? And does the function return a variance?",
               "He: σ² = 2 / fan_in; Xavier: σ² = 2 / (fan_in + fan_out); LeCun: σ² = 1 / fan_in. "
               "The function returns σ, the square root.",
               "a dict from each name to its variance, {\"he\": 2 / fan_in, ...}[init], or an "
               "if / elif chain on init; then return np.sqrt of the variance you picked."),
        reference=_init_std,
        cases=(Case("LeCun, 64 inputs: sqrt(1 / 64) = 0.125", ("lecun", 64, 10), exact=True,
                    hint="0.015625 here is σ² = 1/64: return its square root."),
               Case("He, 100 inputs", ("he", 100, 50)),
               Case("He depends on fan_in only: 32 in, 128 out", ("he", 32, 128),
                    hint="He and LeCun scale with the number of inputs (fan_in) alone."),
               Case("Xavier, 100 in and 50 out", ("xavier", 100, 50),
                    hint="Xavier averages the two counts: the sum fan_in + fan_out, over 2."),
               Case("Xavier, a square layer of 32", ("xavier", 32, 32))),
        elementwise=False,
        returns="number",
        forbid=("actlib.nn.INITS",),
        rule="write the three formulas yourself; actlib.nn.INITS, which holds them, is what you "
             "are writing",
    ),
    Exercise(
        id="epochs_to_target",
        title="Epochs to a target accuracy",
        signature="epochs_to_target(epochs, accuracy, target=0.9)",
        hints=("You need the first position where the accuracy reaches the target, an answer for "
               "when there is none, and the epoch recorded at that position, which need not be "
               "the position itself.",
               "i* = min { i : accuracy[i] ≥ target }; the answer is epochs[i*], or +∞ when no "
               "such i exists (∞ sorts after every number of epochs).",
               "np.flatnonzero(condition) lists the positions where a boolean array is True (or "
               "loop over zip(epochs, accuracy)); check that there is one before taking the "
               "first; np.inf is ∞. Beware np.argmax: on an all-False array it returns 0."),
        reference=epochs_to_target,
        cases=(Case("reached at epoch 3", (_E6, _a(0.1, 0.5, 0.85, 0.92, 0.95, 0.97)), exact=True),
               Case("equal to the target counts: target = 0.75", (_E6, _a(0.5, 0.6, 0.75, 0.8, 0.7, 0.9)),
                    {"target": 0.75}, exact=True,
                    hint="\"reaches\" includes equality: ≥, not >."),
               Case("the first time, even if it drops again", (_E6, _a(0.5, 0.95, 0.8, 0.85, 0.96, 0.97)),
                    exact=True, hint="the first epoch at the target, not the last."),
               Case("reached before training: 0.0", (_E6, _a(0.91, 0.5, 0.6, 0.7, 0.8, 0.9)), exact=True),
               Case("never reached: inf", (_E6, _a(0.1, 0.2, 0.3, 0.4, 0.5, 0.6)), exact=True,
                    hint="\"never\" must sort after every number of epochs: not None, not -1, "
                         "and not the 0 that np.argmax gives for an all-False array."),
               Case("recorded every 5 epochs: the epoch, not the index",
                    (_a(0.0, 5.0, 10.0, 15.0, 20.0), _a(0.2, 0.6, 0.93, 0.95, 0.97)), exact=True,
                    hint="return the epoch recorded at the position, not the position: the "
                         "history need not have one entry per epoch."),
               Case("a run that stopped at epoch 2.5", (_a(0.0, 1.0, 2.0, 2.5), _a(0.2, 0.5, 0.7, 0.91)),
                    exact=True)),
        elementwise=False,
        returns="number",
        rule="write the search yourself; actlib's nn.epochs_to_target is what the table below "
             "uses once yours passes",
    ),
    Exercise(
        id="swish_init",
        title="An initialisation for Swish, reasoned",
        signature="swish_init()",
        hints=("Near 0 Swish is almost a straight line through the origin (notebook 06 derived its "
               "slope there). What does a linear unit of slope a do to the variance of its input?",
               "A layer multiplies the variance of a small signal by fan_in · σ_w² · a², where a "
               "is the activation's slope at 0. It keeps the variance when that product is 1.",
               "Compute fan_in · σ_w² · a² for each option with a = 1/2, and return the key, as "
               "a string, of the one that gives 1: return \"...\"."),
        reference=lambda: "four",
        choices={
            "he": "He's σ² = 2 / fan_in makes up for ReLU keeping half of its input's second "
                  "moment. A small signal through Swish keeps a² = 1/4 of its variance, so with "
                  "He's weights every layer still halves it.",
            "lecun": "LeCun's σ² = 1 / fan_in keeps the variance of a unit of slope 1, such as tanh "
                     "near 0. Swish's slope at 0 is smaller, so every layer divides a small "
                     "signal's variance by 4.",
            "four": "σ² = 4 / fan_in, twice He's: a small signal keeps fan_in · (4 / fan_in) · "
                    "(1/2)² = 1 of its variance. Only a small one: for large inputs Swish is close "
                    "to ReLU, and the same weights make a large signal grow.",
            "any": "Only SELU pulls its variance back to a fixed point, and only with LeCun's "
                   "weights. Nothing in Swish does that: a factor below 1 per layer shrinks the "
                   "signal geometrically with depth.",
        },
        cases=(),
        answer="choice",
    ),
]
