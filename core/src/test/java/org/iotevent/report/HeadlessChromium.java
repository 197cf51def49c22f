package org.iotevent.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs Debian's headless Chromium on a local file; tests skip with a message when it is absent. */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "headless Chromium is not installed at " + BINARY
                + " (Debian: apt-get install chromium; .ci/run installs it): the report is not checked in a browser");
    }

    /** The DOM after load, serialised. */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** Saves a screenshot of the page's first {@code height} pixels, 1280 wide, as PNG. */
    public static void screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height, "--hide-scrollbars");
    }

    /** A screenshot kept as a test artefact: {@code target/NAME}, replaced each run; returns its size in bytes. */
    public static long keepScreenshot(Path page, String name, int height) throws IOException, InterruptedException {
        Path png = Path.of("target", name);
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        screenshot(page, png, height);
        return Files.size(png);
    }

    /** Prints the page to PDF as the browser's "Save as PDF" does (the print stylesheet applies), no header or footer. */
    public static void printToPdf(Path page, Path pdf) throws IOException, InterruptedException {
        run(page, "--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer");
    }

    /**
     * Every element whose content overflows its box at a 1280-pixel window: table cells, headings,
     * paragraphs and sections whose scroll width exceeds their client width, and charts and tables
     * that reach past the section holding them. A copy of the page gets a measuring script (its hash
     * added to the page's CSP); the findings come back through the DOM.
     *
     * @return one line per overflowing element (tag, class, widths, start of its text); empty when none
     */
    public static List<String> overflows(Path page) throws Exception {
        String measure = "(function(){var bad=[];function say(e,w,c){bad.push(e.tagName.toLowerCase()+'.'"
                + "+(e.getAttribute('class')||'')+' '+w+'>'+c+' '+(e.textContent||'').replace(/\\s+/g,' ').slice(0,60));}"
                + "document.querySelectorAll('td,th,h1,h2,h3,p,figcaption,section,main,nav,header,li,summary')"
                + ".forEach(function(e){if(e.scrollWidth>e.clientWidth+1)say(e,e.scrollWidth,e.clientWidth);});"
                + "document.querySelectorAll('svg.chart,table,figure').forEach(function(e){"
                + "var box=e.parentElement.closest('section,main')||document.body;"
                + "var r=e.getBoundingClientRect(),q=box.getBoundingClientRect();"
                + "if(r.right>q.right+1||r.left<q.left-1)say(e,Math.round(r.right),Math.round(q.right));});"
                + "document.documentElement.setAttribute('data-overflow',bad.join('\\n')||'none');})();";
        String html = Files.readString(page, StandardCharsets.UTF_8);
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(measure.getBytes(StandardCharsets.UTF_8)));
        String probed = html.replace("script-src 'sha256-", "script-src 'sha256-" + hash + "' 'sha256-")
                .replace("</body>", "<script>" + measure + "</script></body>");
        Path copy = page.resolveSibling("measured-" + page.getFileName());
        Files.writeString(copy, probed, StandardCharsets.UTF_8);
        String dom = run(copy, "--window-size=1280,1000", "--dump-dom");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-overflow=\"([^\"]*)\"").matcher(dom);
        if (!m.find()) {
            throw new IOException("the measuring script did not run on " + copy + " (blocked by the page's CSP?)");
        }
        String found = m.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&quot;", "\"");
        return found.equals("none") ? List.of() : List.of(found.split("\n"));
    }

    private static String run(Path page, String... action) throws IOException, InterruptedException {
        if (action.length == 0) {
            throw new IllegalArgumentException("no action");
        }
        Path profile = Files.createTempDirectory("iotevent-chromium");
        try {
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            cmd.addAll(List.of(action));
            cmd.add(page.toUri().toString());
            Path out = profile.resolve("stdout");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException("chromium did not finish within 120 s on " + page);
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited with " + p.exitValue() + " on " + page);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
