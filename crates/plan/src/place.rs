//! Exact placement of one week's sessions into 7 days × {AM, PM} (rulebook §4.4): branch and bound
//! over the sessions in placement order. Hard rules are constraints and soft rules weighted
//! penalties, all judged by the linter's own pair, item and day checks
//! (`runlift_rules::pair`), incrementally against the sessions already placed this week and the
//! last days of the previous week. The inner loop copies prebuilt `Item`s and never allocates.

use runlift_model::Kind;
use runlift_model::profile::{Level, Slot, SlotTimes};
use runlift_rules::Severity;
use runlift_rules::item::{Item, flag};
use runlift_rules::pair::{DayFacts, Hit, PairParams, check_item, check_pair};

/// Slots of a week: index = day × 2 + (0 AM, 1 PM).
pub const SLOTS: usize = 14;

/// Penalty weights of §4.4 (R-SEP-48H 10, R-STACK 8, R-LOAD 3, others 5).
pub fn weight(rule: &str, sev: Severity) -> f64 {
    let w = match rule {
        "R-SEP-48H" => 10.0,
        "R-STACK" => 8.0,
        "R-LOAD" => 3.0,
        _ => 5.0,
    };
    match sev {
        Severity::Error => f64::INFINITY,
        Severity::Warning => w,
        // Information (e.g. R-SEP-48H for a seasoned lifter) costs a fifth.
        Severity::Info => w / 5.0,
    }
}

/// One session to place.
#[derive(Clone, Debug)]
pub struct Demand {
    /// §4.4 placement order: 0 race, 1 long run, 2 hard run, 3 intense lower-body strength,
    /// 4 plyometrics, 5 light strength, 6 easy run, 7 add-on.
    pub rank: u8,
    pub kind: Kind,
    /// Wanted minutes; flexible demands may shrink to `min_minutes` to fit a slot.
    pub minutes: u16,
    pub min_minutes: u16,
    /// Allowed slots (bit per slot); races have exactly one.
    pub allowed: u16,
    /// Races ignore availability (R-INPUTS exempts them).
    pub ignore_capacity: bool,
    /// The session as the rules see it, at day 0, start 0 (copied per candidate).
    pub item: Item,
    /// Cost of leaving it out (infinite for races).
    pub drop_cost: f64,
    /// Demands with the same non-zero group are interchangeable (symmetry breaking).
    pub group: u8,
    /// Slots whose minutes fit this demand (filled in by `place`).
    pub fit_mask: u16,
}

/// The fixed facts of a week.
#[derive(Clone, Debug)]
pub struct WeekEnv {
    /// Day number of the week's Monday.
    pub monday: i32,
    /// Minutes free per slot (0 = unavailable, including days outside the plan).
    pub cap: [u16; SLOTS],
    pub times: SlotTimes,
    pub params: PairParams,
    pub level: Level,
    /// Items of the previous days that can still interact (absolute times).
    pub prev: Vec<Item>,
    /// Facts of the previous week's Saturday and Sunday.
    pub prev_days: [DayFacts; 2],
    /// Hard-day cap and rest days needed, scaled to the days held (§7 C3).
    pub hard_cap: u8,
    pub rest_need: u8,
    /// Days of the week the plan holds (bit per day).
    pub held: u8,
    /// Stop after this many nodes (the result is then the best found, not proven optimal).
    pub node_limit: u64,
}

/// The result of placing one week.
#[derive(Clone, Debug)]
pub struct Placement {
    /// Per demand: `Some((slot, minutes))` or `None` when dropped.
    pub slots: Vec<Option<(u8, u16)>>,
    pub penalty: f64,
    /// The search finished (the placement is optimal for the penalties).
    pub exact: bool,
    pub nodes: u64,
}

