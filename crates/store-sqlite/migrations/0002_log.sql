-- runlift store, schema version 2: the training log. Sessions done (typed or imported), their
-- lift sets, the manual fields kept apart from what was recorded, wellness and tests. Kept in
-- step with the other backend's 0002_log.sql.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    date TEXT NOT NULL,
    start_minute BIGINT,
    utc_offset_min BIGINT,
    kind TEXT NOT NULL,
    duration_s DOUBLE PRECISION NOT NULL,
    distance_m DOUBLE PRECISION,
    rpe DOUBLE PRECISION,
    avg_hr DOUBLE PRECISION,
    note TEXT,
    source TEXT NOT NULL,
    planned TEXT,
    activity_id TEXT REFERENCES activities (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX sessions_date ON sessions (athlete_id, date);
CREATE TABLE session_sets (
    session_id TEXT NOT NULL REFERENCES sessions (id),
    idx BIGINT NOT NULL,
    athlete_id TEXT NOT NULL,
    exercise TEXT NOT NULL,
    reps BIGINT NOT NULL,
    kg DOUBLE PRECISION,
    rpe DOUBLE PRECISION,
    PRIMARY KEY (session_id, idx)
);
CREATE INDEX session_sets_athlete ON session_sets (athlete_id);
CREATE TABLE session_manual (
    session_id TEXT PRIMARY KEY REFERENCES sessions (id),
    athlete_id TEXT NOT NULL,
    kind TEXT,
    rpe DOUBLE PRECISION,
    note TEXT,
    edited_at BIGINT NOT NULL
);
CREATE INDEX session_manual_athlete ON session_manual (athlete_id);
CREATE TABLE wellness (
    id TEXT PRIMARY KEY,
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    date TEXT NOT NULL,
    fatigue BIGINT NOT NULL,
    sleep BIGINT NOT NULL,
    soreness BIGINT NOT NULL,
    stress BIGINT NOT NULL,
    mood BIGINT NOT NULL,
    sleep_hours DOUBLE PRECISION,
    rmssd_ms DOUBLE PRECISION,
    rest_hr_bpm DOUBLE PRECISION,
    note TEXT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX wellness_date ON wellness (athlete_id, date);
CREATE TABLE tests (
    id TEXT PRIMARY KEY,
    athlete_id TEXT NOT NULL REFERENCES athletes (id),
    date TEXT NOT NULL,
    result TEXT NOT NULL,
    note TEXT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX tests_date ON tests (athlete_id, date);
