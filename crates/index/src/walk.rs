//! Finding the article files under the paths a user gave: which files, under
//! which key, shown under which path.
//!
//! A file's key is its root's canonical path joined with the file's path below the
//! root. Keys are therefore absolute and independent of how the root was spelled,
//! and a file reached through a symbolic link inside a root is keyed where it was
//! found, so that removing the link removes its article and indexing one root
//! never touches another root's articles.

use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use crate::Skipped;
use crate::article::Format;
use crate::state::KeySet;

/// A path the user asked to index.
#[derive(Debug, Clone)]
pub struct Root {
    /// As given, used to open files.
    pub given: PathBuf,
    /// Canonical absolute path; keys under it belong to this root.
    pub canonical: PathBuf,
    /// The given path normalised for display (`./seeds/` → `seeds`, `.` → ``).
    pub display: String,
    /// `given` and `canonical` as text when they are UTF-8, for building keys
    /// and display paths by concatenation (see [`Root::names_of`]).
    given_text: Option<String>,
    canonical_text: Option<String>,
}

impl Root {
    /// Resolves a user's input path; `Err` when it does not exist.
    pub fn new(given: &Path) -> std::io::Result<Root> {
        let canonical = std::fs::canonicalize(given)?;
        Ok(Root {
            given_text: given.to_str().map(str::to_string),
            canonical_text: canonical.to_str().map(str::to_string),
            given: given.to_path_buf(),
            canonical,
            display: normalise(given),
        })
    }

    /// Whether a file key (no `#N`) lies under this root.
    pub fn contains(&self, file_key: &str) -> bool {
        Path::new(file_key).starts_with(&self.canonical)
    }

    /// The key and the display path of a path the walk found under the root.
    /// Built by concatenation when the paths are UTF-8 (nearly always): a walk
    /// over 100k files spent a third of its time in the general path functions.
    fn names_of(&self, path: &Path) -> (String, String) {
        let below = path.to_str().zip(self.given_text.as_deref());
        if let (Some((path, given)), Some(canonical)) = (below, self.canonical_text.as_deref())
            && let Some(rel) = path.strip_prefix(given)
        {
            let rel = rel.trim_start_matches(std::path::is_separator);
            return (join(canonical, rel), self.display_of_text(rel));
        }
        let rel = path.strip_prefix(&self.given).unwrap_or(Path::new(""));
        (self.key_of(rel), self.display_of(rel))
    }

    /// [`Root::display_of`] for a UTF-8 relative path.
    fn display_of_text(&self, rel: &str) -> String {
        match (self.display.is_empty(), rel.is_empty()) {
            (_, true) => self.display.clone(),
            (true, false) => rel.to_string(),
            (false, false) => join(self.display.trim_end_matches('/'), rel),
        }
    }

    /// The key of a path below the root (the root itself for an empty path: a
    /// plain `join` would add a trailing slash).
    fn key_of(&self, rel: &Path) -> String {
        let path = if rel.as_os_str().is_empty() {
            self.canonical.clone()
        } else {
            self.canonical.join(rel)
        };
        path.to_string_lossy().into_owned()
    }

    fn display_of(&self, rel: &Path) -> String {
        let rel = rel.to_string_lossy();
        match (self.display.is_empty(), rel.is_empty()) {
            (_, true) => self.display.clone(),
            (true, false) => rel.into_owned(),
            (false, false) => format!("{}/{rel}", self.display.trim_end_matches('/')),
        }
    }
}

/// `base` and `rel` joined by a path separator, as `Path::join` would for a
/// relative `rel` (nothing added when `rel` is empty or `base` ends in one).
fn join(base: &str, rel: &str) -> String {
    let separate = !rel.is_empty() && !base.ends_with(std::path::is_separator);
    let mut joined = String::with_capacity(base.len() + 1 + rel.len());
    joined.push_str(base);
    if separate {
        joined.push(std::path::MAIN_SEPARATOR);
    }
    joined.push_str(rel);
    joined
}

/// `./a/./b/` → `a/b`; `.` → ``; other paths (absolute, `..`) kept as they are.
fn normalise(path: &Path) -> String {
    let parts: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    parts.to_string_lossy().into_owned()
}

/// An article file found by the walk.
#[derive(Debug, Clone)]
pub struct FileJob {
    /// Where to open it.
    pub fs_path: PathBuf,
    pub key: String,
    pub display: String,
    pub format: Format,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when unknown).
    pub mtime: i64,
    /// The walk saw a regular file (links followed): one that can be opened
    /// without a stat first, as no FIFO or device can block or answer the read.
    pub regular: bool,
}

/// What the walk reports, in walk order.
#[derive(Debug)]
pub enum Found {
    File(FileJob),
    /// A path that could not be walked. The key, when given, is of a file or
    /// folder that exists but could not be read now: its articles are kept.
    Skip(Skipped, Option<String>),
}

