/**
 * Capture campaigns: a YAML plan of device events and their triggers, run while tcpdump or
 * dumpcap records (through {@code capture}'s {@link org.iotevent.capture.CaptureProcess}), with a
 * synced event log, a journal and resumption. Uses {@code capture} only.
 */
package org.iotevent.campaign;
