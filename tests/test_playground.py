"""The playground driven headlessly: settings, synchronous steps, the training task, Stop."""

import asyncio

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from actlib import nn  # noqa: E402
from actlib.activations import get, names  # noqa: E402
from actlib.playground import Playground, playground  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A value other than the default for every control.
OTHER = {"dataset": "moons", "activation": "relu", "init": "lecun", "depth": 3, "width": 5,
         "lr": 0.3, "seed": 4}
# Settings that blow up within an epoch (found by trying; checked in the test).
DIVERGING = dict(dataset="spirals", activation="prelu", depth=2, width=8, lr=3.0)

pytestmark = pytest.mark.filterwarnings("error")  # no warning may reach the notebook


def small(**settings):
    """A playground with few epochs per Train, so task tests stay short."""
    return playground(**{"epochs": 6, **settings})


def run(coroutine):
    return asyncio.run(coroutine)


# --- creation and settings ----------------------------------------------------------

def test_defaults_draw_the_untrained_network():
    pg = playground()
    assert isinstance(pg, Playground)
    assert bytes(pg.image.value).startswith(PNG_MAGIC)
    assert pg.epoch == 0 and pg.history["epoch"] == [0.0] and not pg.running
    assert pg.progress.value == 0 and pg.progress.max == pg.epochs
    assert pg.status.value.startswith("epoch 0 / 300 ·")
    assert not pg.train_button.disabled and pg.stop_button.disabled
    title = pg.figure._suptitle.get_text()
    for text in ("spirals", "tanh", "xavier", "2 hidden layers × 8 units", "learning rate 0.1",
                 "seed 0"):
        assert text in title
    assert pg.summary() == f"Playground: {title}" == repr(pg)


def test_saved_notebooks_get_the_png_and_a_short_text():
    bundle = playground()._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Playground: spirals")
    assert "image/png" in bundle


def test_the_network_has_the_settings():
    pg = playground("xor", "selu", depth=3, width=5, seed=2)
    assert pg.net.sizes == [2, 5, 5, 5, 2]
    assert [layer.activation.name for layer in pg.net.layers[:-1]] == ["selu"] * 3
    assert pg.init == "lecun"  # recommended for SELU
    fresh = nn.Network([2, 5, 5, 5, 2], "selu", init="lecun", seed=2)
    np.testing.assert_array_equal(pg.net.layers[0].W, fresh.layers[0].W)


def test_depth_zero_is_a_linear_classifier():
    pg = playground(depth=0)
    assert pg.net.sizes == [2, 2] and pg.net.layers[0].activation is None
    assert "no hidden layer (linear)" in pg.summary()


@pytest.mark.parametrize("key", list(OTHER))
def test_every_control_resets_and_changes_the_picture(key):
    pg = small()
    pg.step(3)
    pg.update()
    trained, net = pg.image.value, pg.net
    pg.controls[key].value = OTHER[key]
    assert pg.settings[key] == OTHER[key]
    assert pg.epoch == 0 and pg.net is not net
    untrained = pg.image.value
    assert untrained != trained
    # The untrained picture of the new settings, not a leftover.
    assert untrained == small(**pg.settings).image.value


def test_recommended_init_follows_the_activation():
    pg = playground()
    for name in names(elementwise=True):
        pg.controls["activation"].value = name
        assert pg.init == get(name).init
    pg.controls["init"].value = "he"
    assert pg.init == "he" and "he init" in pg.summary()


def test_every_elementwise_activation_is_offered_and_has_an_init():
    elementwise = names(elementwise=True)
    assert playground().controls["activation"].options == tuple(elementwise)
    assert {get(n).init for n in elementwise} <= set(nn.INITS)


def test_reset_button_starts_again_from_the_same_network():
    pg = small()
    start = pg.image.value
    pg.step(4)
    pg.reset_button.click()
    assert pg.epoch == 0 and pg.image.value == start


# --- synchronous steps ----------------------------------------------------------------

def test_steps_train_and_the_picture_follows():
    pg = playground("moons", "relu", width=16, lr=0.3)
    before = pg.image.value
    assert pg.step(15)
    pg.update()
    h = pg.history
    assert h["epoch"] == list(np.arange(16.0))
    assert h["loss"][-1] < 0.5 * h["loss"][0] and h["val_accuracy"][-1] > 0.85
    assert pg.image.value != before and pg.progress.value == 15
    assert "epoch 15 / 300" in pg.status.value and "first ≥ 0.9 at epoch" in pg.status.value


