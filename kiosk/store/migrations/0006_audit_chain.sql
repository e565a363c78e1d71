-- The keyed audit chain (kiosk/store/audit.py): entries are HMAC-SHA256 under a key derived
-- from the terminal key, and a signed head is kept in store_meta ('audit_head') and in
-- <data_dir>/audit.head. Entries written before this migration carry plain SHA-256 hashes; this
-- marker makes the next start-up re-key the chain explicitly (one keyed 'audit.rekeyed' entry
-- that says how many entries came before it) rather than treat them as verified.
INSERT OR REPLACE INTO store_meta (name, value)
SELECT 'audit_rekey_pending', CAST(COALESCE(max(seq), 0) AS TEXT) FROM audit_log;
