//! `runlift plan --save`: the plan (its JSON, as `plan --format json` prints it) stored as the
//! athlete's next plan version; the log is compared with the newest saved plan. And `runlift
//! plan --from-log`: the athlete's maxes taken from the log's strength history.

use std::path::Path;

use runlift_load::maxes::StrengthHistory;
use runlift_model::profile::Profile;
use runlift_plan::GeneratedPlan;

use crate::store::{DbArgs, Opened, now};

/// Saves `gp` for the athlete `db` names; a note on stderr says which version it is, and when
/// the profile file differs from the stored profile.
pub fn save(gp: &GeneratedPlan, profile: &Path, db: &DbArgs) -> anyhow::Result<()> {
    let body = serde_json::to_string(&runlift_plan::output::json_view(gp))?;
    let opened = Opened::open(db)?;
    let athlete = opened.athlete(db)?;
    let stored = opened.run(opened.store.profile(&athlete, None))?;
    let text = std::fs::read_to_string(profile).unwrap_or_default();
    if text != stored.toml {
        eprintln!(
            "note: {} differs from {}'s stored profile (version {}); runlift athlete update --profile {} stores it",
            profile.display(),
            athlete.name,
            stored.version,
            profile.display()
        );
    }
    let saved = opened.run(opened.store.save_plan(&athlete, &body, now()))?;
    eprintln!(
        "saved plan version {} for {} in {}",
        saved.version,
        athlete.name,
        opened.location.display()
    );
    Ok(())
}

/// Replaces the profile's `lifts` with the log's maxes today (the athlete's best e1RM of the
/// last 90 days) where the log has one; the profile's other lifts stay. A note on stderr lists
/// what was taken.
pub fn lifts_from_log(profile: &mut Profile, db: &DbArgs) -> anyhow::Result<()> {
    let opened = Opened::open(db)?;
    let current = opened.current(db)?;
    let today = current.today()?;
    let name = &current.athlete.name;
    let id = current.athlete.id.as_str();
    let sessions = opened.run(opened.store.sessions(id, None, Some(today)))?;
    let tests = opened.run(opened.store.tests(id, None, Some(today)))?;
    let maxes = StrengthHistory::of(&sessions, &tests).maxes(today);
    if maxes.is_empty() {
        eprintln!(
            "note: --from-log: {name}'s log has no sets or rep-max tests in the 90 days to {today}; the profile's lifts are used"
        );
        return Ok(());
    }
    let taken: Vec<String> = maxes
        .iter()
        .map(|m| format!("{} {} kg", m.exercise, m.kg))
        .collect();
    eprintln!(
        "note: --from-log: e1RM from {name}'s log (best of the 90 days to {today}): {}",
        taken.join(", ")
    );
    profile
        .lifts
        .retain(|l| !maxes.iter().any(|m| m.exercise == l.exercise));
    profile.lifts.extend(maxes);
    Ok(())
}
