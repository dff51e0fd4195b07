"""The language actlib speaks to a student: English, or Simplified Chinese.

``actlib.set_language("zh")`` (the first lines of every notebook of the
Chinese edition) switches every message actlib shows: checker reports and
hints, predictions, explorer labels and captions, figure labels and warnings.
The code of a notebook, and anything it prints itself, stays as written.

Why the English text is the key: a translation is looked up by the exact
English it translates (``tr("not attempted yet")``), so an English message
that is edited has no translation until someone translates the new text. It
then shows in English, never in an outdated Chinese, and
``tests/test_i18n.py`` fails, naming it, as it does for a translation whose
English is gone. The catalogues are JSON files, ``actlib/locale/zh/*.json``,
each ``{english: chinese}``, one per part of the series that owns the
messages (a module of actlib, an exercise bank, the build);
``python tools/messages.py`` lists what is missing and adds it for translation.

Terms (激活函数, 梯度消失, 修正线性单元, ...) are those of ``glossary.toml``
beside this file, which notebook 00, the cheat sheet and the tests read too.

Figures need a font with Chinese glyphs. Where Matplotlib finds none (install
Debian's ``fonts-noto-cjk``; Binder does, from ``binder/apt.txt``), labels
drawn by actlib stay English and a one-line notice says why, instead of
showing empty boxes: :func:`tr_figure`.
"""

import json
import sys
import tomllib
from contextlib import contextmanager
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "set_language", "speaking", "language", "tr", "tr_figure", "term", "glossary",
           "cjk_font"]

LANGUAGES = {"en": "English", "zh": "简体中文"}
LOCALE = Path(__file__).with_name("locale")
GLOSSARY = Path(__file__).with_name("glossary.toml")
#: Fonts with the Chinese glyphs, most wanted first: Noto (Debian's fonts-noto-cjk), then others
#: common on Windows and macOS.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei",
             "PingFang SC", "WenQuanYi Zen Hei")
NO_FONT_NOTICE = ("未找到中文字体（请安装 fonts-noto-cjk），所以图中的文字仍用英文。"
                  "No Chinese font found (install fonts-noto-cjk): figure labels stay in English.")
_state = {"language": "en", "noticed": False}


def set_language(name):
    """Choose the language of every message actlib shows from now on.

    Parameters
    ----------
    name : {"en", "zh"}
        English, or Simplified Chinese.

    Examples
    --------
    >>> import actlib
    >>> actlib.set_language("zh")
    >>> actlib.set_language("en")
    """
    if name not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, not {name!r}")
    _state["language"] = name
    if name != "en" and "matplotlib" in sys.modules:  # figures already made stay; new ones need the font
        from . import plotting
        plotting.use_fonts()


@contextmanager
def speaking(name):
    """Speak ``name`` inside a ``with`` block, then the language of before (the build, the tests)."""
    before = _state["language"]
    set_language(name)
    try:
        yield
    finally:
        _state["language"] = before


def language():
    """The language set by :func:`set_language`: ``"en"`` unless changed."""
    return _state["language"]


@cache
def catalogue(name="zh"):
    """Every translation into ``name``, ``{english: translation}``, from all its JSON files."""
    merged = {}
    for path in sorted((LOCALE / name).glob("*.json")):
        merged.update((k, v) for k, v in json.loads(path.read_text(encoding="utf-8")).items() if v)
    return merged


def tr(text, /, **fields):
    """``text`` in the current language, its ``{fields}`` filled in.

    Parameters
    ----------
    text : str
        The English message, itself the key of its translation. A message
        not yet translated is shown in English.
    **fields
        Values for the ``{name}`` fields of the message (``str.format``).

    Examples
    --------
    >>> tr("hint {level} of {n}", level=1, n=3)
    'hint 1 of 3'
    """
    if _state["language"] != "en":
        text = catalogue(_state["language"]).get(text, text)
    return text.format(**fields) if fields else text


def tr_figure(text, /, **fields):
    """:func:`tr` for text drawn in a figure: English where no font has the glyphs.

    The first time that happens in a session it prints a one-line notice.
    """
    if _state["language"] == "en" or cjk_font():
        return tr(text, **fields)
    if not _state["noticed"]:
        _state["noticed"] = True
        print(NO_FONT_NOTICE)
    return text.format(**fields) if fields else text


@cache
def cjk_font():
    """The name of an installed font with Chinese glyphs that Matplotlib can use, or None.

    Matplotlib lists the system's fonts once and caches the list, so a font
    installed later (``apt-get install fonts-noto-cjk`` after a first plot) is
    not in it: the font files it does not know are added then.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(f.name in CJK_FONTS for f in manager.ttflist):
        known = {f.fname for f in manager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known and "CJK" in Path(path).name:
                manager.addfont(path)
    installed = {f.name for f in manager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@cache
def glossary():
    """The series' terms: ``{key: {"en": ..., "zh": ..., ...}}`` from ``glossary.toml``."""
    return tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["term"]


def term(key):
    """The name of the glossary's term ``key`` in the current language."""
    entry = glossary()[key]
    return entry.get(_state["language"], entry["en"])
