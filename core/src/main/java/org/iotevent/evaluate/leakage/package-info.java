/**
 * How much a device's traffic can tell any eavesdropper, not only this tool's classifiers: the
 * mutual information between the triggered event and the burst (bits, with a bootstrap interval),
 * and the highest accuracy any classifier could reach on the same bursts (Cover-Hart bounds from
 * the nearest-neighbour error). Both see a burst as the tool does: its packets' signed IP-layer
 * lengths in order, compared by the alignment distance.
 */
package org.iotevent.evaluate.leakage;
