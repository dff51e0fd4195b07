"""The series' facts, read from the sources: one home for titles, goals, budgets and times.

Each lesson source (``source/NN_name.py``) states its facts once, in its
jupytext header, under ``series``::

    # ---
    # jupyter:
    #   kernelspec: ...
    #   series:
    #     title: Step and sigmoid
    #     goals: the threshold neuron and its zero gradient, ...
    #     budget_s: 30   # only where a run may take longer than BUDGET_S
    #     remember:      # 3-5 points, Markdown: the notebook's closing box and the cheat sheet
    #       - the step function has zero gradient wherever it exists, ...
    # ---

``remember`` (3-5 short points, Markdown) is what a student should keep from
the lesson: the build closes the notebook with them (cell ``NN-remember``) and
the cheat sheet prints them (``python tools/series.py --remember-json``).

Everything else is computed from the source: its exercises (the ids of its
``check("id", ...)`` cells), and its reading time by the model below, split
into the core path and the optional deep dives. From these facts the build
writes notebook 00's map, the README's table, the navigation links at the end
of each notebook, and takes each notebook's time budget; the tests compare
all of them, and each notebook's intro line, with what the facts give.

A **deep dive** starts at a markdown cell tagged ``deep-dive`` whose first
line is a heading, and runs to the next cell whose heading is of the same or a
higher level (fewer ``#``): the rule JupyterLab uses to collapse a heading.

The reading model (stated for readers in the README, section "How long each
notebook takes"):

- prose: the words of markdown cells at :data:`WORDS_PER_MIN`; a formula
  (``$...$`` or ``$$...$$``) counts as one word per :data:`FORMULA_CHARS`
  characters of its LaTeX; URLs and HTML tags count nothing;
- a code cell, read and run, its output looked at: :data:`CODE_CELL_MIN`;
- a code cell with a widget to explore (:data:`WIDGET_CALL`): :data:`WIDGET_MIN`;
- an exercise (a cell tagged ``check``, with its answer cell, which are not
  counted as code cells): :data:`EXERCISE_MIN` of its kind, given by a tag
  ``exercise-<kind>`` on the check cell, ``implement`` when there is none.

Run ``python tools/series.py`` for the table of minutes, ``--readme`` to
rewrite the README's table.
"""

import argparse
import ast
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext

from actlib.i18n import tr

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BUDGET_S = 15.0  # seconds one version of a notebook may take to run, unless its header says
CORE_LIMIT_MIN = 50  # issue 12: a student completes the core path in at most this

# The reading model. Brysbaert (2019) puts silent reading of English non-fiction at 238 words
# per minute; reading to learn technical text with formulas is slower, and 150 leaves room for
# rereading a sentence against a figure.
WORDS_PER_MIN = 150
FORMULA_CHARS = 4  # a formula is read symbol by symbol: about one "word" per 4 LaTeX characters
CODE_CELL_MIN = 0.5  # read the code, run it, look at what it printed or drew
WIDGET_MIN = 2.0  # move the sliders until the picture makes sense
EXERCISE_MIN = {  # read the task, write the answer, run the check, fix it once or twice
    "predict": 2.0,  # say what a cell will print before running it
    "implement": 5.0,  # a few lines of NumPy against the checker
    "derive": 8.0,  # a short derivation on paper, then its value checked
    "use-in-network": 8.0,  # plug one's function into a network and train it
    "experiment": 10.0,  # an open experiment, with a question to answer
}
DEFAULT_EXERCISE = "implement"
FACTS = ("title", "goals", "budget_s", "remember")  # what a header's `series` entry may state
REMEMBER_MIN, REMEMBER_MAX = 3, 5  # points in a lesson's "remember" box
DEEP_DIVE = "deep-dive"  # the tag of a deep dive's heading cell
SERIES_MAP = "series-map"  # the tag of the markdown cell the build fills with the map
WIDGET_CALL = re.compile(r"\b(?:widgets\.explore|interactive_figure|playground\.playground)\s*\(")
CHECK_CALL = re.compile(r"""\b(?:check|reveal)\(\s*["']([\w-]+)["']""")
README_START, README_END = "<!-- series-table:start -->", "<!-- series-table:end -->"

