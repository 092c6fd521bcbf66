package io.github.smtphealth.testsupport;

/**
 * A line that a {@link ScriptedSmtpServer} read from a client.
 *
 * @param connection the connection number, from 1 in accept order
 * @param tls whether the line came over TLS
 * @param text the line without its CRLF or LF
 * @since 0.1.0
 */
public record ReceivedLine(int connection, boolean tls, String text) {

}
