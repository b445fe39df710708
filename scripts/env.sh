# Sourced by the build scripts: the Emscripten 3.1.6 traps from the toolchain notes.
# The system node does not look in Debian's node folder, where emscripten's acorn lives.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export NPSKIT_JOBS=${NPSKIT_JOBS:-$(nproc)}
# ccache, when the machine has it, for native builds (optional: CI builds once and
# does not need it; developers' worktrees share one cache through CCACHE_BASEDIR).
NPSKIT_CCACHE=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$PWD"
  NPSKIT_CCACHE=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
