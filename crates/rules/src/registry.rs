//! The rule table: every rule ID of rulebook §3 with its type, one-line summary, sources and
//! parameters (default and range), and the per-athlete overrides that resolve against it.

use std::collections::BTreeMap;
use std::fmt;

/// Hard rules are never broken by the planner (ERROR); soft rules are penalties (WARN); some
/// rules are hard in one part and soft in another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleType {
    Hard,
    Soft,
    /// Hard floor or cap with a soft preference (e.g. R-STACK: 3 h floor, 6 h preferred).
    HardSoft,
}

impl fmt::Display for RuleType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RuleType::Hard => "hard",
            RuleType::Soft => "soft",
            RuleType::HardSoft => "hard/soft",
        })
    }
}

/// A tunable parameter of a rule.
#[derive(Clone, Copy, Debug)]
pub struct ParamDef {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub unit: &'static str,
    pub doc: &'static str,
}

/// One rule of the rulebook.
#[derive(Clone, Copy, Debug)]
pub struct RuleDef {
    pub id: &'static str,
    pub group: char,
    pub rule_type: RuleType,
    pub summary: &'static str,
    /// Sources as the rulebook cites them.
    pub sources: &'static str,
    pub params: &'static [ParamDef],
    /// False for rules that need logs (wellness, soreness, sleep), which a plan cannot show.
    pub checked_on_plans: bool,
}

const fn p(
    name: &'static str,
    default: f64,
    min: f64,
    max: f64,
    unit: &'static str,
    doc: &'static str,
) -> ParamDef {
    ParamDef {
        name,
        default,
        min,
        max,
        unit,
        doc,
    }
}

macro_rules! rule {
    ($id:literal, $g:literal, $t:ident, $sum:literal, $src:literal, [$($p:expr),* $(,)?]) => {
        RuleDef { id: $id, group: $g, rule_type: RuleType::$t, summary: $sum, sources: $src,
                  params: &[$($p),*], checked_on_plans: true }
    };
    ($id:literal, $g:literal, $t:ident, $sum:literal, $src:literal, [$($p:expr),* $(,)?], logs) => {
        RuleDef { id: $id, group: $g, rule_type: RuleType::$t, summary: $sum, sources: $src,
                  params: &[$($p),*], checked_on_plans: false }
    };
}

