"""The campaign file: one SQLite file per campaign (``NAME.jury``), like a document.

:class:`CampaignFile` is the one handle the rest of the app holds: it creates and
opens the file and hands each call to the module whose job it is — connections
and transactions (:mod:`~juryapp.store.connection`), reads (:mod:`~juryapp.store.reads`),
the jurors' grids (:mod:`~juryapp.store.scores`), the secretariat
(:mod:`~juryapp.store.secretariat`), the jury's decisions
(:mod:`~juryapp.store.deliberation`), the seal (:mod:`~juryapp.store.seal`), the
journal (:mod:`~juryapp.store.journal`) and its check (:mod:`~juryapp.store.verify`).
Every change is one durable transaction with its journal entry; a refusal raises
``StoreError`` with a French message and leaves the file as it was.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from glob import escape as glob_escape
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from juryapp.core.details import DossierDetail
from juryapp.core.model import (
    Attendance,
    Campaign,
    Criterion,
    Decision,
    Dossier,
    Number,
    Rapporteurs,
)
from juryapp.core.registry import PastLaureate, RegistryFlag, Ruling, RulingKind
from juryapp.i18n import _
from juryapp.store import (
    authentication,
    deliberation,
    details,
    journal,
    rapporteurs,
    reads,
    registry,
    scores,
    seal,
    secretariat,
    standalone,
    verify,
)
from juryapp.store.authentication import IssuedKey
from juryapp.store.backup import (
    backup_copy,
    create_private_file,
    sweep_stale_temporaries,
    temporary_name,
)
from juryapp.store.checks import refuse, require_author, validate_campaign
from juryapp.store.codec import canonical_json
from juryapp.store.connection import Database, make_engine, now, writing
from juryapp.store.creation import insert_campaign
from juryapp.store.deliberation import DecisionInfo
from juryapp.store.details import ImportProfile
from juryapp.store.errors import DamagedFileError, known_error
from juryapp.store.files import (
    cannot_create,
    check_file,
    is_writable,
    publish,
    refuse_existing,
    remove_file_set,
)
from juryapp.store.migrations import head_revision, upgrade
from juryapp.store.scores import CommentCell, ScoreCell
from juryapp.store.seal import SealInfo
from juryapp.store.secretariat import ImportReport
from juryapp.store.state import STATE_KINDS
from juryapp.store.verify import VerifyReport

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["CampaignFile", "damage_found"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _decoding(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A reading method whose decoding errors on a damaged file become DamagedFileError."""

    @functools.wraps(method)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        self = args[0]
        assert isinstance(self, CampaignFile)
        with self.database.guarded():
            return method(*args, **kwargs)

    return guarded


