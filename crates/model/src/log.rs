//! The training log's records (formats.md "Training log (v2)"): a session done with its lift sets,
//! a morning's wellness, a test result, and the manual fields that win over imported ones; their
//! value checks, which name the field at fault; and the readers of the `runlift log` syntax
//! (`EXERCISE:REPSxKG[@RPE]`, `95s`, `38cm`, `100x3`, `5k 21:30`). Pure values: the store keeps
//! them, the CLI fills them. Metres, seconds, kilograms.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::bounds::check_date;
use crate::kind::Kind;
use crate::library::{ExId, library};
use crate::paces::parse_race_time_or_hint;
use crate::profile::Distance;
use crate::suggest::unknown_word;

/// A record's id in the store (`s_…` sessions, `w_…` wellness, `t_…` tests). Empty until the store
/// saves the record; the store assigns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// Not yet saved.
    pub fn is_unsaved(&self) -> bool {
        self.0.is_empty()
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a session's recorded values came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Typed in with `runlift log`.
    Manual,
    Fit,
    Gpx,
    Tcx,
}

impl Source {
    pub const ALL: [Source; 4] = [Source::Manual, Source::Fit, Source::Gpx, Source::Tcx];

    pub fn code(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Fit => "fit",
            Source::Gpx => "gpx",
            Source::Tcx => "tcx",
        }
    }

    pub fn from_code(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// A session's start: minutes after midnight on its date in the athlete's time zone, and that
/// zone's offset from UTC then (so the instant is known without a time-zone database).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    pub minute: u16,
    pub utc_offset_min: i16,
}

impl Start {
    /// RFC 3339 on `date`: `2026-12-01T07:02:00+00:00`.
    pub fn rfc3339(self, date: Date) -> String {
        let off = i32::from(self.utc_offset_min);
        let sign = if off < 0 { '-' } else { '+' };
        format!(
            "{date}T{:02}:{:02}:00{sign}{:02}:{:02}",
            self.minute / 60,
            self.minute % 60,
            off.abs() / 60,
            off.abs() % 60
        )
    }
}

/// A set's load.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Load {
    Kg(f64),
    BodyWeight,
}

impl Load {
    /// Kilograms lifted; None for body weight.
    pub fn kg(self) -> Option<f64> {
        match self {
            Load::Kg(kg) => Some(kg),
            Load::BodyWeight => None,
        }
    }
}

/// One lift set: `EXERCISE:REPSxKG[@RPE]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiftSet {
    pub exercise: ExId,
    pub reps: u16,
    pub load: Load,
    /// CR-10 RPE of the set (RIR = 10 − RPE).
    pub rpe: Option<f64>,
}

impl fmt::Display for LiftSet {
    /// The command syntax again (`back-squat:5x80@8`, `push-up:8`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.exercise, self.reps)?;
        if let Load::Kg(kg) = self.load {
            write!(f, "x{kg}")?;
        }
        if let Some(r) = self.rpe {
            write!(f, "@{r}")?;
        }
        Ok(())
    }
}

/// What the athlete typed over what was recorded: each given field wins over the recorded one,
/// and a re-import, which replaces only the recorded fields, never loses it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manual {
    pub kind: Option<Kind>,
    pub rpe: Option<f64>,
    pub note: Option<String>,
}

impl Manual {
    pub fn is_empty(&self) -> bool {
        *self == Manual::default()
    }

    /// This edit's fields over `self`'s (a later edit of the same field wins).
    pub fn merged(&self, later: &Manual) -> Manual {
        Manual {
            kind: later.kind.or(self.kind),
            rpe: later.rpe.or(self.rpe),
            note: later.note.clone().or_else(|| self.note.clone()),
        }
    }
}

