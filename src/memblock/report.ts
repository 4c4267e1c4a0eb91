/** What memblock prints on its own while it works (besides memblock=debug lines). */

export type MemblockMessage =
  /** WARN_ON(cond) fired in `fn`; `cond` is written as in the source. */
  | { kind: "warn_on"; fn: string; cond: string }
  /** WARN_ONCE(cond, text) fired for the first time in `fn`. */
  | { kind: "warn_once"; fn: string; text: string }
  /** dump_stack() called by `fn`. */
  | { kind: "dump_stack"; fn: string }
  /** A printk line (pr_warn 4, pr_err 3) from `fn`, without its newline. */
  | { kind: "printk"; level: number; fn: string; line: string }
  /**
   * memblock_double_array() refused because resizing is not allowed yet, and
   * the profile makes that a failure (-1) rather than a panic. The kernel
   * prints nothing for it.
   */
  | { kind: "resize_refused"; array: string };

export type MemblockReporter = (message: MemblockMessage) => void;
