/**
 * The command line: picocli commands over the core packages. The only layer that prints, reads
 * standard input or chooses exit codes.
 */
package org.iotevent.cli;