/// Every rule, in rulebook order.
pub static RULES: &[RuleDef] = &[
    rule!(
        "R-SEP-24H",
        'A',
        Hard,
        "Intense lower-body strength ends at least 24 h before the next hard run (2 h tolerance).",
        "000_7ae3e00bb5eac118.txt, 001_4f63045714cffa63.txt; Robineau 2016; Doma 2015, 2019",
        [
            p(
                "hours",
                24.0,
                24.0,
                48.0,
                "h",
                "minimum gap from the end of the lift to the start of the run"
            ),
            p(
                "tolerance_h",
                2.0,
                0.0,
                4.0,
                "h",
                "slack so that a PM lift and next-day PM run pass"
            )
        ]
    ),
    rule!(
        "R-SEP-48H",
        'A',
        Soft,
        "Preferably 48 h between intense lower-body strength and the next hard run.",
        "001_4f63045714cffa63.txt; Doma 2019",
        [p("hours", 48.0, 36.0, 72.0, "h", "preferred gap")]
    ),
    rule!(
        "R-STACK",
        'A',
        HardSoft,
        "Hard run and intense lower-body lift on one day: run first, lift 6 h later (3 h floor).",
        "000_7ae3e00bb5eac118.txt; Robineau 2016; Eddens 2018",
        [p(
            "hours",
            6.0,
            3.0,
            8.0,
            "h",
            "preferred gap from the end of the run to the lift"
        )]
    ),
    rule!(
        "R-LIGHT-FIRST",
        'A',
        Hard,
        "Only light work (STR_LIGHT, STR_ISO, STR_UC, MOB, non-intense microdose) before a same-day hard run, ≥ 3 h earlier, ≤ 6 lower-body sets at RIR ≥ 4.",
        "001_4f63045714cffa63.txt, 000_7ae3e00bb5eac118.txt",
        [p(
            "hours",
            3.0,
            2.0,
            6.0,
            "h",
            "minimum gap from the light session to the run"
        )]
    ),
    rule!(
        "R-EASY-AFTER",
        'A',
        Hard,
        "The day after a combined day holds only rest, recovery or easy runs (+strides), mobility, upper body/core.",
        "001_4f63045714cffa63.txt",
        []
    ),
    rule!(
        "R-LONG-AFTER-HEAVY",
        'A',
        Hard,
        "No long run the day after (or < 24 h after) intense lower-body strength.",
        "coaching convention; Doma 2019",
        []
    ),
    rule!(
        "R-GAP-DAY",
        'A',
        Hard,
        "Two sessions on one day at least 3 h apart if either is hard (add-ons and a short easy run before strength excepted); at most 2 main sessions a day; no overlaps.",
        "000_7ae3e00bb5eac118.txt, 001_4f63045714cffa63.txt",
        [p(
            "hours",
            3.0,
            2.0,
            6.0,
            "h",
            "minimum gap between two sessions of a day when either is hard"
        )]
    ),
    rule!(
        "R-PLYO-DAY",
        'A',
        Hard,
        "No plyometrics (outside a PAP complex) on a day with heavy or lower-body hypertrophy lifting.",
        "001_4f63045714cffa63.txt; 004_8bb3fcd59f2ea21f.txt",
        []
    ),
    rule!(
        "R-HARD-DAYS",
        'A',
        HardSoft,
        "Hard days a week ≤ 3/4/5 (beginner/intermediate/advanced); beginners none consecutive and ≥ 2 rest days; others ≤ 2 consecutive and ≥ 1 rest or recovery day.",
        "000_7ae3e00bb5eac118.txt; Foster 2001",
        []
    ),
    rule!(
        "R-STR-FREQ",
        'B',
        HardSoft,
        "Strength sessions a week within the phase's range (above: error; below: warning); 3×/week only after 4 weeks at 2.",
        "001_4f63045714cffa63.txt; 002_e4f70c3729217452.txt; Rønnestad 2010; Blagrove 2018",
        []
    ),
    rule!(
        "R-NO-GAP",
        'B',
        Soft,
        "No more than 14 days without lower-body strength (21 in transition).",
        "002_e4f70c3729217452.txt; Spiering 2021",
        [p(
            "days",
            14.0,
            7.0,
            21.0,
            "d",
            "longest allowed gap outside transition"
        )]
    ),
    rule!(
        "R-OVERLOAD",
        'B',
        Hard,
        "One progression step per exercise per week (load +2–5%, or +1 set, or +1–2 reps); lower-body sets ≤ +25%; none in deload or taper.",
        "001_4f63045714cffa63.txt",
        [p(
            "load_pct",
            5.0,
            2.0,
            5.0,
            "%",
            "largest weekly load increase of an exercise"
        )]
    ),
    rule!(
        "R-RUN-RAMP",
        'B',
        HardSoft,
        "Weekly running volume ≤ +10% over the last loading week (warning); > +30% is an error.",
        "Nielsen 2014",
        [p(
            "pct",
            10.0,
            5.0,
            15.0,
            "%",
            "largest weekly increase before a warning"
        )]
    ),
    rule!(
        "R-DELOAD",
        'B',
        Hard,
        "At most 3 loading weeks in a row (2 at age ≥ 50); a deload cuts running ≥ 20% and keeps ≤ 60% of lower-body sets.",
        "001_4f63045714cffa63.txt; Bell 2022, 2024",
        [p(
            "loading_weeks",
            3.0,
            2.0,
            4.0,
            "weeks",
            "loading weeks allowed before a deload"
        )]
    ),
    rule!(
        "R-PHASE",
        'C',
        Hard,
        "Every week has a phase and keeps its running and strength counts, sets, reps and intensities within §4.3.",
        "001_4f63045714cffa63.txt, 000_7ae3e00bb5eac118.txt, 002_e4f70c3729217452.txt; Rønnestad & Mujika 2014; Beattie 2014",
        []
    ),
    rule!(
        "R-INSEASON",
        'C',
        Hard,
        "In season: strength sets ≤ 60% of preparation, ≥ 1 heavy exposure a week, no failure, plyo ≤ 50% of the preparation cap.",
        "000_7ae3e00bb5eac118.txt; 002_e4f70c3729217452.txt; Rønnestad 2010; Spiering 2021",
        [p(
            "sets_pct",
            60.0,
            40.0,
            70.0,
            "%",
            "in-season sets as a share of preparation sets"
        )]
    ),
    rule!(
        "R-TAPER-A",
        'C',
        Hard,
        "A race: 10/14-day taper cutting running 40–60%; last intense lower lift ≥ 7 d before; race week light only ≤ 20 min, ≥ 48 h out; no plyo in the last 5 d.",
        "003_69cba37b2ff7e1a6.txt; 001_4f63045714cffa63.txt; Bosquet 2007; Berryman 2020",
        [
            p(
                "taper_days_short",
                10.0,
                7.0,
                21.0,
                "d",
                "taper length for races up to 10K"
            ),
            p(
                "taper_days_long",
                14.0,
                7.0,
                21.0,
                "d",
                "taper length for half marathon and longer"
            ),
            p(
                "last_heavy_days",
                7.0,
                5.0,
                10.0,
                "d",
                "days from the last intense lower lift to the race"
            )
        ]
    ),
    rule!(
        "R-TAPER-B",
        'C',
        Hard,
        "B race: 4-day cut-back (running −20–30%), last hard run ≥ 3 d before, no intense lower lift within 72 h, ≤ 1 strength session that week.",
        "003_69cba37b2ff7e1a6.txt",
        [
            p("days", 4.0, 3.0, 5.0, "d", "length of the cut-back"),
            p(
                "no_lift_h",
                72.0,
                48.0,
                96.0,
                "h",
                "no intense lower lift this close to the race"
            )
        ]
    ),
    rule!(
        "R-TAPER-C",
        'C',
        Soft,
        "C race: train through; the race replaces a hard run; no strength reduction.",
        "003_69cba37b2ff7e1a6.txt",
        []
    ),
    rule!(
        "R-READY",
        'D',
        Soft,
        "Wellness sum ≤ 13 or any item 1: downgrade today's hard session; ≤ 10: rest.",
        "001_4f63045714cffa63.txt; McLean 2010",
        [
            p(
                "downgrade_sum",
                13.0,
                11.0,
                16.0,
                "points",
                "wellness sum (5–25) at or below which today's hard session is downgraded one step"
            ),
            p(
                "rest_sum",
                10.0,
                5.0,
                12.0,
                "points",
                "wellness sum at or below which the day is rest or recovery"
            ),
            p(
                "low_item",
                1.0,
                1.0,
                2.0,
                "points",
                "any wellness item (1–5) at or below this downgrades"
            )
        ],
        logs
    ),
    rule!(
        "R-RPE",
        'D',
        Soft,
        "Loads by %1RM and RIR; adjust in session when the first set is too hard or pace falls off.",
        "001_4f63045714cffa63.txt; Zourdos 2016",
        [],
        logs
    ),
    rule!(
        "R-SORENESS",
        'D',
        Hard,
        "After a soreness flag, the next 7 days cut strength sets ~40% and drop plyo/PAP.",
        "001_4f63045714cffa63.txt",
        [
            p(
                "sore_item",
                2.0,
                1.0,
                3.0,
                "points",
                "soreness rating (1–5, 5 best) at or below which a day counts as sore"
            ),
            p(
                "sore_days",
                3.0,
                2.0,
                5.0,
                "days",
                "sore days within the window that raise the flag"
            ),
            p(
                "window_days",
                5.0,
                3.0,
                7.0,
                "days",
                "the window, ending today"
            ),
            p(
                "set_cut_pct",
                40.0,
                30.0,
                50.0,
                "%",
                "strength sets cut in the reduced days"
            ),
            p(
                "reduced_days",
                7.0,
                5.0,
                10.0,
                "days",
                "days after the flag with reduced strength and no plyo/PAP"
            ),
            p(
                "rebuild_weeks",
                2.0,
                2.0,
                4.0,
                "weeks",
                "weeks of rebuild after the reduced days, one R-OVERLOAD step a week"
            )
        ],
        logs
    ),
    rule!(
        "R-LOAD",
        'D',
        Soft,
        "Session load = RPE × minutes; weekly monotony > 2.0 or ACWR > 1.5 warns; ACWR < 0.8 informs. Never blocks.",
        "Foster 2001; Gabbett 2016; Impellizzeri 2020",
        []
    ),
    rule!(
        "R-EX-PATTERNS",
        'E',
        HardSoft,
        "Each lower-body heavy/hypertrophy/light session has a hinge and a knee-dominant exercise; weekly calf, anti-rotation and anti-extension work, compound and unilateral shares.",
        "001_4f63045714cffa63.txt, 002_e4f70c3729217452.txt, 004_8bb3fcd59f2ea21f.txt",
        []
    ),
    rule!(
        "R-EX-ORDER",
        'E',
        Soft,
        "Warm-up → plyo/power → heavy compound → unilateral/accessory → calves → core → mobility.",
        "001_4f63045714cffa63.txt, 004_8bb3fcd59f2ea21f.txt",
        []
    ),
    rule!(
        "R-SUPERSET",
        'E',
        Soft,
        "At most one superset a session, never two heavy lower-body lifts together.",
        "001_4f63045714cffa63.txt",
        [p("max", 1.0, 0.0, 2.0, "", "supersets allowed per session")]
    ),
    rule!(
        "R-ROTATE",
        'E',
        HardSoft,
        "Keep main lifts through a phase, rotate accessories each mesocycle; nothing new in peak, taper or race weeks.",
        "001_4f63045714cffa63.txt",
        []
    ),
    rule!(
        "R-PAP",
        'E',
        Hard,
        "PAP complex: heavy set (RIR 1–3, 3–6 reps), ≥ 3 min rest, explosive analogue; rounds 0/4/6 by level; none in taper.",
        "004_8bb3fcd59f2ea21f.txt; Dobbs 2019; Chen 2023",
        [p(
            "rest_min",
            3.0,
            3.0,
            8.0,
            "min",
            "least rest between the heavy set and the jumps"
        )]
    ),
    rule!(
        "R-PLYO-GATE",
        'E',
        Hard,
        "Plyometrics and PAP only after weeks of twice-weekly strength (beginner 6, intermediate 3 or 0 with 6+ months lifting); low-intensity first.",
        "001_4f63045714cffa63.txt; 004_8bb3fcd59f2ea21f.txt; Blagrove 2018",
        [p(
            "weeks_beginner",
            6.0,
            4.0,
            8.0,
            "weeks",
            "strength weeks a beginner needs before plyometrics"
        )]
    ),
    rule!(
        "R-PLYO-VOL",
        'E',
        Hard,
        "Contacts a session ≤ 40/80/120 by level (less in peak, in season, high mileage, taper); ≤ 2 plyo/PAP exposures a week, 48 h apart.",
        "001_4f63045714cffa63.txt; Spurrs 2003; Saunders 2006",
        []
    ),
    rule!(
        "R-BEGIN",
        'F',
        Hard,
        "New lifters' first 4 weeks: stable level-B exercises, 2–3 × 8–12 at RPE ≤ 7, no plyo/PAP/Nordic; one new modality per 2 weeks.",
        "004_8bb3fcd59f2ea21f.txt; Blagrove 2018",
        [p(
            "weeks",
            4.0,
            2.0,
            6.0,
            "weeks",
            "length of the introductory period"
        )]
    ),
    rule!(
        "R-NEW-STR-RACE",
        'F',
        Soft,
        "No race within 3 weeks of the first strength session.",
        "003_69cba37b2ff7e1a6.txt",
        [p(
            "weeks",
            3.0,
            2.0,
            6.0,
            "weeks",
            "weeks after the first strength session"
        )]
    ),
    rule!(
        "R-HIGHMILE",
        'F',
        Hard,
        "At ≥ 80 km/week: ≤ 2 strength sessions, ≤ 4 exercises and ≤ 10 lower-body sets a session, heavy over hypertrophy, ≤ 90 min strength a week.",
        "004_8bb3fcd59f2ea21f.txt; Wilson 2012",
        []
    ),
    rule!(
        "R-STR-SHARE",
        'F',
        Soft,
        "Strength ≤ 20% of weekly training minutes.",
        "Paavolainen 1999; 004_8bb3fcd59f2ea21f.txt",
        [p(
            "pct",
            20.0,
            10.0,
            35.0,
            "%",
            "largest strength share of weekly minutes"
        )]
    ),
    rule!(
        "R-MICRO",
        'F',
        Hard,
        "Microdoses: about 9 sets (6–12), ≤ 20 min, at the other end of the day from the run (≥ 3 h, 6 h preferred).",
        "003_69cba37b2ff7e1a6.txt; Cuthbert 2024",
        [p(
            "hours",
            6.0,
            3.0,
            10.0,
            "h",
            "preferred gap between a run and a microdose"
        )]
    ),
    rule!(
        "R-TECH-RAMP",
        'F',
        Soft,
        "A technique change ramps 400 m, 800 m, then +800 m a week; heel-lift changes not within 3 weeks of an A race.",
        "003_69cba37b2ff7e1a6.txt",
        [p(
            "weekly_m",
            800.0,
            400.0,
            1600.0,
            "m",
            "weekly increase of practice distance"
        )]
    ),
    rule!(
        "R-TEST",
        'F',
        Soft,
        "A test (wall sit, time trial, sprint, jump, rep max) every 6 weeks, ≥ 48 h after hard work.",
        "003_69cba37b2ff7e1a6.txt; 001_4f63045714cffa63.txt; Paavolainen 1999",
        [p("weeks", 6.0, 4.0, 8.0, "weeks", "weeks between tests")]
    ),
    rule!(
        "R-INPUTS",
        'F',
        Hard,
        "Sessions only in available slots and minutes; exercises only with available equipment and not loading an injured region.",
        "—",
        []
    ),
    rule!(
        "R-FUEL",
        'F',
        Soft,
        "Daily carbohydrate guidance scaled by the day's planned load (information).",
        "001_4f63045714cffa63.txt; Burke 2011",
        []
    ),
    rule!(
        "R-SLEEP",
        'F',
        Soft,
        "Logged sleep < 7 h on 3 of the last 5 nights: information, and feeds R-READY.",
        "001_4f63045714cffa63.txt; Mah 2011",
        [
            p(
                "hours",
                7.0,
                6.0,
                8.0,
                "h",
                "a night shorter than this is short"
            ),
            p(
                "short_nights",
                3.0,
                2.0,
                5.0,
                "nights",
                "short nights within the window that raise the flag"
            ),
            p(
                "window_nights",
                5.0,
                3.0,
                7.0,
                "nights",
                "the window, ending last night"
            )
        ],
        logs
    ),
    // ---- group G (rulebook v2 §8.2), race-facing rules (crates/rules/src/group_g/race/)
    rule!(
        "R-HARD-SEQ",
        'G',
        Hard,
        "Never three hard days in a row; beginners and athletes of 50+ keep ≥ 48 h between hard runs.",
        "000_7ae3e00bb5eac118.txt; Foster 2001; Daniels 2014",
        [
            p(
                "hours",
                48.0,
                36.0,
                72.0,
                "h",
                "least gap from the end of one hard run to the start of the next (beginners, 50+)"
            ),
            p(
                "tolerance_h",
                2.0,
                0.0,
                4.0,
                "h",
                "slack so that two morning hard runs two days apart pass"
            )
        ]
    ),
    // ---- group G, the craft of sessions (crates/rules/src/group_g/craft/)
    rule!(
        "R-LIGHT-IS-LIGHT",
        'G',
        Hard,
        "STR_LIGHT, and strength in an A race's week or a B race's last 72 h: each set ≤ 65% e1RM or RIR ≥ 4; loads, not labels.",
        "§1.3 STR_LIGHT; 003_69cba37b2ff7e1a6.txt",
        [p(
            "pct",
            65.0,
            50.0,
            70.0,
            "% e1RM",
            "heaviest light set (a set at RIR ≥ 4 is light whatever its load)"
        )]
    ),
    rule!(
        "R-POST-RACE",
        'G',
        HardSoft,
        "After a race, easy-only days by distance and priority (A: 5K 2, 10K 3, HM 7, M 14, ultra 21; B half; C 5K/10K 1, HM 3, M 7); 3 days after: HM ≤ 90 min running, M ≤ 60 with day +1 rest or ≤ 30 min RUN_REC; the 2 weeks after an A marathon ≤ 60 % / 80 % of the pre-taper week.",
        "Daniels 2014; Pfitzinger & Douglas 2009",
        [
            p(
                "a_half_days",
                7.0,
                5.0,
                10.0,
                "d",
                "easy-only days after an A half marathon (B: half of it)"
            ),
            p(
                "a_marathon_days",
                14.0,
                10.0,
                21.0,
                "d",
                "easy-only days after an A marathon (B: half of it)"
            ),
            p(
                "half_run_min",
                90.0,
                60.0,
                120.0,
                "min",
                "most running in the 3 days after a half marathon"
            ),
            p(
                "marathon_run_min",
                60.0,
                30.0,
                90.0,
                "min",
                "most running in the 3 days after a marathon or ultra"
            ),
            p(
                "marathon_day1_rec_min",
                30.0,
                0.0,
                40.0,
                "min",
                "the day after a marathon: rest, or at most this much RUN_REC"
            ),
            p(
                "week1_pct",
                60.0,
                50.0,
                70.0,
                "%",
                "running in the week after an A marathon, of the pre-taper week"
            ),
            p(
                "week2_pct",
                80.0,
                70.0,
                90.0,
                "%",
                "running in the second week after an A marathon, of the pre-taper week"
            )
        ]
    ),
    rule!(
        "R-RACE-WEEK",
        'G',
        HardSoft,
        "A and B races: the 7 days before hold ≥ max(2, usual runs − 1) runs, the last ≤ 2 d before (ERROR > 3 d), a shakeout on day −1 or −2; A races a sharpener 3–5 d out.",
        "Mujika & Padilla 2003; Bosquet 2007; 003_69cba37b2ff7e1a6.txt",
        [
            p(
                "last_run_days",
                2.0,
                1.0,
                3.0,
                "d",
                "the last run at most this many days before the race (an error beyond 3)"
            ),
            p(
                "min_runs",
                2.0,
                2.0,
                4.0,
                "runs",
                "least runs in the 7 days before the race (beginners: this; others: also usual − 1)"
            ),
            p("shakeout_min", 15.0, 10.0, 20.0, "min", "shortest shakeout"),
            p("shakeout_max", 30.0, 20.0, 40.0, "min", "longest shakeout"),
            p(
                "strides_min",
                4.0,
                2.0,
                6.0,
                "strides",
                "fewest strides in the shakeout"
            ),
            p(
                "strides_max",
                6.0,
                4.0,
                10.0,
                "strides",
                "most strides in the shakeout"
            ),
            p(
                "sharpener_from",
                3.0,
                2.0,
                4.0,
                "d",
                "an A race's sharpener at least this many days before it"
            ),
            p(
                "sharpener_to",
                5.0,
                4.0,
                6.0,
                "d",
                "an A race's sharpener at most this many days before it"
            )
        ]
    ),
];

