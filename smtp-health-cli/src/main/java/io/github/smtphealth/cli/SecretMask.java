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

package io.github.smtphealth.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last line of defence: every line {@code smtp-check} writes passes through here, and
 * the password (or token), plain or base64, is masked wherever it appears. The probe
 * already keeps secrets out of its results; this also covers text from the JVM, such as
 * an unexpected exception.
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
