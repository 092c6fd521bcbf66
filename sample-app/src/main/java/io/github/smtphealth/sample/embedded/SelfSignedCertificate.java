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

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

import org.springframework.util.Assert;

/**
 * A self-signed server certificate and its private key, made in memory (EC P-256). Its
 * names become subject alternative names, so a client can trust it and still verify the
 * host name.
 * <p>
 * The embedded server's certificate is made at startup of the demo, in the sample's main
 * code, where the test-only {@code TestCertificates} of {@code smtp-health-test-support}
 * may not go; it needs only this one self-signed shape, not test certificates' chains and
 * validity windows.
 *
 * @param certificate the certificate
 * @param privateKey the private key
 * @since 0.1.0
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {

	private static final Duration BACKDATE = Duration.ofHours(1);

	/**
	 * Make a certificate valid from an hour ago for the given lifetime.
	 * @param lifetime how long the certificate is valid from now
	 * @param names the names, the first is the common name; each becomes a DNS or IP
	 * address subject alternative name
	 * @return the certificate
	 */
	public static SelfSignedCertificate generate(Duration lifetime, String... names) {
		Assert.notEmpty(names, "'names' must not be empty");
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			Instant now = Instant.now();
			X500Name subject = new X500Name("CN=" + names[0] + ",O=smtp-health sample");
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, new SecureRandom()), Date.from(now.minus(BACKDATE)),
					Date.from(now.plus(lifetime)), subject, keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
			return new SelfSignedCertificate(certificate, keys.getPrivate());
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot make a self-signed certificate: " + ex.getMessage(), ex);
		}
	}

	private static GeneralNames subjectAlternativeNames(String... names) throws UnknownHostException {
		GeneralName[] alternativeNames = new GeneralName[names.length];
		for (int i = 0; i < names.length; i++) {
			String name = names[i];
			alternativeNames[i] = IPAddress.isValid(name)
					? new GeneralName(GeneralName.iPAddress,
							new DEROctetString(InetAddress.getByName(name).getAddress()))
					: new GeneralName(GeneralName.dNSName, name);
		}
		return new GeneralNames(alternativeNames);
	}

	/**
	 * Return the certificate in PEM form, as Spring SSL bundles and most tools read it.
	 * @return the PEM text
	 */
	public String certificatePem() {
		try {
			Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
			return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(this.certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encode the certificate: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return trust managers that trust this certificate and nothing else.
	 * @return the trust managers
	 */
	public TrustManager[] trustManagers() {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("server", this.certificate);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot make trust managers: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return a TLS context for a server that presents this certificate.
	 * @return the server-side context
	 */
	public SSLContext serverSslContext() {
		try {
			char[] password = new char[0];
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("server", this.privateKey, password, new Certificate[] { this.certificate });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot make a TLS context: " + ex.getMessage(), ex);
		}
	}

}