/// Look a rule up by ID.
pub fn rule(id: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.id == id)
}

/// An override that cannot be applied.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    /// `rules.R-SEP-24H.hours`
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Effective parameter values: defaults with the athlete's overrides applied.
#[derive(Clone, Debug, Default)]
pub struct RuleConfig {
    overrides: BTreeMap<(&'static str, &'static str), f64>,
}

impl RuleConfig {
    /// Validate `[rules.R-ID] name = value` overrides against the table.
    pub fn from_overrides(
        o: &BTreeMap<String, BTreeMap<String, f64>>,
    ) -> Result<RuleConfig, Vec<ConfigError>> {
        let mut cfg = RuleConfig::default();
        let mut errors = Vec::new();
        for (id, params) in o {
            let Some(def) = rule(id) else {
                let near =
                    runlift_model::suggest::unknown_word("rule", id, RULES.iter().map(|r| r.id));
                errors.push(ConfigError {
                    field: format!("rules.{id}"),
                    message: near,
                });
                continue;
            };
            for (name, value) in params {
                let field = format!("rules.{id}.{name}");
                let Some(pd) = def.params.iter().find(|p| p.name == name) else {
                    let message = if def.params.is_empty() {
                        format!("{id} has no parameters")
                    } else {
                        runlift_model::suggest::unknown_word(
                            "parameter",
                            name,
                            def.params.iter().map(|p| p.name),
                        )
                    };
                    errors.push(ConfigError { field, message });
                    continue;
                };
                if !(pd.min..=pd.max).contains(value) {
                    errors.push(ConfigError {
                        field,
                        message: format!(
                            "{value} is out of range: {} must be between {} and {} {}",
                            pd.name, pd.min, pd.max, pd.unit
                        ),
                    });
                    continue;
                }
                cfg.overrides.insert((def.id, pd.name), *value);
            }
        }
        if errors.is_empty() {
            Ok(cfg)
        } else {
            Err(errors)
        }
    }

