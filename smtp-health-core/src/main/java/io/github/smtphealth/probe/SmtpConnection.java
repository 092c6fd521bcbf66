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

package io.github.smtphealth.probe;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.github.smtphealth.probe.ReplyReader.MalformedReplyException;

/**
 * One SMTP connection under a deadline: sends command lines and reads replies, turning
 * every I/O problem into a {@link ProbeException} that names the phase and what the probe
 * was waiting for. Before each blocking read the socket timeout is set to the time left,
 * so a server that dribbles bytes cannot stretch the probe.
 */
final class SmtpConnection implements Closeable {

	private static final System.Logger logger = System.getLogger(SmtpConnection.class.getName());

	private final Socket rawSocket;

	private final Deadline deadline;

	private final ReplyReader reader;

	private final SecretRedactor redactor;

	private long bytesReceived;

	private long readLimitNanos = Long.MAX_VALUE;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	SmtpConnection(Socket rawSocket, Deadline deadline, SecretRedactor redactor) throws IOException {
		this.rawSocket = rawSocket;
		this.deadline = deadline;
		this.redactor = redactor;
		this.socket = rawSocket;
		this.in = rawSocket.getInputStream();
		this.out = rawSocket.getOutputStream();
		this.reader = new ReplyReader(this::readWithDeadline);
	}

	/**
	 * Continue over TLS: from now on every byte goes through the given socket, which
	 * wraps the raw one. Bytes received before the switch but not yet read are dropped
	 * (RFC 3207 4.2).
	 * @param tlsSocket the socket after its handshake
	 * @throws IOException if the socket's streams cannot be had
	 */
	void switchToTls(SSLSocket tlsSocket) throws IOException {
		int dropped = this.reader.discardBuffered();
		if (dropped > 0) {
			logger.log(Level.DEBUG, "Dropped {0} bytes the server sent before the TLS handshake", dropped);
		}
		this.socket = tlsSocket;
		this.in = tlsSocket.getInputStream();
		this.out = tlsSocket.getOutputStream();
	}

	boolean isEncrypted() {
		return this.socket instanceof SSLSocket;
	}

	Socket rawSocket() {
		return this.rawSocket;
	}

	/**
	 * Send a command and read its reply.
	 * @param phase the phase, for errors
	 * @param command the command line without CRLF
	 * @return the reply
	 * @throws ProbeException if sending or reading fails
	 */
	SmtpReply exchange(Phase phase, String command) throws ProbeException {
		send(phase, command, false);
		return read(phase, "the reply to " + verb(command));
	}

	/**
	 * Send a command and read its reply, waiting no longer than the given time (nor the
	 * deadline).
	 * @param phase the phase, for errors
	 * @param command the command line without CRLF
	 * @param within the longest wait for the reply
	 * @return the reply
	 * @throws ProbeException if sending or reading fails
	 */
	SmtpReply exchangeWithin(Phase phase, String command, Duration within) throws ProbeException {
		this.readLimitNanos = System.nanoTime() + within.toNanos();
		try {
			return exchange(phase, command);
		}
		finally {
			this.readLimitNanos = Long.MAX_VALUE;
		}
	}

	/**
	 * Send a line that carries a secret (AUTH data): it is never logged.
	 * @param phase the phase, for errors
	 * @param line the line without CRLF
	 * @param what what the line is, for errors and logs
	 * @return the reply
	 * @throws ProbeException if sending or reading fails
	 */
	SmtpReply exchangeSecret(Phase phase, String line, String what) throws ProbeException {
		send(phase, line, true);
		return read(phase, "the reply to " + what);
	}

	/**
	 * Send message content after a 354 (already dot-stuffed and terminated) in one write,
	 * and read the reply to the final dot. The content is logged by size only.
	 * @param phase the phase, for errors
	 * @param content the bytes, ending in {@code CRLF.CRLF}
	 * @return the reply
	 * @throws ProbeException if sending or reading fails
	 */
	SmtpReply exchangeContent(Phase phase, byte[] content) throws ProbeException {
		if (this.reader.hasBuffered()) {
			throw new ProbeException(phase, FailureKind.PROTOCOL, null,
					"server sent data nobody asked for before the message content");
		}
		if (logger.isLoggable(Level.DEBUG)) {
			logger.log(Level.DEBUG, "C: <message, {0} bytes>", content.length);
		}
		try {
			this.out.write(content);
			this.out.flush();
		}
		catch (IOException ex) {
			throw failure(phase, "sending the message", ex);
		}
		return read(phase, "the reply to the end of the message");
	}

