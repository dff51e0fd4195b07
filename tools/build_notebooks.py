"""Generate the notebooks from the sources in ``source/``.

Each source is a jupytext "percent" script. Solutions are marked inside cells,
nbgrader-style::

    def sigmoid(x):
        ### BEGIN SOLUTION
        ...
        ### END SOLUTION

and, in markdown cells, between ``<!-- BEGIN SOLUTION -->`` and
``<!-- END SOLUTION -->``. From each source this tool writes

- ``notebooks/NN_name.ipynb``, the student version: a Binder note first, each
  solution region replaced by a stub (``# YOUR CODE HERE`` / ``return None``
  at the marker's indentation, or *Your answer here.* in markdown);
- ``notebooks/solutions/NN_name.ipynb``, the solution version: markers kept,
  nbgrader metadata on solution cells and on cells tagged ``check``.

A source whose name has no number, ``source/name.py``, is a page rather than
a lesson: the Activation Explorer app (``source/explorer.py``) is one. It gives
the single notebook ``notebooks/name.ipynb``, its cells as written: no Binder
note (nobody works in it; Voilà shows it as an app) and no solution copy. It
may not hold solution regions or ``check`` cells.

Every cell's id is written in its source's marker line, ``# %% id="step-check"``,
unique in the series: ids are nbgrader's grade ids and the targets of links
between notebooks, so inserting, moving or deleting a cell must not change
another cell's id. The student version's Binder note is ``NN-binder-note``.

A lesson's facts (title, one line of goals, and ``budget_s`` where its run may
take longer than 15 s) are written once, in its jupytext header under
``series:``; ``tools/series.py`` reads them and computes each lesson's
exercises and its minutes by the reading model. From them the build writes
the markdown cell tagged ``series-map`` (notebook 00's map), the README's table
of the series (between ``<!-- series-table:start -->`` and ``-end -->``; a full
build rewrites it) and, at the end of every lesson, the cell ``NN-remember`` (a
box of the 3-5 points stated under ``remember:`` in the header), the cell ``NN-references``
(the works its text cites, from ``source/references.toml``, see
``tools/references.py``) and the cell ``NN-navigation`` (previous, next, map).
A markdown heading cell tagged ``deep-dive`` starts an optional section, to
the next heading of its level or higher: the build notes under its heading
that it is optional and saves it collapsed (JupyterLab's metadata
``jp-MarkdownHeadingCollapsed``).

All are executed (outputs committed, widget state saved) and must run without
error within the time budget. A notebook is never overwritten while it holds
changes that neither git nor this tool can restore.

Usage::

    python tools/build_notebooks.py [NAMES...] [--force] [--check]

``--check`` only compares the committed notebooks' cells with their sources,
without executing anything, and exits 1 if any is stale.
"""

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))  # series.py and references.py beside it
import references  # noqa: E402
import series  # noqa: E402
import translation  # noqa: E402
from actlib import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = series.BUDGET_S


def budget_for(stem, source_dir=ROOT / "source"):
    """Seconds one version of the notebook ``stem`` may take to run: ``budget_s`` in its header, or BUDGET_S."""
    return series.budget(Path(source_dir) / f"{stem}.py")
SOURCE_GLOB = "[0-9][0-9]_*.py"  # a lesson: student and solution versions
PAGE_GLOB = "[a-z]*.py"  # a page, such as the explorer app: one notebook

BINDER_NOTE = (
    "**On Binder?** Your changes vanish when the session ends, so download your "
    "notebook (*File > Download*) before leaving."
)
MARKERS = {
    "code": ("### BEGIN SOLUTION", "### END SOLUTION"),
    "markdown": ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"),
}
STUBS = {"code": ("# YOUR CODE HERE", "return None"), "markdown": ("*Your answer here.*",)}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # nbformat 4.5's rule for a cell id
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# jupytext's percent-format cell start (see jupytext.cell_reader.DoublePercentScriptCellReader).
CELL_START = re.compile(r"^\s*#\s*(%%(%*)\s.*|(%%|<codecell>|In\[[0-9 ]*\]:?)\s*)$")


