package org.iotevent.decode;

/** Encryption of a protected 802.11 data frame, as its security header tells it. */
public enum WlanCipher {
    /** Not protected. */
    NONE(0, 0),
    /** WEP: 4-byte IV header, 4-byte ICV. */
    WEP(4, 4),
    /** TKIP: 8-byte IV/ExtIV header, 8-byte MIC plus 4-byte ICV. */
    TKIP(8, 12),
    /** CCMP: 8-byte CCMP header, 8-byte MIC. */
    CCMP(8, 8),
    /** Protected, but the header cannot tell which cipher (cut short, say). */
    UNKNOWN(8, 8);

    /** Bytes the cipher adds before the encrypted body. */
    public final int headerBytes;
    /** Bytes the cipher adds after the encrypted body (MIC, ICV). */
    public final int trailerBytes;

    WlanCipher(int headerBytes, int trailerBytes) {
        this.headerBytes = headerBytes;
        this.trailerBytes = trailerBytes;
    }
}
