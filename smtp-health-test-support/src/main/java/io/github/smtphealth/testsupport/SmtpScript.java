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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

/**
 * What a {@link ScriptedSmtpServer} does on each connection: a list of steps played in
 * order. A failed step (an unexpected command, a timeout, a disconnect) is recorded in
 * {@link ScriptedSmtpServer#errors()} and ends the script. When the script ends with the
 * connection still open, the server keeps reading (and recording) without replying until
 * the client closes or the read timeout passes, then closes.
 *
 * @since 0.1.0
 */
public final class SmtpScript {

	private static final Duration DEFAULT_SILENCE = Duration.ofSeconds(60);

	private final List<Step> steps = new ArrayList<>();

	SmtpScript() {
	}

	/**
	 * Send lines, each followed by CRLF, in one write (one TCP segment or TLS record
	 * where possible).
	 * @param lines the reply lines, for example {@code "250-hello", "250 STARTTLS"}
	 * @return this script
	 */
	public SmtpScript send(String... lines) {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		return add("send " + Arrays.toString(lines), (connection) -> connection.write(bytes));
	}

	/**
	 * Send bytes exactly as given, in one write.
	 * @param bytes the bytes
	 * @return this script
	 */
	public SmtpScript sendRaw(byte[] bytes) {
		byte[] copy = bytes.clone();
		return add("sendRaw " + copy.length + " bytes", (connection) -> connection.write(copy));
	}