struct Search<'a> {
    env: &'a WeekEnv,
    demands: &'a [Demand],
    placed: [Option<(usize, Item)>; SLOTS],
    choice: Vec<Option<(u8, u16)>>,
    best: Vec<Option<(u8, u16)>>,
    best_cost: f64,
    nodes: u64,
    aborted: bool,
}

impl WeekEnv {
    pub fn slot_start(&self, slot: usize) -> i32 {
        let day = self.monday + (slot / 2) as i32;
        let s = if slot.is_multiple_of(2) {
            Slot::Am
        } else {
            Slot::Pm
        };
        day * 1440 + i32::from(self.times.of(s))
    }
}

/// The item of demand `d` in `slot` with `minutes`.
pub fn item_at(env: &WeekEnv, d: &Demand, slot: usize, minutes: u16) -> Item {
    let mut it = d.item;
    it.day = env.monday + (slot / 2) as i32;
    it.start = env.slot_start(slot);
    it.end = it.start + i32::from(minutes);
    if matches!(d.kind, Kind::RunEasy | Kind::RunRec) {
        if minutes <= 45 {
            it.flags |= flag::SHORT_EASY;
        } else {
            it.flags &= !flag::SHORT_EASY;
        }
    }
    it
}

/// Minutes a demand gets in a slot, or None when it does not fit.
pub fn fit(env: &WeekEnv, d: &Demand, slot: usize) -> Option<u16> {
    if d.ignore_capacity {
        return Some(d.minutes);
    }
    let cap = env.cap[slot];
    if cap == 0 || cap < d.min_minutes {
        return None;
    }
    Some(d.minutes.min(cap))
}

/// A reason a candidate is refused, for the dropped list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Capacity,
    Taken,
    Window,
    Rule(&'static str),
}

impl<'a> Search<'a> {
    fn day_items(&self, day: usize, extra: Option<&Item>, buf: &mut [Item; 3]) -> usize {
        let mut n = 0;
        for s in [2 * day, 2 * day + 1] {
            if let Some((_, it)) = &self.placed[s] {
                buf[n] = *it;
                n += 1;
            }
        }
        if let Some(e) = extra {
            buf[n] = *e;
            n += 1;
        }
        buf[..n].sort_by_key(|i| i.start);
        n
    }

    fn facts(&self, day: i32, extra: Option<(usize, &Item)>) -> DayFacts {
        if day < 0 {
            return self.env.prev_days[(2 + day) as usize];
        }
        if day > 6 {
            return DayFacts::default();
        }
        let mut buf = [self.demands[0].item; 3];
        let e = extra.filter(|(d, _)| *d == day as usize).map(|(_, i)| i);
        let n = self.day_items(day as usize, e, &mut buf);
        DayFacts::of(&buf[..n])
    }

