//! R-INPUTS: the plan fits the athlete's inputs: sessions only in available slots and minutes,
//! exercises only with the athlete's equipment and not loading an injured region. Needs a profile.

use runlift_model::Kind;
use runlift_model::library::{ExId, ExKind, Exercise, library};
use runlift_model::profile::{InjuryStatus, Level, Profile, Slot};
use runlift_model::region::{Equipment, EquipmentSet, Region};

use crate::ctx::Ctx;
use crate::finding::{Out, Severity};
use crate::item::Item;
use crate::time::{DAY_NAMES, fmt_day, weekday};

pub fn check(ctx: &Ctx, out: &mut Out) {
    let Some(p) = ctx.athlete.profile.as_ref() else {
        return;
    };
    // Without any availability the profile itself is invalid (`Profile::validate` says so);
    // flagging every session would only repeat that.
    if !p.availability.is_empty() {
        availability(ctx, p, out);
    }
    exercises(ctx, p, out);
}

fn slot_name(s: Slot) -> &'static str {
    match s {
        Slot::Am => "AM",
        Slot::Pm => "PM",
    }
}

fn availability(ctx: &Ctx, p: &Profile, out: &mut Out) {
    let mut table = [[None; 2]; 7];
    for (wd, row) in table.iter_mut().enumerate() {
        for slot in [Slot::Am, Slot::Pm] {
            row[slot as usize] = p.availability.minutes(wd, slot);
        }
    }
    let mut i = 0;
    let items = &ctx.items;
    let mut slot_items: Vec<&Item> = Vec::new();
    while i < items.len() {
        let day = items[i].day;
        let mut j = i;
        while j < items.len() && items[j].day == day {
            j += 1;
        }
        let today = &items[i..j];
        for slot in [Slot::Am, Slot::Pm] {
            slot_items.clear();
            let mut minutes = 0u32;
            for it in today {
                let s = ctx.session(it);
                // Races are exempt (§7 C3): their date and time are not the athlete's choice.
                if s.slot == slot && it.kind != Kind::RunRace {
                    slot_items.push(it);
                    minutes += u32::from(s.minutes);
                }
            }
            if slot_items.is_empty() {
                continue;
            }
            let wd = weekday(day);
            let free = table[wd][slot as usize];
            if free.is_some_and(|f| minutes <= u32::from(f)) {
                continue;
            }
            let days: Vec<i32> = vec![day];
            let idx: Vec<u32> = slot_items.iter().map(|i| i.idx).collect();
            let what: Vec<String> = slot_items
                .iter()
                .map(|i| format!("{} ({} min)", i.kind, i.minutes()))
                .collect();
            let alt = alternative(ctx, p, day, slot, minutes);
            let (message, fix) = match free {
                None => (
                    format!(
                        "{} in the {} slot on {}, which the profile's availability does not list",
                        what.join(" + "),
                        slot_name(slot),
                        fmt_day(day)
                    ),
                    match alt {
                        Some(a) => format!("Move it to {a}"),
                        None => format!(
                            "Add `{} = {{ {} = {minutes} }}` to [availability], or drop the session",
                            DAY_NAMES[wd].to_lowercase(),
                            slot_name(slot).to_lowercase()
                        ),
                    },
                ),
                Some(f) => (
                    format!(
                        "{} in the {} slot on {}: {minutes} min, but {f} min are free",
                        what.join(" + "),
                        slot_name(slot),
                        fmt_day(day)
                    ),
                    match alt {
                        Some(a) => format!(
                            "Shorten it by {} min, or move it to {a}",
                            minutes - u32::from(f)
                        ),
                        None => format!("Shorten it by {} min", minutes - u32::from(f)),
                    },
                ),
            };
            out.add("R-INPUTS", Severity::Error, &days, &idx, message, fix);
        }
        i = j;
    }
}

/// A free slot of the same week (the other slot of the day first, then the nearest days) with at
/// least `minutes` free and no session yet, in words ("Wed AM (60 min free)").
fn alternative(ctx: &Ctx, p: &Profile, day: i32, slot: Slot, minutes: u32) -> Option<String> {
    let monday = day - weekday(day) as i32;
    let mut candidates: Vec<(i32, Slot)> = vec![(day, other(slot))];
    for d in 1..7 {
        for dd in [day - d, day + d] {
            if dd >= monday && dd < monday + 7 && dd >= ctx.first_day && dd <= ctx.last_day {
                candidates.push((dd, Slot::Am));
                candidates.push((dd, Slot::Pm));
            }
        }
    }
    candidates.into_iter().find_map(|(d, s)| {
        let free = p.availability.minutes(weekday(d), s)?;
        let used = ctx
            .day_items(d)
            .iter()
            .any(|i| ctx.session(i).slot == s && i.kind != Kind::RunRace);
        (u32::from(free) >= minutes && !used).then(|| {
            format!(
                "{} {} ({free} min free)",
                fmt_day(d),
                slot_name(s).to_lowercase()
            )
        })
    })
}

fn other(s: Slot) -> Slot {
    match s {
        Slot::Am => Slot::Pm,
        Slot::Pm => Slot::Am,
    }
}

/// What is wrong with an exercise for this athlete.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    Equipment,
    Injured(Region),
    Recovering(Region),
}

/// Offending exercises, grouped: one finding per (exercise, reason) across the plan.
struct Offence {
    ex: ExId,
    why: Why,
    days: Vec<i32>,
    sessions: Vec<u32>,
}

