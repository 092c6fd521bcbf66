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
