"""The four documents from a window: procès-verbal, explanation sheet, award table, open data.

``Documents(parent, campaign_file, author, lang)`` asks where to write (a save
dialog in French, with a default name in the last folder used, the campaign's
folder at first), writes in the background through ``juryapp.operations.documents``
(the very operation of ``juryapp export``, which journals each document) while a
progress dialog says what is written, then says where the file is, with
« Ouvrir le dossier ». The desk and the secretariat's menu both use it;
``DocumentsMenu`` is the desk's « Documents » button and its menu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from juryapp.i18n import _
from juryapp.store import CampaignFile
from juryapp.ui import tasks
from juryapp.ui.desk import feedback
from juryapp.ui.desk.state import DeskState

__all__ = ["Document", "Documents", "DocumentsMenu"]

_FOLDER_KEY = "exports/folder"


class Document(Enum):
    MINUTES = "minutes"
    EXPLANATION = "explanation"
    AWARDS = "awards"
    OPENDATA = "opendata"
    DS_ANNOTATIONS = "ds_annotations"  # the results file for Démarches Simplifiées


@dataclass(frozen=True)
class _Kind:
    title: str  # the save dialog's title, and the messages'
    done: str  # the title of the message once written
    progress: str  # what the progress dialog says
    filter: str
    suffix: str


def _kinds() -> dict[Document, _Kind]:
    pdf = _("Document PDF (*.pdf)")
    return {
        Document.MINUTES: _Kind(
            _("Exporter le procès-verbal"),
            _("Procès-verbal exporté"),
            _("Écriture du procès-verbal…"),
            pdf,
            ".pdf",
        ),
        Document.EXPLANATION: _Kind(
            _("Fiche d'explication"),
            _("Fiche d'explication exportée"),
            _("Écriture de la fiche d'explication…"),
            pdf,
            ".pdf",
        ),
        Document.AWARDS: _Kind(
            _("Exporter le tableau d'attribution"),
            _("Tableau d'attribution exporté"),
            _("Écriture du tableau d'attribution…"),
            _("Classeur Excel (*.xlsx)"),
            ".xlsx",
        ),
        Document.OPENDATA: _Kind(
            _("Exporter les données ouvertes"),
            _("Données ouvertes exportées"),
            _("Écriture du fichier de données ouvertes…"),
            _("Fichier CSV (*.csv)"),
            ".csv",
        ),
        Document.DS_ANNOTATIONS: _Kind(
            _("Exporter les résultats pour Démarches Simplifiées"),
            _("Résultats pour Démarches Simplifiées exportés"),
            _("Écriture des résultats pour Démarches Simplifiées…"),
            _("Fichier CSV (*.csv)"),
            ".csv",
        ),
    }


def _remembered_folder() -> Path | None:
    from juryapp.ui import settings

    value = settings.settings().value(_FOLDER_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return None


def _remember_folder(folder: Path) -> None:
    from juryapp.ui import settings

    settings.settings().setValue(_FOLDER_KEY, str(folder))


class Documents:
    """Exports one campaign's documents for a window (the desk, the secretariat)."""

    def __init__(
        self,
        parent: QWidget,
        campaign_file: CampaignFile,
        author: str,
        lang: str = "fr",
        on_written: Callable[[list[Path]], None] | None = None,
    ) -> None:
        self.parent = parent
        self.file = campaign_file
        self.author = author
        self.lang = lang
        self.on_written = on_written
        self.last_written: list[Path] = []

    def default_name(self, document: Document, ref: str | None = None) -> str:
        """« territoire-ess-pv-v2.pdf », « explication-GP-05.pdf », « …-attributions.xlsx »."""
        stem = self.file.path.stem
        if document is Document.MINUTES:
            return f"{stem}-pv-v{self.file.pv_version}.pdf"
        if document is Document.EXPLANATION:
            return f"explication-{ref}.pdf"
        if document is Document.AWARDS:
            return f"{stem}-attributions-v{self.file.pv_version}.xlsx"
        if document is Document.DS_ANNOTATIONS:
            return f"{stem}-resultats-ds-v{self.file.pv_version}.csv"
        return f"{stem}-subventions-v{self.file.pv_version}.csv"

    def suggested_path(self, document: Document, ref: str | None = None) -> Path:
        folder = _remembered_folder() or self.file.path.parent
        return folder / self.default_name(document, ref)

    def export(
        self,
        document: Document,
        path: Path | None = None,
        ref: str | None = None,
        *,
        signed: bool = False,
    ) -> bool:
        """Ask where (unless ``path``), confirm a draft, write in the background.

        ``signed`` (the PV of a sealed deliberation): the PV is signed (PAdES) with a
        certificate the user chooses, after its password. Returns False when the user
        cancelled or the request was refused before writing; the outcome of the
        writing itself is told in a message.
        """
        kind = _kinds()[document]
        signature: dict[str, object] = {}
        if signed:
            chosen = self._signature(kind)
            if chosen is None:
                return False
            signature = chosen
        if document is Document.DS_ANNOTATIONS and not self.file.is_closed:
            feedback.error(
                self.parent,
                kind.title,
                _(
                    "Les résultats partent vers Démarches Simplifiées une fois la "
                    "délibération scellée : scellez d'abord la délibération."
                ),
            )
            return False
        if document is Document.EXPLANATION and not ref:
            feedback.error(
                self.parent, kind.title, _("Choisissez d'abord un dossier dans le classement.")
            )
            return False
        if path is None:
            path = feedback.save_path(
                self.parent, kind.title, self.suggested_path(document, ref), kind.filter
            )
            if path is None:
                return False
        if path.suffix.lower() != kind.suffix:
            path = path.with_name(path.name + kind.suffix)
        draft = (
            document not in (Document.EXPLANATION, Document.DS_ANNOTATIONS)
            and not self.file.is_closed
        )
        if draft and not feedback.confirm(
            # the user asked for this document: Enter goes on with it
            self.parent,
            kind.title,
            self._draft_question(document),
            _("Exporter"),
            default_yes=True,
        ):
            return False
        arguments: dict[str, object]
        if document is Document.EXPLANATION:
            arguments = {"explain": ref, "explain_out": path}
        else:
            arguments = {document.value: path, **signature}
        file, lang, author = self.file, self.lang, self.author

        def work(report: tasks.Report) -> list[Path]:
            from juryapp.operations.documents import export

            return export(
                file,
                lang=lang,
                author=author,
                progress=report,
                **arguments,  # type: ignore[arg-type]
            )

        def done(written: list[Path]) -> None:
            self.last_written = [Path(p) for p in written] or [path]
            _remember_folder(path.parent)
            feedback.written(
                self.parent,
                kind.done,
                _("Document écrit :\n{paths}").format(
                    paths="\n".join(str(p) for p in self.last_written)
                ),
                path.parent,
            )
            if self.on_written is not None:
                self.on_written(self.last_written)

        def failed(error: BaseException) -> None:
            from juryapp.ui.messages import KNOWN_ERRORS

            if isinstance(error, (*KNOWN_ERRORS, OSError)):
                feedback.error(self.parent, kind.title, str(error))
                return
            raise error

        def cancelled() -> None:
            feedback.info(
                self.parent, kind.title, _("Export annulé : aucun fichier n'a été écrit.")
            )

        tasks.run_task(
            self.parent,
            kind.progress,
            work,
            done,
            failed,
            progress=True,
            cancellable=True,
            on_cancelled=cancelled,
        )
        return True

    def _signature(self, kind: _Kind) -> dict[str, object] | None:
        """The certificate and its password for a signed PV; None when cancelled or
        refused (said in a message)."""
        if not self.file.is_closed:
            feedback.error(
                self.parent,
                kind.title,
                _(
                    "Seul le procès-verbal d'une délibération close est signé : scellez "
                    "d'abord la délibération."
                ),
            )
            return None
        folder = _remembered_folder() or self.file.path.parent
        certificate = feedback.certificate_path(self.parent, _("Certificat du signataire"), folder)
        if certificate is None:
            return None
        typed = feedback.password(
            self.parent,
            _("Certificat du signataire"),
            _("Mot de passe du certificat « {name} » (vide s'il n'en a pas) :").format(
                name=certificate.name
            ),
        )
        if typed is None:
            return None
        return {"sign": certificate, "sign_password": typed.encode() if typed else None}

    @staticmethod
    def _draft_question(document: Document) -> str:
        if document is Document.MINUTES:
            return _(
                "La délibération n'est pas close : le procès-verbal portera la mention "
                "« projet ». Exporter quand même ?"
            )
        if document is Document.AWARDS:
            return _(
                "La délibération n'est pas close : le tableau d'attribution portera la "
                "mention « projet ». Exporter quand même ?"
            )
        return _(
            "La délibération n'est pas close : ces montants ne sont pas encore arrêtés. "
            "Exporter quand même les données ouvertes ?"
        )


