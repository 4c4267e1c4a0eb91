#!/bin/busybox sh
# /init of the oracle's initramfs: dumps what the kernel decided about memory to the second serial port
# (ttyS1; kernel messages stay on ttyS0), then powers off. Each item is framed by "@@@ begin NAME" and
# "@@@ end NAME" lines; record.ts parses them.
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
out=/dev/ttyS1
stty -F $out raw -echo 2>/dev/null

{
  echo "@@@ begin uname"; uname -r; echo "@@@ end uname"
  echo "@@@ begin cmdline"; cat /proc/cmdline; echo "@@@ end cmdline"
  if [ -e /sys/firmware/acpi/tables/SRAT ]; then
    echo "@@@ begin srat-hex"; od -An -v -tx1 /sys/firmware/acpi/tables/SRAT; echo "@@@ end srat-hex"
  fi
  echo "@@@ begin acpi-tables"; ls /sys/firmware/acpi/tables; echo "@@@ end acpi-tables"
  echo "@@@ begin memmap"
  for d in $(ls /sys/firmware/memmap | sort -n); do
    echo "$d $(cat /sys/firmware/memmap/$d/start) $(cat /sys/firmware/memmap/$d/end) $(cat /sys/firmware/memmap/$d/type)"
  done
  echo "@@@ end memmap"
  echo "@@@ begin iomem"; cat /proc/iomem; echo "@@@ end iomem"
  echo "@@@ begin zoneinfo"
  grep -E '^Node|^ +(spanned|present|managed|start_pfn)' /proc/zoneinfo
  echo "@@@ end zoneinfo"
  echo "@@@ begin nodes"
  for f in possible online has_memory has_normal_memory has_cpu; do
    echo "$f $(cat /sys/devices/system/node/$f 2>/dev/null)"
  done
  echo "@@@ end nodes"
  echo "@@@ begin memory-blocks"
  m=/sys/devices/system/memory
  echo "block_size_bytes $(cat $m/block_size_bytes)"
  echo "auto_online_blocks $(cat $m/auto_online_blocks)"
  for d in $(ls -d $m/memory* | sed 's/.*memory//' | sort -n); do
    b=$m/memory$d
    node=$(ls -d $b/node* 2>/dev/null | sed 's/.*\///' | tr '\n' ' ')
    echo "memory$d phys_index=$(cat $b/phys_index) state=$(cat $b/state) online=$(cat $b/online) removable=$(cat $b/removable 2>/dev/null) valid_zones=$(cat $b/valid_zones 2>/dev/null | tr ' ' ',') node=$node"
  done
  echo "@@@ end memory-blocks"
  echo "@@@ begin meminfo"; grep -E '^(MemTotal|MemFree)' /proc/meminfo; echo "@@@ end meminfo"
  echo "@@@ done"
} > $out 2>&1

poweroff -f
