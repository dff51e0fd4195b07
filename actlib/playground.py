"""A small TensorFlow-Playground: train a network on a 2-D toy set and watch it learn.

``playground()`` returns a :class:`Playground`, an ``ipywidgets.VBox`` with
the controls (data set, activation, initialisation, depth, width, learning
rate, seed), Train / Stop / Reset buttons, a progress bar and one live
figure: the decision boundary over the data on the left, the training and
validation loss per epoch on the right. The figure's title names every setting, so
moving any control visibly changes the plot.

Rules of the game:

- Changing a setting stops training, builds a new network from the seed and
  draws its untrained boundary. Reset does the same with unchanged settings.
- Train runs ``epochs`` epochs (or resumes to that goal after Stop; once it
  is reached, Train sets a new goal ``epochs`` further on).
- Training runs as an asyncio task on the kernel's event loop, one epoch per
  step with ``await asyncio.sleep(0)`` in between. The kernel handles widget
  events and cell executions between steps, so Stop works and other cells run
  while the network trains. (A loop inside a button callback would block
  every other message until it finished.)

Headless use, as in the tests: set ``pg.controls["depth"].value``, call
``pg.step(epochs)`` to train synchronously, and read ``pg.history``,
``pg.image.value`` or ``pg.status.value``.

The figure is drawn like :mod:`actlib.widgets`' explorers: an Agg canvas
without pyplot, encoded as PNG for an ``ipywidgets.Image``; a saved notebook
keeps a static copy.
"""

import asyncio
import functools
import warnings

import ipywidgets as widgets
import numpy as np

from . import datasets, nn, plotting
from .activations import get, names
from .i18n import tr, tr_figure
from .widgets import _LiveFigure

__all__ = ["LEARNING_RATES", "playground", "Playground"]

#: The learning rates offered, as in the TensorFlow Playground: 1, 3, 10, ... steps.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
INIT_NAMES = {"recommended": "recommended", "He": "he", "Xavier": "xavier", "LeCun": "lecun"}
DEPTHS = (0, 12)  # 0 hidden layers: logistic regression, a straight boundary
WIDTHS = (1, 64)
SEEDS = (0, 9)
DRAW_EVERY = 5  # epochs between redraws while training: a redraw (~0.1 s) outlasts many epochs
RESOLUTION = 60  # grid points per side of the decision boundary
FIGSIZE = (plotting.FIGSIZE[2][0], 4.0)


@functools.cache
def _data(name, n, seed=0):
    """Training and validation split of a toy set, standardised with the training statistics.

    The held-out quarter is a validation set: the student chooses settings by it.
    """
    X, y = datasets.TOY_SETS[name](n=n, seed=seed)
    X_train, X_val, y_train, y_val = datasets.train_test_split(X, y, test_size=0.25, seed=seed)
    X_train, X_val = datasets.standardize(X_train, X_val)
    return X_train, X_val, y_train, y_val


def playground(dataset="spirals", activation="tanh", init="recommended", depth=2, width=8,
               lr=0.1, seed=0, *, epochs=300, n=300, batch_size=16, target=0.9):
    """Return a playground that trains a network on a 2-D toy set.

    Parameters
    ----------
    dataset : {"moons", "circles", "spirals", "xor"}
    activation : str
        Any elementwise activation of the registry
        (``actlib.activations.names(elementwise=True)``), with its default parameters.
    init : {"recommended", "he", "xavier", "lecun"}
        ``"recommended"`` takes the activation's registry ``init``.
    depth : int
        Hidden layers, 0 to 12 (0: no hidden layer, a linear classifier).
    width : int
        Units per hidden layer, 1 to 64.
    lr : float
        Learning rate, one of :data:`LEARNING_RATES`.
    seed : int
        Seed of the initial weights and of the shuffling, 0 to 9. The data
        stay the same for every seed.
    epochs : int
        Epochs per press of Train.
    n : int
        Points in the data set; a quarter is held out for the validation loss.
    batch_size : int
        Examples per SGD step.
    target : float
        Validation accuracy whose first epoch the status line reports.

    Returns
    -------
    Playground
    """
    return Playground(dataset=dataset, activation=activation, init=init, depth=depth,
                      width=width, lr=lr, seed=seed, epochs=epochs, n=n,
                      batch_size=batch_size, target=target)


