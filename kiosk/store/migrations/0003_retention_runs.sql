-- The retention purge's last run (kiosk/store/retention.py): when, and how much it removed
-- (counts only). One row, replaced by each run; `kiosk status` shows it.
CREATE TABLE retention_runs (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at REAL NOT NULL,
    applications INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    feedback INTEGER NOT NULL,
    files INTEGER NOT NULL
);
