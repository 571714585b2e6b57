// The node flags the server runs with, wherever it is started: `npm start` (package.json),
// the container (Dockerfile CMD), the systemd unit of docs/operations.md, and the benchmarks'
// server processes (bench/sync/servers.ts), so that they measure what ships. A test
// (test/unit/node-flags.test.ts) checks that each of those names exactly these.
//
// --max-semi-space-size=2: V8's young generation at 2 MiB per semi-space instead of its
// default of up to 16 MiB. The server allocates ~20 kB per note move (mostly Yjs decoding and
// transaction bookkeeping, short-lived) and keeps a slowly growing document; with the default
// size a scavenge came every ~1.5 s and paused the event loop for 5-20 ms (longer on a busy
// machine), delaying every update that arrived meanwhile: the p99 latency tail. With 2 MiB
// scavenges come ~8 times as often but each is short, so no update waits long behind one;
// they cost some more CPU in all (bench/README.md, "Issue 17: young-generation size").
// It has to be a command-line flag: V8 sizes the heap when the process starts.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2']
