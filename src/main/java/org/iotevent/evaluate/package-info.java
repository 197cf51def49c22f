/**
 * Measures how well a signature tells events apart: seeded stratified splits repeated, the paper's
 * accuracy formula (4), per-event precision and recall, the confusion matrix and the k sweep; and
 * the reader of the paper authors' published sequence files.
 */
package org.iotevent.evaluate;
