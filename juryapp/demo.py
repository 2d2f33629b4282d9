"""``juryapp demo DIR``: a real call run end to end, with no display needed.

The Région Nouvelle-Aquitaine's AMI « Innovation sociale et sociétale » (2016;
:mod:`juryapp.samples.aquitaine`: projects and amounts from the Région's published
list of laureates, aid capped at 40 000 € per project, as a share of the project's
total budget). The demo writes the campaign workbook a secretariat would fill,
creates the campaign from it, lets five jurors score (deterministic), records a
déport, settles the ties, records a withdrawal, seals the deliberation, exports
the documents and verifies the file. Everything lands in DIR.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TextIO

from openpyxl import Workbook

from juryapp.core.model import Attendance, Campaign, TieBreakKind
from juryapp.core.report import results_table
from juryapp.core.results import Results, TieState
from juryapp.documents.export import export
from juryapp.io.xlsx import style_header_row, write_text
from juryapp.operations import deliberation
from juryapp.operations.campaign import campaign_info, compute, create_from_workbook
from juryapp.samples import aquitaine
from juryapp.samples.scoring import simulated_scores
from juryapp.store import CampaignFile

AUTHOR = "secrétariat (démo)"

CAMPAIGN_NAME = "ami-innovation-sociale-2016"


def write_demo_workbook(path: Path) -> None:
    """The campaign workbook the secretariat fills, as ``juryapp template`` lays it out."""
    book = Workbook()
    first = book.active
    assert first is not None
    for index, (title, rows) in enumerate(aquitaine.workbook_sheets().items()):
        sheet = first if index == 0 else book.create_sheet(title)
        sheet.title = title
        for values in rows:
            sheet.append([None] * len(values))
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=sheet.max_row, column=column)
                if isinstance(value, str):
                    write_text(cell, value)
                else:
                    cell.value = value
        style_header_row(sheet)
    book.save(path)


def simulate_scoring(campaign_file: CampaignFile, campaign: Campaign, seed: int = 2016) -> int:
    """Each voting member scores every admissible dossier they are not recused on."""
    names = {juror.code: juror.name for juror in campaign.jurors}
    return sum(
        campaign_file.set_scores(score.juror, score.ref, score.values, names[score.juror])
        for score in simulated_scores(campaign, aquitaine.QUALITY, seed)
    )


def _fresh_workbook(directory: Path) -> tuple[Path, Path]:
    """The demo's workbook written anew in ``directory`` (earlier demo files removed);
    returns it with the path its campaign file will take."""
    directory.mkdir(parents=True, exist_ok=True)
    workbook = directory / f"{CAMPAIGN_NAME}.xlsx"
    path = directory / f"{CAMPAIGN_NAME}.jury"
    for old in directory.glob(f"{CAMPAIGN_NAME}*"):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    write_demo_workbook(workbook)
    return workbook, path


def prepare_demo(directory: Path) -> Path:
    """The demo call created from its workbook and scored by the jury, nothing decided yet:
    ready to deliberate. Recreated afresh in ``directory``; returns the campaign file's path."""
    workbook, path = _fresh_workbook(directory)
    created = create_from_workbook(path, workbook, AUTHOR)
    with created.file as campaign_file:
        simulate_scoring(campaign_file, campaign_file.load())
    return path


def run_demo(directory: Path, *, lang: str = "fr", out: TextIO) -> Path:
    """Run the whole demo into ``directory``; return the campaign file's path."""
    workbook, path = _fresh_workbook(directory)
    print(f"1. Classeur de campagne écrit : {workbook}", file=out)
    created = create_from_workbook(path, workbook, AUTHOR)
    with created.file as campaign_file:
        campaign = campaign_file.load()
        print(
            f"2. Campagne créée : {path.name} — {len(campaign.dossiers)} dossiers, "
            f"{len(campaign.jurors)} membres du jury",
            file=out,
        )
        count = simulate_scoring(campaign_file, campaign)
        print(
            f"3. Les jurés notent : {count} notes enregistrées, un déport (ATIS sur NA-03)",
            file=out,
        )
        _, results = compute(campaign_file)
        _settle(campaign_file, results, out)
        _, results = compute(campaign_file)
        laureates = [d for d in results.dossiers if d.amount_cents]
        if laureates:
            first = laureates[0]
            deliberation.decide_withdraw(
                campaign_file,
                first.ref,
                "désistement du porteur (projet financé par ailleurs)",
                AUTHOR,
            )
            print(f"5. Désistement de {first.ref} : la liste complémentaire remonte", file=out)
        seal = deliberation.close_deliberation(campaign_file, AUTHOR).value
        print(f"6. Délibération close, sceau SHA-256 {seal.hash[:16]}…", file=out)
        written = _export(campaign_file, directory, lang)
        for item in written:
            print(f"7. Écrit : {item}", file=out)
        report = campaign_file.verify()
        print(f"8. Vérification : {'fichier intègre' if report.ok else report.problems}", file=out)
        _, results = compute(campaign_file)
        print("", file=out)
        out.write(results_table(results, campaign_info(campaign_file), lang))
    return path


def _settle(campaign_file: CampaignFile, results: Results, out: TextIO) -> None:
    """Settle pending ties as a jury would: by vote when the chain says so, else by lot."""
    campaign = campaign_file.load()
    present = [j for j in campaign.jurors if j.votes and j.attendance is not Attendance.ABSENT]
    settled = 0
    for tie in results.ties:
        for part in tie.pending_parts:
            if any(s.kind is TieBreakKind.VOTE for s in campaign.rules.tie_break):
                order = tuple(sorted(part))
                deliberation.decide_tie(
                    campaign_file,
                    part,
                    order,
                    "vote du jury en séance",
                    AUTHOR,
                    votes=(len(present) - 1, 0, 1),
                )
                print(
                    f"4. Égalité {', '.join(part)} : le jury vote l'ordre {', '.join(order)}",
                    file=out,
                )
            else:
                seed, order, _ = deliberation.decide_draw(
                    campaign_file, part, AUTHOR, seed=2016
                ).value
                print(
                    f"4. Égalité {', '.join(part)} : tirage au sort (graine {seed}) → "
                    f"{', '.join(order)}",
                    file=out,
                )
            settled += 1
    if not settled:
        shared = sum(1 for t in results.ties if t.state is TieState.SHARED)
        print(f"4. Aucun ex aequo à départager ({shared} rang(s) partagé(s))", file=out)


def _export(campaign_file: CampaignFile, directory: Path, lang: str) -> list[Path]:
    return list(
        export(
            campaign_file,
            minutes=directory / f"{CAMPAIGN_NAME}-proces-verbal.pdf",
            awards=directory / f"{CAMPAIGN_NAME}-attributions.xlsx",
            opendata=directory / f"{CAMPAIGN_NAME}-subventions.csv",
            explain="NA-05",
            explain_out=directory / f"{CAMPAIGN_NAME}-explication-NA-05.pdf",
            lang=lang,
            author=AUTHOR,
        )
    )
