package org.iotevent.report;

/** Renders a report model to a document, as a pure function of the model. */
@FunctionalInterface
public interface ReportRenderer {
    /** The whole document for {@code report}. */
    String render(Report report);
}
