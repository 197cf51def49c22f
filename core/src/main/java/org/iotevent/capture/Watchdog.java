package org.iotevent.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command under a small shell watchdog: the command is signalled when this JVM closes the
 * watchdog's standard input, and also when this JVM dies in any way, even by SIGKILL, since the
 * pipe then closes too. So a crashed campaign leaves neither a capture nor a trigger running.
 */
public final class Watchdog {
    private static final String SCRIPT = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "pid=$!",
            "(read _ <&3; kill %s 2>/dev/null) >/dev/null 2>&1 &",
            "watcher=$!",
            "exec 3<&-",
            "wait $pid",
            "rc=$?",
            "kill $watcher 2>/dev/null",
            "exit $rc");

    private Watchdog() {}

    /** {@code command} under a watchdog that ends it with SIGTERM (tcpdump and dumpcap then close their files). */
    public static List<String> terminating(String name, List<String> command) {
        return argv(name, "-TERM $pid", command);
    }

    /**
     * {@code command} in its own process group ({@code setsid}, when installed) under a watchdog
     * that kills the whole group: the trigger and whatever it started.
     */
    public static List<String> killingGroup(String name, List<String> command) {
        Optional<Path> setsid = CaptureTool.onPath("setsid");
        if (setsid.isEmpty()) {
            return argv(name, "-KILL $pid", command);
        }
        List<String> inGroup = new ArrayList<>(List.of(setsid.get().toString()));
        inGroup.addAll(command);
        return argv(name, "-KILL -$pid", inGroup);
    }

    private static List<String> argv(String name, String killTarget, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", String.format(SCRIPT, killTarget), name));
        argv.addAll(command);
        return argv;
    }
}
