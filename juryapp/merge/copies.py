"""Juror copies: a campaign file for one voting juror's laptop.

:func:`make_juror_copy` writes a new campaign file with the same campaign id,
bound to one voting juror: the call, the grid, the dossiers, the jury, and *only
that juror's* recusals, scores and comments (each score keeps its edit time).
:func:`make_all_juror_copies` writes one per voting juror
(``NOM-CAMPAGNE-J2.jury``). Both are journalled in the source campaign.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from juryapp.core.errors import OperationError
from juryapp.core.quorum import voting_juror
from juryapp.i18n import _
from juryapp.merge.report import Progress
from juryapp.store import CampaignFile

__all__ = ["juror_copy_name", "make_all_juror_copies", "make_juror_copy"]

_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _remove_file_set(path: Path) -> None:
    for suffix in _SIDE_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def make_juror_copy(campaign_file: CampaignFile, juror: str, out: Path | str, author: str) -> Path:
    """Write ``out``: a copy of the campaign for one voting juror's laptop; returns its path.

    Refused (``OperationError``) for an unknown juror, a member without a vote,
    an existing ``out``. The copy holds no other juror's scores, comments or recusals.
    """
    out = Path(out)
    campaign = campaign_file.load()
    voting_juror(campaign.jurors, juror)
    for suffix in _SIDE_SUFFIXES:
        if Path(f"{out}{suffix}").exists():
            raise OperationError(
                _(
                    "Le fichier « {path} » existe déjà : choisissez un autre nom ou un "
                    "autre dossier."
                ).format(path=Path(f"{out}{suffix}"))
            )
    scores = campaign_file.score_texts(juror)
    comments = campaign_file.comments_for(juror)
    recusals = tuple(r for r in campaign.recusals if r.juror == juror)
    own = replace(campaign, scores=(), recusals=recusals, decisions=(), rapporteurs=None)
    rapporteurs = campaign.rapporteurs
    if rapporteurs is not None:  # rules §14: the juror's own dossiers only
        dossiers = tuple(
            d for d in campaign.dossiers if d.admissible and rapporteurs.may_score(juror, d.ref)
        )
        kept = {d.ref for d in dossiers}
        recusals = tuple(r for r in recusals if r.ref in kept)
        scores = [cell for cell in scores if cell[1] in kept]
        comments = [c for c in comments if c.ref in kept]
        own = replace(own, dossiers=dossiers, recusals=recusals)
    # Written under a temporary name and renamed when whole: a copy that exists holds
    # all of the juror's scores and comments, and its key. The campaign records the key
    # (and journals the copy) once the copy exists: it never names a copy that is not
    # there (a kill in between leaves a copy its campaign does not know: refused at the
    # merge as « non délivrée », to be prepared again).
    key = CampaignFile.new_copy_key(juror, out.name)
    with (
        CampaignFile.building(
            out,
            own,
            author,
            campaign_file.name,
            bound_juror=juror,
            campaign_id=campaign_file.campaign_id,
        ) as copy,
        copy.transaction(),
    ):
        copy.set_score_cells([(j, r, c, text, at) for j, r, c, text, at in scores], author)
        copy.set_comment_cells([(c.juror, c.ref, c.text, c.edited_at) for c in comments], author)
        # what the dossiers carry besides their fields: no private annotation, nothing of
        # a dossier the juror is recused from
        recused = {r.ref for r in recusals}
        held = {d.ref for d in own.dossiers}  # with an assignment, the juror's own only
        copy.set_dossier_details(
            [
                d.for_jurors()
                for ref, d in campaign_file.dossier_details().items()
                if ref not in recused and ref in held
            ]
        )
        # the documents of the dossiers the juror scores (admissible, not recused), no other
        for dossier in own.dossiers:
            if dossier.admissible and dossier.ref not in recused:
                copy.set_attachments(campaign_file.attachments_of(dossier.ref))
        copy.install_copy_key(key)
    try:
        campaign_file.issue_copy_key(
            key,
            {
                "juror": juror,
                "file": out.name,
                "scores": len(scores),
                "comments": len(comments),
                "recusals": len(recusals),
            },
            author,
        )
    except BaseException:
        _remove_file_set(out)  # a copy whose key its campaign could not keep: none
        raise
    return out


def _safe(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def juror_copy_name(campaign_name: str, juror: str) -> str:
    """``NOM-CAMPAGNE-J2.jury``: ASCII letters, digits and dashes only."""
    name = _safe(campaign_name).upper()[:60].strip("-") or "CAMPAGNE"
    code = _safe(juror) or "JURE"
    return f"{name}-{code}.jury"


def make_all_juror_copies(
    campaign_file: CampaignFile,
    folder: Path | str,
    author: str,
    progress: Progress | None = None,
) -> list[Path]:
    """One copy per voting juror in ``folder`` (created if needed); the paths written.

    Refused before anything is written when one of the files exists already; a
    failure (or a cancel through ``progress``) midway removes the copies this call wrote
    and journals none of them.
    """
    folder = Path(folder)
    jurors = [j for j in campaign_file.load().jurors if j.votes]
    if not jurors:
        raise OperationError(_("Aucun juré n'a voix délibérative : aucune copie à préparer."))
    names: dict[str, Path] = {}
    for juror in jurors:
        path = folder / juror_copy_name(campaign_file.name, juror.code)
        stem, number = path.stem, 2
        while path.name.lower() in {p.name.lower() for p in names.values()}:
            path = folder / f"{stem}-{number}.jury"
            number += 1
        names[juror.code] = path
    existing = [p for p in names.values() if p.exists()]
    if existing:
        listed = ", ".join(f"« {p.name} »" for p in existing)
        raise OperationError(
            _(
                "Des copies existent déjà dans « {folder} » : {listed}. Choisissez un "
                "dossier vide ou déplacez-les ; aucune copie n'a été écrite."
            ).format(folder=folder, listed=listed)
        )
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OperationError(
            _("Impossible de créer le dossier « {folder} » : {error}.").format(
                folder=folder, error=error
            )
        ) from error
    written: list[Path] = []
    try:
        # one transaction: a failure or a cancel midway journals none of the copies
        with campaign_file.transaction():
            for index, juror in enumerate(jurors):
                if progress is not None:
                    what = _("Copie de {code} ({name})").format(code=juror.code, name=juror.name)
                    progress(index, len(jurors), what)
                path = make_juror_copy(campaign_file, juror.code, names[juror.code], author)
                written.append(path)
    except BaseException:
        for path in written:
            _remove_file_set(path)
        if created:  # leave no empty folder behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    if progress is not None:
        progress(len(jurors), len(jurors), _("Copies écrites"))
    return written
