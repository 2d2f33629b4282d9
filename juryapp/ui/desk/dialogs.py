"""The desk's decision dialogs: a tie settled by a vote, a draw by lot, a withdrawal,
an amount, a category not awarded, and a reason (reopening, undoing).

Each dialog collects what the jury decided and hands it to ``submit``, a function
of the page that records it through ``juryapp.operations``. When the operation
refuses (``OperationError``), the French reason is shown and the dialog stays
open, so the secretary can correct and retry. Everything works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.errors import OperationError
from juryapp.core.model import MajorityRule, VoteChoice, VoteCount
from juryapp.core.money import AmountError, format_cents, parse_amount
from juryapp.core.quorum import vote_outcome
from juryapp.i18n import _
from juryapp.store import StoreError
from juryapp.ui.desk import feedback

__all__ = [
    "AmountDialog",
    "CarryOverDialog",
    "DrawDialog",
    "EarlierWithdrawalDialog",
    "NoAwardDialog",
    "ReasonDialog",
    "TieVoteDialog",
    "WithdrawDialog",
]

_REFUSALS = (OperationError, StoreError)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


class _DeskDialog(QDialog):
    """A titled dialog with a « reason » field and OK / Cancel; OK runs ``_submit``."""

    ok_text = "Enregistrer"

    def __init__(self, parent: QWidget | None, title: str, heading: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation, True)
        self.setMinimumWidth(640)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 16, 18, 14)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(_title_label(heading))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_(self.ok_text))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.refusal: str | None = None  # the last refusal shown
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("refusal")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal_label.setStyleSheet(
            "QLabel#refusal { color: #B00020; background: #FDECEA; padding: 6px;"
            " border-radius: 3px; }"
        )
        self.refusal_label.hide()

    def _finish(self) -> None:
        """Add the refusal line and the buttons last; as wide as its fields need (larger
        text included), never less than 640 pixels."""
        self.layout_.addWidget(self.refusal_label)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(max(640, self.layout_.minimumSize().width()))

    def _refused(self, title: str, error: Exception) -> None:
        """Show a refusal in the dialog and in a message box; the dialog stays open."""
        self.refusal = str(error)
        self.refusal_label.setText(self.refusal)
        self.refusal_label.show()
        feedback.error(self, title, self.refusal)

    @staticmethod
    def _form() -> QFormLayout:
        """Labels and fields with room: fields take the width, rows breathe."""
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return form

    @staticmethod
    def _roomy(field: QLineEdit) -> QLineEdit:
        field.setMinimumHeight(int(field.fontMetrics().height() * 2.1))
        field.setMinimumWidth(380)
        field.setTextMargins(4, 0, 4, 0)
        return field

    def _reason_field(self, default: str = "", placeholder: str = "") -> QLineEdit:
        field = self._roomy(QLineEdit(default))
        field.setPlaceholderText(placeholder)
        field.textChanged.connect(self._update_ok)
        return field

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self._ready())

    def _ready(self) -> bool:
        return True

    def _submit(self) -> None:
        """Record the decision; raise OperationError to refuse."""

    def accept(self) -> None:
        if not self._ready():
            return
        try:
            self._submit()
        except _REFUSALS as error:
            self._refused(_("Décision refusée"), error)
            return
        super().accept()


# --- a tie settled by a vote -------------------------------------------------------------


class TieVoteDialog(_DeskDialog):
    """Order a tie group and record the jury's vote on that order."""

    ok_text = "Enregistrer le vote"

    def __init__(
        self,
        parent: QWidget | None,
        refs: Sequence[str],
        titles: Mapping[str, str],
        submit: Callable[[list[str], tuple[int, int, int], VoteChoice | None, str], object],
        *,
        heading: str = "",
        majority: MajorityRule = MajorityRule.CAST,
        voters: int = 0,
        has_president: bool = True,
    ) -> None:
        super().__init__(
            parent, _("Départager par un vote"), heading or _("Départager par un vote")
        )
        self.submit = submit
        self.majority = majority
        self.has_president = has_president
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Classez les dossiers dans l'ordre proposé au jury (glisser-déposer, ou "
                    "Ctrl+↑ / Ctrl+↓), puis saisissez le résultat du vote sur cet ordre."
                )
            )
        )
        row = QHBoxLayout()
        self.order_list = QListWidget()
        self.order_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.order_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.order_list.setAccessibleName(_("Ordre proposé"))
        self.titles = dict(titles)
        list_font = self.order_list.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.2)
        self.order_list.setFont(list_font)
        self.order_list.setSpacing(3)
        for ref in refs:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, ref)
            self.order_list.addItem(item)
        self._number()
        self.order_list.model().rowsMoved.connect(self._number)
        self.order_list.setCurrentRow(0)
        line = self.order_list.fontMetrics().height() + 14
        self.order_list.setFixedHeight(line * len(refs) + 8)
        row.addWidget(self.order_list, 1)
        moves = QVBoxLayout()
        self.up_button = QPushButton(_("Monter"))
        self.up_button.setToolTip(_("Monter le dossier choisi (Ctrl+↑)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Descendre"))
        self.down_button.setToolTip(_("Descendre le dossier choisi (Ctrl+↓)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        row.addLayout(moves)
        self.layout_.addLayout(row)
        self.order_list.installEventFilter(self)

        form = self._form()
        limit = voters if voters > 0 else 99
        self.for_spin = self._spin(limit)
        self.against_spin = self._spin(limit)
        self.abstain_spin = self._spin(limit)
        form.addRow(_("&Pour :"), self.for_spin)
        form.addRow(_("&Contre :"), self.against_spin)
        form.addRow(_("A&bstention :"), self.abstain_spin)
        self.president_combo = QComboBox()
        self.president_combo.addItem(_("— (seulement en cas d'égalité des voix)"), None)
        self.president_combo.addItem(_("pour"), VoteChoice.FOR.value)
        self.president_combo.addItem(_("contre"), VoteChoice.AGAINST.value)
        self.president_combo.currentIndexChanged.connect(self._update_outcome)
        form.addRow(_("Voix &prépondérante du président :"), self.president_combo)
        self.reason = self._reason_field(_("Vote du jury en séance"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        if voters:
            self.layout_.addWidget(
                _wrapped(_("{n} membres votants présents (déportés exclus).").format(n=voters))
            )
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        font = self.outcome.font()
        font.setBold(True)
        self.outcome.setFont(font)
        self.layout_.addWidget(self.outcome)
        self._finish()
        self._update_outcome()
        self.order_list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+↑ / Ctrl+↓ in the list move the chosen dossier."""
        if (
            watched is self.order_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _number(self, *_args: object) -> None:
        """« 1. GP-02 — … »: the position in the proposed order, kept up to date."""
        for row in range(self.order_list.count()):
            item = self.order_list.item(row)
            ref = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{row + 1}.  {ref} — {self.titles.get(ref, '')}")

    def _spin(self, limit: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, limit)
        spin.setFixedWidth(110)
        spin.valueChanged.connect(self._update_outcome)
        return spin

    def order(self) -> list[str]:
        return [
            str(self.order_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.order_list.count())
        ]

    def set_order(self, refs: Sequence[str]) -> None:
        """Put the dossiers in ``refs`` order (tests and scripts)."""
        current = {
            str(self.order_list.item(i).data(Qt.ItemDataRole.UserRole)): i
            for i in range(self.order_list.count())
        }
        items = [self.order_list.item(current[ref]).clone() for ref in refs]
        self.order_list.clear()
        for item in items:
            self.order_list.addItem(item)
        self._number()
        self.order_list.setCurrentRow(0)

    def move_current(self, step: int) -> None:
        row = self.order_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order_list.count():
            return
        item = self.order_list.takeItem(row)
        self.order_list.insertItem(target, item)
        self._number()
        self.order_list.setCurrentRow(target)

    def votes(self) -> tuple[int, int, int]:
        return (self.for_spin.value(), self.against_spin.value(), self.abstain_spin.value())

    def counts_equal(self) -> bool:
        """As many votes for as against: the president's vote decides (rules §9)."""
        votes_for, against, _abstain = self.votes()
        return votes_for == against and votes_for > 0

    def president_vote(self) -> VoteChoice | None:
        if not self.counts_equal():
            return None
        value = self.president_combo.currentData()
        return VoteChoice(value) if value else None

    def _update_outcome(self) -> None:
        equal = self.counts_equal()
        self.president_combo.setEnabled(equal and self.has_president)
        if not equal and self.president_combo.currentIndex() != 0:
            self.president_combo.blockSignals(True)
            self.president_combo.setCurrentIndex(0)
            self.president_combo.blockSignals(False)
        if sum(self.votes()) == 0:
            self.outcome.setText(_("Saisissez le résultat du vote."))
            self.outcome.setStyleSheet("color: #5F6368;")
        else:
            outcome = vote_outcome(
                VoteCount(*self.votes(), president=self.president_vote()), self.majority
            )
            sentence = outcome.explanation[:1].upper() + outcome.explanation[1:] + "."
            if equal and self.has_president and self.president_vote() is None:
                sentence += " " + _("Égalité des voix : la voix prépondérante du président décide.")
            self.outcome.setText(sentence)
            self.outcome.setStyleSheet("color: #2E7D32;" if outcome.adopted else "color: #B00020;")
        self._update_ok()

    def adopted(self) -> bool:
        if sum(self.votes()) == 0:
            return False
        count = VoteCount(*self.votes(), president=self.president_vote())
        return vote_outcome(count, self.majority).adopted

    def _ready(self) -> bool:
        return self.adopted() and bool(self.reason.text().strip())

    def _submit(self) -> None:
        self.submit(self.order(), self.votes(), self.president_vote(), self.reason.text().strip())


# --- a draw by lot -----------------------------------------------------------------------


class DrawDialog(_DeskDialog):
    """Draw lots over a whole tie group; shows the seed and the order once drawn."""

    ok_text = "Tirer au sort"

    def __init__(
        self,
        parent: QWidget | None,
        refs: Sequence[str],
        titles: Mapping[str, str],
        draw: Callable[[str], tuple[int, Sequence[str]]],
        *,
        heading: str = "",
        departure: str = "",
    ) -> None:
        """``departure``: why a draw departs from the call's declared tie-break chain (then
        the reason is required and starts empty), or "" when the chain declares it."""
        super().__init__(parent, _("Tirage au sort"), heading or _("Tirage au sort"))
        self.draw = draw
        self.refs = list(refs)
        self.titles = dict(titles)
        self.seed: int | None = None
        self.drawn: tuple[str, ...] = ()
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Le tirage porte sur tous les dossiers ex aequo du groupe. Sa graine "
                    "est enregistrée au journal : chacun peut refaire le tirage et obtenir "
                    "le même ordre."
                )
            )
        )
        self.group = _wrapped("\n".join(f"• {ref} — {self.titles.get(ref, '')}" for ref in refs))
        self.layout_.addWidget(self.group)
        self.departure = _wrapped(departure)
        self.departure.setObjectName("drawDeparture")
        self.departure.setStyleSheet("font-weight: bold;")
        self.departure.setVisible(bool(departure))
        self.layout_.addWidget(self.departure)
        form = self._form()
        if departure:
            self.reason = self._reason_field(
                "", _("obligatoire : pourquoi le jury s'écarte du départage déclaré")
            )
        else:
            self.reason = self._reason_field(_("tirage au sort en séance"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.result_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.result_label.setFont(font)
        self.result_label.hide()
        self.layout_.addWidget(self.result_label)
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return self.seed is not None or bool(self.reason.text().strip())

    def accept(self) -> None:
        if self.seed is not None:  # already drawn: « Fermer »
            QDialog.accept(self)
            return
        try:
            seed, order = self.draw(self.reason.text().strip())
        except _REFUSALS as error:
            self._refused(_("Tirage refusé"), error)
            return
        self.seed = seed
        self.drawn = tuple(order)
        lines = [_("Graine du tirage : {seed}").format(seed=seed), _("Ordre tiré :")]
        lines.extend(
            f"  {n}. {ref} — {self.titles.get(ref, '')}" for n, ref in enumerate(order, start=1)
        )
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.reason.setEnabled(False)
        self.ok_button.setText(_("Fermer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.adjustSize()


# --- withdrawal, amount, no award, reason ----------------------------------------------------


class WithdrawDialog(_DeskDialog):
    """Withdraw a dossier (désistement, disqualification) with a reason."""

    ok_text = "Retirer le dossier"

    def __init__(
        self,
        parent: QWidget | None,
        ref: str,
        title: str,
        submit: Callable[[str], object],
        *,
        situation: str = "",
    ) -> None:
        super().__init__(
            parent,
            _("Retirer un dossier"),
            _("Retirer {ref} — {title}").format(ref=ref, title=title),
        )
        self.submit = submit
        if situation:
            self.layout_.addWidget(_wrapped(situation))
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Son montant revient à l'enveloppe : la liste complémentaire avance "
                    "et le classement est recalculé."
                )
            )
        )
        form = self._form()
        self.reason = self._reason_field(placeholder=_("Désistement du porteur (courrier du …)"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return bool(self.reason.text().strip())

    def _submit(self) -> None:
        self.submit(self.reason.text().strip())


class AmountDialog(_DeskDialog):
    """Set a dossier's amount, typed the French way (« 3 500,00 »)."""

    ok_text = "Fixer le montant"

    def __init__(
        self,
        parent: QWidget | None,
        ref: str,
        title: str,
        submit: Callable[[int, str], object],
        *,
        current_cents: int = 0,
        entitlement_cents: int | None = None,
        lang: str = "fr",
    ) -> None:
        super().__init__(
            parent,
            _("Modifier le montant"),
            _("Montant de {ref} — {title}").format(ref=ref, title=title),
        )
        self.submit = submit
        self.lang = lang
        facts = [_("Montant actuel : {a}").format(a=format_cents(current_cents, lang))]
        if entitlement_cents is not None:
            facts.append(_("droit : {a}").format(a=format_cents(entitlement_cents, lang)))
        self.layout_.addWidget(_wrapped(" — ".join(facts)))
        form = self._form()
        self.amount = self._roomy(QLineEdit())
        self.amount.setPlaceholderText("3 500,00")
        self.amount.setAccessibleName(_("Montant en euros"))
        self.amount.textChanged.connect(self._update_preview)
        form.addRow(_("&Montant (€) :"), self.amount)
        self.preview = QLabel()
        form.addRow("", self.preview)
        self.reason = self._reason_field(_("Montant modifié par le jury"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Refusé s'il dépasse le plafond, le taux ou l'enveloppe ; la différence "
                    "suit la règle de réaffectation de l'appel."
                )
            )
        )
        self._finish()
        self._update_preview()

    def cents(self) -> int | None:
        try:
            return parse_amount(self.amount.text())
        except AmountError:
            return None

    def _update_preview(self) -> None:
        text = self.amount.text().strip()
        if not text:
            self.preview.setText("")
        else:
            try:
                cents = parse_amount(text)
            except AmountError as error:
                self.preview.setText(str(error))
                self.preview.setStyleSheet("color: #B00020;")
            else:
                self.preview.setText("= " + format_cents(cents, self.lang))
                self.preview.setStyleSheet("color: #2E7D32;")
        self._update_ok()

    def _ready(self) -> bool:
        return self.cents() is not None and bool(self.reason.text().strip())

    def _submit(self) -> None:
        cents = self.cents()
        if cents is None:  # pragma: no cover - OK is disabled then
            return
        self.submit(cents, self.reason.text().strip())


class NoAwardDialog(_DeskDialog):
    """The jury does not award a category."""

    ok_text = "Ne pas attribuer"

    def __init__(
        self,
        parent: QWidget | None,
        categories: Sequence[tuple[str, str]],
        submit: Callable[[str, str], object],
        *,
        current: str | None = None,
    ) -> None:
        super().__init__(
            parent, _("Ne pas attribuer une catégorie"), _("Ne pas attribuer une catégorie")
        )
        self.submit = submit
        form = self._form()
        self.category = QComboBox()
        for code, name in categories:
            self.category.addItem(f"{name} ({code})", code)
        if current is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(current)))
        form.addRow(_("&Catégorie :"), self.category)
        self.reason = self._reason_field(placeholder=_("Aucun dossier ne répond aux attentes"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            _wrapped(_("Son montant suit la règle de réaffectation de l'appel."))
        )
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.category.count() > 0

    def _submit(self) -> None:
        self.submit(str(self.category.currentData()), self.reason.text().strip())


class CarryOverDialog(_DeskDialog):
    """« Report » (rules §12): carry a retained, unfunded dossier over to a later session."""

    ok_text = "Reporter"

    def __init__(
        self,
        parent: QWidget | None,
        ref: str,
        title: str,
        sessions: Sequence[tuple[str, str]],
        submit: Callable[[str, str], object],
    ) -> None:
        super().__init__(
            parent,
            _("Reporter un dossier"),
            _("Reporter {ref} « {title} » à un comité suivant").format(ref=ref, title=title),
        )
        self.submit = submit
        form = self._form()
        self.session = QComboBox()
        for code, name in sessions:
            self.session.addItem(f"{name} ({code})", code)
        form.addRow(_("&Comité :"), self.session)
        self.reason = self._reason_field(placeholder=_("Projet solide, enveloppe épuisée"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Le dossier quitte le classement de ce comité et sera classé à nouveau, "
                    "avec ses notes, au comité choisi."
                )
            )
        )
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.session.count() > 0

    def _submit(self) -> None:
        self.submit(str(self.session.currentData()), self.reason.text().strip())


class EarlierWithdrawalDialog(_DeskDialog):
    """A laureate of an earlier, sealed session withdraws (rules §12): recorded in this
    session; its money returns to the year."""

    ok_text = "Retirer le dossier"

    def __init__(
        self,
        parent: QWidget | None,
        laureates: Sequence[tuple[str, str]],
        submit: Callable[[str, str], object],
    ) -> None:
        super().__init__(
            parent,
            _("Retrait d'un lauréat d'un comité précédent"),
            _("Retrait d'un lauréat d'un comité précédent"),
        )
        self.submit = submit
        form = self._form()
        self.laureate = QComboBox()
        for ref, label in laureates:
            self.laureate.addItem(label, ref)
        form.addRow(_("&Lauréat :"), self.laureate)
        self.reason = self._reason_field(placeholder=_("Désistement du porteur"))
        form.addRow(_("&Raison :"), self.reason)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            _wrapped(
                _(
                    "Le procès-verbal scellé de son comité ne change pas ; son montant revient "
                    "à l'enveloppe de l'année et le PV de ce comité le dit."
                )
            )
        )
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return bool(self.reason.text().strip()) and self.laureate.count() > 0

    def _submit(self) -> None:
        self.submit(str(self.laureate.currentData()), self.reason.text().strip())


class ReasonDialog(_DeskDialog):
    """Ask for a reason before an act (reopening, undoing a decision)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        heading: str,
        explanation: str,
        submit: Callable[[str], object],
        *,
        ok_text: str = "",
        cancel_text: str = "",
        required: bool = True,
        default: str = "",
    ) -> None:
        super().__init__(parent, title, heading)
        self.submit = submit
        self.required = required
        if ok_text:
            self.ok_button.setText(ok_text)
        if cancel_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
        self.layout_.addWidget(_wrapped(explanation))
        form = self._form()
        self.reason = self._reason_field(default)
        form.addRow(_("&Raison :") if required else _("&Raison (facultative) :"), self.reason)
        self.layout_.addLayout(form)
        self._finish()
        self._update_ok()

    def _ready(self) -> bool:
        return not self.required or bool(self.reason.text().strip())

    def _submit(self) -> None:
        self.submit(self.reason.text().strip())
