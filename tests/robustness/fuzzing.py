"""Damaged and hostile files against the command line: the fuzzer.

:func:`run_fuzz` mutates real files — campaigns (open and sealed), a juror copy,
a score sheet, a campaign workbook and a dossier import — with a fixed seed, and
runs the commands that read them, in-process (``juryapp.cli.main`` with captured
output). Each run is checked against the command line's promise:

- no exit 4 (an unexpected error) and no traceback on standard error;
- ``verify`` exits 0 or 3 (1 only for « a newer version of juryapp »);
- every other command exits 0 or 1, and on 1 prints one message (``juryapp : …``)
  and leaves the campaign file byte for byte as it was (SHA-256 before and after),
  and a refused ``new`` or ``juror-copy`` leaves no file behind;
- no crash report is written, and no temporary file is left beside the files.

The mutations: byte flips, truncation, zeroed or random pages, appended garbage;
SQL edits (delete or duplicate a row, change a value to a hostile one, drop a
table, index or trigger); XML edits inside the xlsx zips (a cell's value or type,
a shared string, a deleted element, a truncated part, a removed part, a
DOCTYPE), then re-zipped.

``python -m tests.robustness.fuzzing N [SEED]`` runs N mutations and prints the
figures (``bash packaging/bootstrap.sh fuzz N``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from juryapp.cli import main
from juryapp.store import CampaignFile
from tests.plugin.workbooks import GRAND_POITIERS, write_book

HOSTILE_VALUES: tuple[object, ...] = (
    None, "", "abc", -1, 0, 1e308, -1e308, 9223372036854775807, -9223372036854775808,
    "1E+20", "{", "[]", "{}", '{"a": 1}', "null", "x" * 5000, b"\x00\xff\xfe", 3.5,
    "2026-13-45T99:99:99", "9/0", "1/3", "NaN", "J1", "GP-01", "DUR", "🙂", "\x00",
)  # fmt: skip

HOSTILE_CELLS: tuple[str, ...] = (
    "1E+20", "-5", "abc", "1e400", "NaN", "99999999999999999999", "", "4,5", "=1+1",
    "1/0", "0x10", "inf", "-0", "10.5", "4.25", "J9", "GP-99", "oui", "x" * 300,
)  # fmt: skip

SCORES = {  # juror -> ref -> (UTIL, ESS, TERR)
    "J1": {"GP-01": (8, 7, 9), "GP-02": (8, 7, 9), "GP-03": (6, 6.5, 7), "GP-04": (9, 8, 8)},
    "J2": {"GP-01": (7, 8, 8), "GP-02": (7, 8, 8), "GP-03": (7, 7, 7), "GP-05": (6, 6, 6)},
    "J3": {"GP-01": (9, 9, 9), "GP-02": (9, 9, 9), "GP-03": (8, 8, 8), "GP-04": (7, 7, 7)},
}


@dataclass
class Outcome:
    command: str
    status: int
    err: str


@dataclass
class Stats:
    mutations: int = 0
    runs: int = 0
    exits: Counter[tuple[str, int]] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        codes = Counter(status for (_command, status), n in self.exits.items() for _ in range(n))
        lines = [
            f"{self.mutations} mutations, {self.runs} command runs in {self.seconds:.1f} s",
            "mutations by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(self.by_kind.items())),
            "exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())),
            "by command: "
            + ", ".join(f"{cmd} → {st}: {n}" for (cmd, st), n in sorted(self.exits.items())),
            f"failures: {len(self.failures)}",
        ]
        return "\n".join(lines + [f"  - {f}" for f in self.failures[:20]])


def run_cli(*args: object) -> tuple[int, str, str]:
    """``juryapp`` in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(["--lang", "fr", *(str(a) for a in args)])
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


