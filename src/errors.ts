/**
 * An error in what the user gave us (a file, a script, a flag). The CLI prints
 * its message as one line, `memsim: <message>`, and exits with `exitCode`;
 * the message must already name the file and the line, offset or field.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "InputError";
  }
}
