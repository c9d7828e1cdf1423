//! Exact placement of one week's sessions into 7 days × {AM, PM} (rulebook §4.4): branch and bound
//! over the sessions in placement order. Hard rules are constraints and soft rules weighted
//! penalties, all judged by the linter's own pair, item and day checks
//! (`runlift_rules::pair`), incrementally against the sessions already placed this week and the
//! last days of the previous week. The inner loop copies prebuilt `Item`s and never allocates.

use std::cell::RefCell;
use std::collections::HashMap;

use runlift_model::Kind;
use runlift_model::profile::{Level, Slot, SlotTimes};
use runlift_rules::Severity;
use runlift_rules::item::{Item, flag};
use runlift_rules::pair::{DayFacts, Hit, PairParams, check_item, check_pair};

/// Slots of a week: index = day × 2 + (0 AM, 1 PM).
pub const SLOTS: usize = 14;

/// A penalty inside the search, in hundredths of a point: every weight, preference and drop
/// cost is a whole number of hundredths, so sums are exact whatever order they are added in.
pub type Cost = i64;

/// Beyond any real cost (a race's drop, a bound that cannot be met); sums of a few stay in range.
const INF: Cost = 1 << 50;

/// Penalty weights of §4.4 in hundredths of a point (R-SEP-48H 10, R-STACK 8, R-LOAD 3, others
/// 5; information, e.g. R-SEP-48H for a seasoned lifter, a fifth). Errors are refusals, never costs.
pub fn weight(rule: &str, sev: Severity) -> Cost {
    let w: Cost = match rule {
        "R-SEP-48H" => 1000,
        "R-STACK" => 800,
        "R-LOAD" => 300,
        _ => 500,
    };
    if sev == Severity::Info { w / 5 } else { w }
}

/// A demand's drop cost in hundredths (a race's is beyond any real cost).
fn drop_c(d: &Demand) -> Cost {
    if d.drop_cost.is_finite() {
        (d.drop_cost * 100.0).round() as Cost
    } else {
        INF
    }
}

/// Shortening a flexible demand costs 0.05 a minute.
fn short_c(d: &Demand, minutes: u16) -> Cost {
    5 * Cost::from(d.minutes - minutes)
}

/// One session to place.
#[derive(Clone, Debug, PartialEq)]
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
    /// R-HARD-SEQ: least gap in minutes (end to start) between two hard runs, for beginners and
    /// athletes of 50 or more (0: no spacing beyond the other rules).
    pub hi_gap: i32,
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
    /// Facts of each day of the week as placed so far (kept in step with `placed`).
    days: [DayFacts; 7],
    /// Days (bit per day) that are hard, and that are not rest days, as placed so far.
    hard_days: u8,
    busy_days: u8,
    choice: Vec<Option<(u8, u16)>>,
    best: Vec<Option<(u8, u16)>>,
    best_cost: Cost,
    nodes: u64,
    aborted: bool,
    /// Per demand: `drop_c`.
    drops: Vec<Cost>,
    /// Prune with the cheap bound, and the tight one too (`Bounds`).
    simple: bool,
    tight: bool,
    /// The candidates' incremental costs (`place` only; empty in the other searches).
    table: Table,
}

/// Each (demand, slot) a demand can go into is a candidate with a fixed item (its minutes are
/// the slot's fit), so what a placed session adds to the cost of a later candidate is fixed too:
/// computed once per pair, and kept summed per candidate as sessions are placed and taken out.
#[derive(Default)]
struct Table {
    /// Candidate of (demand, slot), or `NONE`.
    of: Vec<[u16; SLOTS]>,
    /// Per candidate: its item, its demand, and the first candidate of the next demand (a placed
    /// session only affects later demands).
    items: Vec<Item>,
    owner: Vec<u8>,
    later: Vec<u16>,
    /// Per demand: it is identical to the one before it (but for its index in the plan).
    twin: Vec<bool>,
    /// Per candidate: the item's own cost and its pairs with the previous week's items, plus
    /// the pairs with the sessions placed now (`ERR` for each hard rule broken).
    acc: Vec<Cost>,
    /// Per candidate: where its row of pair costs with later candidates starts in `rows`, or
    /// `u32::MAX` before it is first placed.
    row_at: Vec<u32>,
    rows: Vec<Cost>,
}