/// Walks `roots`, calling `emit` for every article file and every path that could
/// not be walked, until `emit` returns `false`. Hidden files and folders (`.git`)
/// and the folder `exclude` (the index itself) are passed over; files of other
/// types are ignored unless a root names one. Returns `false` when stopped.
#[cfg(test)]
pub fn walk(roots: &[Root], exclude: Option<&Path>, emit: impl FnMut(Found) -> bool) -> bool {
    walk_with(roots, exclude, true, emit)
}

/// [`walk`], with `stat` false leaving each file's [`stat`] to the caller (its
/// `size` and `mtime` are 0 until then): the pipeline's workers stat in
/// parallel, where a `stat` per file would keep the one walking thread busy.
pub fn walk_with(
    roots: &[Root],
    exclude: Option<&Path>,
    stat_files: bool,
    mut emit: impl FnMut(Found) -> bool,
) -> bool {
    // Only overlapping roots can yield a file twice; one root needs no set.
    let mut seen = KeySet::default();
    let dedupe = roots.len() > 1;
    for root in roots {
        let walker = WalkDir::new(&root.given)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && name_of(e.path()).starts_with(b".");
                let is_index = e.file_type().is_dir()
                    && exclude
                        .is_some_and(|x| std::fs::canonicalize(e.path()).is_ok_and(|c| c == x));
                !hidden && !is_index
            });
        for entry in walker {
            let found = match entry {
                Ok(entry) if entry.file_type().is_dir() => continue,
                Ok(entry) => match Format::of_name(name_of(entry.path())) {
                    None if entry.depth() == 0 => Found::Skip(
                        Skipped {
                            path: root.display_of(Path::new("")).into(),
                            reason: crate::article::NOT_AN_ARTICLE_FILE.into(),
                        },
                        None,
                    ),
                    None => continue,
                    Some(format) => {
                        let (key, display) = root.names_of(entry.path());
                        if dedupe && !seen.insert(key.clone()) {
                            continue;
                        }
                        let regular = entry.file_type().is_file();
                        let job = FileJob {
                            fs_path: entry.into_path(),
                            key,
                            display,
                            format,
                            size: 0,
                            mtime: 0,
                            regular,
                        };
                        if stat_files {
                            stat(job)
                        } else {
                            Found::File(job)
                        }
                    }
                },
                Err(e) => {
                    let path = e.path().unwrap_or(&root.given);
                    let rel = path.strip_prefix(&root.given).unwrap_or(Path::new(""));
                    let key = root.key_of(rel);
                    Found::Skip(
                        Skipped {
                            path: root.display_of(rel).into(),
                            reason: walk_error_reason(&e),
                        },
                        still_there(&e).then_some(key),
                    )
                }
            };
            if !emit(found) {
                return false;
            }
        }
    }
    true
}

/// The bytes of the last component of a path the walk built (a folder joined
/// with a name), without parsing the path's components as `Path::file_name`
/// does: the walk asks it of every entry.
fn name_of(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
        .map_or(0, |cut| cut + 1);
    &bytes[start..]
}

/// Fills in a found file's size and modification time (following symbolic
/// links, as the walk does): [`Found::File`], or the skip of a path that is not a
/// regular file or cannot be read.
pub fn stat(mut job: FileJob) -> Found {
    match std::fs::metadata(&job.fs_path) {
        // A FIFO would block the reader forever, a device never end: only
        // regular files are read.
        Ok(meta) if !meta.is_file() => Found::Skip(
            Skipped {
                path: job.display.into(),
                reason: "not a regular file".into(),
            },
            None,
        ),
        Ok(meta) => {
            job.size = meta.len();
            job.mtime = mtime_ns(&meta);
            Found::File(job)
        }
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound if job.fs_path.symlink_metadata().is_ok() => {
                    "broken symbolic link".to_string()
                }
                std::io::ErrorKind::NotFound => "vanished while indexing".to_string(),
                _ => crate::article::io_reason(&e),
            };
            let still_there = e.kind() != std::io::ErrorKind::NotFound;
            Found::Skip(
                Skipped {
                    path: job.display.into(),
                    reason,
                },
                still_there.then_some(job.key),
            )
        }
    }
}

/// Stats files one folder at a time: the folder is opened once and each file
/// looked up by its name in it, instead of the kernel resolving every file's
/// whole path again. On a re-run over an unchanged corpus, where stat is nearly
/// all the work, path lookup was about half of it. Linux only (`statx`); other
/// systems, and any file the fast path cannot settle, go through [`stat`].
#[derive(Default)]
pub struct Stater {
    #[cfg(target_os = "linux")]
    folder: Option<(PathBuf, Option<rustix::fd::OwnedFd>)>,
}

