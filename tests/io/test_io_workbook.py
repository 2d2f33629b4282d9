"""Reading whole campaign workbooks: two real calls, defaults, keywords, formulas."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from io_helpers import GRID, JURY, add_excel_extension, call_sheet, make_workbook

from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    CallRules,
    Category,
    CutoffTie,
    Dossier,
    MajorityRule,
    Mode,
    Nature,
    Normalisation,
    QuorumRule,
    RateBase,
    Reallocation,
    ReallocationKind,
    Recusal,
    Role,
    TieBreakKind,
    TieBreakStep,
)
from juryapp.io.errors import InputError
from juryapp.io.workbook import read_campaign_workbook
from juryapp.io.xlsx import write_text

NNBSP = "\u202f"


def grand_poitiers(tmp_path: Path) -> Path:
    """AAP « Territoire de l'ESS » 2023: three coups de cœur of 7 000 €."""
    return make_workbook(
        tmp_path / "grand-poitiers.xlsx",
        {
            "Appel": call_sheet(
                Nom="Territoire de l'ESS 2023",
                Organisme="Grand Poitiers Communauté urbaine",
                **{"Date du jury": dt.datetime(2023, 6, 12, 14, 0)},
                Lieu="Hôtel de ville, Poitiers",
                Mode="prix",
                Enveloppe=21000,
                Échelle=20,
                Seuil=10,
                Départage="critère:IMPACT ; tirage au sort",
                Réaffectation="aucune",
            ),
            "Critères": GRID,
            "Catégories": [
                ["Code", "Catégorie", "Enveloppe", "Prix", "Plafond", "Taux", "Plancher", "Nature"],
                ["DUR", "Territoire durable", None, 7000],
                ["CIR", "Territoire circulaire", None, f"7{NNBSP}000 €"],
                ["INC", "Territoire inclusif", None, "7 000"],
            ],
            "Jury": JURY,
            "Dossiers": [
                [
                    "Référence",
                    "Projet",
                    "Porteur",
                    "Commune",
                    "Catégorie",
                    "Montant demandé",
                    "Budget global",
                    "Dépenses éligibles",
                    "Recevable",
                    "Motif",
                    "SIRET",
                    "Site web",
                    "Description",
                ],
                [
                    "GP-01",
                    "Atelier vélo solidaire",
                    "La Roue Libre",
                    "Poitiers",
                    "DUR",
                    None,
                    None,
                    None,
                    None,
                    None,
                    "12345678901234",
                    "https://roue.example",
                    "Vélos",
                ],
                [
                    "GP-02",
                    "Ressourcerie des Couronneries",
                    "Emmaüs 86",
                    "Poitiers",
                    "Territoire circulaire",
                    None,
                    None,
                    None,
                    "oui",
                    None,
                    None,
                    None,
                    None,
                ],
                [
                    "GP-03",
                    "Épicerie solidaire",
                    "Le Panier",
                    "Buxerolles",
                    "inc",
                    None,
                    None,
                    None,
                    "non",
                    "dossier incomplet",
                    None,
                    None,
                    "Aide alimentaire",
                ],
                ["GP-04", "Jardin partagé", "Les Incroyables", "Chasseneuil", "CIR"],
            ],
            "Conflits": [
                ["Juré", "Dossier", "Motif"],
                ["J3", "GP-02", "membre du conseil d'administration"],
            ],
        },
    )


def test_grand_poitiers_prize_mode(tmp_path: Path) -> None:
    book = read_campaign_workbook(grand_poitiers(tmp_path))
    campaign = book.campaign
    assert campaign.rules == CallRules(
        name="Territoire de l'ESS 2023",
        authority="Grand Poitiers Communauté urbaine",
        date="12/06/2023 14:00",
        place="Hôtel de ville, Poitiers",
        mode=Mode.PRIZE,
        envelope_cents=2_100_000,
        threshold=10,
        tie_break=(
            TieBreakStep(TieBreakKind.CRITERION, "IMPACT"),
            TieBreakStep(TieBreakKind.DRAW),
        ),
    )
    assert campaign.categories == (
        Category("DUR", "Territoire durable", prizes_cents=(700_000,)),
        Category("CIR", "Territoire circulaire", prizes_cents=(700_000,)),
        Category("INC", "Territoire inclusif", prizes_cents=(700_000,)),
    )
    assert [c.code for c in campaign.criteria] == ["INNO", "IMPACT", "ANCRAGE"]
    inno = campaign.criteria[0]
    assert (inno.weight, inno.min, inno.max, inno.step) == (30, 0, 5, Fraction(1, 2))
    assert inno.description == "Nouveauté de la réponse"
    assert campaign.dossiers[0] == Dossier(
        ref="GP-01",
        title="Atelier vélo solidaire",
        applicant="La Roue Libre",
        town="Poitiers",
        category="DUR",
        siret="12345678901234",
        fields=(("Site web", "https://roue.example"), ("Description", "Vélos")),
    )
    assert [d.category for d in campaign.dossiers] == ["DUR", "CIR", "INC", "CIR"]
    third = campaign.dossiers[2]
    assert (third.admissible, third.inadmissible_reason) == (False, "dossier incomplet")
    assert campaign.dossiers[3].fields == (("Site web", ""), ("Description", ""))
    jurors = {j.code: j for j in campaign.jurors}
    assert jurors["J1"].role is Role.PRESIDENT
    assert (jurors["J2"].role, jurors["J2"].votes, jurors["J2"].attendance) == (
        Role.MEMBER,
        True,
        Attendance.PRESENT,
    )
    assert jurors["J3"].attendance is Attendance.VIDEO
    assert (jurors["J4"].role, jurors["J4"].votes) == (Role.SECRETARY, False)
    assert campaign.recusals == (Recusal("J3", "GP-02", "membre du conseil d'administration"),)
    assert book.warnings == ()


