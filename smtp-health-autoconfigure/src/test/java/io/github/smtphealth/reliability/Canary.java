package io.github.smtphealth.reliability;

import java.util.List;

/**
 * The canary secrets and every form in which they go on the wire: if any of these texts shows up
 * where a person or a scraper can read it, a secret leaked.
 */
final class Canary {

	static final String USERNAME = "canary-user";

	static final String PASSWORD = "canary-P4ssw0rd-7f3a";

	static final String TOKEN = "canary-T0ken-9c1e";

	/**
	 * The XOAUTH2 initial response the probe sends for {@link #USERNAME} and {@link #TOKEN}.
	 */
	static final String XOAUTH2_RESPONSE = Scripts
		.base64("user=" + USERNAME + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001");

	static final String PLAIN_RESPONSE = Scripts.plainResponse(USERNAME, PASSWORD);

	private Canary() {
	}

	/**
	 * Return the texts that must never appear: the password and the token, their base64, and the
	 * base64 AUTH payloads that carry them.
	 * @return the texts
	 */
	static List<String> forms() {
		return List.of(PASSWORD, TOKEN, Scripts.base64(PASSWORD), Scripts.base64(TOKEN), PLAIN_RESPONSE,
				XOAUTH2_RESPONSE);
	}

}
