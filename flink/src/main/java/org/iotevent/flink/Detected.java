package org.iotevent.flink;

/** A detection of the job: the home (the output record's key) and its JSON line. */
public class Detected {
    public String home;
    public String json;

    public Detected() {}

    public Detected(String home, String json) {
        this.home = home;
        this.json = json;
    }

    @Override
    public String toString() {
        return json;
    }
}
