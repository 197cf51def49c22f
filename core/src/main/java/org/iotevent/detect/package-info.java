/**
 * Labels the bursts of sniffed traffic with a signature's classifier, flags privacy events, and
 * writes the detections as a table, JSON Lines or CSV. {@link org.iotevent.detect.DetectionPipeline}
 * is the one way from packets to detections (the CLI, the demo and live detection call it);
 * {@link org.iotevent.detect.DeviceDetector} is its per-device step for stream processors.
 */
package org.iotevent.detect;
