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

import java.nio.file.Path;

/**
 * PEM files written by {@link TestCertificate#writePem(Path)}.
 *
 * @param certificate the chain, leaf first ({@code cert.pem})
 * @param privateKey the unencrypted PKCS#8 private key ({@code key.pem})
 * @param ca the trust anchor ({@code ca.pem})
 * @since 0.1.0
 */
public record PemFiles(Path certificate, Path privateKey, Path ca) {

	/**
	 * Return {@code key=value} pairs that declare a Spring PEM SSL bundle of these files,
	 * for {@code ApplicationContextRunner.withPropertyValues(...)}.
	 * @param bundle the bundle name
	 * @return the {@code spring.ssl.bundle.pem.<bundle>.*} properties
	 */
	public String[] bundleProperties(String bundle) {
		String prefix = "spring.ssl.bundle.pem." + bundle + ".";
		return new String[] { prefix + "keystore.certificate=" + location(this.certificate),
				prefix + "keystore.private-key=" + location(this.privateKey),
				prefix + "truststore.certificate=" + location(this.ca) };
	}

	private static String location(Path path) {
		return "file:" + path.toAbsolutePath();
	}

}