def nouvelle_aquitaine(tmp_path: Path) -> Path:
    """AMI Innovation sociale 2016: 700 000 €, at most 40 000 € a project."""
    return make_workbook(
        tmp_path / "ami-is.xlsx",
        {
            "Appel": [
                ["Paramètre", "Valeur"],
                *call_sheet(
                    Nom="AMI Innovation sociale et sociétale 2016",
                    Organisme="Région Nouvelle-Aquitaine",
                    Mode="enveloppe",
                    Enveloppe="700 000 €",
                    Plafond=f"40{NNBSP}000,00{NNBSP}€",
                    Taux="50 %",
                    **{"Base du taux": "Budget global"},
                    Plancher=5000,
                    **{"Financement partiel": "oui"},
                    Suite="suivant",
                    **{"Égalité au seuil": "égal"},
                    Échelle=100,
                    Seuil="60",
                    Agrégation="Médiane",
                    Normalisation="z-score",
                    Départage="critère:impact;vote",
                    Réaffectation="réserve",
                    Quorum="majorité",
                    Majorité="présents",
                    **{"Notes minimum": 4},
                ),
            ],
            "Critères": GRID,
            "Catégories": [
                ["Code", "Catégorie", "Nature"],
                ["SERV", "Innovation de services ou de produits", None],
                ["ORGA", "Innovation organisationnelle", "subvention"],
                ["TERR", "Innovation territoriale", "avance remboursable"],
            ],
            "Jury": JURY,
            "Dossiers": [
                [
                    "Référence",
                    "Projet",
                    "Porteur",
                    "Commune",
                    "Catégorie",
                    "Montant demandé (€)",
                    "Budget global (en €)",
                    "Recevable",
                    "Motif",
                ],
                [
                    "IS-001",
                    "Groupement textile solidaire",
                    "GTS Nouvelle Aquitaine",
                    "Mérignac",
                    "ORGA",
                    18354,
                    48858,
                ],
                [
                    "IS-002",
                    "Coopérative des Tiers-Lieux",
                    "Travailler Autrement",
                    "Pomerol",
                    "SERV",
                    "22 500",
                    90000,
                ],
                [
                    "IS-003",
                    "Plate-forme mobilité et insertions",
                    "PF Mobilité",
                    "Tarnos",
                    "TERR",
                    40000,
                    "120 500,00",
                ],
                [
                    "IS-004",
                    "Banque alimentaire : transformation des produits frais",
                    "Banque Alimentaire de la Haute-Vienne",
                    "Limoges",
                    "SERV",
                    40000,
                    "374 696,80 €",
                ],
                [
                    "IS-005",
                    "Tiers-lieu hors délai",
                    "Asso X",
                    "Pau",
                    "TERR",
                    None,
                    None,
                    "non",
                    "dossier déposé hors délai",
                ],
            ],
        },
    )


