-- Schema "events": owned by command-side. Axon's JDBC event store, snapshots, tracking tokens and
-- dead letters, in Axon 4.13's own table layout (PostgresEventTableFactory, PostgresTokenTableFactory,
-- GenericDeadLetterTableFactory) with payloads as BYTEA. Unquoted names fold to lower case, as Axon's
-- unquoted queries expect.
CREATE SCHEMA IF NOT EXISTS events;

CREATE TABLE events.domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE events.snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE events.tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE events.deadletterentry (
    deadletteridentifier VARCHAR(255) NOT NULL,
    processinggroup      VARCHAR(255) NOT NULL,
    sequenceidentifier   VARCHAR(255) NOT NULL,
    sequenceindex        BIGINT       NOT NULL,
    messagetype          VARCHAR(255) NOT NULL,
    eventidentifier      VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    payloadtype          VARCHAR(255) NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA        NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255) NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_group ON events.deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence_id ON events.deadletterentry (processinggroup, sequenceidentifier);

-- Idempotency of commands: a command id is recorded in the same transaction as its effect, with
-- the reply it got, so a redelivered command has no second effect and gets the same answer.
CREATE TABLE events.processed_commands (
    command_id   VARCHAR(256) PRIMARY KEY,
    command_type VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    error_code   VARCHAR(64),
    message      TEXT,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The dense, global order of the transparency log: the publisher gives each event the next leaf
-- index in the same transaction as its tracking token, so a redelivery reuses the index it had.
CREATE TABLE events.publication_log (
    leaf_index   BIGINT       PRIMARY KEY,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    global_index BIGINT       NOT NULL UNIQUE
);
