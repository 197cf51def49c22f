/**
 * Decodes a capture record's bytes layer by layer (link, network, transport) into a reusable
 * {@link org.iotevent.decode.DecodedPacket}, bounded at every layer by its declared length and by
 * the captured bytes.
 */
package org.iotevent.decode;
