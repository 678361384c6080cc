#!/bin/sh
# Cargo's rustc wrapper for this workspace (`.cargo/config.toml`): optimised
# builds (`opt-level=3` without debug assertions: `--release`, the bench
# profile) are compiled with the profile in `pgo/search.profdata`, which
# `pgo/train.sh` records from a run of `search`. Everything else (debug and
# test builds, build scripts, clippy's checks) goes to rustc unchanged.
#
# Left out, and rustc run as it is, when:
#   - SEARCH_PGO=off is set;
#   - the profile is missing, or rustc's LLVM is older than the one that wrote it;
#   - the build records a profile itself (-Cprofile-generate, `pgo/train.sh`).
# `RUSTC_WRAPPER= cargo build --release` builds without this wrapper at all.
rustc=$1
profile=$(dirname "$0")/search.profdata
# The LLVM major version `pgo/train.sh` wrote the profile with; an older LLVM
# cannot read the format.
llvm_min=22

optimised=no
case " $* " in
*" -C opt-level=3 "* | *" -Copt-level=3 "*) optimised=yes ;;
esac
case " $* " in
*"debug-assertions=on"* | *"profile-generate"* | *"profile-use"*) optimised=no ;;
esac
if [ "$optimised" = yes ] && [ "${SEARCH_PGO:-on}" != off ] && [ -f "$profile" ]; then
  llvm=$("$rustc" -vV 2>/dev/null | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
  if [ -n "$llvm" ] && [ "$llvm" -ge "$llvm_min" ]; then
    # Absolute: rustc runs in each dependency's own folder.
    profile=$(cd "$(dirname "$profile")" && pwd)/search.profdata
    exec "$@" "-Cprofile-use=$profile"
  fi
fi
exec "$@"