	/**
	 * Send text exactly as given (include the {@code "\r\n"} yourself) in chunks, one
	 * write per chunk with a pause between them, so that a reply spans several TCP
	 * segments.
	 * @param text the text
	 * @param chunkSize the number of bytes per write
	 * @param pause the pause between writes
	 * @return this script
	 */
	public SmtpScript sendSplit(String text, int chunkSize, Duration pause) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("'chunkSize' must be positive");
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return add("sendSplit " + quote(text), (connection) -> connection.writeInChunks(bytes, chunkSize, pause));
	}

	/**
	 * Send text exactly as given (include the {@code "\r\n"} yourself) one byte per write
	 * with a pause after each byte: a slow-loris server.
	 * @param text the text
	 * @param perByte the pause after each byte
	 * @return this script
	 */
	public SmtpScript dribble(String text, Duration perByte) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return add("dribble " + quote(text), (connection) -> connection.writeInChunks(bytes, 1, perByte));
	}

	/**
	 * Read one line (ended by CRLF or LF) and check that it starts with the given prefix,
	 * ignoring case. On a mismatch the server records an error, replies nothing and goes
	 * silent.
	 * @param commandPrefix the expected start of the line, for example {@code "EHLO"}
	 * @return this script
	 */
	public SmtpScript expect(String commandPrefix) {
		return add("expect " + quote(commandPrefix), (connection) -> connection.expect(commandPrefix));
	}

	/**
	 * Read any one line and record it.
	 * @return this script
	 */
	public SmtpScript readLine() {
		return add("readLine", ScriptedConnection::readRequiredLine);
	}

	/**
	 * Do nothing for a while.
	 * @param duration how long
	 * @return this script
	 */
	public SmtpScript delay(Duration duration) {
		return add("delay " + duration, (connection) -> Thread.sleep(duration.toMillis()));
	}

	/**
	 * Read and record lines without replying until the client closes, for at most 60
	 * seconds.
	 * @return this script
	 */
	public SmtpScript silence() {
		return silence(DEFAULT_SILENCE);
	}

	/**
	 * Read and record lines without replying until the client closes, for at most the
	 * given time.
	 * @param max the longest silence
	 * @return this script
	 */
	public SmtpScript silence(Duration max) {
		return add("silence " + max, (connection) -> connection.silence(max));
	}

	/**
	 * Close the connection (a TLS {@code close_notify} first when TLS is active, then
	 * FIN).
	 * @return this script
	 */
	public SmtpScript close() {
		return add("close", ScriptedConnection::close);
	}

	/**
	 * Abort the connection with a TCP RST ({@code SO_LINGER} 0, then close).
	 * @return this script
	 */
	public SmtpScript reset() {
		return add("reset", ScriptedConnection::reset);
	}

	/**
	 * Half-close: shut down the server's output (FIN, or {@code close_notify} under TLS)
	 * and keep reading.
	 * @return this script
	 */
	public SmtpScript shutdownOutput() {
		return add("shutdownOutput", ScriptedConnection::shutdownOutput);
	}

	/**
	 * Layer server-side TLS over the connection and complete the handshake. The
	 * negotiated protocol and the SNI host names the client sent are recorded.
	 * @param sslContext the server context, for example
	 * {@link TestCertificate#serverSslContext()}
	 * @return this script
	 */
	public SmtpScript startTls(SSLContext sslContext) {
		return add("startTls", (connection) -> connection.startTls(sslContext, false));
	}

	/**
	 * Layer server-side TLS over the connection, requiring a client certificate that the
	 * context's trust managers accept (with {@link TestCertificate#serverSslContext()},
	 * the JDK's default trust store, which trusts no test certificate). Over TLS 1.3 the
	 * client's handshake completes before the server rejects it: the client sees the
	 * alert on its first read.
	 * @param sslContext the server context
	 * @return this script
	 */
	public SmtpScript startTlsRequiringClientCertificate(SSLContext sslContext) {
		return add("startTls (client certificate required)", (connection) -> connection.startTls(sslContext, true));
	}

	/**
	 * Ask the client for a new TLS handshake on the established session
	 * ({@code startHandshake()} again): under TLS 1.2 a {@code HelloRequest}, which the
	 * client answers with a renegotiation the server completes while it reads on; under
	 * TLS 1.3 a {@code KeyUpdate}. Each renegotiated handshake that completes adds its
	 * protocol to {@link ScriptedSmtpServer#tlsProtocols()}.
	 * @return this script
	 */
	public SmtpScript renegotiateTls() {
		return add("renegotiateTls", ScriptedConnection::renegotiateTls);
	}

	/**
	 * Play a normal dialogue: 220 greeting, {@code EHLO} → 250 lines, {@code MAIL} → 250,
	 * {@code RSET} → 250, {@code QUIT} → 221, close.
	 * @return this script
	 */
	public SmtpScript happyPath() {
		return send("220 scripted.test ESMTP ready").expect("EHLO")
			.send("250-scripted.test", "250-PIPELINING", "250-SIZE 10240000", "250 8BITMIME")
			.mailRsetQuit();
	}

	/**
	 * Send the greeting, answer {@code EHLO} with one line and {@code MAIL} with the
	 * given reply, and leave what follows to the caller: the start of a dialogue that
	 * fails or stalls at {@code MAIL}.
	 * @param greeting the greeting line
	 * @param ehloReply the one-line reply to {@code EHLO}
	 * @param mailReply the reply to {@code MAIL}
	 * @return this script
	 */
	public SmtpScript greetAndAnswerMail(String greeting, String ehloReply, String mailReply) {
		return send(greeting).expect("EHLO").send(ehloReply).expect("MAIL").send(mailReply);
	}

	/**
	 * Play the end of a normal dialogue: {@code MAIL} → 250, {@code RSET} → 250,
	 * {@code QUIT} → 221, close.
	 * @return this script
	 */
	public SmtpScript mailRsetQuit() {
		return expect("MAIL").send("250 OK").expect("RSET").send("250 OK").expect("QUIT").send("221 Bye").close();
	}

	/**
	 * Greet, answer {@code EHLO} advertising {@code STARTTLS} only, and read the client's
	 * {@code STARTTLS}, leaving the answer to what follows.
	 * @return this script
	 */
	public SmtpScript offerStartTls() {
		return send("220 scripted.test ESMTP ready").expect("EHLO")
			.send("250-scripted.test", "250 STARTTLS")
			.expect("STARTTLS");
	}

	/**
	 * Greet and answer {@code EHLO} advertising {@code AUTH} with the given mechanisms
	 * only, leaving what follows to the caller.
	 * @param mechanisms the mechanisms, space-separated, for example
	 * {@code "PLAIN LOGIN"}
	 * @return this script
	 */
	public SmtpScript offerAuth(String mechanisms) {
		return send("220 scripted.test ESMTP ready").expect("EHLO").send("250-scripted.test", "250 AUTH " + mechanisms);
	}

	/**
	 * Greet, answer {@code EHLO} advertising {@code STARTTLS} only, answer
	 * {@code STARTTLS} with 220 and do the server side of the handshake; what follows is
	 * the dialogue over TLS.
	 * @param sslContext the server context, for example
	 * {@link TestCertificate#serverSslContext()}
	 * @return this script
	 */
	public SmtpScript greetAndStartTls(SSLContext sslContext) {
		return offerStartTls().send("220 2.0.0 Ready to start TLS").startTls(sslContext);
	}

	/**
	 * Expect {@code AUTH PLAIN} with its initial response and accept it with 235.
	 * @return this script
	 */
	public SmtpScript acceptAuthPlain() {
		return expect("AUTH PLAIN ").send("235 2.7.0 Authentication successful");
	}

	/**
	 * Expect {@code AUTH LOGIN}, ask for the user name and the password (reading each
	 * answer) and accept them with 235.
	 * @return this script
	 */
	public SmtpScript acceptAuthLogin() {
		return expect("AUTH LOGIN").send("334 VXNlcm5hbWU6")
			.readLine()
			.send("334 UGFzc3dvcmQ6")
			.readLine()
			.send("235 2.7.0 Authentication successful");
	}

	/**
	 * Answer commands in any order until {@code QUIT} (221, then close) or the client
	 * closes: {@code EHLO} and {@code LHLO} with 250 lines advertising the given
	 * keywords; {@code HELO}, {@code MAIL}, {@code RCPT}, {@code RSET} and {@code NOOP}
	 * with 250; anything else (including {@code STARTTLS}, {@code AUTH} and {@code DATA})
	 * with 502. Sends no greeting: precede it with {@code send("220 ...")}.
	 * @param ehloKeywords the EHLO keywords, for example {@code "SIZE 1000", "8BITMIME"}
	 * @return this script
	 */
	public SmtpScript answerCommands(String... ehloKeywords) {
		List<String> ehlo = new ArrayList<>();
		ehlo.add("scripted.test");
		ehlo.addAll(Arrays.asList(ehloKeywords));
		String[] ehloReply = new String[ehlo.size()];
		for (int i = 0; i < ehloReply.length; i++) {
			ehloReply[i] = "250" + ((i < ehloReply.length - 1) ? "-" : " ") + ehlo.get(i);
		}
		return add("answerCommands", (connection) -> {
			String line;
			while ((line = connection.readLine()) != null) {
				String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO", "LHLO" -> connection.writeLines(ehloReply);
					case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> connection.writeLines("250 OK");
					case "QUIT" -> {
						connection.writeLines("221 Bye");
						connection.close();
						return;
					}
					default -> connection.writeLines("502 Command not implemented");
				}
			}
		});
	}

	List<Step> steps() {
		return List.copyOf(this.steps);
	}

	private SmtpScript add(String description, Action action) {
		this.steps.add(new Step(description, action));
		return this;
	}

	private static String quote(String text) {
		return '"' + text.replace("\r", "\\r").replace("\n", "\\n") + '"';
	}

	/**
	 * One step of a script.
	 *
	 * @param description what the step does, for error messages
	 * @param action what the step does
	 */
	record Step(String description, Action action) {

	}

	/**
	 * What a step does on a connection.
	 */
	@FunctionalInterface
	interface Action {

		/**
		 * Run the step. A step that closes the connection or gives up on it marks it
		 * finished, which ends the script.
		 * @param connection the connection
		 * @throws Exception on any failure, which ends the script
		 */
		void run(ScriptedConnection connection) throws Exception;

	}

}
