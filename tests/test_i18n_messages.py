"""What actlib itself shows a student speaks Chinese after ``actlib.set_language("zh")``.

The checker's reports and hints, predictions and reveals, the explorers' labels, the
playground and the cheat sheet: Chinese text (with the glossary's terms) and none of the
English words of the same message, in Chinese mode; the English output as before in
English mode. ``tests/test_i18n.py`` checks that every message has its translation.
"""

import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import actlib  # noqa: E402
from actlib import app, cheatsheet, i18n, playground, plotting, widgets  # noqa: E402
from actlib.exercises import PREDICTIONS, check, hint, predict, reveal  # noqa: E402
from actlib.exercises import predictions, runner  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
FONT = i18n.cjk_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no font with Chinese glyphs: figure labels stay English")
#: The catalogues of the messages of actlib's own modules (not the bank's, not the registry's).
OWNERS = ["actlib.app", "actlib.cheatsheet", "actlib.exercises.predictions", "actlib.exercises.report",
          "actlib.exercises.runner", "actlib.nn", "actlib.playground", "actlib.plotting",
          "actlib.properties", "actlib.widgets"]
PREDICTION = "step-training"  # notebook 01's first prediction, a multiple choice


def wrong_sigmoid(x):
    return np.zeros_like(x)  # the right shape, every value wrong


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    """No failures, hints or predictions from other tests; matplotlib's settings restored."""
    monkeypatch.setattr(runner, "_failures", {})
    monkeypatch.setattr(runner, "_asked", {})
    monkeypatch.setattr(predictions, "_recorded", {})
    with matplotlib.rc_context():
        yield


@pytest.fixture
def chinese():
    """Chinese for the test, then English again (also when the test fails)."""
    actlib.set_language("zh")
    try:
        yield
    finally:
        actlib.set_language("en")


def assert_chinese(text, *english):
    """``text`` has Chinese characters and none of the English phrases ``english``."""
    assert CJK.search(text), text
    left = [phrase for phrase in english if phrase in text]
    assert not left, f"English left in the Chinese text: {left}\n{text}"


@pytest.mark.parametrize("owner", OWNERS)
def test_every_message_of_actlibs_modules_has_its_chinese_translation(owner):
    assert messages.sync("zh", only=owner) == ""


def test_a_failing_check_reports_in_chinese(chinese):
    result = check("sigmoid", wrong_sigmoid)
    text = str(result)
    assert text.startswith("✗ sigmoid：")
    assert_chinese(text, "checks failed", "expected", "got:", "wrong value", "problem:", "note:",
                   "hint 1 of", "a nudge", "stuck?", "shows the next hint")
    assert "提示 1/3（思路点拨）" in text and "hint('sigmoid')" in text  # the code stays code
    assert "期望值:" in text and "在 x = 0.0 处" in text
    assert_chinese(result._repr_html_(), ">expected<", ">got<", "checks failed")


def test_the_rows_of_a_chinese_report_line_up():
    """A Chinese row name takes two columns a character: its value starts in column 16 all the same."""
    with i18n.speaking("zh"):
        text = str(check("sigmoid", wrong_sigmoid))
    rows = [line for line in text.splitlines() if line.startswith("      期望值:")]
    assert rows and all(line.index("[") + 3 == 16 for line in rows)  # 3 wide characters: 3 more columns


def test_not_attempted_rule_broken_and_a_wrong_type_in_chinese(chinese):
    assert_chinese(str(check("sigmoid", lambda x: None)), "not attempted yet", "so far it returns None")
    broken = str(check("tanh_from_sigmoid", np.tanh))
    assert_chinese(broken, "rule broken", "this is", "itself", "asks you to write it")
    assert_chinese(str(check("sigmoid", lambda x: list(x))), "returned a", "not a NumPy array")
    assert_chinese(str(check("sigmoid", 3)), "needs the function itself", "without parentheses")


def test_hints_in_chinese(chinese):
    first = str(hint("sigmoid"))
    assert_chinese(first, "hint 1 of", "a nudge", "stuck?", "shows the next hint")
    second = str(hint("sigmoid"))
    assert "提示 2/3（数学推导）" in second and "hint('sigmoid')" in second
    assert_chinese(second, "hint 2 of", "the mathematics")


def test_a_prediction_and_its_reveal_in_chinese(chinese):
    box = predict(PREDICTION)
    assert_chinese(box._repr_mimebundle_()["text/plain"], "Predict:")
    assert box.children[0].value.startswith("<b>预测：</b>")
    options = box.children[1].options
    assert all(CJK.search(label) for label, _ in options)
    observed = next(iter(PREDICTIONS[PREDICTION].options))
    nothing = str(reveal(PREDICTION, observed))
    assert_chinese(nothing, "You recorded no prediction", "The run shows", "Why:")
    predictions._recorded[PREDICTION] = options[-1][1]  # a wrong choice
    wrong = reveal(PREDICTION, observed, "0.25 at depth 1")
    assert_chinese(str(wrong), "You predicted", "Not what you predicted", "About your choice", "Why:")
    assert "（0.25 at depth 1）" in str(wrong)  # the evidence comes from the notebook's code
    assert_chinese(wrong._repr_html_(), "You predicted")


