// Boot logs as real logging tools write them (test/goldens/readers/logs/<case>/, recorded by record.sh
// there with systemd-journald + journalctl -k and BusyBox syslogd from a recorded QEMU boot, whose
// serial console log is kept beside them) read back into exactly the machine the serial log gives.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadMachine } from "../../src/cli/inputs.js";

const LOGS = "test/goldens/readers/logs";
const cases = existsSync(LOGS) ? readdirSync(LOGS).filter((d) => existsSync(join(LOGS, d, "meta.txt"))) : [];

test("log tool goldens are present", () => assert.ok(cases.length > 0));

for (const c of cases) {
  const serial = join(LOGS, c, "serial.log");
  for (const file of readdirSync(join(LOGS, c)).filter((f) => f.endsWith(".log") && f !== "serial.log")) {
    test(`${c}/${file} reads as the serial console log does`, async () => {
      const fromSerial = await loadMachine({ dmesg: serial });
      const fromTool = await loadMachine({ dmesg: join(LOGS, c, file) });
      assert.ok(fromTool.e820.length > 0 && fromTool.acpiTables.length > 0);
      assert.deepEqual(fromTool, fromSerial);
    });
  }
}