/// One session done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DoneSession {
    pub id: Id,
    /// The day in the athlete's time zone.
    pub date: Date,
    pub start: Option<Start>,
    /// As recorded: typed at `runlift log`, or the import's reading of the file's sport.
    pub kind: Kind,
    pub duration_s: f64,
    pub distance_m: Option<f64>,
    /// Session RPE (CR-10, Foster), as recorded.
    pub rpe: Option<f64>,
    pub avg_hr: Option<f64>,
    pub note: Option<String>,
    pub source: Source,
    /// The saved plan's session this one was done for, when known.
    pub planned: Option<String>,
    #[serde(default)]
    pub sets: Vec<LiftSet>,
    /// Manual fields, kept apart; they win over `kind`, `rpe` and `note`.
    #[serde(default)]
    pub manual: Manual,
}

impl DoneSession {
    /// A manually logged session with nothing but its date, kind and duration.
    pub fn new(date: Date, kind: Kind, duration_s: f64) -> DoneSession {
        DoneSession {
            id: Id::default(),
            date,
            start: None,
            kind,
            duration_s,
            distance_m: None,
            rpe: None,
            avg_hr: None,
            note: None,
            source: Source::Manual,
            planned: None,
            sets: Vec::new(),
            manual: Manual::default(),
        }
    }

    /// The kind after manual correction.
    pub fn effective_kind(&self) -> Kind {
        self.manual.kind.unwrap_or(self.kind)
    }
    /// The RPE after manual correction.
    pub fn effective_rpe(&self) -> Option<f64> {
        self.manual.rpe.or(self.rpe)
    }
    /// The note after manual correction.
    pub fn effective_note(&self) -> Option<&str> {
        self.manual.note.as_deref().or(self.note.as_deref())
    }

    pub fn minutes(&self) -> f64 {
        self.duration_s / 60.0
    }

    /// Every value check; each problem names its field (`distance_m`, `set[1].rpe`).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut v = Checker::default();
        v.date("date", self.date);
        if let Some(s) = self.start {
            v.check(
                "start",
                s.minute < 24 * 60 && (-16 * 60..=16 * 60).contains(&s.utc_offset_min),
                || format!("{s:?} is not a time of day with a UTC offset within ±16 h"),
            );
        }
        v.range("duration_s", self.duration_s, 1.0, MAX_SESSION_S, "seconds");
        if let Some(d) = self.distance_m {
            v.range("distance_m", d, 0.0, MAX_DISTANCE_M, "metres");
        }
        v.rpe("rpe", self.rpe);
        v.rpe("manual.rpe", self.manual.rpe);
        if let Some(hr) = self.avg_hr {
            v.range("avg_hr", hr, HR_BPM.0, HR_BPM.1, "bpm");
        }
        v.note("note", self.note.as_deref());
        v.note("manual.note", self.manual.note.as_deref());
        for (i, s) in self.sets.iter().enumerate() {
            v.set(i, s);
        }
        v.done()
    }
}

/// One morning's wellness: McLean et al. 2010's five items, 1–5 each (5 best), and what the
/// athlete measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WellnessEntry {
    pub id: Id,
    pub date: Date,
    pub fatigue: u8,
    pub sleep: u8,
    pub soreness: u8,
    pub stress: u8,
    pub mood: u8,
    pub sleep_hours: Option<f64>,
    pub rmssd_ms: Option<f64>,
    pub rest_hr_bpm: Option<f64>,
    pub note: Option<String>,
}

