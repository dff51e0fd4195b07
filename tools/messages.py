"""Every message actlib and the build show a student, and their translations.

A message is

- the first argument of a call to ``tr`` or ``tr_figure`` (:mod:`actlib.i18n`)
  in actlib or in ``tools/``, a string literal or a module constant that is
  one, owned by that module;
- a text of the exercise bank (an exercise's title, hints, rule, choices and
  its cases' labels and notes; a prediction's question, options and
  explanation), owned by the bank module that defines it;
- a parameter's description and an activation's ``used_in`` in the registry,
  owned by ``actlib.activations``.

Each owner has one catalogue per language, ``actlib/locale/<lang>/<owner>.json``.
:func:`sync` compares them: the messages without a translation, and the
translations no message uses any more (an English text that was edited).

Usage::

    python tools/messages.py [zh] [--write] [--domain OWNER]

prints both lists (exit 1 when either is not empty); ``--write`` adds the
missing messages to their catalogues with an empty translation, to be filled
in, and removes the unused ones.
"""

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "actlib" / "locale"
CALLS = {"tr", "tr_figure"}


def _owner(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def calls_in(path):
    """``[(line, text)]``: the messages of ``tr``/``tr_figure`` calls in the file ``path``.

    A message is a string literal, or the name of a module-level constant that is one.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            arg = node.args[0]
            if name not in CALLS:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
            elif isinstance(arg, ast.Name) and arg.id in constants:
                found.append((node.lineno, constants[arg.id]))
    return found


def _bank_texts(item):
    """The texts of one exercise or prediction that a student reads."""
    texts = []
    if hasattr(item, "hints"):  # an Exercise
        texts += [item.title, *item.hints, item.rule, *item.choices.values()]
        for case in item.cases:
            texts += [case.label, case.hint, case.advice]
    else:  # a Prediction
        texts += [item.question, item.explanation]
        for label, explanation in item.options.values():
            texts += [label, explanation]
    return [t for t in texts if t]


def messages():
    """``{owner: [message, ...]}`` for every message of the series, in a stable order."""
    from actlib import activations
    from actlib.exercises import bank

    owners = {}
    files = sorted((ROOT / "actlib").rglob("*.py")) + sorted((ROOT / "tools").glob("*.py"))
    for path in files:
        found = [text for _, text in calls_in(path)]
        if found:
            owners[_owner(path)] = found
    for lesson in bank._LESSONS:
        owners[lesson.__name__] = [t for item in (*lesson.EXERCISES, *getattr(lesson, "PREDICTIONS", ()))
                                   for t in _bank_texts(item)]
    for a in activations.ACTIVATIONS.values():
        owners.setdefault("actlib.activations", []).extend([*(p.description for p in a.params.values()),
                                                            a.used_in])
    return {owner: list(dict.fromkeys(texts)) for owner, texts in owners.items()}


def catalogue_path(language, owner):
    return LOCALE / language / f"{owner}.json"


def sync(language, write=False, only=None):
    """Compare the messages with the catalogues of ``language``; return the report ("" when in sync).

    With ``write``, add each missing message with an empty translation and drop
    each unused translation, catalogue by catalogue (``only``: just that one).
    """
    wanted = messages()
    lines = []
    owners = sorted(set(wanted) | {p.stem for p in (LOCALE / language).glob("*.json")})
    for owner in owners:
        if only and owner != only:
            continue
        path = catalogue_path(language, owner)
        have = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        need = wanted.get(owner, [])
        missing = [m for m in need if not have.get(m)]
        unused = [m for m in have if m not in need]
        lines += [f"{path.relative_to(ROOT)}: no translation of {m!r}" for m in missing]
        lines += [f"{path.relative_to(ROOT)}: translates a message that no longer exists: {m!r}"
                  for m in unused]
        if write and (missing or unused):
            kept = {m: have.get(m, "") for m in need}
            if kept:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            elif path.exists():
                path.unlink()
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", nargs="?", default="zh")
    parser.add_argument("--write", action="store_true",
                        help="add the missing messages (empty) and drop the unused translations")
    parser.add_argument("--domain", help="only this catalogue, e.g. actlib.exercises.report")
    args = parser.parse_args(argv)
    report = sync(args.language, write=args.write, only=args.domain)
    print(report or f"every message has its {args.language} translation")
    return 1 if report and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
