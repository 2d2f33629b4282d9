"""The error of a spreadsheet the user gave us: where it is, and what is wrong, in French."""

from __future__ import annotations

from juryapp.i18n import _

__all__ = ["InputError"]


class InputError(Exception):
    """A file refused as input, naming its file, sheet, row and column.

    ``str()`` gives one line, for instance::

        budget.xlsx, feuille « Dossiers », ligne 7, colonne F (Montant demandé) :
        montant illisible : « 7,000,00 »

    ``row`` is the spreadsheet's row number (1-based), ``column`` the column
    letter and ``header`` the column's header as written in the file.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        header: str | None = None,
        whole: bool = False,
    ) -> None:
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.header = header
        # ``whole``: the message is a whole sentence that already names the file.
        self._whole = whole
        super().__init__(str(self))

    @classmethod
    def not_a_workbook(cls, file: str, detail: str = "") -> InputError:
        """« budget.xlsx n'est pas un classeur Excel (.xlsx) lisible »."""
        text = _("{file} n'est pas un classeur Excel (.xlsx) lisible").format(file=file)
        if detail:
            text += f" ({detail})"
        return cls(text, file=file, whole=True)

    def location(self) -> str:
        """« budget.xlsx, feuille « Dossiers », ligne 7, colonne F (Montant demandé) »."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(_("feuille « {sheet} »").format(sheet=self.sheet))
        if self.row is not None:
            parts.append(_("ligne {row}").format(row=self.row))
        if self.column or self.header:
            column = (
                _("colonne {column}").format(column=self.column) if self.column else _("colonne")
            )
            if self.header:
                column += f" ({self.header})" if self.column else f" « {self.header} »"
            parts.append(column)
        return ", ".join(parts)

    def __str__(self) -> str:
        if self._whole:
            return self.message
        where = self.location()
        if not where:
            return self.message
        return _("{where} : {message}").format(where=where, message=self.message)

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the keyword arguments when pickled (e.g. sent back from a worker process).
        return (_rebuild, (self.message, self.__dict__.copy()))


def _rebuild(message: str, state: dict[str, object]) -> InputError:
    error = InputError(message)
    error.__dict__.update(state)
    return error