class BuildError(Exception):
    """A source or a build that cannot give a correct notebook."""


# ---------------------------------------------------------------------------
# From source to the two notebooks (no execution).


def stub_solutions(text, cell_type, where):
    """Return ``(student_text, n_regions)``: ``text`` with solution regions stubbed.

    Parameters
    ----------
    text : str
        Cell source.
    cell_type : {"code", "markdown"}
    where : callable
        ``where(i)`` names line ``i`` (0-based in ``text``) in error messages.

    Raises
    ------
    BuildError
        For unbalanced or nested markers, a marker of the other cell type, or
        a code region at top level (its stub ``return None`` needs a function).
    """
    begin, end = MARKERS[cell_type]
    out, opened, n_regions = [], None, 0
    separate = False  # a markdown stub is a paragraph of its own, as the answer was
    for i, line in enumerate(text.split("\n")):
        marker = line.strip()
        if marker == begin:
            if opened is not None:
                raise BuildError(f"{where(i)}: {begin} inside the region opened at {where(opened)}")
            indent = line[: len(line) - len(line.lstrip())]
            if cell_type == "code" and not indent:
                raise BuildError(
                    f"{where(i)}: {begin} at top level; put the solution inside a function "
                    "body, since the student stub ends with `return None`"
                )
            separate = cell_type == "markdown"
            if separate and out and out[-1].strip():
                out.append("")
            out += [indent + stub for stub in STUBS[cell_type]]
            opened, n_regions = i, n_regions + 1
        elif marker == end:
            if opened is None:
                raise BuildError(f"{where(i)}: {end} without a {begin} before it")
            opened = None
        elif "BEGIN SOLUTION" in marker or "END SOLUTION" in marker:
            raise BuildError(
                f"{where(i)}: {marker!r} is not a {cell_type} cell marker; "
                f"write exactly {begin!r} and {end!r} on lines of their own"
            )
        elif opened is None:
            if separate and line.strip():
                out.append("")
            out.append(line)
            separate = False
    if opened is not None:
        raise BuildError(f"{where(opened)}: {begin} is never closed by {end}")
    return "\n".join(out), n_regions


def _trim_blank_lines(text):
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _first_lines(path, n_cells):
    """File line number of each cell's first line; None where unknown."""
    starts = [
        number + 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CELL_START.match(line)
    ]
    if len(starts) > n_cells:  # a marker jupytext did not take as one: give up on lines
        return [None] * n_cells
    # Cells before the first marker (text at the top of the file) have none.
    return [None] * (n_cells - len(starts)) + starts


def _where(path, cell_index, first_line):
    if first_line is None:
        return lambda i: f"{path}, cell {cell_index + 1}, line {i + 1} of the cell"
    return lambda i: f"{path}:{first_line + i}"


def build_pair(source_path, language="en"):
    """Return the unexecuted ``(student, solution)`` notebooks of one source, in ``language``.

    Raises
    ------
    BuildError
        When a solution region is malformed (the message names file and line),
        or the translation into ``language`` is missing, stale or broken
        (naming each cell).
    """
    with i18n.speaking(language):
        return _build_pair(source_path, language)


