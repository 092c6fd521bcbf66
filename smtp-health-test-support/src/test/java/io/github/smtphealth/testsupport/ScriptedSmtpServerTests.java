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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link ScriptedSmtpServer}, with a plain {@link Socket} client.
 */
class ScriptedSmtpServerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void sendAndExpectPlayTheScript() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("220 ready")
			.expect("EHLO")
			.send("250-hi", "250 SIZE 1000")
			.expect("QUIT")
			.send("221 bye")
			.close()); Client client = new Client(server)) {
			assertThat(client.readLine()).isEqualTo("220 ready");
			client.exchange("EHLO client.test", "250-hi", "250 SIZE 1000");
			client.exchange("QUIT", "221 bye");
			assertThat(client.readLine()).isNull();
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO client.test", "QUIT");
			assertThat(server.connectionCount()).isOne();
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void expectIgnoresCaseAndAcceptsBareLf() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.expect("EHLO").send("250 ok").readLine().send("250 read"));
				Client client = new Client(server)) {
			client.sendRaw("ehlo client.test\n");
			assertThat(client.readLine()).isEqualTo("250 ok");
			client.exchange("anything", "250 read");
			client.hangUp();
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("ehlo client.test", "anything");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void expectMismatchRepliesNothingAndRecordsTheMismatch() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").expect("EHLO").send("250 ok"));
				Client client = new Client(server)) {
			assertThat(client.readLine()).isEqualTo("220 ready");
			client.send("HELO client.test");
			client.socket.setSoTimeout(300);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(client::readLine);
			client.hangUp();
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).singleElement()
				.asString()
				.contains("connection 1, step 2 (expect \"EHLO\")")
				.contains("expected \"EHLO\" but received \"HELO client.test\"");
		}
	}

	@Test
	void clientDisconnectingMidScriptIsRecordedNotThrown() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").expect("EHLO"))) {
			try (Client client = new Client(server)) {
				assertThat(client.readLine()).isEqualTo("220 ready");
			}
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).singleElement().asString().contains("client closed the connection");
		}
	}

	@Test
	void delayDelaysTheNextStep() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(300)).send("220 late"));
				Client client = new Client(server)) {
			long start = System.nanoTime();
			assertThat(client.readLine()).isEqualTo("220 late");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}
	}

	@Test
	void sendSplitAndDribbleDeliverTheTextOverTime() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.sendSplit("220-split\r\n220 done\r\n", 5, Duration.ofMillis(20))
				.dribble("250 slow\r\n", Duration.ofMillis(10))); Client client = new Client(server)) {
			long start = System.nanoTime();
			client.expectLines("220-split", "220 done", "250 slow");
			// 5 chunks with 4 pauses of 20 ms, then 10 bytes with 9 pauses of 10 ms
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(170));
		}
	}

	@Test
	void sendRawSendsBytesAsIs() throws Exception {
		byte[] bytes = { '2', '2', '0', ' ', (byte) 0xff, '\n' };
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.sendRaw(bytes).close());
				Client client = new Client(server)) {
			assertThat(client.in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void closeEndsTheConnectionWithEndOfStream() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("421 bye").close());
				Client client = new Client(server)) {
			assertThat(client.readLine()).isEqualTo("421 bye");
			assertThat(client.in.read()).isEqualTo(-1);
		}
	}

	@Test
	void resetAbortsTheConnection() throws Exception {
		// The reset waits for a line, so it cannot race the client's connect: on JDK 25 a
		// RST that
		// arrives while a timed connect is being finished fails the connect itself.
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.expect("HELLO").reset());
				Client client = new Client(server)) {
			client.send("HELLO");
			assertThatExceptionOfType(SocketException.class).isThrownBy(client.in::read).withMessageContaining("reset");
		}
	}

	@Test
	void shutdownOutputHalfClosesTheConnection() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").shutdownOutput().expect("QUIT"))) {
			try (Client client = new Client(server)) {
				assertThat(client.readLine()).isEqualTo("220 ready");
				assertThat(client.in.read()).isEqualTo(-1);
				client.send("QUIT");
			}
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("QUIT");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void startTlsUpgradesTheConnectionAndRecordsWhatCameInPlaintext() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("mail.example.test");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("220 ready")
			.expect("EHLO")
			.send("250-hi", "250 STARTTLS")
			.expect("STARTTLS")
			.send("220 go")
			.startTls(certificate.serverSslContext())
			.expect("EHLO")
			.send("250 ok")
			.expect("QUIT")
			.send("221 bye")
			.close()); Client client = new Client(server)) {
			assertThat(client.readLine()).isEqualTo("220 ready");
			client.exchange("EHLO client.test", "250-hi", "250 STARTTLS");
			client.exchange("STARTTLS", "220 go");
			client.startTls(certificate.clientSslContext(), "mail.example.test");
			client.exchange("EHLO client.test", "250 ok");
			client.exchange("QUIT", "221 bye");
			server.awaitCompleted(1, WAIT);
			assertThat(server.receivedInPlaintext()).containsExactly("EHLO client.test", "STARTTLS");
			assertThat(server.receivedLines()).containsExactly(new ReceivedLine(1, false, "EHLO client.test"),
					new ReceivedLine(1, false, "STARTTLS"), new ReceivedLine(1, true, "EHLO client.test"),
					new ReceivedLine(1, true, "QUIT"));
			assertThat(server.tlsProtocols()).containsExactly("TLSv1.3");
			assertThat(server.sniHostNames()).containsExactly("mail.example.test");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void implicitTlsWithRsaCertificateAndTls12Only() throws Exception {
		TestCertificate certificate = TestCertificates.builder("localhost").rsa().build();
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext("TLSv1.2")).send("220 secure"));
				Client client = new Client(server)) {
			SSLSocket socket = client.startTls(certificate.clientSslContext(), "localhost");
			assertThat(client.readLine()).isEqualTo("220 secure");
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
			assertThat(socket.getSession().getCipherSuite()).contains("RSA");
		}
	}

	@Test
	void hostNameNotInSubjectAlternativeNamesIsRejected() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("mail.example.test");
		try (ScriptedSmtpServer server = implicitTls(certificate.serverSslContext());
				Client client = new Client(server)) {
			assertHandshakeFails(client, certificate).withMessageContaining("localhost");
		}
	}

	static Stream<Arguments> certificatesOutsideTheirValidity() {
		return Stream.of(Arguments.of(TestCertificates.expired("localhost"), CertificateExpiredException.class),
				Arguments.of(TestCertificates.notYetValid("localhost"), CertificateNotYetValidException.class));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("certificatesOutsideTheirValidity")
	void certificateOutsideItsValidityIsRejectedByDefaultClient(TestCertificate certificate,
			Class<? extends Throwable> rootCause) throws Exception {
		try (ScriptedSmtpServer server = implicitTls(certificate.serverSslContext());
				Client client = new Client(server)) {
			assertHandshakeFails(client, certificate).withRootCauseInstanceOf(rootCause);
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).singleElement().asString().contains("startTls");
		}
	}

	@Test
	void completeChainIsAcceptedAndChainMissingItsIntermediateIsRejected() throws Exception {
		TestCertificate certificate = TestCertificates.chain("localhost");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> script.startTls(certificate.serverSslContext()).send("220 complete chain"))
			.script((script) -> script.startTls(certificate.leafOnly().serverSslContext()).send("220 leaf only"))
			.start()) {
			try (Client client = new Client(server)) {
				SSLSocket socket = client.startTls(certificate.clientSslContext(), "localhost");
				assertThat(client.readLine()).isEqualTo("220 complete chain");
				assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
			}
			try (Client client = new Client(server)) {
				assertHandshakeFails(client, certificate)
					.withMessageContaining("unable to find valid certification path");
			}
		}
	}

	@Test
	void tlsV1OnlyServerFailsTheHandshakeWithAModernClient() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("localhost");
		try (ScriptedSmtpServer server = implicitTls(certificate.serverSslContext("TLSv1"));
				Client client = new Client(server)) {
			assertHandshakeFails(client, certificate);
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).singleElement().asString().contains("SSLHandshakeException");
			assertThat(server.tlsProtocols()).isEmpty();
		}
	}

	@Test
	void ipv6LoopbackWithIpAddressInSubjectAlternativeNames() throws Exception {
		assumeThat(ipv6LoopbackAvailable()).as("IPv6 loopback available").isTrue();
		TestCertificate certificate = TestCertificates.selfSigned("::1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.ipv6()
			.script((script) -> script.startTls(certificate.serverSslContext()).send("220 v6"))
			.start(); Client client = new Client(server)) {
			assertThat(server.host()).isEqualTo("::1");
			assertThat(client.socket.getInetAddress()).isEqualTo(InetAddress.getByName("::1"));
			client.startTls(certificate.clientSslContext(), "::1");
			assertThat(client.readLine()).isEqualTo("220 v6");
		}
	}

	@Test
	void playsTheScriptOnEveryConnectionAndCountsThem() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			for (int i = 0; i < 3; i++) {
				try (Client client = new Client(server)) {
					assertThat(client.readLine()).startsWith("220 ");
					client.send("EHLO client" + i);
					assertThat(client.readLines("250")).last().asString().startsWith("250 ");
					client.send("MAIL FROM:<>");
					assertThat(client.readLine()).startsWith("250 ");
					client.send("RSET");
					assertThat(client.readLine()).startsWith("250 ");
					client.send("QUIT");
					assertThat(client.readLine()).startsWith("221 ");
					assertThat(client.readLine()).isNull();
				}
			}
			server.awaitCompleted(3, WAIT);
			assertThat(server.connectionCount()).isEqualTo(3);
			assertThat(server.received(2)).containsExactly("EHLO client1", "MAIL FROM:<>", "RSET", "QUIT");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void answerCommandsRepliesInAnyOrder() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").answerCommands("SIZE 1000", "8BITMIME"));
				Client client = new Client(server)) {
			assertThat(client.readLine()).isEqualTo("220 ready");
			client.send("EHLO client.test");
			assertThat(client.readLines("250")).containsExactly("250-scripted.test", "250-SIZE 1000", "250 8BITMIME");
			client.exchange("RCPT TO:<a@example.test>", "250 OK");
			client.send("AUTH PLAIN AGEAYg==");
			assertThat(client.readLine()).startsWith("502 ");
			client.send("QUIT");
			assertThat(client.readLine()).startsWith("221 ");
			assertThat(client.readLine()).isNull();
		}
	}

	@Test
	void acceptButNeverSpeakAcceptsAndStaysSilent() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			try (Client client = new Client(server)) {
				client.socket.setSoTimeout(200);
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(client::readLine);
				client.send("EHLO anyone");
			}
			server.awaitCompleted(1, WAIT);
			assertThat(server.connectionCount()).isOne();
			assertThat(server.received()).containsExactly("EHLO anyone");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void readTimeoutBoundsEveryRead() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.readTimeout(Duration.ofMillis(200))
			.script((script) -> script.expect("EHLO"))
			.start(); Client client = new Client(server)) {
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).singleElement().asString().contains("SocketTimeoutException");
			assertThat(client.in.read()).isEqualTo(-1);
		}
	}

	@Test
	void closeStopsEverythingPromptlyAndLeavesNoThreads() throws Exception {
		try (ScriptedSmtpServer warmUp = ScriptedSmtpServer.happyPath(); Client client = new Client(warmUp)) {
			assertThat(client.readLine()).startsWith("220");
		}
		LeakCheck baseline = LeakCheck.snapshot();
		ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script(SmtpScript::silence)
			.script((script) -> script.delay(Duration.ofMinutes(1)))
			.script((script) -> script.send("220 ready").expect("EHLO"))
			.start();
		List<Client> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				clients.add(new Client(server));
			}
			assertThat(clients.get(2).readLine()).isEqualTo("220 ready");
			long start = System.nanoTime();
			server.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(server.connectionCount()).isEqualTo(3);
			assertThat(server.errors()).isEmpty();
			for (Client client : clients) {
				assertThat(client.in.read()).isEqualTo(-1);
			}
		}
		finally {
			for (Client client : clients) {
				client.hangUp();
			}
			server.close();
		}
		baseline.assertBackToBaseline(Duration.ofSeconds(5));
	}

	/**
	 * Assert that the client, trusting the certificate's anchor, fails the handshake with
	 * {@code localhost}.
	 */
	private static ThrowableAssertAlternative<SSLHandshakeException> assertHandshakeFails(Client client,
			TestCertificate certificate) {
		return assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> client.startTls(certificate.clientSslContext(), "localhost"));
	}

	private static ScriptedSmtpServer implicitTls(SSLContext sslContext) {
		return ScriptedSmtpServer.start((script) -> script.startTls(sslContext).send("220 secure"));
	}

	private static boolean ipv6LoopbackAvailable() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A minimal line-based client on a plain socket, with STARTTLS.
	 */
	private static final class Client implements AutoCloseable {

		private final Socket socket;

		private InputStream in;

		private OutputStream out;

		Client(ScriptedSmtpServer server) throws IOException {
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress(server.host(), server.port()), 5000);
			this.socket.setSoTimeout(5000);
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}

		void send(String line) throws IOException {
			sendRaw(line + "\r\n");
		}

		void sendRaw(String text) throws IOException {
			this.out.write(text.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		/**
		 * Send a command, then assert the lines the server answers with, in order.
		 */
		void exchange(String command, String... replyLines) throws IOException {
			send(command);
			expectLines(replyLines);
		}

		/**
		 * Assert the next lines the server sends.
		 */
		void expectLines(String... lines) throws IOException {
			for (String line : lines) {
				assertThat(readLine()).isEqualTo(line);
			}
		}

		@Nullable String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			if (b == -1 && line.size() == 0) {
				return null;
			}
			String text = line.toString(StandardCharsets.UTF_8);
			return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
		}

		List<String> readLines(String code) throws IOException {
			List<String> lines = new ArrayList<>();
			String line;
			do {
				line = readLine();
				assertThat(line).startsWith(code);
				lines.add(line);
			}
			while (line.charAt(3) == '-');
			return lines;
		}

		void awaitReadable(Duration within) throws Exception {
			long deadline = System.nanoTime() + within.toNanos();
			while (this.in.available() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
		}

		SSLSocket startTls(SSLContext sslContext, String host) throws IOException {
			SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory()
				.createSocket(this.socket, host, this.socket.getPort(), true);
			SSLParameters parameters = ssl.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			ssl.setSSLParameters(parameters);
			ssl.startHandshake();
			this.in = ssl.getInputStream();
			this.out = ssl.getOutputStream();
			return ssl;
		}

		void hangUp() throws IOException {
			this.socket.close();
		}

		@Override
		public void close() throws IOException {
			hangUp();
		}

	}

}