/// McLean's five items named, in their order: fatigue, sleep, soreness, stress, mood.
pub fn wellness_items(values: [u8; 5]) -> [(&'static str, u8); 5] {
    let names = ["fatigue", "sleep", "soreness", "stress", "mood"];
    let mut out = [("", 0); 5];
    for (o, (n, v)) in out.iter_mut().zip(names.into_iter().zip(values)) {
        *o = (n, v);
    }
    out
}

/// Lowest and highest rating of a wellness item (5 best).
pub const WELLNESS_ITEM: (u8, u8) = (1, 5);

impl WellnessEntry {
    /// The five items in McLean's order.
    pub fn items(&self) -> [(&'static str, u8); 5] {
        wellness_items([
            self.fatigue,
            self.sleep,
            self.soreness,
            self.stress,
            self.mood,
        ])
    }

    /// The wellness sum, 5–25.
    pub fn sum(&self) -> u8 {
        self.items().iter().map(|(_, v)| v).sum()
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut v = Checker::default();
        v.date("date", self.date);
        for (field, value) in self.items() {
            let (lo, hi) = WELLNESS_ITEM;
            v.check(field, (lo..=hi).contains(&value), || {
                format!("{value} is not a rating: expected {lo}–{hi} (5 best)")
            });
        }
        if let Some(h) = self.sleep_hours {
            v.range("sleep_hours", h, 0.0, 24.0, "hours");
        }
        if let Some(r) = self.rmssd_ms {
            v.range("rmssd_ms", r, 1.0, 400.0, "ms");
        }
        if let Some(r) = self.rest_hr_bpm {
            v.range("rest_hr_bpm", r, 20.0, 150.0, "bpm");
        }
        v.note("note", self.note.as_deref());
        v.done()
    }
}

/// A test's result (`runlift log test`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "kebab-case")]
pub enum TestResult {
    /// Wall sit held, seconds.
    WallSit {
        seconds: f64,
    },
    TimeTrial {
        metres: f64,
        seconds: f64,
    },
    /// Countermovement jump height, centimetres.
    Cmj {
        cm: f64,
    },
    /// A rep max: `kg` lifted `reps` times.
    RepMax {
        exercise: ExId,
        kg: f64,
        reps: u16,
    },
}

impl TestResult {
    /// The test's name as the command and `TestKind` spell it.
    pub fn name(&self) -> &'static str {
        match self {
            TestResult::WallSit { .. } => "wall-sit",
            TestResult::TimeTrial { .. } => "time-trial",
            TestResult::Cmj { .. } => "cmj",
            TestResult::RepMax { .. } => "rm",
        }
    }
}

impl fmt::Display for TestResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TestResult::WallSit { seconds } => write!(f, "wall sit {seconds} s"),
            TestResult::TimeTrial { metres, seconds } => {
                let s = seconds.round() as u64;
                write!(
                    f,
                    "time trial {} m in {}:{:02}:{:02}",
                    metres,
                    s / 3600,
                    s / 60 % 60,
                    s % 60
                )
            }
            TestResult::Cmj { cm } => write!(f, "CMJ {cm} cm"),
            TestResult::RepMax { exercise, kg, reps } => write!(f, "{exercise} {kg} kg × {reps}"),
        }
    }
}

/// One test done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestEntry {
    pub id: Id,
    pub date: Date,
    pub result: TestResult,
    pub note: Option<String>,
}

impl TestEntry {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut v = Checker::default();
        v.date("date", self.date);
        match self.result {
            TestResult::WallSit { seconds } => {
                v.range("wall_sit", seconds, 1.0, 3600.0, "seconds");
            }
            TestResult::TimeTrial { metres, seconds } => {
                v.range(
                    "time_trial.distance",
                    metres,
                    100.0,
                    MAX_DISTANCE_M,
                    "metres",
                );
                v.range("time_trial.time", seconds, 1.0, MAX_SESSION_S, "seconds");
                let speed = metres / seconds;
                v.check(
                    "time_trial",
                    !(metres > 0.0 && seconds > 0.0) || speed <= MAX_RUN_SPEED_M_S,
                    || {
                        format!(
                            "{metres} m in {seconds} s is {speed:.1} m/s, faster than anyone runs (at most {MAX_RUN_SPEED_M_S} m/s): check the time"
                        )
                    },
                );
            }
            TestResult::Cmj { cm } => v.range("cmj", cm, 1.0, 150.0, "cm"),
            TestResult::RepMax { kg, reps, .. } => {
                v.range("rm.kg", kg, 0.5, MAX_KG, "kg");
                v.check("rm.reps", (1..=MAX_RM_REPS).contains(&reps), || {
                    format!("{reps} reps: a rep max takes 1 to {MAX_RM_REPS} reps")
                });
            }
        }
        v.note("note", self.note.as_deref());
        v.done()
    }
}

