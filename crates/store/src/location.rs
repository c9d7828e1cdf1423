//! Where the store is: `--db URL`, else `RUNLIFT_DB`, else the SQLite file in the user's data
//! directory (`$XDG_DATA_HOME/runlift/runlift.db`, `~/.local/share/runlift/runlift.db`).

use std::path::{Path, PathBuf};

use crate::StoreError;

/// A store's location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Location {
    /// Reads `--db` (or `RUNLIFT_DB`): a `postgres://` URL, a `sqlite://PATH` URL, or a path.
    pub fn parse(text: &str) -> Result<Location, StoreError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(StoreError::invalid(
                "--db",
                "empty: give a file path or a postgres:// URL",
            ));
        }
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            return Ok(Location::Postgres(t.to_string()));
        }
        if let Some(path) = t
            .strip_prefix("sqlite://")
            .or_else(|| t.strip_prefix("sqlite:"))
        {
            return Ok(Location::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = t.split_once("://") {
            return Err(StoreError::invalid(
                "--db",
                format!(
                    "{scheme}:// is not a store runlift knows (a file path, sqlite:// or postgres://)"
                ),
            ));
        }
        Ok(Location::Sqlite(PathBuf::from(t)))
    }

    /// `--db` if given, else `RUNLIFT_DB`, else the default file.
    pub fn resolve(db: Option<&str>) -> Result<Location, StoreError> {
        match db
            .map(str::to_string)
            .or_else(|| std::env::var("RUNLIFT_DB").ok().filter(|v| !v.is_empty()))
        {
            Some(t) => Location::parse(&t),
            None => Ok(Location::Sqlite(default_path()?)),
        }
    }

    /// The location for messages, with any password in a URL left out.
    pub fn display(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => redact(url),
        }
    }
}

/// The default SQLite file: `$XDG_DATA_HOME/runlift/runlift.db`, or under `~/.local/share`.
pub fn default_path() -> Result<PathBuf, StoreError> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))
        .ok_or_else(|| {
            StoreError::invalid(
                "--db",
                "neither XDG_DATA_HOME nor HOME is set: pass --db PATH",
            )
        })?;
    Ok(data.join("runlift").join("runlift.db"))
}

/// A URL with the password (`user:secret@`) replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths() {
        assert_eq!(
            Location::parse("postgres://u@h/db").unwrap(),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert_eq!(
            Location::parse("x/a.db").unwrap(),
            Location::Sqlite("x/a.db".into())
        );
        assert_eq!(
            Location::parse("sqlite://x.db").unwrap(),
            Location::Sqlite("x.db".into())
        );
        let e = Location::parse("mysql://h/db").unwrap_err().to_string();
        assert!(e.contains("--db") && e.contains("mysql"), "{e}");
        assert_eq!(redact("postgres://u:pw@h/db"), "postgres://u:***@h/db");
    }
}
