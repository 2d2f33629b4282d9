"""The command line (``shared/spec/cli.md``). No Qt on this path: the desktop app
is loaded by name only when asked for, so the CLI runs with no display.

Exit status: 0 done; 1 refused by the input or the campaign's state (one message
on standard error, nothing changed); 2 usage error; 3 ``verify`` found damage;
4 an unexpected internal error (logged with its traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from juryapp import __version__
from juryapp.i18n import _, default_language, set_language

if TYPE_CHECKING:
    from juryapp.store import CampaignFile

# Fast to start: the parser is built without importing the operations, the store or
# the file formats; each command imports what it needs when it runs.

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_DAMAGED, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _guide_epilog() -> str:
    from juryapp.paths import guide_path

    french = _("Guide de l'utilisateur (juryapp guide) : {path}").format(path=guide_path("fr"))
    return f"{french}\nEnglish guide (juryapp guide --lang en): {guide_path('en')}"


class _Parser(argparse.ArgumentParser):
    """Its help ends with where the user guide is installed (looked up only for the help)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        self.epilog = _guide_epilog()
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="juryapp",
        description=_(
            "Délibération de jury pour les appels à projets (AAP, AMI, prix). "
            "Sans commande : ouvre l'application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"juryapp {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("fr", "en"),
        default=None,
        help=_("langue des messages et des documents (fr par défaut)"),
    )
    common.add_argument(
        "--author",
        default=argparse.SUPPRESS,  # so that « decide --author X … tie » keeps it
        metavar=_("« Prénom Nom »"),
        help=_(
            "la personne qui agit, nommée au journal et au PV (par défaut : le ou la "
            "secrétaire du jury, sinon le compte de l'ordinateur)"
        ),
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), default=None, dest="global_lang", help=argparse.SUPPRESS
    )
    # one session of a call that runs over a year (rules §12)
    sessioned = argparse.ArgumentParser(add_help=False)
    sessioned.add_argument(
        "--session",
        default=argparse.SUPPRESS,  # so that « decide --session S2 … withdraw » keeps it
        metavar="CODE",
        help=_("le comité (feuille « Sessions ») ; par défaut le premier qui n'est pas clos"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    def command(name: str, help_text: str, *, by_session: bool = False) -> argparse.ArgumentParser:
        parents = [common, sessioned] if by_session else [common]
        return commands.add_parser(name, help=help_text, parents=parents)

    opener = command("open", _("ouvrir une campagne dans l'application"))
    opener.add_argument("campaign", type=Path)

    template = command("template", _("écrire un classeur de campagne vierge"))
    template.add_argument("out", type=Path)

    new = command("new", _("créer une campagne depuis un classeur"))
    new.add_argument("campaign", type=Path)
    new.add_argument("--from", dest="workbook", type=Path, required=True)

    dossiers = command("dossiers", _("dossiers"))
    dossier_commands = dossiers.add_subparsers(dest="action", metavar="ACTION", required=True)
    dossier_import = dossier_commands.add_parser(
        "import", parents=[common], help=_("ajouter ou mettre à jour des dossiers")
    )
    dossier_import.add_argument("campaign", type=Path)
    dossier_import.add_argument("file", type=Path)
    dossier_import.add_argument("--sheet")
    dossier_import.add_argument("--map", action="append", default=[], metavar="EN-TÊTE=CHAMP")
    dossier_import.add_argument(
        "--table",
        dest="sheet",
        metavar=_("TABLE"),
        help=_("document Grist (.grist) : la table à importer"),
    )
    dossier_import.add_argument(
        "--prefix", help=_("export Démarches Simplifiées : préfixe des références (ex. DS-)")
    )
    dossier_import.add_argument(
        "--attachments",
        type=Path,
        metavar=_("ZIP|DOSSIER"),
        help=_(
            "export Démarches Simplifiées : les pièces jointes (le zip de DS, un dossier par ID, "
            "ou un dossier de fichiers nommés par référence)"
        ),
    )
    for option, what in (
        ("--private", _("une annotation privée, montrée au secrétariat seulement")),
        ("--shared", _("une annotation montrée aux jurés")),
        (
            "--public",
            _("un champ libre montré aux jurés, même si son en-tête fait penser à une annotation"),
        ),
    ):
        dossier_import.add_argument(
            option,
            action="append",
            default=[],
            metavar=_("EN-TÊTE"),
            help=_("export Démarches Simplifiées : cette colonne est {what} (répétable)").format(
                what=what
            ),
        )
    dossier_import.add_argument(
        "--annotations-from",
        metavar=_("EN-TÊTE"),
        help=_(
            "export Démarches Simplifiées : la première colonne des annotations privées "
            "(elle et les suivantes ne sont montrées qu'au secrétariat)"
        ),
    )

    registry = command("registry", _("registre des lauréats passés (soutien unique)"))
    registry_commands = registry.add_subparsers(dest="action", metavar="ACTION", required=True)
    registry_import = registry_commands.add_parser(
        "import",
        parents=[common],
        help=_("ajouter des lauréats passés : listes (.xlsx, .csv) ou campagnes closes (.jury)"),
    )
    registry_import.add_argument("campaign", type=Path)
    registry_import.add_argument("files", type=Path, nargs="+")
    registry_import.add_argument("--sheet")
    registry_list = registry_commands.add_parser(
        "matches", parents=[common], help=_("les dossiers qui correspondent au registre")
    )
    registry_list.add_argument("campaign", type=Path)
    registry_list.add_argument("--json", action="store_true")
    for name, help_text in (
        ("override", _("garder recevable un dossier sûrement déjà soutenu (motif obligatoire)")),
        ("confirm", _("confirmer une correspondance possible : le dossier n'est pas recevable")),
        ("dismiss", _("écarter une correspondance possible : ce n'est pas le même porteur")),
    ):
        ruling = registry_commands.add_parser(name, parents=[common], help=help_text)
        ruling.add_argument("campaign", type=Path)
        ruling.add_argument("--ref", required=True)
        ruling.add_argument("--reason", required=name == "override", default="")

    scores = command("scores", _("notes des jurés"))
    score_commands = scores.add_subparsers(dest="action", metavar="ACTION", required=True)
    sheet = score_commands.add_parser(
        "sheet", parents=[common], help=_("une feuille de notes vierge pour un juré")
    )
    sheet.add_argument("campaign", type=Path)
    sheet.add_argument("--juror", required=True)
    sheet.add_argument("out", type=Path)
    copy = score_commands.add_parser(
        "juror-copy", parents=[common], help=_("une copie de la campagne pour un juré")
    )
    copy.add_argument("campaign", type=Path)
    copy.add_argument("--juror", required=True)
    copy.add_argument("out", type=Path)
    standalone = score_commands.add_parser(
        "coordinator-copy",
        parents=[common],
        help=_("la copie d'un juré en un seul fichier, à remettre au coordinateur"),
    )
    standalone.add_argument("campaign", type=Path)
    standalone.add_argument("out", type=Path)
    merge = score_commands.add_parser(
        "merge", parents=[common], help=_("fusionner copies de jurés et feuilles de notes")
    )
    merge.add_argument("campaign", type=Path)
    merge.add_argument("inputs", type=Path, nargs="+")
    merge.add_argument("--json", action="store_true")

    results = command("results", _("classement, ex aequo, attribution"), by_session=True)
    results.add_argument("campaign", type=Path)
    results.add_argument("--json", action="store_true")

    decide = command("decide", _("enregistrer une décision du jury"), by_session=True)
    decide.add_argument("campaign", type=Path)
    kinds = decide.add_subparsers(dest="kind", metavar="DÉCISION", required=True)
    tie = kinds.add_parser("tie", parents=[common, sessioned], help=_("ordonner des ex aequo"))
    tie.add_argument("--refs", required=True)
    tie.add_argument("--order", required=True)
    tie.add_argument("--votes", help=_("POUR,CONTRE,ABSTENTION"))
    tie.add_argument(
        "--president",
        choices=("pour", "contre"),
        help=_("vote du président, voix prépondérante en cas d'égalité"),
    )
    tie.add_argument("--reason", required=True)
    draw = kinds.add_parser("draw", parents=[common, sessioned], help=_("tirage au sort"))
    draw.add_argument("--refs", required=True)
    draw.add_argument("--seed", type=int, help=_("graine imposée (sinon tirée au hasard)"))
    draw.add_argument("--reason", default="")
    withdraw = kinds.add_parser(
        "withdraw", parents=[common, sessioned], help=_("retirer un dossier")
    )
    withdraw.add_argument("--ref", required=True)
    withdraw.add_argument("--reason", required=True)
    amount = kinds.add_parser("amount", parents=[common, sessioned], help=_("fixer un montant"))
    amount.add_argument("--ref", required=True)
    amount.add_argument("--amount", required=True)
    amount.add_argument("--reason", required=True)
    no_award = kinds.add_parser(
        "no-award", parents=[common, sessioned], help=_("ne pas attribuer une catégorie")
    )
    no_award.add_argument("--category", required=True)
    no_award.add_argument("--reason", required=True)
    carry = kinds.add_parser(
        "carry-over",
        parents=[common, sessioned],
        help=_("reporter un dossier retenu non financé à un comité suivant"),
    )
    carry.add_argument("--ref", required=True)
    carry.add_argument("--to", required=True, metavar="CODE", dest="to_session")
    carry.add_argument("--reason", required=True)

    assign = command("assign", _("répartir les dossiers entre les jurés (rapporteurs)"))
    assign.add_argument("campaign", type=Path)
    assign.add_argument(
        "--per-dossier", type=int, required=True, metavar="K", help=_("rapporteurs par dossier")
    )
    assign.add_argument(
        "--max-load", type=int, metavar="N", help=_("au plus N dossiers par juré (sinon à un près)")
    )
    assign.add_argument(
        "--institutions",
        type=int,
        default=1,
        metavar="M",
        help=_("au moins M organismes différents par dossier"),
    )
    assign.add_argument("--seed", type=int, help=_("graine (pour refaire une répartition)"))
    assign.add_argument("--json", action="store_true")

    rapporteurs = command(
        "rapporteurs", _("changer la répartition à la main (déplacer, échanger, ouvrir à tous)")
    )
    rapporteurs.add_argument("campaign", type=Path)
    changes = rapporteurs.add_subparsers(dest="change", metavar="CHANGEMENT", required=True)
    move = changes.add_parser(
        "move", parents=[common], help=_("donner un dossier à un autre membre votant")
    )
    move.add_argument("--ref", required=True)
    move.add_argument(
        "--from",
        dest="from_juror",
        metavar="JURÉ",
        help=_("le rapporteur remplacé (sans --from : une place libérée par un déport)"),
    )
    move.add_argument("--to", dest="to_juror", metavar="JURÉ", required=True)
    swap = changes.add_parser(
        "swap", parents=[common], help=_("échanger deux dossiers entre deux rapporteurs")
    )
    swap.add_argument("--refs", required=True, metavar="A,B")
    swap.add_argument("--jurors", required=True, metavar="JA,JB")
    for change in (move, swap):
        change.add_argument("--reason", required=True)
        change.add_argument(
            "--force",
            action="store_true",
            help=_("faire le changement même s'il enfreint la répartition (noté au journal)"),
        )
    opener_all = changes.add_parser(
        "open", parents=[common], help=_("ouvrir un dossier à tous les membres votants")
    )
    closer_all = changes.add_parser(
        "close", parents=[common], help=_("rendre un dossier ouvert à tous à ses rapporteurs")
    )
    for change in (opener_all, closer_all):
        change.add_argument("--ref", required=True)
        change.add_argument("--reason", required=opener_all is change, default="")

    agenda = command("agenda", _("l'ordre de la séance : désaccords d'abord, qui sort de la salle"))
    agenda.add_argument("campaign", type=Path)
    agenda.add_argument(
        "--order",
        choices=("disagreement", "category", "rank"),
        default="disagreement",
        help=_(
            "disagreement : désaccords d'abord (par défaut) ; category : catégorie par "
            "catégorie, dans l'ordre des dossiers ; rank : ordre du classement"
        ),
    )
    agenda.add_argument("--json", action="store_true")

    close = command("close", _("clore (sceller) la délibération"), by_session=True)
    close.add_argument("campaign", type=Path)
    reopen = command("reopen", _("rouvrir une délibération close"), by_session=True)
    reopen.add_argument("campaign", type=Path)
    reopen.add_argument("--reason", required=True)

    export = command(
        "export", _("procès-verbal, tableau d'attribution, données ouvertes"), by_session=True
    )
    export.add_argument("campaign", type=Path)
    export.add_argument("--minutes", type=Path)
    export.add_argument("--awards", type=Path)
    export.add_argument("--opendata", type=Path)
    export.add_argument(
        "--ds-annotations",
        type=Path,
        metavar=_("SORTIE.csv"),
        help=_(
            "après la clôture : le résultat de chaque dossier Démarches Simplifiées, par ID, "
            "à reporter sur DS"
        ),
    )
    export.add_argument(
        "--year-summary",
        type=Path,
        metavar=_("BILAN.xlsx|.pdf"),
        help=_(
            "le bilan de l'année : chaque comité, chaque attribution, l'enveloppe de l'année "
            "et ce qu'il en reste, le minimum de projets"
        ),
    )
    export.add_argument("--explain", metavar="REF")
    export.add_argument("--out", type=Path)
    export.add_argument(
        "--sign",
        type=Path,
        metavar="CERT.p12",
        help=_(
            "signer le PV (PAdES) avec ce certificat ; mot de passe : variable "
            "JURYAPP_SIGN_PASSWORD, sinon demandé"
        ),
    )

    verify = command("verify", _("vérifier l'intégrité et le sceau"))
    verify.add_argument("campaign", type=Path)
    verify.add_argument(
        "--seal",
        metavar="HEX",
        help=_("le sceau ou le code de contrôle imprimé sur le PV, à comparer au fichier"),
    )
    verify.add_argument(
        "--pv", type=Path, metavar="PV.pdf", help=_("un PV (signé) à vérifier contre le fichier")
    )

    demo = command("demo", _("une campagne de démonstration, de bout en bout"))
    demo.add_argument("dir", type=Path)

    guide = command("guide", _("afficher le guide de l'utilisateur (ou son chemin)"))
    guide.add_argument("--path", action="store_true", help=_("n'afficher que le chemin du fichier"))
    return parser


def _open(path: Path) -> CampaignFile:
    from juryapp.store import CampaignFile

    return CampaignFile.open(path)


def _refs(text: str) -> list[str]:
    from juryapp.core.errors import OperationError

    refs = [part.strip() for part in text.split(",") if part.strip()]
    if len(refs) < 2:
        raise OperationError(_("Il faut au moins deux références séparées par des virgules."))
    if len(set(refs)) != len(refs):
        raise OperationError(_("Une référence apparaît deux fois."))
    return refs


def _print_ds_report(ds: Any) -> None:
    """What a Démarches Simplifiées export changed (``operations.ds_import.DsReport``)."""
    print(_("Démarche « {procedure} ».").format(procedure=ds.procedure))
    if ds.skipped:
        print(_("  brouillons non importés : {ids}").format(ids=", ".join(ds.skipped)))
    for change in ds.changed:
        mark = " ⚠" if change.flagged else ""
        print(_("  {ref} (ID {id}){mark} :").format(ref=change.ref, id=change.ds_id, mark=mark))
        for line in change.changes:
            print(f"    {line}")
    if ds.absent:
        print(_("  absents de cet export (conservés) : {refs}").format(refs=", ".join(ds.absent)))
    if ds.documents:
        print(_("  pièces jointes ajoutées ou modifiées : {count}").format(count=len(ds.documents)))


def _mapping(pairs: Sequence[str]) -> dict[str, str]:
    from juryapp.core.errors import OperationError

    mapping = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise OperationError(
                _(
                    "--map attend « En-tête=champ », par exemple « Nom du projet=Projet » "
                    "(reçu : « {pair} »)."
                ).format(pair=pair)
            )
        mapping[header.strip()] = field.strip()
    return mapping


def _privacy(
    mapping: dict[str, str], *, private: Sequence[str], shared: Sequence[str], public: Sequence[str]
) -> dict[str, str]:
    """``mapping`` with the columns ``--private``, ``--shared`` and ``--public`` name (a
    header named twice, with different words, is refused)."""
    from juryapp.core.errors import OperationError

    chosen = dict(mapping)
    for headers, target in (
        (private, "annotation"),
        (shared, "annotation partagée"),
        (public, "libre"),
    ):
        for header in (h.strip() for h in headers):
            if header in chosen and chosen[header] != target:
                raise OperationError(
                    _(
                        "La colonne « {header} » est désignée deux fois : « {a} » et « {b} »."
                    ).format(header=header, a=chosen[header], b=target)
                )
            chosen[header] = target
    return chosen


def _print_results(
    campaign_file: CampaignFile, as_json: bool, lang: str, session: str | None = None
) -> None:
    from juryapp.core.report import results_table, results_to_json
    from juryapp.core.sessions import year_json, year_text
    from juryapp.operations.campaign import campaign_info, year_of
    from juryapp.operations.registry import registry_flags

    whole = campaign_file.load()
    view = year_of(whole, session)
    if view is None:
        from juryapp.core.engine import compute_results

        campaign, results = whole, compute_results(whole)  # loaded once, not twice
        info = campaign_info(campaign_file)
    else:
        campaign, results = view.last.campaign, view.last.results
        info = campaign_info(campaign_file, view.last.session)
    if as_json:
        import json

        flags = registry_flags(campaign_file, campaign.dossiers)
        data = results_to_json(results, info, lang, flags)
        if view is not None:
            data.update(year_json(view, whole.rules.minimum_projects))
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if view is not None:
            sys.stdout.write(year_text(view, whole.rules.minimum_projects, lang))
        sys.stdout.write(results_table(results, info, lang))


def _assign(args: argparse.Namespace, author: str | None) -> int:
    from juryapp.operations.assignment import assign
    from juryapp.operations.campaign import author_of

    with _open(args.campaign) as campaign_file:
        report = assign(
            campaign_file,
            args.per_dossier,
            author_of(campaign_file, author),
            max_load=args.max_load,
            institutions=args.institutions,
            seed=args.seed,
        ).value
    if args.json:
        import json

        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        _(
            "Répartition enregistrée : {d} dossier(s), {k} rapporteur(s) chacun, graine {seed}."
        ).format(d=len(report.assignments), k=report.per_dossier, seed=report.seed)
    )
    for ref, jurors in report.assignments.items():
        print(f"  {ref} : {', '.join(jurors)}")
    loads = ", ".join(f"{code} {load}" for code, load in report.loads.items())
    print(_("Charges : {loads}").format(loads=loads))
    return EXIT_OK


def _rapporteurs(args: argparse.Namespace, given: str | None) -> int:
    """``juryapp rapporteurs CAMPAIGN move|swap|open|close``: the assignment changed by
    hand, checked against its constraints and journaled, as in the assignment dialog."""
    from juryapp.core.errors import OperationError
    from juryapp.operations import assignment
    from juryapp.operations.campaign import author_of

    with _open(args.campaign) as campaign_file:
        author = author_of(campaign_file, given)
        if args.change in ("open", "close"):
            opened = args.change == "open"
            changed = assignment.open_to_all(
                campaign_file, args.ref, opened, args.reason, author
            ).value
            if not changed:
                message = (
                    _("Le dossier {ref} était déjà ouvert à tous.")
                    if opened
                    else _("Le dossier {ref} n'était pas ouvert à tous.")
                )
            elif opened:
                message = _("Dossier {ref} ouvert à tous les membres votants.")
            else:
                message = _("Dossier {ref} rendu à ses rapporteurs.")
            print(message.format(ref=args.ref))
            return EXIT_OK
        if args.change == "move":
            broken = assignment.move(
                campaign_file,
                args.ref,
                args.from_juror,
                args.to_juror,
                args.reason,
                author,
                force=args.force,
            ).value
            done = _("Dossier {ref} donné à {to}.").format(ref=args.ref, to=args.to_juror)
        else:
            refs, jurors = (
                [part.strip() for part in text.split(",") if part.strip()]
                for text in (args.refs, args.jurors)
            )
            if len(refs) != 2 or len(jurors) != 2:
                raise OperationError(
                    _("--refs et --jurors attendent deux valeurs chacun, par exemple "
                      "--refs D01,D07 --jurors J2,J5.")
                )  # fmt: skip
            broken = assignment.swap(
                campaign_file,
                (refs[0], jurors[0]),
                (refs[1], jurors[1]),
                args.reason,
                author,
                force=args.force,
            ).value
            done = _("Dossiers échangés : {a} à {jb}, {b} à {ja}.").format(
                a=refs[0], b=refs[1], ja=jurors[0], jb=jurors[1]
            )
    print(done)
    for problem in broken:
        print("  " + _("enfreint (noté au journal) : {problem}").format(problem=problem))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    lang: str = args.lang
    author: str | None = getattr(args, "author", None)  # None: the jury's secretary
    command: str = args.command

    if command == "open":
        return _launch_app([str(args.campaign)])
    if command == "guide":
        from juryapp.paths import guide_path

        guide = guide_path(lang)
        if args.path:
            print(guide)
        else:
            sys.stdout.write(guide.read_text(encoding="utf-8"))
        return EXIT_OK
    if command == "template":
        from juryapp.io.template import write_template

        write_template(args.out, lang)
        print(_("Classeur de campagne écrit : {path}").format(path=args.out))
        return EXIT_OK
    if command == "new":
        from juryapp.operations.campaign import create_from_workbook

        created = create_from_workbook(args.campaign, args.workbook, author)
        with created.file as campaign_file:
            campaign = campaign_file.load()
            print(
                _(
                    "Campagne créée : {path} — « {name} », {d} dossier(s), {c} critère(s), "
                    "{j} juré(s)."
                ).format(
                    path=args.campaign,
                    name=campaign_file.name,
                    d=len(campaign.dossiers),
                    c=len(campaign.criteria),
                    j=len(campaign.jurors),
                )
            )
        for warning in created.warnings:
            print(_("Attention : {w}").format(w=warning), file=sys.stderr)
        return EXIT_OK
    if command == "dossiers":
        from juryapp.operations.campaign import author_of, import_dossiers

        with _open(args.campaign) as campaign_file:
            done = import_dossiers(
                campaign_file,
                args.file,
                author_of(campaign_file, author),
                sheet=args.sheet,
                mapping=_privacy(
                    _mapping(args.map), private=args.private, shared=args.shared, public=args.public
                ),
                prefix=args.prefix,
                annotations_from=args.annotations_from,
                attachments=args.attachments,
            ).value
        report = done.report
        print(
            _(
                "Import de la feuille « {sheet} » : {a} ajouté(s), {u} mis à jour, {n} inchangé(s)."
            ).format(
                sheet=done.sheet,
                a=len(report.added),
                u=len(report.updated),
                n=len(report.unchanged),
            )
        )
        for label, refs in ((_("ajoutés"), report.added), (_("mis à jour"), report.updated)):
            if refs:
                print(f"  {label} : {', '.join(refs)}")
        if done.ds is not None:
            _print_ds_report(done.ds)
        for warning in done.warnings:
            print(_("Attention : {w}").format(w=warning), file=sys.stderr)
        if done.registry:
            from juryapp.core.report import registry_flag_line

            print(_("Registre des lauréats passés :"))
            for flag in done.registry.values():
                print("  " + registry_flag_line(flag, lang))
        return EXIT_OK
    if command == "registry":
        return _registry(args, author, lang)
    if command == "scores":
        return _scores(args, author, lang)
    if command == "results":
        with _open(args.campaign) as campaign_file:
            _print_results(campaign_file, args.json, lang, getattr(args, "session", None))
        return EXIT_OK
    if command == "decide":
        return _decide(args, author, lang)
    if command == "assign":
        return _assign(args, author)
    if command == "rapporteurs":
        return _rapporteurs(args, author)
    if command == "agenda":
        from juryapp.operations.agenda import agenda, agenda_json, agenda_text

        with _open(args.campaign) as campaign_file:
            campaign, pools = agenda(campaign_file, args.order)
        if args.json:
            import json

            print(json.dumps(agenda_json(pools), ensure_ascii=False, indent=2))
        else:
            sys.stdout.write(agenda_text(campaign, pools))
        return EXIT_OK
    if command == "close":
        from juryapp.operations.campaign import author_of
        from juryapp.operations.deliberation import close_deliberation

        with _open(args.campaign) as campaign_file:
            seal = close_deliberation(
                campaign_file, author_of(campaign_file, author), getattr(args, "session", None)
            ).value
        if seal.session is not None:
            print(
                _("Comité {session} clos ; les autres restent ouverts. Sceau SHA-256 : {h}").format(
                    session=seal.session, h=seal.hash
                )
            )
            return EXIT_OK
        print(
            _("Délibération close (version {v}). Sceau SHA-256 : {h}").format(
                v=seal.version, h=seal.hash
            )
        )
        return EXIT_OK
    if command == "reopen":
        from juryapp.operations.campaign import author_of
        from juryapp.operations.deliberation import reopen_deliberation

        with _open(args.campaign) as campaign_file:
            version = reopen_deliberation(
                campaign_file,
                args.reason,
                author_of(campaign_file, author),
                getattr(args, "session", None),
            ).value
        print(
            _("Délibération rouverte ; le prochain procès-verbal sera la version {v}.").format(
                v=version
            )
        )
        return EXIT_OK
    if command == "export":
        return _export(args, author, lang)
    if command == "verify":
        from juryapp.operations.verification import verify_campaign
        from juryapp.store.errors import DamagedFileError

        try:
            with _open(args.campaign) as campaign_file:
                found = verify_campaign(campaign_file, seal=args.seal, pv=args.pv)
        except DamagedFileError as error:
            print(_("Fichier endommagé ou modifié hors de juryapp :"), file=sys.stderr)
            print(f"  - {error}", file=sys.stderr)
            return EXIT_DAMAGED
        if found.ok:
            print(found.summary())
            for line in found.lines:
                print(line)
            return EXIT_OK
        print(found.summary(), file=sys.stderr)
        for problem in found.problems:
            print(f"  - {problem}", file=sys.stderr)
        for line in found.lines:
            print(line)
        return EXIT_DAMAGED
    if command == "demo":
        from juryapp.demo import run_demo

        run_demo(args.dir, lang=lang, out=sys.stdout)
        return EXIT_OK
    raise AssertionError(command)


def _registry(args: argparse.Namespace, given: str | None, lang: str) -> int:
    from juryapp.core.registry import RulingKind
    from juryapp.core.report import registry_flag_json, registry_flag_line
    from juryapp.operations import registry
    from juryapp.operations.campaign import author_of

    with _open(args.campaign) as campaign_file:
        if args.action == "import":
            done = registry.import_registry(
                campaign_file, args.files, author_of(campaign_file, given), sheet=args.sheet
            ).value
            for source in done.sources:
                print(
                    _("{name} : {count} lauréat(s) lu(s), {added} ajouté(s) au registre.").format(
                        name=source.path.name, count=len(source.laureates), added=source.added
                    )
                )
                for warning in source.warnings:
                    print(_("Attention : {w}").format(w=warning), file=sys.stderr)
            if not done.supported_once:
                print(
                    _(
                        "Le règlement de l'appel ne prévoit pas le soutien unique : les "
                        "correspondances sont indiquées sans effet sur la recevabilité."
                    )
                )
            for flag in done.flags.values():
                print("  " + registry_flag_line(flag, lang))
            return EXIT_OK
        if args.action == "matches":
            flags = registry.registry_flags(campaign_file)
            if args.json:
                import json

                print(
                    json.dumps(
                        [registry_flag_json(flag) for flag in flags.values()],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            elif not flags:
                print(_("Aucun dossier ne correspond au registre des lauréats passés."))
            else:
                for flag in flags.values():
                    print(registry_flag_line(flag, lang))
            return EXIT_OK
        kind = {
            "override": RulingKind.OVERRIDE,
            "confirm": RulingKind.CONFIRM,
            "dismiss": RulingKind.DISMISS,
        }[args.action]
        flag = registry.rule_on_match(
            campaign_file, args.ref, kind, args.reason, author_of(campaign_file, given)
        ).value
    print(registry_flag_line(flag, lang))
    return EXIT_OK


def _scores(args: argparse.Namespace, author: str | None, lang: str) -> int:
    from juryapp.operations import copies
    from juryapp.operations.campaign import author_of
    from juryapp.operations.scoring import write_score_sheet

    if args.action == "sheet":
        with _open(args.campaign) as campaign_file:
            write_score_sheet(campaign_file, args.juror, args.out)
        print(
            _("Feuille de notes de {juror} écrite : {path}").format(juror=args.juror, path=args.out)
        )
        return EXIT_OK
    if args.action == "coordinator-copy":
        with _open(args.campaign) as campaign_file:
            written = copies.save_coordinator_copy(campaign_file, args.out)
        print(_("Copie en un seul fichier écrite : {path}").format(path=written))
        return EXIT_OK
    from juryapp.merge.run import MergeRefused

    if args.action == "juror-copy":
        with _open(args.campaign) as campaign_file:
            copies.make_juror_copy(
                campaign_file, args.juror, args.out, author_of(campaign_file, author)
            )
        print(_("Copie de {juror} écrite : {path}").format(juror=args.juror, path=args.out))
        return EXIT_OK
    with _open(args.campaign) as campaign_file:
        try:
            report = copies.merge_files(
                campaign_file, args.inputs, author_of(campaign_file, author)
            ).value
        except MergeRefused as refused:
            if args.json:
                import json

                print(json.dumps(refused.report.to_json(), ensure_ascii=False, indent=2))
            raise
    if args.json:
        import json

        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(report.to_text(lang))
    return EXIT_OK


def _decide(args: argparse.Namespace, given: str | None, lang: str) -> int:
    from juryapp.core.errors import OperationError
    from juryapp.core.model import VoteChoice
    from juryapp.core.money import AmountError, format_cents, parse_amount
    from juryapp.operations import deliberation
    from juryapp.operations.campaign import author_of

    session: str | None = getattr(args, "session", None)
    with _open(args.campaign) as campaign_file:
        author = author_of(campaign_file, given)
        if args.kind == "tie":
            votes = None
            if args.votes:
                try:
                    parts = [int(v) for v in args.votes.split(",")]
                except ValueError:
                    parts = []
                if len(parts) != 3:
                    raise OperationError(
                        _("--votes attend POUR,CONTRE,ABSTENTION, par exemple 5,2,1.")
                    )
                votes = (parts[0], parts[1], parts[2])
            president_vote = VoteChoice(args.president) if args.president else None
            deliberation.decide_tie(
                campaign_file,
                _refs(args.refs),
                _refs(args.order),
                args.reason,
                author,
                votes=votes,
                president_vote=president_vote,
                session=session,
            )
            print(_("Ex aequo départagés : {order}.").format(order=", ".join(_refs(args.order))))
        elif args.kind == "draw":
            seed, order, _results = deliberation.decide_draw(
                campaign_file,
                _refs(args.refs),
                author,
                seed=args.seed,
                reason=args.reason,
                session=session,
            ).value
            print(
                _("Tirage au sort — graine : {seed} — ordre : {order}").format(
                    seed=seed, order=", ".join(order)
                )
            )
        elif args.kind == "withdraw":
            deliberation.decide_withdraw(campaign_file, args.ref, args.reason, author, session)
            print(_("Dossier {ref} retiré.").format(ref=args.ref))
        elif args.kind == "amount":
            try:
                cents = parse_amount(args.amount)
            except AmountError as error:
                raise OperationError(f"--amount : {error}") from None
            deliberation.decide_amount(campaign_file, args.ref, cents, args.reason, author, session)
            print(
                _("Montant de {ref} fixé à {amount}.").format(
                    ref=args.ref, amount=format_cents(cents, lang)
                )
            )
        elif args.kind == "carry-over":
            deliberation.decide_carry_over(
                campaign_file, args.ref, args.to_session, args.reason, author, session
            )
            print(
                _("Dossier {ref} reporté au comité {to}.").format(ref=args.ref, to=args.to_session)
            )
        else:
            deliberation.decide_no_award(campaign_file, args.category, args.reason, author, session)
            print(_("Catégorie {code} non attribuée.").format(code=args.category))
    return EXIT_OK


def _export(args: argparse.Namespace, author: str | None, lang: str) -> int:
    from juryapp.operations.campaign import author_of
    from juryapp.operations.documents import check_request, export

    check_request(
        minutes=args.minutes,
        awards=args.awards,
        opendata=args.opendata,
        explain=args.explain,
        explain_out=args.out,
        ds_annotations=args.ds_annotations,
        year_summary=args.year_summary,
    )
    password = _sign_password() if args.sign is not None else None
    with _open(args.campaign) as campaign_file:
        written = export(
            campaign_file,
            minutes=args.minutes,
            awards=args.awards,
            opendata=args.opendata,
            explain=args.explain,
            explain_out=args.out,
            lang=lang,
            author=author_of(campaign_file, author),
            sign=args.sign,
            sign_password=password,
            ds_annotations=args.ds_annotations,
            session=getattr(args, "session", None),
            year_summary=args.year_summary,
        )
        read_only = campaign_file.read_only
    for path in written:
        print(_("Écrit : {path}").format(path=path))
    if read_only:
        print(_("Campagne en lecture seule : cet export n'est pas inscrit à son journal."))
    return EXIT_OK


def _sign_password() -> bytes | None:
    """The certificate's password: ``JURYAPP_SIGN_PASSWORD``, else asked when a person is
    at the terminal, else none (a certificate without password)."""
    import os

    given = os.environ.get("JURYAPP_SIGN_PASSWORD")
    if given is not None:
        return given.encode("utf-8")
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(_("Mot de passe du certificat : ")).encode("utf-8")
    return None


def _launch_app(argv: list[str]) -> int:
    """The desktop app, loaded by name so that the command line never imports Qt."""
    import importlib

    app = importlib.import_module("juryapp.ui.app")
    result: int = app.main(argv)
    return result


# The refusals the user can act on, by module and class name: an error of a module
# never imported cannot have been raised, so checking needs no import.
_KNOWN_ERRORS: tuple[tuple[str, str], ...] = (
    ("juryapp.core.errors", "OperationError"),
    ("juryapp.store.errors", "StoreError"),
    ("juryapp.io.errors", "InputError"),
    ("juryapp.core.money", "AmountError"),
    ("juryapp.core.grid", "ScoreValueError"),
)


def _file_to_open(parser: argparse.ArgumentParser, arguments: list[str]) -> str | None:
    """``juryapp FILE.jury`` (a file manager's double click): the file, else None."""
    if len(arguments) != 1 or arguments[0].startswith("-"):
        return None
    candidate = arguments[0]
    commands = {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }
    if candidate in commands:
        return None
    if candidate.lower().endswith(".jury") or Path(candidate).is_file():
        return candidate
    return None


def _is_known_error(error: Exception) -> bool:
    for module_name, class_name in _KNOWN_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(error, getattr(module, class_name)):
            return True
    return False


def _damaged_campaign(args: argparse.Namespace) -> str | None:
    """After an unexpected error: the message naming the campaign's damage when the
    campaign file is damaged (a damaged file is the file's fault, not a bug), else None."""
    path = getattr(args, "campaign", None)
    if not isinstance(path, Path) or not path.is_file():
        return None
    from juryapp.store.campaign_file import damage_found
    from juryapp.store.errors import damaged_message

    problems = damage_found(path)
    return damaged_message(path, problems) if problems else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    opened = _file_to_open(parser, arguments)
    if opened is not None:
        set_language(default_language())
        return _launch_app([opened])
    args = parser.parse_args(arguments)
    lang = args.global_lang or getattr(args, "lang", None) or default_language()
    args.lang = lang
    set_language(lang)
    if args.command is None:
        return _launch_app([])
    try:
        return run(args)
    except KeyboardInterrupt:
        print(_("juryapp : interrompu."), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as error:
        if _is_known_error(error):
            print(_("juryapp : {message}").format(message=error), file=sys.stderr)
            return EXIT_REFUSED
        if isinstance(error, FileNotFoundError):
            print(
                _("juryapp : fichier introuvable : {path}").format(path=error.filename),
                file=sys.stderr,
            )
            return EXIT_REFUSED
        damaged = _damaged_campaign(args)
        if damaged is not None:
            print(_("juryapp : {message}").format(message=damaged), file=sys.stderr)
            return EXIT_REFUSED
        from juryapp.logs import write_crash_report

        report = write_crash_report(error)
        print(
            _(
                "juryapp : erreur inattendue. Le détail est enregistré dans {path} ; "
                "merci de le transmettre à l'équipe juryapp."
            ).format(path=report),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
