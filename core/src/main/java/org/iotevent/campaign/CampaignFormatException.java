package org.iotevent.campaign;

import java.io.IOException;

/** A campaign file that cannot be used: names the file, the field at fault and what was expected. */
public final class CampaignFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CampaignFormatException(String message) {
        super(message);
    }
}
