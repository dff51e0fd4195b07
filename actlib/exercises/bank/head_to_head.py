"""The exercises of notebook 07."""


from ...nn import INITS, epochs_to_target
from ..exercise import Case, Exercise
from .inputs import _a

NOTEBOOK = "07"

_E6 = _a(0.0, 1.0, 2.0, 3.0, 4.0, 5.0)  # epochs 0 (before training) to 5

def _init_std(init, fan_in, fan_out):
    return INITS[init](fan_in, fan_out, None)



EXERCISES = [
    Exercise(
        id="init_std",
        title="Standard deviation of an initialisation",
        signature="init_std(init, fan_in, fan_out)",
        hints=("He: sqrt(2 / fan_in); Xavier: sqrt(2 / (fan_in + fan_out)); LeCun: sqrt(1 / fan_in). "
               "Return the standard deviation (the square root), not the variance.",),
        reference=_init_std,
        cases=(Case("LeCun, 64 inputs: sqrt(1 / 64) = 0.125", ("lecun", 64, 10), exact=True),
               Case("He, 100 inputs", ("he", 100, 50)),
               Case("He depends on fan_in only: 32 in, 128 out", ("he", 32, 128),
                    hint="He and LeCun scale with the number of inputs (fan_in) alone."),
               Case("Xavier, 100 in and 50 out", ("xavier", 100, 50),
                    hint="Xavier averages the two: sqrt(2 / (fan_in + fan_out))."),
               Case("Xavier, a square layer of 32", ("xavier", 32, 32))),
        elementwise=False,
        returns="number",
    ),
    Exercise(
        id="epochs_to_target",
        title="Epochs to a target accuracy",
        signature="epochs_to_target(epochs, accuracy, target=0.9)",
        hints=("Find the first index i with accuracy[i] >= target (np.flatnonzero or a loop) and return "
               "epochs[i], the epoch recorded there, as a float; if there is none, return np.inf.",),
        reference=epochs_to_target,
        cases=(Case("reached at epoch 3", (_E6, _a(0.1, 0.5, 0.85, 0.92, 0.95, 0.97)), exact=True),
               Case("equal to the target counts: target = 0.75", (_E6, _a(0.5, 0.6, 0.75, 0.8, 0.7, 0.9)),
                    {"target": 0.75}, exact=True),
               Case("the first time, even if it drops again", (_E6, _a(0.5, 0.95, 0.8, 0.85, 0.96, 0.97)),
                    exact=True),
               Case("reached before training: 0.0", (_E6, _a(0.91, 0.5, 0.6, 0.7, 0.8, 0.9)), exact=True),
               Case("never reached: inf", (_E6, _a(0.1, 0.2, 0.3, 0.4, 0.5, 0.6)), exact=True,
                    hint="Return np.inf when the target is never reached: not None, not -1, and not "
                         "np.argmax's 0 (argmax of an all-False array is 0)."),
               Case("recorded every 5 epochs: the epoch, not the index",
                    (_a(0.0, 5.0, 10.0, 15.0, 20.0), _a(0.2, 0.6, 0.93, 0.95, 0.97)), exact=True,
                    hint="Return epochs[i], not i: the history need not have one entry per epoch."),
               Case("a run that stopped at epoch 2.5", (_a(0.0, 1.0, 2.0, 2.5), _a(0.2, 0.5, 0.7, 0.91)),
                    exact=True)),
        elementwise=False,
        returns="number",
    ),
]