impl Stater {
    /// [`stat`], faster for runs of files in the same folder.
    pub fn stat(&mut self, mut job: FileJob) -> Found {
        #[cfg(target_os = "linux")]
        if let Some((size, mtime)) = self.regular_file(&job.fs_path) {
            job.size = size;
            job.mtime = mtime;
            return Found::File(job);
        }
        stat(job)
    }

    /// Opens a file to read, by its name in its folder's handle on Linux.
    /// Opened non-blocking, so that a FIFO put in a regular file's place since
    /// the walk cannot hang the run (the caller checks the type of what opened).
    pub fn open(&mut self, path: &Path) -> std::io::Result<std::fs::File> {
        #[cfg(target_os = "linux")]
        if let Some((folder, name)) = split_name(path)
            && let Some(folder) = self.folder(folder)
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NONBLOCK | OFlags::NOCTTY;
            return rustix::fs::openat(folder, name, flags, Mode::empty())
                .map(std::fs::File::from)
                .map_err(std::io::Error::from);
        }
        std::fs::File::open(path)
    }

    /// The handle of a file's folder, opened once for a run of its files;
    /// `None` when it cannot be opened (the callers then use the whole path,
    /// and report its error).
    #[cfg(target_os = "linux")]
    fn folder(&mut self, folder: &Path) -> Option<&rustix::fd::OwnedFd> {
        use rustix::fs::{Mode, OFlags};
        if self.folder.as_ref().is_none_or(|(open, _)| open != folder) {
            let at = if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            };
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(at, flags, Mode::empty()).ok();
            self.folder = Some((folder.to_path_buf(), fd));
        }
        self.folder.as_ref()?.1.as_ref()
    }

    /// Size and mtime of a regular file (links followed), or `None` for
    /// anything else, errors included, which [`stat`] then reports precisely.
    #[cfg(target_os = "linux")]
    fn regular_file(&mut self, path: &Path) -> Option<(u64, i64)> {
        use rustix::fs::{AtFlags, FileType, StatxFlags};
        let (folder, name) = split_name(path)?;
        let folder = self.folder(folder)?;
        let wanted = StatxFlags::TYPE | StatxFlags::SIZE | StatxFlags::MTIME;
        let st = rustix::fs::statx(folder, name, AtFlags::empty(), wanted).ok()?;
        if FileType::from_raw_mode(st.stx_mode.into()) != FileType::RegularFile {
            return None;
        }
        // As `mtime_ns` computes it from std's `Metadata` (also statx).
        let mtime = u64::try_from(st.stx_mtime.tv_sec).map_or(0, |secs| {
            let ns = u128::from(secs) * 1_000_000_000 + u128::from(st.stx_mtime.tv_nsec);
            i64::try_from(ns).unwrap_or(i64::MAX)
        });
        Some((st.stx_size, mtime))
    }
}

/// A walked file's folder and name, as `Path::parent` and `Path::file_name`
/// give them, by one search for the last `/` instead of parsing components
/// twice per file (3% of an unchanged re-run). `None` for a path that does not
/// end in a plain name (`..`, `/`): the callers then take the general way.
#[cfg(target_os = "linux")]
fn split_name(path: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let (folder, name) = match bytes.iter().rposition(|&b| b == b'/') {
        Some(0) => (&bytes[..1], &bytes[1..]),
        Some(cut) => (&bytes[..cut], &bytes[cut + 1..]),
        None => (&bytes[..0], bytes),
    };
    let doubled = folder.len() > 1 && folder.ends_with(b"/");
    if name.is_empty() || name == b"." || name == b".." || doubled {
        return None;
    }
    Some((
        Path::new(std::ffi::OsStr::from_bytes(folder)),
        std::ffi::OsStr::from_bytes(name),
    ))
}

/// Whether a walk error is about something that is still there but could not be
/// read (permissions, I/O), as opposed to gone, dangling or a loop.
fn still_there(e: &walkdir::Error) -> bool {
    e.loop_ancestor().is_none()
        && e.io_error()
            .is_some_and(|io| io.kind() != std::io::ErrorKind::NotFound)
}

fn walk_error_reason(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symbolic link loop back to {}", ancestor.display());
    }
    match e.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            let dangling = e.path().is_some_and(|p| p.symlink_metadata().is_ok());
            if dangling {
                "broken symbolic link"
            } else {
                "vanished while indexing"
            }
            .to_string()
        }
        Some(io) => crate::article::io_reason(io),
        None => e.to_string(),
    }
}