_HEADING = re.compile(r"^(#{1,6})\s")
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"\$(.+?)\$", re.S)
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()


class SeriesError(Exception):
    """A source whose facts cannot be read."""


@dataclass(frozen=True)
class Lesson:
    """One lesson's facts: written in its header, or computed from its cells."""

    stem: str
    title: str
    goals: str
    budget_s: float
    exercises: tuple
    core_min: float
    deep_min: float
    remember: tuple = ()

    @property
    def number(self):
        return self.stem[:2]

    @property
    def label(self):
        """``01 · Step and sigmoid``: how notebooks and links name a lesson."""
        return f"{self.number} · {self.title}"


# ---------------------------------------------------------------------------
# Cells: headings, deep dives, minutes.


def heading_level(cell):
    """The level of the highest heading in a markdown cell (1 for ``#``), 0 for none.

    JupyterLab takes a cell's highest heading when it collapses sections, so
    the deep-dive rule does too.
    """
    if cell.cell_type != "markdown":
        return 0
    levels = [len(m[1]) for line in cell.source.splitlines() if (m := _HEADING.match(line))]
    return min(levels, default=0)


def deep_dive_starts(cells, where=lambda i: f"cell {i + 1}"):
    """For each cell, the index of the heading cell of the deep dive it belongs to, or None.

    Raises
    ------
    SeriesError
        When a cell tagged ``deep-dive`` does not start with a heading.
    """
    starts, start, level = [], None, 0  # the open deep dive: its heading cell and level
    for i, cell in enumerate(cells):
        own = heading_level(cell)
        if start is not None and own and own <= level:
            first = _HEADING.match(cell.source.lstrip().split("\n", 1)[0])
            if not first or len(first[1]) != own:
                # JupyterLab would show the text above the heading, part of the deep dive, in the core
                raise SeriesError(f"{where(i)}: this cell ends a deep dive, so its heading must be its "
                                  "first line; put the text above the heading in a cell of its own")
            start, level = None, 0  # a heading of the same or a higher level ends the deep dive
        if DEEP_DIVE in cell.metadata.get("tags", []):
            first = cell.source.lstrip().split("\n", 1)[0] if cell.cell_type == "markdown" else ""
            if not _HEADING.match(first):
                raise SeriesError(f"{where(i)}: a cell tagged {DEEP_DIVE!r} must be a markdown "
                                  "cell whose first line is a heading")
            if start is None:  # a deep dive inside a deep dive is part of the outer one
                start, level = i, len(_HEADING.match(first)[1])
        starts.append(start)
    return starts


def words(markdown):
    """Words a reader reads in ``markdown``, formulas counted by :data:`FORMULA_CHARS`."""
    formulas = 0

    def formula(match):
        nonlocal formulas
        formulas += max(1, math.ceil(len(match[1].strip()) / FORMULA_CHARS))
        return " "

    text = _INLINE_MATH.sub(formula, _DISPLAY_MATH.sub(formula, markdown))
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags (<details>, anchors)
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # a link's target; its text stays
    text = re.sub(r"https?://\S+", " ", text)
    return len(_WORD.findall(text)) + formulas


def is_exercise(cell):
    """Whether a cell stands for one exercise: a check or reveal cell, or one tagged with a kind."""
    tags = cell.metadata.get("tags", [])
    return "check" in tags or "reveal" in tags or any(t.startswith("exercise-") for t in tags)


def exercise_kind(cell):
    """The kind of the exercise a check cell checks (a tag ``exercise-<kind>``)."""
    kinds = [t[len("exercise-"):] for t in cell.metadata.get("tags", []) if t.startswith("exercise-")]
    kind = kinds[0] if kinds else DEFAULT_EXERCISE
    if kind not in EXERCISE_MIN:
        raise SeriesError(f"unknown exercise kind {kind!r}; known: {', '.join(EXERCISE_MIN)}")
    return kind


