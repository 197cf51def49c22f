package org.iotevent.traffic;

/**
 * A burst with the event it was paired with.
 *
 * @param burst the burst
 * @param label the paired event's name, or {@value EventPairer#OTHER}
 * @param event the paired event, or null for {@value EventPairer#OTHER}
 */
public record LabeledBurst(Burst burst, String label, Event event) {
    public LabeledBurst {
        if (burst == null || label == null) {
            throw new IllegalArgumentException("a labelled burst needs a burst and a label");
        }
        if ((event == null) != label.equals(EventPairer.OTHER) || (event != null && !event.name().equals(label))) {
            throw new IllegalArgumentException("label '" + label + "' does not match its event " + event);
        }
    }
}
