//! The release build's rustc wrapper (`pgo/rustc-wrapper.sh`, set in
//! `.cargo/config.toml`): which compilations get the profile-guided
//! optimisation profile, and that the profile it names is in the repository.
//! A fake rustc stands in for the real one: it reports an LLVM version and
//! prints the arguments it was given.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// What the wrapper runs for `args`, with a rustc whose LLVM is `llvm`:
/// the arguments the fake rustc was called with, one line.
fn wrapped(llvm: u32, args: &[&str], env: &[(&str, &str)]) -> String {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let rustc = dir.path().join("rustc");
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = -vV ]; then echo 'rustc 1.95.0'; \
         echo 'LLVM version: {llvm}.1.2'; else echo \"$*\"; fi\n"
    );
    std::fs::write(&rustc, script).unwrap();
    std::fs::set_permissions(&rustc, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A file just written may be "busy" for a moment when another test's
    // child process was forked while it was open: run again.
    for _ in 0..20 {
        let mut cmd = Command::new("sh");
        cmd.arg(repo().join("pgo/rustc-wrapper.sh"))
            .arg(&rustc)
            .args(args)
            .env_remove("SEARCH_PGO");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        if String::from_utf8_lossy(&out.stderr).contains("busy") {
            std::thread::sleep(std::time::Duration::from_millis(50));
            continue;
        }
        assert!(out.status.success(), "{out:?}");
        return String::from_utf8(out.stdout).unwrap().trim().to_string();
    }
    panic!("{} stayed busy", rustc.display());
}

const RELEASE: &[&str] = &["--crate-name", "tantivy", "-C", "opt-level=3", "-C", "lto"];

#[test]
fn an_optimised_compilation_gets_the_profile_by_its_absolute_path() {
    let profile = repo().join("pgo/search.profdata");
    assert_eq!(
        wrapped(22, RELEASE, &[]),
        format!(
            "--crate-name tantivy -C opt-level=3 -C lto -Cprofile-use={}",
            profile.display()
        )
    );
    // A later LLVM reads the profile too.
    assert!(wrapped(23, RELEASE, &[]).ends_with("search.profdata"));
}

#[test]
fn other_compilations_go_to_rustc_unchanged() {
    let unchanged = |args: &[&str], llvm: u32, env: &[(&str, &str)]| {
        assert_eq!(wrapped(llvm, args, env), args.join(" "), "{args:?}");
    };
    // A debug build, and a crate optimised in one (its assertions on).
    unchanged(
        &["--crate-name", "search_cli", "-C", "debuginfo=2"],
        22,
        &[],
    );
    let dev_opt = ["-C", "opt-level=3", "-C", "debug-assertions=on"];
    unchanged(&dev_opt, 22, &[]);
    // An LLVM older than the profile's, which cannot read it.
    unchanged(RELEASE, 21, &[]);
    // Turned off.
    unchanged(RELEASE, 22, &[("SEARCH_PGO", "off")]);
    // A build recording a profile (`pgo/train.sh`).
    let generate = ["-C", "opt-level=3", "-Cprofile-generate=/tmp/raw"];
    unchanged(&generate, 22, &[]);
}

#[test]
fn the_profile_is_an_indexed_llvm_profile() {
    let bytes = std::fs::read(repo().join("pgo/search.profdata")).unwrap();
    // `IndexedInstrProf::Magic`, little-endian: "\xfflprofi\x81".
    assert_eq!(&bytes[..8], b"\xfflprofi\x81");
}
