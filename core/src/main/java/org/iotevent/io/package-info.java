/**
 * Files the tool writes, below every other package: an output appears whole or not at all, never
 * replaces a device node, a FIFO or an input being read, and temporary files a killed run left
 * are removed by the next run to the same output.
 */
package org.iotevent.io;