def file_hash(path: Path) -> str:
    if not path.exists():
        return "absent"
    digest = hashlib.sha256(path.read_bytes())
    for suffix in ("-wal", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            digest.update(side.read_bytes())
    return digest.hexdigest()


# --- the files mutated ---------------------------------------------------------------------


@dataclass(frozen=True)
class Seeds:
    """The intact files every mutation starts from."""

    folder: Path
    workbook: Path  # the campaign workbook (``new``)
    fresh: Path  # a campaign with no score (the merge and import target)
    scored: Path  # scores, a recusal and a decision, open
    sealed: Path  # the same, closed
    copy: Path  # J1's juror copy, with scores
    sheet: Path  # J2's score sheet, filled in
    dossiers: Path  # a dossier import workbook


def _check(status: int, err: str, what: str) -> None:
    if status != 0:
        raise RuntimeError(f"preparing the fuzz files: {what} exited {status}: {err}")


def make_seeds(folder: Path) -> Seeds:
    folder.mkdir(parents=True, exist_ok=True)
    workbook = write_book(folder / "appel.xlsx", GRAND_POITIERS)
    fresh = folder / "vierge.jury"
    _check(*run_cli("new", fresh, "--from", workbook)[::2], "new")
    scored = folder / "notee.jury"
    shutil.copyfile(fresh, scored)
    with CampaignFile.open(scored) as campaign:
        for juror, grids in SCORES.items():
            for ref, (util, ess, terr) in grids.items():
                campaign.set_scores(juror, ref, {"UTIL": util, "ESS": ess, "TERR": terr}, juror)
        campaign.set_comment("J1", "GP-01", "Très bon projet, à soutenir.", "J1")
    _check(
        *run_cli(
            "decide", scored, "tie", "--refs", "GP-01,GP-02", "--order", "GP-01,GP-02",
            "--votes", "3,0,0", "--reason", "vote du jury",
        )[::2],
        "decide",
    )  # fmt: skip
    sealed = folder / "scellee.jury"
    shutil.copyfile(scored, sealed)
    _check(*run_cli("close", sealed)[::2], "close")
    copy = folder / "copie-J1.jury"
    _check(*run_cli("scores", "juror-copy", scored, "--juror", "J1", copy)[::2], "juror-copy")
    sheet = folder / "notes-J2.xlsx"
    _check(*run_cli("scores", "sheet", fresh, "--juror", "J2", sheet)[::2], "sheet")
    book = openpyxl.load_workbook(sheet)
    notes = book["Notes"]
    headers = [cell.value for cell in notes[1]]
    for row in notes.iter_rows(min_row=2):
        if row[1].value in SCORES["J2"]:
            for header, value in zip(
                ("UTIL", "ESS", "TERR"), SCORES["J2"][row[1].value], strict=True
            ):
                column = next(i for i, h in enumerate(headers) if h and str(h).startswith(header))
                row[column].value = value
    book.save(sheet)
    dossiers = write_book(
        folder / "dossiers.xlsx",
        {
            "Dossiers": [
                ("Référence", "Projet", "Porteur", "Catégorie", "Recevable"),
                ("GP-07", "Recyclerie", "Asso R", "CIR", "oui"),
                ("GP-08", "Tiers-lieu", "Asso T", "INC", "oui"),
                ("GP-01", "Ressourcerie mobile (nouvelle version)", "Ressources", "DUR", "oui"),
            ]
        },
    )
    return Seeds(folder, workbook, fresh, scored, sealed, copy, sheet, dossiers)


# --- mutations -------------------------------------------------------------------------------


def mutate_bytes(rng: random.Random, path: Path) -> str:
    data = bytearray(path.read_bytes())
    choice = rng.randrange(5)
    if choice == 0:
        count = rng.choice((1, 1, 2, 4, 16))
        for _ in range(count):
            position = rng.randrange(len(data))
            data[position] ^= 1 << rng.randrange(8)
        what = f"{count} bit flip(s)"
    elif choice == 1:
        cut = rng.randrange(len(data))
        del data[cut:]
        what = f"truncated at {cut}"
    elif choice == 2:
        page = 4096 if path.suffix == ".jury" else 512
        start = rng.randrange(max(len(data) // page, 1)) * page
        filler = bytes(page) if rng.random() < 0.5 else rng.randbytes(page)
        data[start : start + page] = filler[: len(data[start : start + page])]
        what = f"page at {start} overwritten"
    elif choice == 3:
        data += rng.randbytes(rng.randrange(1, 5000))
        what = "garbage appended"
    else:
        position = rng.randrange(min(len(data), 100))
        data[position] = rng.randrange(256)
        what = f"header byte {position} changed"
    path.write_bytes(bytes(data))
    return what


def _tables(connection: sqlite3.Connection) -> list[str]:
    return [
        str(r[0])
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _columns(connection: sqlite3.Connection, name: str) -> list[str]:
    return [str(r[1]) for r in connection.execute(f'PRAGMA table_info("{name}")')]


def mutate_sql(rng: random.Random, path: Path) -> str:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for (trigger,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{trigger}"')
        connection.execute("PRAGMA foreign_keys=OFF")
        tables = _tables(connection)
        favourite = ("campaign", "seal", "score", "journal", "decision", "dossier", "juror")
        name = rng.choice([t for t in tables if t in favourite] * 3 + tables)
        rowids = [r[0] for r in connection.execute(f'SELECT rowid FROM "{name}"')]
        choice = rng.randrange(6)
        if choice <= 1 and rowids:
            rowid = rng.choice(rowids)
            connection.execute(f'DELETE FROM "{name}" WHERE rowid = ?', (rowid,))
            return f"row deleted from {name}"
        if choice == 2 and rowids:
            columns = _columns(connection, name)
            row = list(connection.execute(
                f'SELECT * FROM "{name}" WHERE rowid = ?', (rng.choice(rowids),)
            ).fetchone())  # fmt: skip
            key = rng.randrange(len(columns))
            row[key] = (row[key] + 1000) if isinstance(row[key], int) else f"{row[key]}-bis"
            marks = ", ".join("?" for _ in columns)
            try:
                connection.execute(f'INSERT INTO "{name}" VALUES ({marks})', row)
            except sqlite3.Error:
                connection.execute(f'INSERT OR REPLACE INTO "{name}" VALUES ({marks})', row)
            return f"row duplicated in {name}"
        if choice <= 4 and rowids:
            column = rng.choice(_columns(connection, name))
            value = rng.choice(HOSTILE_VALUES)
            try:
                connection.execute(
                    f'UPDATE "{name}" SET "{column}" = ? WHERE rowid = ?',
                    (value, rng.choice(rowids)),
                )
            except sqlite3.Error:
                connection.execute(
                    f'UPDATE OR REPLACE "{name}" SET "{column}" = NULL WHERE rowid = ?',
                    (rng.choice(rowids),),
                )
            return f"{name}.{column} set to {str(value)[:20]!r}"
        kind = rng.choice(("table", "index"))
        names = [
            str(r[0])
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'",
                (kind,),
            )
        ]
        if names:
            dropped = rng.choice(names)
            connection.execute(f'DROP {kind.upper()} "{dropped}"')
            return f"{kind} {dropped} dropped"
        return "no change"
    except sqlite3.Error as error:
        return f"SQL edit failed ({error})"
    finally:
        connection.close()


_XML_EDITS = ("value", "string", "type", "delete", "truncate", "remove", "doctype", "row")


def mutate_xlsx(rng: random.Random, path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    xml_parts = [i for i, (name, _data) in enumerate(parts) if name.endswith(".xml")]
    weighted = [
        i for i in xml_parts if "worksheets" in parts[i][0] or "sharedStrings" in parts[i][0]
    ]
    index = rng.choice(weighted * 4 + xml_parts)
    name, data = parts[index]
    text = data.decode("utf-8", "replace")
    edit = rng.choice(_XML_EDITS)
    what = f"{name}: {edit}"
    if edit == "value":
        found = list(re.finditer(r"<v>[^<]*</v>", text))
        if found:
            match = rng.choice(found)
            text = f"{text[: match.start()]}<v>{rng.choice(HOSTILE_CELLS)}</v>{text[match.end() :]}"
    elif edit == "string":
        found = list(re.finditer(r"<t(?: [^>]*)?>[^<]*</t>", text))
        if found:
            match = rng.choice(found)
            value = rng.choice(HOSTILE_CELLS).replace("&", "&amp;").replace("<", "&lt;")
            text = f"{text[: match.start()]}<t>{value}</t>{text[match.end() :]}"
    elif edit == "type":
        found = list(re.finditer(r' t="[a-zA-Z]+"', text)) or list(re.finditer(r"<c ", text))
        if found:
            match = rng.choice(found)
            kind = rng.choice(("s", "n", "b", "e", "str", "inlineStr", "d", "zz"))
            replacement = f' t="{kind}"' if match.group().startswith(" t=") else f'<c t="{kind}" '
            text = f"{text[: match.start()]}{replacement}{text[match.end() :]}"
    elif edit == "delete":
        found = list(
            re.finditer(
                r"<(c|row|sheet|si|Relationship|Override)\b[^>]*?(/>|>.*?</\1>)", text, re.S
            )
        )
        if found:
            match = rng.choice(found)
            text = text[: match.start()] + text[match.end() :]
    elif edit == "truncate":
        text = text[: rng.randrange(len(text) + 1)]
    elif edit == "remove":
        del parts[index]
        text = ""
    elif edit == "doctype":
        entity = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        text = re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + entity, text, count=1)
    elif edit == "row":
        found = list(re.finditer(r'\br="(\d+)"', text))
        if found:
            match = rng.choice(found)
            number = rng.choice(("0", "-1", "1048577", "99999999999", "abc"))
            text = f'{text[: match.start()]}r="{number}"{text[match.end() :]}'
    if edit != "remove":
        parts[index] = (name, text.encode("utf-8"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, part_data in parts:
            archive.writestr(part_name, part_data)
    return what


# --- one mutation ----------------------------------------------------------------------------


class Fuzzer:
    def __init__(self, seeds: Seeds, work: Path, log_dir: Path, rng: random.Random) -> None:
        self.seeds = seeds
        self.work = work
        self.log_dir = log_dir
        self.rng = rng
        self.stats = Stats()

    def fail(self, text: str) -> None:
        """Record a failure and keep the files it ran on (in ``failures/``), to replay it."""
        self.stats.failures.append(text)
        kept = self.work.parent / "failures" / str(len(self.stats.failures))
        kept.mkdir(parents=True, exist_ok=True)
        for path in self.work.iterdir():
            if path.is_file():
                shutil.copyfile(path, kept / path.name)

    def run(self, label: str, *args: object, campaign: Path | None = None) -> Outcome:
        before = file_hash(campaign) if campaign is not None else None
        status, _out, err = run_cli(*args)
        if args[0] in ("scores", "dossiers"):
            command = f"{args[0]} {args[1]}"
        elif args[0] == "decide":
            command = f"decide {args[2]}"
        else:
            command = str(args[0])
        self.stats.runs += 1
        self.stats.exits[(command, status)] += 1
        if status == 4:
            self.fail(f"{label}: {command} exited 4: {err.strip()[:300]}")
        if "Traceback" in err:
            self.fail(f"{label}: {command} printed a traceback")
        if command == "verify":
            newer = "version plus récente" in err
            if status not in (0, 3, 4) and not (status == 1 and newer):
                self.fail(f"{label}: verify exited {status}: {err.strip()[:200]}")
        elif status not in (0, 1, 4):
            self.fail(f"{label}: {command} exited {status}: {err.strip()[:200]}")
        if status == 1:
            if not err.strip():
                self.fail(f"{label}: {command} refused without a message")
            if campaign is not None and file_hash(campaign) != before:
                self.fail(f"{label}: {command} refused but changed {campaign.name}")
        return Outcome(command, status, err)

    def fresh_copy(self, source: Path, name: str) -> Path:
        target = self.work / name
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o600)
        return target

    def campaign(self, index: int) -> None:
        source = self.seeds.sealed if self.rng.random() < 0.4 else self.seeds.scored
        target = self.fresh_copy(source, "cible.jury")
        how = mutate_sql if self.rng.random() < 0.55 else mutate_bytes
        what = how(self.rng, target)
        label = f"#{index} campaign {source.name}, {what}"
        self.stats.by_kind[f"campaign/{how.__name__[7:]}"] += 1
        self.run(label, "verify", target, campaign=target)
        out = self.work / "sortie"
        actions: list[tuple[object, ...]] = [
            ("results", target, "--json"),
            ("export", target, "--opendata", out.with_suffix(".csv")),
            ("export", target, "--awards", out.with_suffix(".xlsx")),
            ("decide", target, "withdraw", "--ref", "GP-03", "--reason", "retrait"),
            ("decide", target, "amount", "--ref", "GP-04", "--amount", "1 000", "--reason", "r"),
            ("scores", "juror-copy", target, "--juror", "J2", self.work / "copie-J2.jury"),
            ("close", target),
            ("scores", "merge", target, self.seeds.copy),
            ("dossiers", "import", target, self.seeds.dossiers),
        ]
        if index % 10 == 0:
            actions.append(("export", target, "--minutes", out.with_suffix(".pdf")))
        action = self.rng.choice(actions)
        outcome = self.run(label, *action, campaign=target)
        copy = self.work / "copie-J2.jury"
        if action[1] == "juror-copy":
            if outcome.status == 1 and copy.exists():
                self.fail(f"{label}: a refused juror copy left {copy.name}")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)

    def copy(self, index: int) -> None:
        target = self.fresh_copy(self.seeds.fresh, "cible.jury")
        copy = self.fresh_copy(self.seeds.copy, "copie-J1.jury")
        how = mutate_sql if self.rng.random() < 0.55 else mutate_bytes
        what = how(self.rng, copy)
        self.stats.by_kind[f"copy/{how.__name__[7:]}"] += 1
        label = f"#{index} juror copy, {what}"
        self.run(label, "scores", "merge", target, copy, campaign=target)

    def sheet(self, index: int) -> None:
        target = self.fresh_copy(self.seeds.fresh, "cible.jury")
        sheet = self.fresh_copy(self.seeds.sheet, "notes-J2.xlsx")
        how = mutate_xlsx if self.rng.random() < 0.75 else mutate_bytes
        what = how(self.rng, sheet)
        self.stats.by_kind[f"sheet/{how.__name__[7:]}"] += 1
        label = f"#{index} score sheet, {what}"
        self.run(label, "scores", "merge", target, sheet, campaign=target)

    def workbook(self, index: int) -> None:
        book = self.fresh_copy(self.seeds.workbook, "appel.xlsx")
        how = mutate_xlsx if self.rng.random() < 0.75 else mutate_bytes
        what = how(self.rng, book)
        self.stats.by_kind[f"workbook/{how.__name__[7:]}"] += 1
        label = f"#{index} campaign workbook, {what}"
        created = self.work / "nouvelle.jury"
        outcome = self.run(label, "new", created, "--from", book)
        if outcome.status != 0 and created.exists():
            self.fail(f"{label}: a refused new left {created.name}")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{created}{suffix}").unlink(missing_ok=True)

    def dossiers(self, index: int) -> None:
        target = self.fresh_copy(self.seeds.scored, "cible.jury")
        book = self.fresh_copy(self.seeds.dossiers, "dossiers.xlsx")
        how = mutate_xlsx if self.rng.random() < 0.75 else mutate_bytes
        what = how(self.rng, book)
        self.stats.by_kind[f"import/{how.__name__[7:]}"] += 1
        label = f"#{index} dossier import, {what}"
        self.run(label, "dossiers", "import", target, book, campaign=target)

    def one(self, index: int) -> None:
        kinds: tuple[Callable[[int], None], ...] = (
            self.campaign, self.campaign, self.campaign, self.copy, self.sheet, self.sheet,
            self.workbook, self.dossiers,
        )  # fmt: skip
        self.rng.choice(kinds)(index)
        self.stats.mutations += 1

    def check_leftovers(self) -> None:
        strays = [p.name for p in self.work.iterdir() if p.name.startswith(".")]
        if strays:
            self.fail(f"temporary files left behind: {strays[:5]}")
        reports = list(self.log_dir.glob("erreur-*.txt"))
        if reports:
            self.fail(f"{len(reports)} crash report(s) written, e.g. {reports[0].name}")


def run_fuzz(count: int, seed: int, folder: Path, seeds: Seeds | None = None) -> Stats:
    """``count`` mutations from ``seed`` in ``folder`` (from ``seeds``, else new ones made
    there); the figures and the failures."""
    started = time.perf_counter()
    log_dir = folder / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("JURYAPP_LOG_DIR")
    os.environ["JURYAPP_LOG_DIR"] = str(log_dir)
    try:
        if seeds is None:
            seeds = make_seeds(folder / "intacts")
        work = folder / "travail"
        work.mkdir(exist_ok=True)
        fuzzer = Fuzzer(seeds, work, log_dir, random.Random(seed))
        for index in range(count):
            fuzzer.one(index)
        fuzzer.check_leftovers()
    finally:
        if previous is None:
            os.environ.pop("JURYAPP_LOG_DIR", None)
        else:
            os.environ["JURYAPP_LOG_DIR"] = previous
    fuzzer.stats.seconds = time.perf_counter() - started
    return fuzzer.stats


if __name__ == "__main__":
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    chosen = int(sys.argv[2]) if len(sys.argv) > 2 else 13
    with tempfile.TemporaryDirectory(prefix="juryapp-fuzz-") as temporary:
        result = run_fuzz(wanted, chosen, Path(temporary))
    print(result.summary())
    sys.exit(1 if result.failures else 0)
