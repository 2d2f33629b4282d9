"""The English catalogues: one per domain of the code, no message in two of them, every
message the code says (``_()``, ``translate()``, ``tr()``) in one of them.

``resources/i18n/en-DOMAIN.po`` holds the English of the French messages said by one
part of the code (``DOMAINS``). A message used by several parts lives in the catalogue of
the lowest layer that says it (the engine before the documents, the documents before the
app), so a translation is written once and two catalogues never disagree. To add a
message: write it in French in the code, then its English in the catalogue of the domain
of that code (the failure of these tests names it).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from juryapp.i18n import translate

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "resources" / "i18n"

# domain -> (what it covers, the code it covers: folders end with "/")
DOMAINS: dict[str, tuple[str, tuple[str, ...]]] = {
    "engine": (
        "the engine: rules, results and the explanation of each step",
        ("juryapp/core/", "juryapp/assignment/"),
    ),
    "campaign-file": ("the campaign file: opening, writing, journal, seal", ("juryapp/store/",)),
    "spreadsheets": (
        "the spreadsheets read and written: campaign workbook, dossiers, score sheets",
        ("juryapp/io/",),
    ),
    "documents": (
        "the documents: minutes (PV), explanation sheet, award table, open data",
        ("juryapp/documents/",),
    ),
    "merge": (
        "the merge of jurors' copies and score sheets",
        ("juryapp/merge/",),
    ),
    "operations": (
        "the operations shared by the command line and the app",
        ("juryapp/operations/",),
    ),
    "command-line": (
        "the command line and its demo",
        ("juryapp/cli.py", "juryapp/demo.py", "juryapp/__main__.py"),
    ),
    "desk": ("the deliberation desk", ("juryapp/ui/desk/",)),
    "app": ("the app's windows, pages, dialogs and help", ("juryapp/ui/",)),
}
# lowest layer first: a message said by several domains lives in the first of them
ORDER = tuple(DOMAINS)


def domain_of(path: str) -> str | None:
    """The domain of a file of the code (``juryapp/...``), by its longest declared prefix."""
    matches = [
        (len(prefix), name)
        for name, (_title, prefixes) in DOMAINS.items()
        for prefix in prefixes
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix))
    ]
    return max(matches)[1] if matches else None


@cache
def catalogues() -> dict[str, dict[str, str]]:
    """Each ``en*.po`` file's entries: msgid -> English."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGUES.glob("en*.po")):
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale="en")
        found[path.name] = {
            message.id: str(message.string)
            for message in catalogue
            if message.id and isinstance(message.id, str)
        }
    return found


@cache
def literals() -> dict[str, frozenset[str]]:
    """Every string constant of the code -> the files holding it (labels in tables count)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "juryapp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found[node.value].add(relative)
    return {text: frozenset(files) for text, files in found.items()}


def test_there_is_one_catalogue_per_domain_and_nothing_else() -> None:
    assert sorted(catalogues()) == sorted(f"en-{name}.po" for name in DOMAINS)
    for name, (title, _prefixes) in DOMAINS.items():
        head = (CATALOGUES / f"en-{name}.po").read_text(encoding="utf-8").splitlines()[0]
        assert head == f"# English messages of {title}.", name


def test_no_message_is_in_two_catalogues() -> None:
    seen: dict[str, str] = {}
    twice = []
    for name, entries in catalogues().items():
        for msgid in entries:
            if msgid in seen:
                twice.append(f"{msgid!r}: {seen[msgid]} and {name}")
            seen[msgid] = name
    assert not twice, "\n".join(twice)


def test_every_entry_is_translated_and_sits_in_the_domain_of_the_code_saying_it() -> None:
    problems = []
    for name, entries in catalogues().items():
        for msgid, english in entries.items():
            files = literals().get(msgid, frozenset())
            domains = {domain_of(path) for path in files} - {None}
            if not english:
                problems.append(f"{name}: {msgid!r} has no English")
            elif not domains:
                problems.append(f"{name}: {msgid!r} is said nowhere in the code: remove it")
            elif name.removeprefix("en-").removesuffix(".po") not in domains:
                expected = min(domains, key=ORDER.index)
                problems.append(
                    f"{msgid!r} is said in {', '.join(sorted(files))}: "
                    f"its entry belongs in en-{expected}.po, not {name}"
                )
    assert not problems, "\n".join(problems)


def test_every_message_the_code_says_has_an_english_entry() -> None:
    entries = {msgid for catalogue in catalogues().values() for msgid in catalogue}
    missing = sorted(
        f"juryapp/{filename}:{line}: {message!r}"
        for filename, line, message, _comments, _context in extract_from_dir(
            str(ROOT / "juryapp"),
            method_map=[("**.py", "python")],
            keywords={"_": None, "translate": (1,), "tr": None},
            comment_tags=(),
        )
        if isinstance(message, str) and message and message not in entries
    )
    assert not missing, "\n".join(missing)


def test_every_button_label_kept_in_a_class_attribute_has_an_english_entry() -> None:
    """``ok_text = "…"`` is translated when the dialog opens, out of the extractor's sight."""
    entries = {msgid for catalogue in catalogues().values() for msgid in catalogue}
    missing = []
    for path in sorted((ROOT / "juryapp").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id.endswith("_text") for t in node.targets)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and node.value.value
                and node.value.value not in entries
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.value!r}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Ex aequo", "Tied"),  # once « Ties » in one catalogue, « Tied » in two others
        ("Procès-verbal", "Minutes"),
        ("vote requis", "vote needed"),
    ],
)
def test_a_message_reads_the_same_wherever_it_is_said(french: str, english: str) -> None:
    assert translate(french, "en") == english
