// Memory figures of another process, from /proc/<pid>/status.
#pragma once

namespace bench {

// The value in kB of a field such as "VmRSS" or "VmHWM"; -1 if unreadable (pid <= 0 included).
long procStatusKb(int pid, const char* field);

}  // namespace bench
