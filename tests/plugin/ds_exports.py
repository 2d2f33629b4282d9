"""Démarches Simplifiées exports as DS writes them (spec: ds-export.md), in xlsx, ods and csv,
for a legal-entity or a person procedure: the ``Dossiers`` sheet with its fixed columns,
the procedure's fields and the instructors' private annotations, ``Etablissements``,
``Avis`` and two repeated blocks. The ods is written with the standard library (zip + XML:
no library the app does not need)."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from juryapp.core.model import CallRules, Campaign, Category, Criterion, Juror, Mode, Role
from tests.plugin.workbooks import write_book as write_xlsx

Rows = list[list[Any]]

PROCEDURE = "aap-ess-2026"
FILE_STEM = f"dossiers_{PROCEDURE}_2026-03-20_09-30"

DESCRIPTION = (
    "Une ressourcerie itinérante qui collecte, répare et revend à petit prix le mobilier "
    "des habitants de six communes rurales.\nDeux salariés en insertion sont recrutés la "
    "première année ; un atelier de réparation ouvert le samedi forme les bénévoles."
)

#: (ID, state, holder, project, category, requested, budget, town, jobs, start, supported,
#:  postcode, motivation, pre-score, opinion)
DOSSIERS: list[tuple[Any, ...]] = [
    (10234, "En instruction", "Ressourcerie du Val", "Ressourcerie itinérante", "Emploi",
     12000, 48000.5, "Melle", 2, dt.datetime(2026, 4, 1), "Oui", "79500", "", 14, "Solide"),
    (10235, "En construction", "Les Jardins Partagés", "Jardin de cocagne", "TER",
     8000, 20000, "Niort", 1, dt.datetime(2026, 5, 15), "Non", "79000", "", 11, ""),
    (10236, "Accepté", "Coop Mobilité", "Garage solidaire", "Territoire",
     15000, 60000, "Parthenay", 3, dt.datetime(2026, 9, 1), "Oui", "79200", "", 16, "Très bon"),
    (10237, "Refusé", "Asso Fantôme", "Projet hors cadre", "Emploi",
     5000, 5000, "Thouars", 0, dt.datetime(2026, 1, 1), "Non", "79100",
     "Projet hors du périmètre de l'appel", 4, "Hors cadre"),
    (10238, "Classé sans suite", "Collectif Éphémère", "Festival", "TER",
     3000, 9000, "Bressuire", 0, dt.datetime(2026, 7, 1), "Non", "79300", "", 0, ""),
    (10239, "Brouillon", "Brouillon SARL", "Idée en cours", "Emploi",
     None, None, "", None, None, "", "", "", None, ""),
    (10240, "À corriger", "Épicerie Vrac & Co", "Épicerie solidaire", "Emploi",
     6000, 30000, "Saint-Maixent-l'École", 1, dt.datetime(2026, 6, 1), "Oui", "79400", "", 12,
     "À revoir"),
]  # fmt: skip

FIXED_BEFORE = ["ID", "Email", "FranceConnect ?"]
ENTITY = ["Entreprise raison sociale"]
PERSON = [
    "Civilité",
    "Nom",
    "Prénom",
    "Dépôt pour un tiers",
    "Nom du mandataire",
    "Prénom du mandataire",
]
FIXED_AFTER = [
    "À archiver",
    "État du dossier",
    "Dernière mise à jour le",
    "Dernière mise à jour du dossier le",
    "Déposé le",
    "Passé en instruction le",
    "Traité le",
    "Motivation de la décision",
    "Instructeurs",
]
FIELDS = [
    "Nom du projet",
    "Axe visé",
    "Montant sollicité",
    "Budget total",
    "Commune du projet",
    "Description du projet",
    "Nombre d'emplois créés",
    "Date de démarrage",
    "Projet déjà soutenu ?",
    "Code postal",
    "Ancien champ (révision 1)",
]
ANNOTATIONS = ["Pré-note instructeur", "Avis du service"]
CSV_ENTITY = [
    "Établissement SIRET",
    "Établissement siège social",
    "Établissement NAF",
    "Établissement libellé NAF",
    "Établissement Adresse",
    "Entreprise SIREN",
    "Entreprise raison sociale",
    "Entreprise forme juridique",
    "Association RNA",
    "Association titre",
    "Association objet",
    "Association date de création",
]


def siret(ds_id: int) -> str:
    return f"{ds_id:09d}00012"


def rna(ds_id: int) -> str:
    return f"W79{ds_id:07d}"


def dossiers_sheet(
    *, person: bool = False, csv_entity: bool = False, renamed: Mapping[str, str] | None = None
) -> Rows:
    renamed = renamed or {}
    identity = PERSON if person else (CSV_ENTITY if csv_entity else ENTITY)
    header = [*FIXED_BEFORE, *identity, *FIXED_AFTER, *FIELDS, *ANNOTATIONS]
    rows: Rows = [[renamed.get(h, h) for h in header]]
    for (
        ds_id, state, holder, project, category, requested, budget, town, jobs, start,
        supported, postcode, motivation, prescore, opinion,
    ) in DOSSIERS:  # fmt: skip
        if person:
            first, _, last = holder.partition(" ")
            who: list[Any] = ["Mme", last or holder, first, "false", "", ""]
        elif csv_entity:
            who = [
                siret(ds_id), "true", "9499Z", "Autres organisations", "1 rue du Marché",
                f"{ds_id:09d}", holder, "Association déclarée", rna(ds_id), holder,
                "Économie sociale et solidaire", "2015-06-01",
            ]  # fmt: skip
        else:
            who = [holder]
        deposited = dt.datetime(2026, 2, 10, 14, 30)
        rows.append(
            [
                ds_id, f"contact{ds_id}@example.org", "false", *who,
                "false", state, dt.datetime(2026, 3, 1, 9, 0), dt.datetime(2026, 3, 1, 9, 0),
                None if state == "Brouillon" else deposited,
                dt.datetime(2026, 2, 20, 10, 0) if state != "Brouillon" else None,
                dt.datetime(2026, 3, 15, 11, 0) if state in ("Refusé", "Accepté") else None,
                motivation, "instructeur@region.fr agent@region.fr",
                project, category, requested, budget, town,
                DESCRIPTION if ds_id == 10234 else f"Description de « {project} ».",
                jobs, start, supported, postcode, None,
                prescore, opinion,
            ]
        )  # fmt: skip
    return rows


def etablissements_sheet() -> Rows:
    rows: Rows = [["Dossier ID", "Champ", *CSV_ENTITY]]
    for ds_id, *_rest in DOSSIERS:
        holder = _rest[1]
        rows.append(
            [
                ds_id, "Dossier", siret(ds_id), "true", "9499Z", "Autres organisations",
                "1 rue du Marché", f"{ds_id:09d}", holder, "Association déclarée",
                rna(ds_id), holder, "Économie sociale et solidaire", dt.datetime(2015, 6, 1),
            ]
        )  # fmt: skip
        rows.append([ds_id, "SIRET d'un partenaire", "88888888800010", *[""] * 11])
    return rows


def avis_sheet() -> Rows:
    return [
        ["Dossier ID", "Introduction", "Réponse", "Question", "Réponse oui/non", "Créé le",
         "Répondu le", "Instructeur", "Expert"],
        [10234, "Pouvez-vous évaluer la viabilité ?", "Modèle économique crédible.",
         "Recommandez-vous le projet ?", "Oui", dt.datetime(2026, 2, 25, 9, 0),
         dt.datetime(2026, 3, 2, 17, 0), "instructeur@region.fr", "expert@ademe.fr"],
        [10236, "Avis technique", "Garage déjà rentable.", None, None,
         dt.datetime(2026, 2, 25, 9, 0), None, "instructeur@region.fr", "expert@cress.fr"],
    ]  # fmt: skip


def budget_block() -> Rows:
    return [
        ["Dossier ID", "Ligne", "Poste de dépense", "Montant"],
        [10234, 1, "Camion d'occasion", 18000],
        [10234, 2, "Salaires (2 ETP insertion)", 26000.5],
        [10234, 3, "Outillage", 4000],
        [10236, 1, "Pont élévateur", 22000],
    ]


def partners_block() -> Rows:
    return [
        ["Dossier ID", "Ligne", "Partenaire", "Rôle"],
        [10234, 1, "Commune de Melle", "Prêt d'un local"],
        [10234, 2, "Emmaüs 79", "Formation"],
    ]


def export_sheets(
    *, person: bool = False, renamed: Mapping[str, str] | None = None
) -> dict[str, Rows]:
    sheets = {"Dossiers": dossiers_sheet(person=person, renamed=renamed)}
    if not person:
        sheets["Etablissements"] = etablissements_sheet()
    sheets["Avis"] = avis_sheet()
    sheets["(1201) Budget previsionnel"] = budget_block()
    sheets["(1202) Partenaires"] = partners_block()
    return sheets


# --- writers ------------------------------------------------------------------------------


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        text = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{text}">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.datetime):
        iso = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>"
        )
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def write_ods(path: Path, sheets: Mapping[str, Rows]) -> Path:
    """An OpenDocument spreadsheet (what LibreOffice and DS write), cells typed."""
    tables = "".join(
        f'<table:table table:name="{escape(title, {chr(34): "&quot;"})}">'
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for title, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat() + "+01:00"
    return str(value)


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])
    return path


def write_export(
    folder: Path,
    fmt: str,
    *,
    person: bool = False,
    renamed: Mapping[str, str] | None = None,
    stem: str = FILE_STEM,
) -> Path:
    """A DS export of the call's dossiers in ``fmt`` (xlsx, ods or csv)."""
    path = folder / f"{stem}.{fmt}"
    if fmt == "csv":
        return write_csv(
            path, dossiers_sheet(person=person, csv_entity=not person, renamed=renamed)
        )
    sheets = export_sheets(person=person, renamed=renamed)
    return write_xlsx(path, sheets) if fmt == "xlsx" else write_ods(path, sheets)


