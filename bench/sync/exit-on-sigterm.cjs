// Preloaded into the reference server when profiling: it has no SIGTERM handler, and a
// process killed by the signal's default action never writes its --cpu-prof profile.
process.on('SIGTERM', () => process.exit(0))