def test_nouvelle_aquitaine_envelope_mode(tmp_path: Path) -> None:
    book = read_campaign_workbook(nouvelle_aquitaine(tmp_path))
    campaign = book.campaign
    assert campaign.rules == CallRules(
        name="AMI Innovation sociale et sociétale 2016",
        authority="Région Nouvelle-Aquitaine",
        mode=Mode.ENVELOPE,
        envelope_cents=70_000_000,
        cap_cents=4_000_000,
        rate=Fraction(1, 2),
        rate_base=RateBase.TOTAL_BUDGET,
        floor_cents=500_000,
        partial_funding=True,
        after_miss=AfterMiss.NEXT,
        cutoff_tie=CutoffTie.EQUAL,
        scale=100,
        threshold=60,
        aggregation=Aggregation.MEDIAN,
        normalisation=Normalisation.ZSCORE,
        tie_break=(TieBreakStep(TieBreakKind.CRITERION, "IMPACT"), TieBreakStep(TieBreakKind.VOTE)),
        reallocation=Reallocation(ReallocationKind.RESERVE),
        quorum=QuorumRule.MAJORITY,
        majority=MajorityRule.PRESENT,
        min_scores=4,
    )
    assert isinstance(campaign.rules.rate, Fraction)
    assert [(c.code, c.nature) for c in campaign.categories] == [
        ("SERV", Nature.GRANT),
        ("ORGA", Nature.GRANT),
        ("TERR", Nature.REPAYABLE_ADVANCE),
    ]
    amounts = [(d.ref, d.requested_cents, d.total_budget_cents) for d in campaign.dossiers]
    assert amounts == [
        ("IS-001", 1_835_400, 4_885_800),
        ("IS-002", 2_250_000, 9_000_000),
        ("IS-003", 4_000_000, 12_050_000),
        ("IS-004", 4_000_000, 37_469_680),
        ("IS-005", None, None),
    ]
    assert campaign.dossiers[4].admissible is False
    assert campaign.recusals == ()
    assert book.warnings == ()


def test_defaults_of_a_minimal_call(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "min.xlsx",
        {
            "Appel": call_sheet(Nom="Appel minimal", Enveloppe=10000),
            "Critères": [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20]],
            "Jury": [["Code", "Nom"], ["J1", "Anne Martin"]],
        },
    )
    book = read_campaign_workbook(path)
    assert book.campaign.rules == CallRules(name="Appel minimal", envelope_cents=1_000_000)
    assert book.campaign.criteria[0].min == 0 and book.campaign.criteria[0].step == 1
    assert book.campaign.dossiers == ()
    assert [(j.code, j.votes) for j in book.campaign.jurors] == [("J1", True)]
    assert any("aucun dossier" in w for w in book.warnings)


def test_a_call_without_a_voting_jury_is_refused(tmp_path: Path) -> None:
    sheets = {
        "Appel": call_sheet(Nom="Appel sans jury", Enveloppe=10000),
        "Critères": [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20]],
    }
    sheets["Jury"] = [["Code", "Nom"]]
    with pytest.raises(InputError, match=r"Jury.*aucun membre du jury avec voix"):
        read_campaign_workbook(make_workbook(tmp_path / "sans-jury.xlsx", sheets))
    sheets["Jury"] = [["Code", "Nom", "Rôle"], ["S", "Secrétaire", "secrétaire"]]
    with pytest.raises(InputError, match="aucun membre du jury avec voix"):
        read_campaign_workbook(make_workbook(tmp_path / "secretaire.xlsx", sheets))


def test_english_sheet_names_headers_and_keys(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "english.xlsx",
        {
            "CALL": [
                ["Name", "Prize call"],
                ["Mode", "prize"],
                ["Prizes", "5 000 ; 3 000 ; 2 000"],
                ["Tie-break", "Majority judgment"],
                ["Scale", "10"],
            ],
            "Criteria": [
                ["code", "CRITERION", "Weight", "Min", "Max", "Step"],
                ["Q", "Quality", "1,5", "0", "5", "0,5"],
            ],
            "Jury": [
                ["Code", "Name", "Role", "Vote", "Attendance", "Organisation"],
                ["A", "Ann", "chair", "no", "video", "X"],
                ["B", "Bob", "member", "yes", "present", "Y"],
            ],
            "Applications": [
                [
                    "Reference",
                    "Project",
                    "Applicant",
                    "Town",
                    "Requested (€)",
                    "Eligible expenses",
                    "Admissible",
                    "Reason",
                ],
                ["R1", "Project one", "Org", "Niort", "1 000", "2 000", "yes", None],
            ],
            "Conflicts": [["Juror", "Dossier", "Reason"], ["a", "r1", "friend"]],
        },
    )
    campaign = read_campaign_workbook(path).campaign
    assert campaign.rules.mode is Mode.PRIZE
    assert campaign.rules.prizes_cents == (500_000, 300_000, 200_000)
    assert campaign.rules.envelope_cents == 1_000_000
    assert campaign.rules.scale == 10
    assert campaign.rules.tie_break == (TieBreakStep(TieBreakKind.MAJORITY_JUDGMENT),)
    assert campaign.criteria[0].weight == Fraction(3, 2)
    juror = campaign.jurors[0]
    assert (juror.role, juror.votes, juror.attendance) == (Role.PRESIDENT, False, Attendance.VIDEO)
    assert campaign.dossiers[0].eligible_expenses_cents == 200_000
    assert campaign.recusals == (Recusal("A", "R1", "friend"),)


def test_header_row_below_a_title(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "title.xlsx",
        {
            "Appel": call_sheet(Nom="X", Enveloppe=1000),
            "Critères": [
                ["Grille de l'appel 2024"],
                [],
                ["Code", "Critère", "Poids", "Max"],
                ["Q", "Qualité", 1, 20],
            ],
        },
    )
    assert read_campaign_workbook(path).campaign.criteria[0].code == "Q"


