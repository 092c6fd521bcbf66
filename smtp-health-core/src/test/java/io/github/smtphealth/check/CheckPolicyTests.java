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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smtphealth.probe.ChainCertificate;
import io.github.smtphealth.probe.FailureKind;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.TlsInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link CheckPolicy}.
 */
class CheckPolicyTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final CheckPolicy THRESHOLDS = new CheckPolicy(Duration.ofMillis(100), Duration.ofMillis(300),
			Duration.ofDays(14), Duration.ofDays(7));

	@Test
	void defaultHasNoResponseTimeThresholdsAndWarnsFourteenDaysBeforeExpiry() {
		assertThat(CheckPolicy.DEFAULT.warning()).isNull();
		assertThat(CheckPolicy.DEFAULT.critical()).isNull();
		assertThat(CheckPolicy.DEFAULT.expiryWarning()).isEqualTo(Duration.ofDays(14));
		assertThat(CheckPolicy.DEFAULT.expiryCritical()).isZero();
	}

	@Test
	void evaluateWithoutThresholdsShouldBeUpHoweverSlow() {
		CheckVerdict verdict = CheckPolicy.DEFAULT.evaluate(result(Duration.ofMinutes(5), null, null), NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.UP);
		assertThat(verdict.reason()).isNull();
	}

	@Test
	void evaluateBelowWarningShouldBeUp() {
		assertThat(THRESHOLDS.evaluate(result(Duration.ofMillis(99), null, null), NOW))
			.isEqualTo(new CheckVerdict(CheckStatus.UP, null));
	}

	@ParameterizedTest(name = "{0} ms")
	@CsvSource(delimiter = '|',
			value = { "100 | DEGRADED | response time 100 ms is at or above the warning threshold of 100 ms",
					"300 | DOWN     | response time 300 ms is at or above the critical threshold of 300 ms" })
	void evaluateAtAThresholdShouldSaySo(long millis, CheckStatus status, String reason) {
		assertThat(THRESHOLDS.evaluate(result(Duration.ofMillis(millis), null, null), NOW))
			.isEqualTo(new CheckVerdict(status, reason));
	}

	@Test
	void evaluateBetweenWarningAndCriticalShouldBeDegraded() {
		CheckVerdict verdict = THRESHOLDS.evaluate(result(Duration.ofMillis(299), null, null), NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.DEGRADED);
		assertThat(verdict.reason()).contains("299 ms").contains("warning");
	}

	@Test
	void evaluateWithOnlyCriticalShouldNeverBeDegradedForResponseTime() {
		CheckPolicy policy = new CheckPolicy(null, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);
		assertThat(policy.evaluate(result(Duration.ofMillis(999), null, null), NOW).status()).isEqualTo(CheckStatus.UP);
		assertThat(policy.evaluate(result(Duration.ofSeconds(1), null, null), NOW).status())
			.isEqualTo(CheckStatus.DOWN);
	}

	@Test
	void evaluateFailedProbeShouldBeDownWithItsReasonEvenWhenFast() {
		ProbeFailure failure = new ProbeFailure(Phase.MAIL, FailureKind.REJECTED, 550,
				"MAIL FROM rejected: 550 5.7.1 no");
		CheckVerdict verdict = THRESHOLDS.evaluate(result(Duration.ofMillis(1), null, failure), NOW);
		assertThat(verdict).isEqualTo(new CheckVerdict(CheckStatus.DOWN, "MAIL FROM rejected: 550 5.7.1 no"));
	}

	/**
	 * {@code (case, policy, certificate lifetime left, status)} for a fast probe whose
	 * verdict only the certificate decides.
	 */
	static Stream<Arguments> certificateStatuses() {
		CheckPolicy zeroWindows = new CheckPolicy(null, null, Duration.ZERO, Duration.ZERO);
		return Stream.of(Arguments.of("outside the warning window", THRESHOLDS, Duration.ofDays(30), CheckStatus.UP),
				Arguments.of("exactly at the warning window", THRESHOLDS, Duration.ofDays(14), CheckStatus.UP),
				Arguments.of("expiring now", CheckPolicy.DEFAULT, Duration.ZERO, CheckStatus.DOWN),
				Arguments.of("close to expiry with zero windows", zeroWindows, Duration.ofHours(1), CheckStatus.UP));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("certificateStatuses")
	void evaluateCertificateShouldDecideTheStatus(String description, CheckPolicy policy, Duration left,
			CheckStatus status) {
		assertThat(policy.evaluate(result(Duration.ofMillis(1), expiringIn(left), null), NOW).status())
			.isEqualTo(status);
	}

	/**
	 * {@code (case, policy, certificate lifetime left, status, reason)} for a fast probe
	 * whose certificate is a problem.
	 */
	static Stream<Arguments> certificateProblems() {
		return Stream.of(
				Arguments.of("within the warning window", THRESHOLDS, Duration.ofDays(10), CheckStatus.DEGRADED,
						"certificate expires in 10 days, within the warning window of 14 days"),
				Arguments.of("within the critical window", THRESHOLDS, Duration.ofDays(1), CheckStatus.DOWN,
						"certificate expires in 1 day, within the critical window of 7 days"),
				Arguments.of("expired, even without expiry windows",
						new CheckPolicy(null, null, Duration.ZERO, Duration.ZERO), Duration.ofDays(-3),
						CheckStatus.DOWN, "certificate expired on " + NOW.minus(Duration.ofDays(3))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("certificateProblems")
	void evaluateCertificateProblemShouldSayWhatItIs(String description, CheckPolicy policy, Duration left,
			CheckStatus status, String reason) {
		CheckVerdict verdict = policy.evaluate(result(Duration.ofMillis(1), expiringIn(left), null), NOW);
		assertThat(verdict).isEqualTo(new CheckVerdict(status, reason));
	}

	@Test
	void evaluateSlowServerWithCertificateInCriticalWindowShouldBeDownForTheCertificate() {
		CheckVerdict verdict = THRESHOLDS.evaluate(result(Duration.ofMillis(150), expiringIn(Duration.ofDays(2)), null),
				NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(verdict.reason()).startsWith("certificate expires in 2 days");
	}

	@Test
	void evaluateTooSlowServerWithCertificateInWarningWindowShouldNameBothProblems() {
		SmtpProbeResult result = result(Duration.ofMillis(150), expiringIn(Duration.ofDays(10)), null);
		CheckVerdict verdict = THRESHOLDS.evaluate(result, NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.DEGRADED);
		assertThat(verdict.reason()).contains("warning threshold").contains("certificate expires in 10 days");
	}

	@Test
	void evaluateShouldUseTheGivenTimeForExpiry() {
		SmtpProbeResult result = result(Duration.ofMillis(1), expiringIn(Duration.ofDays(30)), null);
		assertThat(THRESHOLDS.evaluate(result, NOW.plus(Duration.ofDays(20))).status()).isEqualTo(CheckStatus.DEGRADED);
		assertThat(THRESHOLDS.evaluate(result, NOW.plus(Duration.ofDays(25))).status()).isEqualTo(CheckStatus.DOWN);
		assertThat(THRESHOLDS.evaluate(result, NOW.plus(Duration.ofDays(31))).status()).isEqualTo(CheckStatus.DOWN);
	}

	@Test
	void createWithoutExpiryWindowShouldFail() {
		assertThatNullPointerException().isThrownBy(() -> new CheckPolicy(null, null, null, Duration.ZERO))
			.withMessageContaining("expiryWarning");
	}

	@Test
	void evaluateShouldJudgeTheChainsFirstCertificateToExpireNotTheLeaf() {
		TlsInfo leafFor300Days = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=mail.example.com",
				"CN=Example Intermediate", NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(300)),
				new ChainCertificate(2, "CN=Example Intermediate", NOW.plus(Duration.ofDays(10)), true));
		CheckVerdict verdict = THRESHOLDS.evaluate(result(Duration.ofMillis(1), leafFor300Days, null), NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.DEGRADED);
		assertThat(verdict.reason())
			.isEqualTo("certificate 2 of the chain (CN=Example Intermediate) expires in 10 days, "
					+ "within the warning window of 14 days");
	}

	@Test
	void evaluateShouldNameATrustAnchorOfTheVerifiedPath() {
		TlsInfo anchorFirst = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=mail.example.com", "CN=Example CA",
				NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(300)),
				new ChainCertificate(3, "CN=Example Root", NOW.plus(Duration.ofDays(1)), false));
		CheckVerdict verdict = THRESHOLDS.evaluate(result(Duration.ofMillis(1), anchorFirst, null), NOW);
		assertThat(verdict.status()).isEqualTo(CheckStatus.DOWN);
		assertThat(verdict.reason())
			.startsWith("certificate 3 of the verified path (CN=Example Root) expires in 1 day");
	}

	@Test
	void evaluateShouldJudgeTheTimeUpToRsetAndNotTheWaitForQuit() {
		Map<Phase, Duration> phases = new LinkedHashMap<>();
		phases.put(Phase.CONNECT, Duration.ofMillis(100));
		phases.put(Phase.RSET, Duration.ofMillis(100));
		phases.put(Phase.QUIT, Duration.ofSeconds(2));
		SmtpProbeResult result = new SmtpProbeResult(NOW, Duration.ofMillis(2200), phases, "127.0.0.1:25", "220 ready",
				List.of(), null, null, "no reply to QUIT within 2 s", null);
		CheckPolicy policy = new CheckPolicy(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofDays(14),
				Duration.ZERO);
		assertThat(policy.evaluate(result, NOW)).isEqualTo(CheckVerdict.UP);
	}

	private static TlsInfo expiringIn(Duration left) {
		return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=mail.example.com", "CN=Example CA",
				NOW.minus(Duration.ofDays(60)), NOW.plus(left));
	}

	private static SmtpProbeResult result(Duration total, @Nullable TlsInfo tls, @Nullable ProbeFailure failure) {
		return new SmtpProbeResult(NOW, total, Map.of(Phase.CONNECT, total), "127.0.0.1:25", "220 ready", List.of(),
				null, tls, null, failure);
	}

}
