// Reads what init.sh printed on the guest's second serial port: "@@@ begin NAME" … "@@@ end NAME"
// sections, closed by "@@@ done" when the script got to the end.

export interface Dump {
  sections: Map<string, string>;
  done: boolean;
}

export function parseDump(text: string): Dump {
  const sections = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  let done = false;
  for (const line of text.split("\n")) {
    const begin = /^@@@ begin (\S+)$/.exec(line);
    if (begin) {
      name = begin[1];
      body = [];
    } else if (name !== undefined && line === `@@@ end ${name}`) {
      sections.set(name, body.map((l) => l + "\n").join(""));
      name = undefined;
    } else if (line === "@@@ done") done = true;
    else if (name !== undefined) body.push(line);
  }
  return { sections, done };
}

/** The SRAT bytes from the "srat-hex" section (od -An -tx1 output), if the guest had one. */
export function sratBytes(dump: Dump): Buffer | undefined {
  const hexText = dump.sections.get("srat-hex");
  if (hexText === undefined) return undefined;
  const bytes = hexText.split(/\s+/).filter((t) => t !== "");
  for (const b of bytes) if (!/^[0-9a-f]{2}$/.test(b)) throw new Error(`bad SRAT hex byte '${b}'`);
  return Buffer.from(bytes.join(""), "hex");
}
