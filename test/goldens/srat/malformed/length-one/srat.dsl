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
[004h 0004   4]                 Table Length : 000000F2
[008h 0008   1]                     Revision : 01
[009h 0009   1]                     Checksum : 2D
[00Ah 0010   6]                       Oem ID : "BOCHS"
[010h 0016   8]                 Oem Table ID : "BXPC"
[018h 0024   4]                 Oem Revision : 00000001
[01Ch 0028   4]              Asl Compiler ID : "BXPC"
[020h 0032   4]        Asl Compiler Revision : 00000001

[024h 0036   4]               Table Revision : 00000001
[028h 0040   8]                     Reserved : 0000000000000000

[030h 0048   1]                Subtable Type : 01 [Memory Affinity]
/**** ACPI subtable terminates early - may be older version (dump table) */

/**** ACPI subtable terminates early - may be older version (dump table) */

[031h 0049   1]                Subtable Type : 01 [Memory Affinity]
[032h 0050   1]                       Length : 00
Invalid zero length subtable

Raw Table Data: Length 242 (0xF2)

    0000: 53 52 41 54 F2 00 00 00 01 2D 42 4F 43 48 53 00  // SRAT.....-BOCHS.
    0010: 42 58 50 43 00 00 00 00 01 00 00 00 42 58 50 43  // BXPC........BXPC
    0020: 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00  // ................
    0030: 01 01 00 10 00 00 01 00 00 00 00 00 00 00 00 00  // ................
    0040: 00 00 00 10 01 01 01 00 00 00 00 00 00 00 00 00  // ................
    0050: 00 00 01 28 00 00 00 00 00 00 00 00 00 00 00 00  // ...(............
    0060: 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 01 00  // ................
    0070: 00 00 00 00 00 00 00 00 00 00 01 28 00 00 00 00  // ...........(....
    0080: 00 00 00 00 10 00 00 00 00 00 00 00 F0 7F 00 00  // ................
    0090: 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00  // ................
    00A0: 00 00 01 28 01 00 00 00 00 00 00 00 00 00 01 00  // ...(............
    00B0: 00 00 00 00 00 80 00 00 00 00 00 00 00 00 03 00  // ................
    00C0: 00 00 00 00 00 00 00 00 00 00 01 28 00 00 00 00  // ...........(....
    00D0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // ................
    00E0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // ................
    00F0: 00 00                                            // ..
