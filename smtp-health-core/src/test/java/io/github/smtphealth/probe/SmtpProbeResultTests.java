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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SmtpProbeResult} and {@link TlsInfo}.
 */
class SmtpProbeResultTests {

	private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	@Test
	void resultShouldNotChangeWhenTheCollectionsItWasGivenChange() {
		Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
		phases.put(Phase.CONNECT, Duration.ofMillis(3));
		List<String> capabilities = new ArrayList<>(List.of("PIPELINING"));
		SmtpProbeResult result = new SmtpProbeResult(NOW, Duration.ofMillis(5), phases, "127.0.0.1:25", "220 hi",
				capabilities, null, null, null, null);
		phases.put(Phase.QUIT, Duration.ofMillis(1));
		capabilities.add("STARTTLS");
		assertThat(result.phases()).containsOnlyKeys(Phase.CONNECT);
		assertThat(result.capabilities()).containsExactly("PIPELINING");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> result.phases().put(Phase.QUIT, Duration.ZERO));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> result.capabilities().add("STARTTLS"));
	}

	@Test
	void resultShouldBeASuccessExactlyWhenItHasNoFailure() {
		SmtpProbeResult success = new SmtpProbeResult(NOW, Duration.ZERO, Map.of(), null, null, List.of(), null, null,
				null, null);
		ProbeFailure timeout = new ProbeFailure(Phase.GREETING, FailureKind.TIMEOUT, null, "timed out");
		SmtpProbeResult failure = new SmtpProbeResult(NOW, Duration.ZERO, Map.of(), null, null, List.of(), null, null,
				"QUIT answered 500", timeout);
		assertThat(success.isSuccess()).isTrue();
		assertThat(success.phases()).isEmpty();
		assertThat(failure.isSuccess()).isFalse();
		assertThat(timeout.isTimeout()).isTrue();
		assertThat(new ProbeFailure(Phase.AUTH, FailureKind.REJECTED, 535, "no").isTimeout()).isFalse();
	}

	@Test
	void timeUntilExpiryShouldBeNegativeOnceExpired() {
		TlsInfo tls = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=mail.test", "CN=CA", NOW.minusSeconds(60),
				NOW.plus(Duration.ofDays(10)));
		assertThat(tls.timeUntilExpiry(NOW)).isEqualTo(Duration.ofDays(10));
		assertThat(tls.timeUntilExpiry(NOW.plus(Duration.ofDays(11)))).isNegative();
	}

	@Test
	void phaseIdShouldBeTheLowerCaseName() {
		assertThat(Phase.STARTTLS.id()).isEqualTo("starttls");
		assertThat(Phase.DNS.id()).isEqualTo("dns");
	}

}
