"""The user's settings kept by Qt (QSettings): recent campaigns, language, window layout.

Tests point QSettings at a temporary folder with ``use_settings_folder``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

ORGANISATION = "juryapp"
APPLICATION = "juryapp"
MAX_RECENT = 8

__all__ = [
    "add_recent",
    "language",
    "recent_campaigns",
    "remove_recent",
    "restore_bytes",
    "save_bytes",
    "set_language_setting",
    "settings",
    "use_settings_folder",
]


def use_settings_folder(folder: Path) -> None:
    """Keep settings as INI files under ``folder`` (tests, portable installs)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


def settings() -> QSettings:
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    return QSettings()


def recent_campaigns() -> list[Path]:
    """Recent campaign files, most recent first (missing files included: shown greyed)."""
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(item)) for item in value if item]


def add_recent(path: Path) -> None:
    path = path.resolve()
    entries = [p for p in recent_campaigns() if p != path]
    entries.insert(0, path)
    settings().setValue("recent", [str(p) for p in entries[:MAX_RECENT]])


def remove_recent(path: Path) -> None:
    entries = [p for p in recent_campaigns() if p != path]
    settings().setValue("recent", [str(p) for p in entries])


def language() -> str | None:
    value = settings().value("language")
    return str(value) if value in ("fr", "en") else None


def set_language_setting(lang: str) -> None:
    settings().setValue("language", lang)


#: The app's text sizes (1: the system's), « Affichage › Agrandir le texte » steps through.
TEXT_SIZES = (1.0, 1.25, 1.5, 1.75, 2.0)


def text_size() -> float:
    """The text size chosen (Ctrl++ / Ctrl+−), 1 when none or not one of ``TEXT_SIZES``."""
    try:
        value = float(str(settings().value("text_size", 1.0)))
    except ValueError:
        return 1.0
    return value if value in TEXT_SIZES else 1.0


def set_text_size(size: float) -> None:
    settings().setValue("text_size", size)


def save_bytes(key: str, value: QByteArray) -> None:
    settings().setValue(key, value)


def restore_bytes(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
