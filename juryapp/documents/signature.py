"""The signed procès-verbal: a PAdES signature with the secretariat's certificate
(pyHanko), and reading a PV back to check it against its campaign.

The PV carries, in its PDF metadata (``/Keywords``), the campaign's id, the PV's
version and the seal it prints (``juryapp-sceau:HEX``): :func:`read_pv` reads them
with the signatures the file holds, and says whether each signature is intact and
covers the whole file (a signed PV changed afterwards no longer is). Whether the
signer's certificate chains to an authority is not checked: the app works offline,
so the signer is named for the reader to judge.

pyHanko is imported only when a PV is signed or read.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juryapp.core.errors import OperationError
from juryapp.i18n import _

__all__ = ["PvReading", "SignatureReading", "pv_keywords", "read_pv", "sign_pdf"]

SEAL_KEY = "juryapp-sceau"
VERSION_KEY = "juryapp-version"
CAMPAIGN_KEY = "juryapp-campagne"


def pv_keywords(campaign_id: str, version: int, seal: str | None) -> str:
    """The PV's ``/Keywords``: what :func:`read_pv` needs to find its campaign and seal."""
    words = [f"{CAMPAIGN_KEY}:{campaign_id}", f"{VERSION_KEY}:{version}"]
    if seal is not None:
        words.append(f"{SEAL_KEY}:{seal}")
    return " ".join(words)


@contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko's import warns about algorithms it still supports (DSA), and its validation
    logs a self-signed certificate with a traceback: not the user's business (the
    verdict is told in French)."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def sign_pdf(
    source: Path, target: Path, certificate: Path, password: bytes | None, *, reason: str
) -> str:
    """Write ``target``: ``source`` signed (PAdES baseline B, SHA-256) with the key and
    certificate of the PKCS#12 file ``certificate``; the signer's name.

    Refused (``OperationError``) when the file cannot be read or the password is wrong.
    """
    with _quiet():
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

    try:
        data = certificate.read_bytes()
    except OSError as error:
        raise OperationError(
            _("Certificat illisible « {path} » : {reason}.").format(
                path=certificate, reason=error.strerror or error
            )
        ) from error
    signer = None
    with _quiet():
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(
                data, other_certs=(), passphrase=password
            )
        except Exception:  # pyHanko says a wrong password or a damaged file in many ways
            signer = None
    if signer is None or signer.signing_cert is None:
        raise OperationError(
            _(
                "Impossible d'ouvrir le certificat « {path} » : mot de passe incorrect, ou "
                "fichier qui n'est pas un certificat PKCS#12 (.p12, .pfx) avec sa clé."
            ).format(path=certificate)
        )
    name = _who(signer.signing_cert)
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature-juryapp",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
    )
    with _quiet(), source.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        with target.open("wb") as out:
            signers.sign_pdf(writer, metadata, signer=signer, output=out)
    return name


def _who(certificate: Any) -> str:
    """A certificate's holder as people say it: « Nadia Ouali (Région, DGA) »."""
    try:
        subject = dict(certificate.subject.native)
    except Exception:
        return "?"
    name = str(subject.get("common_name") or certificate.subject.human_friendly)
    organisation = subject.get("organization_name")
    return f"{name} ({organisation})" if organisation else name


@dataclass(frozen=True)
class SignatureReading:
    """One signature of a PDF: intact (the signed bytes unchanged), covering the whole
    file (nothing added after it), by whom."""

    signer: str
    intact: bool
    whole_file: bool
    signed_at: str | None


@dataclass
class PvReading:
    """What a PV says of itself: its campaign, version and seal (from its metadata), and
    its signatures."""

    campaign_id: str | None = None
    version: int | None = None
    seal: str | None = None
    signatures: list[SignatureReading] = field(default_factory=list)


def _keywords(info: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    if info is None:
        return found
    try:
        if hasattr(info, "get_object"):
            info = info.get_object()
        text = str(info.get("/Keywords", "") or "")
    except Exception:
        return found
    for word in text.split():
        key, _sep, value = word.partition(":")
        if value:
            found[key] = value
    return found


def read_pv(path: Path) -> PvReading:
    """Read a PV's metadata and check its signatures; ``OperationError`` when it is not a
    readable PDF."""
    with _quiet():
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

    try:
        handle = path.open("rb")
    except OSError as error:
        raise OperationError(
            _("Lecture impossible de « {path} » : {reason}.").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    reading = PvReading()
    with handle, _quiet():
        try:
            reader = PdfFileReader(handle, strict=False)
            words = _keywords(reader.trailer_view.get("/Info"))
            embedded = list(reader.embedded_signatures)
        except Exception as error:
            raise OperationError(
                _("« {path} » n'est pas un PDF lisible ({kind}).").format(
                    path=path, kind=type(error).__name__
                )
            ) from error
        reading.campaign_id = words.get(CAMPAIGN_KEY)
        reading.seal = words.get(SEAL_KEY)
        version = words.get(VERSION_KEY, "")
        reading.version = int(version) if version.isdigit() else None
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        for signature in embedded:
            try:
                status = validate_pdf_signature(signature, context, skip_diff=True)
                intact = bool(status.intact and status.valid)
                signer = _who(status.signing_cert)
                whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
                moment = status.signer_reported_dt
            except Exception:
                intact, signer, whole, moment = False, "?", False, None
            reading.signatures.append(
                SignatureReading(
                    signer, intact, whole, None if moment is None else moment.isoformat()
                )
            )
    return reading
