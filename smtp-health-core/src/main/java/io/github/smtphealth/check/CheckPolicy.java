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

package io.github.smtphealth.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.smtphealth.probe.ChainCertificate;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.TlsInfo;
import org.jspecify.annotations.Nullable;

/**
 * The thresholds that turn a probe result into UP, DEGRADED or DOWN, as
 * {@code check_smtp}'s {@code -w}, {@code -c} and {@code -D warn,crit} do.
 *
 * @param warning response time up to the end of RSET at or above which the server is
 * DEGRADED, or {@code null}; the QUIT exchange is timed and reported but never judged
 * @param critical response time up to the end of RSET at or above which the server is
 * DOWN, or {@code null}
 * @param expiryWarning lifetime left, of the chain's first certificate to expire, below
 * which the server is DEGRADED; zero to ignore
 * @param expiryCritical lifetime left, of the chain's first certificate to expire, below
 * which the server is DOWN; zero to ignore (an expired certificate is always DOWN)
 * @since 0.1.0
 */
public record CheckPolicy(@Nullable Duration warning, @Nullable Duration critical, Duration expiryWarning,
		Duration expiryCritical) {

	/**
	 * No response-time thresholds, DEGRADED 14 days before the certificate expires.
	 */
	public static final CheckPolicy DEFAULT = new CheckPolicy(null, null, Duration.ofDays(14), Duration.ZERO);

	/**
	 * Create a policy.
	 * @param warning response time for DEGRADED, or {@code null}
	 * @param critical response time for DOWN, or {@code null}
	 * @param expiryWarning certificate lifetime left for DEGRADED
	 * @param expiryCritical certificate lifetime left for DOWN
	 */
	public CheckPolicy {
		Objects.requireNonNull(expiryWarning, "'expiryWarning' must not be null");
		Objects.requireNonNull(expiryCritical, "'expiryCritical' must not be null");
	}

	/**
	 * Judge a probe result.
	 * @param result the result
	 * @param now the current time, for certificate expiry
	 * @return the verdict
	 */
	public CheckVerdict evaluate(SmtpProbeResult result, Instant now) {
		ProbeFailure failure = result.failure();
		if (failure != null) {
			return new CheckVerdict(CheckStatus.DOWN, failure.reason());
		}
		List<String> down = new ArrayList<>();
		List<String> degraded = new ArrayList<>();
		judgeResponseTime(result.conversation(), down, degraded);
		TlsInfo tls = result.tls();
		if (tls != null) {
			judgeExpiry(tls, now, down, degraded);
		}
		if (!down.isEmpty()) {
			return new CheckVerdict(CheckStatus.DOWN, String.join("; ", down));
		}
		if (!degraded.isEmpty()) {
			return new CheckVerdict(CheckStatus.DEGRADED, String.join("; ", degraded));
		}
		return CheckVerdict.UP;
	}

	private void judgeResponseTime(Duration total, List<String> down, List<String> degraded) {
		if (this.critical != null && total.compareTo(this.critical) >= 0) {
			down.add("response time " + total.toMillis() + " ms is at or above the critical threshold of "
					+ this.critical.toMillis() + " ms");
		}
		else if (this.warning != null && total.compareTo(this.warning) >= 0) {
			degraded.add("response time " + total.toMillis() + " ms is at or above the warning threshold of "
					+ this.warning.toMillis() + " ms");
		}
	}

	/**
	 * Expiry is the chain's: the certificate that expires first, named when it is not the
	 * leaf.
	 */
	private void judgeExpiry(TlsInfo tls, Instant now, List<String> down, List<String> degraded) {
		ChainCertificate first = tls.expiresFirst();
		String which = (first.position() == 1 && first.presented()) ? first.describe()
				: first.describe() + " (" + first.subject() + ")";
		Duration left = tls.timeUntilExpiry(now);
		if (left.isNegative() || left.isZero()) {
			down.add(which + " expired on " + first.notAfter());
		}
		else if (left.compareTo(this.expiryCritical) < 0) {
			down.add(which + " expires in " + days(left) + ", within the critical window of "
					+ days(this.expiryCritical));
		}
		else if (left.compareTo(this.expiryWarning) < 0) {
			degraded.add(
					which + " expires in " + days(left) + ", within the warning window of " + days(this.expiryWarning));
		}
	}

	private static String days(Duration duration) {
		long days = duration.toDays();
		return (days == 1) ? "1 day" : days + " days";
	}

}
