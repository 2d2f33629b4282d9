"""The desk's ranking: one tab per pool (category, or the call), the ranking table
with its ties, waiting list and threshold line, the legend under it, and which
dossier is selected. Projected (F5), the table takes large type and full titles.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from juryapp.i18n import _
from juryapp.ui.desk.models import (
    BROKEN_TIE,
    PENDING_TIE,
    REF_ROLE,
    SHARED_TIE,
    Column,
    RankingModel,
)
from juryapp.ui.desk.state import DeskState

__all__ = ["RankingPanel"]

_STYLE = (
    "QTableView#rankingView {{ gridline-color: #E0E0E0; }}"
    "QTableView#rankingView::item {{ {padding}; }}"
)


# Where space is short (projection, larger text), these columns wrap their words; the
# others keep their content's width.
_WRAPPING = (Column.TITLE, Column.TIE, Column.STATUS)
_PADDING = 26  # a cell's padding and margins, both sides


class _RankingDelegate(QStyledItemDelegate):
    """A wrapped title, tie or status: its row is as tall as the wrapped text needs, padding
    included (the style's own size hint measures the text without the padding)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() not in _WRAPPING or not self.view.wordWrap():
            return size
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self.view.font())
        width = max(self.view.columnWidth(index.column()) - _PADDING, 40)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = metrics.boundingRect(
            0, 0, width, 100_000, int(Qt.TextFlag.TextWordWrap), text
        ).height()
        usual = self.view.verticalHeader().defaultSectionSize()
        return QSize(size.width(), max(size.height(), needed + 10, usual))


def _legend_chip(colour: QColor, text: str) -> str:
    return (
        f'<span style="background-color:{colour.name()};">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        f"&nbsp;{text}"
    )


