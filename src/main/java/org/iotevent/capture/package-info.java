/**
 * Reads capture files and streams (classic pcap, pcapng) into {@link org.iotevent.capture.CaptureRecord}
 * views, one record at a time, without holding the capture in memory.
 */
package org.iotevent.capture;