    /// Incremental cost of putting `it` (demand `k`) in `slot`, or None when a hard rule breaks.
    fn cost_of(&self, k: usize, slot: usize, it: &Item) -> Result<f64, &'static str> {
        let mut cost = 0.0;
        let mut err: Option<&'static str> = None;
        let p = &self.env.params;
        let mut add = |h: Hit| {
            if h.severity == Severity::Error {
                if err.is_none() {
                    err = Some(h.rule);
                }
            } else {
                cost += weight(h.rule, h.severity);
            }
        };
        check_item(it, &mut add);
        let others = self
            .env
            .prev
            .iter()
            .chain(self.placed.iter().flatten().map(|(_, i)| i));
        for o in others {
            if o.start <= it.start {
                check_pair(o, it, p, &mut add);
            } else {
                check_pair(it, o, p, &mut add);
            }
        }
        if let Some(e) = err {
            return Err(e);
        }
        let day = (slot / 2) as i32;
        if let Some(rule) = self.day_policy(day as usize, it) {
            return Err(rule);
        }
        let ex = Some((day as usize, it));
        let f = self.facts(day, ex);
        let fp = self.facts(day - 1, ex);
        let fnx = self.facts(day + 1, ex);
        // R-EASY-AFTER: the day after a combined day holds only easy sessions.
        if fp.combined && !it.has(flag::EASY_OK) {
            return Err("R-EASY-AFTER");
        }
        if f.combined && day < 6 {
            let mut buf = [self.demands[0].item; 3];
            let n = self.day_items(day as usize + 1, None, &mut buf);
            if buf[..n].iter().any(|i| !i.has(flag::EASY_OK)) {
                return Err("R-EASY-AFTER");
            }
        }
        if f.main_sessions > 2 {
            return Err("R-GAP-DAY");
        }
        // R-HARD-DAYS: weekly cap, and for beginners no consecutive hard days and rest days.
        if f.hard {
            let mut hard = 0u8;
            for d in 0..7 {
                if self.facts(d, ex).hard {
                    hard += 1;
                }
            }
            if hard > self.env.hard_cap {
                return Err("R-HARD-DAYS");
            }
            if self.env.level == Level::Beginner && (fp.hard || fnx.hard) {
                return Err("R-HARD-DAYS");
            }
        }
        if self.env.level == Level::Beginner {
            let mut busy = 0u8;
            let mut held = 0u8;
            for d in 0..7 {
                if self.env.held & (1 << d) != 0 {
                    held += 1;
                    if !self.facts(d, ex).rest {
                        busy += 1;
                    }
                }
            }
            if held.saturating_sub(busy) < self.env.rest_need {
                return Err("R-HARD-DAYS");
            }
        }
        cost += preference(self.demands, k, slot, it, &self.placed);
        Ok(cost)
    }

    /// The planner's own day policies (docs/planner.md), stricter than the rules: one run a day
    /// (advanced runners may double easy runs), nothing else hard on a long-run day, and one
    /// lower-body strength session a day. Reported under R-GAP-DAY, the day-structure rule.
    fn day_policy(&self, day: usize, it: &Item) -> Option<&'static str> {
        let lower_str = |i: &Item| i.has(flag::STRENGTH) && i.has(flag::LOWER);
        for s in [2 * day, 2 * day + 1] {
            let Some((_, o)) = &self.placed[s] else {
                continue;
            };
            if it.has(flag::RUN) && o.has(flag::RUN) {
                let easy_double = self.env.level == Level::Advanced
                    && it.has(flag::EASY_OK)
                    && o.has(flag::EASY_OK);
                if !easy_double {
                    return Some("R-GAP-DAY");
                }
            }
            if (it.has(flag::LONG) && (o.has(flag::HARD) || lower_str(o)))
                || (o.has(flag::LONG) && (it.has(flag::HARD) || lower_str(it)))
            {
                return Some("R-GAP-DAY");
            }
            if lower_str(it) && lower_str(o) {
                return Some("R-GAP-DAY");
            }
        }
        None
    }

    /// A lower bound on the cost of placing demands `k..`: each demand with no free slot it fits
    /// must be dropped, and when more demands remain than free slots, the cheapest drops of the
    /// excess must be paid too.
    fn bound(&self, k: usize) -> f64 {
        let mut free = 0u16;
        for (s, p) in self.placed.iter().enumerate() {
            if p.is_none() {
                free |= 1 << s;
            }
        }
        let mut lb = 0.0;
        let mut drops: [f64; 32] = [0.0; 32];
        let mut n = 0usize;
        for d in &self.demands[k..] {
            if d.allowed & d.fit_mask & free == 0 && !d.ignore_capacity {
                lb += d.drop_cost.min(1e9);
            } else if n < drops.len() {
                drops[n] = d.drop_cost.min(1e9);
                n += 1;
            }
        }
        let slots = free.count_ones() as usize;
        if n > slots {
            let ds = &mut drops[..n];
            ds.sort_by(f64::total_cmp);
            lb += ds[..n - slots].iter().sum::<f64>();
        }
        lb + self.certain_leaf()
    }

    /// Leaf penalties that are already certain: adding sessions never makes a day restful
    /// again nor breaks a run of hard days.
    fn certain_leaf(&self) -> f64 {
        if self.env.level == Level::Beginner {
            return 0.0;
        }
        let mut cost = 0.0;
        let mut recovery_possible = 0;
        let mut run = if self.env.prev_days[1].hard {
            if self.env.prev_days[0].hard { 2 } else { 1 }
        } else {
            0
        };
        let mut three = false;
        for d in 0..7 {
            let f = self.facts(d, None);
            if f.recovery && self.env.held & (1 << d) != 0 {
                recovery_possible += 1;
            }
            if f.hard {
                run += 1;
                three |= run >= 3;
            } else {
                run = 0;
            }
        }
        if recovery_possible < self.env.rest_need {
            cost += weight("R-HARD-DAYS", Severity::Warning);
        }
        if three {
            cost += weight("R-HARD-DAYS", Severity::Warning);
        }
        cost
    }

    /// Penalties known only once the week is complete: consecutive hard days and a missing
    /// recovery day (soft for intermediate and advanced), weekly monotony (R-LOAD).
    fn leaf_cost(&self) -> f64 {
        let mut cost = 0.0;
        if self.env.level != Level::Beginner {
            let mut run = 0;
            if self.env.prev_days[1].hard {
                run = 1;
                if self.env.prev_days[0].hard {
                    run = 2;
                }
            }
            let mut recovery = 0;
            for d in 0..7 {
                let f = self.facts(d, None);
                if f.hard {
                    run += 1;
                    if run == 3 {
                        cost += weight("R-HARD-DAYS", Severity::Warning);
                    }
                } else {
                    run = 0;
                }
                if f.recovery && self.env.held & (1 << d) != 0 {
                    recovery += 1;
                }
            }
            if recovery < self.env.rest_need {
                cost += weight("R-HARD-DAYS", Severity::Warning);
            }
        }
        let mut loads = [0f32; 7];
        for (s, p) in self.placed.iter().enumerate() {
            if let Some((_, it)) = p {
                loads[s / 2] += it.load;
            }
        }
        let mean = loads.iter().sum::<f32>() / 7.0;
        let var = loads.iter().map(|l| (l - mean) * (l - mean)).sum::<f32>() / 7.0;
        if mean > 0.0 && var > 0.0 && mean / var.sqrt() > 2.0 {
            cost += weight("R-LOAD", Severity::Warning);
        }
        cost
    }

    fn go(&mut self, k: usize, cost: f64) {
        self.nodes += 1;
        if self.nodes > self.env.node_limit {
            self.aborted = true;
            return;
        }
        if cost >= self.best_cost {
            return;
        }
        if k < self.demands.len() && cost + self.bound(k) >= self.best_cost {
            return;
        }
        if k == self.demands.len() {
            let total = cost + self.leaf_cost();
            if total < self.best_cost {
                self.best_cost = total;
                self.best.clone_from(&self.choice);
            }
            return;
        }
        let d = &self.demands[k];
        // Symmetry: an interchangeable demand goes after the previous one of its group.
        let mut min_slot = 0usize;
        let mut must_drop = false;
        if d.group != 0
            && k > 0
            && self.demands[k - 1].group == d.group
            && self.demands[k - 1].minutes == d.minutes
        {
            match self.choice[k - 1] {
                Some((s, _)) => min_slot = s as usize + 1,
                None => must_drop = true,
            }
        }
        let mut cands: [(f64, u8, u16); SLOTS] = [(0.0, 0, 0); SLOTS];
        let mut n = 0;
        if !must_drop {
            for slot in min_slot..SLOTS {
                if d.allowed & (1 << slot) == 0 || self.placed[slot].is_some() {
                    continue;
                }
                let Some(min) = fit(self.env, d, slot) else {
                    continue;
                };
                let it = item_at(self.env, d, slot, min);
                if let Ok(c) = self.cost_of(k, slot, &it) {
                    let short = f64::from(d.minutes - min) * 0.05;
                    cands[n] = (c + short, slot as u8, min);
                    n += 1;
                }
            }
        }
        if n == 0 && !d.drop_cost.is_finite() && !must_drop {
            // A race cannot move or be dropped: it goes on its day whatever the rules say, and
            // the repair pass removes what conflicts with it.
            if let Some(slot) =
                (0..SLOTS).find(|s| d.allowed & (1 << s) != 0 && self.placed[*s].is_none())
            {
                cands[0] = (0.0, slot as u8, d.minutes);
                n = 1;
            }
        }
        cands[..n].sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(c, slot, min) in &cands[..n] {
            let it = item_at(self.env, d, slot as usize, min);
            self.placed[slot as usize] = Some((k, it));
            self.choice[k] = Some((slot, min));
            self.go(k + 1, cost + c);
            self.placed[slot as usize] = None;
            self.choice[k] = None;
            if self.aborted {
                return;
            }
        }
        if d.drop_cost.is_finite() {
            self.choice[k] = None;
            self.go(k + 1, cost + d.drop_cost);
        }
    }
}

