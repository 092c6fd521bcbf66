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

package io.github.smtphealth.testsupport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * Factory for {@link TestCertificate test certificates} made in memory: self-signed,
 * issued by a root CA, or issued through an intermediate CA, with any validity window.
 * <p>
 * Key pairs are generated once per JVM (EC P-256 by default, RSA 2048 on request) and
 * reused, so a certificate costs a signature or three. Every subject name is made unique
 * (an extra {@code OU} with a serial number), so two test certificates never stand in for
 * each other even though they share a key. Nothing is registered with the JCA:
 * BouncyCastle only builds the certificates.
 * <p>
 * Note that the JDK's trust manager accepts a <em>directly trusted</em> certificate
 * without looking at its validity window, so an expired self-signed certificate that the
 * client trusts as its own anchor still handshakes. {@link #expired(String...)} and
 * {@link #notYetValid(String...)} therefore issue the leaf from a root CA, which is the
 * trust anchor.
 *
 * @since 0.1.0
 */
public final class TestCertificates {

	private static final Duration DEFAULT_BACKDATE = Duration.ofDays(1);

	private static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);

	private static final Duration CA_BACKDATE = Duration.ofDays(30);

	private static final Duration CA_LIFETIME = Duration.ofDays(3650);

	private static final AtomicLong nextSerial = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	/**
	 * Return a self-signed certificate valid from a day ago for a year.
	 * @param names the names, the first is the common name; each becomes a DNS or IP
	 * address subject alternative name
	 * @return the certificate
	 */
	public static TestCertificate selfSigned(String... names) {
		return builder(names).build();
	}

	/**
	 * Return a leaf certificate issued by an intermediate CA that a root CA issued. The
	 * leaf is served with the intermediate and trusts the root;
	 * {@link TestCertificate#leafOnly()} serves the leaf without its intermediate.
	 * @param names the names of the leaf
	 * @return the certificate
	 */
	public static TestCertificate chain(String... names) {
		return builder(names).issuedByIntermediate().build();
	}

	/**
	 * Return a leaf certificate, issued by a root CA, that expired yesterday.
	 * @param names the names of the leaf
	 * @return the certificate
	 */
	public static TestCertificate expired(String... names) {
		return builder(names).issuedByRoot().expired().build();
	}

	/**
	 * Return a leaf certificate, issued by a root CA, that becomes valid tomorrow.
	 * @param names the names of the leaf
	 * @return the certificate
	 */
	public static TestCertificate notYetValid(String... names) {
		return builder(names).issuedByRoot().notYetValid().build();
	}

	/**
	 * Return a builder for a certificate with the given names.
	 * @param names the names, the first is the common name; each becomes a DNS or IP
	 * address subject alternative name
	 * @return a new builder, self-signed and valid from a day ago for a year unless
	 * changed
	 */
	public static Builder builder(String... names) {
		return new Builder(names);
	}

	static boolean isIpAddress(String name) {
		return IPAddress.isValid(stripBrackets(name));
	}

	private static byte[] addressBytes(String literal) {
		try {
			// A literal: getByName parses it and never asks DNS
			return InetAddress.getByName(stripBrackets(literal)).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Invalid IP address '" + literal + "'", ex);
		}
	}

	private static String stripBrackets(String name) {
		return (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
	}

	private static X509Certificate rootCa(KeyPair keys, long id)
			throws GeneralSecurityException, CertIOException, OperatorCreationException {
		Instant now = Instant.now();
		X500Name name = caName("smtp-health Test Root CA", id);
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(id),
				Date.from(now.minus(CA_BACKDATE)), Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		builder.addExtension(Extension.subjectKeyIdentifier, false,
				extensions.createSubjectKeyIdentifier(keys.getPublic()));
		return sign(builder, keys.getPrivate());
	}

	private static X509Certificate intermediateCa(KeyPair keys, X509Certificate issuer, PrivateKey issuerKey, long id,
			@Nullable Instant notBefore, @Nullable Instant notAfter)
			throws GeneralSecurityException, CertIOException, OperatorCreationException {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(id),
				Date.from((notBefore != null) ? notBefore : now.minus(CA_BACKDATE)),
				Date.from((notAfter != null) ? notAfter : now.plus(CA_LIFETIME)),
				caName("smtp-health Test Intermediate CA", id), keys.getPublic());
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		builder.addExtension(Extension.subjectKeyIdentifier, false,
				extensions.createSubjectKeyIdentifier(keys.getPublic()));
		builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
		return sign(builder, issuerKey);
	}

	private static X500Name caName(String commonName, long id) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "smtp-health tests")
			.addRDN(BCStyle.CN, commonName + " " + id)
			.build();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
			throws GeneralSecurityException, OperatorCreationException {
		String algorithm = "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
		ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	private static KeyPair generate(String algorithm) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
			if ("EC".equals(algorithm)) {
				generator.initialize(new ECGenParameterSpec("secp256r1"));
			}
			else {
				generator.initialize(2048);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key pair", ex);
		}
	}

	/**
	 * How the leaf is issued.
	 */
	private enum Issuance {

		SELF_SIGNED, ROOT, INTERMEDIATE

	}

	/**
	 * EC key pairs, one per role, made once.
	 */
	private static final class EcKeys {

		static final KeyPair ROOT = generate("EC");

		static final KeyPair INTERMEDIATE = generate("EC");

		static final KeyPair LEAF = generate("EC");

	}

	/**
	 * The RSA leaf key pair, made once and only when asked for (RSA key generation is
	 * slow).
	 */
	private static final class RsaKeys {

		static final KeyPair LEAF = generate("RSA");

	}

	/**
	 * Builder for a {@link TestCertificate}.
	 */
	public static final class Builder {

		private final List<String> names;

		private @Nullable Instant notBefore;

		private @Nullable Instant notAfter;

		private Issuance issuance = Issuance.SELF_SIGNED;

		private @Nullable Instant intermediateNotBefore;

		private @Nullable Instant intermediateNotAfter;

		private boolean rsa;

		private Builder(String... names) {
			if (names.length == 0) {
				throw new IllegalArgumentException("At least one name is required");
			}
			for (String name : names) {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException("Names must not be blank: " + Arrays.toString(names));
				}
			}
			this.names = List.of(names);
		}

		/**
		 * Use the given validity window for the leaf.
		 * @param notBefore the first instant the leaf is valid
		 * @param notAfter the last instant the leaf is valid
		 * @return this builder
		 */
		public Builder validity(Instant notBefore, Instant notAfter) {
			this.notBefore = notBefore;
			this.notAfter = notAfter;
			return this;
		}

		/**
		 * Make the leaf valid from 30 days ago until yesterday.
		 * @return this builder
		 */
		public Builder expired() {
			Instant now = Instant.now();
			return validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
		}

		/**
		 * Make the leaf valid from tomorrow for a year.
		 * @return this builder
		 */
		public Builder notYetValid() {
			Instant now = Instant.now();
			return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
		}

		/**
		 * Make the leaf self-signed, its own trust anchor (the default).
		 * @return this builder
		 */
		public Builder selfSigned() {
			this.issuance = Issuance.SELF_SIGNED;
			return this;
		}

		/**
		 * Issue the leaf from a root CA: the leaf is served alone and the root is the
		 * trust anchor.
		 * @return this builder
		 */
		public Builder issuedByRoot() {
			this.issuance = Issuance.ROOT;
			return this;
		}

		/**
		 * Issue the leaf from an intermediate CA that a root CA issued: the leaf is
		 * served with the intermediate and the root is the trust anchor.
		 * @return this builder
		 */
		public Builder issuedByIntermediate() {
			this.issuance = Issuance.INTERMEDIATE;
			return this;
		}

		/**
		 * Issue the leaf from an intermediate CA (as {@link #issuedByIntermediate()})
		 * valid for the given window instead of the default ten years, for example one
		 * that expires before the leaf.
		 * @param notBefore the first instant the intermediate is valid
		 * @param notAfter the last instant the intermediate is valid
		 * @return this builder
		 */
		public Builder intermediateValidity(Instant notBefore, Instant notAfter) {
			this.intermediateNotBefore = notBefore;
			this.intermediateNotAfter = notAfter;
			return issuedByIntermediate();
		}

		/**
		 * Give the leaf an RSA 2048 key instead of an EC P-256 one (CAs keep EC keys).
		 * @return this builder
		 */
		public Builder rsa() {
			this.rsa = true;
			return this;
		}

		/**
		 * Build the certificate.
		 * @return the certificate, its served chain, key and trust anchor
		 */
		public TestCertificate build() {
			try {
				return doBuild();
			}
			catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
				throw new IllegalStateException("Cannot create test certificate for " + this.names, ex);
			}
		}

		private TestCertificate doBuild() throws GeneralSecurityException, OperatorCreationException, CertIOException {
			long id = nextSerial.incrementAndGet();
			KeyPair leafKeys = this.rsa ? RsaKeys.LEAF : EcKeys.LEAF;
			Instant now = Instant.now();
			Date from = Date.from((this.notBefore != null) ? this.notBefore : now.minus(DEFAULT_BACKDATE));
			Date until = Date.from((this.notAfter != null) ? this.notAfter : now.plus(DEFAULT_LIFETIME));
			X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, "smtp-health test " + id)
				.addRDN(BCStyle.CN, this.names.get(0))
				.build();
			if (this.issuance == Issuance.SELF_SIGNED) {
				X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(id),
						from, until, subject, leafKeys.getPublic());
				addLeafExtensions(builder, leafKeys.getPublic(), null);
				X509Certificate leaf = sign(builder, leafKeys.getPrivate());
				return new TestCertificate(leaf, List.of(leaf), leafKeys.getPrivate(), leaf);
			}
			X509Certificate root = rootCa(EcKeys.ROOT, id);
			X509Certificate issuer = root;
			PrivateKey issuerKey = EcKeys.ROOT.getPrivate();
			List<X509Certificate> chain = new ArrayList<>();
			if (this.issuance == Issuance.INTERMEDIATE) {
				issuer = intermediateCa(EcKeys.INTERMEDIATE, root, issuerKey, id, this.intermediateNotBefore,
						this.intermediateNotAfter);
				issuerKey = EcKeys.INTERMEDIATE.getPrivate();
				chain.add(issuer);
			}
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
					X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(id), from,
					until, subject, leafKeys.getPublic());
			addLeafExtensions(builder, leafKeys.getPublic(), issuer);
			X509Certificate leaf = sign(builder, issuerKey);
			chain.add(0, leaf);
			return new TestCertificate(leaf, chain, leafKeys.getPrivate(), root);
		}

		private void addLeafExtensions(X509v3CertificateBuilder builder, PublicKey publicKey,
				@Nullable X509Certificate issuer) throws GeneralSecurityException, CertIOException {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			int keyUsage = KeyUsage.digitalSignature | (this.rsa ? KeyUsage.keyEncipherment : 0);
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
					new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames());
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(publicKey));
			if (issuer != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(issuer));
			}
		}

		private GeneralNames subjectAlternativeNames() {
			GeneralName[] entries = new GeneralName[this.names.size()];
			for (int i = 0; i < entries.length; i++) {
				String name = this.names.get(i);
				if (isIpAddress(name)) {
					entries[i] = new GeneralName(GeneralName.iPAddress, new DEROctetString(addressBytes(name)));
				}
				else {
					entries[i] = new GeneralName(GeneralName.dNSName, name);
				}
			}
			return new GeneralNames(entries);
		}

	}

}
