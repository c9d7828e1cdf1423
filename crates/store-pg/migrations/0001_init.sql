-- runlift store, schema version 1 (PostgreSQL): athletes and their profile versions, saved plans,
-- imported activities with their original bytes and the hashes of every file seen, the undo
-- journal and the id counters. Kept in step with crates/store-sqlite/migrations/0001_init.sql.
CREATE TABLE counters (
    kind TEXT PRIMARY KEY,
    next BIGINT NOT NULL
);
CREATE TABLE athletes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    profile_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE profiles (
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    version BIGINT NOT NULL,
    toml TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, version)
);
CREATE TABLE plans (
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    version BIGINT NOT NULL,
    profile_version BIGINT NOT NULL,
    body TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, version)
);
CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    hash TEXT NOT NULL,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    sport TEXT,
    sub_sport TEXT,
    start_s BIGINT,
    duration_s DOUBLE PRECISION,
    distance_m DOUBLE PRECISION,
    avg_hr BIGINT,
    max_hr BIGINT,
    laps TEXT NOT NULL,
    streams TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    UNIQUE (athlete_id, hash)
);
CREATE INDEX activities_start ON activities (athlete_id, start_s);
CREATE TABLE originals (
    activity_id TEXT PRIMARY KEY REFERENCES activities (id),
    bytes BYTEA NOT NULL
);
CREATE TABLE activity_files (
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    hash TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities (id),
    source TEXT NOT NULL,
    PRIMARY KEY (athlete_id, hash)
);
CREATE TABLE journal (
    seq BIGINT PRIMARY KEY,
    athlete_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    op TEXT NOT NULL,
    summary TEXT NOT NULL,
    undo TEXT NOT NULL
);
CREATE INDEX journal_athlete ON journal (athlete_id, seq);
