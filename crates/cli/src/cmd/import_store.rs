//! `runlift import` into the store: each decoded activity (sport, start, duration, distance,
//! laps, and the heart-rate, speed and power streams) with its original bytes, in batches of a
//! few activities, one transaction per batch, so a killed import leaves no half-written activity
//! and a re-run finishes the job. A writer thread stores each batch while the next is decoded.
//! Contents already stored are passed over without decoding; the same sport started within a
//! minute of a stored activity (a FIT file and its GPX twin) is a duplicate too.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;

use runlift_formats::{Activity, Samples};
use runlift_import::{Item, Options, Progress, Record};
use runlift_model::Kind;
use runlift_model::log::{DoneSession, Source, Start};
use runlift_store::dedup::Family;
use runlift_store::{Added, LapSummary, NewActivity, Streams};
use serde::Serialize;

use crate::store::{DbArgs, Opened, now};

/// One activity added to the store.
#[derive(Serialize, Debug)]
pub struct AddedJson {
    pub id: String,
    #[serde(flatten)]
    pub record: Record,
}

/// A file that is an activity already in the store.
#[derive(Serialize, Debug)]
pub struct DuplicateJson {
    pub source: String,
    /// The stored activity's id.
    pub of: String,
    /// `hash` (the same content) or `start` (the same sport within a minute: a twin).
    pub by: &'static str,
}

#[derive(Serialize, Debug)]
pub struct FailedJson {
    pub source: String,
    pub reason: String,
}

/// What an import into the store did.
#[derive(Debug, Default)]
pub struct Tally {
    pub store: String,
    pub added: Vec<AddedJson>,
    pub duplicates: Vec<DuplicateJson>,
    pub failed: Vec<FailedJson>,
    pub files: usize,
    pub ignored: usize,
    pub bytes: u64,
}

/// A batch is stored (one transaction) once it holds this many activities…
const BATCH_ACTIVITIES: usize = 32;
/// …or this many bytes of original files, and at the end of the import.
const BATCH_BYTES: usize = 8 << 20;

/// A decoded file on its way to the store.
#[derive(Debug)]
struct Decoded {
    record: Record,
    activity: Box<Activity>,
    bytes: Vec<u8>,
}

/// What the store did with one decoded file.
#[derive(Debug)]
struct Stored {
    record: Record,
    added: Added,
}

/// What the writer thread did: the files it stored, in order, and why it stopped early, if it
/// did.
#[derive(Debug, Default)]
struct Written {
    stored: Vec<Stored>,
    failure: Option<anyhow::Error>,
}

/// The athlete an import stores for, with their time zone (imported sessions are dated in it).
#[derive(Debug)]
struct Target {
    athlete_id: String,
    tz: jiff::tz::TimeZone,
}

impl Target {
    fn load(opened: &Opened, db: &DbArgs) -> anyhow::Result<Target> {
        let athlete = opened.athlete(db)?;
        let profile = opened.run(opened.store.profile(&athlete, None))?;
        let tz =
            runlift_planfile::parse_profile(&profile.toml, std::path::Path::new("stored profile"))
                .ok()
                .and_then(|p| p.tz)
                .and_then(|name| jiff::tz::TimeZone::get(&name).ok())
                .unwrap_or(jiff::tz::TimeZone::UTC);
        Ok(Target {
            athlete_id: athlete.id,
            tz,
        })
    }
}

/// The content hashes already stored for the athlete, each with the activity it is.
fn known_hashes(opened: &Opened, athlete_id: &str) -> anyhow::Result<HashMap<u64, String>> {
    Ok(opened
        .run(opened.store.known_hashes(athlete_id))?
        .into_iter()
        .filter_map(|(h, id)| u64::from_str_radix(&h, 16).ok().map(|h| (h, id)))
        .collect())
}

/// Imports `paths` into the store `db` names, for its athlete. The worker threads decode; this
/// thread gathers their files into batches; a writer thread stores each batch in one
/// transaction while the next is decoded.
pub fn import(
    paths: &[PathBuf],
    options: &Options,
    db: &DbArgs,
    on_progress: &mut dyn FnMut(&Progress),
) -> anyhow::Result<Tally> {
    let opened = Opened::open(db)?;
    let target = Target::load(&opened, db)?;
    let known = known_hashes(&opened, &target.athlete_id)?;
    let mut tally = Tally {
        store: opened.location.display(),
        ..Tally::default()
    };
    let (seen, written) = std::thread::scope(|s| {
        let (to_writer, batches) = mpsc::sync_channel::<Vec<Decoded>>(1);
        let writer = s.spawn(|| write_batches(&opened, &target, batches));
        let mut gather = Gather::new(to_writer);
        let seen = runlift_import::import_each(
            paths,
            options,
            &|h| known.contains_key(&h),
            on_progress,
            &mut |item| gather.take(item, &known, &mut tally),
        );
        gather.finish();
        let written = writer.join().unwrap_or_else(|_| Written {
            failure: Some(anyhow::anyhow!("the store's writer thread panicked")),
            ..Written::default()
        });
        (seen, written)
    });
    let seen = seen?;
    for s in written.stored {
        tally.note(s.record, s.added);
    }
    if let Some(e) = written.failure {
        return Err(e);
    }
    tally.ignored = seen.ignored;
    Ok(tally)
}

