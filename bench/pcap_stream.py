#!/usr/bin/env python3
"""Writes a classic pcap stream (LINKTYPE_RAW, IPv4/UDP) of N packets to stdout: the device
192.168.1.159 exchanging 4-packet bursts with 203.0.113.7 every 2 s of packet time, 10 ms apart
inside a burst. Used by live-memory.sh; the same N always gives the same bytes."""
import struct
import sys

n = int(sys.argv[1])
out = sys.stdout.buffer
out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
device = bytes([192, 168, 1, 159])
cloud = bytes([203, 0, 113, 7])
sizes = [(device, cloud, 235), (cloud, device, 118), (device, cloud, 60), (cloud, device, 411)]
t0 = 1_700_000_000 * 1_000_000
chunk = []
for i in range(n):
    src, dst, length = sizes[i % 4]
    t = t0 + (i // 4) * 2_000_000 + (i % 4) * 10_000
    ip = struct.pack("!BBHHHBBH4s4sHHHH", 0x45, 0, length, 1, 0x4000, 64, 17, 0, src, dst, 40000, 443, length - 20, 0)
    chunk.append(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, length, length) + ip + bytes(length - 28))
    if len(chunk) == 10000:
        out.write(b"".join(chunk))
        chunk = []
out.write(b"".join(chunk))
