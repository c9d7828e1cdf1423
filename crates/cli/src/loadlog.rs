//! The log as the load models read it: the store's sessions done and wellness rows turned into
//! `runlift_load` inputs (day numbers of the athlete's dates, RPE and kind as edited), and the
//! daily loads and readiness `runlift load` and `runlift today` show.

use anyhow::Context;
use jiff::civil::Date;
use runlift_load::maxes::lift_set;
use runlift_load::{
    Athlete, DailyLoad, DayLog, HeartRate, Readiness, ReadinessParams, Session, Wellness,
    daily_loads, readiness_days,
};
use runlift_model::log::{DoneSession, WellnessEntry};
use runlift_rules::RuleConfig;
use runlift_rules::time::day_number;

use crate::store::{Current, Opened};

/// Days of log read before the first day shown: CTL's 42-day constant and the HRV baseline's
/// 60-day normal range need that much history to mean something.
pub const WARM_UP_DAYS: i64 = 90;

/// The load model's session of one done.
fn session(d: &DoneSession) -> Session {
    Session {
        kind: d.effective_kind(),
        seconds: d.duration_s,
        rpe: d.effective_rpe(),
        distance_m: d.distance_m,
        heart_rate: d.avg_hr.map_or(HeartRate::None, HeartRate::Average),
        sets: d.sets.iter().map(lift_set).collect(),
    }
}

/// One [`DayLog`] per day with sessions, by day, and an empty one for `through` so that the
/// daily table reaches it.
pub fn day_logs(done: &[DoneSession], through: Date) -> Vec<DayLog> {
    let mut days: Vec<DayLog> = Vec::new();
    for d in done {
        let day = day_number(d.date);
        match days.iter_mut().find(|l| l.day == day) {
            Some(l) => l.sessions.push(session(d)),
            None => days.push(DayLog {
                day,
                sessions: vec![session(d)],
            }),
        }
    }
    let last = day_number(through);
    if !days.iter().any(|l| l.day == last) {
        days.push(DayLog {
            day: last,
            sessions: Vec::new(),
        });
    }
    days.sort_by_key(|l| l.day);
    days
}

/// The load model's wellness row of one logged.
pub fn wellness_row(w: &WellnessEntry) -> Wellness {
    Wellness {
        day: day_number(w.date),
        fatigue: w.fatigue,
        sleep: w.sleep,
        soreness: w.soreness,
        stress: w.stress,
        mood: w.mood,
        sleep_s: w.sleep_hours.map(|h| h * 3600.0),
        rmssd_ms: w.rmssd_ms,
        rest_hr_bpm: w.rest_hr_bpm,
    }
}

/// The daily loads and readiness of a stretch of log, through `through`.
pub struct LoadHistory {
    pub loads: Vec<DailyLoad>,
    pub readiness: Vec<Readiness>,
    /// The wellness rows read.
    pub wellness: Vec<WellnessEntry>,
}

impl LoadHistory {
    /// The athlete's log from [`WARM_UP_DAYS`] before `from` through `to`, and the models over it
    /// (the athlete's rule overrides applied).
    pub fn read(
        opened: &Opened,
        current: &Current,
        from: Date,
        to: Date,
    ) -> anyhow::Result<LoadHistory> {
        LoadHistory::read_with(opened, current, from, to, Vec::new())
    }

    /// [`LoadHistory::read`] with `ahead` (the plan's sessions after today, as if done) added.
    pub fn read_with(
        opened: &Opened,
        current: &Current,
        from: Date,
        to: Date,
        ahead: Vec<DoneSession>,
    ) -> anyhow::Result<LoadHistory> {
        let config = rule_config(current)?;
        let start = from
            .checked_sub(jiff::Span::new().days(WARM_UP_DAYS))
            .unwrap_or(from);
        let id = current.athlete.id.as_str();
        let mut done = opened.run(opened.store.sessions(id, Some(start), Some(to)))?;
        done.extend(ahead);
        let wellness = opened.run(opened.store.wellness(id, Some(start), Some(to)))?;
        LoadHistory::of(&done, wellness, to, &config)
    }

    /// The models over `done` and `wellness` (the athlete's rule overrides in `config`).
    pub fn of(
        done: &[DoneSession],
        wellness: Vec<WellnessEntry>,
        through: Date,
        config: &RuleConfig,
    ) -> anyhow::Result<LoadHistory> {
        let loads =
            daily_loads(&day_logs(done, through), &Athlete::default()).context("the log's load")?;
        let rows: Vec<Wellness> = wellness.iter().map(wellness_row).collect();
        let readiness = readiness_days(&rows, &loads, &ReadinessParams::from_config(config))
            .context("the log's wellness")?;
        Ok(LoadHistory {
            loads,
            readiness,
            wellness,
        })
    }

    /// The readiness of `day`, when the log reaches it.
    pub fn readiness_on(&self, day: Date) -> Option<&Readiness> {
        let n = day_number(day);
        self.readiness.iter().find(|r| r.day == n)
    }
}

/// The athlete's rule table: the defaults with the stored profile's overrides (a stored profile
/// was checked when it was added, so an error here means the store was edited by hand).
pub fn rule_config(current: &Current) -> anyhow::Result<RuleConfig> {
    RuleConfig::from_overrides(&current.profile.rules).map_err(|errs| {
        let lines: Vec<String> = errs
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        anyhow::anyhow!(
            "{}'s stored profile has invalid rule overrides:\n  {}",
            current.athlete.name,
            lines.join("\n  ")
        )
    })
}

/// The saved plan's sessions after `today` through `to`, as the load models would count them
/// done as planned: minutes, distance, the planned RPE (else the kind's default), and each
/// exercise's sets with their reps and kilograms. `load --to` a later day projects form with it.
pub fn projected(plan: &runlift_model::plan::Plan, today: Date, to: Date) -> Vec<DoneSession> {
    use runlift_model::log::{LiftSet as LoggedSet, Load};
    plan.sessions
        .iter()
        .filter(|s| s.date > today && s.date <= to)
        .map(|s| {
            let mut d = DoneSession::new(s.date, s.kind, f64::from(s.minutes) * 60.0);
            d.distance_m = s.distance_m;
            d.rpe = s.rpe;
            d.sets = s
                .exercises
                .iter()
                .flat_map(|e| {
                    let set = LoggedSet {
                        exercise: e.id,
                        reps: e.reps.unwrap_or(1),
                        load: e.kg.map_or(Load::BodyWeight, Load::Kg),
                        rpe: e.rir.map(|r| 10.0 - r),
                    };
                    std::iter::repeat_n(set, usize::from(e.sets))
                })
                .collect();
            d
        })
        .collect()
}
