-- The usage history: one row per calendar day, upstream (an account of the pool, or "default") and model.
CREATE TABLE usage_daily (
    day              TEXT    NOT NULL, -- ISO date, YYYY-MM-DD, in gateway.usage.time-zone
    upstream         TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    requests         INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    input_tokens     INTEGER NOT NULL DEFAULT 0,
    output_tokens    INTEGER NOT NULL DEFAULT 0,
    cached_tokens    INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, upstream, model)
);
