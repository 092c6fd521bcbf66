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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link SmtpProbeSettings}.
 */
class SmtpProbeSettingsTests {

	@Test
	void builderShouldApplyDefaults() {
		SmtpProbeSettings settings = SmtpProbeSettings.builder("mail.test").build();
		assertThat(settings.host()).isEqualTo("mail.test");
		assertThat(settings.port()).isEqualTo(25);
		assertThat(settings.security()).isEqualTo(Security.NONE);
		assertThat(settings.lmtp()).isFalse();
		assertThat(settings.credentials()).isNull();
		assertThat(settings.authMechanism()).isEqualTo(AuthMechanism.AUTO);
		assertThat(settings.allowPlaintextAuth()).isFalse();
		assertThat(settings.mailFrom()).isEmpty();
		assertThat(settings.rcptTo()).isNull();
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.connectTimeout()).isNull();
		assertThat(settings.tls()).isEqualTo(TlsSettings.DEFAULT);
		assertThat(settings.tls().fullyVerified()).isTrue();
		assertThat(settings.ipFamily()).isEqualTo(IpFamily.ANY);
		assertThat(settings.resolver()).isSameAs(HostResolver.SYSTEM);
	}

	@Test
	void builderWhenHeloNameIsNotSetShouldUseASingleCommandSafeWord() {
		String heloName = SmtpProbeSettings.builder("mail.test").build().heloName();
		assertThat(heloName).isNotEmpty().doesNotContain(" ").matches("[\\x21-\\x7e]+");
	}

	@Test
	void builderWhenSecurityIsSmtpsShouldDefaultToPort465() {
		assertThat(SmtpProbeSettings.builder("mail.test").security(Security.SMTPS).build().port()).isEqualTo(465);
		assertThat(SmtpProbeSettings.builder("mail.test").security(Security.STARTTLS).build().port()).isEqualTo(25);
		assertThat(SmtpProbeSettings.builder("mail.test").security(Security.SMTPS).port(2465).build().port())
			.isEqualTo(2465);
	}

	@Test
	void toBuilderShouldCopyEverySetting() {
		SmtpProbeSettings settings = SmtpProbeSettings.builder("mail.test")
			.port(587)
			.security(Security.STARTTLS)
			.heloName("probe.test")
			.lmtp(true)
			.credentials(SmtpCredentials.ofPassword("alice", "secret"))
			.authMechanism(AuthMechanism.LOGIN)
			.allowPlaintextAuth(true)
			.mailFrom("probe@example.com")
			.rcptTo("postmaster@example.com")
			.timeout(Duration.ofSeconds(3))
			.connectTimeout(Duration.ofSeconds(1))
			.tls(TlsSettings.DEFAULT.withVerifyHostname(false))
			.ipFamily(IpFamily.IPV6)
			.resolver(ProbeFixtures.resolvingTo("::1"))
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
		assertThat(settings.toBuilder().port(2525).build().port()).isEqualTo(2525);
	}

	@Test
	void mailFromWhenNullShouldMeanTheNullSender() {
		assertThat(SmtpProbeSettings.builder("mail.test").mailFrom(null).build().mailFrom()).isEmpty();
	}

	@Test
	void addressShouldBracketIpv6Literals() {
		assertThat(SmtpProbeSettings.builder("mail.test").port(25).build().address()).isEqualTo("mail.test:25");
		assertThat(SmtpProbeSettings.builder("::1").port(25).build().address()).isEqualTo("[::1]:25");
	}

	@Test
	void addressWhenHostIsABracketedIpv6LiteralShouldNotBracketItTwice() {
		assertThat(SmtpProbeSettings.builder("[::1]").port(25).build().address()).isEqualTo("[::1]:25");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "mail.test\r\nRSET", "mail test", "mail.test\u0000" })
	void hostWhenUnsafeShouldBeRejectedNamingTheField(String host) {
		assertThatIllegalArgumentException().isThrownBy(() -> SmtpProbeSettings.builder(host).build())
			.withMessageStartingWith("'host' ");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 65536 })
	void portWhenOutOfRangeShouldBeRejectedNamingTheField(int port) {
		assertThatIllegalArgumentException().isThrownBy(() -> SmtpProbeSettings.builder("mail.test").port(port).build())
			.withMessage("'port' must be between 1 and 65535 but was " + port);
	}

	/**
	 * {@code (field, setter, value)} for every text that would break the dialogue or is
	 * not an address.
	 */
	static Stream<Arguments> unsafeTexts() {
		Stream<Arguments> heloNames = Stream
			.of("", "probe.test\r\nMAIL FROM:<x@example.com>", "probe.test\nRSET", "probe test", "probe.test\u007f")
			.map((value) -> Arguments.of("heloName", (TextSetter) SmtpProbeSettings.Builder::heloName, value));
		Stream<Arguments> mailFroms = Stream
			.of("probe@example.com>\r\nRCPT TO:<victim@example.com", "a@example.com\rRSET", "a@example.com\nRSET",
					"a b@example.com", "<a@example.com>", "a@example.com\u0000")
			.map((value) -> Arguments.of("mailFrom", (TextSetter) SmtpProbeSettings.Builder::mailFrom, value));
		Stream<Arguments> rcptTos = Stream
			.of("", "victim@example.com>\r\nDATA", "a@example.com\nRSET", "a b@example.com", "<a@example.com>")
			.map((value) -> Arguments.of("rcptTo", (TextSetter) SmtpProbeSettings.Builder::rcptTo, value));
		return Stream.of(heloNames, mailFroms, rcptTos).flatMap((arguments) -> arguments);
	}

	@ParameterizedTest(name = "{0} {2}")
	@MethodSource("unsafeTexts")
	void textWhenUnsafeShouldBeRejectedNamingTheField(String field, TextSetter setter, String value) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setter.set(SmtpProbeSettings.builder("mail.test"), value).build())
			.withMessageStartingWith("'" + field + "' ");
	}

	@Test
	void timeoutWhenNotPositiveShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmtpProbeSettings.builder("mail.test").timeout(Duration.ZERO).build())
			.withMessageStartingWith("'timeout' must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmtpProbeSettings.builder("mail.test").timeout(Duration.ofSeconds(-1)).build())
			.withMessageStartingWith("'timeout' must be positive");
	}

	@Test
	void connectTimeoutWhenNotPositiveShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmtpProbeSettings.builder("mail.test").connectTimeout(Duration.ZERO).build())
			.withMessageStartingWith("'connectTimeout' must be positive");
	}

	/**
	 * {@code (credentials, mechanism, message)} where the credentials cannot serve the
	 * mechanism.
	 */
	static Stream<Arguments> credentialsUnfitForTheMechanism() {
		return Stream.of(
				Arguments.of(SmtpCredentials.ofPassword("alice", "secret"), AuthMechanism.XOAUTH2,
						"'credentials' XOAUTH2 needs a token"),
				Arguments.of(SmtpCredentials.ofToken("alice", "token"), AuthMechanism.PLAIN,
						"'credentials' PLAIN needs a password"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("credentialsUnfitForTheMechanism")
	void credentialsWhenUnfitForTheMechanismShouldBeRejectedNamingTheField(SmtpCredentials credentials,
			AuthMechanism mechanism, String message) {
		assertThatIllegalArgumentException().isThrownBy(
				() -> SmtpProbeSettings.builder("mail.test").credentials(credentials).authMechanism(mechanism).build())
			.withMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "alice\r\nRSET", "alice\u0000" })
	void usernameWhenUnsafeShouldBeRejectedNamingTheField(String username) {
		assertThatIllegalArgumentException().isThrownBy(() -> SmtpCredentials.ofPassword(username, "secret"))
			.withMessageStartingWith("'username' ");
	}

	@Test
	void nullValuesShouldBeRejectedNamingTheField() {
		assertThatNullPointerException()
			.isThrownBy(() -> SmtpProbeSettings.builder("mail.test").ipFamily(nullValue()).build())
			.withMessage("'ipFamily' must not be null");
		assertThatNullPointerException()
			.isThrownBy(() -> SmtpProbeSettings.builder("mail.test").security(nullValue()).build())
			.withMessage("'security' must not be null");
	}

	@Test
	void probeWhenSettingsAreNullShouldThrow() {
		assertThatNullPointerException().isThrownBy(() -> new SmtpProbe(nullValue()))
			.withMessage("'settings' must not be null");
	}

	/**
	 * A {@code null} where the API forbids one, as a caller without a null checker could
	 * pass it.
	 */
	private static <T> T nullValue() {
		return null;
	}

	/**
	 * One of the builder's text setters.
	 */
	@FunctionalInterface
	interface TextSetter {

		SmtpProbeSettings.Builder set(SmtpProbeSettings.Builder builder, String value);

	}

}
