-- The platform's sealed acceptance record of an application (issue 14 item 4; docs/seals.md,
-- "Sealed acceptance"). One row per application, written by the status refresh once the seal
-- has been checked offline against the seal-issuer trust store:
--   state 'verified': bundle_enc holds the sealed bundle (document + SES_Signature), encrypted
--                     with the store's key like the applicant; issuer/seal_name/es_id/signed_at/
--                     digest (SM3 hex of the document, for the receipt's QR) come from the check.
--   state 'refused':  nothing of the platform's answer is kept but the verdict and its reason
--                     (no personal data): the status shows the seal could not be verified.
-- A later good seal replaces a refused one; a verified one is never replaced by a refused one.
CREATE TABLE acceptance_seals (
    application_id TEXT PRIMARY KEY REFERENCES applications(id),
    state TEXT NOT NULL CHECK (state IN ('verified', 'refused')),
    verdict TEXT NOT NULL,
    reason TEXT,
    doc_id TEXT,
    issuer TEXT,
    seal_name TEXT,
    es_id TEXT,
    signed_at TEXT,
    accepted_at TEXT,
    digest TEXT,
    bundle_enc BLOB,
    checked_at REAL NOT NULL
);
