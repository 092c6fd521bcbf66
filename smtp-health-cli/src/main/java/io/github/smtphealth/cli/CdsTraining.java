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
 * The training run behind {@code smtp-check.jsa}, the class-data sharing archive built at package
 * time ({@code java -XX:ArchiveClassesAtExit=… -cp smtp-check.jar …CdsTraining keystore password}):
 * one {@code smtp-check -S -U … --ca-file …} against a loopback STARTTLS + AUTH server played here,
 * so the archive holds every class a real check loads, the TLS handshake's included. The key store
 * is made by {@code keytool} in the same build and deleted here; nothing of this runs when the
 * command is used.
 */
public final class CdsTraining {

	private static final String SECRET = "training-only";

	private CdsTraining() {
	}

	/**
	 * Run one check against a server of our own.
	 * @param args the PKCS#12 key store of the server's certificate and its password
	 * @throws Exception if the training cannot run, which fails the build
	 */
	public static void main(String[] args) throws Exception {
		char[] password = args[1].toCharArray();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
			keyStore.load(in, password);
		}
		Path ca = Files.createTempFile("smtp-check-training", ".pem");
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Files.writeString(ca, pem(keyStore), StandardCharsets.US_ASCII);
			SSLContext tls = serverContext(keyStore, password);
			Thread server = new Thread(() -> serve(listener, tls), "smtp-check-training-server");
			server.setDaemon(true);
			server.start();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
			int exitCode = new SmtpCheckCommand(capture, capture, Map.of("SMTP_PASSWORD", SECRET)::get)
				.run(List.of("-H", "127.0.0.1", "-p", String.valueOf(listener.getLocalPort()), "-S", "-U", "training",
						"--password-env", "SMTP_PASSWORD", "--ca-file", ca.toString(), "-w", "5", "-c", "8", "-t", "10", "-D", "0"));
			if (exitCode != PluginStatus.OK.exitCode()) {
				throw new IllegalStateException("The CDS training check did not end OK but with exit code " + exitCode
						+ ": " + output.toString(StandardCharsets.UTF_8));
			}
		}
		finally {
			Files.deleteIfExists(ca);
			// keytool refuses to add to an existing store: the next build makes a new one.
			Files.deleteIfExists(Path.of(args[0]));
		}
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
	 * 220, EHLO with STARTTLS, the handshake, EHLO with AUTH, then 235 and 250 to everything, 221 to QUIT.
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
			try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
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
