/**
 * Labels the bursts of sniffed traffic with a signature's classifier, flags privacy events, and
 * writes the detections as a table, JSON Lines or CSV.
 */
package org.iotevent.detect;
