"""What a dossier carries besides its registry fields, when it comes from a platform such
as Démarches Simplifiées: where it comes from (procedure, the platform's ID, its state),
the types of its free fields, the instructors' private annotations, its repeated blocks
(tables: a budget, a list of partners) and the instruction notes (« avis »).

Plain values, no storage: the store keeps them as JSON (``to_json``/``from_json``), the
import fills them, the screens show them (``format_free`` in ``core.fields``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from juryapp.core.fields import FieldType

__all__ = ["Annotation", "Block", "DossierDetail", "Note"]


@dataclass(frozen=True)
class Annotation:
    """An instructor's private annotation: shown to the secretariat, to jurors only when
    ``shared``."""

    label: str
    kind: FieldType
    value: str  # stored text (numbers « 12.5 », dates ISO, « oui »/« non »)
    shared: bool = False


@dataclass(frozen=True)
class Block:
    """A repeated block: a table of rows under one title."""

    title: str
    headers: tuple[str, ...]
    kinds: tuple[FieldType, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Note:
    """An instruction note (an « avis »): its non-empty parts, in the export's order."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DossierDetail:
    """A dossier's origin and content beyond the registry's fields."""

    ref: str
    origin: str = "ds"  # « ds »: Démarches Simplifiées
    procedure: str = ""  # the procedure's key (its path in the export's file name)
    external_id: str = ""  # the platform's dossier ID
    state: str = ""  # « En instruction », « Accepté »…
    kinds: tuple[tuple[str, FieldType], ...] = ()  # the free fields' types, by label
    annotations: tuple[Annotation, ...] = ()
    blocks: tuple[Block, ...] = ()
    notes: tuple[Note, ...] = ()
    # the registry's values as the last import read them (a re-import changes only
    # what the platform changed since, never the secretariat's own edits)
    imported: tuple[tuple[str, Any], ...] = ()

    def kind_of(self, label: str) -> FieldType:
        return dict(self.kinds).get(label, FieldType.TEXT)

    def for_jurors(self) -> DossierDetail:
        """What a juror's copy carries: no private annotation, no import bookkeeping."""
        return replace(
            self, annotations=tuple(a for a in self.annotations if a.shared), imported=()
        )

    def content(self) -> dict[str, Any]:
        """The JSON of what is not a column of its own."""
        return {
            "kinds": [[label, kind.value] for label, kind in self.kinds],
            "annotations": [[a.label, a.kind.value, a.value, a.shared] for a in self.annotations],
            "blocks": [
                {
                    "title": b.title,
                    "headers": list(b.headers),
                    "kinds": [k.value for k in b.kinds],
                    "rows": [list(r) for r in b.rows],
                }
                for b in self.blocks
            ],
            "notes": [[list(item) for item in n.items] for n in self.notes],
            "imported": [[code, value] for code, value in self.imported],
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any], content: Mapping[str, Any]) -> DossierDetail:
        return cls(
            ref=str(row["ref"]),
            origin=str(row["origin"]),
            procedure=str(row["procedure"]),
            external_id=str(row["external_id"]),
            state=str(row["state"]),
            kinds=tuple((str(label), FieldType(kind)) for label, kind in content.get("kinds", [])),
            annotations=tuple(
                Annotation(str(label), FieldType(kind), str(value), bool(shared))
                for label, kind, value, shared in content.get("annotations", [])
            ),
            blocks=tuple(
                Block(
                    str(b["title"]),
                    tuple(str(h) for h in b["headers"]),
                    tuple(FieldType(k) for k in b["kinds"]),
                    tuple(tuple(str(v) for v in r) for r in b["rows"]),
                )
                for b in content.get("blocks", [])
            ),
            notes=tuple(
                Note(tuple((str(label), str(text)) for label, text in items))
                for items in content.get("notes", [])
            ),
            imported=tuple((str(code), value) for code, value in content.get("imported", [])),
        )
