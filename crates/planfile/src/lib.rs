//! Readers for the hand-written athlete profile and plan files (formats.md), TOML or JSON, with
//! errors that name the file, line, column and field and suggest the nearest valid word.

use std::fmt;
use std::path::{Path, PathBuf};

use runlift_model::plan::{AthleteRef, Plan};
use runlift_model::profile::Profile;
use serde::de::DeserializeOwned;

/// Plan and profile files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Where in a file something is wrong, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field path, e.g. `session[3].kind`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: file is {size} bytes, more than the {limit}-byte limit for plan and profile files", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{0}")]
    Invalid(Located),
}

/// File syntax, chosen by extension (`.json`) or by a leading `{`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    pub fn detect(path: &Path, text: &str) -> Syntax {
        let json_ext = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json_ext || text.trim_start().starts_with('{') {
            Syntax::Json
        } else {
            Syntax::Toml
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(offset, |i| offset - i - 1);
    (line, before[before.len() - col..].chars().count() + 1)
}

fn field_of(path: &serde_path_to_error::Path) -> Option<String> {
    let s = path.to_string();
    (s != "." && !s.is_empty()).then_some(s)
}

/// Deserialize `text` (TOML or JSON) into `T`, locating any error.
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, ReadError> {
    let located = |line, column, field, message: String| {
        ReadError::Invalid(Located {
            file: file.to_path_buf(),
            line,
            column,
            field,
            message: runlift_model::suggest::with_field_suggestion(&message),
        })
    };
    match Syntax::detect(file, text) {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
            let value = result.map_err(|e| {
                let field = field_of(e.path());
                let inner = e.into_inner();
                let msg = inner.to_string();
                let msg = match msg.rfind(" at line ") {
                    Some(i) => msg[..i].to_string(),
                    None => msg,
                };
                located(Some(inner.line()), Some(inner.column()), field, msg)
            })?;
            de.end()
                .map_err(|e| located(Some(e.line()), Some(e.column()), None, e.to_string()))?;
            Ok(value)
        }
        Syntax::Toml => {
            let de = toml::Deserializer::parse(text).map_err(|e| {
                let (l, c) = e.span().map(|s| line_col(text, s.start)).unzip();
                located(l, c, None, e.message().trim().to_string())
            })?;
            serde_path_to_error::deserialize(de).map_err(|e| {
                let field = field_of(e.path());
                let inner = e.into_inner();
                let (l, c) = inner.span().map(|s| line_col(text, s.start)).unzip();
                located(l, c, field, inner.message().trim().to_string())
            })
        }
    }
}

/// The first line where `key` is assigned or opened as a table, for errors found after parsing.
fn key_line(text: &str, key: &str) -> Option<usize> {
    let root = key.split(['.', '[']).next().unwrap_or(key);
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let l = l.trim_start_matches('[').trim_start_matches('"');
            l.starts_with(root)
                && l[root.len()..]
                    .trim_start()
                    .starts_with(['=', ']', '"', ':', '.'])
        })
        .map(|i| i + 1)
}

/// The line of a field path such as `race[1].date`: in TOML the line of `date` inside the second
/// `[[race]]` table (or the second element of an inline `race = [...]`); else the line of the key.
fn field_line(text: &str, field: &str) -> Option<usize> {
    let indexed = field.split_once('[').and_then(|(root, rest)| {
        let (index, sub) = rest.split_once(']')?;
        Some((
            root,
            index.parse::<usize>().ok()?,
            sub.trim_start_matches('.'),
        ))
    });
    let Some((root, index, sub)) = indexed else {
        return dotted_line(text, field);
    };
    let header = format!("[[{root}]]");
    let lines: Vec<&str> = text.lines().collect();
    let table = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&header))
        .nth(index)
        .map(|(i, _)| i);
    let Some(table) = table else {
        return dotted_line(text, field);
    };
    let sub_key = sub.split(['.', '[']).next().unwrap_or(sub);
    let within = lines[table + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| {
            let l = l.trim_start();
            !sub_key.is_empty()
                && l.starts_with(sub_key)
                && l[sub_key.len()..].trim_start().starts_with(['=', '.'])
        });
    Some(table + 1 + within.map_or(0, |w| w + 1))
}

