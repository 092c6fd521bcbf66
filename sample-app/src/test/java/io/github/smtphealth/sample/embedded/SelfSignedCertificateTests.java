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
		assertThat(certificate.certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
				List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
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
