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

import java.security.cert.CertificateParsingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.pem.PemContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SelfSignedCertificate}.
 */
class SelfSignedCertificateTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.generate(Duration.ofDays(90),
			"localhost", "127.0.0.1", "::1");

	@Test
	void generateShouldPutEveryNameInTheSubjectAlternativeNames() throws CertificateParsingException {
		assertThat(certificate.certificate().getSubjectAlternativeNames())
			.containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
		assertThat(certificate.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
	}

	@Test
	void generateShouldBeSelfSignedAndValidNowForTheLifetime() throws Exception {
		certificate.certificate().verify(certificate.certificate().getPublicKey());
		certificate.certificate().checkValidity();
		assertThat(certificate.certificate().getNotAfter().toInstant())
			.isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(5)));
	}

	@Test
	void certificatePemShouldBeReadByPemSslBundles() {
		assertThat(PemContent.of(certificate.certificatePem()).getCertificates())
			.containsExactly(certificate.certificate());
	}

}