/// Stores the batches it is sent, each in one transaction, until the channel closes or a batch
/// fails (then it stops taking batches, which stops the import).
fn write_batches(
    opened: &Opened,
    target: &Target,
    batches: mpsc::Receiver<Vec<Decoded>>,
) -> Written {
    let mut written = Written::default();
    for batch in batches {
        let (records, news): (Vec<Record>, Vec<NewActivity>) = batch
            .into_iter()
            .map(|d| {
                let new = new_activity(&d.record, &d.activity, d.bytes, &target.tz);
                (d.record, new)
            })
            .unzip();
        match opened.run(opened.store.add_activities(&target.athlete_id, news, now())) {
            Ok(added) => written.stored.extend(
                records
                    .into_iter()
                    .zip(added)
                    .map(|(record, added)| Stored { record, added }),
            ),
            Err(e) => {
                let first = records.first().map_or("", |r| r.source.as_str());
                written.failure = Some(anyhow::Error::from(e).context(format!(
                    "storing the {} activities from {first} on (the activities before them are stored; run the import again to finish)",
                    records.len()
                )));
                break;
            }
        }
    }
    written
}

/// Gathers decoded files into batches for the writer thread.
struct Gather {
    to_writer: mpsc::SyncSender<Vec<Decoded>>,
    batch: Vec<Decoded>,
    batch_bytes: usize,
}

impl Gather {
    fn new(to_writer: mpsc::SyncSender<Vec<Decoded>>) -> Gather {
        Gather {
            to_writer,
            batch: Vec::new(),
            batch_bytes: 0,
        }
    }

    /// Takes one file's result; false (stop) once the writer has stopped.
    fn take(&mut self, item: Item, known: &HashMap<u64, String>, tally: &mut Tally) -> bool {
        tally.files += 1;
        match item {
            Item::Decoded {
                record,
                activity,
                bytes,
            } => {
                tally.bytes += bytes.len() as u64;
                self.batch_bytes += bytes.len();
                self.batch.push(Decoded {
                    record,
                    activity,
                    bytes,
                });
                if self.batch.len() >= BATCH_ACTIVITIES || self.batch_bytes >= BATCH_BYTES {
                    return self.send();
                }
            }
            Item::Known {
                source,
                hash,
                bytes,
            } => {
                tally.bytes += bytes;
                let of = u64::from_str_radix(&hash, 16)
                    .ok()
                    .and_then(|h| known.get(&h).cloned())
                    .unwrap_or_default();
                tally.duplicates.push(DuplicateJson {
                    source,
                    of,
                    by: "hash",
                });
            }
            Item::Skipped { source, reason } => tally.failed.push(FailedJson { source, reason }),
        }
        true
    }

    /// Hands the batch to the writer; false when the writer has stopped.
    fn send(&mut self) -> bool {
        self.batch_bytes = 0;
        let batch = std::mem::take(&mut self.batch);
        batch.is_empty() || self.to_writer.send(batch).is_ok()
    }

    /// Hands over the last batch and closes the channel (the writer ends after it).
    fn finish(mut self) {
        self.send();
    }
}

impl Tally {
    fn note(&mut self, record: Record, added: Added) {
        let (of, by) = match added {
            Added::New(id) => {
                self.added.push(AddedJson { id, record });
                return;
            }
            Added::SameFile(of) => (of, "hash"),
            Added::Twin(of) => (of, "start"),
        };
        self.duplicates.push(DuplicateJson {
            source: record.source,
            of,
            by,
        });
    }

    /// The text summary: `added N, duplicate N, failed N …`, then each failure.
    pub fn write_summary(&self, secs: f64, w: &mut dyn Write) -> std::io::Result<()> {
        let secs = secs.max(1e-9);
        writeln!(
            w,
            "added {}, duplicate {}, failed {} into {} ({} files, {:.1} MB in {secs:.2} s: {:.0} files/s; {} other files ignored)",
            self.added.len(),
            self.duplicates.len(),
            self.failed.len(),
            self.store,
            self.files,
            self.bytes as f64 / 1e6,
            self.files as f64 / secs,
            self.ignored
        )?;
        for f in &self.failed {
            writeln!(w, "failed {}: {}", f.source, f.reason)?;
        }
        Ok(())
    }
}

