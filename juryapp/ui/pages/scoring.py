"""The scoring screen: the juror's dossier list, the dossier, its grid, comment and recusal.

Keyboard first: type a value, Enter (or Tab, or ↓) to the next criterion;
Enter on the last one goes to the first empty criterion, or to the next
dossier when the grid is complete. Nothing typed waits for Enter: each valid
value is saved as it is typed (the values of one entry undo as one step), a
comment a quarter of a second after the last key, and both when leaving the
field or closing. A value that cannot be saved (off the scale, a sealed
campaign, a recusal…) is said next to its field and in the note panel.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from juryapp.core.fields import Show, display, shown
from juryapp.core.grid import format_number, juror_note
from juryapp.core.model import Dossier, Number
from juryapp.core.texts import format_note
from juryapp.i18n import _, current_language
from juryapp.operations import scoring
from juryapp.operations.changes import Changes
from juryapp.ui.access import Announcer, leave_with_tab, tab_chain
from juryapp.ui.dialogs.recusal import RecusalDialog
from juryapp.ui.messages import KNOWN_ERRORS, confirm, show_known_error
from juryapp.ui.models.scoring import (
    REF_ROLE,
    DossierFilterProxy,
    DossierListModel,
    filter_labels,
    progress_label,
)
from juryapp.ui.session import JurorSheet, Progress, Session
from juryapp.ui.undo import SetCommentCommand, SetScoreCommand
from juryapp.ui.widgets.documents import DocumentList
from juryapp.ui.widgets.dossier_content import DossierContent, has_content
from juryapp.ui.widgets.save_indicator import SaveIndicator
from juryapp.ui.widgets.score_edit import (
    PASS_THROUGH_KEYS,
    ScoreEdit,
    is_typing,
    passes_through,
    scale_text,
)

__all__ = ["COMMENT_SAVE_DELAY_MS", "CommentEdit", "ScoringPage", "closed_message"]

_COMMENT_KEYS = tuple(
    key for key in PASS_THROUGH_KEYS if key.toString() not in ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y")
)


#: Debounce of the comment's saving: short enough that a crash loses nothing typed.
COMMENT_SAVE_DELAY_MS = 250


def closed_message() -> str:
    return _("Délibération close : les notes ne peuvent plus être modifiées.")


class CommentEdit(QPlainTextEdit):
    """The comment box: saved when left, after a pause, and on Ctrl+Enter (→ next dossier)."""

    left = Signal()
    next_requested = Signal()
    refused_typing = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and passes_through(event, _COMMENT_KEYS)
        ):
            event.ignore()  # let the window's shortcut have it
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.next_requested.emit()
            event.accept()
            return
        if self.isReadOnly() and is_typing(event):
            self.refused_typing.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


def _same(a: Number | None, b: Number | None) -> bool:
    """Two stored values (None: no score) are the same score."""
    if a is None or b is None:
        return a is None and b is None
    return Fraction(a) == Fraction(b)


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("muted", True)
    label.setWordWrap(True)
    return label


class ScoringPage(QWidget):
    """One juror scoring the campaign's admissible dossiers."""

    #: Asks for a recusal's reason; returns None when cancelled (tests replace it).
    recusal_reason: Callable[[QWidget, Dossier], str | None] = staticmethod(RecusalDialog.ask)

    def __init__(
        self,
        session: Session,
        sheet: JurorSheet,
        undo_stack: QUndoStack,
        indicator: SaveIndicator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoringPage")
        self.session = session
        self.sheet = sheet
        self.undo_stack = undo_stack
        self.indicator = indicator
        self.read_only = session.is_closed
        self._ref: str | None = None
        self._writing = False
        self._typing_run = 0  # values saved while typing one entry share this number
        # (ref, criterion) -> the stored value before the entry being typed began
        self._entry_origin: dict[tuple[str, str], Number | None] = {}
        self._live_editor: ScoreEdit | None = None  # the editor being typed in, while saving
        self.dossiers = session.scoring_dossiers()
        self._by_ref = {d.ref: d for d in self.dossiers}
        # what the dossiers carry besides their fields (a Démarches Simplifiées export)
        self._details = session.file.dossier_details()
        self._documents = session.file.attachments()

        self.model = DossierListModel(self.dossiers, sheet, session.campaign.categories, self)
        self.proxy = DossierFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("scoringSplitter")
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([500, 700])  # in proportion: 5 to 7 of the window
        self._order_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # A typed value is saved once the keys already received are handled (0 ms): at
        # each key as a person types; once for a burst (key repeat, keys sent at once).
        self._typed_editor: ScoreEdit | None = None
        self._typed_timer = QTimer(self)
        self._typed_timer.setSingleShot(True)
        self._typed_timer.setInterval(0)
        self._typed_timer.timeout.connect(self._save_typed)

        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_SAVE_DELAY_MS)
        self._comment_timer.timeout.connect(self.commit_comment)

        # what a screen reader hears at once: a value refused, and why
        self.announcer = Announcer(self)
        self.actions_list = self._build_actions()
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self._update_progress()
        if self.read_only:
            self.indicator.read_only(_("Lecture seule : délibération close"))
        if self.proxy.rowCount() > 0:
            first = self._first_to_score()
            self.select_ref(first)
        session.changed.connect(self._campaign_changed)

    def _campaign_changed(self, changes: Changes, initiator: object) -> None:
        """A change made elsewhere than on this page (what the page writes, it shows
        already): the juror's own sheet is read again, a seal turns the page read-only."""
        if initiator is self:
            return
        if changes.scores or changes.recusals:
            stored = JurorSheet.read(self.session.file, self.session.campaign, self.sheet.juror)
            self.sheet.values, self.sheet.comments = stored.values, stored.comments
            self.sheet.recusals = stored.recusals
            for dossier in self.dossiers:
                self.model.dossier_changed(dossier.ref)
            self._update_progress()
            if self._ref is not None:
                self._load_grid()
        if changes.seal and self.session.is_closed:
            self._become_read_only()

    # --- building ----------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 12, 6, 12)
        layout.setSpacing(8)
        heading = QLabel(_("Dossiers à évaluer"))
        heading.setProperty("heading", True)
        layout.addWidget(heading)

        filters = QHBoxLayout()
        filter_label = QLabel(_("&Afficher :"))
        self.filter_combo = QComboBox()
        for key, label in filter_labels().items():
            self.filter_combo.addItem(label, key)
        self.filter_combo.setAccessibleName(_("Filtre des dossiers"))
        filter_label.setBuddy(self.filter_combo)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Rechercher : réf., projet, porteur, commune"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Recherche de dossiers"))
        self.search.textChanged.connect(self._search_changed)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_combo)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Liste des dossiers"))
        leave_with_tab(
            self.table, _("Flèches : dossier précédent ou suivant ; Tab : quitter la liste")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        # titles and categories wrap rather than be cut (larger text: a narrow list)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        # rows and columns in proportion to the text (28 px at 10 points)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 11)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DossierListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DossierListModel.REF, QHeaderView.ResizeMode.ResizeToContents)
        # Widths that fit every state and note: sized once, not measured again over all
        # rows at each saved value (ResizeToContents did, for every keystroke saved).
        metrics = self.table.fontMetrics()
        states = (Progress.TODO, Progress.PARTIAL, Progress.DONE, Progress.RECUSED)
        progress_texts = [progress_label(state) for state in states]
        count = len(self.session.campaign.criteria)
        progress_texts.append(f"{progress_label(Progress.PARTIAL)} ({count}/{count})")
        scale = self.session.campaign.rules.scale
        widths = {
            DossierListModel.PROGRESS: max(metrics.horizontalAdvance(t) for t in progress_texts),
            DossierListModel.NOTE: metrics.horizontalAdvance(
                format_note(scale, 2, current_language())
            ),
            # a category wraps: as wide as its longest word, sixteen characters at least
            DossierListModel.CATEGORY: max(
                [metrics.averageCharWidth() * 16 - 28]
                + [
                    metrics.horizontalAdvance(word)
                    for category in self.session.campaign.categories
                    for word in category.name.split()
                ]
            ),
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            # never narrower than its title (a header cut at 150 %)
            header.resizeSection(column, max(width + 28, header.sectionSizeHint(column)))
        header.setHighlightSections(False)
        # the title column keeps its longest word; the list asks for the room it needs
        longest = max(
            [metrics.horizontalAdvance(_("Projet"))]
            + [
                metrics.horizontalAdvance(w)
                for d in self.session.campaign.dossiers
                for w in d.title.split()
            ]
        )
        header.setMinimumSectionSize(min(longest + 28, metrics.averageCharWidth() * 14))
        # the list asks for the room of every column but the category: where the list is
        # narrower (larger text), the category is hidden, said in the dossier's subtitle
        self._category_width = header.sectionSize(DossierListModel.CATEGORY)
        self._others_width = (
            sum(
                header.sectionSize(c)
                for c in (DossierListModel.REF, DossierListModel.PROGRESS, DossierListModel.NOTE)
            )
            + header.minimumSectionSize()
        )
        self.table.setMinimumWidth(
            self._others_width
            + self.table.verticalScrollBar().sizeHint().width()
            + 2 * self.table.frameWidth()
        )
        self.table.viewport().installEventFilter(self)  # a new width: rows fitted again
        header.sectionResized.connect(self._fit_rows_later)
        self.proxy.layoutChanged.connect(self._fit_rows_later)
        self.proxy.modelReset.connect(self._fit_rows_later)
        self._rows_pending = False
        layout.addWidget(self.table, 1)

        progress_row = QHBoxLayout()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(8)
        self.progress_bar.setAccessibleName(_("Avancement de la notation"))
        self.progress_label = QLabel()
        self.progress_label.setProperty("strong", True)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.progress_label)
        layout.addLayout(progress_row)
        return panel

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("dossierDetail")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(8)

        self.title_label = QLabel()
        self.title_label.setProperty("title", True)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = _muted()
        self.amounts_label = QLabel()
        self.amounts_label.setProperty("strong", True)
        self.amounts_label.setWordWrap(True)  # larger text: on two lines, never cut
        header = QHBoxLayout()
        header.setSpacing(16)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title_label)
        header.addLayout(heading, 1)
        header.addWidget(self._build_note_panel(), 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.closed_banner = QLabel()
        self.closed_banner.setObjectName("closedBanner")
        self.closed_banner.setWordWrap(True)
        self.closed_banner.setStyleSheet(
            "QLabel#closedBanner { background: #fff4e0; border: 1px solid #f0c987; "
            "border-radius: 6px; padding: 8px 12px; color: #6b4500; font-weight: 600; }"
        )
        self.closed_banner.setAccessibleName(_("Campagne close"))
        self.closed_banner.hide()
        layout.addWidget(self.closed_banner)

        self.banner = QFrame()
        self.banner.setObjectName("recusalBanner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 8, 12, 8)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.unrecuse_button = QPushButton(_("Annuler le déport…"))
        self.unrecuse_button.setAccessibleName(_("Annuler le déport"))
        self.unrecuse_button.clicked.connect(self.toggle_recusal)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.unrecuse_button)
        self.banner.hide()
        layout.addWidget(self.banner)

        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setObjectName("detailScroll")
        # a tab stop (to read a long dossier with the arrows), so it is named and ringed
        self.detail_scroll.setAccessibleName(_("Détail du dossier et grille"))
        self.detail_scroll.setAccessibleDescription(_("Flèches : faire défiler le dossier"))
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.setSpacing(8)
        self.info_form = QFormLayout()
        self.info_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.info_form.setHorizontalSpacing(16)
        self.info_form.setVerticalSpacing(3)
        self.info_form.setContentsMargins(0, 0, 0, 0)
        self.info_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # the dossier's facts scroll with its grid: larger text leaves room for the grid
        body_layout.addWidget(self.subtitle_label)
        body_layout.addWidget(self.amounts_label)
        body_layout.addLayout(self.info_form)
        self.content_view = DossierContent()
        self.content_view.hide()
        body_layout.addWidget(self.content_view)
        self.documents_label = QLabel(_("Pièces &jointes (Entrée : ouvrir)"))
        self.documents_label.setProperty("strong", True)
        self.documents_view = DocumentList()
        self.documents_label.setBuddy(self.documents_view)
        self.documents_label.hide()
        self.documents_view.hide()
        body_layout.addWidget(self.documents_label)
        body_layout.addWidget(self.documents_view)
        self.grid_box = QGroupBox(_("Grille de notation"))
        grid = QGridLayout(self.grid_box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        self.editors: list[ScoreEdit] = []
        self.field_messages: list[QLabel] = []
        criteria = self.session.campaign.criteria
        total_weight = sum(Fraction(c.weight) for c in criteria)
        for number, criterion in enumerate(criteria, start=1):
            row = (number - 1) * 3
            mnemonic = f"&{number}. " if number <= 9 else f"{number}. "
            label = QLabel(mnemonic + criterion.label.replace("&", "&&"))
            label.setProperty("criterion", True)
            label.setWordWrap(True)
            editor = ScoreEdit(criterion)
            editor.setObjectName(f"score_{criterion.code}")
            editor.setAccessibleName(
                _("{label}, note sur {max}").format(
                    label=criterion.label, max=format_number(criterion.max, current_language())
                )
            )
            editor.setAccessibleDescription(criterion.description)
            editor.setToolTip(criterion.description)
            label.setToolTip(criterion.description)
            label.setBuddy(editor)
            scale = QLabel(scale_text(criterion))
            scale.setProperty("muted", True)
            share = Fraction(criterion.weight) / total_weight * 100
            weight = QLabel(
                _("poids {weight} %").format(weight=format_note(share, 0, current_language()))
            )
            weight.setProperty("muted", True)
            weight.setToolTip(
                _("Poids {weight} sur {total}").format(
                    weight=format_number(criterion.weight, current_language()),
                    total=format_number(total_weight, current_language()),
                )
            )
            weight.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0)
            grid.addWidget(editor, row, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(scale, row, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(weight, row, 3, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            description = QLabel(criterion.description)
            description.setWordWrap(True)
            description.setProperty("description", True)
            description.setContentsMargins(0, 0, 0, 6)
            grid.addWidget(description, row + 1, 0)
            message = QLabel()
            message.setObjectName(f"message_{criterion.code}")
            message.setProperty("fieldMessage", True)
            message.setWordWrap(True)
            message.setAccessibleName(_("Message du critère {label}").format(label=criterion.label))
            message.hide()
            grid.addWidget(message, row + 2, 0, 1, 4)
            self.field_messages.append(message)
            editor.refused_typing.connect(
                lambda e=editor: self._set_field_message(e, closed_message())
            )
            editor.submitted.connect(lambda e=editor: self._submitted(e))
            editor.stepped.connect(lambda step, e=editor: self._stepped(e, step))
            editor.left.connect(lambda e=editor: self._editor_left(e))
            editor.textEdited.connect(lambda _text, e=editor: self._typing(e))
            self.editors.append(editor)
        self.grid_box.setStyleSheet(
            'QLabel[fieldMessage="true"] { color: #9a1c1c; background: #fdecec; '
            "border: 1px solid #f3b7b7; border-radius: 4px; padding: 3px 8px; "
            "font-weight: normal; }"
        )
        body_layout.addWidget(self.grid_box)
        body_layout.addStretch(1)
        self.detail_scroll.setWidget(body)
        layout.addWidget(self.detail_scroll, 1)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName(_("Message de saisie"))
        self.hint_label.hide()
        layout.addWidget(self.hint_label)

        comment_label = QLabel(_("&Commentaire (Ctrl+M)"))
        comment_label.setProperty("strong", True)
        self.comment_label = comment_label
        self.comment = CommentEdit()
        self.comment.setObjectName("comment")
        self.comment.setAccessibleName(_("Commentaire"))
        self.comment.setPlaceholderText(
            _("Appréciation, points forts, réserves… (Ctrl+Entrée : dossier suivant)")
        )
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(84)
        comment_label.setBuddy(self.comment)
        self.comment.textChanged.connect(self._comment_typing)
        self.comment.left.connect(self.commit_comment)
        self.comment.next_requested.connect(lambda: self.go(1))
        self.comment.refused_typing.connect(
            lambda: self._set_hint(
                _("Délibération close : le commentaire ne peut plus être modifié.")
            )
        )
        layout.addWidget(comment_label)
        layout.addWidget(self.comment)

        buttons = QHBoxLayout()
        self.previous_button = QPushButton(_("◀ &Précédent"))
        self.previous_button.setAccessibleName(_("Dossier précédent"))
        self.previous_button.setToolTip("Ctrl+PgUp / Alt+↑")
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button = QPushButton(_("&Suivant ▶"))
        self.next_button.setAccessibleName(_("Dossier suivant"))
        self.next_button.setToolTip("Ctrl+PgDown / Alt+↓")
        self.next_button.clicked.connect(lambda: self.go(1))
        self.recuse_button = QPushButton(_("Je me &déporte…"))
        self.recuse_button.setObjectName("recuseButton")
        self.recuse_button.setAccessibleName(_("Je me déporte sur ce dossier"))
        self.recuse_button.setToolTip(
            _("Conflit d'intérêts : vous ne notez pas ce dossier (Ctrl+D)")
        )
        self.recuse_button.clicked.connect(self.toggle_recusal)
        for button in (self.previous_button, self.next_button, self.recuse_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.recuse_button)
        buttons.addStretch(1)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

        return panel

    def _order_tabs(self) -> None:
        """Tab follows the reading order: the list's filter, search and table, then the
        dossier (its recusal banner, its details, the grid), the comment and the buttons."""
        tab_chain(
            [
                self.filter_combo,
                self.search,
                self.table,
                self.unrecuse_button,
                self.detail_scroll,
                self.content_view,
                self.documents_view,
                *self.editors,
                self.comment,
                self.recuse_button,
                self.previous_button,
                self.next_button,
            ]
        )

    def _build_note_panel(self) -> QFrame:
        note_frame = QFrame()
        note_frame.setObjectName("notePanel")
        # as wide as its longest state in the app's font (larger text too): never cut
        total = len(self.session.campaign.criteria)
        states = (
            _("incomplète : {n}/{total} critères").format(n=total, total=total),
            _("{n} valeurs non enregistrées").format(n=total),
            _("grille complète"),
        )
        metrics = note_frame.fontMetrics()
        note_frame.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in states) + 40)
        self.note_frame = note_frame
        note_layout = QVBoxLayout(note_frame)
        note_layout.setContentsMargins(14, 8, 14, 8)
        note_layout.setSpacing(0)
        note_caption = QLabel(_("Ma note"))
        note_caption.setProperty("muted", True)
        self.note_label = QLabel()
        self.note_label.setObjectName("noteValue")
        self.note_label.setAccessibleName(_("Ma note"))
        self.note_state = _muted()
        self.note_state.setWordWrap(False)
        for widget in (note_caption, self.note_label, self.note_state):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            note_layout.addWidget(widget)
        return note_frame

    def _build_actions(self) -> list[QAction]:
        def action(text: str, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            self.addAction(act)
            return act

        self.next_action = action(
            _("Dossier suivant"), ("Ctrl+PgDown", "Alt+Down"), lambda: self.go(1)
        )
        self.previous_action = action(
            _("Dossier précédent"), ("Ctrl+PgUp", "Alt+Up"), lambda: self.go(-1)
        )
        self.first_editor_action = action(
            _("Aller à la grille"), ("Ctrl+G",), self.focus_first_editor
        )
        self.comment_action = action(
            _("Aller au commentaire"), ("Ctrl+M", "Alt+C"), self.focus_comment
        )
        self.recuse_action = action(
            _("Je me déporte / annuler le déport…"), ("Ctrl+D",), self.toggle_recusal
        )
        self.search_action = action(_("Rechercher un dossier"), ("Ctrl+F",), self._focus_search)
        self.list_action = action(
            _("Aller à la liste des dossiers"), ("Ctrl+L",), self.table.setFocus
        )
        return [
            self.next_action,
            self.previous_action,
            self.first_editor_action,
            self.comment_action,
            self.recuse_action,
            self.search_action,
            self.list_action,
        ]

    # --- where we are -------------------------------------------------------------------------

    @property
    def current_ref(self) -> str | None:
        return self._ref

    def _first_to_score(self) -> str:
        for row in range(self.proxy.rowCount()):
            ref = str(self.proxy.index(row, 0).data(REF_ROLE))
            if self.sheet.progress(ref) in (Progress.TODO, Progress.PARTIAL):
                return ref
        return str(self.proxy.index(0, 0).data(REF_ROLE))

    def _proxy_row(self, ref: str) -> int:
        source_row = self.model.row_of(ref)
        if source_row < 0:
            return -1
        return self.proxy.mapFromSource(self.model.index(source_row, 0)).row()

    def select_ref(self, ref: str) -> bool:
        """Show dossier ``ref`` (clearing the filter if it hides it)."""
        row = self._proxy_row(ref)
        if row < 0 and ref in self._by_ref:
            self.filter_combo.setCurrentIndex(0)
            self.search.clear()
            row = self._proxy_row(ref)
        if row < 0:
            return False
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        if self._ref != ref:
            self._show(ref)
        return True

    def _current_row_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if not current.isValid():
            return
        ref = str(current.data(REF_ROLE))
        if ref != self._ref:
            self._show(ref)

    def go(self, step: int) -> None:
        """The next (1) or previous (-1) dossier in the list's order; focus on its grid."""
        self.commit_pending()
        if self._ref is None:
            return
        row = self._proxy_row(self._ref)
        target_row = row + step
        if row < 0 or not 0 <= target_row < self.proxy.rowCount():
            self.focus_first_editor()
            return
        target = str(self.proxy.index(target_row, 0).data(REF_ROLE))
        self.refresh_list()
        self.select_ref(target)
        self.focus_first_editor()

    def refresh_list(self) -> None:
        """Apply the filter and sort again (they stay still while one types)."""
        self.proxy.invalidate()

    def _filter_changed(self) -> None:
        self.proxy.set_filter(str(self.filter_combo.currentData()))
        self._reselect()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and isValid(self.table)
            and watched is self.table.viewport()
        ):
            self._fit_rows_later()
        return super().eventFilter(watched, event)

    def _fit_rows_later(self, *_args: object) -> None:
        if not self._rows_pending:
            self._rows_pending = True
            QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped title and category (one line at the usual size)."""
        self._rows_pending = False
        if not isValid(self.table):
            return
        room = self.table.viewport().width()
        self.table.setColumnHidden(
            DossierListModel.CATEGORY, room < self._others_width + self._category_width
        )
        metrics = self.table.fontMetrics()
        usual = self.table.verticalHeader().defaultSectionSize()
        flags = int(Qt.TextFlag.TextWordWrap)
        columns = [
            c
            for c in (DossierListModel.TITLE, DossierListModel.CATEGORY)
            if not self.table.isColumnHidden(c)
        ]
        widths = {c: max(self.table.columnWidth(c) - 14, 1) for c in columns}
        rows = self.table.verticalHeader()
        for row in range(self.proxy.rowCount()):
            lines = max(
                metrics.boundingRect(
                    0, 0, widths[c], 100_000, flags, str(self.proxy.index(row, c).data() or "")
                ).height()
                for c in columns
            )
            height = max(usual, lines + usual - metrics.height())
            if rows.sectionSize(row) != height:
                rows.resizeSection(row, height)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._reselect()

    def _reselect(self) -> None:
        if self._ref is not None and self._proxy_row(self._ref) >= 0:
            self.select_ref(self._ref)
        elif self.proxy.rowCount() > 0:
            self.select_ref(str(self.proxy.index(0, 0).data(REF_ROLE)))

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_first_editor(self) -> None:
        if not self.editors or self._ref is None:
            return
        target = self.editors[0]
        if not self.read_only and self._ref not in self.sheet.recusals:
            for editor in self.editors:
                if not editor.text().strip():
                    target = editor
                    break
        if self._ref in self.sheet.recusals:
            self.unrecuse_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif target.isEnabled():
            self._focus_editor(target)
        else:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_comment(self) -> None:
        if self.comment.isEnabled():
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.comment.moveCursor(self.comment.textCursor().MoveOperation.End)

    # --- showing a dossier -------------------------------------------------------------------

    def _show(self, ref: str) -> None:
        if self._ref is not None and self._ref != ref and not self._writing:
            self.commit_pending()
        self._end_typing()
        self._ref = ref
        dossier = self._by_ref[ref]
        lang = current_language()
        self.title_label.setText(dossier.title)
        categories = {c.code: c.name for c in self.session.campaign.categories}
        parts = [display(dossier, field, lang, categories) for field in shown(Show.SUBTITLE)]
        self.subtitle_label.setText("  ·  ".join(p for p in parts if p))
        amounts = [
            _("{label} : {value}").format(
                label=field.in_sentence(lang), value=display(dossier, field, lang)
            )
            for field in shown(Show.AMOUNTS)
            if getattr(dossier, field.code) not in (None, "")
        ]
        self.amounts_label.setText("  ·  ".join(amounts))
        self.amounts_label.setVisible(bool(amounts))
        while self.info_form.rowCount():
            self.info_form.removeRow(0)
        detail = self._details.get(ref)
        if detail is not None:
            # fields read in full and typed, blocks, avis, annotations shared with jurors
            self.content_view.show_dossier(dossier, detail.for_jurors(), lang, private=False)
            self.content_view.setVisible(has_content(dossier, detail, private=False))
        else:
            self.content_view.hide()
            for name, value in dossier.fields:
                self._info(name, value)
        documents = self._documents.get(ref, [])
        file = self.session.file

        def read(name: str) -> bytes:
            return file.attachment_data(ref, name)

        self.documents_view.set_documents([(d.name, d.size) for d in documents], read)
        self.documents_label.setVisible(bool(documents))
        self.documents_view.setVisible(bool(documents))
        self.detail_scroll.verticalScrollBar().setValue(0)  # a new dossier reads from its top

        self._load_grid()

    def _info(self, name: str, value: str) -> None:
        label = QLabel(name)
        label.setProperty("muted", True)
        field = QLabel(value)
        field.setWordWrap(True)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_form.addRow(label, field)

    def _load_grid(self) -> None:
        """Editors, comment and recusal banner from the stored values of the current dossier."""
        ref = self._ref
        if ref is None:
            return
        recused = ref in self.sheet.recusals
        for editor in self.editors:
            editor.show_value(self.sheet.value(ref, editor.criterion.code))
            editor.setEnabled(not recused)
            # Read-only, not disabled: the fields still take the focus, and typing says why.
            editor.setReadOnly(self.read_only)
            self._set_field_message(editor, None)
        self.comment.blockSignals(True)
        self.comment.setPlainText(self.sheet.comments.get(ref, ""))
        self.comment.blockSignals(False)
        self.comment.setEnabled(not recused)
        self.comment.setReadOnly(self.read_only)
        if self.read_only:
            self.closed_banner.setText(
                _(
                    "Délibération close : les notes et commentaires ne peuvent plus être "
                    "modifiés. Vous pouvez les consulter."
                )
            )
        self.closed_banner.setVisible(self.read_only)
        self.recuse_button.setEnabled(not self.read_only and not recused)
        self.recuse_action.setEnabled(not self.read_only)
        if recused:
            reason = self.sheet.recusals[ref] or _("sans motif")
            self.banner_label.setText(
                _(
                    "Vous vous êtes déporté(e) sur ce dossier (motif : {reason}). "
                    "Vous ne le notez pas et il ne compte pas dans votre avancement."
                ).format(reason=reason)
            )
            self.unrecuse_button.setEnabled(not self.read_only)
            self.banner.show()
        else:
            self.banner.hide()
        self.grid_box.setVisible(not recused)
        self.comment_label.setVisible(not recused)
        self.comment.setVisible(not recused)
        self._set_hint(None)
        self._update_note()

    def _set_hint(self, text: str | None) -> None:
        if text:
            if self.hint_label.text() != "⚠ " + text or self.hint_label.isHidden():
                self.announcer.now(text)
            self.hint_label.setText("⚠ " + text)
            self.hint_label.show()
        else:
            self.hint_label.clear()
            self.hint_label.hide()

    def field_message(self, editor: ScoreEdit) -> QLabel:
        """The message line under ``editor``'s criterion."""
        return self.field_messages[self.editors.index(editor)]

    def _set_field_message(self, editor: ScoreEdit, text: str | None) -> None:
        label = self.field_message(editor)
        if text:
            if label.text() != "⚠ " + text or label.isHidden():
                self.announcer.now(text)  # said at once, interrupting: a refusal
            label.setText("⚠ " + text)
            label.show()
            editor.setAccessibleDescription(text)
        else:
            label.clear()
            label.hide()
            editor.setAccessibleDescription(editor.criterion.description)

    def _shows_saved(self, editor: ScoreEdit) -> bool:
        """Whether the editor shows the stored value (nothing typed is waiting)."""
        assert self._ref is not None
        saved = self.sheet.value(self._ref, editor.criterion.code)
        if not editor.text().strip():
            return saved is None
        if saved is None or editor.problem() is not None:
            return False
        typed = editor.parsed()
        return typed is not None and Fraction(typed) == Fraction(saved)

    def unsaved_editors(self) -> list[ScoreEdit]:
        """The editors whose text is not what the file holds (refused or unfinished)."""
        if self._ref is None or self._ref in self.sheet.recusals:
            return []
        pending = self._typed_editor if self._typed_timer.isActive() else None
        return [
            e
            for e in self.editors
            if not self._shows_saved(e) and not (e is pending and e.problem() is None)
        ]

    def _update_note(self) -> None:
        ref = self._ref
        if ref is None:
            return
        lang = current_language()
        scale = self.session.campaign.rules.scale
        if ref in self.sheet.recusals:
            self.note_label.setText("—")
            self.note_state.setText(_("déporté(e)"))
            return
        values = self.sheet.values.get(ref, {})
        note = juror_note(self.session.campaign.criteria, values, scale)
        total = len(self.editors)
        unsaved = self.unsaved_editors()
        self._set_note_warning(bool(unsaved))
        if unsaved:
            self.note_label.setText(
                f"— / {scale}" if note is None else f"{format_note(note, 2, lang)} / {scale}"
            )
            self.note_state.setText(
                _("1 valeur non enregistrée")
                if len(unsaved) == 1
                else _("{n} valeurs non enregistrées").format(n=len(unsaved))
            )
            self.note_state.setToolTip(
                _("Non enregistré : {criteria}").format(
                    criteria=", ".join(e.criterion.label for e in unsaved)
                )
            )
        elif note is None:
            self.note_label.setText(f"— / {scale}")
            self.note_state.setText(
                _("incomplète : {n}/{total} critères").format(n=len(values), total=total)
            )
            self.note_state.setToolTip(
                _("La note ne compte pas tant que la grille est incomplète.")
            )
        else:
            self.note_label.setText(f"{format_note(note, 2, lang)} / {scale}")
            self.note_state.setText(_("grille complète"))
            self.note_state.setToolTip("")
        self.note_label.setToolTip(
            ""
            if note is None
            else _("Note exacte : {note}").format(note=format_note(note, 4, lang))
        )

    def _set_note_warning(self, warning: bool) -> None:
        if bool(self.note_state.property("warning")) == warning:
            return
        self.note_state.setProperty("warning", warning)
        self.note_state.setStyleSheet("color: #b00020;" if warning else "")

    def _update_progress(self) -> None:
        done, total = self.model.counts()
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(_("{done} / {total} notés").format(done=done, total=total))
        recused = len(self.sheet.recusals)
        if recused:
            self.progress_label.setToolTip(_("{n} déport(s) non compté(s)").format(n=recused))

    # --- typing -------------------------------------------------------------------------------

    def _typing(self, editor: ScoreEdit) -> None:
        """Each valid value is saved as it is typed: nothing waits for Enter."""
        problem = editor.problem()
        unfinished = editor.text().strip().endswith((",", "."))
        editor.mark_invalid(problem is not None and not unfinished)
        self._set_field_message(editor, None if unfinished else self._hint_for(editor, problem))
        if not self._writing:
            self._typed_editor = editor
            self._typed_timer.start()
        self._update_note()

    def _save_typed(self) -> None:
        """Save what was just typed (or withdraw a value saved on the way to a refused one)."""
        editor, self._typed_editor = self._typed_editor, None
        if editor is None or self._writing or self._ref is None:
            return
        problem = editor.problem()
        if problem is None:
            self._commit_editor(editor, live=True)
        elif not editor.text().strip().endswith((",", ".")):
            # « 1 » was saved on the way to « 13 » (off the scale): the file goes back
            # to the value from before this entry, never keeping a prefix of it.
            self._restore_entry_origin(editor)
        self._update_note()

    def _drop_typed(self) -> None:
        """A commit of the fields follows: the pending save of what was typed is not needed."""
        self._typed_timer.stop()
        self._typed_editor = None

    def _restore_entry_origin(self, editor: ScoreEdit) -> None:
        ref, code = self._ref, editor.criterion.code
        if ref is None or (ref, code) not in self._entry_origin:
            return
        origin = self._entry_origin[(ref, code)]
        saved = self.sheet.value(ref, code)
        if _same(saved, origin):
            return
        self._live_editor = editor
        try:
            self.undo_stack.push(SetScoreCommand(self, ref, code, saved, origin, self._typing_run))
        finally:
            self._live_editor = None

    def _end_typing(self) -> None:
        """The next value saved starts a new undo step."""
        self._typing_run += 1
        self._entry_origin.clear()

    @staticmethod
    def _hint_for(editor: ScoreEdit, problem: str | None) -> str | None:
        if problem is None:
            return None
        return f"{editor.criterion.label} : {problem}"

    def _commit_editor(self, editor: ScoreEdit, *, live: bool = False) -> bool:
        """Save the editor's value if it changed; False (said next to it) when refused.

        ``live``: saved while typing (the text is left as typed, and the values of
        one entry merge into one undo step).
        """
        if self._ref is None or not editor.isEnabled() or self.read_only:
            return True
        problem = editor.problem()
        if problem is not None:
            if not live:  # left unfinished (« 3, »): « 3 » saved on the way is withdrawn
                self._restore_entry_origin(editor)
            editor.mark_invalid(True)
            self._set_field_message(
                editor,
                _("{hint} — valeur non enregistrée.").format(hint=self._hint_for(editor, problem)),
            )
            self._update_note()
            return False
        value = editor.parsed()
        before = self.sheet.value(self._ref, editor.criterion.code)
        if _same(before, value):
            if not live:
                editor.show_value(before)
                self._set_field_message(editor, None)
            return True
        editor.mark_invalid(False)
        if live:
            self._entry_origin.setdefault((self._ref, editor.criterion.code), before)
        self._live_editor = editor if live else None
        try:
            self.undo_stack.push(
                SetScoreCommand(
                    self,
                    self._ref,
                    editor.criterion.code,
                    before,
                    value,
                    self._typing_run if live else None,
                )
            )
        finally:
            self._live_editor = None
        return _same(self.sheet.value(self._ref, editor.criterion.code), value)

    def _submitted(self, editor: ScoreEdit) -> None:
        self._drop_typed()
        committed = self._commit_editor(editor)
        self._end_typing()
        if not committed:
            editor.selectAll()
            return
        index = self.editors.index(editor)
        if index + 1 < len(self.editors):
            self._focus_editor(self.editors[index + 1])
            return
        empty = [e for e in self.editors if not e.text().strip()]
        if empty:
            self._focus_editor(empty[0])
        elif self._ref is not None and self._proxy_row(self._ref) + 1 < self.proxy.rowCount():
            self.go(1)
        else:
            self.focus_comment()

    def _stepped(self, editor: ScoreEdit, step: int) -> None:
        self._drop_typed()
        index = self.editors.index(editor) + step
        if 0 <= index < len(self.editors) and self._commit_editor(editor):
            self._focus_editor(self.editors[index])
        self._end_typing()

    def _focus_editor(self, editor: ScoreEdit) -> None:
        editor.setFocus(Qt.FocusReason.TabFocusReason)
        editor.selectAll()
        self.detail_scroll.ensureWidgetVisible(editor, 10, 30)

    def _editor_left(self, editor: ScoreEdit) -> None:
        if not self._writing:
            self._drop_typed()
            self._commit_editor(editor)
        self._end_typing()

    def _comment_typing(self) -> None:
        if not self._writing:
            self._comment_timer.start()

    def commit_comment(self) -> None:
        self._comment_timer.stop()
        ref = self._ref
        if ref is None or self._writing or not self.comment.isEnabled() or self.read_only:
            return
        text = self.comment.toPlainText()
        before = self.sheet.comments.get(ref, "")
        if text.strip() == before.strip() and text.rstrip() == before.rstrip():
            return
        self.undo_stack.push(SetCommentCommand(self, ref, before, text))

    def commit_pending(self) -> None:
        """Save what is typed and valid but not yet saved (before moving or closing)."""
        if self._writing:
            return
        self._drop_typed()
        for editor in self.editors:
            if not editor.isEnabled():
                continue
            if editor.problem() is None:
                self._commit_editor(editor)
            else:
                self._restore_entry_origin(editor)  # no prefix of a refused value stays
        self._end_typing()
        self.commit_comment()

    # --- writing (called by the undo commands) ------------------------------------------------

    def _navigate_to(self, ref: str) -> None:
        if ref != self._ref:
            self._writing = True
            try:
                self.select_ref(ref)
            finally:
                self._writing = False

    def write_score(self, ref: str, code: str, value: Number | None, *, navigate: bool) -> bool:
        juror = self.sheet.juror.code
        if navigate:
            self._navigate_to(ref)
        self.indicator.saving()
        self._writing = True
        try:
            session = self.session
            session.run(
                lambda: scoring.set_score(session.file, juror, ref, code, value, session.author),
                self,
            )
        except KNOWN_ERRORS as error:
            self._write_refused(ref, code, str(error))
            return False
        finally:
            self._writing = False
        self.sheet.set_value(ref, code, value)
        self.model.dossier_changed(ref)
        self._update_progress()
        if ref == self._ref:
            for editor in self.editors:
                # Never rewrite what is being typed (nor clear what is said about it).
                if editor.criterion.code == code and editor is not self._live_editor:
                    editor.show_value(value)
                    self._set_field_message(editor, None)
            self._update_note()
            self.indicator.saved(self.note_sentence())
        else:
            self.indicator.saved()
        return True

    def note_sentence(self) -> str:
        """The note panel as one sentence, for the screen reader (« Ma note : … »)."""
        return _("Ma note : {note}, {state}.").format(
            note=self.note_label.text().replace("—", _("aucune")), state=self.note_state.text()
        )

    def _write_refused(self, ref: str, code: str | None, reason: str) -> None:
        """Say why a write was refused where the user looks: next to the field, in the
        note panel (and the status bar); a campaign sealed meanwhile turns read-only."""
        closed = self._closed_now()
        if closed:
            self._become_read_only()
            self.indicator.read_only(_("Lecture seule : délibération close"))
            reason = closed_message()
        else:
            self.indicator.failed(reason)
        if ref != self._ref:
            self._set_hint(reason)
            return
        editor = next((e for e in self.editors if e.criterion.code == code), None)
        if editor is None:
            self._set_hint(
                _("Délibération close : le commentaire ne peut plus être modifié.")
                if closed
                else _("Commentaire non enregistré : {reason}").format(reason=reason)
            )
            return
        if not closed:
            editor.mark_invalid(True)
            reason = _("« {value} » non enregistrée : {reason}").format(
                value=editor.text().strip() or "–", reason=reason
            )
        self._set_field_message(editor, reason)
        self._update_note()

    def _closed_now(self) -> bool:
        try:
            return self.session.file.is_closed
        except KNOWN_ERRORS:
            return False

    def _become_read_only(self) -> None:
        if self.read_only:
            return
        self.read_only = True
        self._comment_timer.stop()
        self.indicator.read_only(_("Lecture seule : délibération close"))
        # What was typed stays in sight (marked as not saved), to be copied elsewhere.
        typed = [editor.text() for editor in self.editors]
        comment = self.comment.toPlainText()
        self._load_grid()
        for editor, text in zip(self.editors, typed, strict=True):
            if editor.text() != text:
                editor.setText(text)
                editor.mark_invalid(True)
        if self.comment.toPlainText() != comment:
            self.comment.blockSignals(True)
            self.comment.setPlainText(comment)
            self.comment.blockSignals(False)
        self._update_note()

    def write_comment(self, ref: str, text: str, *, navigate: bool) -> bool:
        if navigate:
            self._navigate_to(ref)
        self.indicator.saving()
        self._writing = True
        try:
            session, juror = self.session, self.sheet.juror.code
            session.run(
                lambda: scoring.set_comment(session.file, juror, ref, text, session.author), self
            )
        except KNOWN_ERRORS as error:
            self._write_refused(ref, None, str(error))
            return False
        finally:
            self._writing = False
        if text:
            self.sheet.comments[ref] = text
        else:
            self.sheet.comments.pop(ref, None)
        self.indicator.saved()
        if ref == self._ref and self.comment.toPlainText() != text:
            self.comment.blockSignals(True)
            self.comment.setPlainText(text)
            self.comment.blockSignals(False)
        return True

    # --- recusal ------------------------------------------------------------------------------

    def toggle_recusal(self) -> None:
        """Recuse on the current dossier (asking the reason), or withdraw the recusal."""
        ref = self._ref
        if ref is None or self.read_only:
            return
        if ref in self.sheet.recusals:
            self._unrecuse(ref)
            return
        self.commit_pending()
        reason = self.recusal_reason(self, self._by_ref[ref])
        if reason is None:
            return
        self.indicator.saving()
        session, juror = self.session, self.sheet.juror.code
        try:
            session.run(
                lambda: scoring.recuse(session.file, juror, ref, reason, session.author), self
            )
        except KNOWN_ERRORS as error:
            self.indicator.failed(str(error))
            show_known_error(self, error, _("Déport non enregistré"))
            return
        self.sheet.recuse(ref, reason)
        self.indicator.saved()
        self._after_recusal_change(ref)
        self.activateWindow()
        self.unrecuse_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unrecuse(self, ref: str) -> None:
        dossier = self._by_ref[ref]
        if not confirm(
            self,
            _("Annuler le déport"),
            _(
                "Annuler votre déport sur « {title} » ({ref}) ?\n\nVous pourrez à nouveau "
                "noter ce dossier. Les notes retirées lors du déport ne sont pas rétablies "
                "(elles restent au journal de la campagne)."
            ).format(title=dossier.title, ref=ref),
            _("Annuler le déport"),
        ):
            return
        self.indicator.saving()
        session, juror = self.session, self.sheet.juror.code
        try:
            session.run(lambda: scoring.unrecuse(session.file, juror, ref, session.author), self)
        except KNOWN_ERRORS as error:
            self.indicator.failed(str(error))
            show_known_error(self, error, _("Déport maintenu"))
            return
        self.sheet.recusals.pop(ref, None)
        self.indicator.saved()
        self._after_recusal_change(ref)
        self.focus_first_editor()

    def _after_recusal_change(self, ref: str) -> None:
        self.model.dossier_changed(ref)
        self._update_progress()
        if ref == self._ref:
            self._load_grid()
