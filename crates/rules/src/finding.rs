//! Findings (rulebook conventions; formats.md "Findings"): rule, severity, dates, sessions,
//! message, fix and the rule's effective parameters.

use jiff::civil::Date;
use serde::Serialize;

use crate::time::date_of;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing the linter has to say.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    #[serde(serialize_with = "ser_dates")]
    pub dates: Vec<Date>,
    /// Zero-based indexes into the plan's sessions, in file order.
    pub sessions: Vec<u32>,
    pub message: String,
    pub fix: String,
    /// The rule's effective parameters.
    #[serde(serialize_with = "ser_params", skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(&'static str, f64)>,
}

fn ser_dates<S: serde::Serializer>(d: &[Date], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(d.iter().map(|d| d.to_string()))
}

fn ser_params<S: serde::Serializer>(p: &[(&'static str, f64)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(p.iter().map(|(k, v)| (*k, *v)))
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// The linter's result.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// Collects findings while the rules run.
#[derive(Default)]
pub struct Out {
    pub findings: Vec<Finding>,
}

impl Out {
    /// Add a finding; `days` are day numbers, `sessions` file indexes.
    pub fn add(
        &mut self,
        rule: &'static str,
        severity: Severity,
        days: &[i32],
        sessions: &[u32],
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        let mut dates: Vec<Date> = days.iter().map(|d| date_of(*d)).collect();
        dates.sort();
        dates.dedup();
        let mut sessions = sessions.to_vec();
        sessions.sort_unstable();
        sessions.dedup();
        self.findings.push(Finding {
            rule,
            severity,
            dates,
            sessions,
            message: message.into(),
            fix: fix.into(),
            params: Vec::new(),
        });
    }
}
