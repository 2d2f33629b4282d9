"""Spreadsheets in and out: the campaign workbook, dossier imports and score sheets.

No Qt and no SQL here: readers return the engine's plain values
(``juryapp.core.model``), writers take plain values.
"""
