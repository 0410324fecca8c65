-- Schema "query": the RFC 6962 transparency log of every domain event (query-side owns it).
-- The log is append-only: a leaf, a perfect-subtree hash or a signed checkpoint, once written,
-- never changes. Proofs for any historical size are computed from these rows alone.
CREATE SCHEMA IF NOT EXISTS query;

-- One row per leaf. leaf_input is the exact byte string hashed as SHA-256(0x00 || leaf_input).
CREATE TABLE query.log_leaves (
    leaf_index BIGINT PRIMARY KEY CHECK (leaf_index >= 0),
    leaf_input BYTEA  NOT NULL,
    leaf_hash  BYTEA  NOT NULL CHECK (octet_length(leaf_hash) = 32),
    event_id   TEXT   NOT NULL UNIQUE,
    event_type TEXT   NOT NULL
);

-- The hash of every complete (perfect) subtree above the leaves: node (level, node_index) covers
-- leaves [node_index * 2^level, (node_index + 1) * 2^level). Level 0 lives in log_leaves.leaf_hash.
-- Written once, when its last leaf is appended; n leaves give n - popcount(n) rows.
CREATE TABLE query.log_nodes (
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 62),
    node_index BIGINT  NOT NULL CHECK (node_index >= 0),
    hash       BYTEA   NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

-- Every signed checkpoint, as served: note is the full C2SP signed note text.
CREATE TABLE query.log_checkpoints (
    tree_size  BIGINT      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash  BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    note       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Signing keys survive restarts, so the log keeps one identity. private_key is PKCS#8 DER,
-- public_key the raw 32-byte Ed25519 key.
CREATE TABLE query.signing_keys (
    name        TEXT        PRIMARY KEY,
    algorithm   TEXT        NOT NULL DEFAULT 'Ed25519',
    private_key BYTEA       NOT NULL,
    public_key  BYTEA       NOT NULL CHECK (octet_length(public_key) = 32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
