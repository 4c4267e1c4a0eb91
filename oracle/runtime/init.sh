#!/bin/busybox sh
# /init of the run-time hotplug oracle: runs /scenario (memsim's hotplug script language) against the real
# kernel and reports every outcome on the second serial port (ttyS1), kernel messages stay on ttyS0.
# DIMM operations are requests to the host ("@@@ request ..."), which drives QEMU's QMP monitor and
# answers by the guest seeing memory appear or disappear.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
out=/dev/ttyS1
stty -F $out raw -echo 2>/dev/null
m=/sys/devices/system/memory

blocks() { ls -d $m/memory* 2>/dev/null | sed 's/.*memory//' | sort -n; }

show() {
  echo "@@@ begin show"
  echo "block_size_bytes $(cat $m/block_size_bytes)"
  echo "auto_online_blocks $(cat $m/auto_online_blocks)"
  for d in $(blocks); do
    b=$m/memory$d
    node=$(ls -d $b/node* 2>/dev/null | sed 's/.*node//' | tr '\n' ' ')
    echo "memory$d state=$(cat $b/state) online=$(cat $b/online) phys_index=$(cat $b/phys_index) removable=$(cat $b/removable) phys_device=$(cat $b/phys_device) valid_zones=$(cat $b/valid_zones | tr ' ' ',') node=$node"
  done
  grep -E '^Node|^ +(spanned|present) |^ +start_pfn:' /proc/zoneinfo
  echo "@@@ end show"
}

# write FILE VALUE: the writer's view (ok, or the shell's error text).
write() {
  if echo "$2" > "$1" 2>/tmp/err; then echo "@@@ result ok"; else echo "@@@ result fail $(sed 's/.*: //' /tmp/err)"; fi
}

# wait_count OP N: until the number of memory blocks is OP N, for at most 20 s.
wait_count() {
  i=0
  while [ $i -lt 200 ]; do
    n=$(blocks | wc -l)
    if [ "$1" = gt ] && [ $n -gt $2 ]; then return 0; fi
    if [ "$1" = lt ] && [ $n -lt $2 ]; then return 0; fi
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

{
  echo "@@@ begin boot"
  uname -r
  cat /proc/cmdline
  echo "cpus $(cat /sys/devices/system/node/has_cpu)"
  grep 'System RAM' /proc/iomem
  echo "@@@ end boot"
  show
  while read -r verb a b rest; do
    case "$verb" in
      ''|'#'*) continue ;;
    esac
    echo "@@@ step $verb $a $b $rest"
    case "$verb" in
      show) show ;;
      online) write $m/$a/state "${b:-online}" ;;
      offline)
        if [ "$a" = node ]; then
          for d in $(blocks); do
            if [ -e $m/memory$d/node$b ] && [ "$(cat $m/memory$d/state)" = online ]; then
              echo "@@@ block memory$d"; write $m/memory$d/state offline
            fi
          done
        else
          write $m/$a/state offline
        fi ;;
      write) write "$m/$a" "$b" ;;
      add)
        n=$(blocks | wc -l)
        echo "@@@ request add $b $rest"
        if wait_count gt $n; then sleep 1; echo "@@@ result ok"; else echo "@@@ result fail timeout"; fi ;;
      remove)
        n=$(blocks | wc -l)
        echo "@@@ request remove $a"
        if wait_count lt $n; then echo "@@@ result ok"; else echo "@@@ result fail timeout"; fi ;;
      *) echo "@@@ result fail unknown" ;;
    esac
  done < /scenario
  echo "@@@ done"
} > $out 2>&1

poweroff -f
