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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The client side of one SASL exchange. All four mechanisms are ours rather than the
 * JDK's {@code javax.security.sasl} clients: the JDK's CRAM-MD5 client logs its response
 * (a password-equivalent) at {@code FINE} through {@code java.util.logging}, which an
 * application that bridges JUL at DEBUG writes to its log. Ours log nothing and hold the
 * secret only as bytes they wipe.
 */
abstract sealed class SaslMechanism {

	private final String name;

	private int rounds;

	private SaslMechanism(String name) {
		this.name = name;
	}

	/**
	 * Create the mechanism for a SASL name.
	 * @param name the SASL name
	 * @param credentials the credentials
	 * @return the mechanism
	 * @throws IllegalArgumentException if the name is not one we support
	 */
	static SaslMechanism create(String name, SmtpCredentials credentials) {
		String password = (credentials.password() != null) ? credentials.password() : "";
		return switch (name) {
			case "PLAIN" -> new Plain(credentials.username(), password);
			case "LOGIN" -> new Login(credentials.username(), password);
			case "CRAM-MD5" -> new CramMd5(credentials.username(), password);
			case "XOAUTH2" -> new XOAuth2(credentials.username(), String.valueOf(credentials.token()));
			default -> throw new IllegalArgumentException("Unsupported SASL mechanism '" + name + "'");
		};
	}

	final String name() {
		return this.name;
	}

	/**
	 * Return the response sent with the {@code AUTH} command itself, if the mechanism has
	 * one.
	 * @return the initial response, or {@code null} to wait for a challenge
	 */
	byte @Nullable [] initialResponse() {
		return null;
	}

	/**
	 * Answer a {@code 334} challenge.
	 * @param challenge the decoded challenge
	 * @return the response
	 * @throws IllegalStateException if the exchange is already complete (a server error)
	 * @throws GeneralSecurityException if the JVM cannot compute the response
	 */
	final byte[] respond(byte[] challenge) throws GeneralSecurityException {
		this.rounds++;
		return respond(challenge, this.rounds);
	}

	abstract byte[] respond(byte[] challenge, int round) throws GeneralSecurityException;

	/**
	 * Wipe the secret.
	 */
	abstract void dispose();

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * {@code PLAIN} (RFC 4616): the whole answer in the initial response, no
	 * authorization identity.
	 */
	static final class Plain extends SaslMechanism {

		private final byte[] response;

		Plain(String username, String password) {
			super("PLAIN");
			this.response = utf8("\u0000" + username + "\u0000" + password);
		}

		@Override
		byte[] initialResponse() {
			return this.response.clone();
		}

		@Override
		byte[] respond(byte[] challenge, int round) {
			throw new IllegalStateException("PLAIN is complete after its initial response");
		}

		@Override
		void dispose() {
			Arrays.fill(this.response, (byte) 0);
		}

	}

	/**
	 * The non-standard {@code LOGIN}: the user name in answer to the first challenge, the
	 * password in answer to the second, empty answers after that.
	 */
	static final class Login extends SaslMechanism {

		private final byte[] username;

		private final byte[] password;

		Login(String username, String password) {
			super("LOGIN");
			this.username = utf8(username);
			this.password = utf8(password);
		}

		@Override
		byte[] respond(byte[] challenge, int round) {
			return switch (round) {
				case 1 -> this.username.clone();
				case 2 -> this.password.clone();
				default -> new byte[0];
			};
		}

		@Override
		void dispose() {
			Arrays.fill(this.password, (byte) 0);
		}

	}

	/**
	 * {@code CRAM-MD5} (RFC 2195): the user name, a space and the lowercase hex HMAC-MD5
	 * of the challenge keyed with the password.
	 */
	static final class CramMd5 extends SaslMechanism {

		private final String username;

		private final byte[] key;

		CramMd5(String username, String password) {
			super("CRAM-MD5");
			this.username = username;
			this.key = utf8(password);
		}

		@Override
		byte[] respond(byte[] challenge, int round) throws GeneralSecurityException {
			if (round > 1) {
				throw new IllegalStateException("CRAM-MD5 is complete after one response");
			}
			Mac mac = Mac.getInstance("HmacMD5");
			mac.init(new SecretKeySpec(this.key, "HmacMD5"));
			return utf8(this.username + " " + HexFormat.of().formatHex(mac.doFinal(challenge)));
		}

		@Override
		void dispose() {
			Arrays.fill(this.key, (byte) 0);
		}

	}

	/**
	 * Google's and Microsoft's {@code XOAUTH2}: one initial response carrying the user
	 * and a bearer token. A {@code 334} error challenge gets an empty answer so that the
	 * server sends its final 5xx.
	 */
	static final class XOAuth2 extends SaslMechanism {

		private final byte[] response;

		XOAuth2(String username, String token) {
			super("XOAUTH2");
			this.response = utf8(payload(username, token));
		}

		static String payload(String username, String token) {
			return "user=" + username + "\u0001auth=Bearer " + token + "\u0001\u0001";
		}

		@Override
		byte[] initialResponse() {
			return this.response.clone();
		}

		@Override
		byte[] respond(byte[] challenge, int round) {
			return new byte[0];
		}

		@Override
		void dispose() {
			Arrays.fill(this.response, (byte) 0);
		}

	}

}