def cell_minutes(cell):
    """Minutes a student spends on one cell, by the reading model."""
    if is_exercise(cell):  # an experiment's answer is a markdown cell
        return EXERCISE_MIN[exercise_kind(cell)]
    if cell.cell_type == "markdown":
        return words(cell.source) / WORDS_PER_MIN
    if "### BEGIN SOLUTION" in cell.source:
        return 0.0  # the answer cell: counted with its check cell's exercise
    if not cell.source.strip():
        return 0.0
    return WIDGET_MIN if WIDGET_CALL.search(cell.source) else CODE_CELL_MIN


def minutes(cells):
    """``(core, deep_dives)``: minutes by the reading model."""
    core = deep = 0.0
    for cell, start in zip(cells, deep_dive_starts(cells)):
        if start is None:
            core += cell_minutes(cell)
        else:
            deep += cell_minutes(cell)
    return core, deep


def deep_dive_minutes(cells):
    """Minutes of each deep dive, keyed by the index of its heading cell."""
    out = {}
    for cell, start in zip(cells, deep_dive_starts(cells)):
        if start is not None:
            out[start] = out.get(start, 0.0) + cell_minutes(cell)
    return out


def _names(source):
    """``(stored, loaded)``: the names a code cell binds and the names it reads."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): nothing to say about it
        return set(), set()
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored |= {alias.asname or alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.arg):  # a parameter of a function or lambda: bound in its body
            stored.add(node.arg)
    return stored, loaded


def core_needs(cells):
    """``[(cell index, names)]``: core code cells that read a name only a deep dive defines.

    A core cell "needs" a deep dive when it reads a name that the cell itself
    does not bind, that no core cell before it binds, and that a deep dive
    before it does: skipping the deep dive would make it fail. (A name rebound
    in a deep dive that the core bound before is not caught.)
    """
    core_bound, dive_bound, out = set(), set(), []
    for i, (cell, start) in enumerate(zip(cells, deep_dive_starts(cells))):
        if cell.cell_type != "code":
            continue
        stored, loaded = _names(cell.source)
        if start is not None:
            dive_bound |= stored
            continue
        needed = (loaded - stored - core_bound) & dive_bound
        if needed:
            out.append((i, sorted(needed)))
        core_bound |= stored
    return out


def widget_cells(cells):
    """Indices of the code cells that show a widget (:data:`WIDGET_CALL`) and of those they need.

    A cell is needed when it comes before a needed cell and binds a name that
    cell reads, or changes what it holds (``name[key] = ...``, ``name.attr =
    ...``), transitively: running these cells in order shows every widget
    without running the rest (the Chinese edition's browser test). A change
    made by a method call (``name.append(...)``) is not seen.
    """
    code = [c.source if c.cell_type == "code" else "" for c in cells]
    names = [_names(source) for source in code]
    changed = [_changed(source) for source in code]
    wanted = [i for i, source in enumerate(code) if WIDGET_CALL.search(source)]
    needed, todo = set(wanted), list(wanted)
    while todo:
        i = todo.pop()
        for name in names[i][1] - names[i][0]:
            for j in range(i):
                if (name in names[j][0] or name in changed[j]) and j not in needed:
                    needed.add(j)
                    todo.append(j)
    return sorted(needed)


def _changed(source):
    """The names whose item or attribute a code cell assigns (``d[k] = v``, ``o.a += 1``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    targets = [t for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign))
               for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]
    out = set()
    for target in targets:
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
            if isinstance(target, ast.Name):
                out.add(target.id)
    return out


def exercises(cells):
    """The ids of the exercises, in order: the id a check or reveal cell names, else the cell's id."""
    out = []
    for cell in cells:
        if is_exercise(cell):
            match = CHECK_CALL.search(cell.source)
            # a source read by jupytext keeps its marker id in the metadata (cell.id is random)
            out.append(match[1] if match else cell.metadata.get("id") or cell.get("id"))
    return tuple(out)


