package io.github.smtphealth.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Masks a password in text, also in the encodings IMAP and SMTP use for it (Base64).
 */
final class Secrets {

	static final String MASK = "******";

	private Secrets() {
	}

	static String mask(String text, String secret) {
		if (secret.length() < 3) {
			return text;
		}
		String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
		return text.replace(secret, MASK).replace(base64, MASK);
	}

}
