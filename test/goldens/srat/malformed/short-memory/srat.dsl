/*
 * Intel ACPI Component Architecture
 * AML/ASL+ Disassembler version 20200925 (64-bit version)
 * Copyright (c) 2000 - 2020 Intel Corporation
 * 
 * Disassembly of srat.aml, Wed Nov 25 21:34:34 2026
 *
 * ACPI Data Table [SRAT]
 *
 * Format: [HexOffset DecimalOffset ByteLength]  FieldName : FieldValue
 */

[000h 0000   4]                    Signature : "SRAT"    [System Resource Affinity Table]
[004h 0004   4]                 Table Length : 0000006C
[008h 0008   1]                     Revision : 01
[009h 0009   1]                     Checksum : 3A
[00Ah 0010   6]                       Oem ID : "BOCHS"
[010h 0016   8]                 Oem Table ID : "BXPC"
[018h 0024   4]                 Oem Revision : 00000001
[01Ch 0028   4]              Asl Compiler ID : "BXPC"
[020h 0032   4]        Asl Compiler Revision : 00000001

[024h 0036   4]               Table Revision : 00000001
[028h 0040   8]                     Reserved : 0000000000000000

[030h 0048   1]                Subtable Type : 01 [Memory Affinity]
[031h 0049   1]                       Length : 14

[032h 0050   4]             Proximity Domain : 00000000
[036h 0054   2]                    Reserved1 : 0000
[038h 0056   8]                 Base Address : 0000000000000000
[040h 0064   8]               Address Length : 00002801000A0000
/**** ACPI subtable terminates early - may be older version (dump table) */

[044h 0068   1]                Subtable Type : 01 [Memory Affinity]
[045h 0069   1]                       Length : 28

[046h 0070   4]             Proximity Domain : 00000000
[04Ah 0074   2]                    Reserved1 : 0000
[04Ch 0076   8]                 Base Address : 0000000000000000
[054h 0084   8]               Address Length : 00000000000A0000
[05Ch 0092   4]                    Reserved2 : 00000000
[060h 0096   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
                               Hot Pluggable : 0
                                Non-Volatile : 0
[064h 0100   8]                    Reserved3 : 0000000000000000

Raw Table Data: Length 108 (0x6C)

    0000: 53 52 41 54 6C 00 00 00 01 3A 42 4F 43 48 53 00  // SRATl....:BOCHS.
    0010: 42 58 50 43 00 00 00 00 01 00 00 00 42 58 50 43  // BXPC........BXPC
    0020: 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00  // ................
    0030: 01 14 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // ................
    0040: 00 00 0A 00 01 28 00 00 00 00 00 00 00 00 00 00  // .....(..........
    0050: 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00  // ................
    0060: 01 00 00 00 00 00 00 00 00 00 00 00              // ............