class CampaignFile:
    """An open campaign file. Use :meth:`create` or :meth:`open`, then :meth:`close`.

    Methods may be called from several threads; :meth:`transaction` groups the
    writes made by the calling thread into one commit.
    """

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        self.database = Database(path, engine, read_only=read_only)
        self.database.diagnose = functools.partial(verify.diagnose, self.database)

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def read_only(self) -> bool:
        """Opened from read-only media: every write is refused."""
        return self.database.read_only

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        campaign: Campaign,
        author: str,
        name: str | None = None,
        *,
        bound_juror: str | None = None,
        campaign_id: str | None = None,
    ) -> CampaignFile:
        """Create ``path`` (never overwritten, 0600) holding ``campaign``; see :meth:`building`.

        ``campaign_id`` keeps an existing campaign's identity (a juror's copy);
        ``bound_juror`` marks such a copy as one juror's.
        """
        path = Path(path)
        with cls.building(
            path, campaign, author, name, bound_juror=bound_juror, campaign_id=campaign_id
        ):
            pass
        return cls(path)

    @classmethod
    @contextmanager
    def building(
        cls,
        path: Path | str,
        campaign: Campaign,
        author: str,
        name: str | None = None,
        *,
        bound_juror: str | None = None,
        campaign_id: str | None = None,
    ) -> Iterator[CampaignFile]:
        """Create ``path`` whole or not at all: the file is written under a temporary
        name in the same folder, the block adds what it wants through the handle
        yielded, and the finished file is renamed ``path`` when the block ends. An
        error (or a killed process) leaves nothing at ``path``; the temporary files
        of a killed process are removed by the next creation in that folder.
        """
        from juryapp.store.tables import create_schema  # SQLModel: imported to write only

        path = Path(path)
        require_author(author)
        validate_campaign(campaign, bound_juror)
        identifier = str(uuid.UUID(campaign_id)) if campaign_id else str(uuid.uuid4())
        refuse_existing(path)
        folder = path.parent if str(path.parent) else Path(".")
        sweep_stale_temporaries(folder, glob_escape(path.name))
        temporary = temporary_name(path)
        try:
            create_private_file(temporary)
        except OSError as error:
            raise cannot_create(path, error) from error
        engine: Engine | None = None
        try:
            with known_error(path):
                engine = make_engine(temporary)
                with writing(engine) as connection:
                    create_schema(connection)
                    insert_campaign(
                        connection,
                        campaign,
                        identifier=identifier,
                        name=name if name is not None else campaign.rules.name,
                        author=author,
                        bound_juror=bound_juror,
                    )
            building = cls(temporary, engine)
            yield building
            engine.dispose()  # the last connection folds the WAL into the file
            engine = None
            publish(temporary, path)
        except BaseException:
            if engine is not None:
                engine.dispose()
            remove_file_set(temporary)
            raise

    @classmethod
    def open(cls, path: Path | str) -> CampaignFile:
        """Open an existing campaign file, checking it and upgrading its schema if older.

        Before an upgrade, a copy ``NAME.jury.bak-REV-TIMESTAMP`` is made beside it.
        """
        path = Path(path)
        if not path.is_file():
            raise refuse(_("Le fichier « {path} » est introuvable."), path=path)
        if not os.access(path, os.R_OK):
            raise refuse(
                _("Le fichier « {path} » n'est pas accessible en lecture (droits du fichier ?)."),
                path=path,
            )
        read_only = not is_writable(path)
        with known_error(path):
            revision = check_file(path, read_only=read_only)
        if not read_only:  # what a killed process left beside it (a backup being written)
            sweep_stale_temporaries(path.parent, glob_escape(path.name) + "*")
        if revision == head_revision():
            return cls(path, read_only=read_only)
        if read_only:
            raise refuse(
                _(
                    "« {path} » vient d'une version plus ancienne de juryapp et se trouve sur "
                    "un support en lecture seule : copiez-le dans un dossier où vous pouvez "
                    "écrire pour qu'il soit mis à jour."
                ),
                path=path,
            )
        engine = make_engine(path)
        try:
            with known_error(path):
                backup = backup_copy(path, revision)
                with writing(engine) as connection:
                    upgrade(connection)
                    journal.append(
                        connection,
                        "schema",
                        {"from": revision, "to": head_revision(), "backup": backup.name},
                        "juryapp",
                        now(),
                    )
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine)

    def close(self) -> None:
        """Release the file (the last connection folds the WAL back into it)."""
        self.database.close()

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the file: ``NAME.jury`` alone is then complete."""
        return standalone.checkpoint(self.path)

    def save_copy(self, destination: Path | str) -> Path:
        """Write the campaign as one self-contained file (for the coordinator, a USB key)."""
        return standalone.write_standalone_copy(self.path, Path(destination))

    def __enter__(self) -> CampaignFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group this thread's writes in the block into one all-or-nothing commit."""
        with self.database.transaction():
            yield

    # --- identity ----------------------------------------------------------------------------

    @property
    def campaign_id(self) -> str:
        return str(reads.identity(self.database, "id"))

    @property
    def name(self) -> str:
        return str(reads.identity(self.database, "name"))

    @property
    def fingerprint(self) -> str:
        """``grid_fingerprint(criteria, scale)`` of the current grid."""
        return str(reads.identity(self.database, "fingerprint"))

    @property
    def bound_juror(self) -> str | None:
        value = reads.identity(self.database, "bound_juror")
        return None if value is None else str(value)

    @property
    def created_at(self) -> str:
        return str(reads.identity(self.database, "created_at"))

    @property
    def is_closed(self) -> bool:
        return bool(reads.identity(self.database, "closed"))

    @property
    def pv_version(self) -> int:
        """The version of the PV: 1, then one more at each reopening."""
        return int(reads.identity(self.database, "pv_version"))

    # --- reading -----------------------------------------------------------------------------

    @_decoding
    def load(self) -> Campaign:
        """The campaign as the engine's values: active decisions in order, scores, recusals."""
        return reads.load(self.database)

    @_decoding
    def load_frame(self) -> Campaign:
        """The campaign without its scores and comments (recusals and decisions included).

        What a merge needs of the call, the grid, the jury and the dossiers, without
        reading every score.
        """
        return reads.load_frame(self.database)

    @_decoding
    def scores_for(self, juror: str) -> list[ScoreCell]:
        """One juror's stored scores with their edit time and author."""
        return scores.score_cells(self.database, juror)

    @_decoding
    def score_cells(self) -> Iterator[ScoreCell]:
        """Every stored score cell (read in one snapshot)."""
        return iter(scores.score_cells(self.database))

    @_decoding
    def score_texts(self, juror: str | None = None) -> list[tuple[str, str, str, str, str]]:
        """Stored score cells as ``(juror, ref, criterion, text, edited_at)``, unparsed.

        The fast read for merging: ``text`` is the exact stored form (``"9/2"``),
        so two equal values have equal texts.
        """
        with self.database.snapshot() as connection:
            rows = scores.cells(connection, juror)
        return [(j, r, c, text, at) for j, r, c, text, at, _author in rows]

    @_decoding
    def comments_for(self, juror: str) -> list[CommentCell]:
        return scores.comments(self.database, juror)

    @_decoding
    def comment_cells(self) -> list[CommentCell]:
        """Every juror's comments, by juror and dossier."""
        return scores.comments(self.database)

    @_decoding
    def recusal_cells(self) -> list[tuple[str, str, str, str]]:
        """Every recusal as ``(juror, ref, reason, at)``, by juror and dossier."""
        return secretariat.recusal_cells(self.database)

    @_decoding
    def decisions(self) -> list[DecisionInfo]:
        """Every decision ever recorded, undone ones included, by id."""
        return deliberation.decisions(self.database)

    @_decoding
    def journal(self) -> list[journal.JournalEntry]:
        """The whole journal, oldest first."""
        with self.database.read() as connection:
            return list(journal.iter_entries(connection))

    # --- scores, comments, recusals ----------------------------------------------------------

    def set_score(
        self, juror: str, ref: str, criterion: str, value: Number | str | None, author: str
    ) -> bool:
        """Set (or clear, with None) one cell; True when the file changed."""
        return self.set_scores(juror, ref, {criterion: value}, author) > 0

    def set_scores(
        self,
        juror: str,
        ref: str,
        values: Mapping[str, Number | str | None],
        author: str,
        *,
        edited_at: str | None = None,
    ) -> int:
        """Set several cells of one grid at once; returns how many changed.

        ``edited_at`` (UTC ISO-8601) keeps the time a merged copy recorded.
        """
        return scores.set_scores(self.database, juror, ref, values, author, edited_at=edited_at)

    def set_score_cells(
        self, cells: Iterable[tuple[str, str, str, Number | str, str]], author: str
    ) -> int:
        """Set many score cells ``(juror, ref, criterion, value, edited_at)`` at once;
        how many changed (see :func:`juryapp.store.scores.set_score_cells`)."""
        return scores.set_score_cells(self.database, cells, author)

    def set_comment(
        self, juror: str, ref: str, comment: str, author: str, *, edited_at: str | None = None
    ) -> bool:
        """Set (or clear, with "") a juror's comment on a dossier; True when it changed."""
        return scores.set_comment(self.database, juror, ref, comment, author, edited_at=edited_at)

    def set_comment_cells(self, cells: Iterable[tuple[str, str, str, str]], author: str) -> int:
        """Set many comments ``(juror, ref, text, edited_at)`` at once (``""`` clears);
        how many changed."""
        return scores.set_comment_cells(self.database, cells, author)

    def recuse(self, juror: str, ref: str, reason: str, author: str) -> None:
        """Record a juror's recusal (déport) on a dossier; the journal keeps the scores and
        comment it removes."""
        secretariat.recuse(self.database, juror, ref, reason, author)

    def unrecuse(self, juror: str, ref: str, author: str) -> None:
        """Withdraw a recusal recorded by mistake (the removed scores stay in the journal)."""
        secretariat.unrecuse(self.database, juror, ref, author)

    # --- dossiers, jury, grid ------------------------------------------------------------------

    def import_dossiers(
        self,
        dossiers: Sequence[Dossier],
        author: str,
        source: str,
        *,
        sources: Sequence[DossierDetail] = (),
        remembered: ImportProfile | None = None,
        summary: dict[str, Any] | None = None,
        documents: Sequence[tuple[str, str, str, bytes]] = (),
    ) -> ImportReport:
        """Add new dossiers and update known ones (matched by reference), all or nothing;
        ``sources``: where they come from and what they carry (``core.details``);
        ``remembered``: the mapping to remember for their source."""
        return secretariat.import_dossiers(
            self.database,
            dossiers,
            author,
            source,
            sources=sources,
            remembered=remembered,
            summary=summary,
            documents=documents,
        )

    def dossier_details(self, refs: Iterable[str] | None = None) -> dict[str, DossierDetail]:
        """Where the imported dossiers come from, and what they carry besides their fields."""
        return details.read_details(self.database, refs)

    def import_profile(self, key: str) -> ImportProfile | None:
        """The mapping remembered for a source (``ds:<procedure>``), if any."""
        return details.profile(self.database, key)

    def attachments(self) -> dict[str, list[details.StoredDocument]]:
        """Every dossier's attached documents (names, sizes, SHA-256), by reference."""
        return details.attachment_index(self.database)

    def attachment_data(self, ref: str, name: str) -> bytes:
        """One attached document's content."""
        return details.attachment_data(self.database, ref, name)

    def attachments_of(self, ref: str) -> list[tuple[str, str, str, bytes]]:
        """A dossier's documents whole: (ref, name, sha256, content)."""
        return details.attachments_of(self.database, ref)

    def set_attachments(self, documents: Sequence[tuple[str, str, str, bytes]]) -> None:
        """Write documents as they are (a juror's copy being built)."""
        with self.database.write() as connection:
            details.write_attachments(connection, documents, now())

    def set_dossier_details(self, sources: Sequence[DossierDetail]) -> None:
        """Write dossiers' details as they are (a juror's copy being built)."""
        with self.database.write() as connection:
            details.write_details(connection, sources, now())

    def set_admissibility(self, ref: str, admissible: bool, reason: str, author: str) -> bool:
        """Declare a dossier admissible or not (a reason is required for "not")."""
        return secretariat.set_admissibility(self.database, ref, admissible, reason, author)

    def set_attendance(
        self, juror: str, attendance: Attendance, author: str, session: str | None = None
    ) -> bool:
        """Record how a juror attends the session (``session``: that session of a call that
        runs over a year); True when it changed."""
        return secretariat.set_attendance(self.database, juror, attendance, author, session)

    def replace_criteria(self, criteria: Sequence[Criterion], author: str) -> None:
        """Replace the grid; refused once any score exists (they would stop being comparable)."""
        secretariat.replace_criteria(self.database, criteria, author)

    # --- who scores what (rules §14) -------------------------------------------------------

    @_decoding
    def rapporteurs(self) -> Rapporteurs | None:
        """The assignment of dossiers to jurors, or None when every juror scores everything."""
        with self.database.read() as connection:
            return reads.rapporteurs(connection)

    def assign(
        self, plan: Mapping[str, Any], assignment: Mapping[str, Sequence[str]], author: str
    ) -> None:
        """Record an assignment (see :func:`juryapp.store.rapporteurs.assign`)."""
        rapporteurs.assign(self.database, plan, assignment, author)

    def move_rapporteur(
        self,
        ref: str,
        from_juror: str | None,
        to_juror: str,
        reason: str,
        author: str,
        broken: Sequence[str] = (),
    ) -> None:
        """Give ``ref`` to ``to_juror`` in place of ``from_juror`` (None: a freed place)."""
        rapporteurs.move(self.database, ref, from_juror, to_juror, reason, author, broken)

    def swap_rapporteurs(
        self,
        first: tuple[str, str],
        second: tuple[str, str],
        reason: str,
        author: str,
        broken: Sequence[str] = (),
    ) -> None:
        """Swap two (dossier, rapporteur) pairs' dossiers, both moves or neither."""
        rapporteurs.swap(self.database, first, second, reason, author, broken)

    def open_dossier(self, ref: str, opened: bool, reason: str, author: str) -> bool:
        """Open a dossier to every voting member (or close it again); True when it changed."""
        return rapporteurs.set_open(self.database, ref, opened, reason, author)

    def clear_assignment(self, reason: str, author: str) -> None:
        """Remove the assignment: every voting member scores every dossier again."""
        rapporteurs.clear(self.database, reason, author)

    # --- the registry of past laureates (rules §13) ----------------------------------------

    @_decoding
    def past_laureates(self) -> list[PastLaureate]:
        """The registry of past laureates, in the order it was filled."""
        return registry.laureates(self.database)

    @_decoding
    def registry_rulings(self) -> dict[str, Ruling]:
        """The secretariat's rulings on dossiers that match the registry, by reference."""
        return registry.rulings(self.database)

    def add_past_laureates(
        self, laureates: Sequence[PastLaureate], source: str, author: str
    ) -> registry.RegistryAdded:
        """Add past laureates (each once) and bring the dossiers' admissibility in step."""
        return registry.add_laureates(self.database, laureates, source, author)

    def rule_on_match(
        self, ref: str, kind: RulingKind, reason: str, author: str
    ) -> tuple[RegistryFlag, dict[str, bool]]:
        """The secretariat overrides a sure match, or confirms or dismisses a possible one."""
        return registry.rule(self.database, ref, kind, reason, author)

    def apply_registry(self, author: str) -> dict[str, bool]:
        """The dossiers' admissibility in step with the registry (after an import)."""
        return registry.apply_registry(self.database, author)

    # --- decisions and the seal ----------------------------------------------------------------

    def add_decision(self, decision: Decision, author: str) -> int:
        """Record a decision of the jury; returns its id."""
        return deliberation.add_decision(self.database, decision, author)

    def undo_decision(self, decision_id: int, author: str, reason: str = "") -> None:
        """Mark a decision undone; it stays listed by :meth:`decisions`."""
        deliberation.undo_decision(self.database, decision_id, author, reason)

    @property
    def seal(self) -> str | None:
        """The SHA-256 of the sealed data while the deliberation is closed, else None."""
        return seal.current_seal(self.database)

    @_decoding
    def seals(self) -> list[SealInfo]:
        """Every seal ever made, by version (the archive)."""
        return seal.seals(self.database)

    @_decoding
    def sealed_document(self, version: int) -> bytes | None:
        """The document stored with the seal of ``version`` (``close_deliberation``)."""
        return seal.sealed_document(self.database, version)

    def close_deliberation(
        self, author: str, sealed_payload: bytes | None = None, session: str | None = None
    ) -> SealInfo:
        """Seal the deliberation, or one ``session`` of it (see
        :func:`juryapp.store.seal.close_deliberation`)."""
        return seal.close_deliberation(self.database, author, sealed_payload, session)

    def reopen(self, reason: str, author: str, session: str | None = None) -> int:
        """Reopen a closed deliberation, or one ``session`` of it (a reason is required);
        returns the new PV version."""
        return seal.reopen(self.database, reason, author, session)

    # --- journal and verification ------------------------------------------------------------

    def journal_append(self, kind: str, payload: Mapping[str, Any], author: str) -> int:
        """Record an event that changes no table (a merge's summary, an export…); its seq.

        Allowed on a closed deliberation. Kinds the store writes itself are refused.
        """
        require_author(author)
        if not kind or kind in STATE_KINDS:
            raise ValueError(f"journal kind {kind!r} is reserved or empty")
        canonical_json(payload)  # refuse what JSON cannot hold before writing
        with self.database.write() as connection:
            return journal.append(connection, kind, dict(payload), author, now())

    # --- juror copies' keys (juryapp.store.authentication) --------------------------------------

    def issued_keys(self) -> dict[str, IssuedKey]:
        """The keys this campaign issued with its juror copies, by id (a copy: its own)."""
        with self.database.snapshot() as connection:
            return authentication.issued_keys(connection)

    @staticmethod
    def new_copy_key(juror: str, file: str) -> IssuedKey:
        """A new key for a copy of ``juror`` (recorded by :meth:`issue_copy_key`)."""
        return authentication.new_key(juror, file)

    def issue_copy_key(self, key: IssuedKey, payload: Mapping[str, Any], author: str) -> None:
        """Keep the key of a new juror copy, journaled as ``juror-copy`` (``payload`` plus
        the key's id and the SHA-256 of its secret)."""
        require_author(author)
        canonical_json(payload)
        with self.database.write() as connection:
            authentication.issue_key(connection, key, payload, author)

    def install_copy_key(self, key: IssuedKey) -> None:
        """Give this new juror copy its key and tag each of its grids."""
        from juryapp.store.connection import driver

        with self.database.write() as connection:
            authentication.install_key(driver(connection), key)

    def verify(self) -> VerifyReport:
        """Check the file: SQLite integrity, the journal's chain, the tables against a replay
        of the journal, and every seal against the data it sealed.

        Never raises on a damaged file: whatever cannot be read is a problem named.
        """
        return verify.verify(self.database)


def damage_found(path: Path | str) -> list[str]:
    """What :meth:`CampaignFile.verify` finds wrong with the file at ``path`` (empty when
    it is intact or cannot be opened for another reason than damage). Never raises."""
    try:
        with CampaignFile.open(path) as opened:
            return opened.verify().problems
    except DamagedFileError as error:
        return [str(error)]
    except Exception:
        return []