/// Planner preferences that are not rules (documented in docs/planner.md): long run at the
/// weekend, hard runs in the morning and not on consecutive days, lifts on hard-run days.
fn preference(
    demands: &[Demand],
    k: usize,
    slot: usize,
    it: &Item,
    placed: &[Option<(usize, Item)>; SLOTS],
) -> f64 {
    let d = &demands[k];
    let day = slot / 2;
    let mut c = 0.0;
    match d.kind {
        Kind::RunLong if day < 5 => c += 1.0,
        k if k.is_hi_run() && k != Kind::RunRace => {
            if slot % 2 == 1 {
                c += 0.3;
            }
            for (_, o) in placed.iter().flatten() {
                if o.has(flag::HI_RUN) && (o.day - it.day).abs() <= 1 {
                    c += 1.0;
                }
            }
        }
        _ => {}
    }
    if it.has(flag::INT_STR_L) {
        let other = placed[slot ^ 1].as_ref();
        if !other.is_some_and(|(_, o)| o.has(flag::HI_RUN)) {
            c += 0.5;
        }
    }
    c
}

/// Fill in each demand's fit mask for this week's capacities.
pub fn prepare(env: &WeekEnv, demands: &mut [Demand]) {
    for d in demands.iter_mut() {
        let mut m = 0u16;
        for slot in 0..SLOTS {
            if fit(env, d, slot).is_some() {
                m |= 1 << slot;
            }
        }
        d.fit_mask = m;
    }
}