def _check_settings(settings):
    """Raise a clear error for a setting no control can show."""
    choices = {"dataset": tuple(datasets.TOY_SETS), "activation": names(elementwise=True),
               "init": tuple(INIT_NAMES.values()), "lr": LEARNING_RATES}
    ranges = {"depth": DEPTHS, "width": WIDTHS, "seed": SEEDS}
    for key, value in settings.items():
        if key in choices and value not in choices[key]:
            raise ValueError(f"{key} must be one of {list(choices[key])}, got {value!r}")
        if key in ranges:
            lo, hi = ranges[key]
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) \
                    or not lo <= value <= hi:
                raise ValueError(f"{key} must be a whole number from {lo} to {hi}, got {value!r}")


def _epochs(epoch):
    """Whole epochs as integers, the fractional epoch of a divergence to 2 decimals."""
    return f"{epoch:.0f}" if epoch == int(epoch) else f"{epoch:.2f}"


def _positive_int(name, value, minimum=1):
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


class Playground(_LiveFigure):
    """Controls, buttons and a live figure of a network learning a 2-D toy set.

    Use :func:`playground` to make one; the parameters are described there.

    Attributes
    ----------
    controls : dict of str to ipywidgets widget
        One per setting (``dataset``, ``activation``, ``init``, ``depth``,
        ``width``, ``lr``, ``seed``); setting a ``value`` resets the network.
    train_button, stop_button, reset_button : ipywidgets.Button
    progress : ipywidgets.IntProgress
        Epochs done out of the current goal.
    status : ipywidgets.Label
        Epoch, losses, validation accuracy, and what happened (diverged, done...).
    figure : matplotlib.figure.Figure
    image : ipywidgets.Image
        The figure as PNG, redrawn every few epochs while training.
    net : actlib.nn.Network
    history : dict of lists
        :func:`actlib.nn.train`'s history of the current network, with
        ``val_loss`` and ``val_accuracy`` on the held-out quarter.
    """

    def __init__(self, *, dataset, activation, init, depth, width, lr, seed, epochs, n,
                 batch_size, target):
        settings = dict(dataset=dataset, activation=activation, init=init, depth=depth,
                        width=width, lr=lr, seed=seed)
        _check_settings(settings)
        self.epochs = _positive_int("epochs", epochs)
        self.n = _positive_int("n", n, minimum=8)
        self.batch_size = _positive_int("batch_size", batch_size)
        if not 0 < target <= 1:
            raise ValueError(f"target is an accuracy in (0, 1], got {target!r}")
        self.target = float(target)
        super().__init__(FIGSIZE)
        self.controls = self._make_controls(settings)
        self.train_button = widgets.Button(description=tr("Train"), icon="play", button_style="success",
                                           tooltip=tr("train, redrawing as it goes"))
        self.stop_button = widgets.Button(description=tr("Stop"), icon="stop", disabled=True,
                                          tooltip=tr("stop after the current epoch"))
        self.reset_button = widgets.Button(description=tr("Reset"), icon="refresh",
                                           tooltip=tr("start again from the untrained network"))
        self.progress = widgets.IntProgress(min=0, max=self.epochs, description=tr("epochs"),
                                            style={"description_width": "initial"})
        self.status = widgets.Label()
        self._run = 0  # counts resets: a training task from before the last one stops
        self._task = None
        self._stop_requested = False
        self.reset()
        for control in self.controls.values():
            control.observe(lambda change: self.reset(), names="value")
        self.train_button.on_click(lambda button: self.train())
        self.stop_button.on_click(lambda button: self.stop())
        self.reset_button.on_click(lambda button: self.reset())
        c = self.controls
        column = widgets.Layout(margin="0 24px 0 0")
        self.children = [
            widgets.HBox([widgets.VBox([c["dataset"], c["activation"], c["init"]], layout=column),
                          widgets.VBox([c["depth"], c["width"], c["lr"], c["seed"]])]),
            widgets.HBox([self.train_button, self.stop_button, self.reset_button, self.progress]),
            self.status,
            self.image,
        ]

    @staticmethod
    def _make_controls(settings):
        common = dict(style={"description_width": "90px"}, layout=widgets.Layout(width="300px"))
        slider = dict(continuous_update=False, **common)
        return {
            "dataset": widgets.Dropdown(options=list(datasets.TOY_SETS), value=settings["dataset"],
                                        description=tr("data set"), **common),
            "activation": widgets.Dropdown(options=names(elementwise=True),
                                           value=settings["activation"], description=tr("activation"),
                                           **common),
            "init": widgets.Dropdown(options=[(tr("recommended") if value == "recommended" else label, value)
                                              for label, value in INIT_NAMES.items()],
                                     value=settings["init"], description=tr("init"), **common),
            "depth": widgets.IntSlider(value=settings["depth"], min=DEPTHS[0], max=DEPTHS[1],
                                       description=tr("hidden layers"), **slider),
            "width": widgets.IntSlider(value=settings["width"], min=WIDTHS[0], max=WIDTHS[1],
                                       description=tr("units each"), **slider),
            "lr": widgets.SelectionSlider(options=list(LEARNING_RATES), value=settings["lr"],
                                          description=tr("learning rate"), **slider),
            "seed": widgets.IntSlider(value=settings["seed"], min=SEEDS[0], max=SEEDS[1],
                                      description=tr("seed"), **slider),
        }

    # --- state -----------------------------------------------------------------

    @property
    def settings(self):
        """The current value of every control, by name."""
        return {key: control.value for key, control in self.controls.items()}

    @property
    def init(self):
        """The initialisation in use (the recommended one resolved)."""
        s = self.settings
        return get(s["activation"]).init if s["init"] == "recommended" else s["init"]

    @property
    def epoch(self):
        """Epochs trained so far (fractional only after a divergence)."""
        return self.history["epoch"][-1]

    @property
    def running(self):
        """Whether a training task is under way."""
        return self._task is not None and not self._task.done()

    def reset(self):
        """Stop training and start from a new untrained network with the current settings."""
        self._run += 1
        self._task = None
        s = self.settings
        self._X_train, self._X_val, self._y_train, self._y_val = _data(s["dataset"], self.n)
        sizes = [2] + [s["width"]] * s["depth"] + [2]
        self.net = nn.Network(sizes, s["activation"], init=self.init, seed=s["seed"])
        self.history = nn.train(self.net, self._X_train, self._y_train, epochs=0,
                                validation=(self._X_val, self._y_val))
        self.goal = self.epochs
        self.diverged = False
        self._loss_top = 1.1 * max(1.0, self.history["loss"][0], self.history["val_loss"][0])
        self._buttons(running=False)
        self.update()

    def step(self, epochs=1):
        """Train ``epochs`` epochs now; return False once training cannot go on (diverged).

        Does not redraw: call :meth:`update` for that.
        """
        epochs = _positive_int("epochs", epochs)
        if self.diverged:
            return False
        s = self.settings
        for _ in range(epochs):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", RuntimeWarning)
                # A different shuffle each epoch, the same for the same seed.
                nn.train(self.net, self._X_train, self._y_train, epochs=1, lr=s["lr"],
                         batch_size=self.batch_size, seed=1000 * s["seed"] + int(self.epoch),
                         validation=(self._X_val, self._y_val), history=self.history)
            if any(issubclass(w.category, nn.TrainingDiverged) for w in caught):
                self.diverged = True
                return False
        return True

    # --- training as a task -------------------------------------------------------

    def train(self):
        """Start training towards the goal, as a task on the running event loop.

        Returns the :class:`asyncio.Task` (``None`` if training is already under
        way or the network diverged). In Jupyter, the Train button calls this.

        Raises
        ------
        RuntimeError
            Outside a running event loop (plain Python): use :meth:`step` there.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("train() needs a running event loop, as in Jupyter; in a "
                               "script, call step(epochs) to train and update() to redraw") from None
        if self.running or self.diverged:
            return None
        if self.epoch >= self.goal:
            self.goal = int(self.epoch) + self.epochs
        self._stop_requested = False
        self._buttons(running=True)
        self._task = loop.create_task(self._train(self._run))
        return self._task

    def stop(self):
        """Stop training after the current epoch (the network keeps what it learned)."""
        self._stop_requested = True

    async def _train(self, run):
        """Train epoch by epoch until the goal, Stop, a divergence or a reset (``run`` stale)."""
        try:
            while run == self._run and not self._stop_requested and self.epoch < self.goal:
                if not self.step():
                    break
                if int(self.epoch) % DRAW_EVERY == 0:
                    self.update()
                await asyncio.sleep(0)  # let the kernel handle Stop, other widgets and cells
            if run == self._run:  # after a reset, the new network owns the display
                self.update()
        except Exception as exc:
            if run == self._run:
                self.status.value = tr("training failed: {error}", error=f"{type(exc).__name__}: {exc}")
            raise  # kept with the task, and logged: a traceback is needed to fix it
        finally:
            if run == self._run:
                self._buttons(running=False)

    def _buttons(self, running):
        self.train_button.disabled = running
        self.stop_button.disabled = not running

    # --- drawing -------------------------------------------------------------------

    def update(self):
        """Redraw the figure, the progress bar and the status line."""
        s, h = self.settings, self.history
        fig = self.figure
        fig.clear()
        with plotting.style_context():
            ax_data, ax_loss = fig.subplots(1, 2, width_ratios=[1, 1.25])
            # After a divergence the weights are huge: the grid overflows to NaN,
            # which contourf leaves blank.
            with np.errstate(over="ignore", invalid="ignore"):
                xx, yy, proba = nn.decision_grid(
                    self.net, np.vstack([self._X_train, self._X_val]), resolution=RESOLUTION)
            plotting.plot_decision_boundary(ax_data, xx, yy, proba[..., 1], self._X_train,
                                            self._y_train)
            ax_data.set(title=tr_figure("after {epochs} epochs", epochs=_epochs(self.epoch)), aspect="equal")
            colour = plotting.color(s["activation"])
            # A marker on the newest point: before training the curves are one point.
            ax_loss.plot(h["epoch"], h["loss"], color=colour, marker="o", markevery=[-1],
                         label=tr_figure("training loss"))
            ax_loss.plot(h["epoch"], h["val_loss"], color=colour, linestyle="--", marker="o",
                         mfc="white", markevery=[-1], label=tr_figure("validation loss"))
            reached = nn.epochs_to_target(h["epoch"], h["val_accuracy"], self.target)
            if np.isfinite(reached):
                ax_loss.axvline(reached, color="0.5", linestyle=":",
                                label=tr_figure("validation accuracy ≥ {target}", target=f"{self.target:g}"))
            ax_loss.set(xlabel=tr_figure("epoch"), ylabel=tr_figure("cross-entropy"),
                        xlim=(-0.02 * self.goal, self.goal),
                        ylim=(0, self._loss_top))
            ax_loss.legend(loc="upper right")
            fig.suptitle(self._title(tr_figure))
            fig.canvas.draw()
        self._show()
        self.progress.max = self.goal
        self.progress.value = min(int(self.epoch), self.goal)
        self.status.value = self._status_text(reached)

    def _title(self, tr=tr):
        """The settings in a line, translated by ``tr``: :func:`~actlib.i18n.tr`, or ``tr_figure``
        for the figure's title (English where no font has the Chinese glyphs)."""
        s = self.settings
        if s["depth"] == 0:
            layers = tr("no hidden layer (linear)")
        elif s["depth"] == 1:
            layers = tr("{depth} hidden layer × {width} units", depth=s["depth"], width=s["width"])
        else:
            layers = tr("{depth} hidden layers × {width} units", depth=s["depth"], width=s["width"])
        return tr("{dataset} · {activation}, {init} init · {layers} · learning rate {lr} · seed {seed}",
                  dataset=s["dataset"], activation=s["activation"], init=self.init, layers=layers,
                  lr=f"{s['lr']:g}", seed=s["seed"])

    def _status_text(self, reached):
        h = self.history
        text = tr("epoch {epoch} / {goal} · training loss {loss} · validation loss {val_loss} · "
                  "accuracy {accuracy}", epoch=_epochs(self.epoch), goal=self.goal,
                  loss=f"{h['loss'][-1]:.3f}", val_loss=f"{h['val_loss'][-1]:.3f}",
                  accuracy=f"{h['val_accuracy'][-1]:.2f}")
        if np.isfinite(reached):
            text += tr(" (first ≥ {target} at epoch {epoch})", target=f"{self.target:g}",
                       epoch=_epochs(reached))
        if self.diverged:
            return text + tr(" · diverged: lower the learning rate, then Reset")
        if self.epoch >= self.goal:
            return text + tr(" · done: Train continues")
        return text

    def summary(self):
        """One deterministic line: the settings (the text/plain view)."""
        return tr("Playground: {settings}", settings=self._title())

    def __repr__(self):
        return self.summary()
