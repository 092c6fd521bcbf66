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
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * The keys that are unset by default at the top level of {@code smtp.check} and under
 * each {@code smtp.check.servers.<name>} alike, as Boot's {@code HealthProperties} is
 * shared by the health endpoint and its groups. Which of them a named server inherits is
 * decided by {@link SmtpServerResolver} and said here per key.
 *
 * @since 0.1.0
 */
public abstract class AbstractSmtpServerProperties {

	/**
	 * Host name or IP address of the SMTP server. Not inherited by named servers; when
	 * unset at the top level, the check follows spring.mail.*.
	 */
	private @Nullable String host;

	/**
	 * Port of the SMTP server. Not inherited by named servers. Defaults to 25, or 465
	 * when security is smtps.
	 */
	private @Nullable Integer port;

	/**
	 * Name sent in EHLO, HELO or LHLO: a domain or an address literal. Defaults to the
	 * local host's canonical name. Inherited by named servers.
	 */
	private @Nullable String heloName;

	/**
	 * Recipient tested with RCPT TO. Not tested when unset. Not inherited by named
	 * servers.
	 */
	private @Nullable String rcptTo;

	/**
	 * Response time up to the end of RSET at or above which the status is DEGRADED.
	 * Inherited by named servers. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration warning;

	/**
	 * Response time up to the end of RSET at or above which the status is DOWN. Inherited
	 * by named servers. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration critical;

	/**
	 * Bound for each connection attempt, at most the timeout. Defaults to an equal share
	 * of the time left for each address. Inherited by named servers. A bare number is in
	 * seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration connectTimeout;

	/**
	 * End-to-end delivery check of this server (a probe message read back over IMAP). Its
	 * keys fall back as SmtpDeliveryResolver says.
	 */
	@NestedConfigurationProperty
	private @Nullable SmtpDeliveryProperties delivery;

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getHeloName() {
		return this.heloName;
	}

	public void setHeloName(@Nullable String heloName) {
		this.heloName = heloName;
	}

	public @Nullable String getRcptTo() {
		return this.rcptTo;
	}

	public void setRcptTo(@Nullable String rcptTo) {
		this.rcptTo = rcptTo;
	}

	public @Nullable Duration getWarning() {
		return this.warning;
	}

	public void setWarning(@Nullable Duration warning) {
		this.warning = warning;
	}

	public @Nullable Duration getCritical() {
		return this.critical;
	}

	public void setCritical(@Nullable Duration critical) {
		this.critical = critical;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable SmtpDeliveryProperties getDelivery() {
		return this.delivery;
	}

	public void setDelivery(@Nullable SmtpDeliveryProperties delivery) {
		this.delivery = delivery;
	}

}
