//! `runlift plan --save`: the plan (its JSON, as `plan --format json` prints it) stored as the
//! athlete's next plan version; the log is compared with the newest saved plan.

use std::path::Path;

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
