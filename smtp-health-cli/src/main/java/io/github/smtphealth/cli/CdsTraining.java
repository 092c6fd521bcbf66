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

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The training run behind {@code smtp-check.jsa}, the class-data sharing archive of
 * {@code bin/smtp-check}: one {@code smtp-check -S -U … --ca-file …} against a loopback
 * STARTTLS + AUTH server played here, so the archive holds every class a real check
 * loads, the TLS handshake's included. Run at package time, and again wherever the jar is
 * installed (Java 17 records the jar's absolute path in the archive): <pre>
 * java -XX:ArchiveClassesAtExit=smtp-check.jsa -cp smtp-check.jar io.github.smtphealth.cli.CdsTraining
 * </pre> The server's certificate comes from the JDK's own {@code keytool}, in a
 * temporary directory that is deleted afterwards. Nothing of this runs when the command
 * is used.
 */
public final class CdsTraining {

	private static final String SECRET = "training-only";

	private static final String STORE_PASSWORD = "cds-training";

	private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

	private CdsTraining() {
	}

	/**
	 * Run one check against a server of our own.
	 * @param args none
	 * @throws Exception if the training cannot run, which fails the build
	 */
	public static void main(String[] args) throws Exception {
		Path directory = Files.createTempDirectory("smtp-check-training");
		try {
			Path store = directory.resolve("server.p12");
			KeyStore keyStore = keyStore(store);
			Path ca = Files.writeString(directory.resolve("ca.pem"), pem(keyStore), StandardCharsets.US_ASCII);
			train(serverContext(keyStore, STORE_PASSWORD.toCharArray()), ca);
		}
		finally {
			try (java.util.stream.Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(directory);
		}
	}

	private static void train(SSLContext tls, Path ca) throws IOException {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> serve(listener, tls), "smtp-check-training-server");
			server.setDaemon(true);
			server.start();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
			int exitCode = new SmtpCheckCommand(capture, capture, Map.of("SMTP_PASSWORD", SECRET)::get)
				.run(List.of("-H", "127.0.0.1", "-p", String.valueOf(listener.getLocalPort()), "-S", "-U", "training",
						"--password-env", "SMTP_PASSWORD", "--ca-file", ca.toString(), "-w", "5", "-c", "8", "-t", "10",
						"-D", "0"));
			if (exitCode != PluginStatus.OK.exitCode()) {
				throw new IllegalStateException("The CDS training check did not end OK but with exit code " + exitCode
						+ ": " + output.toString(StandardCharsets.UTF_8));
			}
		}
	}

	/**
	 * A self-signed certificate for 127.0.0.1 from {@code keytool}: the JDK has no public
	 * API to make one.
	 */
	private static KeyStore keyStore(Path store) throws IOException, GeneralSecurityException, InterruptedException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", store.toString(),
				"-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-alias", "training", "-keyalg", "RSA",
				"-keysize", "2048", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
				|| process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(keytool + " -genkeypair failed");
		}
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, STORE_PASSWORD.toCharArray());
		}
		return keyStore;
	}

	private static String pem(KeyStore keyStore) throws GeneralSecurityException {
		String alias = keyStore.aliases().nextElement();
		byte[] der = keyStore.getCertificate(alias).getEncoded();
		return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END CERTIFICATE-----\n";
	}

	private static SSLContext serverContext(KeyStore keyStore, char[] password) throws GeneralSecurityException {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, password);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	/**
	 * 220, EHLO with STARTTLS, the handshake, EHLO with AUTH, then 235 and 250 to
	 * everything, 221 to QUIT.
	 */
	private static void serve(ServerSocket listener, SSLContext tls) {
		try (Socket plain = listener.accept()) {
			plain.setSoTimeout(10_000);
			BufferedReader in = reader(plain.getInputStream());
			Writer out = writer(plain.getOutputStream());
			send(out, "220 training ESMTP");
			in.readLine();
			send(out, "250-training\r\n250 STARTTLS");
			in.readLine();
			send(out, "220 go ahead");
			try (SSLSocket secure = (SSLSocket) tls.getSocketFactory()
				.createSocket(plain, null, plain.getPort(), false)) {
				secure.setUseClientMode(false);
				secure.startHandshake();
				in = reader(secure.getInputStream());
				out = writer(secure.getOutputStream());
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					String verb = line.toUpperCase(java.util.Locale.ROOT);
					send(out, verb.startsWith("EHLO") ? "250-training\r\n250 AUTH PLAIN LOGIN"
							: verb.startsWith("AUTH") ? "235 ok" : verb.startsWith("QUIT") ? "221 bye" : "250 ok");
					if (verb.startsWith("QUIT")) {
						return;
					}
				}
			}
		}
		catch (IOException ex) {
			// The check then fails, and main says so.
		}
	}

	private static BufferedReader reader(InputStream in) {
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
	}

	private static Writer writer(OutputStream out) {
		return new java.io.OutputStreamWriter(out, StandardCharsets.US_ASCII);
	}

	private static void send(Writer out, String reply) throws IOException {
		out.write(reply + "\r\n");
		out.flush();
	}

}
