"""« Répartition des dossiers »: who scores what (rules §14), for the secretariat.

The secretariat chooses K rapporteurs per dossier, an optional maximum load, the
organisations per dossier and (to redo one) a seed, and assigns; the table then
shows each dossier's rapporteurs and the places a conflict freed. A dossier is
moved by hand from one rapporteur to another member (the candidates without a
conflict, least loaded first), checked against the same constraints: a move that
breaks one is refused unless « Passer outre » is ticked, and is then journaled
with what it breaks. A dossier can be opened to every voting member (journaled).
Everything runs through ``juryapp.operations.assignment``; refusals are shown in
the dialog, in French, and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.model import Campaign, Dossier
from juryapp.i18n import _
from juryapp.operations import assignment as ops
from juryapp.operations.changes import Outcome
from juryapp.ui.access import leave_with_tab
from juryapp.ui.messages import KNOWN_ERRORS
from juryapp.ui.models.table import RowTableModel, TableColumn
from juryapp.ui.session import Session

__all__ = ["AssignmentDialog", "RapporteurModel"]


class RapporteurModel(RowTableModel[Dossier]):
    """One admissible dossier per line: reference, title, rapporteurs, organisations."""

    REF, TITLE, JURORS, ORGANISATIONS = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                TableColumn(_("Dossier")),
                TableColumn(_("Projet")),
                TableColumn(_("Rapporteurs")),
                TableColumn(_("Organismes")),
            ),
            parent,
        )
        self.campaign: Campaign | None = None

    def show(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.set_rows(d for d in campaign.dossiers if d.admissible)

    def cell(self, row: Dossier, column: int, role: int) -> Any:
        campaign = self.campaign
        if campaign is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        rapporteurs = campaign.rapporteurs
        jurors = () if rapporteurs is None else rapporteurs.assigned(row.ref)
        if column == self.REF:
            return row.ref
        if column == self.TITLE:
            return row.title
        if column == self.JURORS:
            if rapporteurs is None:
                return _("tous les membres votants")
            names = {j.code: j.name for j in campaign.jurors}
            text = ", ".join(f"{code} ({names.get(code, code)})" for code in jurors)
            free = rapporteurs.per_dossier - len(jurors)
            if free > 0:
                text += ("; " if text else "") + _("{n} place(s) libre(s)").format(n=free)
            if row.ref in rapporteurs.open_refs:
                text += " — " + _("ouvert à tous")
            return text
        if column == self.ORGANISATIONS:
            organisations = {j.code: j.organisation for j in campaign.jurors}
            return ", ".join(sorted({organisations.get(c, "") for c in jurors} - {""}))
        return None


class AssignmentDialog(QDialog):
    """Assign dossiers to jurors, move one by hand, open one to all."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("assignmentDialog")
        self.setWindowTitle(_("Répartition des dossiers"))
        self.setMinimumSize(860, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)

        settings = QGroupBox(_("Répartir les dossiers entre les jurés"))
        form = QFormLayout(settings)
        voting = [j for j in session.campaign.jurors if j.votes]
        organisations = {j.organisation.strip() for j in voting} - {""}
        self.per_dossier = QSpinBox()
        self.per_dossier.setRange(1, max(1, len(voting)))
        self.per_dossier.setValue(min(2, max(1, len(voting))))
        self.per_dossier.setAccessibleName(_("Rapporteurs par dossier"))
        self.max_load = QSpinBox()
        self.max_load.setRange(0, max(1, len(session.campaign.dossiers)))
        self.max_load.setSpecialValueText(_("charges à un près"))
        self.max_load.setAccessibleName(_("Charge maximale par juré"))
        self.institutions = QSpinBox()
        self.institutions.setRange(1, max(1, len(organisations)))
        self.institutions.setAccessibleName(_("Organismes différents par dossier"))
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(_("vide : une nouvelle graine"))
        self.seed.setAccessibleName(_("Graine"))
        fields: tuple[tuple[str, QWidget], ...] = (
            (_("&Rapporteurs par dossier :"), self.per_dossier),
            (_("&Charge maximale par juré :"), self.max_load),
            (_("&Organismes par dossier :"), self.institutions),
            (_("&Graine :"), self.seed),
        )
        for label, widget in fields:
            form.addRow(label, widget)
        self.assign_button = QPushButton(_("Ré&partir"))
        self.assign_button.setObjectName("primary")
        self.assign_button.setAccessibleName(_("Répartir les dossiers"))
        self.assign_button.clicked.connect(self.assign)
        form.addRow("", self.assign_button)
        layout.addWidget(settings)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setProperty("strong", True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.model = RapporteurModel(self)
        self.table = QTableView()
        self.table.setObjectName("rapporteurTable")
        self.table.setAccessibleName(_("Rapporteurs de chaque dossier"))
        leave_with_tab(self.table, _("Flèches : se déplacer dans le tableau ; Tab : le quitter"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 260, 330, 160)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._row_chosen())
        layout.addWidget(self.table, 1)

        moving = QGroupBox(_("Déplacer un dossier à la main"))
        move_form = QFormLayout(moving)
        self.dossier = QComboBox()
        self.dossier.setAccessibleName(_("Dossier à déplacer"))
        self.dossier.currentIndexChanged.connect(lambda _i: self._dossier_chosen())
        self.from_juror = QComboBox()
        self.from_juror.setAccessibleName(_("Rapporteur à remplacer"))
        self.to_juror = QComboBox()
        self.to_juror.setAccessibleName(_("Nouveau rapporteur"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Motif du déplacement"))
        self.reason.setPlaceholderText(_("Ex. : indisponible, compétence, ouvert à tous en séance"))
        self.exchange = QComboBox()
        self.exchange.setAccessibleName(_("Dossier rendu en échange"))
        self.exchange.setToolTip(
            _("Pour un échange : le dossier du nouveau rapporteur que reprend celui qu'il remplace")
        )
        self.from_juror.currentIndexChanged.connect(lambda _i: self._fill_exchange())
        self.to_juror.currentIndexChanged.connect(lambda _i: self._fill_exchange())
        self.force = QCheckBox(_("Passer &outre une contrainte (noté au journal)"))
        self.force.setAccessibleName(_("Passer outre une contrainte"))
        moves: tuple[tuple[str, QWidget], ...] = (
            (_("&Dossier :"), self.dossier),
            (_("&Retirer :"), self.from_juror),
            (_("Donner &à :"), self.to_juror),
            (_("&En échange :"), self.exchange),
            (_("&Motif :"), self.reason),
        )
        for label, widget in moves:
            move_form.addRow(label, widget)
        move_form.addRow("", self.force)
        buttons = QHBoxLayout()
        self.move_button = QPushButton(_("Dé&placer"))
        self.move_button.setAccessibleName(_("Déplacer le dossier"))
        self.move_button.clicked.connect(self.move_dossier)
        self.swap_button = QPushButton(_("Éc&hanger"))
        self.swap_button.setAccessibleName(_("Échanger les deux dossiers"))
        self.swap_button.clicked.connect(self.swap_dossiers)
        self.open_button = QPushButton(_("Ouvrir à &tous"))
        self.open_button.setAccessibleName(_("Ouvrir le dossier à tous les membres votants"))
        self.open_button.clicked.connect(self.toggle_open)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.swap_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        move_form.addRow("", buttons)
        layout.addWidget(moving)

        self.message = QLabel()
        self.message.setObjectName("assignmentMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Message de la répartition"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        editable = not session.file.read_only and not session.file.is_closed
        for group in (settings, moving):
            group.setEnabled(editable)
        self.refresh()
        self.per_dossier.setFocus()

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the campaign's assignment as the session holds it."""
        campaign = self.session.campaign
        current = self.dossier.currentData()
        self.model.show(campaign)
        rapporteurs = campaign.rapporteurs
        if rapporteurs is None:
            self.summary.setText(
                _("Pas de répartition : chaque membre votant note chaque dossier recevable.")
            )
        else:
            loads = rapporteurs.loads()
            shown = ", ".join(
                f"{j.code} {loads.get(j.code, 0)}" for j in campaign.jurors if j.votes
            )
            free = ops.free_places(campaign)
            text = _("{k} rapporteur(s) par dossier, graine {seed} ; charges : {loads}.").format(
                k=rapporteurs.per_dossier, seed=rapporteurs.seed, loads=shown
            )
            if free:
                text += " " + _("Places à pourvoir : {refs}.").format(refs=", ".join(free))
            self.summary.setText(text)
            self.per_dossier.setValue(rapporteurs.per_dossier)
            self.max_load.setValue(rapporteurs.max_load or 0)
            self.institutions.setValue(rapporteurs.institutions)
        self.dossier.blockSignals(True)
        self.dossier.clear()
        for dossier in self.model.row_items():
            self.dossier.addItem(f"{dossier.ref} — {dossier.title}", dossier.ref)
        index = self.dossier.findData(current)
        self.dossier.setCurrentIndex(max(index, 0))
        self.dossier.blockSignals(False)
        self._dossier_chosen()
        has_plan = rapporteurs is not None
        for widget in (self.move_button, self.open_button, self.dossier):
            widget.setEnabled(has_plan)
        self._fill_exchange()

    def _row_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            ref = self.model.row_item(index.row()).ref
            self.dossier.setCurrentIndex(self.dossier.findData(ref))

    def _dossier_chosen(self) -> None:
        campaign = self.session.campaign
        ref = self.dossier.currentData()
        self.from_juror.clear()
        self.to_juror.clear()
        rapporteurs = campaign.rapporteurs
        if ref is None or rapporteurs is None:
            return
        names = {j.code: j.name for j in campaign.jurors}
        jurors = rapporteurs.assigned(ref)
        for code in jurors:
            self.from_juror.addItem(f"{code} — {names.get(code, code)}", code)
        if len(jurors) < rapporteurs.per_dossier:
            self.from_juror.addItem(_("(place libre)"), None)
        for candidate in ops.candidates(campaign, ref):
            detail = _("{n} dossier(s)").format(n=candidate.load)
            if candidate.organisation:
                detail += f", {candidate.organisation}"
            self.to_juror.addItem(f"{candidate.code} — {candidate.name} ({detail})", candidate.code)
        opened = ref in rapporteurs.open_refs
        self.open_button.setText(_("Ne plus ouvrir à &tous") if opened else _("Ouvrir à &tous"))

    def _fill_exchange(self) -> None:
        """The new rapporteur's dossiers that the one replaced could take instead (not
        already theirs, no conflict declared): a swap keeps both loads."""
        self.exchange.clear()
        campaign = self.session.campaign
        rapporteurs = campaign.rapporteurs
        ref = self.dossier.currentData()
        giver, taker = self.from_juror.currentData(), self.to_juror.currentData()
        if rapporteurs is not None and ref is not None and giver and taker:
            recused = {(r.juror, r.ref) for r in campaign.recusals}
            titles = {d.ref: d.title for d in campaign.dossiers}
            for other, jurors in rapporteurs.by_dossier:
                if (
                    other != ref
                    and taker in jurors
                    and giver not in jurors
                    and (giver, other) not in recused
                ):
                    self.exchange.addItem(f"{other} — {titles.get(other, '')}", other)
        self.exchange.setEnabled(self.exchange.count() > 0)
        self.swap_button.setEnabled(self.exchange.count() > 0)

    def _say(self, text: str, refused: bool = False) -> None:
        self.message.setProperty("error", refused)
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # --- acting -------------------------------------------------------------------------------

    def assign(self) -> None:
        session = self.session
        seed_text = self.seed.text().strip()
        if seed_text and not seed_text.isdigit():
            self._say(_("La graine est un nombre entier (ou vide)."), refused=True)
            return
        try:
            report = session.run(
                lambda: ops.assign(
                    session.file,
                    self.per_dossier.value(),
                    session.author,
                    max_load=self.max_load.value() or None,
                    institutions=self.institutions.value(),
                    seed=int(seed_text) if seed_text else None,
                ),
                self,
            )
        except KNOWN_ERRORS as error:
            self._say(str(error), refused=True)
            return
        self.refresh()
        self._say(
            _("Répartition enregistrée : {d} dossier(s), graine {seed}.").format(
                d=len(report.assignments), seed=report.seed
            )
        )

    def move_dossier(self) -> None:
        session = self.session
        ref = self.dossier.currentData()
        to_juror = self.to_juror.currentData()
        if ref is None or to_juror is None:
            self._say(_("Choisissez le dossier et le nouveau rapporteur."), refused=True)
            return
        from_juror = self.from_juror.currentData()
        self._change_by_hand(
            lambda reason, force: ops.move(
                session.file, ref, from_juror, to_juror, reason, session.author, force=force
            ),
            _("{ref} : {to} remplace {old}.").format(
                ref=ref, to=to_juror, old=from_juror or _("une place libre")
            ),
        )

    def swap_dossiers(self) -> None:
        """The dossier goes to the new rapporteur, and the dossier chosen « En échange »
        from them to the rapporteur replaced; checked and journaled like a move."""
        session = self.session
        ref, other = self.dossier.currentData(), self.exchange.currentData()
        giver, taker = self.from_juror.currentData(), self.to_juror.currentData()
        if ref is None or other is None or not giver or not taker:
            self._say(_("Choisissez les deux rapporteurs et le dossier rendu en échange."), True)
            return
        self._change_by_hand(
            lambda reason, force: ops.swap(
                session.file, (ref, giver), (other, taker), reason, session.author, force=force
            ),
            _("Échange fait : {ref} à {taker}, {other} à {giver}.").format(
                ref=ref, taker=taker, other=other, giver=giver
            ),
        )

    def _change_by_hand(self, change: Callable[[str, bool], Outcome[list[str]]], done: str) -> None:
        """Run a move or a swap with the typed reason and « forcer »: a refusal is said
        and keeps the form; done, the form is cleared and the constraints broken named."""
        reason, force = self.reason.text().strip(), self.force.isChecked()
        try:
            broken = self.session.run(lambda: change(reason, force), self)
        except KNOWN_ERRORS as error:
            self._say(str(error), refused=True)
            return
        self.force.setChecked(False)
        self.reason.clear()
        self.refresh()
        if broken:
            done += " " + _("Contraintes enfreintes (notées au journal) : {p}").format(
                p=" ".join(broken)
            )
        self._say(done)

    def toggle_open(self) -> None:
        session = self.session
        ref = self.dossier.currentData()
        campaign = session.campaign
        if ref is None or campaign.rapporteurs is None:
            return
        opened = ref not in campaign.rapporteurs.open_refs
        try:
            session.run(
                lambda: ops.open_to_all(
                    session.file, ref, opened, self.reason.text().strip(), session.author
                ),
                self,
            )
        except KNOWN_ERRORS as error:
            self._say(str(error), refused=True)
            return
        self.reason.clear()
        self.refresh()
        self._say(
            _("{ref} est ouvert à tous les membres votants.").format(ref=ref)
            if opened
            else _("{ref} n'est plus ouvert à tous.").format(ref=ref)
        )