	/**
	 * Read one reply.
	 * @param phase the phase, for errors
	 * @param waitingFor what the probe waits for, as in "timed out waiting for the
	 * greeting"
	 * @return the reply
	 * @throws ProbeException if no valid reply arrives in time
	 */
	SmtpReply read(Phase phase, String waitingFor) throws ProbeException {
		try {
			SmtpReply reply = this.reader.read();
			if (logger.isLoggable(Level.DEBUG)) {
				String summary = (phase == Phase.AUTH) ? this.redactor.authReply(reply) : reply.summary();
				logger.log(Level.DEBUG, "S: {0} ({1} lines)", this.redactor.clean(summary), reply.lines().size());
			}
			return reply;
		}
		catch (MalformedReplyException ex) {
			throw new ProbeException(phase, FailureKind.PROTOCOL, null,
					"invalid reply while waiting for " + waitingFor + ": " + ex.describe(this.redactor::mask));
		}
		catch (EOFException ex) {
			throw new ProbeException(phase, FailureKind.CONNECTION, null,
					"connection closed by server while waiting for " + waitingFor);
		}
		catch (IOException ex) {
			throw failure(phase, "waiting for " + waitingFor, ex);
		}
	}

	/**
	 * Return whether the server has sent anything at all on this connection.
	 * @return {@code true} once a byte was received
	 */
	boolean hasReceivedAnything() {
		return this.bytesReceived > 0;
	}

	private void send(Phase phase, String line, boolean secret) throws ProbeException {
		if (this.reader.hasBuffered()) {
			throw new ProbeException(phase, FailureKind.PROTOCOL, null, "server sent data nobody asked for before "
					+ (secret ? "AUTH data" : verb(line)) + " (an extra reply, or an attempt to inject commands)");
		}
		if (logger.isLoggable(Level.DEBUG)) {
			logger.log(Level.DEBUG, "C: {0}", secret ? "<secret>" : line);
		}
		try {
			this.out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
		}
		catch (IOException ex) {
			throw failure(phase, "sending " + (secret ? "AUTH data" : verb(line)), ex);
		}
	}

	/**
	 * Turn an I/O exception into a failure. Past the deadline every error is a timeout,
	 * because the watchdog closing the socket is what caused it.
	 */
	ProbeException failure(Phase phase, String activity, IOException ex) {
		if (ex instanceof SocketTimeoutException || this.deadline.isExpired()) {
			return new ProbeException(phase, FailureKind.TIMEOUT, null,
					"timed out after " + Texts.human(this.deadline.timeout()) + " " + activity);
		}
		if (ex instanceof SSLException) {
			return new ProbeException(phase, FailureKind.TLS, null, "TLS error " + activity + ": " + ex.getMessage());
		}
		return new ProbeException(phase, FailureKind.CONNECTION, null,
				"connection failed " + activity + ": " + describe(ex));
	}

	private int readWithDeadline(byte[] target, int offset, int length) throws IOException {
		if (this.deadline.isExpired()) {
			throw new SocketTimeoutException("deadline passed");
		}
		int timeout = this.deadline.remainingMillisForSocket();
		if (this.readLimitNanos != Long.MAX_VALUE) {
			long limit = this.readLimitNanos - System.nanoTime();
			if (limit <= 0) {
				throw new SocketTimeoutException("read limit passed");
			}
			timeout = (int) Math.min(timeout, Math.max(1, limit / 1_000_000));
		}
		this.socket.setSoTimeout(timeout);
		int read = this.in.read(target, offset, length);
		if (read > 0) {
			this.bytesReceived += read;
		}
		return read;
	}

	static String describe(IOException ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

	private static String verb(String command) {
		for (String verb : new String[] { "MAIL FROM", "RCPT TO" }) {
			if (command.startsWith(verb)) {
				return verb;
			}
		}
		int space = command.indexOf(' ');
		return (space > 0) ? command.substring(0, space) : command;
	}

	@Override
	public void close() {
		Watchdog.closeQuietly(this.socket);
		Watchdog.closeQuietly(this.rawSocket);
	}

}