/// Parse a plan and check its dates (`runlift_model::bounds`); the athlete is not resolved.
pub fn parse_plan(text: &str, file: &Path) -> Result<Plan, ReadError> {
    let plan: Plan = parse(text, file)?;
    if let Some(issue) = runlift_model::bounds::plan_dates(&plan) {
        return Err(invalid_at(text, file, issue));
    }
    Ok(plan)
}

/// A value check's finding, located at the line of its field in `text`.
fn invalid_at(text: &str, file: &Path, issue: runlift_model::profile::ProfileIssue) -> ReadError {
    ReadError::Invalid(Located {
        file: file.to_path_buf(),
        line: field_line(text, &issue.field),
        column: None,
        field: Some(issue.field),
        message: issue.message,
    })
}

/// The line of a dotted `field` in `text`: a table header naming it (the longest dotted prefix first,
/// `[rules.R-SEP-24H]` for `rules.R-SEP-24H.hours`), else where its first key is assigned.
fn dotted_line(text: &str, field: &str) -> Option<usize> {
    let parts: Vec<&str> = field.split('.').collect();
    for n in (1..=parts.len()).rev() {
        let header = format!("[{}]", parts[..n].join("."));
        if let Some(i) = text.lines().position(|l| l.trim() == header) {
            return Some(i + 1);
        }
    }
    key_line(text, field)
}

/// A problem with a file's values found after it was read (by the planner, or a rule's
/// parameter range), located at the line where its field is written when the file can be read
/// again.
pub fn locate(file: &Path, field: &str, message: impl Into<String>) -> Located {
    let line = read_text(file).ok().and_then(|t| field_line(&t, field));
    Located {
        file: file.to_path_buf(),
        line,
        column: None,
        field: Some(field.to_string()),
        message: message.into(),
    }
}

/// Parse a profile and check its values.
pub fn parse_profile(text: &str, file: &Path) -> Result<Profile, ReadError> {
    let profile: Profile = parse(text, file)?;
    check_profile(&profile, text, file)?;
    Ok(profile)
}

fn check_profile(profile: &Profile, text: &str, file: &Path) -> Result<(), ReadError> {
    if let Some(issue) = profile.validate().into_iter().next() {
        return Err(invalid_at(text, file, issue));
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = {
            let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let ok = std::str::from_utf8(ok).unwrap_or("");
            line_col(ok, ok.len())
        };
        ReadError::Invalid(Located {
            file: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            field: None,
            message: "the file is not UTF-8 text".to_string(),
        })
    })
}

/// Read and check a profile file.
pub fn read_profile_file(path: &Path) -> Result<Profile, ReadError> {
    let text = read_text(path)?;
    parse_profile(&text, path)
}

/// A plan with its athlete resolved (inline, or read from the path it names).
#[derive(Debug)]
pub struct LoadedPlan {
    pub path: PathBuf,
    pub plan: Plan,
    pub profile: Option<Profile>,
}

