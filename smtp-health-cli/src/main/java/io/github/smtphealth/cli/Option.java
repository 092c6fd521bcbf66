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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Every flag {@code smtp-check} knows: its short form (as {@code check_smtp} and
 * Mackerel's {@code check-smtp} spell it, where they agree), its long forms, and whether
 * it takes a value.
 */
enum Option {

	HOST('H', true, "host", "hostname"),

	PORT('p', true, "port"),

	HELO_NAME('F', true, "fqdn", "helo-name"),

	SMTPS('s', false, "smtps"),

	STARTTLS('S', false, "starttls"),

	AUTH_MECHANISM('A', true, "authtype", "authmech", "auth-mechanism"),

	USER('U', true, "authuser", "user"),

	PASSWORD('P', true, "authpass", "authpassword", "password"),

	PASSWORD_FILE(null, true, "password-file"),

	PASSWORD_ENV(null, true, "password-env"),

	WARNING('w', true, "warning"),

	CRITICAL('c', true, "critical"),

	TIMEOUT('t', true, "timeout"),

	LMTP('L', false, "lmtp"),

	MAIL_FROM('f', true, "from"),

	RCPT_TO(null, true, "rcpt"),

	CERTIFICATE_DAYS('D', true, "certificate"),

	IPV4('4', false, "use-ipv4"),

	IPV6('6', false, "use-ipv6"),

	CA_FILE(null, true, "ca-file"),

	CLIENT_CERT(null, true, "client-cert"),

	CLIENT_KEY(null, true, "client-key"),

	INSECURE(null, false, "insecure"),

	ALLOW_PLAINTEXT_AUTH(null, false, "allow-plaintext-auth"),

	/**
	 * Accepted for {@code check_smtp} compatibility: a bad QUIT never fails our probe
	 * anyway.
	 */
	IGNORE_QUIT_FAILURE('q', false, "ignore-quit-failure"),

	JSON(null, false, "json"),

	VERBOSE('v', false, "verbose"),

	HELP('h', false, "help"),

	VERSION('V', false, "version");

	private final @Nullable Character shortName;

	private final boolean takesValue;

	private final List<String> longNames;

	Option(@Nullable Character shortName, boolean takesValue, String... longNames) {
		this.shortName = shortName;
		this.takesValue = takesValue;
		this.longNames = List.of(longNames);
	}

	boolean takesValue() {
		return this.takesValue;
	}

	/**
	 * Return how the user is told about this option: {@code -H/--host}, or
	 * {@code --rcpt}.
	 */
	String displayName() {
		String longName = "--" + this.longNames.get(0);
		return (this.shortName != null) ? "-" + this.shortName + "/" + longName : longName;
	}

	static @Nullable Option ofShort(char name) {
		for (Option option : values()) {
			if (option.shortName != null && option.shortName == name) {
				return option;
			}
		}
		return null;
	}

	static @Nullable Option ofLong(String name) {
		for (Option option : values()) {
			if (option.longNames.contains(name)) {
				return option;
			}
		}
		return null;
	}

}
