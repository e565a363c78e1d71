"""Persistent store: one SQLite database (WAL) plus encrypted, content-addressed material files."""
