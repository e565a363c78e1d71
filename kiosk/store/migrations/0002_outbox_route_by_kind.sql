-- The platform's URL paths belong to the platform adapter (sync/), not to the core: a row's
-- `kind` says what it is and the adapter maps it to a route. No index, view or trigger
-- references `path`, so SQLite (>= 3.35) drops it in place, keeping every row.
ALTER TABLE outbox DROP COLUMN path;
