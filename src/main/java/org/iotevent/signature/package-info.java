/**
 * Signatures: feature vectors of bursts (signed IP-layer packet lengths), the classifiers
 * that tell events apart (the paper's grouped kNN and an alignment-distance kNN with an
 * open-set rejection), and the signature file.
 */
package org.iotevent.signature;
