/**
 * A simulated smart-home device and its cloud as real processes on loopback, speaking real
 * protocols: TLS (JDK), Xiaomi miIO over UDP (AES-128-CBC) and MQTT 3.1.1 through a real
 * mosquitto broker. Trigger commands drive the device through a control port.
 */
package org.iotevent.campaign.testbed;
