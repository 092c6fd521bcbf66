package io.github.smtphealth.probe;

import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * Runs SMTP AUTH (RFC 4954): picks the mechanism, then drives a {@link SaslClient} through
 * {@code 334} challenges until the server's final reply. PLAIN and CRAM-MD5 come from the JDK's SASL
 * provider; LOGIN and XOAUTH2 are our own.
 */
final class SmtpAuthenticator {

	private static final int MAX_ROUNDS = 5;

	private final SmtpCredentials credentials;

	private final SecretRedactor redactor;

	SmtpAuthenticator(SmtpCredentials credentials, SecretRedactor redactor) {
		this.credentials = credentials;
		this.redactor = redactor;
	}

	/**
	 * Choose the mechanism to use.
	 * @param requested the configured mechanism
	 * @param offered the mechanisms the server advertised, upper case
	 * @return the mechanism's SASL name
	 * @throws ProbeException if the server offers no usable mechanism
	 */
	static String choose(AuthMechanism requested, Set<String> offered) throws ProbeException {
		if (offered.isEmpty()) {
			throw new ProbeException(Phase.AUTH, FailureKind.REJECTED, null, "AUTH not advertised by server");
		}
		if (requested != AuthMechanism.AUTO) {
			String name = requested.requiredSaslName();
			if (!offered.contains(name)) {
				throw new ProbeException(Phase.AUTH, FailureKind.REJECTED, null,
						"AUTH " + name + " not offered by server (it offers " + String.join(" ", new TreeSet<>(offered))
								+ ")");
			}
			return name;
		}
		for (AuthMechanism candidate : AuthMechanism.AUTO_PREFERENCE) {
			String name = candidate.requiredSaslName();
			if (offered.contains(name)) {
				return name;
			}
		}
		throw new ProbeException(Phase.AUTH, FailureKind.REJECTED, null,
				"no AUTH mechanism in common (server offers " + String.join(" ", new TreeSet<>(offered))
						+ "; supported: CRAM-MD5 PLAIN LOGIN, and XOAUTH2 when configured)");
	}

	/**
	 * Authenticate with the chosen mechanism; returns on {@code 235}.
	 * @param connection the connection
	 * @param mechanism the SASL name
	 * @param serverName the server's host name, for the SASL client
	 * @throws ProbeException if the server rejects the credentials or the exchange breaks
	 */
	void authenticate(SmtpConnection connection, String mechanism, String serverName) throws ProbeException {
		SaslClient client = createClient(mechanism, serverName);
		try {
			String command = "AUTH " + mechanism;
			if (client.hasInitialResponse()) {
				command += " " + encode(client.evaluateChallenge(new byte[0]));
			}
			SmtpReply reply = connection.exchangeSecret(Phase.AUTH, command, "AUTH " + mechanism);
			for (int round = 0; reply.is(SmtpReply.AUTH_CONTINUE); round++) {
				if (round == MAX_ROUNDS) {
					throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, reply.code(),
							"AUTH " + mechanism + " did not finish after " + MAX_ROUNDS + " challenges");
				}
				byte[] response = evaluate(client, decodeChallenge(reply, mechanism), reply, mechanism);
				reply = connection.exchangeSecret(Phase.AUTH, encode(response), "AUTH " + mechanism + " data");
			}
			if (!reply.is(SmtpReply.AUTH_SUCCEEDED)) {
				throw ProbeException.rejected(Phase.AUTH, "AUTH", reply);
			}
		}
		catch (SaslException ex) {
			throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, null,
					"AUTH " + mechanism + " failed on the client side: " + ex.getMessage());
		}
		finally {
			disposeQuietly(client);
		}
	}

	/**
	 * The JDK's clients throw {@link IllegalStateException} when challenged after they finished: a
	 * server error, not ours.
	 */
	private static byte[] evaluate(SaslClient client, byte[] challenge, SmtpReply reply, String mechanism)
			throws SaslException, ProbeException {
		try {
			return client.evaluateChallenge(challenge);
		}
		catch (IllegalStateException ex) {
			throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, reply.code(),
					"AUTH " + mechanism + " challenged again after the exchange was complete");
		}
	}

	private String encode(byte[] response) {
		String encoded = Base64.getEncoder().encodeToString(response);
		this.redactor.add(encoded);
		return encoded;
	}

	private static byte[] decodeChallenge(SmtpReply reply, String mechanism) throws ProbeException {
		try {
			return Base64.getMimeDecoder().decode(reply.firstLine().strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, reply.code(),
					"AUTH " + mechanism + " challenge is not base64");
		}
	}

	private SaslClient createClient(String mechanism, String serverName) throws ProbeException {
		String username = this.credentials.username();
		String password = (this.credentials.password() != null) ? this.credentials.password() : "";
		switch (mechanism) {
			case "LOGIN":
				return new LoginSaslClient(username, password);
			case "XOAUTH2":
				return new XOAuth2SaslClient(username, String.valueOf(this.credentials.token()));
			default:
				try {
					SaslClient client = Sasl.createSaslClient(new String[] { mechanism }, null, "smtp", serverName,
							Map.of(), (callbacks) -> supply(callbacks, username, password));
					if (client != null) {
						return client;
					}
				}
				catch (SaslException ex) {
					// Reported below without the exception, whose text is the provider's.
				}
				throw new ProbeException(Phase.AUTH, FailureKind.POLICY, null,
						"AUTH " + mechanism + " is not available in this JVM");
		}
	}

	private static void supply(Callback[] callbacks, String username, String password)
			throws UnsupportedCallbackException {
		for (Callback callback : callbacks) {
			if (callback instanceof NameCallback name) {
				name.setName(username);
			}
			else if (callback instanceof PasswordCallback passwordCallback) {
				passwordCallback.setPassword(password.toCharArray());
			}
			else {
				throw new UnsupportedCallbackException(callback);
			}
		}
	}

	private static void disposeQuietly(SaslClient client) {
		try {
			client.dispose();
		}
		catch (SaslException ex) {
			// Nothing left to release.
		}
	}


}