/// Place one week optimally. Demands must be sorted by rank and prepared (`prepare`).
pub fn place(env: &WeekEnv, demands: &[Demand]) -> Placement {
    let mut s = Search {
        env,
        demands,
        placed: [None; SLOTS],
        choice: vec![None; demands.len()],
        best: vec![None; demands.len()],
        best_cost: f64::INFINITY,
        nodes: 0,
        aborted: false,
    };
    if !demands.is_empty() {
        s.go(0, 0.0);
    }
    Placement {
        slots: s.best,
        penalty: s.best_cost,
        exact: !s.aborted,
        nodes: s.nodes,
    }
}

/// Greedy placement for comparison: each demand in order takes its cheapest slot now.
pub fn greedy(env: &WeekEnv, demands: &[Demand]) -> Placement {
    let mut s = Search {
        env,
        demands,
        placed: [None; SLOTS],
        choice: vec![None; demands.len()],
        best: Vec::new(),
        best_cost: f64::INFINITY,
        nodes: 0,
        aborted: false,
    };
    let mut cost = 0.0;
    for (k, d) in demands.iter().enumerate() {
        let mut best: Option<(f64, usize, u16)> = None;
        for slot in 0..SLOTS {
            if d.allowed & (1 << slot) == 0 || s.placed[slot].is_some() {
                continue;
            }
            let Some(min) = fit(env, d, slot) else {
                continue;
            };
            let it = item_at(env, d, slot, min);
            if let Ok(c) = s.cost_of(k, slot, &it) {
                let c = c + f64::from(d.minutes - min) * 0.05;
                if best.is_none_or(|b| c < b.0) {
                    best = Some((c, slot, min));
                }
            }
        }
        match best {
            Some((c, slot, min)) => {
                s.placed[slot] = Some((k, item_at(env, d, slot, min)));
                s.choice[k] = Some((slot as u8, min));
                cost += c;
            }
            None => cost += d.drop_cost.min(1e6),
        }
    }
    cost += s.leaf_cost();
    Placement {
        slots: s.choice,
        penalty: cost,
        exact: false,
        nodes: demands.len() as u64,
    }
}

