/**
 * Capture campaigns: a YAML plan of device events and their triggers, run while tcpdump or
 * dumpcap records, with a synced event log, a journal and resumption; and the capture
 * subprocess that live detection reads from. Uses {@code capture} only.
 */
package org.iotevent.campaign;
