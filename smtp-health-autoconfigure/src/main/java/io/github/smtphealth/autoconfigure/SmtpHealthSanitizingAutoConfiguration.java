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

package io.github.smtphealth.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a {@link SanitizingFunction} that
 * masks the health check's secrets ({@code smtp.check.auth.password},
 * {@code smtp.check.auth.token}, the delivery check's
 * {@code smtp.check.delivery.imap.password} and the same keys under
 * {@code smtp.check.servers.<name>}) in the {@code env} and {@code configprops}
 * endpoints, even when an operator sets {@code show-values: always}; also when they were
 * given as command-line arguments, in the {@code sun.java.command} system property that
 * {@code env} lists. Boot masks its own keys the same way.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SmtpHealthSanitizingAutoConfiguration {

	/**
	 * Our secret keys, once the key is in canonical form (see
	 * {@link #canonical(String)}).
	 */
	private static final Pattern SECRET_KEY = Pattern
		.compile("smtp\\.check\\.(servers\\..+\\.)?(auth\\.(password|token)|delivery\\.imap\\.password)");

	/**
	 * One of our secrets given as a command-line argument
	 * ({@code --smtp.check.auth.password=...}), as it appears in the JVM's
	 * {@code sun.java.command} system property, which {@code env} shows.
	 */
	private static final Pattern SECRET_ARGUMENT = Pattern
		.compile("((?i)smtp[._]check[._]\\S*?(?:password|token)=)\\S*");

	SmtpHealthSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "smtpCheckSanitizingFunction")
	SanitizingFunction smtpCheckSanitizingFunction() {
		return SmtpHealthSanitizingAutoConfiguration::sanitize;
	}

	private static SanitizableData sanitize(SanitizableData data) {
		if (isSecret(data.getKey())) {
			return data.withSanitizedValue();
		}
		if ("sun.java.command".equals(data.getKey()) && data.getValue() instanceof String command) {
			return data.withValue(SECRET_ARGUMENT.matcher(command).replaceAll("$1" + SanitizableData.SANITIZED_VALUE));
		}
		return data;
	}

	/**
	 * Return whether a key, as {@code env} or {@code configprops} shows it, is one of our
	 * secrets.
	 * @param key the key, for example {@code smtp.check.servers[relay].auth.token} or
	 * {@code SMTP_CHECK_AUTH_PASSWORD}
	 * @return {@code true} to mask its value
	 */
	static boolean isSecret(String key) {
		return SECRET_KEY.matcher(canonical(key)).matches();
	}

	/**
	 * Lower case, without dashes, with indexes and (in an environment variable's name)
	 * underscores turned into dots.
	 */
	private static String canonical(String key) {
		String name = key.toLowerCase(Locale.ROOT);
		if (name.indexOf('.') < 0) {
			name = name.replace('_', '.');
		}
		return name.replace("-", "").replace("[", ".").replace("]", "").replace("..", ".");
	}

}
