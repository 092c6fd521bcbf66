package io.github.smtphealth.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Removes the probe's secrets from any text it keeps, in case a hostile server echoes them back: the
 * password, the token, and every base64 payload sent during AUTH.
 */
final class SecretRedactor {

	static final String MASK = "******";

	private static final int MIN_SECRET_LENGTH = 3;

	private final List<String> secrets = new ArrayList<>();

	SecretRedactor(@Nullable SmtpCredentials credentials) {
		if (credentials != null) {
			add(credentials.password());
			add(credentials.token());
			addPayloadsOf(credentials);
		}
	}

	/**
	 * The PLAIN and XOAUTH2 payloads are known before AUTH runs; a server that learned them on an
	 * earlier connection could replay them in its greeting or EHLO reply.
	 */
	private void addPayloadsOf(SmtpCredentials credentials) {
		String username = credentials.username();
		if (credentials.password() != null) {
			addEncoded("\u0000" + username + "\u0000" + credentials.password());
		}
		if (credentials.token() != null) {
			addEncoded("user=" + username + "\u0001auth=Bearer " + credentials.token() + "\u0001\u0001");
		}
	}

	private void addEncoded(String payload) {
		add(Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Treat a text as secret from now on, together with its base64 form.
	 * @param secret the secret, ignored when {@code null} or too short to matter
	 */
	synchronized void add(@Nullable String secret) {
		if (secret != null && secret.length() >= MIN_SECRET_LENGTH && !this.secrets.contains(secret)) {
			byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
			this.secrets.add(secret);
			this.secrets.add(Base64.getEncoder().encodeToString(utf8));
			// Replies are decoded byte for byte, so a non-ASCII secret comes back as its UTF-8 bytes.
			String asReceived = new String(utf8, StandardCharsets.ISO_8859_1);
			if (!asReceived.equals(secret)) {
				this.secrets.add(asReceived);
			}
		}
	}

	/**
	 * Return the text with every secret masked, made printable.
	 * @param text the text
	 * @return the cleaned text
	 */
	synchronized String clean(String text) {
		return Texts.printable(mask(text));
	}

	/**
	 * Return the text with every secret masked, otherwise unchanged.
	 * @param text the text
	 * @return the masked text
	 */
	synchronized String mask(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

}
