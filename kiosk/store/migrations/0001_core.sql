-- Core schema: catalog, applications, materials, outbox, feedback, audit log.
CREATE TABLE catalog_items (
    item_code TEXT PRIMARY KEY,
    basic_code TEXT NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE catalog_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE daily_sequence (
    day TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    local_ref TEXT NOT NULL UNIQUE,
    item_code TEXT NOT NULL,
    item_name TEXT NOT NULL,
    catalog_version INTEGER NOT NULL,
    kiosk_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    test INTEGER NOT NULL DEFAULT 0,
    applicant_enc BLOB,
    form_enc BLOB,
    status TEXT NOT NULL DEFAULT 'queued',
    application_no TEXT,
    status_updated_at TEXT,
    history_json TEXT NOT NULL DEFAULT '[]',
    confirmed_at REAL,
    purged_at REAL
);
CREATE INDEX applications_no ON applications(application_no);
CREATE TABLE application_materials (
    application_id TEXT NOT NULL REFERENCES applications(id),
    material_id TEXT NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('scan', 'elicense', 'missing', 'promise')),
    sha256 TEXT,
    size INTEGER,
    mime TEXT,
    license_no_enc BLOB,
    supply_by TEXT,
    PRIMARY KEY (application_id, material_id)
);
CREATE INDEX application_materials_sha ON application_materials(sha256);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('application', 'review', 'problem', 'help')),
    ref_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_enc BLOB,
    body_sha256 TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'retry', 'sent', 'rejected')),
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
    sent_at REAL
);
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
CREATE INDEX outbox_attempts_row ON outbox_attempts(outbox_id);
CREATE TABLE feedback (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('review', 'problem', 'help')),
    created_at TEXT NOT NULL,
    result_no TEXT,
    result_json TEXT
);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