def _build_pair(source_path, language):
    try:
        display_path = source_path.relative_to(ROOT)
    except ValueError:
        display_path = source_path
    text_nb = jupytext.read(source_path, fmt="py:percent")
    lines = _first_lines(source_path, len(text_nb.cells))
    try:
        dives = series.deep_dive_starts(text_nb.cells, lambda i: _where(display_path, i, lines[i])(-1))
    except series.SeriesError as exc:
        raise BuildError(str(exc)) from None
    dive_minutes = series.deep_dive_minutes(text_nb.cells)  # read in English, whatever the edition
    if language != "en":
        _translate(text_nb, source_path, language)
    try:
        works = references.load() if is_lesson(source_path) else {}
    except references.BibliographyError as exc:
        raise BuildError(str(exc)) from None
    for index, names in series.core_needs(text_nb.cells):  # skipping a deep dive must not break the core
        raise BuildError(f"{_where(display_path, index, lines[index])(-1)}: this cell, on the core path, "
                         f"uses {', '.join(names)}, defined only in a deep dive before it; define it on "
                         "the core path, or move this cell into the deep dive")
    student = [nbformat.v4.new_markdown_cell(i18n.tr(BINDER_NOTE), id=f"{_id_prefix(source_path)}-binder-note",
                                             metadata={"slideshow": {"slide_type": "skip"}})]
    solution = []
    seen = {}
    for index, (cell, first_line) in enumerate(zip(text_nb.cells, lines)):
        where = _where(display_path, index, first_line)
        if cell.cell_type not in MARKERS:
            raise BuildError(f"{where(0)}: {cell.cell_type} cells are not supported")
        stubbed, n_regions = stub_solutions(cell.source, cell.cell_type, where)
        cell_id = _cell_id(cell, where, seen)
        tags = list(cell.metadata.get("tags", []))
        meta = {"slideshow": {"slide_type": _slide_type(cell)}, **({"tags": tags} if tags else {})}
        if dives[index] == index:  # a deep dive's heading: labelled, and collapsed in JupyterLab
            meta[COLLAPSED] = True
            stubbed, cell = _label_deep_dive(stubbed, dive_minutes[index]), _label_cell(cell, dive_minutes[index])
        if set(tags) & GENERATED.keys():
            stubbed = GENERATED[(set(tags) & GENERATED.keys()).pop()](source_path, language, where)
            cell = nbformat.from_dict({**cell, "source": stubbed})
        if cell.cell_type == "markdown" and HINTS.search(cell.source):
            stubbed = _expand_hints(stubbed, where)
            cell = nbformat.from_dict({**cell, "source": _expand_hints(cell.source, where)})
        if cell.cell_type == "markdown" and works and references.CITATION.search(cell.source):
            stubbed = references.resolve(stubbed, works)
            cell = nbformat.from_dict({**cell, "source": references.resolve(cell.source, works)})
        nbgrader = _nbgrader_metadata(cell.cell_type, n_regions > 0, "check" in tags, cell_id)
        solution_meta = {**meta, "nbgrader": nbgrader} if nbgrader else dict(meta)
        new = nbformat.v4.new_code_cell if cell.cell_type == "code" else nbformat.v4.new_markdown_cell
        student.append(new(_trim_blank_lines(stubbed), id=cell_id, metadata=meta))
        solution.append(new(_trim_blank_lines(cell.source), id=cell_id, metadata=solution_meta))
    if is_lesson(source_path):
        for cell in _closing_cells(source_path, text_nb.cells, seen, works, language):
            student.append(cell)
            solution.append(nbformat.from_dict(cell))
    return _notebook(student, source_path), _notebook(solution, source_path)


# ---------------------------------------------------------------------------
# Hints: written once, in the exercise bank, shown by the checker and in the notebook.

HINTS = re.compile(r"<!-- hints: (\w+) -->")


def _expand_hints(text, where):
    """Replace each ``<!-- hints: id -->`` with the exercise's hints, one ``<details>`` a stage."""
    from actlib.exercises import EXERCISES
    from actlib.exercises.report import STAGES

    def details(match):
        exercise = EXERCISES.get(match.group(1))
        if exercise is None:
            raise BuildError(f"{where(0)}: no exercise {match.group(1)!r} for its hints")
        return "\n".join(
            i18n.tr("<details><summary>Hint {i} · {stage}</summary>\n\n{text}\n</details>",
                    i=i, stage=i18n.tr(stage), text=i18n.tr(text))
            for i, (stage, text) in enumerate(zip(STAGES, exercise.hints), 1))

    return HINTS.sub(details, text)


