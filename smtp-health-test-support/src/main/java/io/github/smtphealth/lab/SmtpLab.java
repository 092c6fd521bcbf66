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

package io.github.smtphealth.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The real SMTP servers that {@code scripts/smtp-lab/start.sh} runs on loopback, as
 * described by the {@code lab.env} file it writes: {@code KEY=VALUE} lines with the ports
 * (SMTP, and the IMAP listeners that read the delivered mail), the certificate, the test
 * user and the AUTH mechanisms each server advertises.
 * <p>
 * {@link #get()} reads the file named by {@value #ENV_FILE_VARIABLE} (default
 * {@code /var/tmp/smtp-lab/lab.env}) and checks that every listener in it answers on both
 * loopback addresses. When the lab is absent or not answering, the calling test is
 * <em>skipped</em> with a message that says how to start it, except under CI
 * ({@code CI=true}), where it <em>fails</em>: a CI run whose lab did not start must never
 * pass silently.
 *
 * @since 0.1.0
 */
public final class SmtpLab {

	/**
	 * The environment variable that names the {@code lab.env} file.
	 */
	public static final String ENV_FILE_VARIABLE = "SMTP_LAB_ENV";

	/**
	 * The {@code lab.env} file read when {@value #ENV_FILE_VARIABLE} is not set.
	 */
	public static final Path DEFAULT_ENV_FILE = Path.of("/var/tmp/smtp-lab/lab.env");

	/**
	 * The name every real-server test sends in EHLO and LHLO.
	 */
	public static final String HELO_NAME = "smtp-health.test";

	/**
	 * The deadline of a probe in the real-server tests: generous, the servers answer in
	 * milliseconds.
	 */
	public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration PORT_CHECK_TIMEOUT = Duration.ofSeconds(2);

	private static final String HOW_TO_START = "start the lab with 'sudo bash scripts/smtp-lab/start.sh' "
			+ "(Debian 12, root; see scripts/smtp-lab/README.md) or set " + ENV_FILE_VARIABLE
			+ " to the lab.env of a running lab, then run 'mvn verify' again";

	private static final System.Logger logger = System.getLogger(SmtpLab.class.getName());

	private static @Nullable SmtpLab shared;

	private static boolean skipReported;

	private final Path envFile;

	private final Map<String, String> values;

	private SmtpLab(Path envFile, Map<String, String> values) {
		this.envFile = envFile;
		this.values = values;
	}

	/**
	 * Return the running lab, skipping the calling test when it is absent (failing it
	 * under CI).
	 * @return the lab, whose every listener answered
	 */
	public static synchronized SmtpLab get() {
		if (shared == null) {
			try {
				shared = load(configuredEnvFile(), "true".equalsIgnoreCase(System.getenv("CI")));
			}
			catch (TestAbortedException ex) {
				// Maven's console counts skipped tests but does not say why: say it once.
				if (!skipReported) {
					logger.log(System.Logger.Level.WARNING, ex.getMessage());
					skipReported = true;
				}
				throw ex;
			}
		}
		return shared;
	}

	/**
	 * Return the lab that {@code lab.env} describes, if the file exists, without checking
	 * that its servers answer: for a tool outside JUnit, such as the benchmarks, that
	 * runs without the lab too.
	 * @return the lab, or empty when there is no {@code lab.env}
	 */
	public static Optional<SmtpLab> find() {
		Path envFile = configuredEnvFile();
		return Files.isRegularFile(envFile) ? Optional.of(read(envFile)) : Optional.empty();
	}

	/**
	 * Return the {@code lab.env} file named by {@value #ENV_FILE_VARIABLE}, or
	 * {@link #DEFAULT_ENV_FILE}.
	 * @return the file, which may not exist
	 */
	public static Path configuredEnvFile() {
		String configured = System.getenv(ENV_FILE_VARIABLE);
		return (configured != null && !configured.isBlank()) ? Path.of(configured) : DEFAULT_ENV_FILE;
	}

	/**
	 * Read a lab and check that it answers; abort (or, under CI, fail) the calling test
	 * if not.
	 * @param envFile the {@code lab.env} file
	 * @param ci whether this is a CI run, where an absent lab is a failure
	 * @return the lab
	 */
	public static SmtpLab load(Path envFile, boolean ci) {
		if (!Files.isRegularFile(envFile)) {
			return unavailable(ci, envFile + " does not exist, so the SMTP lab is not running");
		}
		SmtpLab lab = read(envFile);
		String silent = lab.firstSilentListener();
		if (silent != null) {
			return unavailable(ci, envFile + " exists but " + silent + ", so the SMTP lab is not (fully) running");
		}
		return lab;
	}

	private static SmtpLab unavailable(boolean ci, String problem) {
		if (ci) {
			throw new AssertionFailedError(
					"Real-server tests cannot run: " + problem + ". CI=true, so this is a failure, not a skip: "
							+ "the SMTP lab did not start (see the output of scripts/smtp-lab/start.sh and its logs)");
		}
		return abort("Real-server tests skipped: " + problem + ". To run them, " + HOW_TO_START + ".");
	}

