"""The relational current state of watched pages, in SQLite or PostgreSQL (SQLAlchemy Core)."""
