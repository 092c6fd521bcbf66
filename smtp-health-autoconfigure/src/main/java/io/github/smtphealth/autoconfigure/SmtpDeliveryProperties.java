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

import java.time.Duration;

import io.github.smtphealth.delivery.ImapSecurity;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one server's end-to-end delivery check ({@code smtp.check.delivery.*} and
 * {@code smtp.check.servers.<name>.delivery.*}): a probe message sent through the server
 * and read back from an IMAP mailbox. Every value is nullable;
 * {@link SmtpDeliveryResolver} applies the defaults and the fallbacks and validates them
 * (a named server takes interval, timeout, warning, critical, imap.security and
 * imap.folder from the top level when it does not set them; enabled, to and the mailbox's
 * host, port, username, password, allow-plaintext and tls.bundle are its own).
 *
 * @param enabled Whether to check delivery end to end: send a probe message and read it
 * back over IMAP. Off by default.
 * @param to Address that receives the probe messages; the IMAP mailbox must be where they
 * land.
 * @param interval Pause between two delivery checks. Defaults to 5 minutes; at least 1
 * minute.
 * @param timeout How long to wait for the probe message to arrive. Defaults to 2 minutes.
 * @param warning Delivery time above which the check is DEGRADED.
 * @param critical Delivery time above which the check is DOWN.
 * @param imap The IMAP mailbox the probe messages are read from.
 * @since 0.1.0
 */
public record SmtpDeliveryProperties(@Nullable Boolean enabled, @Nullable String to, @Nullable Duration interval,
		@Nullable Duration timeout, @Nullable Duration warning, @Nullable Duration critical, @Nullable Imap imap) {

	/**
	 * The IMAP mailbox the probe messages are read from.
	 *
	 * @param host Host name or IP address of the IMAP server.
	 * @param port Port of the IMAP server. Defaults to 993 for imaps, 143 otherwise.
	 * @param security How the IMAP connection is protected: none, starttls or imaps.
	 * Defaults to imaps.
	 * @param username User name to log in to the IMAP server.
	 * @param password Password to log in to the IMAP server.
	 * @param folder Folder the probe messages arrive in. Defaults to INBOX.
	 * @param allowPlaintext Whether the IMAP password may be sent without TLS (security
	 * none). Off by default.
	 * @param tls TLS of the IMAP connection; the chain and the host name are always
	 * verified.
	 */
	public record Imap(@Nullable String host, @Nullable Integer port, @Nullable ImapSecurity security,
			@Nullable String username, @Nullable String password, @Nullable String folder,
			@Nullable Boolean allowPlaintext, @Nullable Tls tls) {

		@Override
		public String toString() {
			return "Imap[" + this.username + "@" + this.host + ":" + this.port + ", password=******]";
		}

	}

	/**
	 * TLS of the IMAP connection.
	 *
	 * @param bundle Name of the SSL bundle (spring.ssl.bundle.*) with the trust material
	 * for the IMAP server. Defaults to the SMTP server's tls.bundle.
	 */
	public record Tls(@Nullable String bundle) {
	}

}
