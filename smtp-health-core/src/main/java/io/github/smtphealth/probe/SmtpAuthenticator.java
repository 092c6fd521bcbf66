/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.probe;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs SMTP AUTH (RFC 4954): picks the mechanism, then drives a {@link SaslMechanism}
 * through {@code 334} challenges until the server's final reply. Every response is
 * registered with the {@link SecretRedactor} before it is sent, so that an echo of it is
 * masked wherever it turns up.
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
				throw new ProbeException(Phase.AUTH, FailureKind.REJECTED, null, "AUTH " + name
						+ " not offered by server (it offers " + String.join(" ", new TreeSet<>(offered)) + ")");
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
	 * @param mechanismName the SASL name
	 * @throws ProbeException if the server rejects the credentials or the exchange breaks
	 */
	void authenticate(SmtpConnection connection, String mechanismName) throws ProbeException {
		SaslMechanism mechanism = SaslMechanism.create(mechanismName, this.credentials);
		try {
			String command = "AUTH " + mechanismName;
			byte[] initial = mechanism.initialResponse();
			if (initial != null) {
				command += " " + encode(initial);
			}
			SmtpReply reply = connection.exchangeSecret(Phase.AUTH, command, "AUTH " + mechanismName);
			for (int round = 0; reply.is(SmtpReply.AUTH_CONTINUE); round++) {
				if (round == MAX_ROUNDS) {
					throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, reply.code(),
							"AUTH " + mechanismName + " did not finish after " + MAX_ROUNDS + " challenges");
				}
				byte[] response = respond(mechanism, decodeChallenge(reply, mechanismName), reply);
				reply = connection.exchangeSecret(Phase.AUTH, encode(response), "AUTH " + mechanismName + " data");
			}
			if (!reply.is(SmtpReply.AUTH_SUCCEEDED)) {
				throw new ProbeException(Phase.AUTH, FailureKind.REJECTED, reply.code(),
						"AUTH rejected: " + this.redactor.authReply(reply));
			}
		}
		finally {
			mechanism.dispose();
		}
	}

	/**
	 * A mechanism challenged after it finished is a server error, not ours.
	 */
	private static byte[] respond(SaslMechanism mechanism, byte[] challenge, SmtpReply reply) throws ProbeException {
		try {
			return mechanism.respond(challenge);
		}
		catch (IllegalStateException ex) {
			throw new ProbeException(Phase.AUTH, FailureKind.PROTOCOL, reply.code(),
					"AUTH " + mechanism.name() + " challenged again after the exchange was complete");
		}
		catch (GeneralSecurityException ex) {
			throw new ProbeException(Phase.AUTH, FailureKind.POLICY, null,
					"AUTH " + mechanism.name() + " is not available in this JVM");
		}
	}

	private String encode(byte[] response) {
		this.redactor.addResponse(response);
		return Base64.getEncoder().encodeToString(response);
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

}
