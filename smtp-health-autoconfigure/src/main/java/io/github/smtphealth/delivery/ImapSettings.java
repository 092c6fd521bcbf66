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

import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The IMAP mailbox a delivery check reads. {@link #toString()} never shows the password.
 *
 * @param host the IMAP server's host
 * @param port its port
 * @param security how the connection is protected
 * @param username the user to log in as
 * @param password the password
 * @param folder the folder the probe messages arrive in
 * @param socketFactory the TLS socket factory (trust and key material), or {@code null}
 * without TLS
 * @since 0.1.0
 */
public record ImapSettings(String host, int port, ImapSecurity security, String username, String password,
		String folder, @Nullable SSLSocketFactory socketFactory) {

	/**
	 * Create settings.
	 * @param host the host
	 * @param port the port
	 * @param security the security
	 * @param username the user name
	 * @param password the password
	 * @param folder the folder
	 * @param socketFactory the TLS socket factory, required unless {@code security} is
	 * {@code NONE}
	 */
	public ImapSettings {
		Objects.requireNonNull(host, "'host' must not be null");
		Objects.requireNonNull(password, "'password' must not be null");
		if (security != ImapSecurity.NONE) {
			Objects.requireNonNull(socketFactory, "'socketFactory' must not be null with TLS");
		}
	}

	@Override
	public String toString() {
		return "ImapSettings[" + this.username + "@" + this.host + ":" + this.port + " " + this.security + " "
				+ this.folder + ", password=******]";
	}

}
