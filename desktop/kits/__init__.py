"""Workshop kits: load and validate workshop_kits/ into domain objects. No Qt, no SQLAlchemy."""
