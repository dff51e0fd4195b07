"""A cheat sheet of every activation, drawn from the registry.

For each entry of :data:`actlib.ACTIVATIONS`: a small plot of f and f' in its
colour and line styles (for a gated unit along b with a = 1; for softmax and
log-softmax bars over a few logits); the formula and the derivative (the
Jacobian for softmax, the two partials for a gated unit); the range; the
parameters with their defaults; and where the function is used. The cells
fill as many A4 (or US letter) landscape pages as they need, 15 a page, the
key on the row after the last::

    python -m actlib.cheatsheet                   # cheatsheet.pdf, cheatsheet.png, cheatsheet-2.png...
    python -m actlib.cheatsheet out.pdf out.png   # the format follows the suffix
    python -m actlib.cheatsheet --paper letter sheet.pdf
    python -m actlib.cheatsheet --remember points.json out.pdf out.png
    python -m actlib.cheatsheet --language zh out-zh.pdf        # in Simplified Chinese

With ``--remember`` (a JSON file, or ``-`` for standard input, mapping each
notebook's title to its list of points, as ``python tools/series.py
--remember-json`` prints them) the sheet gets a second page, "Remember,
notebook by notebook": the last page of the PDF, and a PNG beside
the others (``out-remember.png``). ``make cheatsheet`` passes the series' points.

The sheet speaks the language of :func:`actlib.set_language` (``--language``
on the command line): in Chinese its words are translated, each activation
has its name from the glossary (:func:`actlib.i18n.term`) beside its notes,
and lines are wrapped by the width of their characters (a Chinese character
is about two Latin letters wide).

The registry writes formulas in LaTeX for MathJax; :func:`to_mathtext`
rewrites the few constructs that matplotlib's mathtext lacks.
"""

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from . import i18n, plotting
from .activations import ACTIVATIONS
from .i18n import term, tr_figure

__all__ = ["PAPERS", "FORMATS", "LOGITS", "to_mathtext", "pages", "figure", "remember_figure", "save",
           "main"]

PAPERS = {"a4": (11.69, 8.27), "letter": (11.0, 8.5)}  # landscape, inches
FORMATS = (".pdf", ".png")
LOGITS = (2.0, 1.0, 0.1)  # the softmax example
PNG_DPI = 150
X = np.linspace(-4.0, 4.0, 401)
COLUMNS, ROWS = 3, 5  # cells on a page
TITLE = "Activation functions: cheat sheet"
# The key's {lo}, {hi} and {logits} are filled in when it is drawn (_key).
KEY = ("How to read: f(x) and f'(x) for x from {lo} to {hi}; f' takes the line style after f's\n"
       "(solid, dashed, dash-dot, dotted). Softmax and log-softmax are not elementwise:\n"
       "grey bars are the logits x = {logits}, coloured bars f(x); "
       "their derivative is the Jacobian.\n"
       "Gated units f(a, b) = a g(b) split x into halves a, b: f and df/db along b, with a = 1.")
GLOSSARY = (r"$\sigma$: logistic sigmoid, $\Phi$ and $\varphi$: standard normal CDF and "
            r"density, $\delta_{ij}$: Kronecker delta, $T$: temperature," "\n"
            r"$[c]$: 1 where the condition $c$ holds, else 0, $\odot$: elementwise product.")
CREDIT = "Made by python -m actlib.cheatsheet from the registry actlib.ACTIVATIONS."
REMEMBER_TITLE = "Remember, notebook by notebook"
REMEMBER_CREDIT = "The points close each notebook of the series (its \"Remember\" box)."

# Sizes in inches and points, chosen so that the page stays readable printed.
_MARGIN, _TITLE_H, _GAP_X, _GAP_Y = 0.3, 0.4, 0.2, 0.08
_NAME_H, _PLOT_W, _PLOT_H, _TICKS_W, _TICKS_H, _TEXT_X = 0.24, 1.1, 0.8, 0.25, 0.2, 1.45
_RC = {"font.size": 7.5, "xtick.labelsize": 6.5, "ytick.labelsize": 6.5, "lines.linewidth": 1.4}
_FORMULA_PT, _NAME_PT = 9, 10.5
_WRAP = 38  # characters per line of the notes beside the plot

# A character as wide as about two Latin letters: Chinese, and full-width punctuation.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")

_CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
_REWRITES = [
    (re.compile(r"\\le(?![a-zA-Z])"), r"\\leq"),  # mathtext knows \leq and \geq only
    (re.compile(r"\\ge(?![a-zA-Z])"), r"\\geq"),
    (re.compile(r"\\sqrt\s+(\w)"), r"\\sqrt{\1}"),  # mathtext needs the braces
    (re.compile(r"\\frac(?![a-zA-Z])"), r"\\dfrac"),  # inline \frac is too small to print
]


def to_mathtext(latex):
    """Rewrite the registry's LaTeX for matplotlib's mathtext, as ``$...$``.

    ``cases`` of two rows become a brace before the rows stacked (centred,
    where LaTeX aligns them left), with ``&`` shown as a comma; ``\\le``,
    ``\\ge`` and ``\\sqrt 2`` get their mathtext spellings, and ``\\frac``
    becomes ``\\dfrac`` (mathtext sets ``\\frac`` in text size, too small
    for print).

    Raises
    ------
    ValueError
        For a ``cases`` with other than two rows.
    """
    def cases(match):
        rows = [r for r in match.group(1).split(r"\\") if r.strip()]
        if len(rows) != 2:
            raise ValueError(f"mathtext can stack two cases, got {len(rows)} in {latex!r}")
        top, bottom = (r",\ \ ".join(c.strip() for c in r.split("&")) for r in rows)
        return rf"\left\{{\genfrac{{}}{{}}{{0}}{{0}}{{{top}}}{{{bottom}}}\right."

    text = _CASES.sub(cases, latex)
    for pattern, spelling in _REWRITES:
        text = pattern.sub(spelling, text)
    return f"${text}$"


def _key():
    """The key of the sheet in the current language, its values filled in."""
    return tr_figure(KEY, lo=f"{X[0]:g}", hi=f"{X[-1]:g}", logits=list(LOGITS))


def _wrap(text, width, initial_indent="", subsequent_indent="", **options):
    """The lines of ``text`` wrapped at ``width`` Latin characters, as :func:`textwrap.wrap`.

    A text with Chinese characters (which have no spaces between words) may break
    between any two of them, and each counts as ``1 / _CHAR_EM`` Latin characters;
    a closing punctuation mark stays on the line it ends. Other text is wrapped by
    :func:`textwrap.wrap` with ``options``, unchanged.
    """
    if not _WIDE.search(text):
        return textwrap.wrap(text, width, initial_indent=initial_indent,
                             subsequent_indent=subsequent_indent, **options)
    tokens = re.findall(rf"{_WIDE.pattern}|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+|\s+",
                        text)
    lines, line = [], initial_indent
    size = len(initial_indent)
    for token in tokens:
        wide = bool(_WIDE.fullmatch(token))
        cost = 1 / _CHAR_EM if wide else len(token)
        closing = token in "，。、；：？！）」』”’》" or token[0] in ",.;:!?)"
        if token.isspace():
            if line.strip():
                line, size = line + " ", size + 1
            continue
        if size + cost > width and line.strip() and not closing:
            lines.append(line.rstrip())
            line, size = subsequent_indent, len(subsequent_indent)
        line, size = line + token, size + cost
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _param_lines(act):
    """``name = default`` of each parameter, choices in brackets."""
    lines = []
    for name, p in act.params.items():
        value = f"{p.default:.4g}" if isinstance(p.default, float) else repr(p.default)
        choices = f" ({' | '.join(p.choices)})" if p.choices else ""
        lines.append(f"{name} = {value}{choices}")
    return lines or [tr_figure("none")]


def _plot(ax, act):
    """f and f' over X (along b with a = 1 for a gated unit), or the softmax of LOGITS
    beside the logits."""
    colour = plotting.color(act.name)
    if act.elementwise or act.gated:
        if act.elementwise:
            f, slope = act(X), act.derivative(X)
        else:  # the input [a, b] with a = 1: f(1, b) = g(b) and df/db = g'(b)
            ab = np.stack([np.ones_like(X), X])
            f, slope = act(ab, axis=0)[0], act.derivative(ab, axis=0)[1][0]
        ax.plot(X, f, color=colour, linestyle=plotting.linestyle(act.name))
        ax.plot(X, slope, color=colour, linestyle=plotting.linestyle(act.name, derivative=True))
        ax.set_xlim(X[0], X[-1])
    else:
        k = np.arange(len(LOGITS))
        ax.bar(k - 0.2, LOGITS, 0.4, color="0.75", label="x")
        bars = ax.bar(k + 0.2, act(np.array(LOGITS)), 0.4, color=colour, label="f(x)")
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
        ax.set_xticks(k, [f"$x_{i + 1}$" for i in k])
        ax.legend(loc="upper right", fontsize=6, handlelength=1)
        ax.margins(y=0.25)
    ax.axhline(0.0, color="0.6", linewidth=0.8, zorder=1)
    ax.tick_params(length=2, pad=1.5)


