-- Schema "query": the public half of every key the transparency log has signed with (query-side owns it).
-- The private signing key lives outside the database whose log it signs (a PKCS#8 PEM file, see the README's
-- Configuration), so a copy of this database can neither forge a checkpoint nor swap the key unnoticed by an
-- auditor who pins it. Every checkpoint, also one signed before a rotation, verifies against this history.
CREATE TABLE query.log_keys (
    key_name      TEXT        NOT NULL,
    -- C2SP signed-note key id: hex of the first 4 bytes of SHA-256(key_name || 0x0A || 0x01 || public_key).
    key_id        TEXT        NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
    algorithm     TEXT        NOT NULL DEFAULT 'Ed25519',
    public_key    BYTEA       NOT NULL CHECK (octet_length(public_key) = 32),
    first_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Set when a query side starts with a newer key of the same name; a retired key never signs again.
    retired_at    TIMESTAMPTZ,
    PRIMARY KEY (key_name, key_id)
);

-- At most one current key per log.
CREATE UNIQUE INDEX log_keys_one_current ON query.log_keys (key_name) WHERE retired_at IS NULL;

-- Keys of ledgers that kept their private key in query.signing_keys (before this migration): their public keys
-- start the history. `lethe up` and `lethe migrate` export the private key to its file before migrating.
INSERT INTO query.log_keys (key_name, key_id, algorithm, public_key, first_used_at)
SELECT name, encode(substring(sha256(convert_to(name, 'UTF8') || '\x0a01'::bytea || public_key) FROM 1 FOR 4), 'hex'),
       algorithm, public_key, created_at
FROM query.signing_keys;

-- The private key is no row of the database it protects. (Until PostgreSQL recycles them, WAL segments and freed
-- pages may still hold its bytes: see the README.)
DROP TABLE query.signing_keys;
