// The modes of the load tool; each returns the process exit code.
#pragma once

#include "tool/Args.hpp"

namespace bench {

// WebSocket fan-out: N clients on /ws, a writer POSTing at a fixed rate, per-delivery latency.
int runFanout(const Args& args);
// The fan-out floor: the same deliveries over raw loopback TCP, with no server in between.
int runFloor(const Args& args);
// Crash probe, load half: concurrent POST streams recording every acknowledged (201) case id.
int runCrashLoad(const Args& args);
// Crash probe, check half: every recorded id must be readable (GET /cases/{id} → 200).
int runVerify(const Args& args);

}  // namespace bench
