package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.jspecify.annotations.Nullable;

/**
 * One server the benchmarks check, with everything every client needs to check it the same way: the
 * address, the security, the credentials and the one certificate to trust. Every client verifies the
 * chain and the host name, speaks {@code EHLO localhost} and authenticates with {@code AUTH LOGIN}
 * (the only mechanism {@code check_smtp} has, and the one JavaMail picks first).
 *
 * @param name the target's name, as in the benchmark parameter
 * @param host the host
 * @param port the port
 * @param security NONE, or STARTTLS with AUTH
 * @param username the AUTH user, or {@code null} for no AUTH
 * @param password the AUTH password, or {@code null} for no AUTH
 * @param trustManagers trust managers that trust the server's certificate
 * @param certificatePem the server's certificate as a PEM file, for an application's SSL bundle
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
	 * @param certificate the in-process server's certificate (only used by {@link #INPROC_TLS})
	 * @return the target; close it to stop its server
	 * @throws IOException if the server cannot start
	 * @throws IllegalStateException if a lab target is asked for but the lab is not running
	 */
	public static BenchTarget open(String name, BenchCertificate certificate) throws IOException {
		return switch (name) {
			case INPROC_PLAIN -> inProcess(name, FastSmtpServer.plain(), Security.NONE, null, null, certificate);
			case INPROC_TLS -> inProcess(name,
					FastSmtpServer.startTls(certificate.serverContext(), INPROC_USER, INPROC_PASSWORD),
					Security.STARTTLS, INPROC_USER, INPROC_PASSWORD, certificate);
			case POSTFIX_PLAIN -> lab(name, "SMTP_LAB_POSTFIX_PLAIN_PORT", false);
			case POSTFIX_TLS -> lab(name, "SMTP_LAB_POSTFIX_STARTTLS_PORT", true);
			default -> throw new IllegalArgumentException("Unknown target '" + name + "'");
		};
	}

	private static BenchTarget inProcess(String name, FastSmtpServer server, Security security,
			@Nullable String username, @Nullable String password, BenchCertificate certificate) {
		return new BenchTarget(name, LOOPBACK, server.port(), security, username, password,
				List.of(certificate.trustManagers()), (security != Security.NONE) ? certificate.temporaryPem() : null,
				server);
	}

	private static BenchTarget lab(String name, String portKey, boolean tls) {
		LabEnv lab = LabEnv.load()
			.orElseThrow(() -> new IllegalStateException("The SMTP lab is not running (scripts/smtp-lab/start.sh)"));
		Path pem = Path.of(lab.get("SMTP_LAB_CERT_PEM"));
		return new BenchTarget(name, lab.get("SMTP_LAB_HOST4"), lab.port(portKey),
				tls ? Security.STARTTLS : Security.NONE, tls ? lab.get("SMTP_LAB_USER") : null,
				tls ? lab.get("SMTP_LAB_PASSWORD") : null, List.of(BenchCertificate.trusting(readCertificate(pem))),
				pem, null);
	}

	private static X509Certificate readCertificate(Path pem) {
		try (InputStream in = Files.newInputStream(pem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read " + pem, ex);
		}
	}

	/**
	 * Return the arguments that make the sample application check this target, as a named server or
	 * the top-level one. Every server checks with {@code AUTH LOGIN}, {@code EHLO localhost} and a fixed
	 * sender, and trusts the target's certificate through an SSL bundle named after the certificate.
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
	 * Return the name of this target as a named server of the sample application: letters and digits
	 * only, a name every server-name rule accepts.
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
