"""Why a file operation failed, in words a facilitator reads: one place for the PDF writer, the photo
store and the register copy (a leaf module, as ``errors``: of ours it imports only the translations)."""

from __future__ import annotations

import errno
import sqlite3

from desktop.i18n import _


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Norwegian for the common causes (else the system's own words)."""
    # Windows' own numbers where Python's mapping to errno loses the cause: a file open in another program
    # (32, 33) becomes EACCES, a path over 260 characters (206) ENOENT, a forbidden name (123) nothing known.
    windows = getattr(exc, "winerror", None)
    if windows == 206:
        return _("stien er for lang for Windows; velg en mappe nærmere roten, for eksempel C:\\LUP")
    if windows in (32, 33):
        return _("filen er i bruk av et annet program")
    if windows == 123:
        return _("navnet inneholder tegn Windows ikke tillater")
    reasons = {
        errno.EACCES: _("ingen tilgang til å skrive der"),
        errno.EPERM: _("ingen tilgang til å skrive der"),
        errno.EROFS: _("stedet er skrivebeskyttet"),
        errno.ENOENT: _("mappen finnes ikke"),
        errno.ENOTDIR: _("en del av stien er en fil, ikke en mappe"),
        errno.EISDIR: _("det er en mappe"),
        errno.ENAMETOOLONG: _("navnet er for langt"),
        errno.ENOSPC: _("disken er full"),
        errno.EEXIST: _("det finnes allerede en fil med det navnet"),
        errno.EIO: _("lese- eller skrivefeil på disken"),
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    return exc.strerror or str(exc)


def storage_reason(exc: BaseException) -> str:
    """Why a file or SQLite could not read or write, in Norwegian for the common causes (a full disk is a
    full disk whether the system or SQLite says so)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    base = (code or 0) & 0xFF
    if base == sqlite3.SQLITE_FULL:
        return _("disken er full")
    if base == sqlite3.SQLITE_CANTOPEN:
        return _("filen eller filene ved siden av den kan ikke åpnes; en skrivebeskyttet minnepinne?")
    if base in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY):
        return _("ingen tilgang")
    if base in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return _("den er i bruk av et annet program")
    if base == sqlite3.SQLITE_IOERR:
        return _("lese- eller skrivefeil på disken")
    return str(exc)