/// The longest session: 48 hours.
pub const MAX_SESSION_S: f64 = 48.0 * 3600.0;
/// The longest distance one session may hold: 1000 km.
pub const MAX_DISTANCE_M: f64 = 1_000_000.0;
/// The heaviest set.
pub const MAX_KG: f64 = 600.0;
/// The most reps one set may hold.
pub const MAX_REPS: u16 = 500;
/// The most reps a rep-max test may count.
pub const MAX_RM_REPS: u16 = 30;
/// Average heart rate, bpm.
pub const HR_BPM: (f64, f64) = (20.0, 250.0);
/// Faster than the 100 m world record's average (10.4 m/s): a mistyped time.
pub const MAX_RUN_SPEED_M_S: f64 = 10.5;
/// The longest note.
pub const MAX_NOTE_CHARS: usize = 2000;
/// RPE's scale (CR-10; 0 would be rest, which is no session).
pub const RPE_RANGE: (f64, f64) = (1.0, 10.0);

/// One value that fails its check, named by its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every problem a record has (at least one).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: &str, message: String) -> Invalid {
        Invalid(vec![FieldError {
            field: field.to_string(),
            message,
        }])
    }
    /// Whether a problem names `field`.
    pub fn names(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Collects field problems.
#[derive(Default)]
struct Checker(Vec<FieldError>);

impl Checker {
    fn check(&mut self, field: &str, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(FieldError {
                field: field.to_string(),
                message: message(),
            });
        }
    }

    fn date(&mut self, field: &str, d: Date) {
        if let Err(m) = check_date(d) {
            self.check(field, false, || m);
        }
    }

    fn range(&mut self, field: &str, x: f64, lo: f64, hi: f64, unit: &str) {
        self.check(field, x.is_finite() && (lo..=hi).contains(&x), || {
            if x < 0.0 && lo >= 0.0 {
                format!("{x} {unit} is negative: expected {lo} to {hi} {unit}")
            } else {
                format!("{x} {unit} is out of range: expected {lo} to {hi} {unit}")
            }
        });
    }

    fn rpe(&mut self, field: &str, rpe: Option<f64>) {
        if let Some(r) = rpe {
            let (lo, hi) = RPE_RANGE;
            self.check(field, r.is_finite() && (lo..=hi).contains(&r), || {
                format!("RPE {r} is off the scale: expected {lo} to {hi} (CR-10)")
            });
        }
    }

    fn note(&mut self, field: &str, note: Option<&str>) {
        if let Some(n) = note {
            let chars = n.chars().count();
            self.check(field, chars <= MAX_NOTE_CHARS, || {
                format!("{chars} characters: a note holds at most {MAX_NOTE_CHARS}")
            });
        }
    }

    fn set(&mut self, i: usize, s: &LiftSet) {
        self.check(
            &format!("set[{i}].reps"),
            (1..=MAX_REPS).contains(&s.reps),
            || format!("{} reps: expected 1 to {MAX_REPS}", s.reps),
        );
        if let Load::Kg(kg) = s.load {
            self.range(&format!("set[{i}].kg"), kg, 0.0, MAX_KG, "kg");
        }
        self.rpe(&format!("set[{i}].rpe"), s.rpe);
    }

    fn done(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}

/// A library exercise by id, or a message naming the nearest id.
pub fn exercise(id: &str) -> Result<ExId, String> {
    library().id(id).ok_or_else(|| {
        unknown_word(
            "exercise",
            id,
            library().ids().map(|e| e.code()).collect::<Vec<_>>(),
        )
    })
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("\"{text}\" is not a number ({what})"))
}

fn whole(text: &str, what: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .map_err(|_| format!("\"{text}\" is not a whole number ({what})"))
}

