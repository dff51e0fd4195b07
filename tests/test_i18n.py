"""The Chinese edition: complete, current, in the glossary's terms, and unable to drift.

The translations and how drift is caught are described in ``tools/translation.py``
(notebooks) and ``tools/messages.py`` (what actlib and the build show); the
switch itself is :mod:`actlib.i18n`.
"""

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

import actlib
from actlib import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks as bn  # noqa: E402
import messages  # noqa: E402
import translation  # noqa: E402

SOURCES = bn.all_sources(ROOT / "source")
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------------------
# Complete and current.


def test_every_message_actlib_shows_has_its_chinese_translation():
    report = messages.sync("zh")
    assert not report, (f"{report}\n\nAdd them with `python tools/messages.py zh --write`, translate "
                        "the empty values, and remove what no message uses")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_notebook_has_a_current_chinese_translation(source):
    assert translation.problems(source, "zh") == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_chinese_notebooks_run_the_english_code(source):
    """Cell for cell, but the line that sets the language: tests/conftest.py relies on it."""
    for english_path, chinese_path in zip(bn.outputs(source, ROOT / "notebooks"),
                                          bn.outputs(source, ROOT / "notebooks", "zh"), strict=True):
        english, chinese = (nbformat.read(p, as_version=4).cells for p in (english_path, chinese_path))
        assert [c.id for c in chinese] == [c.id for c in english]
        code = [c.source.replace('\nactlib.set_language("zh")', "", 1) if c.cell_type == "code" else None
                for c in chinese]
        assert code == [c.source if c.cell_type == "code" else None for c in english]
        assert sum('actlib.set_language("zh")' in c.source for c in chinese) == 1


def test_translated_messages_are_counted_per_notebook():
    """The counts the README's Chinese section states (and the closing note quotes)."""
    counts = {owner: len(texts) for owner, texts in messages.messages().items()}
    assert sum(counts.values()) > 600
    assert all(n > 0 for n in counts.values())


# ---------------------------------------------------------------------------
# Drift: a planted English change.

LESSON = '''\
# ---
# jupyter:
#   series:
#     title: Example
#     goals: one thing
#     remember:
#       - 'first'
#       - 'second'
#       - 'third'
# ---

# %% [markdown] id="ex-title"
# # 01 · Example
#
# The intro.

# %% id="ex-setup"
import actlib

print(actlib.language())

# %% [markdown] id="ex-more"
# ## More
'''


def _translated_lesson(folder, number="01", ids="ex"):
    """The example lesson ``{number}_example.py`` in ``folder``, its cell ids ``{ids}-…``, translated."""
    source = folder / f"{number}_example.py"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(LESSON.replace("01 ·", f"{number} ·").replace('id="ex-', f'id="{ids}-'), encoding="utf-8")
    translation.update(source, "zh")
    path = translation.path_for(source, "zh")
    chinese = {"title": "示例", "goals": "一件事", "remember": "- 第一\n- 第二\n- 第三",
               f"{ids}-title": f"# {number} · 示例\n\n引言。", f"{ids}-more": "## 更多"}
    entries = [translation.Entry(e.key, e.fingerprint, chinese[e.key]) for e in translation.read(path).values()]
    translation.write(path, entries)
    return source


def test_a_chinese_notebook_is_built_from_the_translation_and_speaks_chinese(tmp_path):
    source = _translated_lesson(tmp_path / "source")
    out = tmp_path / "notebooks"
    assert bn.main(["--source", str(source.parent), "--out", str(out)]) == 0
    english = nbformat.read(out / "solutions" / "01_example.ipynb", as_version=4)
    chinese = nbformat.read(out / "zh" / "solutions" / "01_example.ipynb", as_version=4)
    cells = {c.id: c for c in chinese.cells}
    assert cells["ex-title"].source == "# 01 · 示例\n\n引言。"
    assert cells["ex-setup"].source == 'import actlib\nactlib.set_language("zh")\n\nprint(actlib.language())'
    assert cells["ex-setup"].outputs[0]["text"] == "zh\n"
    assert "> **记住**" in cells["01-remember"].source and "> - 第二" in cells["01-remember"].source
    # The code is the English code, but for the line that sets the language.
    code = [c.source.replace('actlib.set_language("zh")\n', "") for c in chinese.cells if c.cell_type == "code"]
    assert code == [c.source for c in english.cells if c.cell_type == "code"]