@needs_font
def test_an_explorers_labels_in_chinese(chinese):
    curves = widgets.explore(["elu", "relu"])
    assert [ax.get_title() for ax in curves.axes] == ["函数 f(x)", "导数 f'(x)"]
    assert curves.sliders["alpha"].tooltip == i18n.tr(actlib.get("elu").params["alpha"].description)
    assert_chinese(curves.summary(), "Explorer:", "sliders")
    # Its own Figure picks up the font: Latin from the first font, Chinese glyphs from this one.
    assert FONT in curves.axes[1].title.get_fontfamily()
    bars = widgets.explore("softmax")
    assert bars.axes[0].get_ylabel() == "概率"
    assert_chinese(bars.sliders["x1"].tooltip, "score", "one class")
    assert bars.png().startswith(b"\x89PNG")


@needs_font
def test_the_app_the_playground_and_the_figures_in_chinese(chinese):
    explorer = app.activation_explorer(["relu"])
    assert_chinese(explorer.table.value, "monotonic", "zero-centred", "saturates", ">yes<", ">no<")
    assert_chinese(explorer.summary(), "Activation Explorer")
    pg = playground.playground(**{"epochs": 6, **dict(dataset="spirals", activation="prelu", depth=2,
                                                     width=8, lr=3.0)})
    assert_chinese(pg.summary(), "hidden layers", "learning rate", "seed")
    assert [pg.train_button.description, pg.controls["depth"].description] == ["训练", "隐藏层数"]
    assert not pg.step(20) and pg.diverged  # the warning is in Chinese: it is told by its class
    pg.update()
    assert_chinese(pg.status.value, "diverged", "training loss", "accuracy")
    loss = pg.figure.axes[1]
    assert [loss.get_xlabel(), loss.get_ylabel()] == ["轮次", "交叉熵"]
    assert plotting.plot_curves({"relu": [1.0, 0.5]}, ylabel="loss").axes[0].get_xlabel() == "轮次"
    assert FONT in matplotlib.rcParams["font.family"]


@needs_font
def test_the_chinese_cheat_sheet_uses_the_glossarys_names(chinese):
    fig = cheatsheet.figure("a4", 1)
    texts = [t.get_text() for t in fig.texts]
    assert texts[0].startswith("激活函数速查表")
    assert any(text.startswith(i18n.term("relu")) for text in texts)  # 修正线性单元（ReLU）
    assert "值域" in texts and "$(0, 1)$" in texts  # a label with Chinese is no mathtext
    assert_chinese(" ".join(texts), "cheat sheet", "params ", "range ")


def test_the_cheat_sheets_command_line_takes_a_language(tmp_path, capsys):
    cheatsheet.main(["--language", "zh", str(tmp_path / "zh.pdf")])
    assert (tmp_path / "zh.pdf").stat().st_size > 0
    assert actlib.language() == "en"  # the command line does not change the session's language
    with pytest.raises(SystemExit):
        cheatsheet.main(["--language", "fr", str(tmp_path / "fr.pdf")])
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_english_mode_is_unchanged():
    before = str(check("sigmoid", wrong_sigmoid))
    with i18n.speaking("zh"):
        assert CJK.search(str(check("sigmoid", wrong_sigmoid)))
    after = str(check("sigmoid", wrong_sigmoid))
    assert not CJK.search(before + after)
    assert before.startswith("✗ sigmoid: 5 of 5 checks failed.\n  ✗ sigmoid(0) = 0.5 exactly\n"
                             "      call:     sigmoid(x)\n")
    assert "hint 1 of 3 (a nudge): " in before and "(stuck? hint('sigmoid') shows the next hint)" in before
    assert "hint 2 of 3 (the mathematics): " in after
    assert str(check("sigmoid", lambda x: None)) == (
        "sigmoid: not attempted yet: fill in the function above and run this cell again "
        "(so far it returns None).")
    bars = widgets.explore("softmax")
    assert bars.axes[0].get_ylabel() == "probability" and bars.sliders["x1"].tooltip == widgets.LOGIT_DESCRIPTION
    assert [ax.get_title() for ax in widgets.explore("elu").axes] == ["f(x)", "f'(x)"]
    assert bars.summary() == "Explorer: softmax (sliders: x1, x2, x3, x4, temperature)"
    assert reveal(PREDICTION, next(iter(PREDICTIONS[PREDICTION].options))).__str__().startswith(
        "You recorded no prediction above. Next time, commit to one first.\nThe run shows: ")
