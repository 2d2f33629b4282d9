"""The main window: opening and creating campaigns, who is working, and the page for them.

A juror's copy opens straight on that juror's scoring; a full campaign asks
who is working (a juror, or the secretariat). The welcome page also opens the
demo call at the deliberation desk, writes the blank campaign workbook, and the
« Aide » menu shows the user guide. The title reads
« Nom — ouverte — juré J2 ». Window geometry and splitters are remembered.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QByteArray, QDir, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from juryapp.i18n import _, current_language
from juryapp.ui import tasks
from juryapp.ui.messages import confirm, inform, known_errors, show_error, show_known_error
from juryapp.ui.pages.welcome import WelcomePage
from juryapp.ui.settings import (
    TEXT_SIZES,
    add_recent,
    recent_campaigns,
    remove_recent,
    restore_bytes,
    save_bytes,
    text_size,
)
from juryapp.ui.widgets.save_indicator import SaveIndicator

# Fast to start: the window is shown before the store, the engine and the pages are
# imported; they are imported when a campaign is opened or created.
if TYPE_CHECKING:
    from juryapp.core.model import Campaign, Juror
    from juryapp.operations.changes import Changes
    from juryapp.store import CampaignFile
    from juryapp.ui.pages.scoring import ScoringPage
    from juryapp.ui.pages.secretariat import SecretariatPage
    from juryapp.ui.session import Session

__all__ = ["MainWindow"]

FILE_FILTER = "Campagne juryapp (*.jury)"
WORKBOOK_FILTER = "Classeur Excel (*.xlsx)"

# (campaign, file name) -> juror code, SECRETARIAT, or None (cancelled)
UserChooser = Callable[[QWidget, "Campaign", str], str | None]


def _is_scoring(page: object) -> TypeGuard[ScoringPage]:
    module = sys.modules.get("juryapp.ui.pages.scoring")  # no page of it before its import
    return module is not None and isinstance(page, module.ScoringPage)


def _is_secretariat(page: object) -> TypeGuard[SecretariatPage]:
    module = sys.modules.get("juryapp.ui.pages.secretariat")
    return module is not None and isinstance(page, module.SecretariatPage)


def _ask_who(parent: QWidget, campaign: Campaign, name: str) -> str | None:
    """``WhoDialog.ask``, imported when a campaign is opened."""
    from juryapp.ui.dialogs.who import WhoDialog

    return WhoDialog.ask(parent, campaign, name)


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


log = logging.getLogger("juryapp.ui")

#: After the last save, the write-ahead log is folded into the file: ``NAME.jury`` alone
#: then holds everything, even if the app is killed and only that file is copied.
CHECKPOINT_DELAY_MS = 2000


def default_demo_folder() -> Path:
    """Where the demo call is created: the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("juryapp", appauthor=False)) / "démo"


