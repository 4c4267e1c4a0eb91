/**
 * The kernel's ways of stopping: panic() and BUG_ON(). The pure engine throws
 * these; whoever drives it decides how to print them.
 */

/** panic(msg): the machine stops. `message` is the panic text without its newline. */
export class KernelPanic extends Error {
  constructor(readonly panicMessage: string) {
    super(`Kernel panic - not syncing: ${panicMessage}`);
    this.name = "KernelPanic";
  }
}

/** BUG_ON(cond) that fired in `fn`; `cond` is the condition as the source writes it. */
export class KernelBug extends Error {
  constructor(
    readonly fn: string,
    readonly cond: string,
  ) {
    super(`kernel BUG: ${fn}: BUG_ON(${cond})`);
    this.name = "KernelBug";
  }
}
