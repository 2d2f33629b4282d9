"""The selected dossier's detail at the desk: what it is, its rank, note and status,
each juror's note and the criterion means (shown only here), recusals and quorum,
and the engine's explanation of its result."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QScrollArea, QVBoxLayout, QWidget

from juryapp.core.fields import Show, display, shown
from juryapp.core.report import result_status_label
from juryapp.core.results import DossierResult, Results
from juryapp.core.texts import format_note
from juryapp.i18n import _
from juryapp.ui.desk.models import TextTableModel, tie_label
from juryapp.ui.desk.state import DeskState
from juryapp.ui.desk.widgets import BAD, section_title, small_table

__all__ = ["DossierDetail"]


class DossierDetail(QScrollArea):
    """The « Dossier » tab of the desk's side tabs."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # a named tab stop: the arrows scroll a long detail from the keyboard
        self.setAccessibleName(_("Détail du dossier"))
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(8, 8, 8, 8)
        self.title = QLabel(_("Choisissez un dossier dans le classement."))
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        column.addWidget(self.title)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        column.addWidget(self.facts)
        self.notes_title = section_title(_("Notes des jurés"))
        column.addWidget(self.notes_title)
        self.notes_model = TextTableModel([_("Juré"), _("Note")], self)
        self.notes_view = small_table(self.notes_model, _("Notes des jurés"))
        column.addWidget(self.notes_view)
        self.means_title = section_title(_("Moyennes par critère"))
        column.addWidget(self.means_title)
        self.means_model = TextTableModel([_("Critère"), _("Moyenne"), _("Poids")], self)
        self.means_view = small_table(self.means_model, _("Moyennes par critère"))
        column.addWidget(self.means_view)
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        column.addWidget(self.quorum)
        self.explanation_title = section_title(_("Explication"))
        column.addWidget(self.explanation_title)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.explanation)
        column.addStretch(1)
        self.setWidget(inner)

    def show_selection(self) -> None:
        """Show the selected dossier, or what the panel is for when none is selected."""
        results = self.state.results
        assert results is not None and self.state.campaign is not None
        result = self.state.selected_result()
        widgets: Sequence[QWidget] = (
            self.notes_title,
            self.notes_view,
            self.means_title,
            self.means_view,
            self.explanation_title,
            self.explanation,
            self.quorum,
        )
        if result is None:
            self.title.setText(_("Choisissez un dossier dans le classement."))
            self.facts.setText(
                _(
                    "Le détail montre la note de chaque juré et les moyennes par critère : "
                    "il n'apparaît qu'ici, au bureau de la délibération."
                )
            )
            for widget in widgets:
                widget.hide()
            return
        for widget in widgets:
            widget.show()
        dossier = result.dossier
        self.title.setText(f"{dossier.ref} — {dossier.title}")
        self.facts.setText(self._facts(result, results))
        self._show_notes(result)
        self._show_quorum(result)
        self.explanation.setText(
            "\n".join(f"• {line.render(self.state.lang)}" for line in result.explanation)
        )

    def _facts(self, result: DossierResult, results: Results) -> str:
        lang = self.state.lang
        dossier = result.dossier
        campaign = self.state.campaign
        assert campaign is not None  # shown only once the results are computed
        categories = {c.code: c.name for c in campaign.categories}
        facts = [  # the title shows the reference already
            text
            for field in shown(Show.SUBTITLE)
            if field.code != "ref" and (text := display(dossier, field, lang, categories))
        ]
        line = [" · ".join(facts)] if facts else []
        summary = []
        if result.rank is not None:
            summary.append(_("rang {k}").format(k=result.rank))
        if result.aggregate is not None:
            summary.append(
                _("note {n} / {s}").format(
                    n=format_note(result.aggregate, result.decimals, lang),
                    s=results.rules.scale,
                )
            )
        summary.append(result_status_label(result, results, lang))
        if result.amount_cents:
            summary.append(self.state.money(result.amount_cents))
        if result.entitlement_cents is not None:
            summary.append(_("droit {a}").format(a=self.state.money(result.entitlement_cents)))
        line.append(" · ".join(summary))
        tie = self.state.tie_of(result)
        if tie is not None:
            line.append(
                _("Ex aequo ({state}) : {refs}").format(
                    state=tie_label(tie, results, lang), refs=", ".join(tie.refs)
                )
            )
        return "\n".join(line)

    def _show_notes(self, result: DossierResult) -> None:
        campaign = self.state.campaign
        assert campaign is not None
        lang = self.state.lang
        names = {j.code: j.name for j in campaign.jurors}
        self.notes_model.set_text(
            [
                [f"{code} {names.get(code, '')}".strip(), format_note(note, 2, lang)]
                for code, note in result.notes.items()
            ],
            right={1},
        )
        criteria = {c.code: c for c in campaign.criteria}
        total_weight = sum((c.weight for c in campaign.criteria), 0) or 1
        rows = []
        for code, mean in result.criterion_means.items():
            criterion = criteria.get(code)
            label = criterion.label if criterion else code
            maximum = criterion.max if criterion else ""
            weight = criterion.weight if criterion else 0
            share = round(100 * weight / total_weight)
            rows.append([label, f"{format_note(mean, 2, lang)} / {maximum}", f"{share} %"])
        self.means_model.set_text(rows, right={1, 2})
        for view in (self.notes_view, self.means_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, view.model().columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            view.setFixedHeight(
                view.horizontalHeader().height()
                + sum(view.rowHeight(r) for r in range(view.model().rowCount()))
                + 4
            )

    def _show_quorum(self, result: DossierResult) -> None:
        assert self.state.campaign is not None
        names = {j.code: j.name for j in self.state.campaign.jurors}
        lines = []
        if result.recused:
            lines.append(
                _("Déport : {names} (ni débat ni vote sur ce dossier)").format(
                    names=", ".join(f"{c} {names.get(c, '')}".strip() for c in result.recused)
                )
            )
        if result.incomplete:
            lines.append(
                _("Grille incomplète : {names}").format(names=", ".join(result.incomplete))
            )
        if result.quorum is not None:
            lines.append(
                _("Quorum du dossier : {p} présents / {r} requis — {state}").format(
                    p=result.quorum.present,
                    r=result.quorum.required,
                    state=_("atteint") if result.quorum.reached else _("NON ATTEINT"),
                )
            )
        self.quorum.setText("\n".join(lines))
        self.quorum.setStyleSheet(
            f"color: {BAD};" if result.quorum is not None and not result.quorum.reached else ""
        )
