-- Schema "query": owned by query-side. Projections from lethe.events.
CREATE SCHEMA IF NOT EXISTS query;

-- Every event id applied, inserted in the same transaction as the projection change it caused.
CREATE TABLE query.processed_events (
    event_id     VARCHAR(255) PRIMARY KEY,
    event_type   VARCHAR(128) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE query.models (
    model_id         VARCHAR(128) PRIMARY KEY,
    task             VARCHAR(16)  NOT NULL,
    preset           VARCHAR(64)  NOT NULL,
    deployed_version INTEGER,
    registered_at    TIMESTAMPTZ  NOT NULL
);
