-- Schema "vault": written by command-side, read by workers. Record payloads and labels sealed with
-- AES-256-GCM under one key per data subject (RecordSealing). Deleting a subject's key
-- (crypto-shredding) leaves its ciphertexts unreadable; events and proofs keep only commitments.
CREATE SCHEMA IF NOT EXISTS vault;

CREATE TABLE vault.subject_keys (
    subject_pseudonym VARCHAR(64) PRIMARY KEY,
    aes_key           BYTEA       NOT NULL CHECK (octet_length(aes_key) = 32),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- No foreign key to subject_keys on purpose: the key goes, the sealed rows stay.
CREATE TABLE vault.records (
    commitment        VARCHAR(64) PRIMARY KEY,
    dataset           VARCHAR(64) NOT NULL,
    subject_pseudonym VARCHAR(64) NOT NULL,
    label_pseudonym   VARCHAR(64) NOT NULL,
    nonce             BYTEA       NOT NULL,
    ciphertext        BYTEA       NOT NULL,
    ingested_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX records_by_subject ON vault.records (subject_pseudonym);
CREATE INDEX records_by_label ON vault.records (dataset, label_pseudonym);

-- When a subject's key was destroyed, and why (an erasure id or an operator's note).
CREATE TABLE vault.shredded_subjects (
    subject_pseudonym VARCHAR(64) PRIMARY KEY,
    reason            TEXT        NOT NULL,
    shredded_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
