-- Producers seal personal payloads before Kafka (the producer library, ProducerSeal) under the
-- subject's vault key, which the query side hands out on POST /api/subject-keys (producer role).
-- This function is the vault's one entry point for that: it returns the subject's key, storing the
-- caller's freshly generated candidate when the subject has none yet (also after a shredding: new
-- data, new key). In a deployment with one database role per service, grant the query side's role
-- EXECUTE on this function and nothing else in schema vault.
CREATE FUNCTION vault.issue_subject_key(pseudonym VARCHAR, candidate BYTEA) RETURNS BYTEA
    LANGUAGE plpgsql AS
$$
DECLARE
    issued BYTEA;
BEGIN
    INSERT INTO vault.subject_keys (subject_pseudonym, aes_key) VALUES (pseudonym, candidate)
    ON CONFLICT (subject_pseudonym) DO NOTHING;
    SELECT aes_key INTO issued FROM vault.subject_keys WHERE subject_pseudonym = pseudonym;
    RETURN issued;
END
$$;
