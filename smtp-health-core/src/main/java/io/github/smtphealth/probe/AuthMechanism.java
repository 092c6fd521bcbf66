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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * SASL mechanism used for SMTP AUTH (RFC 4954).
 *
 * @since 0.1.0
 */
public enum AuthMechanism {

	/**
	 * The strongest mechanism both sides support: CRAM-MD5, then PLAIN, then LOGIN.
	 * XOAUTH2 is never chosen automatically.
	 */
	AUTO(null),

	/**
	 * {@code PLAIN} (RFC 4616).
	 */
	PLAIN("PLAIN"),

	/**
	 * The non-standard but ubiquitous {@code LOGIN}.
	 */
	LOGIN("LOGIN"),

	/**
	 * {@code CRAM-MD5} (RFC 2195): the password itself never crosses the wire.
	 */
	CRAM_MD5("CRAM-MD5"),

	/**
	 * {@code XOAUTH2} with a bearer token (Google and Microsoft relays).
	 */
	XOAUTH2("XOAUTH2");

	/**
	 * Preference order of {@link #AUTO}, strongest first.
	 */
	static final List<AuthMechanism> AUTO_PREFERENCE = List.of(CRAM_MD5, PLAIN, LOGIN);

	private final @Nullable String saslName;

	AuthMechanism(@Nullable String saslName) {
		this.saslName = saslName;
	}

	/**
	 * Return the name of the mechanism on the wire.
	 * @return the SASL name, or {@code null} for {@link #AUTO}
	 */
	public @Nullable String saslName() {
		return this.saslName;
	}

	/**
	 * Return the name on the wire of a mechanism other than {@link #AUTO}.
	 * @return the SASL name
	 * @throws IllegalStateException for {@link #AUTO}, which names no mechanism of its
	 * own
	 */
	String requiredSaslName() {
		if (this.saslName == null) {
			throw new IllegalStateException(name() + " has no SASL name: resolve it to a mechanism first");
		}
		return this.saslName;
	}

}
