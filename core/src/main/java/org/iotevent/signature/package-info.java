/**
 * Turns labelled bursts into a signature: signed-length features, classifiers behind a small
 * {@link org.iotevent.signature.Classifier} seam (the paper's grouped kNN first), trainers that
 * choose their parameters on a seeded split, and the versioned, validated JSON signature file.
 */
package org.iotevent.signature;
