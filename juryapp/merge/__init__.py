"""Juror copies of a campaign, and merging them (and score sheets) back into it.

``copies`` writes the juror copies, ``inputs`` reads copies and score sheets,
``plan`` folds them onto the campaign (the rules below), ``run`` is the merge
itself and ``report`` what it tells.

**Juror copies.** :func:`copies.make_juror_copy` writes a new campaign file with the
same campaign id, bound to one voting juror: the call, the grid, the dossiers,
the jury, and *only that juror's* recusals, scores and comments (each score
keeps its edit time). :func:`copies.make_all_juror_copies` writes one per voting juror
(``NOM-CAMPAGNE-J2.jury``). Both are journalled in the source campaign.

**Merging.** :func:`run.merge_files` takes juror copies (``.jury``) and score sheets
(``.xlsx``), many at once. Inputs are never modified: a copy is copied to a
private folder and that copy is attached (see :mod:`juryapp.store.staging`,
which holds every incoming cell in SQLite); a workbook is only read. The rules:

- *Refused whole*, with the reason: a file of another campaign (its id), made
  for another version of the grid (its fingerprint), a ``.jury`` that is not a
  juror copy (or is the campaign itself), an unreadable file, a hand-typed sheet
  whose criterion columns are not exactly the grid's.
- *Refused grid by grid* (one juror, one dossier), with the reason: a score off
  the scale or the step, an unknown criterion, an unknown dossier, an unknown
  juror, a member without a vote (a secretary has no grid), a juror recused on
  that dossier (in the campaign, or by a recusal in this merge), a row of
  another juror than the copy's bound juror (or than the juror a generated score
  sheet was made for), a sheet row with problems (unreadable value, duplicate…).
- *Recusals travel*: a recusal in a copy, or a sheet row with Déport = oui,
  is recorded (``recuse``), which removes that juror's scores on the dossier.
  A recusal always wins over scores. Comments travel too. A blank cell or an
  empty comment never erases anything; a merge never deletes a score.
- *Edit times*: a copy's cells carry their own ``edited_at``; every cell of a
  score sheet takes the workbook's modified time from its document properties
  (``docProps/core.xml``, ``dcterms:modified``, UTC), else the file's mtime.
- *Conflicts*: a value that differs from the campaign's and is not newer, or two
  inputs of the same merge that disagree; the most recent edit is kept unless
  ``resolve(conflict)`` answers ``"other"`` (the rules in full: :mod:`plan`).
- The whole merge is one transaction, with a ``merge`` journal entry holding the
  report's JSON; a closed deliberation refuses it. When every input is refused
  (whole, or each of its grids), nothing is written and :class:`run.MergeRefused` is
  raised with each file's reason; when only some are, the others are merged.
  Merging the same files again changes nothing: every grid is unchanged and only
  the ``merge`` entry is added.

:func:`run.analyse_merge` runs the same analysis without writing (the dialog lists
the conflicts from it before the real merge).
"""