/// `EXERCISE:REPSxKG[@RPE]`; `x0` or no `xKG` is body weight. The values are read, not range
/// checked: [`DoneSession::validate`] does that.
pub fn parse_set(text: &str) -> Result<LiftSet, String> {
    let syntax = "expected EXERCISE:REPSxKG[@RPE], e.g. back-squat:5x80@8 or push-up:8";
    let fail = |why: String| format!("set \"{text}\": {why}");
    let (ex, rest) = text
        .split_once(':')
        .ok_or_else(|| fail(format!("no `:` after the exercise; {syntax}")))?;
    let exercise = exercise(ex.trim()).map_err(&fail)?;
    let (body, rpe) = match rest.split_once('@') {
        Some((b, r)) if r.trim().is_empty() => {
            return Err(fail(format!("no RPE after `@` in \"{b}@\"; {syntax}")));
        }
        Some((b, r)) => (b, Some(number(r, "RPE").map_err(&fail)?)),
        None => (rest, None),
    };
    let (reps, kg) = match body.split_once(['x', 'X', '×']) {
        Some((r, k)) if k.trim().is_empty() => {
            return Err(fail(format!(
                "no load after `x` in \"{r}x\": give the kilograms (`{r}x80`), or `{r}x0` or just `{r}` for body weight"
            )));
        }
        Some((r, k)) => (r, Some(number(k, "kg").map_err(&fail)?)),
        None => (body, None),
    };
    if reps.trim().is_empty() {
        return Err(fail(format!("no reps; {syntax}")));
    }
    let reps = whole(reps, "reps").map_err(&fail)?;
    let load = match kg {
        Some(kg) if kg != 0.0 => Load::Kg(kg),
        _ => Load::BodyWeight,
    };
    Ok(LiftSet {
        exercise,
        reps,
        load,
        rpe,
    })
}

/// Seconds held, `95s`, `95` or `1:35`.
pub fn parse_hold(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.contains(':') {
        return parse_race_time_or_hint(t);
    }
    number(
        t.strip_suffix('s').unwrap_or(t),
        "seconds, e.g. 95s or 1:35",
    )
}

/// Centimetres, `38cm` or `38`.
pub fn parse_cm(text: &str) -> Result<f64, String> {
    let t = text.trim();
    number(t.strip_suffix("cm").unwrap_or(t), "centimetres, e.g. 38cm")
}

/// A distance: a race word (`5k`, `10k`, `mile`, `half`, `marathon`), or a number with `m`,
/// `km` or `mi` (`3000m`, `3.2km`, `2mi`), in metres.
pub fn parse_distance(text: &str) -> Result<f64, String> {
    let t = text.trim().to_lowercase();
    if let Some(d) = Distance::from_word(&t) {
        return Ok(d.metres());
    }
    let units = [("km", 1000.0), ("mi", 1609.344), ("m", 1.0)];
    for (suffix, metres) in units {
        if let Some(n) = t.strip_suffix(suffix)
            && let Ok(x) = n.trim().parse::<f64>()
            && x.is_finite()
        {
            return Ok(x * metres);
        }
    }
    Err(format!(
        "\"{text}\" is not a distance: expected 5k, 10k, mile, half, marathon, or a number with m, km or mi (3000m)"
    ))
}

/// `--time-trial DISTANCE TIME`: `5k 21:30`, the time read by the one race-time reader.
pub fn parse_time_trial(distance: &str, time: &str) -> Result<TestResult, String> {
    Ok(TestResult::TimeTrial {
        metres: parse_distance(distance)?,
        seconds: parse_race_time_or_hint(time)?,
    })
}

/// `--rm EXERCISE KGxREPS`: `back-squat 100x3`.
pub fn parse_rep_max(exercise_id: &str, text: &str) -> Result<TestResult, String> {
    let exercise = exercise(exercise_id.trim())?;
    let (kg, reps) = text
        .split_once(['x', 'X', '×'])
        .filter(|(k, r)| !k.trim().is_empty() && !r.trim().is_empty())
        .ok_or_else(|| format!("rep max \"{text}\": expected KGxREPS, e.g. 100x3"))?;
    Ok(TestResult::RepMax {
        exercise,
        kg: number(kg, "kg")?,
        reps: whole(reps, "reps")?,
    })
}