class _Page:
    """Places text and axes in inches from the top left of the page."""

    def __init__(self, fig):
        self.fig = fig
        self.w, self.h = fig.get_size_inches()
        self.renderer = FigureCanvasAgg(fig).get_renderer()

    def text(self, x, y, s, **kw):
        """Text with its top left at (x, y); return its height in inches."""
        t = self.fig.text(x / self.w, 1 - y / self.h, s, va="top", **kw)
        return t.get_window_extent(self.renderer).height / self.fig.dpi

    def stack(self, x, y, texts, gap=0.06):
        """``(text, kwargs)`` pairs one below the other from (x, y)."""
        for s, kw in texts:
            y += self.text(x, y, s, **kw) + gap

    def axes(self, x, y, width, height):
        return self.fig.add_axes([x / self.w, 1 - (y + height) / self.h,
                                  width / self.w, height / self.h])


def _cell(page, left, top, act, height):
    """One activation in the cell whose top left corner is (``left``, ``top``) inches.

    Name, plot and range on the left; formulas, parameters and use on the right. Outside
    English, the notes start with the activation's name in words from the glossary, where
    the cell's ``height`` (inches) has room for it.
    """
    page.text(left, top, act.name, fontsize=_NAME_PT, fontweight="bold")
    _plot(page.axes(left + _TICKS_W, top + _NAME_H, _PLOT_W, _PLOT_H), act)
    _label(page, left, top + _NAME_H + _PLOT_H + _TICKS_H, tr_figure("range"), to_mathtext(act.output_range))
    notes = [*_wrap(tr_figure("params") + "  " + ", ".join(_param_lines(act)), _WRAP),
             *_wrap(tr_figure("used in") + "  " + tr_figure(act.used_in).replace("$", r"\$"), _WRAP)]
    formulas = [(to_mathtext(act.formula), {"fontsize": _FORMULA_PT}),
                (to_mathtext(act.derivative_formula), {"fontsize": _FORMULA_PT})]
    if i18n.language() != "en" and act.name in i18n.glossary():
        named = [*_wrap(term(act.name), _WRAP), *notes]
        if _measure(page, [*formulas, ("\n".join(named), {"linespacing": 1.4})]) <= height:
            notes = named
    page.stack(left + _TEXT_X, top, [*formulas, ("\n".join(notes), {"linespacing": 1.4})])


def _label(page, x, y, label, formula):
    """``label`` and then ``formula`` (mathtext) on one line from (x, y).

    One text in English; where the label has Chinese characters, two: mathtext draws the
    words of a text that holds a formula in its own font, which has no Chinese glyphs.
    """
    if not _WIDE.search(label):
        page.text(x, y, f"{label}  {formula}")
        return
    t = page.fig.text(x / page.w, 1 - y / page.h, label, va="top")
    width = t.get_window_extent(page.renderer).width / page.fig.dpi
    page.text(x + width + 0.08, y, formula)  # the gap of the English line's two spaces


