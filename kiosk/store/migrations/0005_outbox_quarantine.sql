-- A new outbox state, `quarantined`: a row a technician must look at (it crashed the sender
-- again and again, or the platform answered 409 / hash_mismatch and does not hold it). Not
-- refused — `kiosk queue retry REF` sends it again. Also `failures`: the backoff counts
-- failed sends, not leases (a crash retake or a 429 is not the row's failure).
--
-- SQLite cannot change a CHECK in place: both outbox tables are rebuilt, every row kept with
-- its id. The attempts are set aside first (a plain copy, no foreign key), so that dropping
-- the old outbox never meets a row referencing it; then they come back under the same ids.
CREATE TABLE outbox_attempts_keep AS SELECT * FROM outbox_attempts;
DROP TABLE outbox_attempts;
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('application', 'review', 'problem', 'help')),
    ref_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    method TEXT NOT NULL,
    body_enc BLOB,
    body_sha256 TEXT NOT NULL,
    state TEXT NOT NULL
        CHECK (state IN ('pending', 'sending', 'retry', 'sent', 'rejected', 'quarantined')),
    prev_state TEXT,
    lease_until REAL,
    next_at REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    reject_code TEXT,
    reject_reason TEXT,
    http_status INTEGER,
    response_json TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    sent_at REAL,
    failures INTEGER NOT NULL DEFAULT 0,
    quarantine_code TEXT,
    quarantine_reason TEXT
);
INSERT INTO outbox_new (id, kind, ref_id, idempotency_key, method, body_enc, body_sha256, state,
    prev_state, lease_until, next_at, attempts, last_error, reject_code, reject_reason,
    http_status, response_json, created_at, updated_at, sent_at, failures)
SELECT id, kind, ref_id, idempotency_key, method, body_enc, body_sha256, state, prev_state,
    lease_until, next_at, attempts, last_error, reject_code, reject_reason, http_status,
    response_json, created_at, updated_at, sent_at,
    CASE WHEN state = 'retry' THEN attempts ELSE 0 END
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_state ON outbox(state, next_at);
CREATE TABLE outbox_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    at REAL NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    http_status INTEGER,
    detail TEXT
);
INSERT INTO outbox_attempts (id, outbox_id, at, from_state, to_state, http_status, detail)
SELECT id, outbox_id, at, from_state, to_state, http_status, detail FROM outbox_attempts_keep;
DROP TABLE outbox_attempts_keep;
CREATE INDEX outbox_attempts_row ON outbox_attempts(outbox_id);
