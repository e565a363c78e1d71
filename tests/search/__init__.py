"""Tests of the catalog search (kiosk/search.py, kiosk catalog search)."""