/// No candidate.
const NONE: u16 = u16::MAX;

/// What one broken hard rule adds to a candidate's summed cost: more than any sum of penalties.
const ERR: Cost = 1 << 40;

/// What a hit adds to a candidate's summed cost.
fn hit_cost(h: &Hit) -> Cost {
    if h.severity == Severity::Error {
        ERR
    } else {
        weight(h.rule, h.severity)
    }
}

/// The linter's pair checks of `it` against another session, the earlier one first.
fn check_with(it: &Item, o: &Item, p: &PairParams, add: &mut impl FnMut(Hit)) {
    if o.start <= it.start {
        check_pair(o, it, p, add);
    } else {
        check_pair(it, o, p, add);
    }
}

/// The rules' part of a candidate's cost against one other session (`ERR` per error).
fn pair_cost(env: &WeekEnv, it: &Item, o: &Item) -> Cost {
    let mut cost: Cost = 0;
    check_with(it, o, &env.params, &mut |h| cost += hit_cost(&h));
    cost
}

/// Planner preference: a hard run (not a race) costs 1 for each hard run a day either side.
fn adjacent_hard(d: &Demand, it: &Item, o: &Item) -> Cost {
    let hard = d.kind.is_hi_run() && d.kind != Kind::RunRace;
    if hard && o.has(flag::HI_RUN) && (o.day - it.day).abs() <= 1 {
        100
    } else {
        0
    }
}

/// Two demands are the same but for the index of their session in the plan (and their
/// symmetry group, which the bound does not need).
fn same_demand(a: &Demand, b: &Demand) -> bool {
    let mut b = b.clone();
    b.item.idx = a.item.idx;
    b.group = a.group;
    *a == b
}

impl Table {
    fn new(env: &WeekEnv, demands: &[Demand]) -> Table {
        let mut t = Table::default();
        let mut firsts = Vec::with_capacity(demands.len() + 1);
        for (k, d) in demands.iter().enumerate() {
            firsts.push(t.items.len() as u16);
            let mut of = [NONE; SLOTS];
            for (slot, c) in of.iter_mut().enumerate() {
                if d.allowed & (1 << slot) == 0 {
                    continue;
                }
                let Some(min) = fit(env, d, slot) else {
                    continue;
                };
                let it = item_at(env, d, slot, min);
                let mut cost: Cost = 0;
                check_item(&it, &mut |h| cost += hit_cost(&h));
                // (the preference against adjacent hard runs is within the week only)
                for o in &env.prev {
                    cost += pair_cost(env, &it, o);
                }
                *c = t.items.len() as u16;
                t.items.push(it);
                t.owner.push(k as u8);
                t.acc.push(cost);
            }
            t.of.push(of);
        }
        firsts.push(t.items.len() as u16);
        t.later = t.owner.iter().map(|&k| firsts[k as usize + 1]).collect();
        t.row_at = vec![u32::MAX; t.items.len()];
        t.twin = (0..demands.len())
            .map(|j| j > 0 && same_demand(&demands[j - 1], &demands[j]))
            .collect();
        t
    }