# --- scenario 24: formula-like text ------------------------------------------------

FORMULA_TITLE = '=HYPERLINK("http://x","y")'


def test_formula_like_title_comes_in_as_text(tmp_path: Path) -> None:
    path = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Appel"
    wb.active.append(["Nom", "Appel"])
    wb.active.append(["Enveloppe", 1000])
    wb.create_sheet("Critères").append(["Code", "Critère", "Poids", "Max"])
    wb["Critères"].append(["Q", "Qualité", 1, 20])
    wb.create_sheet("Jury").append(["Code", "Nom"])
    wb["Jury"].append(["J1", "Anne Martin"])
    dossiers = wb.create_sheet("Dossiers")
    dossiers.append(["Référence", "Projet", "Montant demandé", "Note"])
    # Typed by a user: openpyxl stores it as a real formula.
    dossiers.append(["D1", FORMULA_TITLE, 500, "=1+1"])
    wb.save(path)
    assert openpyxl.load_workbook(path)["Dossiers"]["B2"].data_type == "f"

    dossier = read_campaign_workbook(path).campaign.dossiers[0]
    assert dossier.title == FORMULA_TITLE
    assert dossier.fields == (("Note", "=1+1"),)

    # Written back with write_text, reloaded: still text, never a formula.
    out = tmp_path / "awards.xlsx"
    wb_out = openpyxl.Workbook()
    write_text(wb_out.active["A1"], dossier.title)
    wb_out.save(out)
    cell = openpyxl.load_workbook(out).active["A1"]
    assert cell.value == FORMULA_TITLE
    assert cell.data_type == "s"


def test_formula_in_an_amount_without_cached_value_is_refused(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Appel": call_sheet(Nom="X", Enveloppe=1000),
            "Critères": [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20]],
            "Dossiers": [["Référence", "Projet", "Montant demandé"], ["D1", "P", "=500*2"]],
        },
    )
    with pytest.raises(InputError) as caught:
        read_campaign_workbook(path)
    assert str(caught.value).startswith(
        "budget.xlsx, feuille « Dossiers », ligne 2, colonne C (Montant demandé) : "
        "formule sans valeur calculée : « =500*2 »"
    )


# --- scenario 4: amounts from real cells ----------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        7000,
        7000.0,
        "7000",
        "7 000",
        f"7{NNBSP}000 €",
        "7 000,00",
        f"7{NNBSP}000,00{NNBSP}€",
        "7\u00a0000,00\u00a0€",
        "7000.00",
        "7.000,00",
    ],
)
def test_scenario_4_amounts(tmp_path: Path, cell: object) -> None:
    path = make_workbook(
        tmp_path / "amounts.xlsx",
        {
            "Appel": call_sheet(Nom="X", Enveloppe=cell),
            "Critères": [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20]],
            "Dossiers": [["Référence", "Projet", "Montant demandé"], ["D1", "P", cell]],
        },
    )
    campaign = read_campaign_workbook(path).campaign
    assert campaign.rules.envelope_cents == 700_000
    assert campaign.dossiers[0].requested_cents == 700_000


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (-5, "montant négatif : « -5 »"),
        ("abc", "montant illisible : « abc »"),
        ("7,000,00", "montant illisible : « 7,000,00 »"),
        ("7,000", "montant ambigu : « 7,000 »"),
    ],
)
def test_scenario_4_bad_amounts_name_the_cell(tmp_path: Path, cell: object, message: str) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Appel": call_sheet(Nom="X", Enveloppe=1000),
            "Critères": [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20]],
            "Dossiers": [
                ["Référence", "Projet", "Porteur", "Commune", "Catégorie", "Montant demandé"],
                ["D1", "P", None, None, None, 100],
                ["D2", "P", None, None, None, 200],
                ["D3", "P", None, None, None, 300],
                ["D4", "P", None, None, None, 400],
                ["D5", "P", None, None, None, 500],
                ["D6", "P", None, None, None, cell],
            ],
        },
    )
    with pytest.raises(InputError) as caught:
        read_campaign_workbook(path)
    assert str(caught.value).startswith(
        f"budget.xlsx, feuille « Dossiers », ligne 7, colonne F (Montant demandé) : {message}"
    )


def test_excel_extensions_leak_no_warning(tmp_path: Path) -> None:
    """pytest turns warnings into errors: openpyxl's must stay inside the reader."""
    path = grand_poitiers(tmp_path)
    add_excel_extension(path)
    with pytest.warns(UserWarning, match="extension is not supported"):
        openpyxl.load_workbook(path)
    assert len(read_campaign_workbook(path).campaign.dossiers) == 4
