package org.iotevent.detect;

/**
 * A detected event as the sinks write it: the burst's label with the device it is about.
 *
 * @param id the burst's id as a number: a hash of the device, the start time and the first frame;
 *     written as {@link #uid()}
 * @param device the device's name (the signature file's name without {@code .json})
 * @param deviceAddress how the device was selected: its IP or MAC address, or {@code wan:ROUTER}
 * @param peerAddress the other end of the burst's largest packet (the cloud's IP, or the peer's
 *     MAC on 802.11 without IP); null when unknown
 * @param event the labelled burst
 */
public record Detection(long id, String device, String deviceAddress, String peerAddress, DetectedEvent event) {
    /** The detection of {@code event} on {@code device}, with its id. */
    public static Detection of(String device, String deviceAddress, String peerAddress, DetectedEvent event) {
        return of(idSeed(device), device, deviceAddress, peerAddress, event);
    }

    /** The part of a detection's id that comes from its device's name: a pipeline works it out once per device. */
    static long idSeed(String device) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < device.length(); i++) {
            h = (h ^ device.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** As {@link #of(String, String, String, DetectedEvent)} with {@code seed} the {@link #idSeed} of {@code device}. */
    static Detection of(long seed, String device, String deviceAddress, String peerAddress, DetectedEvent event) {
        long h = (seed ^ event.startNanos()) * 0x100000001b3L;
        h = (h ^ event.firstFrame()) * 0x100000001b3L;
        h ^= h >>> 29;
        return new Detection(h, device, deviceAddress, peerAddress, event);
    }

    /**
     * The burst's id, stable for the same capture and signatures: {@code B} and 16 hex digits of
     * {@link #id} (as Zeek's uids name a connection, to cross-reference a row with other logs).
     */
    public String uid() {
        return Text.line().ascii('B').hex16(id).toString();
    }
}