def open_with_system(path: Path) -> bool:
    """Open ``path`` with the program the system associates with it (the spreadsheet)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class MainWindow(QMainWindow):
    """One window, one open campaign at most."""

    language_chosen = Signal(str)
    #: The text size chosen from « Affichage » (1: the system's).
    text_size_chosen = Signal(float)

    #: Who is working in a full campaign (tests replace it).
    choose_user: UserChooser = staticmethod(_ask_who)
    #: Where to save a file: (parent, title, suggested path, filter) -> path or "" (tests too).
    ask_save_path: Callable[[QWidget, str, str, str], str] = staticmethod(_ask_save_path)
    #: Where the demo call is created (tests replace it).
    demo_folder: Callable[[], Path] = staticmethod(default_demo_folder)
    #: Opens a written file in its program (tests replace it).
    open_externally: Callable[[Path], bool] = staticmethod(open_with_system)
    #: Asks where to save the blank workbook (tests replace it).
    ask_template_path: Callable[[QWidget, str], str] = staticmethod(
        lambda parent, suggested: QFileDialog.getSaveFileName(
            parent, _("Enregistrer le classeur vierge sous"), suggested, WORKBOOK_FILTER
        )[0]
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session: Session | None = None
        self.page: QWidget | None = None
        self.undo_stack = QUndoStack(self)
        self.indicator = SaveIndicator()
        self.user_label = QLabel()
        self.user_label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.indicator)
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setSingleShot(True)
        self._checkpoint_timer.setInterval(CHECKPOINT_DELAY_MS)
        self._checkpoint_timer.timeout.connect(self.checkpoint)
        self.indicator.state_changed.connect(self._save_state_changed)
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.open_requested.connect(self.ask_open)
        self.welcome.create_requested.connect(self.ask_create)
        self.welcome.recent_chosen.connect(self.open_path)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.template_requested.connect(self.ask_template)
        self.welcome.guide_requested.connect(self.show_guide)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self._build_menus()
        self._update_title()
        geometry = restore_bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self._first_size())
        state = restore_bytes("window/state")
        if state is not None:
            self.restoreState(state)

    # --- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.campaign_menu = bar.addMenu(_("&Campagne"))
        self.open_action = self._action(self.campaign_menu, _("&Ouvrir…"), self.ask_open, "Ctrl+O")
        self.create_action = self._action(
            self.campaign_menu, _("&Créer depuis un classeur…"), self.ask_create, "Ctrl+N"
        )
        self.recent_menu = self.campaign_menu.addMenu(_("Campagnes &récentes"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.campaign_menu.addSeparator()
        self.template_action = self._action(
            self.campaign_menu, _("Nouvel appel à partir du &modèle…"), self.ask_template
        )
        self.demo_action = self._action(
            self.campaign_menu, _("Campagne de &démonstration"), self.open_demo
        )
        self.campaign_menu.addSeparator()
        self.switch_action = self._action(
            self.campaign_menu, _("Changer d'&utilisateur…"), self.switch_user
        )
        self.copy_action = self._action(
            self.campaign_menu,
            _("&Enregistrer une copie pour le coordinateur…"),
            self.save_copy_for_coordinator,
            "Ctrl+Shift+S",
        )
        self.close_action = self._action(
            self.campaign_menu, _("&Fermer la campagne"), self.close_campaign, "Ctrl+W"
        )
        self.campaign_menu.addSeparator()
        self._action(self.campaign_menu, _("&Quitter"), self.close, "Ctrl+Q")

        self.edit_menu = bar.addMenu(_("&Édition"))
        undo = self.undo_stack.createUndoAction(self, _("Annuler"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, _("Rétablir"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)

        self.page_menu = bar.addMenu(_("&Notation"))

        language_menu = bar.addMenu(_("&Langue"))
        group = QActionGroup(self)
        for code, label in (("fr", "Français"), ("en", "English")):
            act = QAction(label, self, checkable=True)
            act.setChecked(code == current_language())
            act.triggered.connect(lambda _c=False, code=code: self._choose_language(code))
            group.addAction(act)
            language_menu.addAction(act)

        view_menu = bar.addMenu(_("Affic&hage"))
        self.larger_text_action = self._action(
            view_menu, _("&Agrandir le texte"), lambda: self._step_text_size(1), "Ctrl++"
        )
        self.larger_text_action.setShortcuts(
            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+="), QKeySequence("Ctrl+Shift+=")]
        )
        self.smaller_text_action = self._action(
            view_menu, _("&Réduire le texte"), lambda: self._step_text_size(-1), "Ctrl+-"
        )
        self.normal_text_action = self._action(
            view_menu, _("Taille du texte &normale"), lambda: self._step_text_size(0), "Ctrl+0"
        )

        help_menu = bar.addMenu(_("&Aide"))
        self.guide_action = self._action(
            help_menu, _("&Guide de l'utilisateur"), self.show_guide, "Shift+F1"
        )
        self._action(help_menu, _("&Raccourcis clavier"), self.show_shortcuts, "F1")
        self._action(help_menu, _("À &propos de juryapp"), self.show_about)
        self._update_actions()

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], keys: str = ""
    ) -> QAction:
        act = QAction(text, self)
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        self.addAction(act)
        return act

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = recent_campaigns()
        if not paths:
            empty = self.recent_menu.addAction(_("(aucune)"))
            empty.setEnabled(False)
        for path in paths:
            act = self.recent_menu.addAction(path.name)
            act.setToolTip(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def _update_actions(self) -> None:
        has_session = self.session is not None
        self.close_action.setEnabled(has_session)
        self.copy_action.setEnabled(self.session is not None and self.session.juror is not None)
        self.switch_action.setEnabled(has_session)
        self.page_menu.clear()
        page = self.page
        if _is_scoring(page):
            self.page_menu.setTitle(_("&Notation"))
            for act in page.actions_list:
                self.page_menu.addAction(act)
        elif _is_secretariat(page):
            self.page_menu.setTitle(_("&Secrétariat"))
            for act in page.actions_list:
                self.page_menu.addAction(act)
        self.page_menu.menuAction().setVisible(page is not None)

    def _first_size(self) -> QSize:
        """1280×800, or less on a smaller screen, leaving room for the window's frame."""
        size = QSize(1280, 800)
        screen = self.screen()
        if screen is None:
            return size
        room = screen.availableGeometry()
        return QSize(min(size.width(), room.width()), min(size.height(), room.height() - 48))

    # --- title ------------------------------------------------------------------------------

    def _update_title(self) -> None:
        session = self.session
        if session is None:
            self.setWindowTitle("juryapp")
            self.user_label.setText("")
            return
        from juryapp.core.model import Role

        state = _("close") if session.is_closed else _("ouverte")
        acting = session.acting
        if session.juror is not None:
            who = _("juré {code}").format(code=session.juror.code)
        elif acting is not None and acting.role is Role.PRESIDENT:
            who = _("présidence — {name}").format(name=acting.name)
        elif acting is not None:
            who = _("secrétariat — {name}").format(name=acting.name)
        else:
            who = _("secrétariat")
        self.setWindowTitle(f"{session.file.name} — {state} — {who} · juryapp")
        if session.juror is not None:
            self.user_label.setText(
                _("Juré : {name} ({code})").format(name=session.juror.name, code=session.juror.code)
            )
        elif acting is not None and acting.role is Role.PRESIDENT:
            self.user_label.setText(_("Présidence : {name}").format(name=acting.name))
        else:
            self.user_label.setText(_("Secrétariat : {name}").format(name=session.author))

    def _session_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.seal:  # « close » after sealing, « ouverte » after reopening
            self._update_title()

    # --- opening and creating ---------------------------------------------------------------

    def ask_open(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Ouvrir une campagne"), "", f"{FILE_FILTER};;*"
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, user: str | None = None, *, desk: bool = False) -> None:
        """Open ``path`` in the background, then ask who works (unless ``user`` is given);
        ``desk``: show the secretariat's deliberation desk."""
        if not self.close_campaign():
            return
        from juryapp.store import CampaignFile
        from juryapp.ui.session import load_campaign

        def work() -> tuple[CampaignFile, Campaign]:
            file = CampaignFile.open(path)
            try:
                return file, load_campaign(file)
            except BaseException:
                file.close()
                raise

        def failed(error: BaseException) -> None:
            if isinstance(error, known_errors()):
                show_known_error(self, error, _("Ouverture impossible"))
                if not path.exists():
                    remove_recent(path)
                    self.welcome.refresh()
                return
            raise error

        tasks.run_task(
            self,
            _("Ouverture de « {name} »…").format(name=path.name),
            work,
            lambda result: self._opened(result[0], result[1], user, desk),
            failed,
        )

    def _opened(
        self, file: CampaignFile, campaign: Campaign, user: str | None, desk: bool = False
    ) -> None:
        add_recent(file.path)
        self.welcome.refresh()
        bound = file.bound_juror
        if bound is not None:
            user = bound
        elif user is None:
            user = self.choose_user(self, campaign, file.name)
            if user is None:
                file.close()
                return
        self.start_session(file, campaign, user)
        page = self.secretariat_page
        if desk and page is not None:
            page.show_desk()

    def start_session(self, file: CampaignFile, campaign: Campaign, user: str) -> None:
        """Show the page for ``user``: a voting juror's code (scoring), SECRETARIAT, or
        ``secretariat_for(code)`` (the secretariat in that member's name)."""
        from juryapp.core.errors import OperationError
        from juryapp.ui.dialogs.who import SECRETARIAT, secretariat_member
        from juryapp.ui.pages.scoring import ScoringPage
        from juryapp.ui.pages.secretariat import SecretariatPage
        from juryapp.ui.session import JurorSheet, Session, default_author

        juror: Juror | None = None
        acting: Juror | None = None
        if user != SECRETARIAT:
            code = secretariat_member(user) or user
            member = next((j for j in campaign.jurors if j.code == code), None)
            refusal = None
            if member is None:
                refusal = _("Juré inconnu « {code} » dans cette campagne.").format(code=code)
            elif not member.votes and file.bound_juror is not None:
                refusal = _(
                    "Cette copie est celle de {name} ({code}), qui n'a pas voix délibérative : "
                    "seuls les membres votants notent. Ouvrez la campagne complète pour le "
                    "secrétariat."
                ).format(name=member.name, code=member.code)
            if refusal is not None:
                file.close()
                show_known_error(self, OperationError(refusal))
                return
            assert member is not None
            if member.votes and secretariat_member(user) is None:
                juror = member
            else:  # a member without a vote never scores: the secretariat, in their name
                acting = member
        if juror is not None:
            author = juror.code
        elif acting is not None:
            author = acting.name
        else:
            author = default_author(campaign)
        self.session = Session(file, campaign, juror, author, acting)
        self.undo_stack.clear()
        page: QWidget
        if juror is not None:
            sheet = JurorSheet.read(file, campaign, juror)
            page = ScoringPage(self.session, sheet, self.undo_stack, self.indicator)
        else:
            page = SecretariatPage(self.session, self.indicator)
        self.session.changed.connect(self._session_changed)
        self._set_page(page)
        self._update_title()
        self._update_actions()
        if _is_scoring(page):
            page.focus_first_editor()

    def _set_page(self, page: QWidget | None) -> None:
        old = self.page
        if old is not None:
            self._save_layout()
            self.stack.removeWidget(old)
            for act in old.actions():
                self.removeAction(act)
            old.deleteLater()
        self.page = page
        if page is not None:
            self.stack.addWidget(page)
            self.stack.setCurrentWidget(page)
            self._restore_layout()
        else:
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.refresh()

    def ask_create(self) -> None:
        workbook, _chosen = QFileDialog.getOpenFileName(
            self, _("Classeur de la campagne"), "", f"{WORKBOOK_FILTER};;*"
        )
        if not workbook:
            return
        suggested = str(Path(workbook).with_suffix(".jury"))
        target, _chosen = QFileDialog.getSaveFileName(
            self, _("Enregistrer la campagne sous"), suggested, FILE_FILTER
        )
        if target:
            if not target.endswith(".jury"):
                target += ".jury"
            self.create_campaign(Path(workbook), Path(target))

    def create_campaign(self, workbook: Path, target: Path) -> None:
        """A new campaign file from a campaign workbook, then open it."""
        if not self.close_campaign():
            return
        from juryapp.operations.campaign import CreatedCampaign, create_from_workbook
        from juryapp.ui.session import load_campaign

        def done(created: CreatedCampaign) -> None:
            file = created.file
            if created.warnings:
                inform(
                    self,
                    _("Campagne créée"),
                    _("La campagne est créée. Points à vérifier :\n\n{warnings}").format(
                        warnings="\n".join(f"• {w}" for w in created.warnings)
                    ),
                )
            self._opened(file, load_campaign(file), None)

        def failed(error: BaseException) -> None:
            if isinstance(error, known_errors()):
                show_known_error(self, error, _("Création impossible"))
                return
            raise error

        tasks.run_task(
            self,
            _("Lecture du classeur « {name} »…").format(name=workbook.name),
            lambda: create_from_workbook(target, workbook, None),
            done,
            failed,
        )

    def open_demo(self) -> None:
        """Create the demo call afresh (scored, nothing decided) and open it at the desk."""
        if not self.close_campaign():
            return
        folder = self.demo_folder()

        def failed(error: BaseException) -> None:
            if isinstance(error, known_errors()):
                show_known_error(self, error, _("Démonstration impossible"))
                return
            if isinstance(error, OSError):
                show_error(
                    self,
                    _("Démonstration impossible"),
                    _("Impossible d'écrire dans « {path} » : {reason}").format(
                        path=folder, reason=error.strerror or error
                    ),
                )
                return
            raise error

        def work() -> Path:
            from juryapp.demo import prepare_demo

            return prepare_demo(folder)

        from juryapp.ui.dialogs.who import SECRETARIAT

        tasks.run_task(
            self,
            _("Préparation de la campagne de démonstration…"),
            work,
            lambda path: self.open_path(path, SECRETARIAT, desk=True),
            failed,
        )

    def ask_template(self) -> None:
        """Write the blank campaign workbook where the user chooses, open it, say what next."""
        suggested = str(Path(QDir.homePath()) / _("appel.xlsx"))
        chosen = self.ask_template_path(self, suggested)
        if not chosen:
            return
        target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        try:
            from juryapp.io.template import write_template

            write_template(target, current_language())
        except OSError as error:
            show_error(
                self,
                _("Écriture impossible"),
                _("Impossible d'écrire « {path} » : {reason}").format(
                    path=target, reason=error.strerror or error
                ),
            )
            return
        opened = self.open_externally(target)
        inform(
            self,
            _("Classeur vierge enregistré"),
            _(
                "Le classeur de campagne est enregistré :\n{path}\n\n"
                "{opened}Remplissez ses feuilles (l'appel, les critères, les catégories, "
                "le jury, les dossiers, les conflits d'intérêts) ; chaque en-tête porte "
                "une aide et la ligne d'exemple peut être remplacée. Puis choisissez "
                "« Créer depuis un classeur… » (Ctrl+N).\n\n"
                "Le guide de l'utilisateur (menu Aide) décrit chaque colonne."
            ).format(
                path=target,
                opened=_("Il est ouvert dans votre tableur. ")
                if opened
                else _("Ouvrez-le avec votre tableur. "),
            ),
        )

    def switch_user(self) -> None:
        """Reopen and ask again; a juror's copy is bound to its juror, and says so."""
        session = self.session
        if session is None:
            return
        bound = session.file.bound_juror
        if bound is not None:
            member = next((j for j in session.campaign.jurors if j.code == bound), None)
            inform(
                self,
                _("Changer d'utilisateur"),
                _(
                    "Ce fichier est la copie de {name} ({code}) : il s'ouvre toujours pour ce "
                    "juré, et les notes d'un autre membre ne peuvent pas y être saisies.\n\n"
                    "Pour noter sous un autre nom, ouvrez la copie de ce juré ; pour le "
                    "secrétariat ou la présidence, ouvrez la campagne complète "
                    "(Campagne › Ouvrir…)."
                ).format(name=member.name if member else bound, code=bound),
            )
            return
        path = session.file.path
        self.open_path(path)

    def close_campaign(self) -> bool:
        """Save what is pending and close the campaign; True when closed (or none open)."""
        session = self.session
        if session is None:
            return True
        if _is_scoring(self.page):
            self.page.commit_pending()
        self._set_page(None)
        self.undo_stack.clear()
        self._checkpoint_timer.stop()
        self.checkpoint(session)
        session.file.close()
        self.session = None
        self.indicator.reset()
        self._update_title()
        self._update_actions()
        return True

    # --- one file that travels --------------------------------------------------------------

    def _save_state_changed(self, state: str) -> None:
        if state == SaveIndicator.SAVED:
            self._checkpoint_timer.start()

    def checkpoint(self, session: Session | None = None) -> None:
        """Fold the campaign's write-ahead log into its file (a failure is only logged:
        the changes are safe in the log, and the next checkpoint or close folds them)."""
        session = session or self.session
        if session is None:
            return
        try:
            session.file.checkpoint()
        except known_errors() as error:
            log.warning("checkpoint of %s failed: %s", session.file.path, error)

    def save_copy_for_coordinator(self) -> None:
        """Write the juror's campaign as one self-contained file, where the juror chooses."""
        session = self.session
        if session is None or session.juror is None:
            return
        if _is_scoring(self.page):
            self.page.commit_pending()
        source = session.file.path
        suffix = _("pour-coordinateur")
        suggested = source.with_name(f"{source.stem}-{suffix}.jury")
        chosen = self.ask_save_path(
            self, _("Enregistrer une copie pour le coordinateur"), str(suggested), FILE_FILTER
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != ".jury":
            target = target.with_name(target.name + ".jury")
        file = session.file
        from juryapp.operations import copies

        def done(written: Path) -> None:
            self.statusBar().showMessage(
                _("Copie enregistrée : {path}").format(path=written), 15000
            )
            inform(
                self,
                _("Copie enregistrée"),
                _(
                    "Vos notes et commentaires sont enregistrés dans un seul fichier :\n\n"
                    "{name}\n\ndans le dossier :\n{folder}\n\nRemettez ce fichier au "
                    "coordinateur (clé USB, messagerie) : il se suffit à lui-même."
                ).format(name=written.name, folder=written.parent),
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, known_errors()):
                show_known_error(self, error, _("Copie non enregistrée"))
                return
            raise error

        tasks.run_task(
            self,
            _("Enregistrement de la copie « {name} »…").format(name=target.name),
            lambda: copies.save_coordinator_copy(file, target),
            done,
            failed,
        )

    # --- language, help ---------------------------------------------------------------------

    def _step_text_size(self, step: int) -> None:
        """One size larger (1), smaller (-1), or the system's (0); remembered."""
        sizes = TEXT_SIZES
        current = sizes.index(text_size())
        wanted = 0 if step == 0 else min(max(current + step, 0), len(sizes) - 1)
        if wanted != current:
            self.text_size_chosen.emit(sizes[wanted])

    def _choose_language(self, code: str) -> None:
        if code == current_language():
            return
        self.language_chosen.emit(code)

    def show_guide(self) -> None:
        """The user guide in the app's language (Esc closes, Ctrl+F searches)."""
        from juryapp.ui.dialogs.guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def show_shortcuts(self) -> None:
        inform(
            self,
            _("Raccourcis clavier"),
            _(
                "Noter au clavier :\n"
                "  Chiffres puis Entrée (ou Tab, ↓) : critère suivant ; Maj+Tab, ↑ : précédent\n"
                "  Entrée sur le dernier critère : dossier suivant\n"
                "  « 4,5 » et « 4.5 » sont acceptés\n\n"
                "Dossiers :\n"
                "  Ctrl+PgSuiv ou Alt+↓ : dossier suivant\n"
                "  Ctrl+PgPréc ou Alt+↑ : dossier précédent\n"
                "  Ctrl+G : grille ; Ctrl+M ou Alt+C : commentaire ; Ctrl+L : liste\n"
                "  Ctrl+F : rechercher ; Alt+1…9 : critère n°\n"
                "  Ctrl+Entrée dans le commentaire : dossier suivant\n\n"
                "Ctrl+D : je me déporte / annuler le déport\n"
                "Ctrl+Z : annuler ; Ctrl+Maj+Z ou Ctrl+Y : rétablir\n"
                "Ctrl+O : ouvrir ; Ctrl+N : créer ; Ctrl+W : fermer\n"
                "Ctrl++ / Ctrl+− : agrandir / réduire le texte ; Ctrl+0 : taille normale"
            ),
        )

    def show_about(self) -> None:
        from juryapp import __version__

        inform(
            self,
            _("À propos de juryapp"),
            _(
                "juryapp {version}\n\nNotation et délibération hors ligne des jurys d'appels "
                "à projets. Chaque modification est enregistrée aussitôt dans le fichier de "
                "campagne et inscrite à son journal."
            ).format(version=__version__),
        )

    # --- layout memory ----------------------------------------------------------------------

    def _save_layout(self) -> None:
        page = self.page
        if _is_scoring(page):
            save_bytes("scoring/splitter", page.splitter.saveState())
            save_bytes("scoring/header", page.table.horizontalHeader().saveState())
        elif _is_secretariat(page):
            save_bytes("secretariat/header", page.dossier_table.horizontalHeader().saveState())

    def _restore_layout(self) -> None:
        page = self.page
        if _is_scoring(page):
            state = restore_bytes("scoring/splitter")
            if state is not None:
                page.splitter.restoreState(state)
        elif _is_secretariat(page):
            state = restore_bytes("secretariat/header")
            if state is not None and page.dossier_table.model() is not None:
                page.dossier_table.horizontalHeader().restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if tasks.active_tasks() and not confirm(
            self,
            _("Travail en cours"),
            _("Une opération est en cours. Quitter quand même ?"),
            _("Quitter"),
        ):
            event.ignore()
            return
        if tasks.active_tasks():  # no worker left writing behind a closed campaign
            tasks.cancel_all()
            tasks.wait_for_tasks()
        self._save_layout()
        save_bytes("window/geometry", QByteArray(self.saveGeometry()))
        save_bytes("window/state", QByteArray(self.saveState()))
        self.close_campaign()
        event.accept()

    # --- for tests and scripts --------------------------------------------------------------

    @property
    def scoring_page(self) -> ScoringPage | None:
        return self.page if _is_scoring(self.page) else None

    @property
    def secretariat_page(self) -> SecretariatPage | None:
        return self.page if _is_secretariat(self.page) else None

    def current_location(self) -> tuple[Path, str] | None:
        """The open file and its user (to reopen after a language change)."""
        from juryapp.ui.dialogs.who import SECRETARIAT, secretariat_for

        session = self.session
        if session is None:
            return None
        if session.juror is not None:
            return session.file.path, session.juror.code
        if session.acting is not None:
            return session.file.path, secretariat_for(session.acting.code)
        return session.file.path, SECRETARIAT
