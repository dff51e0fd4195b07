"""The translations of the notebooks: one file per source and language, keyed by cell id.

``source/zh/NN_name.md`` holds the Chinese of every markdown cell of
``source/NN_name.py``, and of the lesson's facts in its header (``title``,
``goals``, ``remember``), each under a line naming it and the fingerprint of
the English it translates::

    <!-- 01-title · en 5d41402abc -->
    # 01 · 阶跃函数与 sigmoid
    ...

    <!-- remember · en 9a0364b9e9 -->
    - 阶跃函数处处梯度为零（在它有梯度的地方）……
    - ...

``remember`` is one ``- `` line per point, in the English order. Code cells
are not translated: they are the same in both editions (the build adds only
``actlib.set_language(...)`` after ``import actlib`` in the first cell that
has it). Nor are the cells whose body the build writes (:data:`GENERATED`).

Why a fingerprint: when an English cell is edited, its entry no longer
matches, and the build refuses to write that notebook (naming the cell)
until the translation is updated, so an edition never drifts from its
source. :func:`problems` lists all such faults: a missing or stale entry, an
entry still marked ``todo``, an entry for a cell that no longer exists, and
a translation that lost what the build needs from the English: solution
markers, ``<!-- hints: id -->`` markers, citations (``](#ref-key)``) and
links to other notebooks.

Usage::

    python tools/translation.py zh [NAMES...]            # list the problems; exit 1 if any
    python tools/translation.py zh [NAMES...] --update   # add what is missing or stale, as todo
    python tools/translation.py zh --counts              # translated cells and messages per notebook

``--update`` writes each missing entry with its English text, and each stale
one with its old translation under the new English (in a comment), both
marked ``todo``; remove the mark once translated.
"""

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import series  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
LANGUAGES = ("zh",)
README_SUFFIX = {"zh": "zh-CN"}  # README.zh-CN.md: the name GitHub and most projects use
HEADER_FACTS = ("title", "goals", "remember")
#: Tags of cells whose body the build writes, in the notebook's language: not translated here.
GENERATED = {series.SERIES_MAP, "glossary", "article-slips"}
ENTRY = re.compile(r"^<!-- (?P<key>[A-Za-z0-9_-]+) · en (?P<print>[0-9a-f]{10})(?P<todo> · todo)? -->$",
                   re.M)
NOW = re.compile(r"<!-- english now:\n.*?\n-->\n?", re.S)
#: What a translation must keep of its English: each pattern's matches, as a multiset.
KEPT = {
    "solution markers": re.compile(r"<!-- (?:BEGIN|END) SOLUTION -->"),
    "hints markers": re.compile(r"<!-- hints: \w+ -->"),
    "citations": re.compile(r"\]\(#ref-[a-z0-9_-]+\)"),
    "links to notebooks": re.compile(r"\]\(\d\d_[a-z0-9_]+\.ipynb"),
}


class TranslationError(Exception):
    """A translation the build cannot use."""


@dataclass(frozen=True)
class Entry:
    key: str
    fingerprint: str
    text: str
    todo: bool = False


def fingerprint(text):
    """The first 10 hex digits of the SHA-256 of ``text`` (the English, stripped)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:10]


def path_for(source_path, language):
    return Path(source_path).parent / language / f"{Path(source_path).stem}.md"


def english(source_path):
    """``{key: English text}`` of what a translation of ``source_path`` holds, in order."""
    nb = series.read(Path(source_path))
    out = {}
    facts = series.facts(Path(source_path))
    for key in HEADER_FACTS:
        if facts.get(key):
            value = facts[key]
            out[key] = "\n".join(f"- {p}" for p in value) if key == "remember" else str(value)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not GENERATED & set(cell.metadata.get("tags", [])):
            out[cell.metadata["id"]] = cell.source.strip()
    return out


def read(path):
    """``{key: Entry}`` of a translation file (empty when it does not exist)."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    marks = list(ENTRY.finditer(text))
    entries = {}
    for mark, after in zip(marks, [*marks[1:], None]):
        body = text[mark.end():after.start() if after else len(text)].strip()
        if mark["key"] in entries:
            raise TranslationError(f"{path}: {mark['key']!r} is translated twice")
        entries[mark["key"]] = Entry(mark["key"], mark["print"], body, bool(mark["todo"]))
    return entries


