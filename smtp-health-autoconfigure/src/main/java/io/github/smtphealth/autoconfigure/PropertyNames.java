package io.github.smtphealth.autoconfigure;

import java.util.Map;

/**
 * Says under which full property name a server's key was configured, so that an error names the
 * property the user actually wrote.
 */
@FunctionalInterface
interface PropertyNames {

	/**
	 * Return the full name of a key.
	 * @param key a key relative to one server, such as {@code auth.username}
	 * @return the full property name, such as {@code smtp.check.auth.username}
	 */
	String of(String key);

	static PropertyNames under(String prefix) {
		return (key) -> prefix + "." + key;
	}

	/**
	 * Names for the server taken from {@code spring.mail.*}: its connection keys come from there, every
	 * other key from {@code smtp.check}.
	 */
	static PropertyNames springMail() {
		Map<String, String> fromMail = Map.of("host", "spring.mail.host", "port", "spring.mail.port", "auth.username",
				"spring.mail.username", "auth.password", "spring.mail.password", "tls.bundle", "spring.mail.ssl.bundle");
		return (key) -> fromMail.getOrDefault(key, SmtpServerResolver.PREFIX + "." + key);
	}

}
