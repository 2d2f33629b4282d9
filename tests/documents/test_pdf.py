"""The documents' own paragraph keeps French narrow spaces inside words, and leaves
reportlab's Paragraph as it is for anyone else in the process."""

from __future__ import annotations

from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from juryapp.documents.pdf import DocumentParagraph, styles

AMOUNT = "1\u202f691\u202f577,00\u00a0€"
PLAIN = f"Montant total proposé : {AMOUNT} pour l'appel"
MARKED_UP = f"<b>Total</b> : {AMOUNT}"


def _lines(paragraph: Paragraph, width: float) -> list[str]:
    """The text of each line once ``paragraph`` is laid out ``width`` points wide."""
    paragraph.wrap(width, 1000)
    lines = []
    for line in paragraph.blPara.lines:
        if isinstance(line, tuple):  # plain text: (space left, words)
            lines.append(" ".join(line[1]))
        else:  # fragments
            lines.append("".join(getattr(word, "text", "") for word in line.words))
    return lines


def test_an_amount_is_never_broken_at_its_narrow_spaces() -> None:
    for text in (PLAIN, MARKED_UP):
        lines = _lines(DocumentParagraph(text, styles().body), 90)
        assert len(lines) > 1
        assert any(AMOUNT in line for line in lines), lines


def test_reportlabs_own_paragraph_is_left_as_it_is() -> None:
    DocumentParagraph(PLAIN, styles().body).wrap(90, 1000)
    assert rl_paragraph.split("a\u202fb") == ["a", "b"]
    # reportlab's Paragraph still breaks there: only the documents' paragraph is changed
    lines = _lines(Paragraph(PLAIN, styles().body), 90)
    assert not any(AMOUNT in line for line in lines)