/// Why demand `k` could not go into any slot, given the final placement of the others: the most
/// frequent block over its allowed slots.
pub fn why_not(env: &WeekEnv, demands: &[Demand], chosen: &[Option<(u8, u16)>], k: usize) -> Block {
    let mut s = Search {
        env,
        demands,
        placed: [None; SLOTS],
        choice: chosen.to_vec(),
        best: Vec::new(),
        best_cost: 0.0,
        nodes: 0,
        aborted: false,
    };
    for (j, c) in chosen.iter().enumerate() {
        if let Some((slot, min)) = c {
            s.placed[*slot as usize] = Some((j, item_at(env, &demands[j], *slot as usize, *min)));
        }
    }
    let d = &demands[k];
    let mut counts: Vec<(Block, u32)> = Vec::new();
    let mut bump = |b: Block| match counts.iter_mut().find(|(x, _)| *x == b) {
        Some(c) => c.1 += 1,
        None => counts.push((b, 1)),
    };
    for slot in 0..SLOTS {
        if env.held & (1 << (slot / 2)) == 0 {
            continue;
        }
        if d.allowed & (1 << slot) == 0 {
            bump(Block::Window);
            continue;
        }
        let Some(min) = fit(env, d, slot) else {
            bump(Block::Capacity);
            continue;
        };
        if s.placed[slot].is_some() {
            bump(Block::Taken);
            continue;
        }
        let it = item_at(env, d, slot, min);
        match s.cost_of(k, slot, &it) {
            Err(rule) => bump(Block::Rule(rule)),
            Ok(_) => bump(Block::Taken),
        }
    }
    // Prefer naming a rule over "taken" or capacity.
    counts.sort_by_key(|(b, c)| (!matches!(b, Block::Rule(_)), std::cmp::Reverse(*c)));
    counts.first().map_or(Block::Capacity, |(b, _)| *b)
}

/// Could demand `k` go into `slot` if that slot had time (for "add a PM slot on Thursday")?
pub fn would_fit_with_time(
    env: &WeekEnv,
    demands: &[Demand],
    chosen: &[Option<(u8, u16)>],
    k: usize,
    slot: usize,
) -> bool {
    let mut e2 = env.clone();
    e2.cap[slot] = demands[k].minutes;
    let mut s = Search {
        env: &e2,
        demands,
        placed: [None; SLOTS],
        choice: chosen.to_vec(),
        best: Vec::new(),
        best_cost: 0.0,
        nodes: 0,
        aborted: false,
    };
    for (j, c) in chosen.iter().enumerate() {
        if let Some((sl, min)) = c {
            s.placed[*sl as usize] = Some((j, item_at(&e2, &demands[j], *sl as usize, *min)));
        }
    }
    if s.placed[slot].is_some() || demands[k].allowed & (1 << slot) == 0 {
        return false;
    }
    let it = item_at(&e2, &demands[k], slot, demands[k].minutes);
    s.cost_of(k, slot, &it).is_ok()
}
