/**
 * Measures what an eavesdropper reads: one prediction per sample (out of fold from splits grouped
 * by trigger, or a signature on another session) read per event and per trigger (events read,
 * false alarms, recall and precision, verdicts per event and per pair with exact intervals against
 * chance); then the paper's accuracy formula (4) over repeated seeded stratified splits, the
 * confusion matrix and the k sweep; and the reader of the paper authors' published sequence files.
 */
package org.iotevent.evaluate;
