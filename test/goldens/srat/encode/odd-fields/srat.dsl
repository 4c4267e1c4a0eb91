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
[004h 0004   4]                 Table Length : 000000B5
[008h 0008   1]                     Revision : 02
[009h 0009   1]                     Checksum : AF
[00Ah 0010   6]                       Oem ID : " A B"
[010h 0016   8]                 Oem Table ID : ""
[018h 0024   4]                 Oem Revision : FFFFFFFF
[01Ch 0028   4]              Asl Compiler ID : "ab  "
[020h 0032   4]        Asl Compiler Revision : 00000000

[024h 0036   4]               Table Revision : 11223344
[028h 0040   8]                     Reserved : 0102030405060708

[030h 0048   1]                Subtable Type : 01 [Memory Affinity]
[031h 0049   1]                       Length : 28

[032h 0050   4]             Proximity Domain : 12345678
[036h 0054   2]                    Reserved1 : ABCD
[038h 0056   8]                 Base Address : FEDCBA9876543210
[040h 0064   8]               Address Length : 0000000000100000
[048h 0072   4]                    Reserved2 : DEADBEEF
[04Ch 0076   4]        Flags (decoded below) : FFFFFFFF
                                     Enabled : 1
                               Hot Pluggable : 1
                                Non-Volatile : 1
[050h 0080   8]                    Reserved3 : 1122334455667788

[058h 0088   1]                Subtable Type : 00 [Processor Local APIC/SAPIC Affinity]
[059h 0089   1]                       Length : 10

[05Ah 0090   1]      Proximity Domain Low(8) : 12
[05Bh 0091   1]                      Apic ID : 34
[05Ch 0092   4]        Flags (decoded below) : FFFFFFFF
                                     Enabled : 1
[060h 0096   1]              Local Sapic EID : 56
[061h 0097   3]    Proximity Domain High(24) : 030201
[064h 0100   4]                 Clock Domain : 87654321

[068h 0104   1]                Subtable Type : 01 [Memory Affinity]
[069h 0105   1]                       Length : 30

[06Ah 0106   4]             Proximity Domain : 00000001
[06Eh 0110   2]                    Reserved1 : 0000
[070h 0112   8]                 Base Address : 0000000000000000
[078h 0120   8]               Address Length : 0000000000001000
[080h 0128   4]                    Reserved2 : 00000000
[084h 0132   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
                               Hot Pluggable : 0
                                Non-Volatile : 0
[088h 0136   8]                    Reserved3 : 0000000000000000

[098h 0152   1]                Subtable Type : 01 [Memory Affinity]
[099h 0153   1]                       Length : 15

[09Ah 0154   4]             Proximity Domain : 00000001
[09Eh 0158   2]                    Reserved1 : 0000
[0A0h 0160   8]                 Base Address : 0000000000000000
[0A8h 0168   8]               Address Length : AA00020000000000
/**** ACPI subtable terminates early - may be older version (dump table) */

[0ADh 0173   1]                Subtable Type : 02 [Processor Local x2APIC Affinity]
[0AEh 0174   1]                       Length : 00
Invalid zero length subtable

Raw Table Data: Length 181 (0xB5)

    0000: 53 52 41 54 B5 00 00 00 02 AF 01 41 FF 42 00 43  // SRAT.......A.B.C
    0010: 00 00 00 00 00 00 00 00 FF FF FF FF 61 62 7F 80  // ............ab..
    0020: 00 00 00 00 44 33 22 11 08 07 06 05 04 03 02 01  // ....D3".........
    0030: 01 28 78 56 34 12 CD AB 10 32 54 76 98 BA DC FE  // .(xV4....2Tv....
    0040: 00 00 10 00 00 00 00 00 EF BE AD DE FF FF FF FF  // ................
    0050: 88 77 66 55 44 33 22 11 00 10 12 34 FF FF FF FF  // .wfUD3"....4....
    0060: 56 01 02 03 21 43 65 87 01 30 01 00 00 00 00 00  // V...!Ce..0......
    0070: 00 00 00 00 00 00 00 00 00 10 00 00 00 00 00 00  // ................
    0080: 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00  // ................
    0090: 01 02 03 04 05 06 07 08 01 15 01 00 00 00 00 00  // ................
    00A0: 00 00 00 00 00 00 00 00 00 00 00 00 00 02 00 AA  // ................
    00B0: BB CC DD EE FF                                   // .....