def exercise_kinds(cells):
    """``{kind: count}`` of a lesson's exercises, every kind of :data:`EXERCISE_MIN` listed."""
    counts = dict.fromkeys(EXERCISE_MIN, 0)
    for cell in cells:
        if is_exercise(cell):
            counts[exercise_kind(cell)] += 1
    return counts


# ---------------------------------------------------------------------------
# Sources.

_cache = {}


def read(source_path):
    """The source as a jupytext notebook, cached while the file is unchanged."""
    stat = source_path.stat()
    key = (source_path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache[key] = jupytext.read(source_path, fmt="py:percent")
    return _cache[key]


def facts(source_path):
    """The ``series`` entry of a source's header (an empty dict when there is none)."""
    entry = read(source_path).metadata.get("series") or {}
    if not isinstance(entry, dict):
        raise SeriesError(f"{source_path}: `series` in the header must be a mapping")
    unknown = set(entry) - set(FACTS)
    if unknown:
        raise SeriesError(f"{source_path}: unknown series facts {sorted(unknown)}; "
                          f"known: {', '.join(FACTS)}")
    if "remember" in entry:
        remember_points(entry["remember"], source_path)
    return entry


def remember_points(points, source_path):
    """``points`` (a header's ``remember``) as a tuple of strings, checked.

    Raises
    ------
    SeriesError
        Unless it is a list of :data:`REMEMBER_MIN` to :data:`REMEMBER_MAX` non-empty strings.
    """
    ok = (isinstance(points, list) and REMEMBER_MIN <= len(points) <= REMEMBER_MAX
          and all(isinstance(p, str) and p.strip() for p in points))
    if not ok:
        raise SeriesError(f"{source_path}: `remember` in the header must be a list of "
                          f"{REMEMBER_MIN} to {REMEMBER_MAX} non-empty strings, got {points!r}")
    return tuple(" ".join(p.split()) for p in points)


def remember_markdown(points):
    """The closing box of a lesson: a blockquote titled **Remember**, one bullet per point."""
    return "\n".join([f"> **{tr('Remember')}**", ">", *(f"> - {p}" for p in points)])


def lesson(source_path):
    """The :class:`Lesson` of one source."""
    cells = read(source_path).cells
    entry = facts(source_path)
    core, deep = minutes(cells)
    return Lesson(
        stem=source_path.stem,
        title=entry.get("title") or source_path.stem[3:].replace("_", " "),
        goals=entry.get("goals", ""),
        budget_s=float(entry.get("budget_s", BUDGET_S)),
        exercises=exercises(cells),
        core_min=core,
        deep_min=deep,
        remember=remember_points(entry["remember"], source_path) if "remember" in entry else (),
    )


def lessons(source_dir):
    """Every lesson of ``source_dir``, in the series' order (their numbers)."""
    return [lesson(path) for path in sorted(Path(source_dir).glob("[0-9][0-9]_*.py"))]


def pages(source_dir):
    """``(stem, title, goals)`` of each page (``name.py``) whose header gives a title."""
    out = []
    for path in sorted(Path(source_dir).glob("[a-z]*.py")):
        entry = facts(path)
        if entry.get("title"):
            out.append((path.stem, entry["title"], entry.get("goals", "")))
    return out


def budget(source_path):
    """Seconds one version of the notebook of ``source_path`` may take to run."""
    if not source_path.exists():
        return BUDGET_S
    return float(facts(source_path).get("budget_s", BUDGET_S))


# ---------------------------------------------------------------------------
# What is generated from the facts.


def shown(minutes_):
    """Minutes as the tables show them: to the nearest 5 ("about"), at least 5 when any."""
    if minutes_ <= 0:
        return 0
    return max(5, 5 * round(minutes_ / 5))


def _row(number, link, goals, core, deep, exercise_ids):
    ids = ", ".join(f"`{e}`" for e in exercise_ids) or "–"
    core_text = tr("{n} min", n=shown(core)) if core is not None else ""
    deep_text = "" if deep is None else (tr("{n} min", n=shown(deep)) if deep > 0 else "–")
    return f"| {number} | {link} | {goals} | {core_text} | {deep_text} | {ids if core is not None else ''} |"


HEADER = ("| # | notebook | what you learn | core | deep dives (optional) | exercises |\n"
          "|---|----------|----------------|------|-------------|-----------|")


def map_table(all_lessons):
    """Notebook 00's map of the series (links relative to ``notebooks/``)."""
    rows = [_row(x.number, f"[{x.title}]({x.stem}.ipynb)", x.goals, x.core_min, x.deep_min, x.exercises)
            for x in all_lessons]
    return "\n".join([tr(HEADER), *rows])


def readme_table(all_lessons, all_pages=(), folder="notebooks"):
    """The README's table: the lessons, then the pages (links relative to the repository)."""
    rows = [_row(x.number, f"[{x.title}]({folder}/{x.stem}.ipynb)", x.goals, x.core_min, x.deep_min,
                 x.exercises) for x in all_lessons]
    rows += [_row("app", f"[{title}]({folder}/{stem}.ipynb)", goals, None, None, ())
             for stem, title, goals in all_pages]
    return "\n".join([tr(HEADER), *rows])


def map_markdown(all_lessons):
    """The body of the cell tagged ``series-map``: the table and where its numbers come from."""
    return (map_table(all_lessons) + "\n\n" + tr(
        "*Core*: the path through a notebook, about as long as this table says. *Deep dives*: "
        "optional sections, collapsed when you open a notebook; nothing after them needs them. "
        "The minutes are computed from each notebook's text, code cells, widgets and exercises "
        "(the rule is in the series' `README.md`), rounded to 5."))


def map_anchor(source_dir):
    """``#cell-id=...`` of the heading over the cell tagged ``series-map``, or "" when there is none."""
    paths = sorted(Path(source_dir).glob("[0-9][0-9]_*.py"))
    cells = read(paths[0]).cells if paths else []
    tagged = [i for i, cell in enumerate(cells) if SERIES_MAP in cell.metadata.get("tags", [])]
    headings = [cell for cell in cells[: tagged[0] + 1] if heading_level(cell)] if tagged else []
    return f"#cell-id={headings[-1].metadata['id']}" if headings and headings[-1].metadata.get("id") else ""


def navigation(all_lessons, stem, anchor=""):
    """The last cell of lesson ``stem``: links to the previous and next lessons and to the map.

    ``anchor`` is the map's place in the first lesson (:func:`map_anchor`).
    """
    index = [x.stem for x in all_lessons].index(stem)
    first = all_lessons[0]
    links = []
    if index > 0:
        before = all_lessons[index - 1]
        links.append(tr("Previous: [{label}]({stem}.ipynb)", label=before.label, stem=before.stem))
    if index + 1 < len(all_lessons):
        after = all_lessons[index + 1]
        links.append(tr("Next: [{label}]({stem}.ipynb)", label=after.label, stem=after.stem))
    # Every lesson links to the map, 00 too (to its own section): so a lesson built alone, as
    # tests/test_nbgrader.py does, still closes with the same cell.
    links.append(tr("[Map of the series]({stem}.ipynb{anchor})", stem=first.stem, anchor=anchor))
    return " · ".join(links)


def readme_with_table(text, table):
    """``text`` (the README) with the table between the markers replaced.

    Raises
    ------
    SeriesError
        When the markers are missing.
    """
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SeriesError(f"README.md needs the lines {README_START} and {README_END} around the table")
    return text[: start + len(README_START)] + "\n" + table + "\n" + text[end:]


def write_readme(source_dir=ROOT / "source", readme=README):
    """Rewrite the README's table from the facts; return whether it changed."""
    text = readme.read_text(encoding="utf-8")
    new = readme_with_table(text, readme_table(lessons(source_dir), pages(source_dir)))
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def intro_problems(source_path, facts_=None):
    """Where the intro line (first cell) of a lesson states other minutes or exercises than computed."""
    x = facts_ or lesson(source_path)
    intro = read(source_path).cells[0].source
    problems = []
    said = re.search(r"\*About (\d+) minutes", intro)
    if not said:
        problems.append(f"{source_path.name}: the first cell has no '*About N minutes' line")
    elif int(said[1]) != shown(x.core_min):
        problems.append(f"{source_path.name}: the intro says about {said[1]} minutes; the core takes "
                        f"{shown(x.core_min)} by the reading model ({x.core_min:.1f})")
    deep = re.search(r"(\d+) minutes of optional deep dives?", intro)
    if x.deep_min > 0 and not deep:
        problems.append(f"{source_path.name}: the intro does not say the deep dives take about "
                        f"{shown(x.deep_min)} minutes ('N minutes of optional deep dives')")
    elif deep and int(deep[1]) != shown(x.deep_min):
        problems.append(f"{source_path.name}: the intro gives the deep dives {deep[1]} minutes; they take "
                        f"{shown(x.deep_min)} by the reading model ({x.deep_min:.1f})")
    count = re.search(r"\b(\w+) exercises?\b", intro)
    n = len(x.exercises)
    expected = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    if count and count[1].lower() in _NUMBER_WORDS + [str(n)] and count[1].lower() != expected:
        problems.append(f"{source_path.name}: the intro says {count[1]} exercises; the source checks {n}")
    return problems


def drift(source_dir=ROOT / "source", readme=README, notebooks=ROOT / "notebooks"):
    """Every place a series fact is shown that differs from what the sources give.

    The README's table, notebook 00's map and every lesson's closing links, in
    both versions of the committed notebooks, and the intro line of each
    lesson. Returns a list of readable differences, empty when none.
    """
    import nbformat  # only here: the rest of the module reads sources only

    all_lessons = lessons(source_dir)
    problems = []
    text = Path(readme).read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    expected = readme_table(all_lessons, pages(source_dir))
    if start < 0 or end < start:
        problems.append(f"{Path(readme).name}: no {README_START} ... {README_END} around the table")
    elif text[start + len(README_START):end].strip("\n") != expected:
        shown_rows = set(text[start + len(README_START):end].strip("\n").splitlines())
        rows = [row for row in expected.splitlines() if row not in shown_rows]
        problems.append(f"{Path(readme).name}: the table of the series differs from the sources; "
                        "these rows are expected:\n  " + "\n  ".join(rows))
    anchor = map_anchor(source_dir)
    for x in all_lessons:
        for path in (Path(notebooks) / f"{x.stem}.ipynb", Path(notebooks) / "solutions" / f"{x.stem}.ipynb"):
            if not path.exists():
                problems.append(f"{path}: missing")
                continue
            cells = nbformat.read(path, as_version=4).cells
            for cell in cells:
                if SERIES_MAP in cell.metadata.get("tags", []) and cell.source != map_markdown(all_lessons):
                    problems.append(f"{path.name}: cell {cell.id}, the map of the series, differs from the sources")
            box = [c for c in cells if c.get("id") == f"{x.number}-remember"]
            if x.remember and (not box or box[0].source != remember_markdown(x.remember)):
                problems.append(f"{path.name}: the cell {x.number}-remember should be\n  "
                                f"{remember_markdown(x.remember)}")
            links = navigation(all_lessons, x.stem, anchor)
            last = [c for c in cells if c.get("id") == f"{x.number}-navigation"]
            if not last or last[0].source != links or cells[-1] is not last[0]:
                found = last[0].source if last else "no navigation cell"
                problems.append(f"{path.name}: the closing links should be\n  {links}\nnot\n  {found}")
        problems += intro_problems(Path(source_dir) / f"{x.stem}.py", x)
    return problems


# ---------------------------------------------------------------------------
# Command line.


def breakdown(cells):
    """``(words, code cells, widget cells, exercises)`` counted in ``cells``, for the report."""
    counts = [0, 0, 0, 0]
    for cell in cells:
        if is_exercise(cell):
            counts[3] += 1
        elif cell.cell_type == "markdown":
            counts[0] += words(cell.source)
        elif cell.source.strip() and "### BEGIN SOLUTION" not in cell.source:
            counts[2 if WIDGET_CALL.search(cell.source) else 1] += 1
    return counts


def _kind_label(kind):
    """An exercise kind as the cheat sheet names it, in the current language."""
    return {"predict": tr("predict"), "implement": tr("implement"), "derive": tr("derive"),
            "use-in-network": tr("use-in-network"), "experiment": tr("experiment")}[kind]


def remember_all(source_dir, language="en"):
    """``{label: {"remember": [points], "exercises": line}}`` of every lesson with remember points.

    ``line`` names the lesson's exercises by kind, for the cheat sheet's page. The
    labels and points are in ``language`` (from ``source/<language>/``).
    """
    import translation  # it reads this module's facts
    from actlib.i18n import speaking

    with speaking(language):
        return _remember_all(source_dir, translation.lessons(source_dir, language))


def _remember_all(source_dir, all_lessons):
    out = {}
    for x in all_lessons:
        if x.remember:
            cells = read(Path(source_dir) / f"{x.stem}.py").cells
            kinds = {}
            for cell, exercise in zip([c for c in cells if is_exercise(c)], exercises(cells)):
                kinds.setdefault(exercise_kind(cell), []).append(exercise)
            line = "; ".join(f"{_kind_label(kind)}: {', '.join(ids)}" for kind, ids in kinds.items())
            out[x.label] = {"remember": list(x.remember), "exercises": line}
    return out


def minutes_table(source_dir):
    """The per-lesson minutes by the model, unrounded, with what they are made of, as Markdown."""
    rows = ["| notebook | words | code cells | widgets | exercises | core (min) | deep dives (min) "
            "| shown | core over 50 min |",
            "|---|---|---|---|---|---|---|---|---|"]
    for path in sorted(Path(source_dir).glob("[0-9][0-9]_*.py")):
        x = lesson(path)
        n_words, code, widgets, n_exercises = breakdown(read(path).cells)
        rows.append(f"| {x.label} | {n_words} | {code} | {widgets} | {n_exercises} | {x.core_min:.1f} | "
                    f"{x.deep_min:.1f} | {shown(x.core_min)} + {shown(x.deep_min)} | "
                    f"{'yes' if x.core_min > CORE_LIMIT_MIN else 'no'} |")
    return "\n".join(rows)


def kinds_table(source_dir):
    """A markdown table: per lesson, how many exercises of each kind it has."""
    rows = ["| notebook | " + " | ".join(EXERCISE_MIN) + " |", "|---" * (len(EXERCISE_MIN) + 1) + "|"]
    for path in sorted(Path(source_dir).glob("[0-9][0-9]_*.py")):
        counts = exercise_kinds(read(path).cells)
        rows.append(f"| {path.stem[:2]} | " + " | ".join(str(n) for n in counts.values()) + " |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--readme", action="store_true", help="rewrite the README's table")
    parser.add_argument("--remember-json", action="store_true",
                        help="print each lesson's remember points as JSON ({label: [points]}), nothing else")
    parser.add_argument("--language", default="en", help="with --remember-json: the edition (en, zh)")
    parser.add_argument("--kinds", action="store_true",
                        help="print the count of each kind of exercise per lesson, nothing else")
    args = parser.parse_args(argv)
    if args.kinds:
        print(kinds_table(args.source))
        return 0
    if args.remember_json:
        print(json.dumps(remember_all(args.source, args.language), ensure_ascii=False, indent=1))
        return 0
    print(minutes_table(args.source))
    if args.readme:
        changed = write_readme(args.source)
        print(f"README.md: table {'rewritten' if changed else 'already up to date'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