def _hide_reveals(nb):
    """Clear the outputs of cells tagged ``reveal``: a student predicts before seeing them."""
    for cell in nb.cells:
        if REVEAL in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None


REVEAL = "reveal"


# ---------------------------------------------------------------------------
# Cells the build writes from the series' facts (tools/series.py, tools/references.py).

#: The cell metadata JupyterLab 4 reads to show a heading collapsed (MarkdownCell.headingCollapsed).
COLLAPSED = "jp-MarkdownHeadingCollapsed"
DEEP_DIVE_NOTE = ("> **Optional deep dive**, about {minutes} minutes. Nothing after it needs it: skip it "
                  "on a first pass. In JupyterLab it starts collapsed; click *cells hidden* below to open it.")


def _label_deep_dive(text, minutes):
    """``text`` (a deep dive's heading cell) with the note saying it is optional below its heading."""
    heading, _, rest = text.strip("\n").partition("\n")
    note = i18n.tr(DEEP_DIVE_NOTE, minutes=series.shown(minutes))
    return "\n".join([heading, "", note, *([""] if rest.strip() else []), rest.strip("\n")]).rstrip("\n")


def _label_cell(cell, minutes):
    return nbformat.from_dict({**cell, "source": _label_deep_dive(cell.source, minutes)})


def _series_map(source_path, language, where):
    """The body of the cell tagged ``series-map``: the map of every lesson beside ``source_path``."""
    try:
        return series.map_markdown(translation.lessons(source_path.parent, language))
    except (series.SeriesError, translation.TranslationError) as exc:
        raise BuildError(f"{where(-1)}: {exc}") from None


def _glossary(source_path, language, where):
    """The body of the cell tagged ``glossary``: the terms of ``actlib/glossary.toml`` as a table."""
    rows = [f"| {term['en']} | {term['zh']} | {term.get('also', '')} | {term['where']} |"
            for term in i18n.glossary().values()]
    return "\n".join([i18n.tr("| English | 中文 | also | where in the series |\n|---|---|---|---|"), *rows])


def _article_slips(source_path, language, where):
    """The body of the cell tagged ``article-slips``: each slip of the article and the right term."""
    rows = [f"| {' / '.join(t['slips'])} | {t['zh']} | {t['en']} |"
            for t in i18n.glossary().values() if t.get("slips")]
    return "\n".join([i18n.tr("| the article wrote | the term | in English |\n|---|---|---|"), *rows])


#: Cells whose body the build writes, by tag: ``f(source_path, language, where)`` gives the body.
GENERATED = {series.SERIES_MAP: _series_map, "glossary": _glossary, "article-slips": _article_slips}
assert GENERATED.keys() == translation.GENERATED


def _translate(text_nb, source_path, language):
    """Put the ``language`` translation of each markdown cell of ``text_nb`` in place, and set actlib's language."""
    try:
        texts = translation.translated(source_path, language)
    except translation.TranslationError as exc:
        raise BuildError(f"no {language} edition of {source_path.name}:\n{exc}") from None
    for cell in text_nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("id") in texts:
            cell.source = texts[cell.metadata["id"]]
    for cell in text_nb.cells:
        lines = cell.source.split("\n")
        if cell.cell_type == "code" and "import actlib" in lines:
            lines.insert(lines.index("import actlib") + 1, f'actlib.set_language("{language}")')
            cell.source = "\n".join(lines)
            return
    raise BuildError(f"{source_path.name}: no code cell has the line `import actlib`, after which "
                     f"the {language} edition sets actlib's language")


