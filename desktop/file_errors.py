"""Why a file operation failed, in words a facilitator reads: one place for the PDF writer, the photo
store and the register copy (a leaf module, as ``errors``: of ours it imports only the translations)."""

from __future__ import annotations

import errno

from desktop.i18n import _


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Norwegian for the common causes (else the system's own words)."""
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
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    return exc.strerror or str(exc)