class DocumentsMenu(QObject):
    """The desk's « Documents » button: its menu writes each of the four documents."""

    def __init__(self, state: DeskState, host: QWidget) -> None:
        super().__init__(host)
        self.state = state
        self.writer = Documents(host, state.file, state.author, state.lang)
        self.button = QPushButton(_("D&ocuments"))
        self.button.setObjectName("documentsButton")
        self.button.setToolTip(
            _(
                "Procès-verbal, fiche d'explication, tableau d'attribution, données "
                "ouvertes, résultats pour Démarches Simplifiées"
            )
        )
        self.menu = QMenu(self.button)
        self.minutes_action = self._action(
            _("&Procès-verbal (PDF)…"), lambda: self.export_minutes()
        )
        self.explanation_action = self._action(
            _("&Fiche d'explication du dossier (PDF)…"), lambda: self.export_explanation()
        )
        self.signed_minutes_action = self._action(
            _("Procès-verbal &signé (PDF, certificat .p12)…"),
            lambda: self.export_signed_minutes(),
        )
        self.awards_action = self._action(
            _("&Tableau d'attribution (XLSX)…"), lambda: self.export_awards()
        )
        self.opendata_action = self._action(
            _("&Données ouvertes (CSV)…"), lambda: self.export_opendata()
        )
        self.ds_action = self._action(
            _("&Résultats pour Démarches Simplifiées (CSV)…"), lambda: self.export_ds_results()
        )
        self.button.setMenu(self.menu)

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    def update_actions(self) -> None:
        """The explanation sheet needs a dossier chosen in the ranking; a signed PV, a
        sealed deliberation, as the results for Démarches Simplifiées."""
        self.explanation_action.setEnabled(self.state.selected_result() is not None)
        self.signed_minutes_action.setEnabled(self.state.closed)
        self.ds_action.setEnabled(self.state.closed)

    def export_minutes(self, path: Path | None = None) -> bool:
        """The procès-verbal (PDF); « projet » until sealed, after a confirmation."""
        return self.writer.export(Document.MINUTES, path)

    def export_signed_minutes(self, path: Path | None = None) -> bool:
        """The procès-verbal of the sealed deliberation, signed with the secretariat's
        certificate (PAdES)."""
        return self.writer.export(Document.MINUTES, path, signed=True)

    def export_explanation(self, path: Path | None = None) -> bool:
        """The selected dossier's explanation sheet for its applicant (PDF)."""
        result = self.state.selected_result()
        return self.writer.export(
            Document.EXPLANATION, path, ref=result.ref if result is not None else None
        )

    def export_awards(self, path: Path | None = None) -> bool:
        """The award table (XLSX)."""
        return self.writer.export(Document.AWARDS, path)

    def export_opendata(self, path: Path | None = None) -> bool:
        """The open-data subsidy file (CSV, SCDL « subventions »)."""
        return self.writer.export(Document.OPENDATA, path)

    def export_ds_results(self, path: Path | None = None) -> bool:
        """The results file for Démarches Simplifiées (CSV, by DS ID; sealed only)."""
        return self.writer.export(Document.DS_ANNOTATIONS, path)