/// Read a plan file; an `athlete = "path"` is read relative to the plan's folder.
pub fn read_plan_file(path: &Path) -> Result<LoadedPlan, ReadError> {
    let text = read_text(path)?;
    let plan = parse_plan(&text, path)?;
    let profile = match &plan.athlete {
        None => None,
        Some(AthleteRef::Inline(p)) => {
            check_profile(p, &text, path)?;
            Some((**p).clone())
        }
        Some(AthleteRef::Path(rel)) => {
            let full = path.parent().unwrap_or(Path::new(".")).join(rel);
            Some(read_profile_file(&full).map_err(|e| match e {
                // The athlete file is not there: say which plan names it, and where.
                ReadError::Io { source, .. } => ReadError::Invalid(Located {
                    file: path.to_path_buf(),
                    line: key_line(&text, "athlete"),
                    column: None,
                    field: Some("athlete".to_string()),
                    message: format!("cannot read {}: {source}", full.display()),
                }),
                other => other,
            })?)
        }
    };
    Ok(LoadedPlan {
        path: path.to_path_buf(),
        plan,
        profile,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use runlift_model::plan::Plan;

    fn plan_err(text: &str, name: &str) -> String {
        match parse::<Plan>(text, Path::new(name)) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn toml_errors_name_line_column_and_field() {
        let text = "[[session]]\ndate = \"2026-11-24\"\nslot = \"am\"\nminutes = 60\nkind = \"RUN_TMPO\"\n";
        let e = plan_err(text, "p.toml");
        assert!(e.starts_with("p.toml:5:8: field `session[0].kind`"), "{e}");
        assert!(e.contains("did you mean \"RUN_TEMPO\""), "{e}");
    }

    #[test]
    fn json_errors_name_line_and_field() {
        let text = "{\"sessions\": [\n {\"date\": \"2026-02-30\", \"slot\": \"am\", \"minutes\": 30, \"kind\": \"RUN_EASY\"}]}";
        let e = plan_err(text, "p.json");
        assert!(e.contains("p.json:2:"), "{e}");
        assert!(e.contains("sessions[0].date"), "{e}");
        assert!(e.contains("has no day 30"), "{e}");
    }

    #[test]
    fn negative_minutes_and_unknown_fields_and_exercises() {
        let base = "[[session]]\ndate = \"2026-11-24\"\nslot = \"am\"\nkind = \"RUN_EASY\"\n";
        let e = plan_err(&format!("{base}minutes = -5\n"), "p.toml");
        assert!(e.contains("minutes must be greater than 0"), "{e}");
        let e = plan_err(&format!("{base}minutes = 5\nminuts = 3\n"), "p.toml");
        assert!(e.contains("minuts"), "{e}");
        let e = plan_err(
            "[[session]]\ndate = \"2026-11-24\"\nslot = \"pm\"\nminutes = 40\nkind = \"STR_HEAVY\"\nexercises = [{ id = \"back-sqat\", sets = 3, reps = 5 }]\n",
            "p.toml",
        );
        assert!(e.contains("did you mean \"back-squat\""), "{e}");
        assert!(e.contains("session[0].exercises[0].id"), "{e}");
    }

    #[test]
    fn profile_without_availability_is_refused() {
        let text = "weekly_km = 30\ngoal = \"10k\"\n[availability]\n";
        let e = parse_profile(text, Path::new("a.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a.toml:3: field `availability`: no slot is available"),
            "{e}"
        );
    }

    #[test]
    fn inline_athlete_and_json_plural_keys() {
        let text = r#"{"athlete": {"weekly_km": 40, "goal": "half", "availability": {"mon": {"am": 60}}},
            "weeks": [{"start": "2026-11-23", "phase": "base"}],
            "sessions": [{"date": "2026-11-24", "slot": "am", "minutes": 45, "kind": "RUN_EASY", "why": ["x"], "id": 3}]}"#;
        let plan: Plan = parse(text, Path::new("p.json")).expect("reads");
        assert_eq!(plan.sessions.len(), 1);
        assert_eq!(plan.weeks.len(), 1);
        assert!(matches!(plan.athlete, Some(AthleteRef::Inline(_))));
    }

    const AVAIL: &str = "weekly_km = 30\ngoal = \"10k\"\n[availability]\nmon = { am = 60 }\n";

    fn profile_err(text: &str) -> String {
        match parse_profile(text, Path::new("a.toml")) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_plan_start_in_year_9999_is_refused_with_the_range() {
        // Regression: this profile used to panic in the planner's plan_week.
        let text = format!(
            "plan_start = \"9999-12-31\"\n{AVAIL}[[race]]\ndate = \"2027-04-11\"\ndistance = \"10k\"\npriority = \"A\"\n"
        );
        let e = profile_err(&text);
        assert!(e.starts_with("a.toml:1:14: field `plan_start`"), "{e}");
        assert!(e.contains("2000-01-01 to 2199-12-31"), "{e}");
    }

    #[test]
    fn race_dates_are_checked_against_the_plan_start_on_their_line() {
        let race =
            |d: &str| format!("[[race]]\ndate = \"{d}\"\ndistance = \"10k\"\npriority = \"B\"\n");
        let head = format!("plan_start = \"2026-11-23\"\n{AVAIL}");
        let e = profile_err(&format!(
            "{head}{}{}",
            race("2027-03-01"),
            race("2025-03-01")
        ));
        assert!(e.starts_with("a.toml:11: field `race[1].date`"), "{e}");
        assert!(e.contains("before the plan's start 2026-11-23"), "{e}");
        let e = profile_err(&format!("{head}{}", race("2033-03-01")));
        assert!(e.contains("field `race[0].date`"), "{e}");
        assert!(e.contains("within 312 weeks"), "{e}");
        // Three years ahead is planned (the CLI warns).
        parse_profile(
            &format!("{head}{}", race("2029-11-01")),
            Path::new("a.toml"),
        )
        .expect("three years ahead is allowed");
    }

    #[test]
    fn birth_year_times_and_injury_since_are_bounded() {
        let head = format!("plan_start = \"2026-11-23\"\n{AVAIL}");
        let e = profile_err(&format!("birth_year = 30000\n{head}"));
        assert!(
            e.contains("field `birth_year`: must be a year from 1890 to 2195"),
            "{e}"
        );
        let e = profile_err(&format!("birth_year = 2025\n{head}"));
        assert!(e.contains("a.toml:1: field `birth_year`"), "{e}");
        assert!(e.contains("from 1916 to 2021"), "{e}");
        let e = profile_err(&format!("{head}[times]\nam = \"19:00\"\npm = \"18:00\"\n"));
        assert!(
            e.contains("field `times`: am (19:00) must be earlier than pm (18:00)"),
            "{e}"
        );
        let e = profile_err(&format!(
            "{head}[[injury]]\nregion = \"CALF\"\nsince = \"2027-01-01\"\nnote = \"x\"\n"
        ));
        assert!(
            e.contains("field `injury[0].since`: 2027-01-01 is after"),
            "{e}"
        );
        let e = profile_err(&format!(
            "{head}[technique_change]\ntype = \"arm\"\nstart_date = \"2300-01-01\"\n"
        ));
        assert!(e.contains("field `technique_change.start_date`"), "{e}");
    }

    #[test]
    fn plan_session_dates_are_bounded_and_span_at_most_six_years() {
        let s = |d: &str| {
            format!(
                "[[session]]\ndate = \"{d}\"\nslot = \"am\"\nminutes = 30\nkind = \"RUN_EASY\"\n"
            )
        };
        let e = match parse_plan(&s("2999-01-01"), Path::new("p.toml")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("year 2999 accepted"),
        };
        assert!(e.starts_with("p.toml:2:8: field `session[0].date`"), "{e}");
        let text = format!("{}{}", s("2026-11-24"), s("2033-01-01"));
        let e = match parse_plan(&text, Path::new("p.toml")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a seven-year plan accepted"),
        };
        assert!(e.starts_with("p.toml:7: field `session[1].date`"), "{e}");
        assert!(e.contains("at most 312 weeks"), "{e}");
        parse_plan(
            &format!("{}{}", s("2026-11-24"), s("2030-01-01")),
            Path::new("p.toml"),
        )
        .expect("a three-year plan is read");
    }

    proptest::proptest! {
        #[test]
        fn random_text_never_panics(s in ".{0,400}") {
            let _ = parse::<Plan>(&s, Path::new("x.toml"));
            let _ = parse::<Plan>(&s, Path::new("x.json"));
            let _ = parse_profile(&s, Path::new("x.toml"));
        }
    }
}