class RankingPanel(QWidget):
    """The pool tabs, the ranking table and its legend."""

    #: The selected dossier's reference, or None (another pool, a separator line).
    selection_changed = Signal(object)
    #: Enter or a double-click on a dossier: its reference.
    dossier_activated = Signal(str)

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.projecting = False
        self._pools: list[str | None] = []
        self._fit_pending = False
        self._columns_pending = False
        self._fitting = False
        self._wrapping = False
        self._normal_font = QFont(self.font())
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.pool_tabs = QTabBar()
        self.pool_tabs.setObjectName("poolTabs")
        self.pool_tabs.setAccessibleName(_("Catégories du classement"))
        self.pool_tabs.setExpanding(False)
        self.pool_tabs.setDrawBase(False)
        self.pool_tabs.currentChanged.connect(self._pool_changed)
        column.addWidget(self.pool_tabs)
        column.addWidget(self._build_view(), 1)
        column.addWidget(self._build_legend())
        self._legend_height = 0

    def minimumSizeHint(self) -> QSize:
        """Room for the legend as wrapped at the panel's width (larger text wraps it on
        more lines): the table is never drawn under it."""
        hint = super().minimumSizeHint()
        wrapped = self.legend.heightForWidth(max(self.width(), hint.width()))
        extra = wrapped - self.legend.minimumSizeHint().height()
        return QSize(hint.width(), hint.height() + max(0, extra))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wrapped = self.legend.heightForWidth(self.width())
        if wrapped != self._legend_height:  # the minimum height follows the legend's lines
            self._legend_height = wrapped
            self.updateGeometry()

    def _build_view(self) -> QTableView:
        self.model = RankingModel(self, self.state.lang)
        self.view = QTableView()
        self.view.setObjectName("rankingView")
        self.view.setAccessibleName(_("Classement"))
        self.view.setAccessibleDescription(
            _("Flèches haut et bas : choisir un dossier ; Entrée : départager un ex aequo")
        )
        self.view.setModel(self.model)
        self.view.setItemDelegate(_RankingDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table (the arrows move inside it): no keyboard trap
        self.view.setTabKeyNavigation(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setShowGrid(True)
        self.view.setGridStyle(Qt.PenStyle.SolidLine)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fitted: _fit_columns
        self.view.viewport().installEventFilter(self)
        header.installEventFilter(self)
        self.set_projection(False)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)  # Enter, double-click
        self.model.modelReset.connect(self._apply_spans)
        # wrapped texts: rows follow the columns' widths
        header.sectionResized.connect(self._fit_rows_later)
        self.model.modelReset.connect(self._fit_columns_later)
        return self.view

    def _build_legend(self) -> QLabel:
        self.legend = QLabel(
            "&nbsp;&nbsp;".join(
                (
                    _legend_chip(PENDING_TIE, _("ex aequo : vote ou tirage requis")),
                    _legend_chip(SHARED_TIE, _("ex aequo : rang partagé")),
                    _legend_chip(BROKEN_TIE, _("ex aequo départagé")),
                    _legend_chip(QColor("#B00020"), _("ligne du seuil")),
                    _legend_chip(QColor("#1F5FA8"), _("liste complémentaire")),
                )
            )
            + "<br>"
            + _(
                "<b>Désaccord</b> : écart-type · étendue (max − min) des notes des jurés ; "
                "⚠ en orange quand l'étendue atteint le quart de l'échelle."
            )
        )
        self.legend.setObjectName("deskLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        return self.legend

    # --- pools ---------------------------------------------------------------------------------

    def current_pool(self) -> str | None:
        index = self.pool_tabs.currentIndex()
        if 0 <= index < len(self._pools):
            return self._pools[index]
        return None

    def show_pool(self, code: str | None) -> None:
        if code in self._pools:
            self.pool_tabs.setCurrentIndex(self._pools.index(code))

    def _pool_changed(self, _index: int) -> None:
        self.state.selected_ref = None
        self._show_ranking()
        self.selection_changed.emit(None)

    def _show_pools(self) -> None:
        results = self.state.results
        assert results is not None
        # One tab per category; the call's own tab only when it ranks dossiers (no
        # categories, or dossiers without one), not for the call's shared envelope.
        codes: list[str | None] = [p.code for p in results.pools if p.kind == "category"]
        for dossier in results.dossiers:
            if dossier.pool not in codes:
                codes.append(dossier.pool)
        current = self.current_pool()
        pending_pools = {
            results.dossier(ref).pool
            for item in results.pending
            for ref in item.refs
            if ref in results.by_ref()
        }
        self.pool_tabs.blockSignals(True)
        if codes != self._pools:
            while self.pool_tabs.count():
                self.pool_tabs.removeTab(0)
            for code in codes:
                self.pool_tabs.addTab(self.state.pool_name(code))
            self._pools = codes
        for number, code in enumerate(codes):
            name = self.state.pool_name(code)
            if code in pending_pools:
                self.pool_tabs.setTabText(number, f"{name}  ⚠")
                self.pool_tabs.setTabTextColor(number, QColor("#8A5A00"))
            else:
                self.pool_tabs.setTabText(number, name)
                self.pool_tabs.setTabTextColor(number, self.palette().text().color())
        if current in codes:
            self.pool_tabs.setCurrentIndex(codes.index(current))
        self.pool_tabs.setVisible(len(codes) > 1)
        self.pool_tabs.blockSignals(False)
        self.pool_tabs.updateGeometry()  # its size hint changes with its tabs

    # --- the ranking ---------------------------------------------------------------------------

    def show_results(self) -> None:
        """The pools and the current pool's ranking, the selection kept if still there."""
        self._show_pools()
        self._show_ranking()

    def _show_ranking(self) -> None:
        state = self.state
        assert state.results is not None and state.campaign is not None
        keep = state.selected_ref
        self.model.set_results(state.results, state.campaign, self.current_pool())
        self.view.setColumnHidden(
            Column.TIE,
            not any(
                r.result is not None and r.result.tie_group is not None for r in self.model.rows()
            ),
        )
        self._fit_columns()
        row = self.model.row_of(keep) if keep else None
        if row is None:
            state.selected_ref = None
            self.view.clearSelection()
        else:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))

    def select_ref(self, ref: str) -> bool:
        """Show ``ref``'s pool and select it (False when ``ref`` is not ranked)."""
        result = self.state.result_of(ref)
        if result is None:
            return False
        self.show_pool(result.pool)
        row = self.model.row_of(ref)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.selectRow(row)
        self.state.selected_ref = ref
        return True

    def _current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        ref = current.data(REF_ROLE) if current.isValid() else None
        self.state.selected_ref = ref if isinstance(ref, str) else None
        self.selection_changed.emit(self.state.selected_ref)

    def _activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if isinstance(ref, str):
            self.dossier_activated.emit(ref)

    def _apply_spans(self) -> None:
        self.view.clearSpans()
        for row in self.model.separator_rows():
            self.view.setSpan(row, 0, 1, self.model.columnCount())

    # --- projection ----------------------------------------------------------------------------

    def set_projection(self, on: bool, base: QFont | None = None) -> None:
        """The ranking's type: 1.2× the page's, 1.4× projected (less where the columns would
        not fit, never less than the page's own); the tabs and the legend in ``base`` (the
        page's type, scaled when projected)."""
        self.projecting = on
        if base is not None:
            for widget in (self.pool_tabs, self.legend):
                font = QFont(base)
                font.setBold(widget.font().bold())
                widget.setFont(font)
        # titles, ties and statuses wrap where space is short
        self.view.setWordWrap(on or self._wrapping)
        padding = "padding: 1px 8px" if on else "padding-left: 6px; padding-right: 6px"
        self.view.setStyleSheet(_STYLE.format(padding=padding))
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._set_table_size(self._wanted_size())
        # three rows at least in sight, whatever the size of the text (set once, at the
        # wanted size: the type giving way to the columns never moves the layout)
        header = self.view.horizontalHeader().sizeHint().height()
        rows = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(header + 3 * rows + 6)
        self._fit_columns()
        if on:
            self.view.setFocus()

    def _wanted_size(self) -> float:
        return self._normal_font.pointSizeF() * (1.4 if self.projecting else 1.2)

    def _set_table_size(self, points: float) -> None:
        font = QFont(self._normal_font)
        font.setPointSizeF(points)
        self.view.setFont(font)
        self.model.base_font = font
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(int(self.view.fontMetrics().height() * 1.75))
        self.view.horizontalHeader().setFont(font if self.projecting else QFont(self._normal_font))
        self.model.layoutChanged.emit()

    # --- columns: nothing cut ----------------------------------------------------------------

    def _longest_word(self, column: int) -> int:
        widest = 0
        for row in range(self.model.rowCount()):
            if self.model.row_item(row).is_separator:
                continue
            index = self.model.index(row, column)
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font if isinstance(font, QFont) else self.view.font())
            for word in str(index.data() or "").split():
                widest = max(widest, metrics.horizontalAdvance(word))
        return widest

    def set_wrapping(self, on: bool) -> None:
        """Wrap the titles, ties and statuses (larger text, projection) rather than keep
        one line per dossier (a 1280×720 desk showing every row, titles elided with the
        whole title in their tooltip, the detail and what a screen reader says)."""
        if on != self._wrapping:
            self._wrapping = on
            self.view.setWordWrap(on or self.projecting)
            self._fit_columns()

    def _widths(self, wrap: bool | None = None) -> tuple[dict[int, int], dict[int, int]]:
        """Each shown column's least width (its longest word, for a wrapping column; a
        title's first dozen characters when not wrapping) and its whole width (its content
        on one line), its title included."""
        if wrap is None:
            wrap = self.view.wordWrap()
        header = self.view.horizontalHeader()
        least: dict[int, int] = {}
        whole: dict[int, int] = {}
        for column in Column:
            if self.view.isColumnHidden(column):
                continue
            title = header.sectionSizeHint(column)
            one_line = max(self.view.sizeHintForColumn(column), title)
            least[column] = one_line
            if column in _WRAPPING and wrap:
                least[column] = max(title, self._longest_word(column) + _PADDING)
            elif column == Column.TITLE:
                some = self.view.fontMetrics().horizontalAdvance("M" * 8) + _PADDING
                least[column] = max(title, min(one_line, some))
            whole[column] = max(one_line, least[column])
        return least, whole

    def narrowest(self) -> int:
        """The least width the table needs in the page's own type (its columns wrapped)."""
        least, _whole = self._widths(wrap=True)
        ratio = self._normal_font.pointSizeF() / max(self.view.font().pointSizeF(), 1.0)
        frame = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        return int(sum(least.values()) * ratio) + frame

    def _fit_columns(self) -> None:
        """Every column as wide as its content; the title, tie and status columns share what
        is left and wrap their words. When even that does not fit, the table's type gives
        way (down to the page's own size)."""
        if self._fitting or self.model.rowCount() == 0:
            return
        self._fitting = True
        try:
            available = self.view.viewport().width()
            least, whole = self._widths()
            need = sum(least.values())
            floor = self._normal_font.pointSizeF()
            size = self.view.font().pointSizeF()
            # widths follow the type about in proportion: a few rounds settle it, growing
            # only to a size that still fits
            for _round in range(5):
                if need > available:
                    if size <= floor + 0.01:
                        break
                    size = max(floor, size * available / need * 0.98)
                    self._set_table_size(size)
                else:
                    grown = min(self._wanted_size(), size * available / max(need, 1))
                    if grown - size < 0.25:
                        break
                    self._set_table_size(grown)
                    if sum(self._widths()[0].values()) > available:
                        self._set_table_size(size)  # back to the size that fitted
                        least, whole = self._widths()
                        break
                    size = grown
                least, whole = self._widths()
                need = sum(least.values())
            widths = _share(available, least, whole)
            header = self.view.horizontalHeader()
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        self._fit_rows_later()

    def _fit_columns_later(self, *_args: object) -> None:
        if not self._columns_pending:
            self._columns_pending = True
            QTimer.singleShot(0, self._fit_columns_now)

    def _fit_columns_now(self) -> None:
        self._columns_pending = False
        if isValid(self) and isValid(self.view):  # the desk may be closed meanwhile
            self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isValid(self.view):
            return super().eventFilter(watched, event)
        resized = event.type() == QEvent.Type.Resize and watched is self.view.viewport()
        # the header's look settles when it is polished (its bold type): fitted again then
        restyled = watched is self.view.horizontalHeader() and event.type() in (
            QEvent.Type.Polish,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        )
        if resized or restyled:
            self._fit_columns_later()
        return super().eventFilter(watched, event)

    def _fit_rows_later(self, *_args: object) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped texts (never less than the usual height)."""
        self._fit_pending = False
        if not (isValid(self) and isValid(self.view)):
            return
        if self.view.wordWrap():
            self.view.resizeRowsToContents()
        else:
            rows = self.view.verticalHeader()
            for row in range(self.model.rowCount()):
                rows.resizeSection(row, rows.defaultSectionSize())


def _share(available: int, least: dict[int, int], whole: dict[int, int]) -> dict[int, int]:
    """The columns' widths in ``available`` pixels: each its least; the tie and the status
    their whole width when the title still keeps a fair share (30 %), the rest to the title;
    otherwise what is left shared in proportion to what each lacks."""
    widths = dict(least)
    spare = available - sum(widths.values())
    if spare <= 0:
        return widths
    short = [c for c in (Column.TIE, Column.STATUS) if c in widths]
    lacking = sum(whole[c] - least[c] for c in short)
    title_goal = min(whole[Column.TITLE], int(available * 0.3))
    if spare - lacking >= title_goal - least[Column.TITLE]:
        for column in short:
            widths[column] = whole[column]
        spare -= lacking
    else:
        wrapping = [c for c in _WRAPPING if c in widths]
        total = sum(whole[c] - least[c] for c in wrapping) or 1
        for column in wrapping:
            grow = spare * (whole[column] - least[column]) // total
            widths[column] += grow
        spare = available - sum(widths.values())
    widths[Column.TITLE] += max(spare, 0)
    return widths
