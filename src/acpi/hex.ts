/** `0x` + lower-case hex, for error messages and lint findings. */
export function hex(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}