def write(path, entries):
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [f"<!-- {e.key} · en {e.fingerprint}{' · todo' if e.todo else ''} -->\n{e.text.strip()}\n"
              for e in entries]
    path.write_text("\n".join(blocks), encoding="utf-8")


def problems(source_path, language, keys=None):
    """Why the ``language`` edition of ``source_path`` cannot be built: a list of sentences.

    Only of the entries ``keys``, if given (another page needs a lesson's title, not its cells).
    """
    path = path_for(source_path, language)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if not path.exists():
        return [f"{shown} does not exist: run `python tools/translation.py {language} "
                f"{Path(source_path).stem} --update` and translate it"]
    try:
        have = read(path)
    except TranslationError as exc:
        return [str(exc)]
    out = []
    for key, text in english(source_path).items():
        if keys is not None and key not in keys:
            continue
        entry = have.get(key)
        if entry is None:
            out.append(f"{shown}: cell {key!r} has no translation")
        elif entry.fingerprint != fingerprint(text):
            out.append(f"{shown}: cell {key!r} changed in English since it was translated "
                       f"(fingerprint {entry.fingerprint}, now {fingerprint(text)})")
        elif entry.todo or NOW.search(entry.text):
            out.append(f"{shown}: cell {key!r} is still marked todo, or holds its english-now comment")
        else:
            for what, pattern in KEPT.items():
                if sorted(pattern.findall(text)) != sorted(pattern.findall(entry.text)):
                    out.append(f"{shown}: cell {key!r} does not keep the English {what}: "
                               f"{sorted(pattern.findall(text))}")
    out += [f"{shown}: {key!r} is not a cell of {Path(source_path).name} any more"
            for key in (have.keys() - english(source_path).keys() if keys is None else ())]
    return out


def translated(source_path, language, keys=None):
    """``{key: text}`` of the ``language`` edition of ``source_path`` (only ``keys``, if given).

    Raises
    ------
    TranslationError
        Naming every missing, stale or broken entry (of ``keys``).
    """
    wrong = problems(source_path, language, keys)
    if wrong:
        raise TranslationError("\n".join(wrong))
    return {key: unwrap(entry.text) for key, entry in read(path_for(source_path, language)).items()
            if keys is None or key in keys}


CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]$")
CJK_START = re.compile(r"^\s*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def unwrap(text):
    """``text`` with each line break inside a Chinese sentence removed.

    Why: Markdown turns a line break inside a paragraph into a space, which
    English needs and Chinese does not (一个 空格). A line joins the one before
    when that ends, and it starts, with a Chinese character or full-width
    punctuation, outside code blocks and not after a heading.
    """
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        previous = out[-1] if out else ""
        if (not fenced and CJK_END.search(previous) and CJK_START.search(line)
                and not previous.lstrip().startswith(("#", "|"))):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def lesson(source_path, language):
    """The :class:`series.Lesson` of ``source_path`` with its title, goals and remember points in ``language``."""
    facts = series.lesson(Path(source_path))
    if language == "en":
        return facts
    texts = translated(source_path, language, HEADER_FACTS)
    remember = tuple(line[2:] for line in texts.get("remember", "").split("\n") if line.startswith("- "))
    return replace(facts, title=texts.get("title", facts.title), goals=texts.get("goals", facts.goals),
                   remember=remember or facts.remember)


def lessons(source_dir, language):
    """:func:`lesson` of every lesson of ``source_dir``, in order."""
    return [lesson(path, language) for path in sorted(Path(source_dir).glob("[0-9][0-9]_*.py"))]


def pages(source_dir, language):
    """``(stem, title, goals)`` of each page of ``source_dir`` (:func:`series.pages`), in ``language``."""
    out = []
    for stem, title, goals in series.pages(source_dir):
        texts = translated(Path(source_dir) / f"{stem}.py", language, HEADER_FACTS) if language != "en" else {}
        out.append((stem, texts.get("title", title), texts.get("goals", goals)))
    return out


def readme(source_dir, language):
    """``(path, text)``: the README of ``language`` with its table of the series as the sources give it.

    English is ``README.md``, another language ``README.<language>.md`` (``README.zh-CN.md``),
    its table linking to that edition's notebooks.
    """
    from actlib.i18n import speaking

    path = ROOT / ("README.md" if language == "en" else f"README.{README_SUFFIX[language]}.md")
    with speaking(language):
        table = series.readme_table(lessons(source_dir, language), pages(source_dir, language),
                                    "notebooks" if language == "en" else f"notebooks/{language}")
    return path, series.readme_with_table(path.read_text(encoding="utf-8"), table)


def update(source_path, language):
    """Add the missing and stale entries of ``source_path``'s translation, marked todo; drop orphans."""
    path = path_for(source_path, language)
    have = read(path)
    entries = []
    for key, text in english(source_path).items():
        old, now = have.get(key), fingerprint(text)
        if old is not None and old.fingerprint == now:
            entries.append(old)
        elif old is None:
            entries.append(Entry(key, now, text, todo=True))
        else:
            body = f"<!-- english now:\n{text}\n-->\n{NOW.sub('', old.text)}"
            entries.append(Entry(key, now, body, todo=True))
    write(path, entries)
    return sum(e.todo for e in entries)


def counts_table(language):
    """Markdown table: per notebook, its translated entries and its exercises' translated messages."""
    import messages

    owners = messages.messages()
    catalogue = {}
    for owner in owners:
        path = messages.catalogue_path(language, owner)
        catalogue[owner] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def done(owner):
        return sum(bool(catalogue[owner].get(m)) for m in owners[owner])

    rows = ["| notebook | entries (cells, title, goals, remember) | of | exercise messages | of |",
            "|---|---|---|---|---|"]
    bank = {lesson.NOTEBOOK: lesson.__name__ for lesson in _bank_lessons()}
    for source_path in sorted(SOURCE.glob("*.py")):
        have = read(path_for(source_path, language))
        ready = sum(not e.todo for e in have.values())
        owner = bank.get(source_path.stem[:2]) if source_path.stem[:2].isdigit() else None
        cells = f"| {source_path.stem} | {ready} | {len(english(source_path))} |"
        rows.append(cells + (f" {done(owner)} | {len(owners[owner])} |" if owner else " – | – |"))
    shared = [o for o in owners if o not in bank.values()]
    rows.append(f"| actlib and the build ({len(shared)} modules) | | | {sum(map(done, shared))} | "
                f"{sum(len(owners[o]) for o in shared)} |")
    return "\n".join(rows)


def _bank_lessons():
    from actlib.exercises import bank

    return bank._LESSONS


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", choices=LANGUAGES)
    parser.add_argument("names", nargs="*", help="sources by stem, e.g. 01_step_and_sigmoid (all by default)")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--counts", action="store_true",
                        help="print the translated cells and messages per notebook, nothing else")
    args = parser.parse_args(argv)
    if args.counts:
        print(counts_table(args.language))
        return 0
    sources = [SOURCE / f"{n}.py" for n in args.names] or sorted(SOURCE.glob("*.py"))
    status = 0
    for source_path in sources:
        if args.update:
            print(f"{path_for(source_path, args.language).relative_to(ROOT)}: "
                  f"{update(source_path, args.language)} entries to translate")
        for line in problems(source_path, args.language):
            print(line)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