def _key_cell():
    """Index of the key's cell: the first of the row after the last activation (it is wide)."""
    return -(-len(ACTIVATIONS) // COLUMNS) * COLUMNS


def pages():
    """The number of pages the activations and the key fill, ``ROWS * COLUMNS`` cells a page."""
    return _key_cell() // (ROWS * COLUMNS) + 1


def figure(paper="a4", page=1):
    """Return a page of the cheat sheet as a matplotlib Figure (not attached to pyplot).

    Parameters
    ----------
    paper : {"a4", "letter"}
        Page size, landscape.
    page : int
        1 to :func:`pages`: the activations in registry order, then the key.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    if page not in range(1, pages() + 1):
        raise ValueError(f"the cheat sheet has pages 1 to {pages()}, got {page!r}")
    per_page = ROWS * COLUMNS
    first = (page - 1) * per_page
    acts = list(ACTIVATIONS.values())
    fig = Figure(figsize=PAPERS[paper])
    sheet = _Page(fig)
    cell_w = (sheet.w - 2 * _MARGIN - (COLUMNS - 1) * _GAP_X) / COLUMNS
    cell_h = (sheet.h - 2 * _MARGIN - _TITLE_H - (ROWS - 1) * _GAP_Y) / ROWS
    corners = [(_MARGIN + col * (cell_w + _GAP_X), _MARGIN + _TITLE_H + row * (cell_h + _GAP_Y))
               for row in range(ROWS) for col in range(COLUMNS)]
    title = tr_figure(TITLE) if pages() == 1 else f"{tr_figure(TITLE)} ({page}/{pages()})"
    with plotting.style_context(), matplotlib.rc_context(_RC):
        sheet.text(_MARGIN, _MARGIN, title, fontsize=15, fontweight="bold")
        for index, corner in enumerate(corners, first):
            if index < len(acts):
                _cell(sheet, *corner, acts[index], cell_h)
            elif index == _key_cell():
                sheet.stack(*corner, [(s, {"fontsize": 8, "linespacing": 1.5})
                                      for s in (_key(), tr_figure(GLOSSARY), tr_figure(CREDIT))],
                            gap=0.12)
    return fig


_REMEMBER_PT, _REMEMBER_HEAD_PT, _EXERCISES_PT = 8, 9.5, 6.5  # points, headings, the exercises line
_REMEMBER_COLUMNS = 3
_CHAR_EM = 0.6  # a character's average width, in ems of its size: sets how many fit in a column


def _plain(text):
    """``text`` shown as written: a ``$`` is not the start of mathtext."""
    return text.replace("$", r"\$")


def remember_figure(points, paper="a4"):
    """The page of remember points: each notebook's title and its points, in three columns.

    Parameters
    ----------
    points : dict
        ``{notebook title: [point, ...]}``, in the order to print; or
        ``{notebook title: {"remember": [point, ...], "exercises": line}}``, which
        adds a grey line naming the notebook's exercises under its points.
    paper : {"a4", "letter"}

    Raises
    ------
    ValueError
        For an unknown paper, no points, a title without points, or more than fit on the page.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    points = {title: v if isinstance(v, dict) else {"remember": v} for title, v in (points or {}).items()}
    if not points or not all(isinstance(v.get("remember"), (list, tuple)) and v["remember"]
                             for v in points.values()):
        raise ValueError("remember points must map each notebook's title to a non-empty list")
    fig = Figure(figsize=PAPERS[paper])
    page = _Page(fig)
    column_w = (page.w - 2 * _MARGIN - (_REMEMBER_COLUMNS - 1) * _GAP_X) / _REMEMBER_COLUMNS
    bottom = page.h - _MARGIN - 0.3  # room for the credit line
    with plotting.style_context(), matplotlib.rc_context(_RC):
        page.text(_MARGIN, _MARGIN, tr_figure(REMEMBER_TITLE), fontsize=15, fontweight="bold")
        column, y = 0, _MARGIN + _TITLE_H + 0.1
        for title, entry in points.items():
            body = "\n".join("\n".join(_wrap(_plain(str(item)), _chars(column_w, _REMEMBER_PT),
                                             initial_indent="• ", subsequent_indent="   ",
                                             break_on_hyphens=False))
                             for item in entry["remember"])
            block = [(_plain(str(title)), {"fontsize": _REMEMBER_HEAD_PT, "fontweight": "bold"}),
                     (body, {"fontsize": _REMEMBER_PT, "linespacing": 1.35})]
            if entry.get("exercises"):
                line = "\n".join(_wrap(tr_figure("Exercises, {line}", line=entry["exercises"]),
                                       _chars(column_w, _EXERCISES_PT), break_on_hyphens=False))
                block.append((line, {"fontsize": _EXERCISES_PT, "color": "#555555"}))
            height = _measure(page, block)
            if y + height > bottom:  # a column takes what fits, the next the rest
                column, y = column + 1, _MARGIN + _TITLE_H + 0.1
                if column >= _REMEMBER_COLUMNS or y + height > bottom:
                    raise ValueError("the remember points do not fit on one page; shorten them")
            x = _MARGIN + column * (column_w + _GAP_X)
            for s, kw in block:
                y += page.text(x, y, s, **kw) + 0.05
            y += 0.15
        page.text(_MARGIN, page.h - _MARGIN - 0.15, tr_figure(REMEMBER_CREDIT), fontsize=7.5)
    return fig


def _chars(width, size):
    """How many characters of a ``size``-point font fit in ``width`` inches."""
    return int(width * 72 / (size * _CHAR_EM))


def _measure(page, block):
    """Height in inches of ``(text, kwargs)`` pairs stacked, measured off the page."""
    height = 0.0
    for s, kw in block:
        t = page.fig.text(0, 0, s, va="top", **kw)
        height += t.get_window_extent(page.renderer).height / page.fig.dpi + 0.05
        t.remove()
    return height


def _check_path(path):
    """``path`` as a Path, or a clear error before anything is drawn."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: cannot write a {path.suffix or 'suffix-less'} file; "
                         f"the name must end in {' or '.join(FORMATS)}")
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name ending in "
                                f"{' or '.join(FORMATS)}")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: the folder {path.parent} does not exist")
    return path


def save(paths, paper="a4", remember=None):
    """Draw the cheat sheet once and write it to each path (.pdf or .png).

    A PDF gets every page; a PNG ``<name>.png`` the first, ``<name>-2.png`` and
    so on the others. With ``remember`` (``{notebook title: [point, ...]}``)
    a page of the points follows: the last page of a PDF,
    ``<name>-remember.png`` beside a PNG.

    Returns
    -------
    list of Path

    Raises
    ------
    ValueError, IsADirectoryError, FileNotFoundError
        For an unsupported suffix, a folder, or a missing folder; raised
        before any file is written.
    """
    paths = [_check_path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    figs = [figure(paper, n) for n in range(1, pages() + 1)]
    named = [(f"-{n}" if n > 1 else "", tr_figure(TITLE), fig) for n, fig in enumerate(figs, 1)]
    if remember is not None:
        named.append(("-remember", tr_figure(REMEMBER_TITLE), remember_figure(remember, paper)))
    written = []
    for path in paths:
        if path.suffix.lower() == ".pdf":
            with PdfPages(path, metadata={"Title": tr_figure(TITLE)}) as pdf:
                for _, _, fig in named:
                    pdf.savefig(fig)
            written.append(path)
            continue
        for tail, title, fig in named:
            target = path.with_name(f"{path.stem}{tail}{path.suffix}")
            fig.savefig(target, dpi=PNG_DPI, metadata={"Title": title})
            written.append(target)
    return written


def main(argv=None):
    """The command line; see the module docstring. Bad paths exit with status 2."""
    parser = argparse.ArgumentParser(prog="python -m actlib.cheatsheet",
                                     description="Write the cheat sheet of every activation "
                                                 "as PDF and/or PNG.")
    parser.add_argument("out", nargs="*", default=["cheatsheet.pdf", "cheatsheet.png"],
                        help="files to write; the suffix (.pdf, .png) sets the format "
                             "(default: cheatsheet.pdf and cheatsheet.png here)")
    parser.add_argument("--paper", choices=PAPERS, default="a4", help="landscape page size")
    parser.add_argument("--language", choices=i18n.LANGUAGES, default="en",
                        help="the language of the sheet's words: en (English) or zh (Simplified Chinese)")
    parser.add_argument("--remember", metavar="JSON",
                        help="a JSON file ('-': standard input) of {notebook: [points]} or "
                             "{notebook: {remember: [points], exercises: line}}: adds the page "
                             "'Remember, notebook by notebook'")
    args = parser.parse_args(argv)
    try:
        remember = None
        if args.remember:
            text = sys.stdin.read() if args.remember == "-" else Path(args.remember).read_text(encoding="utf-8")
            remember = json.loads(text)
            if not isinstance(remember, dict):
                raise ValueError(f"{args.remember}: expected a JSON object {{notebook: [points]}}")
        with i18n.speaking(args.language):
            for path in save(args.out, args.paper, remember):
                print(path)
    except (ValueError, OSError) as err:
        parser.error(str(err))


if __name__ == "__main__":
    main()
