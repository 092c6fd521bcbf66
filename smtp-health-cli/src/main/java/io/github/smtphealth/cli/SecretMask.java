package io.github.smtphealth.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last line of defence: every line {@code smtp-check} writes passes through here, and the
 * password (or token), plain or base64, is masked wherever it appears. The probe already keeps
 * secrets out of its results; this also covers text from the JVM, such as an unexpected exception.
 */
final class SecretMask {

	static final String MASK = "******";

	private final List<String> secrets;

	SecretMask(@Nullable String secret) {
		this.secrets = (secret == null || secret.isEmpty()) ? List.of()
				: List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
	}

	String apply(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

}
