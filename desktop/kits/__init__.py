"""Workshop kits: load and validate workshop_kits/ into domain objects. No Qt, no SQLAlchemy."""

from desktop.kits.loader import KitEntry, KitError, default_roots, list_kits, load_kit

__all__ = ["KitEntry", "KitError", "default_roots", "list_kits", "load_kit"]
