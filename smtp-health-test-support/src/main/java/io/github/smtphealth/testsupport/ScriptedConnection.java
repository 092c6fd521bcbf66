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
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

import io.github.smtphealth.testsupport.SmtpScript.Step;
import org.jspecify.annotations.Nullable;

/**
 * One accepted connection of a {@link ScriptedSmtpServer} playing its {@link SmtpScript}.
 * Only its own thread touches it.
 */
final class ScriptedConnection {

	private static final int MAX_LINE_LENGTH = 64 * 1024;

	private final ScriptedSmtpServer server;

	private final int number;

	private final Socket raw;

	private final int readTimeoutMillis;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private boolean tls;

	private boolean finished;

	private String step = "start";

	ScriptedConnection(ScriptedSmtpServer server, int number, Socket raw, Duration readTimeout) throws IOException {
		this.server = server;
		this.number = number;
		this.raw = raw;
		this.readTimeoutMillis = (int) Math.max(1, readTimeout.toMillis());
		raw.setTcpNoDelay(true);
		raw.setSoTimeout(this.readTimeoutMillis);
		this.socket = raw;
		this.in = raw.getInputStream();
		this.out = raw.getOutputStream();
	}

	void play(List<Step> steps) {
		try {
			for (int i = 0; i < steps.size() && !this.finished; i++) {
				Step current = steps.get(i);
				this.step = "step " + (i + 1) + " (" + current.description() + ")";
				current.action().run(this);
			}
			if (!this.finished) {
				this.step = "end of script";
				silence(Duration.ofMillis(this.readTimeoutMillis));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			error(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			closeQuietly();
		}
	}

	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void writeLines(String... lines) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		write(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	void writeInChunks(byte[] bytes, int chunkSize, Duration pause) throws IOException, InterruptedException {
		for (int offset = 0; offset < bytes.length; offset += chunkSize) {
			this.out.write(bytes, offset, Math.min(chunkSize, bytes.length - offset));
			this.out.flush();
			if (offset + chunkSize < bytes.length) {
				Thread.sleep(pause.toMillis());
			}
		}
	}

	/**
	 * Read one line, without its terminator, and record it.
	 * @return the line, or {@code null} when the client closed the connection
	 * @throws IOException on a read failure or timeout
	 */
	@Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != -1 && b != '\n') {
			if (line.size() >= MAX_LINE_LENGTH) {
				throw new IOException("Line longer than " + MAX_LINE_LENGTH + " bytes");
			}
			line.write(b);
		}
		if (b == -1 && line.size() == 0) {
			return null;
		}
		byte[] bytes = line.toByteArray();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
		this.server.recordLine(new ReceivedLine(this.number, this.tls, text));
		return text;
	}

	void readRequiredLine() throws IOException {
		if (readLine() == null) {
			error("client closed the connection");
			this.finished = true;
		}
	}

	void expect(String prefix) throws IOException {
		String line = readLine();
		if (line == null) {
			error("client closed the connection");
			this.finished = true;
		}
		else if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
			error("expected \"" + prefix + "\" but received \"" + line + "\"");
			silence(Duration.ofMillis(this.readTimeoutMillis));
			this.finished = true;
		}
	}

	void silence(Duration max) throws IOException {
		long deadline = System.nanoTime() + max.toNanos();
		try {
			while (true) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				this.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
				if (readLine() == null) {
					this.finished = true;
					return;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// The silence lasted as long as allowed
		}
		finally {
			restoreReadTimeout();
		}
	}

	private void restoreReadTimeout() {
		try {
			this.socket.setSoTimeout(this.readTimeoutMillis);
		}
		catch (IOException ex) {
			// Closed meanwhile: the next read fails anyway
		}
	}

	void close() {
		this.finished = true;
		closeQuietly();
	}

	void reset() throws IOException {
		this.finished = true;
		this.raw.setSoLinger(true, 0);
		this.raw.close();
	}

	void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	void startTls(SSLContext sslContext, boolean needClientCertificate) throws IOException {
		SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(this.raw, null, true);
		SSLParameters parameters = ssl.getSSLParameters();
		parameters.setSNIMatchers(List.of(new RecordingSniMatcher(this.server)));
		if (needClientCertificate) {
			parameters.setNeedClientAuth(true);
		}
		ssl.setSSLParameters(parameters);
		this.socket = ssl;
		ssl.startHandshake();
		this.in = ssl.getInputStream();
		this.out = ssl.getOutputStream();
		this.tls = true;
		this.server.recordTlsProtocol(ssl.getSession().getProtocol());
	}

	void renegotiateTls() throws IOException {
		if (!(this.socket instanceof SSLSocket ssl)) {
			throw new IOException("renegotiateTls before startTls");
		}
		// JSSE tells of a completed handshake on a thread of its own, after the reads
		// that finished it.
		ssl.addHandshakeCompletedListener((event) -> this.server.recordTlsProtocol(event.getSession().getProtocol()));
		ssl.startHandshake();
	}

	private void error(String message) {
		this.server.recordError("connection " + this.number + ", " + this.step + ": " + message);
	}

	private void closeQuietly() {
		if (this.socket != this.raw) {
			try {
				// Send close_notify: SSLSocket.close() would then wait (up to the read
				// timeout) for the client's close_notify
				this.socket.shutdownOutput();
			}
			catch (IOException ex) {
				// Closing anyway
			}
		}
		try {
			this.raw.close();
		}
		catch (IOException ex) {
			// Closing anyway
		}
	}

	/**
	 * Records every SNI host name a client sends and accepts it.
	 */
	private static final class RecordingSniMatcher extends SNIMatcher {

		private final ScriptedSmtpServer server;

		RecordingSniMatcher(ScriptedSmtpServer server) {
			super(StandardConstants.SNI_HOST_NAME);
			this.server = server;
		}

		@Override
		public boolean matches(SNIServerName serverName) {
			if (serverName instanceof SNIHostName hostName) {
				this.server.recordSniHostName(hostName.getAsciiName());
			}
			return true;
		}

	}

}
