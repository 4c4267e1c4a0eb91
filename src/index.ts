// memsim as a library: the pure engine and its readers and renderers.
export { InputError } from "./errors.js";
export { profiles, profileFor } from "./profiles/index.js";
export type { KernelProfile, KernelVersion } from "./profiles/index.js";
export type { KernelEvent, Emit } from "./events.js";
