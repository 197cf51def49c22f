package org.iotevent.sim;

/**
 * One triggered event, as the ground truth and the event log tell it.
 *
 * @param id index in the order the simulation ran the home's events
 * @param device index of the device in the home
 * @param deviceName the device's name in the home
 * @param event the event's name in the device's model
 * @param privacy whether the model marks it privacy-sensitive
 * @param triggerNanos when the app triggered it, nanoseconds since the epoch (the event log's time)
 */
public record EventRecord(int id, int device, String deviceName, String event, boolean privacy, long triggerNanos) {
    public EventRecord {
        if (id < 0 || device < 0 || triggerNanos < 0) {
            throw new IllegalArgumentException("bad event record " + id + "/" + device + " at " + triggerNanos);
        }
    }

    /** {@code device/event}, the name in the home's event log. */
    public String qualifiedName() {
        return deviceName + "/" + event;
    }
}