def _closing_cells(source_path, cells, seen, works, language="en"):
    """A lesson's last cells: the works it cites, and links to the lessons around it."""
    prefix = _id_prefix(source_path)
    texts = [c.source for c in cells if c.cell_type == "markdown"]
    try:
        wrong = references.problems(texts, works)
        if wrong:
            raise BuildError(f"{source_path.name}: " + "; ".join(wrong))
        keys = references.cited_keys(texts)
        remember = translation.lesson(source_path, language).remember
        navigation = series.navigation(translation.lessons(source_path.parent, language), source_path.stem,
                                       series.map_anchor(source_path.parent))
    except (series.SeriesError, translation.TranslationError) as exc:
        raise BuildError(f"{source_path.name}: {exc}") from None
    bodies = {f"{prefix}-remember": series.remember_markdown(remember) if remember else "",
              f"{prefix}-references": references.references_markdown(keys, works) if keys else "",
              f"{prefix}-navigation": navigation}
    out = []
    for cell_id, body in bodies.items():
        if cell_id in seen:
            raise BuildError(f"{seen[cell_id]}: the id {cell_id!r} is the build's, for a cell it writes")
        if body:
            cell = nbformat.v4.new_markdown_cell(body, id=cell_id)
            cell.metadata = {"slideshow": {"slide_type": _slide_type(cell)}}
            out.append(cell)
    return out


def _id_prefix(source_path):
    """``NN`` of a lesson ``NN_name.py``, ``app`` of a page: the ids' prefix for generated cells."""
    return source_path.stem[:2] if is_lesson(source_path) else source_path.stem


def _cell_id(cell, where, seen):
    """The cell's id, written in the source's ``# %% id="..."`` line, checked.

    Ids are the nbgrader grade ids and the targets of links between notebooks,
    so they are set by hand, never derived from a cell's position: inserting,
    moving or deleting a cell changes no other cell's id. ``seen`` maps the ids
    of the source's earlier cells to where they are.
    """
    cell_id = cell.metadata.get("id")
    if not cell_id:
        raise BuildError(f'{where(-1)}: the cell has no id; write one in its marker line, '
                         f'as in `# %% id="sigmoid-check"` (letters, digits and -, unique in the series)')
    if not ID_PATTERN.fullmatch(cell_id):
        raise BuildError(f"{where(-1)}: id {cell_id!r} is not 1-64 letters, digits, - or _")
    if cell_id in seen:
        raise BuildError(f"{where(-1)}: id {cell_id!r} is already the id of {seen[cell_id]}")
    seen[cell_id] = where(-1)
    return cell_id


def duplicate_ids(source_paths):
    """Ids written in more than one source, as ``{id: [stems]}`` (the build checks each source's own)."""
    owners = {}
    for source_path in source_paths:
        ids = {cell.metadata.get("id") for cell in series.read(source_path).cells}
        for cell_id in ids - {None}:
            owners.setdefault(cell_id, []).append(source_path.stem)
    return {cell_id: stems for cell_id, stems in owners.items() if len(stems) > 1}


def _slide_type(cell):
    """reveal.js role of a cell: a new slide at each ``#``/``##`` heading, a sub-slide at ``###``.

    ``jupyter nbconvert --to slides`` then gives one slide per section of a notebook.
    """
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if re.match(r"#{1,2} ", first):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def build_page(source_path, language="en"):
    """Return the unexecuted notebook of a page: the source's cells as they are.

    Raises
    ------
    BuildError
        When the source holds a solution region or a ``check`` cell.
    """
    _, nb = build_pair(source_path, language)
    graded = [cell.id for cell in nb.cells if "nbgrader" in cell.metadata]
    if graded:
        raise BuildError(
            f"{source_path.name} is a page, without exercises, but its cells {', '.join(graded)} "
            f"hold solutions or checks; name it NN_{source_path.name} to make it a lesson"
        )
    return nb


def is_lesson(source_path):
    """Whether ``source_path`` is a lesson (``NN_name.py``) rather than a page."""
    return source_path.match(SOURCE_GLOB)


