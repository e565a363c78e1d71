-- 委托代办 (issue 16 item 2): the agent who applied for the applicant (the principal), their
-- identity and how they showed the principal's consent (card, QR authorisation, power of
-- attorney), encrypted with the store's key like the applicant (AAD "agent:<id>"); NULL for an
-- application the applicant made themselves, and wiped with the applicant under retention.
ALTER TABLE applications ADD COLUMN agent_enc BLOB;
