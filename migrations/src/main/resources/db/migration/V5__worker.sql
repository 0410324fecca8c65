-- Schema "worker": owned by the workers. The device state of every model version a worker produced
-- (so any worker can continue a model after a restart without replaying old jobs: an erased subject's
-- records may no longer be readable), every component's quantised weights with their lineage, and one
-- row per job so a redelivered job is answered from here instead of being recomputed.
CREATE SCHEMA IF NOT EXISTS worker;

-- One row per finished job; written in the same transaction as the snapshot and components it produced.
-- result = the CompleteJobCommand as sent on lethe.commands (resent verbatim on redelivery).
CREATE TABLE worker.job_runs (
    job_id       VARCHAR(256) PRIMARY KEY,
    model_id     VARCHAR(128) NOT NULL,
    job_type     VARCHAR(32)  NOT NULL,
    version      INTEGER      NOT NULL,
    base_version INTEGER      NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('completed', 'failed')),
    result       JSONB        NOT NULL,
    worker_id    VARCHAR(128) NOT NULL,
    wall_millis  BIGINT       NOT NULL,
    finished_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX job_runs_by_model ON worker.job_runs (model_id, version);

-- The simulated accelerator state of a model version: programmed tiles, LoRA branches, SRAM contents.
-- Record payloads are NOT in it (only their commitments): a restore reads them from the vault again.
CREATE TABLE worker.model_snapshots (
    model_id        VARCHAR(128) NOT NULL,
    version         INTEGER      NOT NULL,
    job_id          VARCHAR(256) NOT NULL REFERENCES worker.job_runs (job_id),
    task            VARCHAR(16)  NOT NULL,
    preset          VARCHAR(64)  NOT NULL,
    snapshot        BYTEA        NOT NULL,
    snapshot_sha256 VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, version)
);

-- Every component of a produced version. weights = canonical bytes of the INT8 branch (its digest is the
-- SHA-256 of exactly these bytes); NULL for the backbone, whose state is in the snapshot.
CREATE TABLE worker.components (
    model_id           VARCHAR(128) NOT NULL,
    version            INTEGER      NOT NULL,
    component_id       VARCHAR(128) NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    rank               INTEGER      NOT NULL,
    seed               BIGINT       NOT NULL,
    weights_digest     VARCHAR(64)  NOT NULL,
    weights            BYTEA,
    sram_bytes         BIGINT       NOT NULL,
    commitments        TEXT[]       NOT NULL,
    forget_commitments TEXT[]       NOT NULL,
    trained_by_job     VARCHAR(256) NOT NULL,
    PRIMARY KEY (model_id, version, component_id),
    FOREIGN KEY (model_id, version) REFERENCES worker.model_snapshots (model_id, version)
);

-- The branch set deployed on each model's device (branch id -> weights digest), so the next DEPLOY
-- counts the SRAM bytes it really has to write: zeroise what leaves, attach what arrives.
CREATE TABLE worker.devices (
    model_id         VARCHAR(128) PRIMARY KEY,
    deployed_version INTEGER      NOT NULL,
    resident         JSONB        NOT NULL,
    updated_by_job   VARCHAR(256) NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
