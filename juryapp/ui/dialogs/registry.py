"""Supported only once (rules §13): the registry of past laureates, for the secretariat.

The dialog lists every dossier that matches the registry (sure matches by SIRET or
RNA, possible ones by name and town) with where the secretariat's rulings leave it;
the secretariat confirms or dismisses a possible match, or overrides a sure one with a
reason, and fills the registry from lists (.xlsx, .csv) or sealed campaigns (.jury).
Every ruling goes through ``juryapp.operations.registry`` (journaled, stated in the PV).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.registry import FlagState, MatchKind, RegistryFlag, RulingKind
from juryapp.i18n import _
from juryapp.operations import registry
from juryapp.ui.messages import KNOWN_ERRORS, inform, show_known_error
from juryapp.ui.models.registry import RegistryModel
from juryapp.ui.session import Session

__all__ = ["RegistryDialog"]


class RegistryDialog(QDialog):
    """The matches with the registry, and the secretariat's rulings on them."""

    #: Picks the lists and campaign files to add (tests replace it).
    choose_files: Callable[[QWidget], list[Path]] = staticmethod(
        lambda parent: [
            Path(path)
            for path in QFileDialog.getOpenFileNames(
                parent,
                _("Lauréats passés : listes ou campagnes closes"),
                "",
                _("Listes et campagnes (*.xlsx *.csv *.jury);;Tous les fichiers (*)"),
            )[0]
        ]
    )

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registryDialog")
        self.setWindowTitle(_("Registre des lauréats passés"))
        self.setMinimumSize(960, 520)
        self.session = session
        self.read_only = session.is_closed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("registrySummary")
        layout.addWidget(self.summary)

        self.model = RegistryModel(self)
        self.table = QTableView()
        self.table.setObjectName("registryTable")
        self.table.setAccessibleName(_("Dossiers correspondant au registre des lauréats"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, the arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((70, 150, 180, 190, 230, 260)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        reason_row = QHBoxLayout()
        reason_label = QLabel(_("&Motif :"))
        self.reason = QLineEdit()
        self.reason.setObjectName("registryReason")
        self.reason.setAccessibleName(_("Motif de la décision du secrétariat"))
        self.reason.setPlaceholderText(
            _("Obligatoire pour passer outre ; conseillé pour écarter une correspondance")
        )
        reason_label.setBuddy(self.reason)
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(_("&Ajouter des lauréats…"))
        self.import_button.setAccessibleName(
            _("Ajouter des lauréats passés depuis une liste ou une campagne close")
        )
        self.confirm_button = QPushButton(_("&Confirmer"))
        self.confirm_button.setAccessibleName(
            _("Confirmer la correspondance : le dossier n'est pas recevable")
        )
        self.dismiss_button = QPushButton(_("É&carter"))
        self.dismiss_button.setAccessibleName(
            _("Écarter la correspondance : autre porteur, le dossier reste recevable")
        )
        self.override_button = QPushButton(_("&Passer outre"))
        self.override_button.setAccessibleName(
            _("Passer outre : le dossier reste recevable, avec un motif")
        )
        self.close_button = QPushButton(_("Fermer"))
        self.close_button.setAccessibleName(_("Fermer le registre"))
        self.import_button.clicked.connect(lambda: self.add_laureates())
        self.confirm_button.clicked.connect(lambda: self.rule(RulingKind.CONFIRM))
        self.dismiss_button.clicked.connect(lambda: self.rule(RulingKind.DISMISS))
        self.override_button.clicked.connect(lambda: self.rule(RulingKind.OVERRIDE))
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        for button in (self.confirm_button, self.dismiss_button, self.override_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.reason.textChanged.connect(lambda _t: self._update())
        self.refresh()
        self.table.setFocus()

    # --- content --------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_ref()
        session = self.session
        laureates = session.file.past_laureates()
        flags = registry.registry_flags(session.file, session.campaign.dossiers)
        self.model.set_flags(flags, list(session.campaign.dossiers))
        rule = (
            _("Soutien unique : oui — un porteur déjà lauréat n'est pas recevable.")
            if session.campaign.rules.supported_once
            else _(
                "Soutien unique : non — le règlement ne l'impose pas ; les correspondances "
                "sont indicatives."
            )
        )
        to_check = sum(1 for f in flags.values() if f.state is FlagState.TO_CHECK)
        self.summary.setText(
            rule
            + " "
            + _(
                "{n} lauréat(s) au registre ; {m} dossier(s) concerné(s), dont {c} à vérifier."
            ).format(n=len(laureates), m=len(flags), c=to_check)
        )
        row = self.model.row_of(current) if current else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update()

    def current_ref(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.is_valid(index):
            return None
        return self.model.row_item(index.row()).ref

    def current_flag(self) -> RegistryFlag | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.is_valid(index):
            return None
        return self.model.row_item(index.row())

    def _update(self) -> None:
        flag = self.current_flag()
        writable = not self.read_only and self.session.campaign.rules.supported_once
        possible = flag is not None and flag.match.kind is MatchKind.POSSIBLE
        sure = flag is not None and flag.match.kind is MatchKind.SURE
        self.confirm_button.setEnabled(writable and possible)
        self.dismiss_button.setEnabled(writable and possible)
        self.override_button.setEnabled(writable and sure and bool(self.reason.text().strip()))
        self.import_button.setEnabled(not self.read_only)

    # --- actions --------------------------------------------------------------------------

    def rule(self, kind: RulingKind, ref: str | None = None) -> bool:
        """Record the secretariat's ruling on the current (or ``ref``) dossier's match."""
        ref = ref or self.current_ref()
        if ref is None:
            return False
        session = self.session
        reason = self.reason.text()
        try:
            session.run(
                lambda: registry.rule_on_match(session.file, ref, kind, reason, session.author),
                self,
            )
        except KNOWN_ERRORS as error:
            show_known_error(self, error, _("Décision non enregistrée"))
            return False
        self.reason.clear()
        self.refresh()
        return True

    def add_laureates(self, paths: list[Path] | None = None) -> bool:
        """Fill the registry from lists and sealed campaigns (all or nothing)."""
        paths = paths if paths is not None else self.choose_files(self)
        if not paths:
            return False
        session = self.session
        try:
            done = session.run(
                lambda: registry.import_registry(session.file, paths, session.author), self
            )
        except KNOWN_ERRORS as error:
            show_known_error(self, error, _("Lauréats non ajoutés"))
            return False
        lines = [
            _("{name} : {count} lauréat(s) lu(s), {added} ajouté(s) au registre.").format(
                name=source.path.name, count=len(source.laureates), added=source.added
            )
            for source in done.sources
        ]
        warnings = [w for source in done.sources for w in source.warnings]
        if warnings:
            lines += ["", _("À vérifier :"), *(f"• {w}" for w in warnings)]
        self.refresh()
        inform(self, _("Registre des lauréats passés"), "\n".join(lines))
        return True
