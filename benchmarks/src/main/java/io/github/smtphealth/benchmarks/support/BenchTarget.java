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

package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.jspecify.annotations.Nullable;

/**
 * One server the benchmarks check, with everything every client needs to check it the
 * same way: the address, the security, the credentials and the one certificate to trust.
 * Every client verifies the chain and the host name, speaks {@code EHLO localhost} and
 * authenticates with {@code AUTH LOGIN} (the only mechanism {@code check_smtp} has, and
 * the one JavaMail picks first).
 *
 * @param name the target's name, as in the benchmark parameter
 * @param host the host
 * @param port the port
 * @param security NONE, or STARTTLS with AUTH
 * @param username the AUTH user, or {@code null} for no AUTH
 * @param password the AUTH password, or {@code null} for no AUTH
 * @param trustManagers trust managers that trust the server's certificate
 * @param certificatePem the server's certificate as a PEM file, for an application's SSL
 * bundle
 * @param server the in-process server behind this target, or {@code null} for a real one
 * @since 0.1.0
 */
public record BenchTarget(String name, String host, int port, Security security, @Nullable String username,
		@Nullable String password, List<TrustManager> trustManagers, @Nullable Path certificatePem,
		@Nullable FastSmtpServer server) implements AutoCloseable {

	/**
	 * The in-process server without TLS or AUTH.
	 */
	public static final String INPROC_PLAIN = "inproc-plain";

	/**
	 * The in-process server with STARTTLS and AUTH.
	 */
	public static final String INPROC_TLS = "inproc-tls";

	/**
	 * The lab's Postfix without TLS or AUTH.
	 */
	public static final String POSTFIX_PLAIN = "postfix-plain";

	/**
	 * The lab's Postfix with STARTTLS and AUTH.
	 */
	public static final String POSTFIX_TLS = "postfix-tls";

	/**
	 * The HELO name every client sends.
	 */
	public static final String HELO_NAME = "localhost";

	/**
	 * The envelope sender every client uses.
	 */
	public static final String MAIL_FROM = "bench@example.org";

	/**
	 * The in-process server's user.
	 */
	public static final String INPROC_USER = "bench";

	/**
	 * The in-process server's password.
	 */
	public static final String INPROC_PASSWORD = "bench-Secret-1";

	private static final String LOOPBACK = "127.0.0.1";

	/**
	 * Create a target, copying the trust managers.
	 * @param name the target's name
	 * @param host the host
	 * @param port the port
	 * @param security the security
	 * @param username the AUTH user, or {@code null}
	 * @param password the AUTH password, or {@code null}
	 * @param trustManagers the trust managers
	 * @param certificatePem the certificate as PEM, or {@code null}
	 * @param server the in-process server, or {@code null}
	 */
	public BenchTarget {
		trustManagers = List.copyOf(trustManagers);
	}

	/**
	 * Open a target by name, starting its in-process server if it has one.
	 * @param name one of the constants of this class
	 * @param certificate the in-process server's certificate (only used by
	 * {@link #INPROC_TLS})
	 * @return the target; close it to stop its server
	 * @throws IOException if the server cannot start
	 * @throws IllegalStateException if a lab target is asked for but the lab is not
	 * running
	 */
	public static BenchTarget open(String name, TestCertificate certificate) throws IOException {
		return switch (name) {
			case INPROC_PLAIN -> inProcess(name, FastSmtpServer.plain(), Security.NONE, null, null, certificate);
			case INPROC_TLS ->
				inProcess(name, FastSmtpServer.startTls(certificate.serverSslContext(), INPROC_USER, INPROC_PASSWORD),
						Security.STARTTLS, INPROC_USER, INPROC_PASSWORD, certificate);
			case POSTFIX_PLAIN -> lab(name, LabListener.POSTFIX_PLAIN);
			case POSTFIX_TLS -> lab(name, LabListener.POSTFIX_STARTTLS);
			default -> throw new IllegalArgumentException("Unknown target '" + name + "'");
		};
	}

	/**
	 * Make the in-process servers' certificate: self-signed RSA 2048 for
	 * {@code localhost} and {@code 127.0.0.1}, like the lab's.
	 * @return the certificate
	 */
	public static TestCertificate inProcessCertificate() {
		return TestCertificates.builder("localhost", "127.0.0.1").rsa().selfSigned().build();
	}

	private static BenchTarget inProcess(String name, FastSmtpServer server, Security security,
			@Nullable String username, @Nullable String password, TestCertificate certificate) {
		return new BenchTarget(name, LOOPBACK, server.port(), security, username, password,
				List.of(certificate.trustManagers()), (security != Security.NONE) ? temporaryPem(certificate) : null,
				server);
	}

	private static BenchTarget lab(String name, LabListener listener) {
		SmtpLab lab = SmtpLab.find()
			.orElseThrow(() -> new IllegalStateException("The SMTP lab is not running (scripts/smtp-lab/start.sh)"));
		boolean tls = !"none".equals(listener.security());
		return new BenchTarget(name, lab.host4(), lab.port(listener), tls ? Security.STARTTLS : Security.NONE,
				tls ? lab.user() : null, tls ? lab.password() : null, List.of(lab.trustManagers()), lab.certificate(),
				null);
	}

	/**
	 * Write the certificate's trust anchor as PEM into a temporary directory deleted when
	 * the JVM exits.
	 */
	private static Path temporaryPem(TestCertificate certificate) {
		try {
			Path directory = Files.createTempDirectory("smtp-health-bench-");
			PemFiles pem = certificate.writePem(directory);
			for (Path file : List.of(directory, pem.certificate(), pem.privateKey(), pem.ca())) {
				file.toFile().deleteOnExit();
			}
			return pem.ca();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the arguments that make the sample application check this target, as a named
	 * server or the top-level one. Every server checks with {@code AUTH LOGIN},
	 * {@code EHLO localhost} and a fixed sender, and trusts the target's certificate
	 * through an SSL bundle named after the certificate.
	 * @param prefix {@code smtp.check} or {@code smtp.check.servers.<name>}
	 * @return the arguments
	 */
	public List<String> sampleArguments(String prefix) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--" + prefix + ".host=" + this.host);
		arguments.add("--" + prefix + ".port=" + this.port);
		arguments.add("--" + prefix + ".security=" + this.security.name().toLowerCase(Locale.ROOT));
		arguments.add("--" + prefix + ".helo-name=" + HELO_NAME);
		arguments.add("--" + prefix + ".mail-from=" + MAIL_FROM);
		if (this.username != null && this.password != null) {
			arguments.add("--" + prefix + ".auth.username=" + this.username);
			arguments.add("--" + prefix + ".auth.password=" + this.password);
			arguments.add("--" + prefix + ".auth.mechanism=login");
		}
		if (this.certificatePem != null && tls()) {
			String bundle = "bench-" + Integer.toHexString(this.certificatePem.toString().hashCode());
			arguments.add("--spring.ssl.bundle.pem." + bundle + ".truststore.certificate=file:" + this.certificatePem);
			arguments.add("--" + prefix + ".tls.bundle=" + bundle);
		}
		return arguments;
	}

	/**
	 * Return the name of this target as a named server of the sample application: letters
	 * and digits only, a name every server-name rule accepts.
	 * @return such as {@code inproctls}
	 */
	public String serverName() {
		return this.name.replace("-", "");
	}

	/**
	 * Return whether the dialogue includes STARTTLS and AUTH.
	 * @return {@code true} for the TLS targets
	 */
	public boolean tls() {
		return this.security != Security.NONE;
	}

	/**
	 * Return our probe's settings for this target.
	 * @return the settings
	 */
	public SmtpProbeSettings probeSettings() {
		SmtpProbeSettings.Builder builder = SmtpProbeSettings.builder(this.host)
			.port(this.port)
			.security(this.security)
			.heloName(HELO_NAME)
			.mailFrom(MAIL_FROM)
			.timeout(Duration.ofSeconds(10))
			.tls(TlsSettings.trusting(this.trustManagers.toArray(new TrustManager[0])));
		if (this.username != null && this.password != null) {
			builder.credentials(SmtpCredentials.ofPassword(this.username, this.password))
				.authMechanism(AuthMechanism.LOGIN);
		}
		return builder.build();
	}

	/**
	 * Return a client-side TLS context that trusts this target's certificate.
	 * @return the context
	 */
	public SSLContext clientContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, this.trustManagers.toArray(new TrustManager[0]), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make the client TLS context", ex);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

}
