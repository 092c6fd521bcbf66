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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate made by {@link TestCertificates}: the leaf, the chain a server presents,
 * the leaf's private key and the certificate a client trusts.
 *
 * @param certificate the leaf certificate
 * @param chain the chain a server presents, leaf first
 * @param privateKey the private key of the leaf
 * @param trustAnchor the certificate to trust: the leaf itself when self-signed, else the
 * root CA
 * @since 0.1.0
 */
public record TestCertificate(X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey,
		X509Certificate trustAnchor) {

	/**
	 * Password of the key stores made here, for APIs that insist on one.
	 */
	public static final String PASSWORD = "changeit";

	private static final String KEY_ALIAS = "server";

	private static final String TRUST_ALIAS = "ca";

	/**
	 * Create a new instance.
	 * @param certificate the leaf certificate
	 * @param chain the chain a server presents, leaf first
	 * @param privateKey the private key of the leaf
	 * @param trustAnchor the certificate to trust
	 */
	public TestCertificate {
		if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
			throw new IllegalArgumentException("'chain' must start with the leaf certificate");
		}
		chain = List.copyOf(chain);
	}

	/**
	 * Return the same certificate served without its intermediate: the "incomplete chain"
	 * misconfiguration.
	 * @return a copy whose chain is the leaf alone
	 */
	public TestCertificate leafOnly() {
		return new TestCertificate(this.certificate, List.of(this.certificate), this.privateKey, this.trustAnchor);
	}

	/**
	 * Return a new server {@link SSLContext} presenting {@link #chain()}, with the JDK's
	 * default protocols.
	 * @return the server context
	 */
	public SSLContext serverSslContext() {
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore(), PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create server SSLContext", ex);
		}
	}

	/**
	 * Return a new server {@link SSLContext} presenting {@link #chain()} whose sockets,
	 * server sockets and engines enable only the given protocols. A protocol that the JDK
	 * disables (for example {@code "TLSv1"} through {@code jdk.tls.disabledAlgorithms})
	 * stays disabled: a server restricted to it fails every handshake, which is how to
	 * test an outdated server.
	 * @param protocols the protocols to enable, for example {@code "TLSv1.2"}
	 * @return the server context
	 */
	public SSLContext serverSslContext(String... protocols) {
		return ProtocolRestrictedSslContext.restrict(serverSslContext(), protocols);
	}

	/**
	 * Return new trust managers that trust {@link #trustAnchor()} only.
	 * @return the trust managers
	 */
	public TrustManager[] trustManagers() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore());
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create trust managers", ex);
		}
	}

	/**
	 * Return a new client {@link SSLContext} that trusts {@link #trustAnchor()} only.
	 * Like any {@code SSLContext} it checks host names only when the socket's parameters
	 * set an endpoint identification algorithm.
	 * @return the client context
	 */
	public SSLContext clientSslContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create client SSLContext", ex);
		}
	}

	/**
	 * Return a new in-memory PKCS#12 trust store holding {@link #trustAnchor()}.
	 * @return the trust store
	 */
	public KeyStore trustStore() {
		return newKeyStore("trust store", (store) -> store.setCertificateEntry(TRUST_ALIAS, this.trustAnchor));
	}

	/**
	 * Return a new in-memory PKCS#12 key store holding the private key and
	 * {@link #chain()} under the alias {@code "server"}, protected by {@link #PASSWORD}.
	 * @return the key store
	 */
	public KeyStore keyStore() {
		return newKeyStore("key store", (store) -> store.setKeyEntry(KEY_ALIAS, this.privateKey, PASSWORD.toCharArray(),
				this.chain.toArray(new Certificate[0])));
	}

	/**
	 * Write {@code cert.pem} (the chain), {@code key.pem} (the unencrypted PKCS#8 private
	 * key) and {@code ca.pem} (the trust anchor) into the given directory, creating it if
	 * needed.
	 * @param directory the directory
	 * @return the paths written
	 */
	public PemFiles writePem(Path directory) {
		try {
			Files.createDirectories(directory);
			StringBuilder chainPem = new StringBuilder();
			for (X509Certificate member : this.chain) {
				chainPem.append(pem("CERTIFICATE", member.getEncoded()));
			}
			PemFiles files = new PemFiles(directory.resolve("cert.pem"), directory.resolve("key.pem"),
					directory.resolve("ca.pem"));
			Files.writeString(files.certificate(), chainPem, StandardCharsets.US_ASCII);
			Files.writeString(files.privateKey(), pem("PRIVATE KEY", this.privateKey.getEncoded()),
					StandardCharsets.US_ASCII);
			Files.writeString(files.ca(), pem("CERTIFICATE", this.trustAnchor.getEncoded()), StandardCharsets.US_ASCII);
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write PEM files to " + directory, ex);
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot encode certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static KeyStore newKeyStore(String what, KeyStoreEntries entries) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			entries.addTo(store);
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create " + what, ex);
		}
	}

	@Override
	public String toString() {
		return "TestCertificate[" + this.certificate.getSubjectX500Principal().getName() + ", chain of "
				+ this.chain.size() + ", not after " + this.certificate.getNotAfter().toInstant() + "]";
	}

	/**
	 * What goes into a new, empty in-memory key store.
	 */
	@FunctionalInterface
	private interface KeyStoreEntries {

		void addTo(KeyStore store) throws GeneralSecurityException;

	}

}
