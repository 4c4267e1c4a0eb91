#!/bin/sh
# Records how real logging tools write a kernel boot log, for the log readers' goldens:
#   journalctl -k (-o short, short-iso, short-precise, short-monotonic) from a real systemd-journald
#   fed the boot's messages through a stand-in /dev/kmsg (a FIFO carrying kmsg records), and the
#   file a real BusyBox syslogd writes when the same messages arrive as "kernel" syslog messages.
# Each source is a recorded QEMU boot, test/goldens/boot/<scenario>/<kernel>/serial.log.
#
# Usage (as root, from the repository root; needs unshare, systemd-journald, journalctl, busybox):
#   sh test/goldens/readers/logs/record.sh <scenario>/<kernel> [...]
# Writes test/goldens/readers/logs/<scenario>-<kernel>/{journalctl-short,journalctl-short-iso,
#   journalctl-short-precise,journalctl-short-monotonic,busybox-syslogd}.log, meta.txt, and a copy of
#   the source as serial.log (so that the case stands on its own).
# Everything runs in a private mount namespace: /dev, /run and /var/log/journal are tmpfs there,
# so neither the host's journal nor its kernel log is touched or read.
set -eu
JOURNALD=${JOURNALD:-/lib/systemd/systemd-journald}
out_root=test/goldens/readers/logs
for case in "$@"; do
  src=test/goldens/boot/$case/serial.log
  name=$(echo "$case" | tr / -)
  out=$out_root/$name
  mkdir -p "$out"
  work=$(mktemp -d)
  # "<usec> <message>" for every line the kernel timestamped (the last stamp on a line wins:
  # the serial console glues the first message to the firmware's output)
  sed -n 's/\r//g; s/^.*\[ *\([0-9][0-9]*\)\.\([0-9]\{6\}\)\] \(.*\)$/\1\2 \3/p' "$src" > "$work/records"
  cat > "$work/inner.sh" <<'INNER'
set -eu
work=$1; out=$2; journald=$3
mkdir -p "$work/dev"
mount -t tmpfs tmpfs "$work/dev"
for f in null zero urandom random; do touch "$work/dev/$f"; mount --bind "/dev/$f" "$work/dev/$f"; done
mkfifo "$work/dev/kmsg"
mount --bind "$work/dev" /dev
mount -t tmpfs tmpfs /run
mkdir -p /var/log/journal
mount -t tmpfs tmpfs /var/log/journal
exec 3<>/dev/kmsg
"$journald" >"$work/journald.out" 2>&1 &
jpid=$!
sleep 1.5
n=1
while IFS= read -r rec; do
  usec=${rec%% *}; msg=${rec#* }
  usec=${usec#"${usec%%[!0]*}"}; usec=${usec:-0}
  # one kmsg record per write: "<level>,<seq>,<usec>,-;<text>"; journald reads one per read()
  printf '6,%d,%s,-;%s\n' "$n" "$usec" "$msg" >&3
  n=$((n + 1))
  sleep 0.01
done < "$work/records"
sleep 1
for o in short short-iso short-precise short-monotonic; do
  journalctl -k --no-pager -o "$o" > "$out/journalctl-$o.log"
done
kill "$jpid"
# BusyBox syslogd on its own /dev/log, the messages sent as klogd would, with the kernel's stamp
busybox syslogd -n -O "$work/syslog" &
spid=$!
sleep 1
sed 's/^\([0-9]*\)\([0-9]\{6\}\) /\1 \2 /' "$work/records" | while IFS=' ' read -r s us msg; do
  s=${s#"${s%%[!0]*}"}
  printf '[%5s.%s] %s\n' "${s:-0}" "$us" "$msg"
done | busybox logger -p kern.info -t kernel
sleep 1
kill "$spid"
grep ' kernel: ' "$work/syslog" > "$out/busybox-syslogd.log"
INNER
  unshare -m --propagation private sh "$work/inner.sh" "$work" "$(pwd)/$out" "$JOURNALD"
  {
    echo "source: $src"
    echo "command: sh test/goldens/readers/logs/record.sh $case"
    echo "records: $(wc -l < "$work/records")"
    echo "journald: $("$JOURNALD" --version 2>/dev/null | head -1 || true)"
    echo "journalctl: $(journalctl --version | head -1)"
    echo "busybox: $(busybox 2>&1 | head -1)"
  } > "$out/meta.txt"
  cp "$src" "$out/serial.log"
  rm -rf "$work"
done