    /// The effective value of a parameter (panics only on a name missing from the table, which is
    /// a programming error caught by tests).
    pub fn get(&self, id: &'static str, name: &'static str) -> f64 {
        if let Some(v) = self.overrides.get(&(id, name)) {
            return *v;
        }
        match rule(id).and_then(|r| r.params.iter().find(|p| p.name == name)) {
            Some(p) => p.default,
            None => panic!("rule parameter {id}.{name} is not in the rule table"),
        }
    }

    /// `(name, value)` of every parameter of a rule, for findings.
    pub fn params_of(&self, def: &'static RuleDef) -> Vec<(&'static str, f64)> {
        def.params
            .iter()
            .map(|p| (p.name, self.get(def.id, p.name)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "duplicate rule id");
        for r in RULES {
            for p in r.params {
                assert!(
                    p.min <= p.default && p.default <= p.max,
                    "{}.{}",
                    r.id,
                    p.name
                );
            }
        }
    }

    #[test]
    fn overrides_are_checked() {
        let mut o = BTreeMap::new();
        o.insert(
            "R-SEP-24H".to_string(),
            BTreeMap::from([("hours".to_string(), 30.0)]),
        );
        let cfg = RuleConfig::from_overrides(&o).expect("valid");
        assert_eq!(cfg.get("R-SEP-24H", "hours"), 30.0);
        assert_eq!(cfg.get("R-SEP-24H", "tolerance_h"), 2.0);
        o.insert(
            "R-SEP-24H".to_string(),
            BTreeMap::from([("hours".to_string(), 12.0)]),
        );
        o.insert("R-SEP-42H".to_string(), BTreeMap::new());
        let errs = RuleConfig::from_overrides(&o).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].field, "rules.R-SEP-24H.hours");
        assert!(errs[0].message.contains("between 24 and 48"), "{}", errs[0]);
        assert!(
            errs[1]
                .message
                .contains("unknown rule \"R-SEP-42H\"; did you mean"),
            "{}",
            errs[1]
        );
    }
}
