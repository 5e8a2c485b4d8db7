"""SQLAlchemy models, the database file and its migrations. No Qt."""
