-- Erasures. Schema "events" (command-side): the erasure policy's routing from erasure id to the
-- subject's aggregate, and db-scheduler's table for deadlines that survive restarts.
CREATE TABLE events.erasure_routes (
    erasure_id           VARCHAR(128) PRIMARY KEY,
    subject_aggregate_id VARCHAR(128) NOT NULL
);

CREATE TABLE events.scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON events.scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON events.scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON events.scheduled_tasks (priority DESC, execution_time ASC);

-- Schema "query": erasures as the dashboard and the certificate see them (pseudonyms only).
CREATE TABLE query.erasures (
    erasure_id        VARCHAR(128) PRIMARY KEY,
    subject_pseudonym VARCHAR(64)  NOT NULL,
    requested_by      TEXT         NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    received_at       TIMESTAMPTZ  NOT NULL,
    due_at            TIMESTAMPTZ  NOT NULL,
    extension_reason  TEXT,
    extension_notice  TEXT,
    completed_at      TIMESTAMPTZ,
    completion_event  VARCHAR(255),
    failure_reason    TEXT
);
CREATE INDEX erasures_by_subject ON query.erasures (subject_pseudonym);

-- Request ids that joined an open erasure resolve to it.
CREATE TABLE query.erasure_aliases (
    alias_id   VARCHAR(128) PRIMARY KEY,
    erasure_id VARCHAR(128) NOT NULL
);

CREATE TABLE query.erasure_models (
    erasure_id     VARCHAR(128) NOT NULL,
    model_id       VARCHAR(128) NOT NULL,
    guarantee      VARCHAR(16),
    version_before INTEGER,
    version_after  INTEGER,
    deployed       BOOLEAN      NOT NULL DEFAULT false,
    metrics        JSONB,
    PRIMARY KEY (erasure_id, model_id)
);

-- Issued certificates, frozen once signed (a certificate names one checkpoint).
CREATE TABLE query.certificates (
    erasure_id  VARCHAR(128) PRIMARY KEY,
    certificate JSONB        NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