def outputs(source_path, out_dir, language="en"):
    """The notebooks a source gives: ``(student, solution)`` of a lesson, ``(page,)``.

    The English edition is in ``out_dir``, another in ``out_dir/<language>``.
    """
    out_dir = out_dir if language == "en" else out_dir / language
    page = out_dir / f"{source_path.stem}.ipynb"
    if is_lesson(source_path):
        return page, out_dir / "solutions" / page.name
    return (page,)


def build(source_path, language="en"):
    """The unexecuted notebooks of a source, in the order of :func:`outputs`."""
    if is_lesson(source_path):
        return build_pair(source_path, language)
    return (build_page(source_path, language),)


def editions(source_dir):
    """The languages of the series in ``source_dir``: English, and each with a translation folder."""
    return ["en", *(lang for lang in translation.LANGUAGES if (Path(source_dir) / lang).is_dir())]


def _nbgrader_metadata(cell_type, is_solution, is_check, grade_id):
    """nbgrader (schema 3) metadata, or None for an ordinary cell."""
    if is_solution:
        # A markdown answer is graded by hand, a code answer by the check cells.
        graded = {"grade": True, "points": 1} if cell_type == "markdown" else {"grade": False}
        return {"solution": True, "locked": False, **graded, "grade_id": grade_id, "schema_version": 3}
    if is_check:
        return {
            "solution": False, "grade": True, "locked": True, "points": 1,
            "grade_id": grade_id, "schema_version": 3,
        }
    return None


def _notebook(cells, source_path):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "generated_from": f"source/{source_path.name}"}
    return nb


# ---------------------------------------------------------------------------
# Execution and byte-stable output.


def execute(nb, cwd, budget=BUDGET_S):
    """Run ``nb`` in a fresh ``python3`` kernel; return the elapsed seconds.

    Raises
    ------
    BuildError
        When a cell raises or the whole run exceeds ``budget`` seconds.
    """
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not its warning about local TCP
        timeout_func=lambda cell: max(0.1, budget - (time.perf_counter() - start)),
        store_widget_state=True,
        record_timing=False,
    )
    try:
        client.execute()
    except CellTimeoutError as exc:
        raise BuildError(f"did not finish within the {budget:g} s budget\n{exc}") from None
    except (CellExecutionError, DeadKernelError) as exc:
        raise BuildError(f"a cell raised an error\n{exc}") from None
    elapsed = time.perf_counter() - start
    if elapsed > budget:
        raise BuildError(f"took {elapsed:.1f} s, over the {budget:g} s budget")
    _make_stable(nb)
    return elapsed


def _make_stable(nb):
    """Drop volatile metadata and give widget models ids that do not change per run."""
    nb.metadata.get("language_info", {}).pop("version", None)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    model_ids = list(state)  # creation order
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            model_id = output.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
            if model_id and model_id not in model_ids:
                model_ids.append(model_id)
    if model_ids:
        text = json.dumps(nb)
        for i, model_id in enumerate(model_ids):
            text = text.replace(model_id, f"{i + 1:032x}")
        nb.clear()
        nb.update(nbformat.from_dict(json.loads(text)))


def _content_hash(nb):
    body = nbformat.from_dict(nb)
    body.metadata.pop("generated_sha256", None)
    return hashlib.sha256(nbformat.writes(body).encode()).hexdigest()


def serialize(nb):
    """The notebook's file text, stamped with a hash of its own content."""
    nb.metadata["generated_sha256"] = _content_hash(nb)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


# ---------------------------------------------------------------------------
# Guarding work that would be lost.


def unsafe_to_overwrite(path):
    """Why overwriting ``path`` could lose work, or None when it is safe.

    Safe: the file is missing, is exactly what this tool last wrote (its
    content hash matches), or is committed to git without changes.
    """
    if not path.exists():
        return None
    try:
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("generated_sha256") == _content_hash(nb):
            return None
    except Exception:  # noqa: BLE001 - an unreadable notebook is still someone's file
        pass
    try:
        proc = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--", path.name],
            cwd=path.parent, capture_output=True, text=True,
        )
    except FileNotFoundError:
        return "edited, and git is not installed to tell whether it is committed"
    if proc.returncode != 0:
        return "edited, and not in a git repository"
    status = proc.stdout[:2]
    if not status:
        return None
    return {"??": "untracked", "!!": "ignored by git"}.get(status, "uncommitted changes")


