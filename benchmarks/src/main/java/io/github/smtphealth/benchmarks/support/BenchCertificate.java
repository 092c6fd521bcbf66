package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed RSA 2048 certificate for {@code localhost} and {@code 127.0.0.1}, like the lab's, made
 * in memory for the in-process server.
 *
 * @param certificate the certificate
 * @param keyPair its key pair
 * @since 0.1.0
 */
public record BenchCertificate(X509Certificate certificate, KeyPair keyPair) {

	private static final char[] PASSWORD = "benchmark".toCharArray();

	/**
	 * Write the certificate as PEM to a temporary file deleted when the JVM exits.
	 * @return the file
	 */
	public Path temporaryPem() {
		try {
			Path file = Files.createTempFile("smtp-health-bench-", ".pem");
			file.toFile().deleteOnExit();
			return writePem(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Make a certificate valid from an hour ago for a year.
	 * @return the certificate
	 */
	public static BenchCertificate create() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			Instant now = Instant.now();
			X500Name subject = new X500Name("CN=localhost");
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(Duration.ofDays(365))), subject, keyPair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
			return new BenchCertificate(certificate, keyPair);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Could not make the benchmark certificate", ex);
		}
	}

	/**
	 * Return a server-side context presenting this certificate.
	 * @return the context
	 */
	public SSLContext serverContext() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("server", this.keyPair.getPrivate(), PASSWORD, new Certificate[] { this.certificate });
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keyStore, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(factory.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not make the server TLS context", ex);
		}
	}

	/**
	 * Return trust managers that trust this certificate only.
	 * @return the trust managers
	 */
	public TrustManager[] trustManagers() {
		return trusting(this.certificate);
	}

	/**
	 * Write the certificate as PEM, for an application's SSL bundle.
	 * @param file where to write it
	 * @return the file
	 */
	public Path writePem(Path file) {
		try {
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(this.certificate.getEncoded());
			Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
			return file;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encode the certificate", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return trust managers that trust the given certificate only.
	 * @param certificate the certificate
	 * @return the trust managers
	 */
	public static TrustManager[] trusting(X509Certificate certificate) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("trusted", certificate);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not make the trust managers", ex);
		}
	}

}
