package io.github.smtphealth.probe;

import java.nio.charset.StandardCharsets;

import javax.security.sasl.SaslClient;

/**
 * Google's and Microsoft's {@code XOAUTH2}: one initial response carrying the user and a bearer
 * token. If the server answers with a 334 error challenge, an empty response ends the exchange so
 * that the server sends its final 5xx.
 */
final class XOAuth2SaslClient implements SaslClient {

	private final byte[] initialResponse;

	private boolean sent;

	XOAuth2SaslClient(String username, String token) {
		this.initialResponse = ("user=" + username + "\u0001auth=Bearer " + token + "\u0001\u0001")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String getMechanismName() {
		return "XOAUTH2";
	}

	@Override
	public boolean hasInitialResponse() {
		return true;
	}

	@Override
	public byte[] evaluateChallenge(byte[] challenge) {
		if (this.sent) {
			return new byte[0];
		}
		this.sent = true;
		return this.initialResponse.clone();
	}

	@Override
	public boolean isComplete() {
		return this.sent;
	}

	@Override
	public byte[] unwrap(byte[] incoming, int offset, int length) {
		throw new IllegalStateException("XOAUTH2 has no security layer");
	}

	@Override
	public byte[] wrap(byte[] outgoing, int offset, int length) {
		throw new IllegalStateException("XOAUTH2 has no security layer");
	}

	@Override
	public Object getNegotiatedProperty(String propertyName) {
		throw new IllegalStateException("XOAUTH2 negotiates nothing");
	}

	@Override
	public void dispose() {
		java.util.Arrays.fill(this.initialResponse, (byte) 0);
	}

}