def refuse_if_unsafe(paths):
    """Raise BuildError listing every path whose overwrite could lose work."""
    unsafe = [(path, why) for path in paths if (why := unsafe_to_overwrite(path))]
    if unsafe:
        listing = "\n".join(f"  {_show(path)} ({why})" for path, why in unsafe)
        raise BuildError(
            "refusing to overwrite notebooks holding edits that would be lost:\n"
            f"{listing}\n"
            "Commit them, or copy your work elsewhere, and rerun; or rerun with --force "
            "to discard them. (Change the notebooks through their source in source/: they "
            "are generated from it.)"
        )


def _show(path):
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# ---------------------------------------------------------------------------
# Staleness check.


def _skeleton(nb):
    cells = [(c.cell_type, c.get("id"), c.source, dict(c.metadata)) for c in nb.cells]
    return cells, nb.metadata.get("kernelspec")


def stale_reasons(source_path, *paths, language="en"):
    """List why the committed ``paths`` (from :func:`outputs`) differ from what the source gives."""
    reasons = []
    try:
        built = build(source_path, language)
    except BuildError as exc:
        return [str(exc)]
    for path, expected in zip(paths, built, strict=True):
        if not path.exists():
            reasons.append(f"{_show(path)} is missing")
            continue
        committed = nbformat.read(path, as_version=4)
        if _skeleton(committed) != _skeleton(expected):
            reasons.append(f"{_show(path)} does not match {_show(source_path)}")
        elif any(c.cell_type == "code" and c.source.strip() and c.execution_count is None
                 and REVEAL not in c.metadata.get("tags", []) for c in committed.cells):
            reasons.append(f"{_show(path)} has cells that were never executed")
    return reasons


def orphans(source_dir, out_dir):
    """Notebooks in ``out_dir`` or its solutions/, of each edition, that no source gives."""
    languages = editions(source_dir)
    given = {path for source in all_sources(source_dir) for lang in languages
             for path in outputs(source, out_dir, lang)}
    folders = [out_dir if lang == "en" else out_dir / lang for lang in languages]
    found = [path for folder in folders
             for path in sorted(folder.glob("*.ipynb")) + sorted((folder / "solutions").glob("*.ipynb"))]
    return [path for path in found if path not in given]


# ---------------------------------------------------------------------------
# Command line.


def all_sources(source_dir):
    """The lessons, then the pages, each in name order."""
    return sorted(source_dir.glob(SOURCE_GLOB)) + sorted(source_dir.glob(PAGE_GLOB))


