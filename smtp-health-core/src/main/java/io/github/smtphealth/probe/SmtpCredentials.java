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

package io.github.smtphealth.probe;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Credentials for SMTP AUTH. The secrets are never part of {@link #toString()}.
 *
 * @param username the user name
 * @param password the password, for every mechanism but XOAUTH2
 * @param token the OAuth 2 bearer token, for XOAUTH2
 * @since 0.1.0
 */
public record SmtpCredentials(String username, @Nullable String password, @Nullable String token) {

	/**
	 * Create credentials, checking that the user name is usable on the wire.
	 * @param username the user name
	 * @param password the password, for every mechanism but XOAUTH2
	 * @param token the OAuth 2 bearer token, for XOAUTH2
	 */
	public SmtpCredentials {
		Objects.requireNonNull(username, "'username' must not be null");
		if (username.isEmpty() || containsControlCharacter(username)) {
			throw new IllegalArgumentException("'username' must be non-empty and free of control characters");
		}
	}

	/**
	 * Create credentials with a password.
	 * @param username the user name
	 * @param password the password
	 * @return the credentials
	 */
	public static SmtpCredentials ofPassword(String username, String password) {
		return new SmtpCredentials(username, password, null);
	}

	/**
	 * Create credentials with an OAuth 2 bearer token, for XOAUTH2.
	 * @param username the user name
	 * @param token the token
	 * @return the credentials
	 */
	public static SmtpCredentials ofToken(String username, String token) {
		return new SmtpCredentials(username, null, token);
	}

	private static boolean containsControlCharacter(String value) {
		return value.chars().anyMatch((c) -> c < 0x20 || c == 0x7f);
	}

	@Override
	public String toString() {
		return "SmtpCredentials[username=" + this.username + ", password=" + mask(this.password) + ", token="
				+ mask(this.token) + "]";
	}

	private static String mask(@Nullable String secret) {
		return (secret != null) ? "******" : "none";
	}

}
