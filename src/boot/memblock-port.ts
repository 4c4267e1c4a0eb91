/**
 * The memblock engine as the boot pipeline holds it. src/memblock provides
 * the engine; this alias is the one place the pipeline names its type.
 */
export interface BootMemblockRegion {
  base: bigint;
  size: bigint;
  nid: number;
  flags: number;
}

export interface BootMemblock {
  memory: { regions: BootMemblockRegion[] };
  reserved: { regions: BootMemblockRegion[] };
}
