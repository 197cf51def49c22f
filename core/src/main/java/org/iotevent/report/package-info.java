/**
 * The self-contained HTML report: an immutable {@link org.iotevent.report.Report} model built from
 * signatures, evaluations, detections and defence results, rendered by a pure function to one HTML
 * file with inline CSS and static SVG charts, every user-derived string escaped.
 */
package org.iotevent.report;
