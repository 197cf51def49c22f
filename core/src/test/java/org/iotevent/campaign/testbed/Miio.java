package org.iotevent.campaign.testbed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Xiaomi's miIO packet format: a 32-byte header (magic 0x2131, length, 4 unknown bytes, device
 * id, stamp, MD5 checksum over header + token + data) followed by the JSON payload encrypted with
 * AES-128-CBC, key = MD5(token), IV = MD5(key + token), PKCS#7 padding.
 */
final class Miio {
    static final int HEADER = 32;

    private final byte[] token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    Miio(byte[] token) throws GeneralSecurityException {
        this.token = token.clone();
        byte[] k = md5(token);
        this.key = new SecretKeySpec(k, "AES");
        byte[] both = Arrays.copyOf(k, k.length + token.length);
        System.arraycopy(token, 0, both, k.length, token.length);
        this.iv = new IvParameterSpec(md5(both));
    }

    /** One packet carrying {@code json} for {@code deviceId} at {@code stamp}. */
    byte[] encode(int deviceId, int stamp, byte[] json) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, key, iv);
        byte[] data = c.doFinal(json);
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length);
        b.putShort((short) 0x2131).putShort((short) (HEADER + data.length)).putInt(0).putInt(deviceId).putInt(stamp);
        b.put(token).put(data);
        byte[] out = b.array();
        byte[] sum = md5(out);
        System.arraycopy(sum, 0, out, 16, 16);
        return out;
    }

    /**
     * The JSON of a packet, after checking magic, length and checksum.
     *
     * @throws GeneralSecurityException for a packet that is not a valid miIO packet for this token
     */
    byte[] decode(byte[] packet, int length) throws GeneralSecurityException {
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length);
        if (length < HEADER || b.getShort(0) != 0x2131 || (b.getShort(2) & 0xFFFF) != length) {
            throw new GeneralSecurityException("not a miIO packet of " + length + " bytes");
        }
        byte[] copy = Arrays.copyOf(packet, length);
        byte[] sum = Arrays.copyOfRange(copy, 16, 32);
        System.arraycopy(token, 0, copy, 16, 16);
        if (!MessageDigest.isEqual(sum, md5(copy))) {
            throw new GeneralSecurityException("miIO checksum mismatch");
        }
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, key, iv);
        return c.doFinal(packet, HEADER, length - HEADER);
    }

    static byte[] md5(byte[] in) throws GeneralSecurityException {
        return MessageDigest.getInstance("MD5").digest(in);
    }
}
