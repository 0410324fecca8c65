-- Schema "query": bearer tokens of the REST API (query-side). Only the SHA-256 of a token is stored,
-- so a database dump cannot be replayed as a credential. The admin token of LETHE_ADMIN_TOKEN is not
-- stored here: it is recognised in memory, so changing the variable retires the old one at once.
CREATE TABLE query.access_tokens (
    token_hash BYTEA        PRIMARY KEY,
    name       VARCHAR(64)  NOT NULL,
    role       VARCHAR(16)  NOT NULL CHECK (role IN ('producer', 'auditor', 'admin')),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

-- One live token per name; a revoked name may be issued again.
CREATE UNIQUE INDEX access_tokens_live_name ON query.access_tokens (name) WHERE revoked_at IS NULL;
