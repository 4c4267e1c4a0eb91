/**
 * The kernel's message inside a log line, whatever wrote the log: `dmesg`
 * (plain, `[    0.000000] ` timestamps, `-r` raw `<6>` levels, `-x`
 * `kern  :info  : ` facilities), a serial console, `journalctl -k` (short,
 * short-iso, short-precise, short-monotonic: `<date> <host> kernel: `) or a
 * syslog file such as /var/log/kern.log (the same, often with the dmesg
 * timestamp kept inside; BusyBox adds `kern.info` before the tag).
 */

const SYSLOG_DATE = String.raw`(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?|\[\s*\d+\.\d+\])`;
// BusyBox syslogd writes "<facility>.<level>" between host and tag
const SYSLOG = new RegExp(String.raw`^${SYSLOG_DATE} \S+ (?:[a-z0-9]+\.[a-z]+ )?kernel: `);
const RAW_LEVEL = /^<\d{1,3}>/;
const FACILITY = /^[a-z]+ *:[a-z]+ *: /;
const TIMESTAMP = /^\[\s*\d+\.\d+\] ?/;
// Terminal escapes: colour from dmesg --color or journalctl, and on a serial
// console the firmware's screen resets glued to the kernel's first line.
// eslint-disable-next-line no-control-regex -- ESC is exactly what this strips
const ESCAPES = /\x1b(?:\[[0-9;?]*[A-Za-z]|[^[])/g;
/** A message that does not start the line: serial consoles glue the first one to firmware output. */
const GLUED = /^.*?(\[\s*\d+\.\d+\] )(?=Linux version )/;

/** A journalctl separator or header ("-- Boot … --", "-- No entries --"), not a message. */
export function isJournalMarker(line: string): boolean {
  return line.startsWith("-- ");
}

/** The message text of one log line. */
export function stripLogPrefix(line: string): string {
  let s = line.includes("\x1b") ? line.replace(ESCAPES, "") : line;
  // a bare CR returns the terminal's carriage: what follows it is what shows
  const cr = s.lastIndexOf("\r");
  if (cr >= 0) s = s.slice(cr + 1);
  if (s.includes("Linux version ")) s = s.replace(GLUED, "$1");
  s = s.replace(SYSLOG, "");
  s = s.replace(RAW_LEVEL, "");
  s = s.replace(FACILITY, "");
  return s.replace(TIMESTAMP, "");
}