def select_sources(source_dir, names):
    """Sources named by stem, unique prefix ("01") or path; all when none named."""
    sources = all_sources(source_dir)
    if not sources:
        raise BuildError(f"no sources matching {SOURCE_GLOB} or {PAGE_GLOB} in {source_dir}")
    if not names:
        return sources
    chosen = []
    for name in names:
        stem = Path(name).stem
        matches = [p for p in sources if p.stem == stem] or [p for p in sources if p.stem.startswith(stem)]
        if len(matches) != 1:
            known = ", ".join(p.stem for p in sources)
            what = "matches several sources" if matches else "matches no source"
            raise BuildError(f"{name!r} {what}; known: {known}")
        chosen.append(matches[0])
    return chosen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebooks to build (default: all)")
    parser.add_argument("--force", action="store_true", help="overwrite notebooks even if that discards edits")
    parser.add_argument("--check", action="store_true", help="only report stale notebooks, run nothing")
    parser.add_argument("--source", type=Path, default=ROOT / "source", help="directory of the sources")
    parser.add_argument("--out", type=Path, default=ROOT / "notebooks",
                        help="directory of the student notebooks (solutions go to OUT/solutions)")
    parser.add_argument("--language", choices=["en", *translation.LANGUAGES],
                        help="build this edition only (default: English and every translated edition)")
    parser.add_argument("--budget", type=float, default=None,
                        help=f"seconds each notebook version may take to run (default {BUDGET_S:g}, "
                             f"or the budget_s in its source's header)")
    args = parser.parse_args(argv)
    source_dir, out_dir = args.source.resolve(), args.out.resolve()
    try:
        sources = select_sources(source_dir, args.names)
        shared = duplicate_ids(all_sources(source_dir))
        if shared:
            raise BuildError("cell ids must be unique in the series; " + "; ".join(
                f"{cell_id!r} is in {' and '.join(stems)}" for cell_id, stems in shared.items()))
        targets = {(s, lang): outputs(s, out_dir, lang) for s in sources
                   for lang in ([args.language] if args.language else editions(source_dir))}
        if args.check:
            return _check(targets, source_dir, out_dir, whole=not args.names) or _check_readme(source_dir)
        for path, text in _readmes(source_dir):
            if path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"{path.name}: the table of the series rewritten from {_show(source_dir)}")
        if not args.force:
            refuse_if_unsafe([path for pair in targets.values() for path in pair])
    except (BuildError, series.SeriesError) as exc:
        print(f"build_notebooks: {exc}", file=sys.stderr)
        return 1
    failures = 0
    for (source, language), paths in targets.items():
        try:
            notebooks = build(source, language)
            for path in paths:
                path.parent.mkdir(parents=True, exist_ok=True)
            budget = args.budget or budget_for(source.stem, source_dir)
            times = [execute(nb, path.parent, budget) for nb, path in zip(notebooks, paths)]
            if is_lesson(source):
                _hide_reveals(notebooks[0])
            if not args.force:  # someone may have saved a notebook while it ran
                refuse_if_unsafe(paths)
        except BuildError as exc:
            print(f"{_label(source, language)}: FAILED: {exc}", file=sys.stderr)
            failures += 1
            continue
        for nb, path in zip(notebooks, paths):
            path.write_text(serialize(nb), encoding="utf-8")
        labels = ("student", "solution") if is_lesson(source) else ("page",)
        print(f"{_label(source, language)}: " + ", ".join(f"{label} {t:.1f} s" for label, t in zip(labels, times)),
              flush=True)
    for path in orphans(source_dir, out_dir):
        print(f"warning: {_show(path)} has no source in {_show(source_dir)}", file=sys.stderr)
    return 1 if failures else 0


def _label(source, language):
    return source.stem if language == "en" else f"{language}/{source.stem}"


def _readmes(source_dir):
    """``[(path, text)]``: each edition's README with the table its sources give (the series' own sources only).

    An edition whose translation is incomplete is left out: its notebooks report why.
    """
    if source_dir != ROOT / "source":
        return []
    out = []
    for language in editions(source_dir):
        try:
            out.append(translation.readme(source_dir, language))
        except translation.TranslationError:
            pass
    return out


def _check_readme(source_dir):
    """1 when a README's table of the series differs from what the sources give."""
    stale = [path.name for path, text in _readmes(source_dir) if path.read_text(encoding="utf-8") != text]
    for name in stale:
        print(f"stale: {name}'s table of the series; rewrite it with: python tools/build_notebooks.py",
              file=sys.stderr)
    return 1 if stale else 0


def _check(targets, source_dir, out_dir, whole):
    reasons = [r for (source, language), paths in targets.items()
               for r in stale_reasons(source, *paths, language=language)]
    if whole:
        reasons += [f"{_show(p)} has no source in {_show(source_dir)}" for p in orphans(source_dir, out_dir)]
    for reason in reasons:
        print(f"stale: {reason}", file=sys.stderr)
    if reasons:
        print("Regenerate with: python tools/build_notebooks.py [NAMES...]", file=sys.stderr)
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