	/**
	 * Read a {@code lab.env} file without checking that its servers answer.
	 * @param envFile the file
	 * @return the lab it describes
	 * @throws IllegalStateException if the file cannot be read or has a line that is not
	 * {@code KEY=VALUE}
	 */
	public static SmtpLab read(Path envFile) {
		List<String> lines;
		try {
			lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + envFile + ": " + ex.getMessage(), ex);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			if (equals <= 0) {
				throw new IllegalStateException(envFile + " has a line that is not KEY=VALUE: " + trimmed);
			}
			values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
		}
		return new SmtpLab(envFile, values);
	}

	/**
	 * Describe the first listener that does not accept a connection on either loopback
	 * address.
	 */
	private @Nullable String firstSilentListener() {
		for (Map.Entry<String, String> entry : this.values.entrySet()) {
			if (!entry.getKey().endsWith("_PORT")) {
				continue;
			}
			int port = parsePort(entry.getKey(), entry.getValue());
			for (String host : hosts()) {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(host, port), (int) PORT_CHECK_TIMEOUT.toMillis());
				}
				catch (IOException ex) {
					return entry.getKey() + "=" + port + " does not answer on " + host + " (" + ex.getMessage() + ")";
				}
			}
		}
		return null;
	}

	/**
	 * Return the IPv4 loopback address every listener binds.
	 * @return {@code 127.0.0.1}
	 */
	public String host4() {
		return value("SMTP_LAB_HOST4");
	}

	/**
	 * Return the IPv6 loopback address every listener binds.
	 * @return {@code ::1}
	 */
	public String host6() {
		return value("SMTP_LAB_HOST6");
	}

	/**
	 * Return both loopback addresses, IPv4 first.
	 * @return the addresses
	 */
	public List<String> hosts() {
		return List.of(host4(), host6());
	}

	/**
	 * Return the port of a listener.
	 * @param listener the listener
	 * @return its port
	 */
	public int port(LabListener listener) {
		return parsePort(listener.portKey(), value(listener.portKey()));
	}

	/**
	 * Return the port of an IMAP listener.
	 * @param listener the listener
	 * @return its port
	 */
	public int port(LabImapListener listener) {
		return parsePort(listener.portKey(), value(listener.portKey()));
	}

	/**
	 * Return the address whose mail every server delivers to the mailbox that the IMAP
	 * listeners read (logging in as {@link #user()}).
	 * @return {@code <user>@localhost}
	 */
	public String mailbox() {
		return user() + "@localhost";
	}

	/**
	 * Return the log file of one of the lab's servers, which {@code start.sh} writes
	 * beside {@code lab.env}.
	 * @param server the server's log name, such as {@code postfix}
	 * @return the log file
	 */
	public Path log(String server) {
		return this.envFile.toAbsolutePath().resolveSibling("log").resolve(server + ".log");
	}

	/**
	 * Return the self-signed certificate (PEM) every server presents.
	 * @return the certificate file
	 */
	public Path certificate() {
		return Path.of(value("SMTP_LAB_CERT_PEM"));
	}

	/**
	 * Return trust managers that trust the lab's certificate and nothing else.
	 * @return the trust managers
	 * @throws IllegalStateException if the certificate cannot be read
	 */
	public TrustManager[] trustManagers() {
		try (InputStream in = Files.newInputStream(certificate())) {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			int index = 0;
			for (Certificate member : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trustStore.setCertificateEntry("smtp-lab-" + index++, member);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the lab certificate " + certificate() + ": " + ex, ex);
		}
	}

	/**
	 * Return the test user's name.
	 * @return the user name
	 */
	public String user() {
		return value("SMTP_LAB_USER");
	}

	/**
	 * Return the test user's password.
	 * @return the password
	 */
	public String password() {
		return value("SMTP_LAB_PASSWORD");
	}

	/**
	 * Return the names of the AUTH mechanisms a listener's server advertises after TLS,
	 * exactly as listed in {@code lab.env}.
	 * @param listener the listener
	 * @return the SASL names
	 */
	public List<String> authMechanismNames(LabListener listener) {
		String key = listener.authMechanismsKey();
		return (key != null) ? List.of(value(key).split(",")) : List.of();
	}

	/**
	 * Return the property that declares a Spring PEM SSL bundle trusting the lab
	 * certificate.
	 * @param bundle the bundle's name
	 * @return {@code spring.ssl.bundle.pem.<bundle>.truststore.certificate=file:<certificate>}
	 */
	public String sslBundleProperty(String bundle) {
		return "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=file:" + certificate().toAbsolutePath();
	}

	private String value(String key) {
		String value = this.values.get(key);
		if (value == null || value.isEmpty()) {
			throw new IllegalStateException(this.envFile + " has no " + key + " (is it from an older start.sh?)");
		}
		return value;
	}

	private int parsePort(String key, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port > 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalStateException(this.envFile + ": " + key + "=" + value + " is not a port");
	}

	@Override
	public String toString() {
		return "SmtpLab[" + this.envFile + "]";
	}

}
