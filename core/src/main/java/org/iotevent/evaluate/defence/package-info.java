/**
 * Defences against the eavesdropper, simulated as transforms over a device's packet stream (time,
 * direction, IP-layer length) before burst segmentation, and their measurement: the attack rerun
 * with the adversary retraining on defended traffic, and what each defence costs.
 */
package org.iotevent.evaluate.defence;