def ds_call() -> Campaign:
    """The call the exports are for: envelope mode, two categories, no dossier yet."""
    return Campaign(
        rules=CallRules(name="AAP ESS 2026", mode=Mode.ENVELOPE, envelope_cents=3_000_000),
        criteria=(
            Criterion("INNO", "Innovation", 1, 10),
            Criterion("IMPACT", "Impact", 2, 10),
        ),
        dossiers=(),
        jurors=(
            Juror("J1", "Anne Dupré", Role.PRESIDENT),
            Juror("J2", "Bruno Lefèvre"),
            Juror("J3", "Chloé N'Diaye"),
            Juror("S", "Sam Secrétaire", Role.SECRETARY, votes=False),
        ),
        categories=(Category("EMP", "Emploi"), Category("TER", "Territoire")),
    )


def write_attachments_zip(path: Path, *, extra: Mapping[str, bytes] | None = None) -> Path:
    """The attachments zip DS gives: one folder per dossier ID (a sub-folder too)."""
    entries = {
        "10234/budget.pdf": b"%PDF-1.4 budget previsionnel de la ressourcerie",
        "10234/pieces/statuts.pdf": b"%PDF-1.4 statuts de l'association",
        "10236/devis garage.pdf": b"%PDF-1.4 devis du pont elevateur",
        **(extra or {}),
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("10234/", b"")
        for name, data in entries.items():
            archive.writestr(name, data)
    return path
