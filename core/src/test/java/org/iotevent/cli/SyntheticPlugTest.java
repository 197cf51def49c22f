package org.iotevent.cli;

import java.nio.file.Path;
import org.iotevent.traffic.SyntheticHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the commands on a made-up plug: its LAN capture and event log, and where its signature goes. */
abstract class SyntheticPlugTest {
    @TempDir
    Path dir;
    Path lan;
    Path events;
    Path signature;

    @BeforeEach
    void capturePlug() throws Exception {
        lan = dir.resolve("lan.pcap");
        events = dir.resolve("events.csv");
        signature = dir.resolve("plug.json");
        SyntheticHome.writeLog(events, SyntheticHome.write(lan, SyntheticHome.Vantage.LAN, 20, 1));
    }
}
