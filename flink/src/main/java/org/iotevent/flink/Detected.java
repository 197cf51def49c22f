package org.iotevent.flink;

/** A detection of the job: the home (the output record's key) and its JSON line. */
public class Detected {
    public String home;
    public String json;
    /** The burst's latest packet on the common timeline, ms: the output record's timestamp. */
    public long timeline;

    public Detected() {}

    public Detected(String home, String json, long timeline) {
        this.home = home;
        this.json = json;
        this.timeline = timeline;
    }

    @Override
    public String toString() {
        return json;
    }
}
