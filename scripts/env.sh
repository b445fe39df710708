# Sourced by the build scripts: the Emscripten 3.1.6 traps from the toolchain notes.
# The system node does not look in Debian's node folder, where emscripten's acorn lives.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export NPSKIT_JOBS=${NPSKIT_JOBS:-$(nproc)}
