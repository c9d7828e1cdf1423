//! R-RUN-RAMP (§7 C9): weekly running volume against the last loading week, in minutes unless
//! every run of both weeks gives `distance_m`; above +10 % (parameter) WARN, above +30 % ERROR.
//! A week with no earlier loading week (the plan's first) is compared with the profile's
//! `weekly_km`, WARN only. Short weeks are compared per day held (§7 C3). Races are not
//! training volume and are left out of both weeks.

use runlift_model::Kind;
use runlift_model::profile::Profile;
use runlift_model::structure::{Paces, vdot_from_race};

use super::{num, runs, week_name, week_scale, where_};
use crate::ctx::{Ctx, Week};
use crate::finding::{Out, Severity};
use crate::item::Item;
use crate::time::fmt_day;

/// Pace assumed when the profile gives neither `vdot` nor `recent_race`, s/km.
pub const DEFAULT_PACE_S_PER_KM: f64 = 360.0;

/// Error threshold of R-RUN-RAMP (rulebook: "> +30 % is an error").
const ERROR_PCT: f64 = 30.0;

/// Easy pace (middle of Daniels' E range) of the athlete, s/km.
pub fn easy_pace(p: &Profile) -> f64 {
    let vdot = p.vdot.or_else(|| {
        let r = p.recent_race.as_ref()?;
        let s = runlift_model::paces::parse_race_time(&r.time)?;
        Some(vdot_from_race(r.distance.metres(), s))
    });
    match vdot {
        Some(v) if (20.0..=90.0).contains(&v) => Paces::from_vdot(v, 0).e.mid_s_per_km(),
        _ => DEFAULT_PACE_S_PER_KM,
    }
}

/// A week's training running in the unit of the comparison: races are left out (a planned
/// race is not a step in the training load; the taper and post-race rules govern it;
/// docs/rules/group-b.md).
fn volume(w: &Week, metres: bool) -> f64 {
    if metres {
        w.run_metres - w.race_metres
    } else {
        f64::from(w.run_minutes - w.race_minutes)
    }
}

fn unit_words(v: f64, metres: bool) -> String {
    if metres {
        format!("{} km", num(v / 1000.0))
    } else {
        format!("{} min", num(v))
    }
}

pub fn check(ctx: &Ctx, out: &mut Out) {
    let warn_pct = ctx.config.get("R-RUN-RAMP", "pct");
    let mut last: Option<usize> = None;
    for (k, w) in ctx.weeks.iter().enumerate() {
        let training = w.run_minutes > w.race_minutes;
        if training {
            match last {
                Some(pk) => against_week(ctx, out, &ctx.weeks[pk], w, warn_pct),
                None => against_profile(ctx, out, w, warn_pct),
            }
        }
        // A loading week without running is no baseline: the next week is compared with the
        // loading week before it.
        if w.loading() && training {
            last = Some(k);
        }
    }
}

fn against_week(ctx: &Ctx, out: &mut Out, p: &Week, w: &Week, warn_pct: f64) {
    if p.run_minutes <= p.race_minutes {
        return;
    }
    let metres = p.runs_have_distance && w.runs_have_distance && p.run_metres - p.race_metres > 0.0;
    let before = volume(p, metres) * week_scale(p);
    let now = volume(w, metres) * week_scale(w);
    let inc = (now / before - 1.0) * 100.0;
    if inc <= warn_pct + 1e-9 {
        return;
    }
    let severity = if inc > ERROR_PCT + 1e-9 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let allowed = before * (1.0 + warn_pct / 100.0) / week_scale(w);
    let raw = volume(w, metres);
    report(
        ctx,
        out,
        w,
        severity,
        format!(
            "Running {} in the {} vs {} in the {}{}: +{}% (warning above +{}%, error above +{}%)",
            unit_words(raw, metres),
            week_name(w),
            unit_words(volume(p, metres), metres),
            week_name(p),
            if week_scale(p) != 1.0 || week_scale(w) != 1.0 {
                " (per day held)"
            } else {
                ""
            },
            num(inc),
            num(warn_pct),
            num(ERROR_PCT)
        ),
        raw - allowed,
        metres,
    );
}

fn against_profile(ctx: &Ctx, out: &mut Out, w: &Week, warn_pct: f64) {
    let Some(p) = &ctx.athlete.profile else {
        return;
    };
    if p.weekly_km <= 0.0 {
        return;
    }
    let share = f64::from(w.days_held().clamp(1, 7)) / 7.0;
    let (metres, usual, how) = if w.runs_have_distance {
        (true, p.weekly_km * 1000.0, String::new())
    } else {
        let pace = easy_pace(p);
        (
            false,
            p.weekly_km * pace / 60.0,
            format!(" at {}/km", pace_words(pace)),
        )
    };
    let usual = usual * share;
    let now = volume(w, metres);
    let inc = (now / usual - 1.0) * 100.0;
    if inc <= warn_pct + 1e-9 {
        return;
    }
    let allowed = usual * (1.0 + warn_pct / 100.0);
    report(
        ctx,
        out,
        w,
        Severity::Warning,
        format!(
            "Running {} in the plan's first week, the {}, vs the usual {} km a week ({}{how}{}): +{}% (max +{}%)",
            unit_words(now, metres),
            week_name(w),
            num(p.weekly_km),
            unit_words(usual, metres),
            if share < 1.0 {
                ", scaled to the days held"
            } else {
                ""
            },
            num(inc),
            num(warn_pct)
        ),
        now - allowed,
        metres,
    );
}

fn pace_words(s: f64) -> String {
    let s = s.round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Emit a finding with a fix that names a run to shorten.
fn report(
    ctx: &Ctx,
    out: &mut Out,
    w: &Week,
    severity: Severity,
    message: String,
    excess: f64,
    metres: bool,
) {
    let runs = runs(ctx, w);
    let (days, idx) = where_(w, &runs);
    let cut = target(&runs);
    let amount = if metres {
        format!("{} km", num((excess / 100.0).ceil() / 10.0))
    } else {
        format!("{} min", num(excess.ceil()))
    };
    let size = |it: &Item| {
        if metres {
            ctx.session(it).distance_m.unwrap_or(0.0)
        } else {
            f64::from(it.minutes())
        }
    };
    let fix = match cut {
        Some(it) if excess <= 0.5 * size(it) => format!(
            "Cut about {amount} of running this week: shorten the {} on {} by that much",
            it.kind,
            fmt_day(it.day)
        ),
        _ => format!(
            "Cut about {amount} of running this week, spread over the easy runs and the long run, or repeat the last loading week's volume"
        ),
    };
    out.add("R-RUN-RAMP", severity, &days, &idx, message, fix);
}

/// The run to shorten: the longest easy or recovery run, else the longest run that is not a race.
fn target<'a>(runs: &[&'a Item]) -> Option<&'a Item> {
    let easy = runs
        .iter()
        .copied()
        .filter(|i| matches!(i.kind, Kind::RunEasy | Kind::RunRec))
        .max_by_key(|i| (i.minutes(), i.start));
    easy.or_else(|| {
        runs.iter()
            .copied()
            .filter(|i| i.kind != Kind::RunRace)
            .max_by_key(|i| (i.minutes(), i.start))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_pace_from_vdot() {
        // VDOT 45: published E range 5:23–6:03 /km, middle 5:43 = 343 s.
        let pace = Paces::from_vdot(45.0, 0).e.mid_s_per_km();
        assert!((pace - 343.0).abs() < 4.0, "{pace}");
        assert_eq!(pace_words(343.0), "5:43");
    }
}
