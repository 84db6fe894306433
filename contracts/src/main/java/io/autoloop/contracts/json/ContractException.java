package io.autoloop.contracts.json;

import org.apache.kafka.common.errors.SerializationException;

/** A record that does not meet its wire contract: the message names the field and the problem. */
public class ContractException extends SerializationException {

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
