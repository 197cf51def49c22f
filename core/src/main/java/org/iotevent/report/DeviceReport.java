package org.iotevent.report;

import java.util.List;
import java.util.Objects;
import org.iotevent.signature.Verdicts;

/**
 * One device: its Table 2 row, its events and, when an evaluation was given, the attack's measured
 * accuracy.
 *
 * @param device how the device was selected (address, MAC or cloud endpoints), as the signature says
 * @param cloud the cloud endpoints (domain names or addresses), empty when unknown
 * @param protocol transport protocols seen in its traffic (e.g. "TCP/TLS"), empty when unknown
 * @param classifier the classifier's name and parameters, e.g. {@code paper-knn k=1}
 * @param aSeconds burst gap {@code a}, seconds
 * @param bSeconds pairing window {@code b}, seconds
 * @param events the device's events in display order; {@code other} is not among them
 * @param heldOutAccuracy the accuracy training measured on its held-out split, in [0, 1]; NaN
 *     when unknown
 * @param evaluation the attack's evaluation, or null when none was given
 * @param verdicts the headline figures and verdicts: the evaluation's when given, else those the
 *     signature recorded when it was trained; null when neither has any
 */
public record DeviceReport(
        String device,
        String cloud,
        String protocol,
        String classifier,
        double aSeconds,
        double bSeconds,
        List<EventReport> events,
        double heldOutAccuracy,
        EvaluationView evaluation,
        Verdicts verdicts) {
    /** A device without headline figures. */
    public DeviceReport(String device, String cloud, String protocol, String classifier, double aSeconds,
            double bSeconds, List<EventReport> events, double heldOutAccuracy, EvaluationView evaluation) {
        this(device, cloud, protocol, classifier, aSeconds, bSeconds, events, heldOutAccuracy, evaluation, null);
    }

    public DeviceReport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(classifier, "classifier");
        events = List.copyOf(events);
        if (!Double.isNaN(heldOutAccuracy) && (heldOutAccuracy < 0 || heldOutAccuracy > 1)) {
            throw new IllegalArgumentException("held-out accuracy must lie in [0, 1], found " + heldOutAccuracy);
        }
    }

    /** Formula (4) accuracy of the evaluation, else training's held-out accuracy; NaN when neither is known. */
    public double accuracy() {
        return evaluation == null ? heldOutAccuracy : evaluation.accuracy();
    }
}
