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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust and client-certificate material from PEM files, with the JDK alone:
 * {@code --ca-file} (one or more certificates), {@code --client-cert} (the chain, leaf
 * first) and {@code --client-key} (an unencrypted PKCS#8 key, {@code BEGIN PRIVATE KEY},
 * RSA, EC or EdDSA).
 */
final class PemMaterial {

	private static final char[] KEY_STORE_PASSWORD = "smtp-check".toCharArray();

	private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");

	private PemMaterial() {
	}

	static List<TrustManager> trustManagers(Path file, Option option) throws UsageException {
		List<Certificate> certificates = certificates(file, option);
		try {
			KeyStore store = emptyStore();
			for (int i = 0; i < certificates.size(); i++) {
				store.setCertificateEntry("ca-" + i, certificates.get(i));
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return List.of(factory.getTrustManagers());
		}
		catch (GeneralSecurityException ex) {
			throw new UsageException(option.displayName() + ": cannot trust '" + file + "': " + ex.getMessage());
		}
	}

	static List<KeyManager> keyManagers(Path certificateFile, Path keyFile) throws UsageException {
		List<Certificate> chain = certificates(certificateFile, Option.CLIENT_CERT);
		PrivateKey key = privateKey(keyFile);
		try {
			KeyStore store = emptyStore();
			store.setKeyEntry("client", key, KEY_STORE_PASSWORD, chain.toArray(new Certificate[0]));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, KEY_STORE_PASSWORD);
			return List.of(factory.getKeyManagers());
		}
		catch (GeneralSecurityException ex) {
			throw new UsageException(Option.CLIENT_KEY.displayName() + " does not fit "
					+ Option.CLIENT_CERT.displayName() + ": " + ex.getMessage());
		}
	}

	private static List<Certificate> certificates(Path file, Option option) throws UsageException {
		try (InputStream in = Files.newInputStream(file)) {
			List<Certificate> certificates = new ArrayList<>(
					CertificateFactory.getInstance("X.509").generateCertificates(in));
			if (certificates.isEmpty()) {
				throw new UsageException(option.displayName() + ": no certificate in '" + file + "'");
			}
			return certificates;
		}
		catch (NoSuchFileException ex) {
			throw new UsageException(option.displayName() + ": no such file '" + file + "'");
		}
		catch (IOException ex) {
			throw new UsageException(option.displayName() + ": cannot read '" + file + "': " + ex.getMessage());
		}
		catch (CertificateException ex) {
			throw new UsageException(option.displayName() + ": '" + file + "' is not a PEM certificate file");
		}
	}

	/**
	 * The key's bytes are never part of a message.
	 */
	private static PrivateKey privateKey(Path file) throws UsageException {
		String pem;
		try {
			pem = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			throw new UsageException(Option.CLIENT_KEY.displayName() + ": no such file '" + file + "'");
		}
		catch (IOException | RuntimeException ex) {
			throw new UsageException(Option.CLIENT_KEY.displayName() + ": cannot read '" + file + "'");
		}
		String begin = "-----BEGIN PRIVATE KEY-----";
		int start = pem.indexOf(begin);
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (start < 0 || end < start) {
			throw new UsageException(Option.CLIENT_KEY.displayName() + ": '" + file + "' holds no unencrypted "
					+ "PKCS#8 key (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt");
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(Option.CLIENT_KEY.displayName() + ": '" + file + "' is not valid base64");
		}
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next algorithm
			}
		}
		throw new UsageException(Option.CLIENT_KEY.displayName() + ": '" + file + "' is not an RSA, EC or EdDSA key");
	}

	private static KeyStore emptyStore() throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try {
			store.load(null, null);
		}
		catch (IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		return store;
	}

}
