/* A hand-written table: bare "Name : Value" lines, flags from their bits. */
Signature : "SRAT"
Table Length : 0
Revision : 02
Checksum : 00
Oem ID : "HANDW"
Oem Table ID : "PLAIN"
Oem Revision : 00000002
Asl Compiler ID : "NONE"
Asl Compiler Revision : 00000000
Table Revision : 00000001
Reserved : 00000000000000FF

Subtable Type : 01
Length : 28
Proximity Domain : 00000100
Reserved1 : 0000
Base Address : 0000000100000000
Address Length : 0000000040000000
Reserved2 : 00000000
Flags (decoded below) : 00000000
Enabled : 1
Hot Pluggable : 1
Non-Volatile : 0
Reserved3 : 0000000000000000

Subtable Type : 02
Length : 18
Reserved1 : 0000
Proximity Domain : 00000100
Apic ID : 00000200
Flags (decoded below) : 00000001
Enabled : 1
Clock Domain : 00000000
Reserved2 : 00000000

Subtable Type : 04
Length : 0C
Proximity Domain : 00000003
Reserved : 1234
ITS ID : 00000009
