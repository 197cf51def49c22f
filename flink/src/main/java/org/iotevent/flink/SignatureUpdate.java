package org.iotevent.flink;

/** A signature file for a device, as given at the start or received on the signature topic (key: the device). */
public class SignatureUpdate {
    /** The device's name (the file's name less {@code .json}). */
    public String device;
    /** The file's bytes. */
    public byte[] json;

    public SignatureUpdate() {}

    public SignatureUpdate(String device, byte[] json) {
        this.device = device;
        this.json = json;
    }
}
