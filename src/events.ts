/**
 * What the engine tells the world. Every line the kernel would print becomes
 * one event, with the facts behind it, so that renderers (dmesg, JSON,
 * explanations) read the same record instead of keeping a second model.
 */
export interface KernelEvent {
  /** The kernel step that printed it, e.g. "memblock", "srat", "numa", "zones". */
  phase: string;
  /** A stable name for the line's template, e.g. "numa.node_data". */
  kind: string;
  /** The line exactly as the kernel prints it, without timestamp or log level. */
  line: string;
  /** printk level (0 emerg .. 7 debug); lines above loglevel do not reach the console. */
  level?: number;
  /** Why it happened, in words, for explanations. */
  cause?: string;
  /** Structured facts behind the line. */
  data?: Record<string, unknown>;
}

export type Emit = (event: KernelEvent) => void;
