package io.github.smtphealth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smtphealth.lab.SmtpLab;
import io.github.smtphealth.testsupport.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The full Spring path against a real server: the sample application's jar, started as a process of
 * its own and pointed at the SMTP lab's Postfix (STARTTLS and AUTH, the lab certificate trusted
 * through a PEM SSL bundle), answers {@code /actuator/health/smtp} over real HTTP with UP and the TLS
 * details. Failsafe runs after {@code package}, so the jar exists.
 */
class SampleApplicationRealServerTests {

	private static final Path JAR = Path.of("target", "sample-app.jar");

	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port(?:\\(s\\))?:? (\\d+)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path directory;

	@Test
	void healthOfPostfixWithStartTlsAndAuthShouldBeUpWithTlsDetailsOverHttp() throws IOException {
		SmtpLab lab = SmtpLab.get();
		assertThat(JAR).as("the sample's jar, built by 'mvn package'").isRegularFile();
		Path log = this.directory.resolve("sample-app.log");
		Process process = new ProcessBuilder(command(lab)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			int port = awaitHttpPort(process, log);
			HttpResponse<String> response = get(port, "/actuator/health/smtp");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonContent<Object> json = new BasicJsonTester(getClass()).from(response.body());
			assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
			assertThat(json).extractingJsonPathStringValue("$.details.host").isEqualTo("localhost");
			assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(lab.port(POSTFIX_STARTTLS));
			assertThat(json).extractingJsonPathStringValue("$.details.security").isEqualTo("starttls");
			assertThat(json).extractingJsonPathStringValue("$.details.greeting").contains("Postfix");
			assertThat(json).extractingJsonPathStringValue("$.details.authMechanism")
				.isIn(lab.authMechanismNames(POSTFIX_STARTTLS));
			assertThat(json).extractingJsonPathStringValue("$.details.tls.protocol").startsWith("TLSv1.");
			assertThat(json).extractingJsonPathStringValue("$.details.tls.cipherSuite").startsWith("TLS_");
			assertThat(json).extractingJsonPathStringValue("$.details.tls.subject").isEqualTo("CN=localhost");
			assertThat(json).extractingJsonPathNumberValue("$.details.tls.daysUntilExpiry").satisfies(
					(days) -> assertThat(days.longValue()).isPositive());
			assertThat(json).doesNotHaveJsonPath("$.details.tlsVerification");
			assertThat(response.body()).doesNotContain(lab.password());
		}
		finally {
			ChildProcesses.stop(process);
		}
	}

	private List<String> command(SmtpLab lab) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, "-Xmx256m", "-jar", JAR.toString(), "--sample.embedded-smtp.enabled=false",
				"--server.port=0", "--smtp.check.host=localhost",
				"--smtp.check.port=" + lab.port(POSTFIX_STARTTLS), "--smtp.check.security=starttls",
				"--smtp.check.auth.username=" + lab.user(),
				"--smtp.check.auth.password=" + lab.password(),
				"--smtp.check.rcpt-to=" + lab.mailbox(),
				"--" + lab.sslBundleProperty("lab"),
				"--smtp.check.tls.bundle=lab",
				// The sample turns a probe over 1 s into DEGRADED; a cold JVM's first TLS handshake on a
				// busy machine can take that long. This test is about UP, not about speed.
				"--smtp.check.warning=5s", "--management.endpoint.health.show-details=always");
	}

	private static int awaitHttpPort(Process process, Path log) throws IOException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.readString(log, StandardCharsets.UTF_8);
			Matcher matcher = TOMCAT_STARTED.matcher(output);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!process.isAlive()) {
				return fail("The sample app exited with " + process.exitValue() + " before Tomcat started:\n" + tail(log));
			}
			sleep(Duration.ofMillis(200));
		}
		return fail("The sample app did not start Tomcat within " + STARTUP_TIMEOUT.toSeconds() + " s:\n" + tail(log));
	}

	private static HttpResponse<String> get(int port, String path) throws IOException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during GET " + path, ex);
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the sample app", ex);
		}
	}

}
