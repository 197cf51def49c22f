/**
 * Picks one device's packets out of decoded traffic (by IP, MAC, or its cloud endpoints on the
 * WAN side), gives each a direction and an IP-layer length, cuts them into bursts on packet time
 * and pairs bursts with the logged events that caused them.
 */
package org.iotevent.traffic;
