-- Schema "query": events that arrived before their turn in the transparency log. lethe.events has
-- several partitions, so leaf n+1 can be consumed before leaf n; it waits here, in the same
-- transaction that marks it processed, until the contiguous prefix reaches it.
CREATE TABLE query.log_pending (
    leaf_index BIGINT PRIMARY KEY CHECK (leaf_index >= 0),
    leaf_input BYTEA  NOT NULL,
    event_id   TEXT   NOT NULL UNIQUE,
    event_type TEXT   NOT NULL
);
