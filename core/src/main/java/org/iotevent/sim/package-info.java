/**
 * Simulated smart homes: device models (JSON data), their clouds, and one simulated session
 * written from three vantage points (LAN, WAN behind a NAT router, 802.11 monitor mode) with
 * the event log and the ground truth. Every run takes an explicit seed; the same seed gives
 * the same bytes.
 */
package org.iotevent.sim;