/// A kind's family: what a done session is matched to a planned one by, and what each `log`
/// subcommand takes (`log run`: runs; `log lift`: strength and mobility).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// `RUN_*`.
    Run,
    /// `STR_*`.
    Strength,
    /// `MOB`.
    Mobility,
}

impl Family {
    pub fn of(kind: Kind) -> Family {
        if kind.is_run() {
            Family::Run
        } else if kind.is_strength() {
            Family::Strength
        } else {
            Family::Mobility
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Family::Run => "run",
            Family::Strength => "strength",
            Family::Mobility => "mobility",
        }
    }
}

/// A session kind code of one of `families`, with the nearest code suggested when misspelt.
pub fn parse_kind(text: &str, families: &[Family]) -> Result<Kind, String> {
    let codes = Kind::codes()
        .filter(|c| Kind::from_code(c).is_some_and(|k| families.contains(&Family::of(k))));
    let kind = Kind::from_code(&text.trim().to_uppercase())
        .ok_or_else(|| unknown_word("session kind", text, codes.clone()))?;
    if !families.contains(&Family::of(kind)) {
        let words: Vec<&str> = families.iter().map(|f| f.word()).collect();
        return Err(format!(
            "{kind} is not a {} kind: expected one of {}",
            words.join(" or "),
            codes.collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn squat() -> ExId {
        library().id("back-squat").expect("back-squat")
    }

    #[test]
    fn sets_read_with_load_rpe_and_body_weight() {
        let s = parse_set("back-squat:5x80@8").expect("set");
        assert_eq!(
            (s.exercise, s.reps, s.load, s.rpe),
            (squat(), 5, Load::Kg(80.0), Some(8.0))
        );
        assert_eq!(
            parse_set("back-squat:5x82.5").expect("set").load,
            Load::Kg(82.5)
        );
        let bw = parse_set("back-squat:8").expect("set");
        assert_eq!((bw.load, bw.rpe), (Load::BodyWeight, None));
        assert_eq!(
            parse_set("back-squat:8x0@7").expect("set").load,
            Load::BodyWeight
        );
        assert_eq!(s.to_string(), "back-squat:5x80@8");
    }

    #[test]
    fn bad_sets_say_what_is_wrong() {
        let e = parse_set("back-squat:5x").unwrap_err();
        assert!(e.contains("no load after `x`") && e.contains("5x0"), "{e}");
        let e = parse_set("back-sqat:5x80").unwrap_err();
        assert!(e.contains("did you mean \"back-squat\""), "{e}");
        assert!(parse_set("back-squat5x80").unwrap_err().contains("no `:`"));
        assert!(
            parse_set("back-squat:fivex80")
                .unwrap_err()
                .contains("reps")
        );
        assert!(
            parse_set("back-squat:5x80@")
                .unwrap_err()
                .contains("no RPE")
        );
        assert!(parse_set("back-squat:x80").unwrap_err().contains("no reps"));
    }

    #[test]
    fn validation_names_each_field() {
        let mut s = DoneSession::new(date(1850, 1, 1), Kind::StrHeavy, 2400.0);
        s.rpe = Some(14.0);
        s.distance_m = Some(-3.0);
        s.sets.push(LiftSet {
            exercise: squat(),
            reps: 0,
            load: Load::Kg(80.0),
            rpe: Some(11.0),
        });
        let e = s.validate().unwrap_err();
        for f in ["date", "rpe", "distance_m", "set[0].reps", "set[0].rpe"] {
            assert!(e.names(f), "{f} in {e}");
        }
        assert!(e.to_string().contains("RPE 14 is off the scale"), "{e}");
        assert!(e.to_string().contains("-3 metres is negative"), "{e}");
        assert!(e.to_string().contains("2000-01-01"), "{e}");
        let ok = DoneSession::new(date(2026, 12, 1), Kind::RunEasy, 2700.0);
        assert_eq!(ok.validate(), Ok(()));
    }

    #[test]
    fn manual_fields_win() {
        let mut s = DoneSession::new(date(2026, 12, 1), Kind::RunEasy, 2700.0);
        s.rpe = Some(3.0);
        s.note = Some("watch".into());
        s.manual = s.manual.merged(&Manual {
            rpe: Some(5.0),
            ..Manual::default()
        });
        s.manual = s.manual.merged(&Manual {
            kind: Some(Kind::RunTempo),
            ..Manual::default()
        });
        assert_eq!(s.effective_rpe(), Some(5.0));
        assert_eq!(s.effective_kind(), Kind::RunTempo);
        assert_eq!(s.effective_note(), Some("watch"));
    }

    #[test]
    fn tests_read_and_check() {
        assert_eq!(parse_hold("95s"), Ok(95.0));
        assert_eq!(parse_hold("1:35"), Ok(95.0));
        assert_eq!(parse_cm("38cm"), Ok(38.0));
        assert_eq!(
            parse_time_trial("5k", "21:30"),
            Ok(TestResult::TimeTrial {
                metres: 5000.0,
                seconds: 1290.0
            })
        );
        assert_eq!(parse_distance("3.2km"), Ok(3200.0));
        assert!(
            parse_time_trial("5k", "21.30")
                .unwrap_err()
                .contains("21:30")
        );
        assert_eq!(
            parse_rep_max("back-squat", "100x3"),
            Ok(TestResult::RepMax {
                exercise: squat(),
                kg: 100.0,
                reps: 3
            })
        );
        assert!(parse_rep_max("back-squat", "100").is_err());
        let t = TestEntry {
            id: Id::default(),
            date: date(2026, 12, 3),
            result: TestResult::TimeTrial {
                metres: 5000.0,
                seconds: 300.0,
            },
            note: None,
        };
        assert!(t.validate().unwrap_err().names("time_trial"));
    }

    #[test]
    fn wellness_items_are_one_to_five() {
        let mut w = WellnessEntry {
            id: Id::default(),
            date: date(2026, 12, 2),
            fatigue: 3,
            sleep: 4,
            soreness: 2,
            stress: 3,
            mood: 4,
            sleep_hours: Some(6.5),
            rmssd_ms: None,
            rest_hr_bpm: None,
            note: None,
        };
        assert_eq!(w.validate(), Ok(()));
        assert_eq!(w.sum(), 16);
        w.mood = 6;
        w.sleep_hours = Some(-1.0);
        let e = w.validate().unwrap_err();
        assert!(e.names("mood") && e.names("sleep_hours"), "{e}");
    }

    #[test]
    fn kinds_of_the_wrong_family_are_refused() {
        let run = [Family::Run];
        let lift = [Family::Strength, Family::Mobility];
        assert_eq!(parse_kind("run_tempo", &run), Ok(Kind::RunTempo));
        let e = parse_kind("STR_HEAVY", &run).unwrap_err();
        assert!(e.contains("not a run kind"), "{e}");
        assert!(
            parse_kind("RUN_TMPO", &run)
                .unwrap_err()
                .contains("RUN_TEMPO")
        );
        assert_eq!(parse_kind("MOB", &lift), Ok(Kind::Mob));
        let e = parse_kind("RUN_EASY", &lift).unwrap_err();
        assert!(e.contains("not a strength or mobility kind"), "{e}");
    }

    #[test]
    fn start_prints_rfc3339() {
        let s = Start {
            minute: 7 * 60 + 2,
            utc_offset_min: -330,
        };
        assert_eq!(s.rfc3339(date(2026, 12, 1)), "2026-12-01T07:02:00-05:30");
    }
}
