"""The result of a check and its report, as text, as HTML and as a grader's error."""

import html
import re
import textwrap
import unicodedata
from dataclasses import dataclass

import numpy as np

from ..i18n import language, tr

# Okabe-Ito blue and vermillion: told apart with every common colour-vision
# deficiency; the ✓ / ✗ symbols carry the same information without colour.
_BLUE, _ORANGE, _GREY = "#0072B2", "#D55E00", "#767676"
_NOT_ATTEMPTED = "not attempted yet: fill in the function above and run this cell again"
_WRAP = 80  # characters per line of a failure's report under grading
_ROW = re.compile(r" {6}\w+: ")  # a row of Result.__str__: its text starts in column 16


@dataclass(frozen=True)
class Outcome:
    """The result of one case: texts ready for display, and what went wrong."""

    label: str
    call: str
    inputs: tuple  # (name, text) pairs
    expected: str
    got: str = ""
    problems: tuple = ()
    hint: str = ""
    stub: bool = False  # returned None (or raised NotImplementedError) and did nothing else

    @property
    def passed(self):
        return not self.problems


@dataclass(frozen=True, eq=False)
class Result:
    """What :func:`check` returns; displays as text, or as a coloured report in a notebook.

    Attributes
    ----------
    exercise : Exercise
    attempted : bool
        False while the function is still the unfilled stub (returns None).
    outcomes : tuple of Outcome
        One per case.
    problem : str
        Why nothing could be checked (the answer is not a function), else "".
    broken : str
        The rule the answer broke (it calls what it should build), else "".
    hint_level : int
        How many of the exercise's hints the student has been shown; the
        report shows the last of them (0: none).
    """

    exercise: object  # the Exercise checked
    attempted: bool
    outcomes: tuple = ()
    problem: str = ""
    broken: str = ""
    hint_level: int = 0

    @property
    def passed(self):
        """True when the answer was attempted, kept the rules and passed every check."""
        return (self.attempted and not self.problem and not self.broken
                and all(o.passed for o in self.outcomes))

    @property
    def hint(self):
        """The hint this report shows, with its stage, or ""."""
        return hint_text(self.exercise, self.hint_level)

    def _headline(self):
        name = self.exercise.id
        if self.problem:
            return f"✗ {name}: {self.problem}"
        if self.broken:
            return tr("✗ {name}: rule broken: {broken}", name=name, broken=self.broken)
        if not self.attempted:
            return tr("{name}: {not_attempted} (so far it returns None).", name=name,
                      not_attempted=tr(_NOT_ATTEMPTED))
        n, failed = len(self.outcomes), sum(not o.passed for o in self.outcomes)
        if not failed:
            return tr("✓ {name}: all {n} checks passed.", name=name, n=n)
        return tr("✗ {name}: {failed} of {n} checks failed.", name=name, failed=failed, n=n)

    def _items(self):
        """``(passed, label, rows)`` per case; rows are (name, text) pairs, empty if passed."""
        if self.problem or not self.attempted:
            return []
        items = []
        for o in self.outcomes:
            rows = [("note", o.hint)] if o.passed else []
            if not o.passed:
                # A case's own note says what this input tests; it never gives the answer.
                rows = [("call", o.call), *o.inputs, ("expected", o.expected), ("got", o.got)]
                rows += [("problem", p) for p in o.problems]
                rows += [("note", o.hint)]
            items.append((o.passed, o.label, [r for r in rows if r[1]]))
        return items

    def _footer(self):
        """The staged hint under a report that did not pass, or ""."""
        return "" if self.passed or not self.attempted or self.problem or self.broken else self.hint

    def __str__(self):
        lines = [self._headline()]
        for passed, label, rows in self._items():
            lines.append(f"  {'✓' if passed else '✗'} {label}")
            for key, text in rows:
                text = text.replace("\n", "\n" + " " * 16)
                lines.append(f"      {_pad(_row_name(key) + ':', 10)}{text}")
        if self._footer():
            lines.append(self._footer())
        return "\n".join(lines)

    # nbval compares text/plain too: the same deterministic text as str().
    __repr__ = __str__

    def _repr_html_(self):
        colour = _GREY if not self.attempted else _BLUE if self.passed else _ORANGE
        parts = [f'<div style="border-left:4px solid {colour};padding:0.2em 0.8em;margin:0.3em 0">',
                 f'<div style="font-weight:bold;color:{colour}">{_esc(self._headline())}</div>']
        items = self._items()
        if items:
            parts.append('<ul style="list-style:none;margin:0.3em 0;padding-left:0.5em">')
            for passed, label, rows in items:
                mark = (f'<span style="color:{_BLUE}">✓</span>' if passed
                        else f'<span style="color:{_ORANGE};font-weight:bold">✗</span>')
                parts.append(f"<li>{mark} {_esc(label)}")
                if rows:
                    parts.append('<table style="border-collapse:collapse;'
                                 'margin:0.2em 0 0.5em 1.5em">')
                    for key, text in rows:
                        # Values in monospace so that array columns line up; sentences not.
                        cell = (_esc(text) if key in ("problem", "note") else
                                f'<pre style="margin:0;white-space:pre-wrap">{_esc(text)}</pre>')
                        parts.append(  # a row's name on one line: 期望值 wrapped in the narrow column
                            '<tr><th style="text-align:left;vertical-align:top;font-weight:normal;'
                            f'white-space:nowrap;padding:0 1em 0 0">{_esc(_row_name(key))}</th>'
                            f'<td style="text-align:left">{cell}</td></tr>')
                    parts.append("</table>")
                parts.append("</li>")
            parts.append("</ul>")
        if self._footer():
            parts.append(f'<div style="white-space:pre-wrap">{_esc(self._footer())}</div>')
        parts.append("</div>")
        return "\n".join(parts)


