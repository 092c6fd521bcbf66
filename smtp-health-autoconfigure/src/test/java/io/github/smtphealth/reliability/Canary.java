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

package io.github.smtphealth.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The canary secrets and every form in which they go on the wire: if any of these texts
 * shows up where a person or a scraper can read it, a secret leaked.
 */
final class Canary {

	static final String USERNAME = "canary-user";

	static final String PASSWORD = "canary-P4ssw0rd-7f3a";

	static final String TOKEN = "canary-T0ken-9c1e";

	/**
	 * The XOAUTH2 initial response the probe sends for {@link #USERNAME} and
	 * {@link #TOKEN}.
	 */
	static final String XOAUTH2_RESPONSE = Scripts
		.base64("user=" + USERNAME + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001");

	static final String PLAIN_RESPONSE = Scripts.plainResponse(USERNAME, PASSWORD);

	/**
	 * The CRAM-MD5 challenge of {@link CanaryScenarios}.
	 */
	static final String CRAM_MD5_CHALLENGE = "<1896.697170952@hostile.test>";

	/**
	 * The CRAM-MD5 digest of {@link #CRAM_MD5_CHALLENGE} keyed with {@link #PASSWORD}:
	 * whoever reads it can test passwords offline.
	 */
	static final String CRAM_MD5_DIGEST = hmacMd5(PASSWORD, CRAM_MD5_CHALLENGE);

	private Canary() {
	}

	/**
	 * Return the texts that must never appear: the password and the token, their base64
	 * (with and without padding) and hex, the base64 AUTH payloads that carry them, and
	 * the CRAM-MD5 digest.
	 * @return the texts
	 */
	static List<String> forms() {
		return Stream
			.of(PASSWORD, TOKEN, Scripts.base64(PASSWORD), Scripts.base64(TOKEN), unpadded(PASSWORD), unpadded(TOKEN),
					hex(PASSWORD), hex(TOKEN), PLAIN_RESPONSE, unpaddedBase64(PLAIN_RESPONSE), XOAUTH2_RESPONSE,
					unpaddedBase64(XOAUTH2_RESPONSE), CRAM_MD5_DIGEST, Scripts.base64(USERNAME + " " + CRAM_MD5_DIGEST))
			.distinct()
			.toList();
	}

	static String unpadded(String text) {
		return Base64.getEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static String hex(String text) {
		return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String unpaddedBase64(String base64) {
		return base64.replace("=", "");
	}

	private static String hmacMd5(String key, String challenge) {
		try {
			Mac mac = Mac.getInstance("HmacMD5");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
			return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