    /// Add (or with `sign` -1, take out) placed candidate `p` into the sums of the later
    /// candidates, computing its row of pair costs the first time.
    fn apply(&mut self, env: &WeekEnv, demands: &[Demand], p: usize, sign: Cost) {
        let from = self.later[p] as usize;
        let n = self.items.len() - from;
        if self.row_at[p] == u32::MAX {
            self.row_at[p] = self.rows.len() as u32;
            let o = self.items[p];
            for c in from..self.items.len() {
                let (d, it) = (&demands[self.owner[c] as usize], &self.items[c]);
                self.rows
                    .push(pair_cost(env, it, &o) + adjacent_hard(d, it, &o));
            }
        }
        let at = self.row_at[p] as usize;
        let row = &self.rows[at..at + n];
        for (a, r) in self.acc[from..].iter_mut().zip(row) {
            *a += sign * r;
        }
    }
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
    /// A search with nothing placed; with `table`, the candidates' costs are kept incrementally.
    fn new(
        env: &'a WeekEnv,
        demands: &'a [Demand],
        choice: Vec<Option<(u8, u16)>>,
        table: bool,
    ) -> Search<'a> {
        Search {
            env,
            demands,
            placed: [None; SLOTS],
            days: [DayFacts::of(&[]); 7],
            hard_days: 0,
            busy_days: 0,
            choice,
            best: Vec::new(),
            best_cost: Cost::MAX,
            nodes: 0,
            aborted: false,
            drops: demands.iter().map(drop_c).collect(),
            simple: true,
            tight: true,
            table: if table {
                Table::new(env, demands)
            } else {
                Table::default()
            },
        }
    }

    /// A search with the sessions of `chosen` placed (to judge one more against them).
    fn placed_as(
        env: &'a WeekEnv,
        demands: &'a [Demand],
        chosen: &[Option<(u8, u16)>],
    ) -> Search<'a> {
        let mut s = Search::new(env, demands, chosen.to_vec(), false);
        for (j, c) in chosen.iter().enumerate() {
            if let Some((slot, min)) = c {
                let it = item_at(env, &demands[j], *slot as usize, *min);
                s.put(*slot as usize, Some((j, it)));
            }
        }
        s
    }

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
        match extra.filter(|(d, _)| *d == day as usize) {
            None => self.days[day as usize],
            Some((_, e)) => {
                let mut buf = [*e; 3];
                let n = self.day_items(day as usize, Some(e), &mut buf);
                DayFacts::of(&buf[..n])
            }
        }
    }

    /// Put (or with None, take out) a session in a slot, keeping the day's facts in step.
    fn put(&mut self, slot: usize, v: Option<(usize, Item)>) {
        if !self.table.of.is_empty() {
            let (env, demands) = (self.env, self.demands);
            if let Some((k, _)) = self.placed[slot] {
                let c = self.table.of[k][slot] as usize;
                self.table.apply(env, demands, c, -1);
            }
            if let Some((k, _)) = v {
                let c = self.table.of[k][slot] as usize;
                self.table.apply(env, demands, c, 1);
            }
        }
        self.placed[slot] = v;
        let day = slot / 2;
        let mut buf = [self.demands[0].item; 3];
        let n = self.day_items(day, None, &mut buf);
        let f = DayFacts::of(&buf[..n]);
        self.days[day] = f;
        let bit = 1u8 << day;
        self.hard_days = if f.hard {
            self.hard_days | bit
        } else {
            self.hard_days & !bit
        };
        self.busy_days = if f.rest {
            self.busy_days & !bit
        } else {
            self.busy_days | bit
        };
    }

    /// Incremental cost of putting `it` (demand `k`) in `slot`, or None when a hard rule breaks.
    fn cost_of(&self, k: usize, slot: usize, it: &Item) -> Result<Cost, &'static str> {
        self.cost_of_inner(k, slot, it, true)
    }

    /// `cost_of`; without `pairing`, the one preference that a later session can lower (an
    /// intense lift paired with a hard run placed after it) is left out, for the lower bound.
    fn cost_of_inner(
        &self,
        k: usize,
        slot: usize,
        it: &Item,
        pairing: bool,
    ) -> Result<Cost, &'static str> {
        let mut cost: Cost = 0;
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
            check_with(it, o, p, &mut add);
        }
        if let Some(e) = err {
            return Err(e);
        }
        self.day_rules(slot, it)?;
        cost += preference(self.demands, k, slot, it, &self.placed, pairing, true);
        Ok(cost)
    }

    /// `cost_of_inner` from the table: candidate `c` of demand `k` in `slot`, None when a hard
    /// rule breaks.
    fn cost_fast(&self, k: usize, slot: usize, c: usize, pairing: bool) -> Option<Cost> {
        let acc = self.table.acc[c];
        if acc >= ERR {
            return None;
        }
        let it = &self.table.items[c];
        self.day_rules(slot, it).ok()?;
        Some(acc + preference(self.demands, k, slot, it, &self.placed, pairing, false))
    }

    /// `cost_fast` of demand `k` in `slot` (a candidate), shortening included.
    fn slot_cost(&self, k: usize, slot: usize, pairing: bool) -> Option<Cost> {
        let c = self.table.of[k][slot] as usize;
        let min = self.table.items[c].minutes() as u16;
        Some(self.cost_fast(k, slot, c, pairing)? + short_c(&self.demands[k], min))
    }

    /// The rules about whole days (and the planner's day policies) for `it` in `slot`.
    fn day_rules(&self, slot: usize, it: &Item) -> Result<(), &'static str> {
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
        let others = !(1u8 << day);
        if f.hard {
            let hard = (self.hard_days & others).count_ones() + 1;
            if hard > u32::from(self.env.hard_cap) {
                return Err("R-HARD-DAYS");
            }
            if self.env.level == Level::Beginner && (fp.hard || fnx.hard) {
                return Err("R-HARD-DAYS");
            }
        }
        if f.hard && self.hard_run_of_three(day, ex) {
            return Err("R-HARD-SEQ");
        }
        if self.env.hi_gap > 0 && it.has(flag::HI_RUN) && self.hi_too_close(it) {
            return Err("R-HARD-SEQ");
        }
        if self.env.level == Level::Beginner {
            let held = self.env.held;
            let busy_here = !f.rest && held & (1 << day) != 0;
            let busy = (self.busy_days & held & others).count_ones() + u32::from(busy_here);
            if held.count_ones().saturating_sub(busy) < u32::from(self.env.rest_need) {
                return Err("R-HARD-DAYS");
            }
        }
        Ok(())
    }

    /// R-HARD-SEQ: `day` (hard with the candidate) would make three hard days in a row, counting
    /// the previous week's weekend.
    fn hard_run_of_three(&self, day: i32, ex: Option<(usize, &Item)>) -> bool {
        let hard = |d: i32| self.facts(d, ex).hard;
        let before = if hard(day - 1) {
            1 + i32::from(hard(day - 2))
        } else {
            0
        };
        let after = if hard(day + 1) {
            1 + i32::from(hard(day + 2))
        } else {
            0
        };
        before + after >= 2
    }

    /// R-HARD-SEQ: a hard run within `hi_gap` (end to start) of another hard run, this week's or
    /// the last days'. Two races are the athlete's calendar, never refused.
    fn hi_too_close(&self, it: &Item) -> bool {
        let close = |o: &Item| {
            o.has(flag::HI_RUN) && !(o.has(flag::RACE) && it.has(flag::RACE)) && {
                let gap = if o.start <= it.start {
                    it.start - o.end
                } else {
                    o.start - it.end
                };
                gap < self.env.hi_gap
            }
        };
        self.placed.iter().flatten().any(|(_, o)| close(o)) || self.env.prev.iter().any(close)
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
    fn bound(&self, k: usize) -> Cost {
        let free = self.free();
        let mut lb: Cost = 0;
        let mut drops: [Cost; 32] = [0; 32];
        let mut n = 0usize;
        for (d, &drop) in self.demands[k..].iter().zip(&self.drops[k..]) {
            if d.allowed & d.fit_mask & free == 0 && !d.ignore_capacity {
                lb += drop;
            } else if n < drops.len() {
                drops[n] = drop;
                n += 1;
            }
        }
        let slots = free.count_ones() as usize;
        if n > slots {
            let ds = &mut drops[..n];
            ds.sort_unstable();
            lb += ds[..n - slots].iter().sum::<Cost>();
        }
        lb + self.certain_leaf()
    }

    fn free(&self) -> u16 {
        let mut free = 0u16;
        for (s, p) in self.placed.iter().enumerate() {
            if p.is_none() {
                free |= 1 << s;
            }
        }
        free
    }

    /// A tighter lower bound, used when the cheap one does not prune: every remaining demand
    /// costs at least its cheapest free slot against the sessions placed now (pair penalties
    /// only add up as more sessions are placed, and a slot a hard rule refuses now stays
    /// refused), or its drop cost. On top of that sum, some demands must be dropped (paying
    /// their drop cost instead) when more remain than free slots, or more runs remain than
    /// days free of runs (one run a day); and keeping the recovery days R-HARD-DAYS wants
    /// costs either its penalty or the drops that free those days. Identical demands (twins)
    /// need distinct slots, and twin runs that must be alone on their day distinct days, so the
    /// i-th twin costs at least the i-th cheapest slot (or day). Stops early at `limit`.
    fn bound_tight(&self, k: usize, limit: Cost) -> Cost {
        let free = self.free();
        let (hard_leaf, rec_leaf) = self.certain_leaf_parts();
        let mut lb = hard_leaf;
        // (extra cost of dropping instead of placing, non-recovery, needs a run-free day)
        let mut rest: [(Cost, bool, bool); 32] = [(0, false, false); 32];
        let mut n = 0usize;
        let advanced = self.env.level == Level::Advanced;
        let mut twin_costs = [INF; SLOTS];
        let mut twin_i = 0usize;
        for j in k..self.demands.len() {
            let d = &self.demands[j];
            let it = &d.item;
            let nonrec = !it.has(flag::RECOVERY_OK);
            let solo_run = it.has(flag::RUN) && !(advanced && it.has(flag::EASY_OK));
            let mask = d.allowed & free & if d.ignore_capacity { !0 } else { d.fit_mask };
            let best = if j > k && self.table.twin[j] {
                twin_i += 1;
                twin_costs.get(twin_i).copied().unwrap_or(INF)
            } else if self.table.twin.get(j + 1).copied().unwrap_or(false) {
                twin_costs = [INF; SLOTS];
                twin_i = 0;
                for slot in (0..SLOTS).filter(|s| mask & (1 << s) != 0) {
                    if let Some(c) = self.slot_cost(j, slot, false) {
                        let at = if solo_run { slot / 2 } else { slot };
                        twin_costs[at] = twin_costs[at].min(c);
                    }
                }
                twin_costs.sort_unstable();
                twin_costs[0]
            } else {
                let mut best = INF;
                for slot in (0..SLOTS).filter(|s| mask & (1 << s) != 0) {
                    if let Some(c) = self.slot_cost(j, slot, false)
                        && c < best
                    {
                        best = c;
                        if c <= 0 {
                            break;
                        }
                    }
                }
                best
            };
            if !d.drop_cost.is_finite() {
                // A race goes on its day whatever the rules say.
                if best < INF {
                    lb += best;
                }
                if n < rest.len() {
                    rest[n] = (INF, nonrec, solo_run);
                    n += 1;
                }
                continue;
            }
            let drop = self.drops[j];
            let placed_lb = best.min(drop);
            lb += placed_lb;
            if best < INF && n < rest.len() {
                rest[n] = (drop - placed_lb, nonrec, solo_run);
                n += 1;
            }
            if lb + rec_leaf >= limit {
                return lb + rec_leaf;
            }
        }
        let rest = &mut rest[..n];
        rest.sort_unstable_by_key(|x| x.0);
        // the cheapest `m` extras among demands matching `f`
        let cheapest = |m: usize, f: &dyn Fn(&(Cost, bool, bool)) -> bool| -> Cost {
            if m == 0 {
                return 0;
            }
            let mut taken = 0;
            let mut sum: Cost = 0;
            for x in rest.iter().filter(|x| f(x)).take(m) {
                sum = (sum + x.0).min(INF);
                taken += 1;
            }
            if taken < m { INF } else { sum }
        };
        // Free slots and run-free days (held days only).
        let mut slots_per_day = [0u8; 7];
        let mut run_free = [false; 7];
        for day in 0..7 {
            if self.env.held & (1 << day) == 0 {
                continue;
            }
            let mut has_run = false;
            for s in [2 * day, 2 * day + 1] {
                match &self.placed[s] {
                    None => slots_per_day[day] += 1,
                    Some((_, o)) => has_run |= o.has(flag::RUN),
                }
            }
            run_free[day] = !has_run && slots_per_day[day] > 0;
        }
        let slots: usize = free.count_ones() as usize;
        let run_days = run_free.iter().filter(|x| **x).count();
        let m_all = rest.len();
        let m_runs = rest.iter().filter(|x| x.2).count();
        let m_nonrec = rest.iter().filter(|x| x.1).count();
        let m_nonrec_runs = rest.iter().filter(|x| x.1 && x.2).count();
        let mut extra = cheapest(m_all.saturating_sub(slots), &|_| true)
            .max(cheapest(m_runs.saturating_sub(run_days), &|x| x.2));
        // Recovery days: the penalty, or keep `need` of today's recovery days free of
        // non-recovery sessions (the best choice of days), dropping what does not fit elsewhere.
        let need = self.env.rest_need as usize;
        if self.env.level != Level::Beginner && rec_leaf == 0 && need > 0 {
            let rec_days: Vec<usize> = (0..7)
                .filter(|&d| self.env.held & (1 << d) != 0 && self.days[d].recovery)
                .collect();
            let mut drops_needed = usize::MAX;
            let mut choose = |kept: &[usize]| {
                let lost_slots: usize = kept.iter().map(|&d| slots_per_day[d] as usize).sum();
                let lost_days = kept.iter().filter(|&&d| run_free[d]).count();
                let a = m_nonrec.saturating_sub(slots.saturating_sub(lost_slots));
                let b = m_nonrec_runs.saturating_sub(run_days.saturating_sub(lost_days));
                drops_needed = drops_needed.min(a.max(b));
            };
            match need {
                1 => rec_days.iter().for_each(|&d| choose(&[d])),
                2 => {
                    for (i, &x) in rec_days.iter().enumerate() {
                        for &y in &rec_days[i + 1..] {
                            choose(&[x, y]);
                        }
                    }
                }
                _ => drops_needed = 0,
            }
            if drops_needed != usize::MAX {
                let pen = weight("R-HARD-DAYS", Severity::Warning);
                extra = extra.max(pen.min(cheapest(drops_needed, &|x| x.1)));
            }
        }
        lb + rec_leaf + extra
    }

    /// Leaf penalties that are already certain: adding sessions never makes a day restful
    /// again nor breaks a run of hard days.
    fn certain_leaf(&self) -> Cost {
        let (a, b) = self.certain_leaf_parts();
        a + b
    }

    /// `certain_leaf` as (three hard days in a row, too few recovery days).
    fn certain_leaf_parts(&self) -> (Cost, Cost) {
        if self.env.level == Level::Beginner {
            return (0, 0);
        }
        let mut recovery_possible = 0;
        let mut run = if self.env.prev_days[1].hard {
            if self.env.prev_days[0].hard { 2 } else { 1 }
        } else {
            0
        };
        let mut three = false;
        for d in 0..7 {
            let f = self.days[d];
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
        let w = weight("R-HARD-DAYS", Severity::Warning);
        (
            if three { w } else { 0 },
            if recovery_possible < self.env.rest_need {
                w
            } else {
                0
            },
        )
    }

    /// Penalties known only once the week is complete: consecutive hard days and a missing
    /// recovery day (soft for intermediate and advanced), weekly monotony (R-LOAD).
    fn leaf_cost(&self) -> Cost {
        let mut cost: Cost = 0;
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
                let f = self.days[d];
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

    fn go(&mut self, k: usize, cost: Cost) {
        self.nodes += 1;
        if self.nodes > self.env.node_limit {
            self.aborted = true;
            return;
        }
        if cost >= self.best_cost {
            return;
        }
        if k < self.demands.len() {
            if self.simple && cost + self.bound(k) >= self.best_cost {
                return;
            }
            if self.tight
                && self.best_cost < INF
                && cost + self.bound_tight(k, self.best_cost - cost) >= self.best_cost
            {
                return;
            }
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
        let mut cands: [(Cost, u8, u16); SLOTS] = [(0, 0, 0); SLOTS];
        let mut n = 0;
        if !must_drop {
            for slot in min_slot..SLOTS {
                let cand = self.table.of[k][slot];
                if cand == NONE || self.placed[slot].is_some() {
                    continue;
                }
                let min = self.table.items[cand as usize].minutes() as u16;
                if let Some(c) = self.slot_cost(k, slot, true) {
                    cands[n] = (c, slot as u8, min);
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
                cands[0] = (0, slot as u8, d.minutes);
                n = 1;
            }
        }
        cands[..n].sort_unstable_by_key(|a| (a.0, a.1));
        for &(c, slot, min) in &cands[..n] {
            let it = self.table.items[self.table.of[k][slot as usize] as usize];
            self.put(slot as usize, Some((k, it)));
            self.choice[k] = Some((slot, min));
            self.go(k + 1, cost + c);
            self.put(slot as usize, None);
            self.choice[k] = None;
            if self.aborted {
                return;
            }
        }
        if d.drop_cost.is_finite() {
            self.choice[k] = None;
            self.go(k + 1, cost + self.drops[k]);
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
    pairing: bool,
    adjacency: bool,
) -> Cost {
    let d = &demands[k];
    let day = slot / 2;
    let mut c: Cost = 0;
    match d.kind {
        Kind::RunLong if day < 5 => c += 100,
        k if k.is_hi_run() && k != Kind::RunRace => {
            if slot % 2 == 1 {
                c += 30;
            }
            if adjacency {
                for (_, o) in placed.iter().flatten() {
                    c += adjacent_hard(d, it, o);
                }
            }
        }
        _ => {}
    }
    if pairing && it.has(flag::INT_STR_L) {
        let other = placed[slot ^ 1].as_ref();
        if !other.is_some_and(|(_, o)| o.has(flag::HI_RUN)) {
            c += 50;
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

/// A search cost in points (the unit of the rulebook's weights).
fn points(c: Cost) -> f64 {
    if c >= INF {
        f64::INFINITY
    } else {
        c as f64 / 100.0
    }
}

/// Place one week optimally. Demands must be sorted by rank and prepared (`prepare`).
pub fn place(env: &WeekEnv, demands: &[Demand]) -> Placement {
    place_bounded(env, demands, Bounds::Tight)
}

/// Which lower bounds the search prunes with.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bounds {
    /// Both (`place`).
    Tight,
    /// Only the cheap one (forced drops and free-slot counting), for the tests that check the
    /// tight bound never prunes an optimum.
    Simple,
    /// None: a branch is cut only when its cost so far reaches the best found (an exhaustive
    /// search, for the tests on small weeks).
    Off,
}

/// `place` with a choice of bounds.
#[doc(hidden)]
pub fn place_bounded(env: &WeekEnv, demands: &[Demand], bounds: Bounds) -> Placement {
    let mut s = Search::new(env, demands, vec![None; demands.len()], true);
    s.tight = bounds == Bounds::Tight;
    s.simple = bounds != Bounds::Off;
    s.best = vec![None; demands.len()];
    if !demands.is_empty() {
        s.go(0, 0);
    }
    Placement {
        slots: s.best,
        penalty: points(s.best_cost),
        exact: !s.aborted,
        nodes: s.nodes,
    }
}

/// Greedy placement for comparison: each demand in order takes its cheapest slot now.
pub fn greedy(env: &WeekEnv, demands: &[Demand]) -> Placement {
    let mut s = Search::new(env, demands, vec![None; demands.len()], false);
    let mut cost: Cost = 0;
    for (k, d) in demands.iter().enumerate() {
        let mut best: Option<(Cost, usize, u16)> = None;
        for slot in 0..SLOTS {
            if d.allowed & (1 << slot) == 0 || s.placed[slot].is_some() {
                continue;
            }
            let Some(min) = fit(env, d, slot) else {
                continue;
            };
            let it = item_at(env, d, slot, min);
            if let Ok(c) = s.cost_of(k, slot, &it) {
                let c = c + short_c(d, min);
                if best.is_none_or(|b| c < b.0) {
                    best = Some((c, slot, min));
                }
            }
        }
        match best {
            Some((c, slot, min)) => {
                s.put(slot, Some((k, item_at(env, d, slot, min))));
                s.choice[k] = Some((slot as u8, min));
                cost += c;
            }
            None => cost += drop_c(d).min(100_000_000),
        }
    }
    cost += s.leaf_cost();
    Placement {
        slots: s.choice,
        penalty: points(cost),
        exact: false,
        nodes: demands.len() as u64,
    }
}

/// Why demand `k` could not go into any slot, given the final placement of the others: the most
/// frequent block over its allowed slots.
pub fn why_not(env: &WeekEnv, demands: &[Demand], chosen: &[Option<(u8, u16)>], k: usize) -> Block {
    let s = Search::placed_as(env, demands, chosen);
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
    let s = Search::placed_as(&e2, demands, chosen);
    if s.placed[slot].is_some() || demands[k].allowed & (1 << slot) == 0 {
        return false;
    }
    let it = item_at(&e2, &demands[k], slot, demands[k].minutes);
    s.cost_of(k, slot, &it).is_ok()
}

/// A placement function with a memo of the weeks it has solved. A plan is planned again after
/// a left-out session or a hint (`repair`), and the weeks before the change are the same
/// problems: they are not searched twice. Use one per plan (the rule parameters, level and
/// slot times are the plan's).
pub struct Cached {
    f: fn(&WeekEnv, &[Demand]) -> Placement,
    memo: RefCell<HashMap<i32, Vec<Solved>>>,
}

/// A solved week: its problem and the placement found.
type Solved = (WeekEnv, Vec<Demand>, Placement);

impl Cached {
    pub fn new(f: fn(&WeekEnv, &[Demand]) -> Placement) -> Cached {
        Cached {
            f,
            memo: RefCell::new(HashMap::new()),
        }
    }

    pub fn place(&self, env: &WeekEnv, demands: &[Demand]) -> Placement {
        let same = |e: &WeekEnv| {
            e.cap == env.cap
                && e.prev == env.prev
                && e.prev_days == env.prev_days
                && e.hard_cap == env.hard_cap
                && e.rest_need == env.rest_need
                && e.held == env.held
                && e.node_limit == env.node_limit
                && e.times == env.times
                && e.level == env.level
        };
        if let Some(v) = self.memo.borrow().get(&env.monday)
            && let Some((_, _, p)) = v.iter().find(|(e, d, _)| same(e) && d == demands)
        {
            return p.clone();
        }
        let p = (self.f)(env, demands);
        self.memo.borrow_mut().entry(env.monday).or_default().push((
            env.clone(),
            demands.to_vec(),
            p.clone(),
        ));
        p
    }
}
