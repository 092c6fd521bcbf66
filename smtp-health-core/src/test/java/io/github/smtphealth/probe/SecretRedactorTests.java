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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecretRedactor}: secrets are masked in every encoding the probe could
 * have produced, and AUTH replies that still carry an encoded run lose their text but
 * keep their codes.
 */
class SecretRedactorTests {

	private static final String USER = "alice";

	private static final String PASSWORD = "pa55-Word-x";

	private static final String TOKEN = "ya29.token-value";

	private final SecretRedactor passwordRedactor = new SecretRedactor(SmtpCredentials.ofPassword(USER, PASSWORD));

	@Test
	void maskShouldCatchThePasswordInEveryEncoding() {
		byte[] utf8 = PASSWORD.getBytes(StandardCharsets.UTF_8);
		List<String> forms = List.of(PASSWORD, Base64.getEncoder().encodeToString(utf8),
				Base64.getEncoder().withoutPadding().encodeToString(utf8), Base64.getUrlEncoder().encodeToString(utf8),
				HexFormat.of().formatHex(utf8), HexFormat.of().withUpperCase().formatHex(utf8));
		assertThat(forms).allSatisfy((form) -> assertThat(this.passwordRedactor.mask("echo " + form + " end"))
			.isEqualTo("echo " + SecretRedactor.MASK + " end"));
	}

	@Test
	void maskShouldCatchThePlainPayloadWithAndWithoutPadding() {
		byte[] payload = ("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8);
		String padded = Base64.getEncoder().encodeToString(payload);
		String unpadded = Base64.getEncoder().withoutPadding().encodeToString(payload);
		assertThat(this.passwordRedactor.mask(padded + " " + unpadded))
			.isEqualTo(SecretRedactor.MASK + " " + SecretRedactor.MASK);
	}

	@Test
	void maskShouldCatchTheXoauth2PayloadAndTheToken() {
		SecretRedactor redactor = new SecretRedactor(SmtpCredentials.ofToken(USER, TOKEN));
		byte[] payload = ("user=" + USER + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(redactor.mask(Base64.getEncoder().withoutPadding().encodeToString(payload) + " " + TOKEN + " "
				+ HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(String.join(" ", SecretRedactor.MASK, SecretRedactor.MASK, SecretRedactor.MASK));
	}

	@Test
	void addResponseShouldMaskTheCramMd5DigestOnItsOwn() {
		String digest = "b913a602c7eda7a495b4e6e7334d3890";
		this.passwordRedactor.addResponse((USER + " " + digest).getBytes(StandardCharsets.US_ASCII));
		assertThat(this.passwordRedactor.mask("digest " + digest)).isEqualTo("digest " + SecretRedactor.MASK);
	}

	@Test
	void authReplyWithAnEncodedRunShouldKeepOnlyTheCodes() {
		String reencoded = Base64.getEncoder().encodeToString(("x" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		SmtpReply reply = new SmtpReply(535, List.of("5.7.8 Bad credentials " + reencoded));
		assertThat(this.passwordRedactor.authReply(reply)).isEqualTo("535 5.7.8 " + SecretRedactor.WITHHELD);
	}

	@Test
	void authReplyWithAHexRunShouldKeepOnlyTheCodes() {
		SmtpReply reply = new SmtpReply(535, List.of("5.7.8 digest deadbeefcafebabe0011 rejected"));
		assertThat(this.passwordRedactor.authReply(reply)).isEqualTo("535 5.7.8 " + SecretRedactor.WITHHELD);
	}

	@Test
	void authReplyInPlainWordsShouldBeKept() {
		SmtpReply reply = new SmtpReply(535,
				List.of("5.7.8 Authentication credentials invalid for corpus-user/ (AUTHENTICATION)"));
		assertThat(this.passwordRedactor.authReply(reply))
			.isEqualTo("535 5.7.8 Authentication credentials invalid for corpus-user/ (AUTHENTICATION)");
	}

	@Test
	void maskEncodedRunsShouldMaskOnlyTheRuns() {
		assertThat(SecretRedactor.maskEncodedRuns("invalid reply 'Y2FuYXJ5LVA0c3N3MHJk' after AUTH"))
			.isEqualTo("invalid reply '" + SecretRedactor.MASK + "' after AUTH");
	}

}
