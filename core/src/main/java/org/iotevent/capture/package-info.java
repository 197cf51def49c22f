/**
 * Reads capture files and streams (classic pcap, pcapng; format from the magic number) into
 * {@link org.iotevent.capture.CaptureRecord} views, one record at a time through a bounded
 * buffer, without holding the capture in memory; opened by {@link org.iotevent.capture.CaptureReaders}.
 * Writes classic pcap ({@link org.iotevent.capture.PcapWriter}) and pcapng with packet comments
 * ({@link org.iotevent.capture.PcapngWriter}). Runs the capture programs (tcpdump, dumpcap) under a
 * watchdog ({@link org.iotevent.capture.CaptureProcess}) for campaigns, and as a live source that
 * restarts a dying program ({@link org.iotevent.capture.LiveCapture}) for live detection.
 */
package org.iotevent.capture;