def test_a_planted_english_change_stops_the_chinese_build_and_names_the_cell(tmp_path, capsys):
    source = _translated_lesson(tmp_path / "source")
    out = tmp_path / "notebooks"
    assert bn.main(["--source", str(source.parent), "--out", str(out)]) == 0
    assert bn.main(["--source", str(source.parent), "--out", str(out), "--check"]) == 0
    capsys.readouterr()

    source.write_text(LESSON.replace("# The intro.", "# The introduction, reworded."), encoding="utf-8")
    assert bn.main(["--source", str(source.parent), "--out", str(out), "--check"]) == 1
    message = capsys.readouterr().err
    assert "cell 'ex-title' changed in English since it was translated" in message
    assert bn.main(["--source", str(source.parent), "--out", str(out), "--language", "zh"]) == 1
    message = capsys.readouterr().err
    assert "zh/01_example: FAILED: no zh edition of 01_example.py" in message
    assert "cell 'ex-title' changed in English" in message
    # --update marks it todo under the new English; the build still refuses until it is translated.
    translation.update(source, "zh")
    assert "<!-- english now:\n# 01 · Example\n\nThe introduction, reworded.\n-->" in \
        translation.path_for(source, "zh").read_text(encoding="utf-8")
    assert translation.problems(source, "zh") == [
        f"{translation.path_for(source, 'zh')}: cell 'ex-title' is still marked todo, "
        "or holds its english-now comment"]


def test_a_stale_cell_stops_only_its_own_lesson_not_the_lessons_linking_to_it(tmp_path, capsys):
    """Another lesson needs this one's title, goals and remember points (its links), not its cells."""
    source = _translated_lesson(tmp_path / "source")
    _translated_lesson(tmp_path / "source", "02", "ey")
    out = tmp_path / "notebooks"
    source.write_text(source.read_text(encoding="utf-8").replace("## More", "## More, reworded"), encoding="utf-8")
    assert bn.main(["--source", str(source.parent), "--out", str(out), "--language", "zh"]) == 1
    message = capsys.readouterr().err
    assert "zh/01_example: FAILED" in message and "cell 'ex-more' changed in English" in message
    assert "02_example: FAILED" not in message and (out / "zh" / "02_example.ipynb").exists()
    # A stale title is every lesson's business: their links to it would be out of date.
    source.write_text(source.read_text(encoding="utf-8").replace("title: Example", "title: Examples"),
                      encoding="utf-8")
    assert bn.main(["--source", str(source.parent), "--out", str(out), "--language", "zh"]) == 1
    assert "zh/02_example: FAILED" in capsys.readouterr().err


def test_a_translation_must_keep_markers_citations_and_links(tmp_path):
    source = _translated_lesson(tmp_path / "source")
    text = LESSON.replace("# The intro.", "# The intro ([Nair & Hinton, 2010](#ref-nair2010)).")
    source.write_text(text, encoding="utf-8")
    path = translation.path_for(source, "zh")
    entries = [translation.Entry(e.key, translation.fingerprint(translation.english(source)[e.key]), e.text)
               for e in translation.read(path).values()]
    translation.write(path, entries)
    assert translation.problems(source, "zh") == [
        f"{path}: cell 'ex-title' does not keep the English citations: ['](#ref-nair2010)']"]


def test_a_missing_translation_file_is_named_with_the_command_that_starts_it(tmp_path):
    source = _translated_lesson(tmp_path / "source")
    translation.path_for(source, "zh").unlink()
    (wrong,) = translation.problems(source, "zh")
    assert "01_example.md does not exist: run `python tools/translation.py zh 01_example --update`" in wrong


