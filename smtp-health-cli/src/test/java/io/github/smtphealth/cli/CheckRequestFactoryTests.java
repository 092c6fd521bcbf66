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

package io.github.smtphealth.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link CheckRequestFactory}: what each flag sets, the core's defaults, and a
 * message that names the flag for every bad value.
 */
class CheckRequestFactoryTests {

	private static final String SECRET = "s3cret-Passw0rd";

	@TempDir
	Path directory;

	@Test
	void createWithHostOnlyShouldUseTheCoreDefaults() throws UsageException {
		CheckRequest request = create("-H", "mail.example.com");
		SmtpProbeSettings settings = request.settings();
		assertThat(settings.host()).isEqualTo("mail.example.com");
		assertThat(settings.port()).isEqualTo(25);
		assertThat(settings.security()).isEqualTo(Security.NONE);
		assertThat(settings.timeout()).isEqualTo(SmtpProbeSettings.DEFAULT_TIMEOUT);
		assertThat(settings.credentials()).isNull();
		assertThat(settings.mailFrom()).isEmpty();
		assertThat(settings.ipFamily()).isEqualTo(IpFamily.ANY);
		assertThat(request.policy()).isEqualTo(CheckPolicy.DEFAULT);
		assertThat(request.json()).isFalse();
		assertThat(request.verbose()).isFalse();
	}

