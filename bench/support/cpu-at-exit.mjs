// Preloaded with --import into a measured process: on exit it writes the process's own CPU time
// (user + system, microseconds) to the file named by DRIFTLESS_CPU_OUT. Both the baseline and the
// measured command carry this same hook, so its cost cancels out of the ratio.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.DRIFTLESS_CPU_OUT, String(user + system));
});