fn exercises(ctx: &Ctx, p: &Profile, out: &mut Out) {
    let have = p.equipment;
    // The verdict on each library exercise, computed once: (equipment missing, injury problem).
    let verdicts: Vec<(bool, Option<Why>)> = library()
        .exercises
        .iter()
        .map(|e| (!e.available_with(have), injury_problem(p, e)))
        .collect();
    let mut offences: Vec<Offence> = Vec::new();
    for it in &ctx.items {
        for ex in &ctx.session(it).exercises {
            let (no_equipment, injury) = verdicts[ex.id.0 as usize];
            if !no_equipment && injury.is_none() {
                continue;
            }
            let mut note =
                |why: Why| match offences.iter_mut().find(|o| o.ex == ex.id && o.why == why) {
                    Some(o) => {
                        if o.sessions.last() != Some(&it.idx) {
                            o.days.push(it.day);
                            o.sessions.push(it.idx);
                        }
                    }
                    None => offences.push(Offence {
                        ex: ex.id,
                        why,
                        days: vec![it.day],
                        sessions: vec![it.idx],
                    }),
                };
            if no_equipment {
                note(Why::Equipment);
            }
            if let Some(why) = injury {
                note(why);
            }
        }
    }
    for o in offences {
        let e = o.ex.get();
        let alt = substitute(p, e, o.why);
        let alt_text = alt.map(|a| format!("{} ({})", a.id, a.name));
        let (message, fix) = match o.why {
            Why::Equipment => (
                format!(
                    "{} needs {}, which the profile's equipment lacks ({} session(s))",
                    e.id,
                    needs(e),
                    o.sessions.len()
                ),
                match alt_text {
                    Some(a) => format!("Replace {} with {a}, or add the equipment", e.id),
                    None => format!("Add the equipment to the profile, or drop {}", e.id),
                },
            ),
            Why::Injured(r) => (
                format!(
                    "{} loads {r}, which has an active injury ({} session(s))",
                    e.id,
                    o.sessions.len()
                ),
                match alt_text {
                    Some(a) => format!("Replace {} with {a}, which spares {r}", e.id),
                    None => format!("Drop {} until the {r} injury is recovering", e.id),
                },
            ),
            Why::Recovering(r) => (
                format!(
                    "{} loads {r}, which is recovering: only regressions (level-B, non-plyometric, non-eccentric) are allowed; {} is {} ({} session(s))",
                    e.id,
                    e.id,
                    if e.is_plyo() {
                        "plyometric".to_string()
                    } else if e.eccentric() {
                        "eccentric".to_string()
                    } else {
                        format!("a {} exercise", e.level)
                    },
                    o.sessions.len()
                ),
                match alt_text {
                    Some(a) => format!("Regress {} to {a}", e.id),
                    None => format!("Drop {} until {r} has recovered", e.id),
                },
            ),
        };
        out.add(
            "R-INPUTS",
            Severity::Error,
            &o.days,
            &o.sessions,
            message,
            fix,
        );
    }
}

/// Recovering regions allow only regressions: level-B, non-plyometric, non-eccentric variations.
fn regression_ok(e: &Exercise) -> bool {
    e.level == Level::Beginner && !e.is_plyo() && !e.eccentric()
}

fn injury_problem(p: &Profile, e: &Exercise) -> Option<Why> {
    p.injuries.iter().find_map(|inj| {
        if !e.regions.contains(inj.region) {
            return None;
        }
        match inj.status {
            InjuryStatus::Active => Some(Why::Injured(inj.region)),
            InjuryStatus::Recovering if !regression_ok(e) => Some(Why::Recovering(inj.region)),
            InjuryStatus::Recovering => None,
        }
    })
}

/// The equipment an exercise needs, beyond what everyone has ("barbell+rack or dumbbells").
fn needs(e: &Exercise) -> String {
    let alts: Vec<String> = e
        .equipment
        .iter()
        .map(|set| {
            let words: Vec<&str> = Equipment::ALL
                .into_iter()
                .filter(|w| set.contains(*w) && !EquipmentSet::ALWAYS.contains(*w))
                .map(|w| w.word())
                .collect();
            words.join("+")
        })
        .collect();
    alts.join(" or ")
}

/// A library exercise the athlete can do instead: the named regression (or progression, for
/// equipment), then one of the same pattern, then one of the same movement class and kind.
fn substitute(p: &Profile, e: &Exercise, why: Why) -> Option<&'static Exercise> {
    let lib = library();
    let level = p.level();
    let fits = |c: &Exercise| {
        c.id != e.id
            && c.level <= level
            && c.available_with(p.equipment)
            && injury_problem(p, c).is_none()
    };
    let named = |s: &Option<String>| -> Option<&'static Exercise> {
        let s = s.as_deref()?;
        lib.get(s).or_else(|| lib.get(&s.replace(' ', "-")))
    };
    let mut named_alts = vec![named(&e.regression)];
    if why == Why::Equipment {
        named_alts.push(named(&e.progression));
    }
    if let Some(c) = named_alts.into_iter().flatten().find(|c| fits(c)) {
        return Some(c);
    }
    let main_kind = |x: &Exercise| {
        [ExKind::Strength, ExKind::Plyo, ExKind::Iso, ExKind::Core]
            .into_iter()
            .find(|k| x.is(*k))
    };
    let same_class = |c: &Exercise| {
        c.knee_dominant == e.knee_dominant
            && c.hinge == e.hinge
            && c.calf() == e.calf()
            && main_kind(c) == main_kind(e)
            && c.regions.intersects(e.regions)
    };
    lib.exercises
        .iter()
        .find(|c| c.pattern == e.pattern && fits(c))
        .or_else(|| lib.exercises.iter().find(|c| same_class(c) && fits(c)))
}
