-- Schema "query": model versions with their lineage, which records belong to which subject
-- (pseudonyms only), and completed forgets. Fed from lethe.events by query-side.
CREATE TABLE query.model_versions (
    model_id       VARCHAR(128) NOT NULL,
    version        INTEGER      NOT NULL,
    base_version   INTEGER      NOT NULL,
    cause          VARCHAR(32)  NOT NULL,
    job_id         VARCHAR(256) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    digest         VARCHAR(64),
    lineage_root   VARCHAR(64),
    lineage_size   INTEGER,
    lineage        JSONB,
    components     JSONB,
    metrics        JSONB,
    cost           JSONB,
    guarantee      VARCHAR(16),
    failure_reason TEXT,
    created_at     TIMESTAMPTZ  NOT NULL,
    completed_at   TIMESTAMPTZ,
    deployed_at    TIMESTAMPTZ,
    PRIMARY KEY (model_id, version)
);

-- One row per (version, record it saw): answers "which versions saw this subject?" by index.
CREATE TABLE query.version_records (
    model_id   VARCHAR(128) NOT NULL,
    version    INTEGER      NOT NULL,
    commitment VARCHAR(64)  NOT NULL,
    PRIMARY KEY (model_id, version, commitment)
);
CREATE INDEX version_records_by_commitment ON query.version_records (commitment);

CREATE TABLE query.record_subjects (
    commitment        VARCHAR(64) PRIMARY KEY,
    subject_pseudonym VARCHAR(64) NOT NULL,
    dataset           VARCHAR(64) NOT NULL
);
CREATE INDEX record_subjects_by_subject ON query.record_subjects (subject_pseudonym);

CREATE TABLE query.forgets (
    model_id          VARCHAR(128) NOT NULL,
    version_after     INTEGER      NOT NULL,
    version_before    INTEGER      NOT NULL,
    guarantee         VARCHAR(16)  NOT NULL,
    forgotten_count   INTEGER      NOT NULL,
    retrained         JSONB        NOT NULL,
    metrics           JSONB        NOT NULL,
    completed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_id, version_after)
);
