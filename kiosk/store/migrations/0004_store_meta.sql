-- Small named values kept beside the data (kiosk/store/keys.py): the data key's check value
-- (an HMAC of a constant under the key, never the key) and the outbox rows the sync agent
-- could not open (local references and counts, no personal data).
CREATE TABLE store_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
