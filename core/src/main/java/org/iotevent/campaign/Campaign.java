package org.iotevent.campaign;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.iotevent.capture.CaptureTool;

/**
 * A capture campaign as read from its YAML file (see {@link CampaignFile}).
 *
 * @param name a short name for the campaign, used for the default output folder
 * @param device which device is audited
 * @param interfaceName the capture interface, as {@code tcpdump -D} lists it
 * @param filter the capture filter (pcap-filter syntax); empty captures everything
 * @param capture which capture tool and how to rotate its files
 * @param events the events to trigger, in the order the file lists them
 * @param repetitions how many times each event is triggered, {@code >= 1}
 * @param interval time from one trigger to the next, and after the last one
 * @param settle time between the start of the capture and the first trigger
 * @param order the order of the trials
 * @param seed seed of the random order
 * @param triggerTimeout how long a trigger command may run before it counts as failed
 * @param retry what happens when a trigger command fails
 */
public record Campaign(
        String name,
        Device device,
        String interfaceName,
        String filter,
        CaptureSettings capture,
        List<EventSpec> events,
        int repetitions,
        Duration interval,
        Duration settle,
        Order order,
        long seed,
        Duration triggerTimeout,
        RetryPolicy retry) {

    public Campaign {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(order, "order");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs at least one event");
        }
        if (events.stream().map(EventSpec::name).distinct().count() != events.size()) {
            throw new IllegalArgumentException("event names must be unique");
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, found " + repetitions);
        }
        requirePositive(interval, "interval");
        requireNotNegative(settle, "settle");
        requirePositive(triggerTimeout, "triggerTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, found " + d);
        }
    }

    static void requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0, found " + d);
        }
    }

    /** The order in which trials run. */
    public enum Order {
        /** Every event once, in file order, then every event again: the paper's script. */
        ROUND_ROBIN,
        /** All trials shuffled with {@link Campaign#seed}, so no event always follows another. */
        RANDOM
    }

    /**
     * The audited device.
     *
     * @param addresses its IP addresses (may be empty when a MAC is given)
     * @param mac its MAC address, lower case with colons, or null
     */
    public record Device(List<String> addresses, String mac) {
        public Device {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty() && mac == null) {
                throw new IllegalArgumentException("a device needs an address or a MAC");
            }
        }

        /** A capture filter for this device's packets: its addresses and MAC, or-ed. */
        public String defaultFilter() {
            StringBuilder f = new StringBuilder();
            for (String a : addresses) {
                f.append(f.length() == 0 ? "" : " or ").append("host ").append(a);
            }
            if (mac != null) {
                f.append(f.length() == 0 ? "" : " or ").append("ether host ").append(mac);
            }
            return f.toString();
        }
    }

    /**
     * The capture tool and its file rotation.
     *
     * @param tool which program captures
     * @param rotateMegabytes a new file is started when the current one passes this size (MB of
     *     1,000,000 bytes, as tcpdump's {@code -C} counts)
     */
    public record CaptureSettings(CaptureTool.Kind tool, int rotateMegabytes) {
        public CaptureSettings {
            Objects.requireNonNull(tool, "tool");
            if (rotateMegabytes < 1) {
                throw new IllegalArgumentException("rotate size must be >= 1 MB, found " + rotateMegabytes);
            }
        }
    }

    /**
     * Retry policy for trigger commands that fail (non-zero exit, time-out, cannot start): the
     * command is run up to {@code attempts} times, {@code delay} apart; a trial whose attempts
     * all fail is journaled as failed, not logged as triggered, and stays outstanding for
     * {@code --resume}.
     *
     * @param attempts total attempts per trial, {@code >= 1}
     * @param delay wait between two attempts
     */
    public record RetryPolicy(int attempts, Duration delay) {
        public RetryPolicy {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, found " + attempts);
            }
            requireNotNegative(delay, "retry delay");
        }
    }

    /**
     * One event of the device and how to trigger it.
     *
     * @param name the label written to the event log
     * @param command the trigger's command line (program and arguments, run without a shell),
     *     or an empty list for a manual trigger
     * @param prompt what the operator is asked to do for a manual trigger (may be empty)
     */
    public record EventSpec(String name, List<String> command, String prompt) {
        public EventSpec {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || !name.matches("[A-Za-z0-9_.:-]+")) {
                throw new IllegalArgumentException("event name must be letters, digits or _.:- , found '" + name + "'");
            }
            command = List.copyOf(command);
            Objects.requireNonNull(prompt, "prompt");
        }

        /** True when the operator triggers this event by hand and presses Enter. */
        public boolean manual() {
            return command.isEmpty();
        }
    }
}
