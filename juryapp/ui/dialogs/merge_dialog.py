"""« Fusionner des notes… » : the coordinator merges juror copies and score sheets.

Pick the files (or ``set_files`` them), *Analyser* runs ``merge.analyse_merge``
(nothing is written) and lists the conflicts, each with a choice of the value
to keep (the most recent by default); *Fusionner* runs ``merge.merge_files``
with those choices and shows the report. Both run in the background
(``juryapp.ui.tasks``) while the dialog's bar follows them; « Annuler » stops
them midway and nothing is written. The coordinator's choices are read before
the merge starts (the merge asks ``resolve`` inside its transaction, off the UI
thread). The session then says what the merge changed to every screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _
from juryapp.merge.report import Conflict, MergeReport, Side, display_time
from juryapp.operations import copies
from juryapp.operations.changes import Outcome
from juryapp.ui import tasks
from juryapp.ui.access import leave_with_tab, tab_chain
from juryapp.ui.dialogs.task_dialog import TaskDialog
from juryapp.ui.session import Session
from juryapp.ui.settings import settings

__all__ = ["MergeDialog"]

_FOLDER_KEY = "fusion/dossier"


def _side_text(conflict: Conflict, side: Side) -> str:
    return _("{value} ({source}, modifié le {at})").format(
        value=conflict.value_text(side), source=side.source, at=display_time(side.edited_at)
    )


class MergeDialog(TaskDialog):
    """Merge many juror copies (.jury) and score sheets (.xlsx) into the session's campaign."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("merge", parent)
        self.session = session
        self.campaign_file = campaign_file = session.file
        self.analysis: MergeReport | None = None
        self.report: MergeReport | None = None
        self._files: list[Path] = []
        self.setObjectName("mergeDialog")
        self.setWindowTitle(_("Fusionner des notes"))
        self.setMinimumSize(760, 620)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        heading = QLabel(_("Fusionner des notes dans « {name} »").format(name=campaign_file.name))
        heading.setProperty("heading", True)
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        explanation = QLabel(
            _(
                "Ajoutez les copies des jurés (.jury) et les feuilles de notes (.xlsx) reçues. "
                "Les fichiers reçus ne sont jamais modifiés. « Analyser » montre ce que la "
                "fusion fera, sans rien enregistrer ; en cas de conflit, la modification la "
                "plus récente est gardée, sauf si vous choisissez l'autre valeur."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        files_label = QLabel(_("&Fichiers à fusionner :"))
        layout.addWidget(files_label)
        row = QHBoxLayout()
        self.file_list = QListWidget()
        self.file_list.setObjectName("mergeFiles")
        self.file_list.setAccessibleName(_("Fichiers à fusionner"))
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setMaximumHeight(130)
        files_label.setBuddy(self.file_list)
        row.addWidget(self.file_list, 1)
        side = QVBoxLayout()
        self.add_button = QPushButton(_("&Ajouter des fichiers…"))
        self.add_button.setObjectName("mergeAdd")
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton(_("&Retirer"))
        self.remove_button.setObjectName("mergeRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row)

        self.add_task_status(layout)

        self.conflicts_label = QLabel(_("Conflits : choisissez la valeur à garder"))
        self.conflicts_label.setVisible(False)
        layout.addWidget(self.conflicts_label)
        self.conflicts = QTableWidget(0, 4)
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setAccessibleName(_("Conflits"))
        leave_with_tab(self.conflicts, _("Tab : la valeur à garder de chaque conflit"))
        self.conflicts.setHorizontalHeaderLabels(
            [_("Juré"), _("Dossier"), _("Critère"), _("Valeur à garder")]
        )
        self.conflicts.verticalHeader().setVisible(False)
        header = self.conflicts.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.setVisible(False)
        layout.addWidget(self.conflicts, 1)

        self.report_view = QPlainTextEdit()
        self.report_view.setObjectName("mergeReport")
        self.report_view.setAccessibleName(_("Compte rendu de la fusion"))
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(_("Le compte rendu s'affichera ici."))
        layout.addWidget(self.report_view, 2)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.analyse_button = QPushButton(_("A&nalyser"))
        self.analyse_button.setObjectName("mergeAnalyse")
        self.analyse_button.clicked.connect(self.analyse)
        self.merge_button = QPushButton(_("&Fusionner"))
        self.merge_button.setObjectName("mergeRun")
        self.merge_button.clicked.connect(self.merge)
        self.cancel_button = QPushButton(_("Annu&ler"))
        self.cancel_button.setObjectName("mergeCancel")
        self.cancel_button.setToolTip(_("Arrêter : rien n'est enregistré"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton(_("Fermer"))
        self.close_button.setObjectName("mergeClose")
        self.close_button.clicked.connect(self.reject)
        for button in (
            self.analyse_button,
            self.merge_button,
            self.cancel_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._choices: list[QComboBox] = []
        self._update_buttons()

    # --- files ------------------------------------------------------------------------------

    def files(self) -> list[Path]:
        return list(self._files)

    def set_files(self, paths: Sequence[Path | str]) -> None:
        """Set the files to merge (the file picker calls this; tests too)."""
        unique: list[Path] = []
        for item in paths:
            path = Path(item)
            if path not in unique:
                unique.append(path)
        self._files = unique
        self.file_list.clear()
        for path in unique:
            self.file_list.addItem(f"{path.name} — {path.parent}")
        self._reset()

    def add_files(self) -> None:
        start = str(settings().value(_FOLDER_KEY, str(self.campaign_file.path.parent)))
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Copies de jurés et feuilles de notes"),
            start,
            _("Copies de jurés et feuilles de notes (*.jury *.xlsx);;Tous les fichiers (*)"),
        )
        if names:
            settings().setValue(_FOLDER_KEY, str(Path(names[0]).parent))
            self.set_files([*self._files, *(Path(n) for n in names)])

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.file_list.selectedIndexes()}
        self.set_files([p for i, p in enumerate(self._files) if i not in rows])

    # --- conflicts --------------------------------------------------------------------------

    def choose(self, row: int, keep_other: bool) -> None:
        """Keep the other value of conflict ``row`` (or the default one)."""
        self._choices[row].setCurrentIndex(1 if keep_other else 0)

    def _resolver(self) -> Callable[[Conflict], str]:
        """The coordinator's choices, read now (on the UI thread) for the merge to come:
        each names the value to keep by its (source, text)."""
        chosen: dict[object, tuple[str, str]] = {}
        if self.analysis is not None:
            for known, combo in zip(self.analysis.conflicts, self._choices, strict=False):
                side = known.other if combo.currentIndex() == 1 else known.kept
                chosen[known.key] = (side.source, side.text)

        def resolve(conflict: Conflict) -> str:
            wanted = chosen.get(conflict.key)
            if wanted is None or wanted == (conflict.kept.source, conflict.kept.text):
                return "kept"
            return "other"

        return resolve

    def _show_conflicts(self, report: MergeReport) -> None:
        self._choices = []
        self.conflicts.setRowCount(len(report.conflicts))
        for row, conflict in enumerate(report.conflicts):
            what = conflict.criterion if conflict.criterion is not None else _("commentaire")
            for column, text in enumerate((conflict.juror, conflict.ref, what)):
                self.conflicts.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setObjectName(f"mergeChoice{row}")
            combo.setAccessibleName(
                _("Valeur à garder pour {juror} / {ref} / {what}").format(
                    juror=conflict.juror, ref=conflict.ref, what=what
                )
            )
            if report.dry_run:
                combo.addItem(_side_text(conflict, conflict.kept) + _(" — par défaut"))
            else:
                how = _("choix du coordinateur") if conflict.chosen else _("la plus récente")
                combo.addItem(
                    _side_text(conflict, conflict.kept) + _(" — gardée ({how})").format(how=how)
                )
            combo.addItem(_side_text(conflict, conflict.other))
            self.conflicts.setCellWidget(row, 3, combo)
            self._choices.append(combo)
        self.conflicts_label.setText(
            _("Conflits : choisissez la valeur à garder")
            if report.dry_run
            else _("Conflits : valeurs gardées")
        )
        # Tab goes from the table to each conflict's choice, in the table's order
        tab_chain([self.conflicts, *self._choices, self.report_view])
        visible = bool(report.conflicts)
        self.conflicts.setVisible(visible)
        self.conflicts_label.setVisible(visible)
        self.conflicts.resizeRowsToContents()

    # --- running ----------------------------------------------------------------------------

    def _reset(self) -> None:
        self.analysis = None
        self.report = None
        self._choices = []
        self.conflicts.setRowCount(0)
        self.conflicts.setVisible(False)
        self.conflicts_label.setVisible(False)
        self.report_view.clear()
        self.status.clear()
        self.set_error(None)
        self._update_buttons()

    def busy_changed(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy
        done = self.report is not None
        self.add_button.setEnabled(idle and not done)
        self.remove_button.setEnabled(idle and not done and bool(self._files))
        self.analyse_button.setEnabled(idle and not done and bool(self._files))
        self.merge_button.setEnabled(idle and not done and self.analysis is not None)
        self.cancel_button.setVisible(not idle)
        self.cancel_button.setEnabled(not idle)
        self.close_button.setEnabled(idle)
        for combo in self._choices:
            combo.setEnabled(idle and not done)

    def _run(
        self,
        label: str,
        work: Callable[[tasks.Report], MergeReport],
        on_done: Callable[[MergeReport], None],
        refused: str,
    ) -> None:
        """Run ``work`` in the background, the bar following it; a refusal is shown."""

        def failed(error: BaseException) -> None:
            self.set_error(str(error) + refused)
            self.status.setText(_("Fusion refusée.") if refused else _("Analyse impossible."))

        def cancelled() -> None:
            self.status.setText(_("Annulé : rien n'a été enregistré."))

        self.run_in_background(label, work, on_done, failed, cancelled)

    def analyse(self) -> MergeReport | None:
        """Analyse the files (nothing written) in the background; lists the conflicts to
        choose from. The report at once in synchronous mode, else None (see ``analysis``)."""
        if not self._files or self.busy:
            return None
        file, files = self.campaign_file, list(self._files)
        self._run(
            _("Analyse de la fusion…"),
            lambda report: copies.analyse_merge(file, files, progress=report),
            self._analysed,
            "",
        )
        return self.analysis

    def _analysed(self, report: MergeReport) -> None:
        self.analysis = report
        self._show_conflicts(report)
        self.report_view.setPlainText(report.to_text("fr"))
        self.status.setText(
            _("Analyse terminée : vérifiez les conflits, puis cliquez sur « Fusionner ».")
            if report.conflicts
            else _("Analyse terminée : aucun conflit. Cliquez sur « Fusionner ».")
        )
        self._update_buttons()

    def merge(self) -> MergeReport | None:
        """Merge the files with the choices made, in the background; shows the report and
        has the session say what changed. The report at once in synchronous mode, else
        None (see ``report``)."""
        if self.analysis is None or self.busy:
            return None
        session, files, resolve = self.session, list(self._files), self._resolver()
        outcome: list[Outcome[MergeReport]] = []

        def work(report: tasks.Report) -> MergeReport:
            merged = copies.merge_files(
                session.file, files, session.author, progress=report, resolve=resolve
            )
            outcome.append(merged)
            return merged.value

        def done(report: MergeReport) -> None:
            self.report = report
            self._show_conflicts(report)
            self.report_view.setPlainText(report.to_text("fr"))
            self.status.setText(_("Fusion enregistrée. ") + report.summary("fr"))
            self._update_buttons()
            session.apply(outcome[0], self)

        self._run(_("Fusion des notes…"), work, done, " " + _("Rien n'a été enregistré."))
        return self.report