/// Seconds from `start`, per sample with a time.
fn offsets(samples: &Samples, start: Option<i64>) -> Vec<Option<i64>> {
    let base = start
        .or_else(|| {
            samples
                .time
                .iter()
                .copied()
                .find(|&t| t != Samples::NO_TIME)
        })
        .unwrap_or(0);
    samples
        .time
        .iter()
        .map(|&t| (t != Samples::NO_TIME).then(|| t - base))
        .collect()
}

/// `column[i]` for the samples that have a time, or nothing when the column has no value at all.
fn column<T: Copy, U>(
    keep: &[bool],
    column: &[T],
    value: impl Fn(T) -> Option<U>,
) -> Vec<Option<U>> {
    if column.len() != keep.len() || column.iter().all(|&v| value(v).is_none()) {
        return Vec::new();
    }
    column
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(&v, _)| value(v))
        .collect()
}

/// The streams load models need: time offsets, heart rate, speed and power.
pub fn streams(act: &Activity, start: Option<i64>) -> Streams {
    let s = &act.samples;
    let t = offsets(s, start);
    let keep: Vec<bool> = t.iter().map(Option::is_some).collect();
    let finite = |v: f64| v.is_finite().then_some(v as f32);
    Streams {
        t_s: t.into_iter().flatten().collect(),
        heart_rate: column(&keep, &s.heart_rate, |v| v),
        speed_m_s: column(&keep, &s.speed_m_s, finite),
        power_w: column(&keep, &s.power_w, |v| v),
    }
}

/// The log's kind for an imported sport: runs are easy runs and strength sessions light
/// strength until the athlete says otherwise (`runlift edit ID --kind …`, kept apart); other
/// sports (rides, swims) have no kind in the log and stay activities only.
fn imported_kind(sport: Option<&str>, sub_sport: Option<&str>) -> Option<Kind> {
    match runlift_store::dedup::family(sport) {
        Family::Run => Some(Kind::RunEasy),
        Family::Strength => Some(Kind::StrLight),
        _ if sub_sport.is_some_and(|s| s.contains("strength")) => Some(Kind::StrLight),
        _ => None,
    }
}

/// The session done an imported activity is, dated in the athlete's time zone; `None` for a
/// sport the log has no kind for, or an activity without a start or a duration, or one whose
/// values the log refuses (the activity is stored all the same).
fn imported_session(new: &NewActivity, tz: &jiff::tz::TimeZone) -> Option<DoneSession> {
    let kind = imported_kind(new.sport.as_deref(), new.sub_sport.as_deref())?;
    let at = jiff::Timestamp::from_second(new.start_s?)
        .ok()?
        .to_zoned(tz.clone());
    let minute = u16::try_from(i32::from(at.hour()) * 60 + i32::from(at.minute())).ok()?;
    let utc_offset_min = i16::try_from(at.offset().seconds() / 60).ok()?;
    let source = match new.format.as_str() {
        "fit" => Source::Fit,
        "gpx" => Source::Gpx,
        _ => Source::Tcx,
    };
    let session = DoneSession {
        start: Some(Start {
            minute,
            utc_offset_min,
        }),
        distance_m: new.distance_m.filter(|d| *d > 0.0),
        avg_hr: new.avg_hr.map(f64::from),
        source,
        ..DoneSession::new(at.date(), kind, new.duration_s?)
    };
    session.validate().is_ok().then_some(session)
}

/// What the store keeps of one decoded file.
pub fn new_activity(
    record: &Record,
    act: &Activity,
    original: Vec<u8>,
    tz: &jiff::tz::TimeZone,
) -> NewActivity {
    let start = record
        .start_time
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|t| t.as_second());
    let session = act.sessions.first();
    let avg_hr = session.and_then(|s| s.avg_heart_rate);
    let mut new = NewActivity {
        hash: record.hash.clone(),
        format: serde_json::to_value(act.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        source: record.source.clone(),
        sport: record.sport.clone(),
        sub_sport: act
            .sub_sport
            .clone()
            .or_else(|| session.and_then(|s| s.sub_sport.clone())),
        start_s: start,
        duration_s: record.duration_s,
        distance_m: record.distance_m,
        avg_hr,
        max_hr: act.sessions.iter().filter_map(|s| s.max_heart_rate).max(),
        laps: act
            .laps
            .iter()
            .map(|l| LapSummary {
                start_s: l.start_time,
                duration_s: l.total_timer_time_s,
                distance_m: l.total_distance_m,
                avg_hr: l.avg_heart_rate,
            })
            .collect(),
        streams: streams(act, start),
        original,
        session: None,
    };
    new.session = imported_session(&new, tz);
    new
}
