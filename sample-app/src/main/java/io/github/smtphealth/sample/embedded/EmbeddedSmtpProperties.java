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

package io.github.smtphealth.sample.embedded;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the sample's embedded SMTP server
 * ({@code sample.embedded-smtp.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(EmbeddedSmtpProperties.PREFIX)
public class EmbeddedSmtpProperties {

	/**
	 * Prefix of these properties.
	 */
	public static final String PREFIX = "sample.embedded-smtp";

	/**
	 * Whether to start an SMTP server on the loopback interface and point smtp.check.* at
	 * it. When false, the sample checks the server that smtp.check.* names.
	 */
	private boolean enabled = true;

	/**
	 * Port of the embedded SMTP server. Zero picks a free port.
	 */
	private int port;

	/**
	 * User name the embedded server accepts for AUTH PLAIN and LOGIN.
	 */
	private String username = "demo";

	/**
	 * Password the embedded server accepts for AUTH PLAIN and LOGIN.
	 */
	private String password = "demo-password";

	/**
	 * How long the embedded server waits before its greeting, to slow the check down on
	 * purpose.
	 */
	private Duration greetingDelay = Duration.ZERO;

	/**
	 * Whether to keep what the embedded server accepts in an embedded IMAP mailbox
	 * (GreenMail) and turn the delivery check (smtp.check.delivery.*) on against it.
	 */
	private boolean delivery;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, "'port' must be between 0 and 65535");
		this.port = port;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		Assert.hasText(username, "'username' must not be empty");
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		Assert.hasText(password, "'password' must not be empty");
		this.password = password;
	}

	public Duration getGreetingDelay() {
		return this.greetingDelay;
	}

	public void setGreetingDelay(Duration greetingDelay) {
		Assert.isTrue(!greetingDelay.isNegative(),
				() -> "'greeting-delay' must not be negative but was " + greetingDelay);
		this.greetingDelay = greetingDelay;
	}

	public boolean isDelivery() {
		return this.delivery;
	}

	public void setDelivery(boolean delivery) {
		this.delivery = delivery;
	}

}
