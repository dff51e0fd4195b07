"""The series' bibliography, and each notebook's list of the works it cites.

The works live in one file, ``source/references.toml`` (key, authors, year,
title, venue, url). A notebook cites a work with a Markdown link to its key::

    This is **He initialisation** ([He et al., 2015](#ref-he2015)).

and the build ends the notebook with a "References" cell listing, from the
bibliography, every work its markdown cells cite. In the notebooks, each
citation links to that cell's heading, with the work as the link's title (shown
on hover): JupyterLab's sanitiser removes ``id`` attributes from Markdown, so an
anchor per work would lead nowhere, while a heading's anchor works.
"""

import re
import tomllib
from pathlib import Path

from actlib.i18n import tr

ROOT = Path(__file__).resolve().parents[1]
BIBLIOGRAPHY = ROOT / "source" / "references.toml"
CITATION = re.compile(r"\[([^\]]+)\]\(#ref-([a-z0-9_-]+)\)")
HEADING = "References"  # JupyterLab's anchor for the heading "## References" is "#References"


def heading():
    """The References heading in the current language; without spaces, so that it is its own anchor."""
    return tr(HEADING)
FIELDS = {"authors", "year", "title", "venue", "url"}
REQUIRED = FIELDS - {"url"}  # no link rather than a guessed one


class BibliographyError(Exception):
    """A citation without an entry, or an entry without its fields."""


def load(path=BIBLIOGRAPHY):
    """The bibliography as ``{key: entry}``, checked.

    Raises
    ------
    BibliographyError
        When an entry lacks a required field or has an unknown one.
    """
    with open(path, "rb") as file:
        works = tomllib.load(file)
    for key, entry in works.items():
        missing, unknown = REQUIRED - set(entry), set(entry) - FIELDS
        if missing or unknown:
            raise BibliographyError(f"{path.name} [{key}]: missing {sorted(missing)}, unknown {sorted(unknown)}")
        if not isinstance(entry["authors"], list) or not entry["authors"]:
            raise BibliographyError(f"{path.name} [{key}]: authors must be a non-empty list")
    return works


def citations(texts):
    """``[(link text, key), ...]`` of every citation in ``texts``, in order."""
    return [(m[1], m[2]) for text in texts for m in CITATION.finditer(text)]


def cited_keys(texts):
    """The keys cited in ``texts``, each once, in order of first citation."""
    return list(dict.fromkeys(key for _, key in citations(texts)))


def problems(texts, works):
    """Citations whose key has no entry, or whose text misses the first author or the year."""
    out = []
    for shown, key in citations(texts):
        if key not in works:
            out.append(f"[{shown}](#ref-{key}): no entry {key!r} in {BIBLIOGRAPHY.name}")
            continue
        entry = works[key]
        surname = entry["authors"][0].split()[-1]
        if surname not in shown or str(entry["year"]) not in shown:
            out.append(f"[{shown}](#ref-{key}): the text should name {surname} and {entry['year']}")
    return out


def _authors(names):
    if len(names) > 6:  # a long list is cut, as journals do
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def entry_markdown(entry):
    """One line of the list: authors (year). Title, linked. *Venue*."""
    title = f"[{entry['title']}]({entry['url']})" if entry.get("url") else entry["title"]
    return f'- {_authors(entry["authors"])} ({entry["year"]}). {title}. *{entry["venue"]}*.'


def references_markdown(keys, works):
    """The "References" cell of a notebook citing ``keys``, sorted by first author and year."""
    order = sorted(keys, key=lambda k: (works[k]["authors"][0].split()[-1].lower(), works[k]["year"], k))
    return "\n".join([f"## {heading()}", "", *(entry_markdown(works[k]) for k in order)])


def resolve(text, works):
    """``text`` with each citation linked to the References heading, the work as the link's title.

    Keys without an entry are left as they are (:func:`problems` reports them).
    """
    def link(match):
        entry = works.get(match[2])
        if entry is None:
            return match[0]
        hover = f"{_authors(entry['authors'])} ({entry['year']}), {entry['title']}".replace('"', "'")
        return f'[{match[1]}](#{heading()} "{hover}")'

    return CITATION.sub(link, text)
