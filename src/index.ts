// memsim as a library: the pure engine and its readers and renderers.
export { InputError } from "./errors.js";
