-- Schema "query": the witnesses' cosignatures of the log's checkpoints (query-side owns it). Held in memory
-- before, they were gone after a restart, and a checkpoint lost its cosignatures as soon as the witnesses had
-- cosigned a newer one, so an erasure certificate or an audit bundle citing it carried none. Every row is a
-- C2SP tlog-cosignature/v1 line a witness answered with; anyone can check it against the witness's key, so the
-- table needs no trust of its own.
CREATE TABLE query.log_cosignatures (
    tree_size   BIGINT      NOT NULL REFERENCES query.log_checkpoints (tree_size),
    -- The witness's cosigner name and C2SP key id (the first 4 bytes of SHA-256(name || 0x0A || 0x04 || key)).
    cosigner    TEXT        NOT NULL,
    key_id      BIGINT      NOT NULL CHECK (key_id BETWEEN 0 AND 4294967295),
    -- timestamp (8 bytes, big-endian seconds) || Ed25519 signature (64 bytes), as in the signature line.
    signature   BYTEA       NOT NULL CHECK (octet_length(signature) = 72),
    cosigned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tree_size, cosigner, key_id)
);

-- A restarted query side resumes each witness from the largest size it cosigned.
CREATE INDEX log_cosignatures_by_witness ON query.log_cosignatures (cosigner, key_id, tree_size DESC);