def test_training_is_reproducible():
    a, b = small(seed=3), small(seed=3)
    a.step(4), b.step(4)
    a.update(), b.update()
    assert a.history["loss"] == b.history["loss"] and a.image.value == b.image.value


def test_divergence_stops_training_and_says_why():
    pg = small(**DIVERGING)
    assert pg.step(5) is False and pg.diverged
    assert pg.epoch < 5  # stopped within the first epochs, at a fractional epoch
    pg.update()
    assert "diverged: lower the learning rate" in pg.status.value
    assert pg.step() is False  # stays stopped until a reset
    pg.controls["lr"].value = 0.03
    assert not pg.diverged and pg.step(2)


def test_step_rejects_bad_counts():
    pg = small()
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="epochs must be a whole number"):
            pg.step(bad)


# --- training as a task ---------------------------------------------------------------

def test_train_runs_to_the_goal_then_continues():
    pg = small()

    async def main():
        task = pg.train()
        assert pg.running and pg.train_button.disabled and not pg.stop_button.disabled
        assert pg.train() is None  # a second press while training does nothing
        await task
        assert pg.epoch == 6 and not pg.running
        assert not pg.train_button.disabled and pg.stop_button.disabled
        assert "done" in pg.status.value and pg.progress.value == 6
        await pg.train()  # a new goal further on
        assert pg.epoch == 12 and pg.progress.max == 12

    run(main())


def test_stop_button_stops_the_task_and_keeps_the_network():
    pg = playground()

    async def main():
        task = pg.train()
        for _ in range(4):
            await asyncio.sleep(0)  # the task trains one epoch per turn of the loop
        pg.stop_button.click()
        await task
        stopped = pg.epoch
        assert 1 <= stopped <= 6 and not pg.running
        assert f"epoch {stopped:.0f} / 300" in pg.status.value
        assert pg.progress.value == stopped
        await asyncio.sleep(0)
        assert pg.epoch == stopped  # really stopped
        task = pg.train()  # Train resumes from there
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        pg.stop()
        await task
        assert pg.epoch > stopped

    run(main())


def test_other_coroutines_run_while_training():
    pg = playground()
    seen = []

    async def other():
        for _ in range(3):
            seen.append(pg.epoch)
            await asyncio.sleep(0)

    async def main():
        task = pg.train()
        await other()
        pg.stop()
        await task

    run(main())
    assert seen == sorted(seen) and seen[-1] > seen[0]  # interleaved, not after training


def test_a_setting_change_while_training_stops_the_old_run():
    pg = playground()

    async def main():
        task = pg.train()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        pg.controls["width"].value = 4  # resets: the old task must not train the new network
        assert not pg.running and not pg.train_button.disabled
        await task
        assert pg.epoch == 0 and pg.net.sizes == [2, 4, 4, 2]
        assert pg.status.value.startswith("epoch 0 / 300")

    run(main())


def test_train_stops_at_a_divergence():
    pg = small(**DIVERGING)

    async def main():
        await pg.train()
        assert pg.diverged and not pg.running and "diverged" in pg.status.value
        assert pg.train() is None

    run(main())


def test_train_outside_an_event_loop_says_what_to_do():
    with pytest.raises(RuntimeError, match="call step"):
        small().train()


def test_an_error_in_training_is_shown_and_kept(monkeypatch):
    pg = small()

    def broken(*args, **kwargs):
        raise ArithmeticError("boom")

    monkeypatch.setattr(pg, "step", broken)

    async def main():
        task = pg.train()
        with pytest.raises(ArithmeticError):
            await task
        assert pg.status.value == "training failed: ArithmeticError: boom"
        assert not pg.running and not pg.train_button.disabled

    run(main())


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize("settings, message", [
    ({"dataset": "swiss roll"}, "dataset must be one of"),
    ({"activation": "softmax"}, "activation must be one of"),
    ({"activation": "sigmod"}, "activation must be one of"),
    ({"init": "normal"}, "init must be one of"),
    ({"depth": 13}, "depth must be a whole number from 0 to 12"),
    ({"depth": 2.5}, "depth must be a whole number"),
    ({"width": 0}, "width must be a whole number from 1 to 64"),
    ({"lr": 0.2}, "lr must be one of"),
    ({"seed": 10}, "seed must be a whole number from 0 to 9"),
    ({"epochs": 0}, "epochs must be a whole number >= 1"),
    ({"n": 4}, "n must be a whole number >= 8"),
    ({"batch_size": 0}, "batch_size must be"),
    ({"target": 1.5}, "target is an accuracy"),
])
def test_bad_settings_are_rejected_with_a_clear_message(settings, message):
    with pytest.raises(ValueError, match=message):
        playground(**settings)
