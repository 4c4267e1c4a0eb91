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
[004h 0004   4]                 Table Length : 00000119
[008h 0008   1]                     Revision : 03
[009h 0009   1]                     Checksum : A9
[00Ah 0010   6]                       Oem ID : "MEMSIM"
[010h 0016   8]                 Oem Table ID : "ALLTYPES"
[018h 0024   4]                 Oem Revision : 00000007
[01Ch 0028   4]              Asl Compiler ID : "MSIM"
[020h 0032   4]        Asl Compiler Revision : 20261125

[024h 0036   4]               Table Revision : 00000001
[028h 0040   8]                     Reserved : 0000000000000000

[030h 0048   1]                Subtable Type : 00 [Processor Local APIC/SAPIC Affinity]
[031h 0049   1]                       Length : 10

[032h 0050   1]      Proximity Domain Low(8) : 01
[033h 0051   1]                      Apic ID : 02
[034h 0052   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
[038h 0056   1]              Local Sapic EID : 03
[039h 0057   3]    Proximity Domain High(24) : 020100
[03Ch 0060   4]                 Clock Domain : 00000005

[040h 0064   1]                Subtable Type : 01 [Memory Affinity]
[041h 0065   1]                       Length : 28

[042h 0066   4]             Proximity Domain : 00000001
[046h 0070   2]                    Reserved1 : 0000
[048h 0072   8]                 Base Address : 0000000100000000
[050h 0080   8]               Address Length : 0000000080000000
[058h 0088   4]                    Reserved2 : 00000000
[05Ch 0092   4]        Flags (decoded below) : 00000007
                                     Enabled : 1
                               Hot Pluggable : 1
                                Non-Volatile : 1
[060h 0096   8]                    Reserved3 : 0000000000000000

[068h 0104   1]                Subtable Type : 02 [Processor Local x2APIC Affinity]
[069h 0105   1]                       Length : 18

[06Ah 0106   2]                    Reserved1 : 0000
[06Ch 0108   4]             Proximity Domain : 00000002
[070h 0112   4]                      Apic ID : 000001FF
[074h 0116   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
[078h 0120   4]                 Clock Domain : 00000009
[07Ch 0124   4]                    Reserved2 : 00000000

[080h 0128   1]                Subtable Type : 03 [GICC Affinity]
[081h 0129   1]                       Length : 12

[082h 0130   4]             Proximity Domain : 00000003
[086h 0134   4]           Acpi Processor UID : 00000011
[08Ah 0138   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
[08Eh 0142   4]                 Clock Domain : 00000002

[092h 0146   1]                Subtable Type : 04 [GIC ITS Affinity]
[093h 0147   1]                       Length : 0C

[094h 0148   4]             Proximity Domain : 00000004
[098h 0152   2]                     Reserved : 0000
[09Ah 0154   4]                       ITS ID : 00000021

[09Eh 0158   1]                Subtable Type : 05 [Generic Initiator Affinity]
[09Fh 0159   1]                       Length : 20

[0A0h 0160   1]                    Reserved1 : 00
[0A1h 0161   1]           Device Handle Type : 00
[0A2h 0162   4]             Proximity Domain : 00000005
[0A6h 0166  16]                Device Handle : 41 43 50 49 30 30 30 37 01 00 00 00 00 00 00 00
[0B6h 0182   4]        Flags (decoded below) : 00000003
                                     Enabled : 1
[0BAh 0186   4]                    Reserved2 : 00000000

[0BEh 0190   1]                Subtable Type : 05 [Generic Initiator Affinity]
[0BFh 0191   1]                       Length : 20

[0C0h 0192   1]                    Reserved1 : 00
[0C1h 0193   1]           Device Handle Type : 01
[0C2h 0194   4]             Proximity Domain : 00000006
[0C6h 0198  16]                Device Handle : 00 00 08 00 00 00 00 00 00 00 00 00 00 00 00 00
[0D6h 0214   4]        Flags (decoded below) : 00000001
                                     Enabled : 1
[0DAh 0218   4]                    Reserved2 : 00000000

[0DEh 0222   1]                Subtable Type : 06 [Unknown Subtable Type]
[0DFh 0223   1]                       Length : 20

**** Unknown SRAT subtable type 0x6

[0FEh 0254   1]                Subtable Type : 07 [Unknown Subtable Type]
[0FFh 0255   1]                       Length : 14

**** Unknown SRAT subtable type 0x7

[112h 0274   1]                Subtable Type : 20 [Unknown Subtable Type]
[113h 0275   1]                       Length : 07

**** Unknown SRAT subtable type 0x20

Raw Table Data: Length 281 (0x119)

    0000: 53 52 41 54 19 01 00 00 03 A9 4D 45 4D 53 49 4D  // SRAT......MEMSIM
    0010: 41 4C 4C 54 59 50 45 53 07 00 00 00 4D 53 49 4D  // ALLTYPES....MSIM
    0020: 25 11 26 20 01 00 00 00 00 00 00 00 00 00 00 00  // %.& ............
    0030: 00 10 01 02 01 00 00 00 03 00 01 02 05 00 00 00  // ................
    0040: 01 28 01 00 00 00 00 00 00 00 00 00 01 00 00 00  // .(..............
    0050: 00 00 00 80 00 00 00 00 00 00 00 00 07 00 00 00  // ................
    0060: 00 00 00 00 00 00 00 00 02 18 00 00 02 00 00 00  // ................
    0070: FF 01 00 00 01 00 00 00 09 00 00 00 00 00 00 00  // ................
    0080: 03 12 03 00 00 00 11 00 00 00 01 00 00 00 02 00  // ................
    0090: 00 00 04 0C 04 00 00 00 00 00 21 00 00 00 05 20  // ..........!.... 
    00A0: 00 00 05 00 00 00 41 43 50 49 30 30 30 37 01 00  // ......ACPI0007..
    00B0: 00 00 00 00 00 00 03 00 00 00 00 00 00 00 05 20  // ............... 
    00C0: 00 01 06 00 00 00 00 00 08 00 00 00 00 00 00 00  // ................
    00D0: 00 00 00 00 00 00 01 00 00 00 00 00 00 00 06 20  // ............... 
    00E0: 00 00 07 00 00 00 41 43 50 49 30 30 31 36 01 00  // ......ACPI0016..
    00F0: 00 00 00 00 00 FF 01 00 00 00 00 00 00 00 07 14  // ................
    0100: 00 00 08 00 00 00 04 00 00 00 01 00 00 00 01 00  // ................
    0110: 00 00 20 07 01 02 03 04 05                       // .. ......
