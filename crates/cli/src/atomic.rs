//! Atomic file output for every command that writes a file: the bytes go to a temporary file in
//! the target's own folder, are flushed to disk (fsync), and the temporary file is renamed over
//! the target, so a command killed at any moment leaves the old file (or none) or the new one
//! whole, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// A file being written; it replaces `target` only on [`AtomicFile::commit`]. Dropped without a
/// commit, the temporary file is removed and the target is untouched.
#[derive(Debug)]
pub struct AtomicFile {
    temp: std::io::BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

/// The target's folder (`.` for a bare file name).
fn folder(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

impl AtomicFile {
    /// Starts writing `target`, in a hidden temporary file beside it.
    pub fn create(target: &Path) -> anyhow::Result<AtomicFile> {
        let name = target
            .file_name()
            .with_context(|| format!("cannot write {}: not a file name", target.display()))?;
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(name);
        prefix.push(".");
        let temp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(folder(target))
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(AtomicFile {
            temp: std::io::BufWriter::new(temp),
            target: target.to_path_buf(),
        })
    }

    /// Flushes the bytes to disk and renames the file over the target (then syncs the folder, so
    /// the rename itself survives a crash).
    pub fn commit(self) -> anyhow::Result<()> {
        let target = self.target;
        let what = || format!("cannot write {}", target.display());
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(what)?;
        keep_permissions(&target, temp.as_file()).with_context(what)?;
        temp.as_file().sync_all().with_context(what)?;
        temp.persist(&target)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", target.display()))?;
        sync_folder(folder(&target));
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// A temporary file is private (0600); give the new file the old one's permissions, or the usual
/// 0644 for a new file.
fn keep_permissions(target: &Path, file: &std::fs::File) -> std::io::Result<()> {
    let perms = match std::fs::metadata(target) {
        Ok(m) => m.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            return Ok(());
        }
    };
    file.set_permissions(perms)
}

/// Best effort: some systems cannot open a folder for syncing, and the data is already synced.
fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)
        .with_context(|| format!("cannot write {}", target.display()))?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("plan.json");
        std::fs::write(&target, "old").expect("seed");
        write(&target, b"new").expect("writes");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        assert_eq!(entries(dir.path()), vec!["plan.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644, "not the temporary file's 0600");
        }
    }

    #[test]
    fn an_uncommitted_file_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("athlete.toml");
        std::fs::write(&target, "old").expect("seed");
        let mut f = AtomicFile::create(&target).expect("creates");
        f.write_all(b"half of a n").expect("writes");
        drop(f);
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");
        assert_eq!(entries(dir.path()), vec!["athlete.toml"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_target() {
        let e = write(Path::new("/nonexistent-runlift/x.fit"), b"x").expect_err("no folder");
        assert!(
            format!("{e:#}").contains("cannot write /nonexistent-runlift/x.fit"),
            "{e:#}"
        );
    }
}
