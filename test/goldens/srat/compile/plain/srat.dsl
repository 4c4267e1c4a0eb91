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
[004h 0004   4]                 Table Length : 0000007C
[008h 0008   1]                     Revision : 02
[009h 0009   1]                     Checksum : 12
[00Ah 0010   6]                       Oem ID : "HANDW"
[010h 0016   8]                 Oem Table ID : "PLAIN"
[018h 0024   4]                 Oem Revision : 00000002
[01Ch 0028   4]              Asl Compiler ID : "INTL"
[020h 0032   4]        Asl Compiler Revision : 20200925

[024h 0036   4]               Table Revision : 00000001
[028h 0040   8]                     Reserved : 0000000000000000

[030h 0048   1]                Subtable Type : 01 [Memory Affinity]
[031h 0049   1]                       Length : 28

[032h 0050   4]             Proximity Domain : 00000100
[036h 0054   2]                    Reserved1 : 0000
[038h 0056   8]                 Base Address : 0000000100000000
[040h 0064   8]               Address Length : 0000000040000000
[048h 0072   4]                    Reserved2 : 00000000
[04Ch 0076   4]        Flags (decoded below) : 00000003
                                     Enabled : 1
                               Hot Pluggable : 1
                                Non-Volatile : 0
[050h 0080   8]                    Reserved3 : 0000000000000000

[058h 0088   1]                Subtable Type : 02 [Processor Local x2APIC Affinity]
[059h 0089   1]                       Length : 18

[05Ah 0090   2]                    Reserved1 : 0000
[05Ch 0092   4]             Proximity Domain : 00000100
[060h 0096   4]                      Apic ID : 00000200
[064h 0100   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
[068h 0104   4]                 Clock Domain : 00000000
[06Ch 0108   4]                    Reserved2 : 00000000

[070h 0112   1]                Subtable Type : 04 [GIC ITS Affinity]
[071h 0113   1]                       Length : 0C

[072h 0114   4]             Proximity Domain : 00000003
[076h 0118   2]                     Reserved : 0000
[078h 0120   4]                       ITS ID : 00000009

Raw Table Data: Length 124 (0x7C)

    0000: 53 52 41 54 7C 00 00 00 02 12 48 41 4E 44 57 00  // SRAT|.....HANDW.
    0010: 50 4C 41 49 4E 00 00 00 02 00 00 00 49 4E 54 4C  // PLAIN.......INTL
    0020: 25 09 20 20 01 00 00 00 00 00 00 00 00 00 00 00  // %.  ............
    0030: 01 28 00 01 00 00 00 00 00 00 00 00 01 00 00 00  // .(..............
    0040: 00 00 00 40 00 00 00 00 00 00 00 00 03 00 00 00  // ...@............
    0050: 00 00 00 00 00 00 00 00 02 18 00 00 00 01 00 00  // ................
    0060: 00 02 00 00 01 00 00 00 00 00 00 00 00 00 00 00  // ................
    0070: 04 0C 03 00 00 00 00 00 09 00 00 00              // ............
