-- The platform's remote commands (docs/fleet.md): the at-most-once ledger and the results
-- waiting for the next heartbeat.
--
-- fleet_commands: one row per command id this terminal took on (signature, terminal and expiry
-- checked). The row is written *before* the command runs, so a command that comes again — in
-- the next heartbeat answer, after a restart, or replayed by someone — is refused as a replay,
-- never run twice. `running` left behind by a crash is reported as interrupted at the next start.
CREATE TABLE fleet_commands (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    ok INTEGER,
    detail TEXT,
    received_at REAL NOT NULL,
    finished_at REAL
);
-- fleet_command_results: every result or refusal, reported once in the next heartbeat
-- (`command_results`), then marked reported. `outcome`: ok, failed (ran and failed) or refused
-- (never ran). A refusal of a forged command names the id the command carried.
CREATE TABLE fleet_command_results (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    command_id TEXT NOT NULL,
    name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'refused')),
    detail TEXT NOT NULL,
    at REAL NOT NULL,
    reported_at REAL
);
CREATE INDEX fleet_command_results_unreported ON fleet_command_results(reported_at, seq);