/// Modification time in nanoseconds since the epoch, 0 when the platform has none.
pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(roots: &[Root], exclude: Option<&Path>) -> (Vec<FileJob>, Vec<Skipped>) {
        let (mut files, mut skips) = (Vec::new(), Vec::new());
        walk(roots, exclude, |f| {
            match f {
                Found::File(j) => files.push(j),
                Found::Skip(s, _) => skips.push(s),
            }
            true
        });
        files.sort_by(|a, b| a.display.cmp(&b.display));
        (files, skips)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn split_name_agrees_with_parent_and_file_name() {
        for path in [
            "a/b.md",
            "/x/y/z.txt",
            "/b.md",
            "b.md",
            "./seeds/c.md",
            "a b/é.md",
        ] {
            let path = Path::new(path);
            let (folder, name) = split_name(path).unwrap();
            assert_eq!(Some(folder), path.parent(), "{path:?}");
            assert_eq!(Some(name), path.file_name(), "{path:?}");
        }
        for path in ["a/..", "/", "a/", "a//b.md", ""] {
            assert_eq!(split_name(Path::new(path)), None, "{path:?}");
        }
    }

    #[test]
    fn display_paths_follow_the_given_root() {
        assert_eq!(normalise(Path::new("./seeds/")), "seeds");
        assert_eq!(normalise(Path::new(".")), "");
        assert_eq!(normalise(Path::new("a/./b")), "a/b");
        assert_eq!(normalise(Path::new("/abs/dir/")), "/abs/dir");
    }

    #[test]
    fn walks_article_files_skipping_hidden_others_and_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "a.txt",
            "sub/b.md",
            "sub/c.JSONL",
            "x.pdf",
            ".hidden.txt",
            ".git/d.txt",
            "index/meta.json",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let root = Root::new(d).unwrap();
        let index = std::fs::canonicalize(d.join("index")).unwrap();
        let (files, skips) = collect(std::slice::from_ref(&root), Some(&index));
        let shown: Vec<_> = files
            .iter()
            .map(|f| f.display.strip_prefix(&root.display).unwrap())
            .collect();
        assert_eq!(shown, ["/a.txt", "/sub/b.md", "/sub/c.JSONL"]);
        assert!(skips.is_empty());
        assert_eq!(files[0].key, root.canonical.join("a.txt").to_string_lossy());
        assert_eq!(files[0].size, 1);
        assert!(files[0].mtime > 0);
    }

    #[test]
    fn a_file_named_twice_is_walked_once_and_a_foreign_file_root_is_a_skip() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.css"), "x").unwrap();
        let roots = [
            Root::new(dir.path()).unwrap(),
            Root::new(&dir.path().join("a.txt")).unwrap(),
            Root::new(&dir.path().join("a.css")).unwrap(),
        ];
        let (files, skips) = collect(&roots, None);
        assert_eq!(files.len(), 1);
        assert_eq!(skips.len(), 1);
        assert!(skips[0].reason.contains("not an article file"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_broken_links_are_skips() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
        let (files, skips) = collect(&[Root::new(d).unwrap()], None);
        assert_eq!(files.len(), 1);
        let mut reasons: Vec<_> = skips.iter().map(|s| s.reason.as_str()).collect();
        reasons.sort();
        assert_eq!(reasons.len(), 2, "{skips:?}");
        assert_eq!(reasons[0], "broken symbolic link");
        assert!(reasons[1].starts_with("symbolic link loop"));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_skipped_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        let (files, skips) = collect(&[Root::new(dir.path()).unwrap()], None);
        assert!(files.is_empty(), "{files:?}");
        let expected = if made.is_ok_and(|s| s.success()) {
            2
        } else {
            1
        };
        assert_eq!(skips.len(), expected, "{skips:?}");
        assert!(skips.iter().all(|s| s.reason == "not a regular file"));
    }

    #[test]
    fn names_by_concatenation_match_the_path_functions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x/sub")).unwrap();
        let base = dir.path().display().to_string();
        for given in [
            format!("{base}/x"),
            format!("{base}/x/"),
            format!("{base}/./x"),
            format!("{base}//x//"),
        ] {
            let root = Root::new(Path::new(&given)).unwrap();
            for rel in ["", "a.txt", "sub/b.md"] {
                let path = Path::new(&given).join(rel);
                let rel_path = path.strip_prefix(&root.given).unwrap();
                assert_eq!(
                    root.names_of(&path),
                    (root.key_of(rel_path), root.display_of(rel_path)),
                    "{given} + {rel}"
                );
            }
        }
        assert_eq!(join("/", "a"), "/a");
        assert_eq!(join("/a", ""), "/a");
        assert_eq!(join("/a", "b/c"), "/a/b/c");
    }

    #[test]
    fn keys_under_a_root_belong_to_it_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::create_dir_all(dir.path().join("ab")).unwrap();
        let a = Root::new(&dir.path().join("a")).unwrap();
        let inside = a.canonical.join("x.txt");
        let sibling = a.canonical.with_file_name("ab").join("x.txt");
        assert!(a.contains(&inside.to_string_lossy()));
        assert!(!a.contains(&sibling.to_string_lossy()));
    }
}