def test_an_edited_english_message_loses_its_translation(monkeypatch, tmp_path):
    """The key of a translation is its English: an edit leaves a message without one, and an orphan."""
    owner = "actlib.exercises.report"
    catalogue = json.loads(messages.catalogue_path("zh", owner).read_text(encoding="utf-8"))
    english = next(iter(catalogue))
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / f"{owner}.json").write_text(json.dumps(catalogue), encoding="utf-8")
    edited = {owner: [english + " (edited)", *list(catalogue)[1:]]}
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    monkeypatch.setattr(messages, "ROOT", tmp_path)
    monkeypatch.setattr(messages, "messages", lambda: edited)
    report = messages.sync("zh")
    assert f"no translation of {english + ' (edited)'!r}" in report
    assert f"translates a message that no longer exists: {english!r}" in report


# ---------------------------------------------------------------------------
# Terms.


QUOTE = re.compile(r"「[^」]*」")  # how the Chinese edition quotes the article, slips and all
SLIPS_CELL = "00-the-article-s-translation-slips"  # the section on the slips, which names their senses


def _chinese_texts():
    """(where, text) of every Chinese text of the series but its section on the slips, without its
    quotations of the article."""
    for path in sorted((ROOT / "actlib" / "locale" / "zh").glob("*.json")):
        for english, chinese in json.loads(path.read_text(encoding="utf-8")).items():
            yield f"{path.name}: {english[:40]!r}", chinese
    for source in SOURCES:
        for key, entry in translation.read(translation.path_for(source, "zh")).items():
            if key != SLIPS_CELL:
                yield f"{source.stem}.md: {key}", QUOTE.sub("", entry.text)


def test_no_chinese_text_uses_a_slip_of_the_article():
    slips = {slip: key for key, term in i18n.glossary().items() for slip in term.get("slips", ())}
    found = [f"{where}: {slip!r} (say {i18n.glossary()[key]['zh']!r})"
             for where, text in _chinese_texts() for slip, key in slips.items() if slip in text]
    assert not found, "\n".join(found)


def test_the_glossary_names_every_activation_and_every_term_in_both_languages():
    glossary = i18n.glossary()
    missing = [name for name in actlib.activations.names() if name not in glossary]
    assert not missing, f"activations without a glossary term: {missing}"
    assert all(CJK.search(t["zh"]) or t["zh"] == t["en"] for t in glossary.values())
    with i18n.speaking("zh"):
        assert i18n.term("relu") == "修正线性单元（ReLU）"
    assert i18n.term("relu") == "rectified linear unit (ReLU)"


# ---------------------------------------------------------------------------
# The switch.


def test_set_language_switches_every_message_and_rejects_unknown_languages():
    message = "not attempted yet: fill in the function above and run this cell again"
    with i18n.speaking("zh"):
        assert actlib.language() == "zh"
        assert CJK.search(i18n.tr(message))
    assert actlib.language() == "en" and i18n.tr(message) == message
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh', not 'fr'"):
        actlib.set_language("fr")


def test_figures_fall_back_to_english_with_a_notice_when_no_font_has_the_glyphs(monkeypatch, capsys):
    monkeypatch.setattr(i18n, "cjk_font", lambda: None)
    monkeypatch.setitem(i18n._state, "noticed", False)
    with i18n.speaking("zh"):
        assert i18n.tr_figure("References") == "References"
        assert i18n.tr_figure("References") == "References"
    assert capsys.readouterr().out == i18n.NO_FONT_NOTICE + "\n"  # once a session


def test_this_machine_has_the_cjk_font_the_chinese_figures_need():
    """`.ci/run` installs fonts-noto-cjk (Binder: binder/apt.txt); without it figures stay English."""
    assert i18n.cjk_font() == "Noto Sans CJK SC"
    with i18n.speaking("zh"):
        assert CJK.search(i18n.tr_figure("References"))
