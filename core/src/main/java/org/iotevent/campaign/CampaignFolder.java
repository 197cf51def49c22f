package org.iotevent.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iotevent.capture.CaptureSetupException;
import org.iotevent.capture.CaptureTool;
import org.iotevent.io.AtomicFileOutput;

/**
 * The folder a campaign writes: {@code campaign.yaml} (the campaign as started, to resume
 * exactly it), {@code events.csv} (the event log), {@code journal.log} (what happened, one synced
 * line each: sessions, capture files, trigger failures), {@code capture-NNN.pcap*} or
 * {@code .pcapng} files (one series per session) with the capture program's messages in
 * {@code capture-NNN.log}, and the trigger commands' output in {@code triggers.log}.
 */
public final class CampaignFolder implements AutoCloseable {
    public static final String CAMPAIGN = "campaign.yaml";
    public static final String EVENTS = "events.csv";
    public static final String JOURNAL = "journal.log";
    public static final String TRIGGERS = "triggers.log";

    private final Path dir;
    private final SyncedAppender journal;

    private CampaignFolder(Path dir) throws IOException {
        this.dir = dir;
        this.journal = new SyncedAppender(dir.resolve(JOURNAL));
    }

    /**
     * Creates the folder of a new campaign and stores the campaign text in it.
     *
     * @throws CaptureSetupException when the folder exists and is not empty
     */
    public static CampaignFolder create(Path dir, String campaignText) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new CaptureSetupException(dir + " already holds a campaign or other files; use --resume to "
                            + "continue that campaign, or choose another folder with -o");
                }
            }
        } else if (Files.exists(dir)) {
            throw new CaptureSetupException(dir + " exists and is not a folder");
        }
        Files.createDirectories(dir);
        try (AtomicFileOutput out = new AtomicFileOutput(dir.resolve(CAMPAIGN))) {
            out.stream().write(campaignText.getBytes(StandardCharsets.UTF_8));
            out.commitSynced();
        }
        CampaignFolder f = new CampaignFolder(dir);
        f.log("campaign created");
        return f;
    }

    /**
     * Opens the folder of a started campaign to resume it.
     *
     * @throws CaptureSetupException when the folder holds no campaign, or another one than
     *     {@code campaignText}
     */
    public static CampaignFolder resume(Path dir, String campaignText) throws IOException {
        Path stored = dir.resolve(CAMPAIGN);
        if (!Files.isRegularFile(stored)) {
            throw new CaptureSetupException(dir + " holds no started campaign (no " + CAMPAIGN + "); start it without --resume");
        }
        if (!Files.readString(stored, StandardCharsets.UTF_8).equals(campaignText)) {
            throw new CaptureSetupException("the campaign file differs from " + stored + ", which " + dir
                    + " was started with; resume with that file, or start a new campaign in another folder");
        }
        CampaignFolder f = new CampaignFolder(dir);
        if (EventLog.dropTornTail(dir.resolve(EVENTS))) {
            f.log("removed an unfinished last line from " + EVENTS + " (cut by a crash; that trial runs again)");
        }
        return f;
    }

    public Path eventLog() {
        return dir.resolve(EVENTS);
    }

    public Path triggerLog() {
        return dir.resolve(TRIGGERS);
    }

    /** How many repetitions of each event the event log holds. */
    public Map<String, Integer> loggedCounts() throws IOException {
        return EventLog.counts(eventLog());
    }

    /** Number of the next capture session: one more than the capture logs present. */
    public int nextSession() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return 1 + (int) s.filter(p -> p.getFileName().toString().matches("capture-\\d{3}\\.log")).count();
        }
    }

    /** First capture file of a session. */
    public Path captureFile(int session, CaptureTool tool) {
        String ext = tool.kind() == CaptureTool.Kind.DUMPCAP ? ".pcapng" : ".pcap";
        return dir.resolve(String.format("capture-%03d%s", session, ext));
    }

    /** The capture program's message log of a session. */
    public Path captureLog(int session) {
        return dir.resolve(String.format("capture-%03d.log", session));
    }

    /** Every capture file in the folder, sorted by name. */
    public List<Path> captureFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("capture-\\d{3}.*\\.pcap(ng)?\\d*"))
                    .sorted().toList();
        }
    }

    /** Syncs every capture file and the folder to disk, so a power cut loses no packet written so far. */
    public void syncCaptures() throws IOException {
        try {
            captureFiles().forEach(p -> {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ch.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the files themselves are synced.
        }
    }

    /** Appends a synced journal line, prefixed with the wall-clock time. */
    public void log(String message) throws IOException {
        journal.appendLine(Instant.now() + " " + message);
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
