package org.iotevent.capture;

import java.nio.ByteBuffer;

/**
 * A classic BPF program, as libpcap compiles a filter expression ({@code tcpdump -ddd}), run on
 * a record the way libpcap's {@code pcap_filter} runs it on a savefile: loads read the captured
 * bytes, a load beyond them rejects the packet, {@code len} is the wire length, a division by
 * zero rejects. One instance is not thread-safe (its scratch memory is reused); running it
 * allocates nothing.
 */
public final class BpfProgram {
    /** Largest program accepted, in instructions (the kernel's BPF_MAXINSNS). */
    static final int MAX_INSTRUCTIONS = 4096;

    private final int[] code;
    private final int[] jt;
    private final int[] jf;
    private final int[] k;
    private final int[] mem = new int[16];

    private BpfProgram(int[] code, int[] jt, int[] jf, int[] k) {
        this.code = code;
        this.jt = jt;
        this.jf = jf;
        this.k = k;
    }

    /**
     * Parses {@code tcpdump -ddd} output: the instruction count, then one line per instruction
     * {@code code jt jf k} in decimal. Checks what libpcap's {@code bpf_validate} checks that
     * matters here: known opcodes, jumps inside the program, scratch memory indices, constant
     * shifts and divisors, a return at the end.
     *
     * @throws IllegalArgumentException naming the line at fault
     */
    public static BpfProgram parse(String ddd) {
        String[] lines = ddd.strip().split("\\R");
        int n = parseInt(lines[0].strip(), 1, "instruction count");
        if (n < 1 || n > MAX_INSTRUCTIONS || lines.length != n + 1) {
            throw new IllegalArgumentException("BPF program: " + n + " instructions announced, " + (lines.length - 1)
                    + " given (at most " + MAX_INSTRUCTIONS + ")");
        }
        int[] code = new int[n];
        int[] jt = new int[n];
        int[] jf = new int[n];
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].strip().split("\\s+");
            if (f.length != 4) {
                throw new IllegalArgumentException("BPF program line " + (i + 2) + ": expected 'code jt jf k', found '"
                        + lines[i + 1] + "'");
            }
            code[i] = parseInt(f[0], i + 2, "code");
            jt[i] = parseInt(f[1], i + 2, "jt");
            jf[i] = parseInt(f[2], i + 2, "jf");
            k[i] = (int) Long.parseLong(f[3]);
            validate(code[i], jt[i], jf[i], k[i], i, n);
        }
        if ((code[n - 1] & 0x07) != RET) {
            throw new IllegalArgumentException("BPF program: the last instruction is not a return");
        }
        return new BpfProgram(code, jt, jf, k);
    }

    private static int parseInt(String s, int line, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BPF program line " + line + ": " + what + " '" + s + "' is not a number");
        }
    }

    // instruction classes and fields (bpf.h)
    private static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06;
    private static final int JA = 0x05;

    private static void validate(int code, int jt, int jf, int k, int at, int n) {
        String where = "BPF program instruction " + at + " (code " + code + ")";
        if (!known(code)) {
            throw new IllegalArgumentException(where + ": unknown opcode");
        }
        int cls = code & 0x07;
        int mode = code & 0xe0;
        if ((cls == ST || cls == STX || ((cls == LD || cls == LDX) && mode == 0x60)) && (k < 0 || k >= 16)) {
            throw new IllegalArgumentException(where + ": scratch memory index " + k + " outside 0-15");
        }
        if (cls == ALU && (code & 0x08) == 0) {
            int op = code & 0xf0;
            if ((op == 0x30 || op == 0x90) && k == 0) {
                throw new IllegalArgumentException(where + ": division by the constant 0");
            }
            if ((op == 0x60 || op == 0x70) && Integer.compareUnsigned(k, 32) >= 0) {
                throw new IllegalArgumentException(where + ": shift by " + Integer.toUnsignedString(k));
            }
        }
        if (cls == JMP) {
            long far = code == JA ? Integer.toUnsignedLong(k) : Math.max(jt, jf);
            if (jt < 0 || jf < 0 || at + 1 + far >= n) {
                throw new IllegalArgumentException(where + ": jump out of the program");
            }
        }
    }

    private static boolean known(int code) {
        return switch (code) {
            case 0x00, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x60, 0x80, // ld imm, abs w/h/b, ind w/h/b, mem, len
                    0x01, 0x61, 0x81, 0xb1, // ldx imm, mem, len, msh
                    0x02, 0x03, // st, stx
                    0x04, 0x14, 0x24, 0x34, 0x44, 0x54, 0x64, 0x74, 0x94, 0xa4, // alu op k
                    0x0c, 0x1c, 0x2c, 0x3c, 0x4c, 0x5c, 0x6c, 0x7c, 0x9c, 0xac, 0x84, // alu op x, neg
                    0x05, 0x15, 0x25, 0x35, 0x45, 0x1d, 0x2d, 0x3d, 0x4d, // ja, jeq/jgt/jge/jset k and x
                    0x06, 0x16, // ret k, ret a
                    0x07, 0x87 -> true; // tax, txa
            default -> false;
        };
    }

    /** Number of instructions. */
    public int length() {
        return code.length;
    }

    /** True when the program accepts the record (returns non-zero, as libpcap keeps it). */
    public boolean matches(CaptureRecord r) {
        long wire = r.wireLength;
        return run(r.data, r.dataOffset, r.capturedLength, (int) Math.min(wire, 0xFFFF_FFFFL)) != 0;
    }

    /**
     * Runs the program on {@code buflen} captured bytes at {@code p[offset]} of a packet of
     * {@code wirelen} bytes on the wire (unsigned).
     *
     * @return the program's return value (unsigned; 0 rejects)
     */
    int run(ByteBuffer p, int offset, int buflen, int wirelen) {
        final long len = Integer.toUnsignedLong(buflen);
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            int kk = k[pc];
            switch (code[pc]) {
                case 0x06: return kk;
                case 0x16: return a;
                case 0x20: { // ld [k], 4 bytes
                    long at = Integer.toUnsignedLong(kk);
                    if (at + 4 > len) {
                        return 0;
                    }
                    a = p.getInt(offset + (int) at);
                    break;
                }
                case 0x28: {
                    long at = Integer.toUnsignedLong(kk);
                    if (at + 2 > len) {
                        return 0;
                    }
                    a = p.getShort(offset + (int) at) & 0xFFFF;
                    break;
                }
                case 0x30: {
                    long at = Integer.toUnsignedLong(kk);
                    if (at >= len) {
                        return 0;
                    }
                    a = p.get(offset + (int) at) & 0xFF;
                    break;
                }
                case 0x80: a = wirelen; break;
                case 0x81: x = wirelen; break;
                case 0x40: {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(kk);
                    if (at + 4 > len) {
                        return 0;
                    }
                    a = p.getInt(offset + (int) at);
                    break;
                }
                case 0x48: {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(kk);
                    if (at + 2 > len) {
                        return 0;
                    }
                    a = p.getShort(offset + (int) at) & 0xFFFF;
                    break;
                }
                case 0x50: {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(kk);
                    if (at >= len) {
                        return 0;
                    }
                    a = p.get(offset + (int) at) & 0xFF;
                    break;
                }
                case 0xb1: {
                    long at = Integer.toUnsignedLong(kk);
                    if (at >= len) {
                        return 0;
                    }
                    x = (p.get(offset + (int) at) & 0xF) << 2;
                    break;
                }
                case 0x00: a = kk; break;
                case 0x01: x = kk; break;
                case 0x60: a = mem[kk]; break;
                case 0x61: x = mem[kk]; break;
                case 0x02: mem[kk] = a; break;
                case 0x03: mem[kk] = x; break;
                case 0x05: pc += kk; break;
                case 0x15: pc += a == kk ? jt[pc] : jf[pc]; break;
                case 0x25: pc += Integer.compareUnsigned(a, kk) > 0 ? jt[pc] : jf[pc]; break;
                case 0x35: pc += Integer.compareUnsigned(a, kk) >= 0 ? jt[pc] : jf[pc]; break;
                case 0x45: pc += (a & kk) != 0 ? jt[pc] : jf[pc]; break;
                case 0x1d: pc += a == x ? jt[pc] : jf[pc]; break;
                case 0x2d: pc += Integer.compareUnsigned(a, x) > 0 ? jt[pc] : jf[pc]; break;
                case 0x3d: pc += Integer.compareUnsigned(a, x) >= 0 ? jt[pc] : jf[pc]; break;
                case 0x4d: pc += (a & x) != 0 ? jt[pc] : jf[pc]; break;
                case 0x04: a += kk; break;
                case 0x14: a -= kk; break;
                case 0x24: a *= kk; break;
                case 0x34: a = Integer.divideUnsigned(a, kk); break;
                case 0x94: a = Integer.remainderUnsigned(a, kk); break;
                case 0x44: a |= kk; break;
                case 0x54: a &= kk; break;
                case 0xa4: a ^= kk; break;
                case 0x64: a <<= kk; break;
                case 0x74: a >>>= kk; break;
                case 0x0c: a += x; break;
                case 0x1c: a -= x; break;
                case 0x2c: a *= x; break;
                case 0x3c:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                    break;
                case 0x9c:
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                    break;
                case 0x4c: a |= x; break;
                case 0x5c: a &= x; break;
                case 0xac: a ^= x; break;
                case 0x6c: a = Integer.compareUnsigned(x, 32) < 0 ? a << x : 0; break;
                case 0x7c: a = Integer.compareUnsigned(x, 32) < 0 ? a >>> x : 0; break;
                case 0x84: a = -a; break;
                case 0x07: x = a; break;
                case 0x87: a = x; break;
                default: throw new IllegalStateException("unvalidated opcode " + code[pc]);
            }
            pc++;
        }
    }
}