STAGES = ("a nudge", "the mathematics", "the code pattern")


def _row_name(key):
    """The name of a report's row as shown: a word of the report translated, a parameter's name not."""
    names = {"call": tr("call"), "expected": tr("expected"), "got": tr("got"),
             "problem": tr("problem"), "note": tr("note")}
    return names.get(key, key)


def _pad(text, width):
    """``text`` padded with spaces to ``width`` columns; a Chinese character takes two."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * (width - columns)


def _stage(level):
    """The name of hint stage ``level`` (1, 2, ...) in the current language."""
    stages = (tr("a nudge"), tr("the mathematics"), tr("the code pattern"))
    return stages[level - 1] if level <= len(stages) else tr("more")


def hint_text(exercise, level, more=True):
    """Hint ``level`` (1, 2, ...) of ``exercise`` with its stage and, if ``more``, how to get the next.

    Returns "" at level 0.
    """
    if level <= 0:
        return ""
    level = min(level, len(exercise.hints))
    text = tr("hint {level} of {n} ({stage}): {hint}", level=level, n=len(exercise.hints),
              stage=_stage(level), hint=tr(exercise.hints[level - 1]))
    if more and level < len(exercise.hints):
        text += "\n  " + tr("(stuck? hint({id}) shows the next hint)", id=repr(exercise.id))
    return text


def _esc(text):
    return html.escape(text, quote=False)


# ---------------------------------------------------------------------------
# The runner.


class CheckFailed(AssertionError):
    """An answer that does not pass, under grading; the message is the checker's report.

    nbgrader scores a test cell by whether it raises, and shows the error in
    ``validate``'s output and in the feedback. IPython renders an exception
    through its ``_render_traceback_`` method when it has one, so the student
    reads the report rather than a traceback through actlib's internals.
    """

    def _render_traceback_(self):
        name = type(self).__name__
        lines = [part for line in f"{name}: {self}".splitlines() for part in _wrap(line)]
        lines[0] = f"\x1b[0;31m{name}\x1b[0m" + lines[0][len(name):]  # red, as IPython shows it
        return lines


def _wrap(line):
    """Wrap a line of a report at ``_WRAP`` characters, a row's text continuing under its start.

    nbgrader validate cuts every line of an error at 87 characters.
    """
    indent = 16 if _ROW.match(line) else len(line) - len(line.lstrip()) + 4
    # Chinese has no spaces between words: a line of it is broken anywhere.
    return textwrap.wrap(line, _WRAP, subsequent_indent=" " * indent,
                         break_long_words=language() != "en", break_on_hyphens=False) or [line]


# ---------------------------------------------------------------------------
# Display: short, and the same on every run (nbval compares the text).


def _num(v):
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


def _show(value):
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.ndim == 0:
            return _num(value[()])
        return np.array2string(value, precision=8, separator=", ", threshold=30, edgeitems=4,
                               max_line_width=78, floatmode="maxprec", suppress_small=False,
                               sign="-", legacy=False)
    if _is_number(value):
        return _num(value)
    if isinstance(value, (list, tuple)) and all(_is_number(v) for v in value):
        text = ", ".join(_num(v) for v in value)
        return _short(f"[{text}]" if isinstance(value, list) else f"({text})")
    return _scrub(_short(repr(value)))


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _short(text, limit=200):
    return text if len(text) <= limit else text[:limit] + "..."


def _scrub(text):
    """Remove memory addresses, which differ between runs."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", text)


def _describe_object(value):
    if value is None:
        return "None"
    return tr("{value} (type {type})", value=_show(value), type=type(value).__name__)