	@Test
	void createWithEveryProbeFlagShouldSetIt() throws UsageException {
		CheckRequest request = create("-H", "mail.example.com", "-p", "2525", "-S", "-F", "probe.example.com", "-U",
				"monitor", "-P", SECRET, "-A", "cram-md5", "-f", "monitor@example.com", "--rcpt",
				"postmaster@example.com", "-t", "4.5", "-6", "--allow-plaintext-auth", "--json", "--verbose");
		SmtpProbeSettings settings = request.settings();
		assertThat(settings.port()).isEqualTo(2525);
		assertThat(settings.security()).isEqualTo(Security.STARTTLS);
		assertThat(settings.heloName()).isEqualTo("probe.example.com");
		assertThat(settings.credentials()).isNotNull();
		assertThat(settings.credentials().username()).isEqualTo("monitor");
		assertThat(settings.credentials().password()).isEqualTo(SECRET);
		assertThat(settings.authMechanism()).isEqualTo(AuthMechanism.CRAM_MD5);
		assertThat(settings.mailFrom()).isEqualTo("monitor@example.com");
		assertThat(settings.rcptTo()).isEqualTo("postmaster@example.com");
		assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(4500));
		assertThat(settings.ipFamily()).isEqualTo(IpFamily.IPV6);
		assertThat(settings.allowPlaintextAuth()).isTrue();
		assertThat(settings.tls().fullyVerified()).isTrue();
		assertThat(request.json()).isTrue();
		assertThat(request.verbose()).isTrue();
		assertThat(request.secret()).isEqualTo(SECRET);
		assertThat(request.toString()).doesNotContain(SECRET);
	}

	@Test
	void createWithSmtpsShouldDefaultToPort465() throws UsageException {
		SmtpProbeSettings settings = create("-H", "h", "-s").settings();
		assertThat(settings.security()).isEqualTo(Security.SMTPS);
		assertThat(settings.port()).isEqualTo(465);
	}

	@Test
	void createWithLmtpAndIpv4() throws UsageException {
		SmtpProbeSettings settings = create("-H", "h", "-L", "-4").settings();
		assertThat(settings.lmtp()).isTrue();
		assertThat(settings.ipFamily()).isEqualTo(IpFamily.IPV4);
	}

	@Test
	void createWithThresholdsShouldBuildTheCorePolicy() throws UsageException {
		CheckPolicy policy = create("-H", "h", "-w", "0.25", "-c", "2", "-t", "5", "-D", "30,7").policy();
		assertThat(policy).isEqualTo(new CheckPolicy(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofDays(30),
				Duration.ofDays(7)));
	}

	@Test
	void createWithWarningDaysOnlyShouldKeepTheDefaultCriticalDays() throws UsageException {
		CheckPolicy policy = create("-H", "h", "-D", "21").policy();
		assertThat(policy.expiryWarning()).isEqualTo(Duration.ofDays(21));
		assertThat(policy.expiryCritical()).isEqualTo(CheckPolicy.DEFAULT.expiryCritical());
	}

	@Test
	void createWithInsecureShouldTurnOffVerification() throws UsageException {
		SmtpProbeSettings settings = create("-H", "h", "-S", "--insecure").settings();
		assertThat(settings.tls().verifyCertificate()).isFalse();
		assertThat(settings.tls().verifyHostname()).isFalse();
	}

	@Test
	void createWithCaFileAndClientCertificateShouldLoadThem() throws UsageException {
		TestCertificate certificate = TestCertificates.chain("localhost");
		PemFiles pem = certificate.writePem(this.directory);
		SmtpProbeSettings settings = create("-H", "h", "-s", "--ca-file", pem.ca().toString(), "--client-cert",
				pem.certificate().toString(), "--client-key", pem.privateKey().toString())
			.settings();
		assertThat(settings.tls().trustManagers()).isNotEmpty();
		assertThat(settings.tls().keyManagers()).isNotEmpty();
		assertThat(settings.tls().fullyVerified()).isTrue();
	}

	@Test
	void createWithPasswordFileShouldReadItsFirstLine() throws Exception {
		Path file = Files.writeString(this.directory.resolve("password"), SECRET + "\r\nignored\n",
				StandardCharsets.UTF_8);
		assertThat(create("-H", "h", "-S", "-U", "u", "--password-file", file.toString()).secret()).isEqualTo(SECRET);
	}

	@Test
	void createWithPasswordEnvShouldReadTheVariable() throws UsageException {
		CheckRequest request = new CheckRequestFactory(parse("-H", "h", "-S", "-U", "u", "--password-env", "PW"),
				Map.of("PW", SECRET)::get)
			.create();
		assertThat(request.settings().credentials().password()).isEqualTo(SECRET);
	}

	@Test
	void createWithXoauth2ShouldUseThePasswordAsToken() throws UsageException {
		SmtpProbeSettings settings = create("-H", "h", "-S", "-U", "u", "-P", SECRET, "-A", "XOAUTH2").settings();
		assertThat(settings.credentials().token()).isEqualTo(SECRET);
		assertThat(settings.credentials().password()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			-p 0                        | -p/--port must be a port number from 1 to 65535 but was '0'
			-p 70000                    | -p/--port must be a port number from 1 to 65535 but was '70000'
			-p x                        | -p/--port must be a port number from 1 to 65535 but was 'x'
			-w 0                        | -w/--warning must be a number of seconds above 0
			-w -1                       | -w/--warning must be a number of seconds above 0
			-c abc                      | -c/--critical must be a number of seconds above 0
			-t 0.0000000001             | -t/--timeout must be a number of seconds above 0
			-w 2 -c 1                   | -w/--warning must be less than -c/--critical
			-w 2 -c 2                   | -w/--warning must be less than -c/--critical
			-c 10                       | -c/--critical must be less than the timeout -t/--timeout (10 s)
			-w 6 -t 5.5                 | -w/--warning must be less than the timeout -t/--timeout (5.5 s)
			-D x                        | -D/--certificate must be warn[,crit] whole days
			-D 7,30                     | -D/--certificate critical days must not exceed warning days
			-D 1,2,3                    | -D/--certificate must be warn[,crit] days but was '1,2,3'
			-D -1                       | -D/--certificate must be warn[,crit] whole days
			-A digest-md5               | -A/--authtype must be one of auto, plain, login, cram-md5, xoauth2
			-A plain                    | -A/--authtype needs -U/--authuser
			-s -S                       | -s/--smtps and -S/--starttls exclude each other
			-4 -6                       | -4/--use-ipv4 and -6/--use-ipv6 exclude each other
			-U u                        | -U/--authuser needs a password
			-P pw                       | a password is given but no user: add -U/--authuser
			-U u -P a --password-env B  | give the password once
			--password-env UNSET -U u   | --password-env: environment variable 'UNSET' is not set or empty
			--password-file /nonexistent/pw -U u | --password-file: no such file '/nonexistent/pw'
			--ca-file ca.pem            | --ca-file needs TLS: add -S/--starttls or -s/--smtps
			--insecure                  | --insecure needs TLS
			-S --client-cert c.pem      | --client-cert and --client-key go together
			-S --ca-file /nonexistent/ca.pem | --ca-file: no such file '/nonexistent/ca.pem'
			-S --insecure --ca-file x   | --insecure trusts any certificate
			-f a<b                      | -f/--from is invalid: 'mailFrom' must be an address
			--rcpt 'a b'                | --rcpt is invalid: 'rcptTo' must be an address
			-F 'a b'                    | -F/--fqdn is invalid: 'heloName' must be a single word
			""")
	void createWithBadValueShouldNameTheFlag(String arguments, String message) {
		List<String> args = new java.util.ArrayList<>(List.of("-H", "h"));
		args.addAll(split(arguments));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> new CheckRequestFactory(ArgumentParser.parse(args), (name) -> null).create())
			.withMessageStartingWith(message);
	}

	@Test
	void createWithoutHostShouldFail() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> create("-p", "25"))
			.withMessage("-H/--host is required");
	}

	@Test
	void createWithBadHostShouldNameTheFlag() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> create("-H", "bad\u0001host"))
			.withMessageStartingWith("-H/--host is invalid: 'host' must be a host name or IP address");
	}

	@Test
	void createWithUnreadableKeyShouldSaySoWithoutItsContent() throws Exception {
		PemFiles pem = TestCertificates.selfSigned("localhost").writePem(this.directory);
		Path rsaKey = Files.writeString(this.directory.resolve("rsa.pem"),
				"-----BEGIN RSA PRIVATE KEY-----\nTUlJQ1hBSUJBQUtCZ1FD\n-----END RSA PRIVATE KEY-----\n");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> create("-H", "h", "-S", "--client-cert", pem.certificate().toString(), "--client-key",
					rsaKey.toString()))
			.withMessageContaining("openssl pkcs8 -topk8 -nocrypt")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("TUlJQ1hBSUJBQUtCZ1FD"));
	}

	private static List<String> split(String arguments) {
		List<String> result = new java.util.ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(arguments);
		while (matcher.find()) {
			result.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
		}
		return result;
	}

	private static CheckRequest create(String... args) throws UsageException {
		return new CheckRequestFactory(parse(args), (name) -> null).create();
	}

	private static Map<Option, String> parse(String... args) throws UsageException {
		return ArgumentParser.parse(List.of(args));
	}

}
