package io.github.smtphealth.probe;

import java.nio.charset.StandardCharsets;

import javax.security.sasl.SaslClient;

/**
 * The {@code LOGIN} mechanism, which the JDK does not provide: the user name in answer to the first
 * challenge, the password in answer to the second.
 */
final class LoginSaslClient implements SaslClient {

	private final byte[] username;

	private final byte[] password;

	private int answered;

	LoginSaslClient(String username, String password) {
		this.username = username.getBytes(StandardCharsets.UTF_8);
		this.password = password.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String getMechanismName() {
		return "LOGIN";
	}

	@Override
	public boolean hasInitialResponse() {
		return false;
	}

	@Override
	public byte[] evaluateChallenge(byte[] challenge) {
		this.answered++;
		return switch (this.answered) {
			case 1 -> this.username.clone();
			case 2 -> this.password.clone();
			default -> new byte[0];
		};
	}

	@Override
	public boolean isComplete() {
		return this.answered >= 2;
	}

	@Override
	public byte[] unwrap(byte[] incoming, int offset, int length) {
		throw new IllegalStateException("LOGIN has no security layer");
	}

	@Override
	public byte[] wrap(byte[] outgoing, int offset, int length) {
		throw new IllegalStateException("LOGIN has no security layer");
	}

	@Override
	public Object getNegotiatedProperty(String propertyName) {
		throw new IllegalStateException("LOGIN negotiates nothing");
	}

	@Override
	public void dispose() {
		java.util.Arrays.fill(this.password, (byte) 0);
	}

}
