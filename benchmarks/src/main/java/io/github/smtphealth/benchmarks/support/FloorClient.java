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

package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The floor: the shortest client that does the probe's dialogue, with no parsing beyond
 * the reply codes, no per-phase timing, no deadline bookkeeping and no result object.
 * Connect, greeting 220, EHLO, (STARTTLS, the same TLS verification as the probe, EHLO,
 * AUTH LOGIN,) MAIL FROM, RSET, QUIT.
 * <p>
 * Like the probe, it does a full TLS handshake every time (a new {@code SSLContext} per
 * connection, so that no session is resumed): the probe must see the server's certificate
 * chain on every check to judge its expiry, and a floor that resumed sessions would time
 * a shorter handshake than any correct check can do.
 *
 * @since 0.1.0
 */
public final class FloorClient {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final InetSocketAddress address;

	private final String host;

	private final @Nullable BenchTarget tls;

	private final byte @Nullable [] username;

	private final byte @Nullable [] password;

	private final byte[] ehlo;

	private final byte[] mailFrom;

	/**
	 * Create a client for a target.
	 * @param target the target
	 * @throws IOException if the host is not an address
	 */
	public FloorClient(BenchTarget target) throws IOException {
		this.address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
		this.host = target.host();
		this.tls = target.tls() ? target : null;
		this.username = (target.username() != null) ? line(base64(target.username())) : null;
		this.password = (target.password() != null) ? line(base64(target.password())) : null;
		this.ehlo = line("EHLO " + BenchTarget.HELO_NAME);
		this.mailFrom = line("MAIL FROM:<" + BenchTarget.MAIL_FROM + ">");
	}

	/**
	 * Run the dialogue once.
	 * @return the code of the last reply (221)
	 * @throws IOException if the server fails or answers with an unexpected code
	 */
	public int run() throws IOException {
		try (Socket raw = new Socket()) {
			raw.setTcpNoDelay(true);
			raw.connect(this.address, TIMEOUT_MILLIS);
			raw.setSoTimeout(TIMEOUT_MILLIS);
			Socket socket = raw;
			Conversation conversation = new Conversation(raw.getInputStream(), raw.getOutputStream());
			conversation.expect(220);
			conversation.send(this.ehlo, 250);
			if (this.tls != null) {
				conversation.send(Commands.STARTTLS, 220);
				SSLSocketFactory factory = this.tls.clientContext().getSocketFactory();
				SSLSocket tlsSocket = (SSLSocket) factory.createSocket(raw, this.host, this.address.getPort(), true);
				SSLParameters parameters = tlsSocket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				tlsSocket.setSSLParameters(parameters);
				tlsSocket.startHandshake();
				socket = tlsSocket;
				conversation = new Conversation(tlsSocket.getInputStream(), tlsSocket.getOutputStream());
				conversation.send(this.ehlo, 250);
			}
			if (this.username != null && this.password != null) {
				conversation.send(Commands.AUTH_LOGIN, 334);
				conversation.send(this.username, 334);
				conversation.send(this.password, 235);
			}
			conversation.send(this.mailFrom, 250);
			conversation.send(Commands.RSET, 250);
			int code = conversation.send(Commands.QUIT, 221);
			socket.close();
			return code;
		}
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] line(String command) {
		return (command + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Fixed command lines.
	 */
	private static final class Commands {

		static final byte[] STARTTLS = line("STARTTLS");

		static final byte[] AUTH_LOGIN = line("AUTH LOGIN");

		static final byte[] RSET = line("RSET");

		static final byte[] QUIT = line("QUIT");

	}

	/**
	 * Writes command lines and reads reply codes.
	 */
	private static final class Conversation {

		private final InputStream in;

		private final OutputStream out;

		private final byte[] buffer = new byte[8192];

		private int position;

		private int limit;

		Conversation(InputStream in, OutputStream out) {
			this.in = in;
			this.out = out;
		}

		int send(byte[] command, int expected) throws IOException {
			this.out.write(command);
			this.out.flush();
			return expect(expected);
		}

		/**
		 * Read one reply (all its lines) and check its code.
		 */
		int expect(int expected) throws IOException {
			while (true) {
				int code = digit() * 100 + digit() * 10 + digit();
				int separator = next();
				skipLine(separator);
				if (separator != '-') {
					if (code != expected) {
						throw new IOException("expected " + expected + " but got " + code);
					}
					return code;
				}
			}
		}

		private int digit() throws IOException {
			int b = next();
			if (b < '0' || b > '9') {
				throw new IOException("not a reply code");
			}
			return b - '0';
		}

		private void skipLine(int current) throws IOException {
			int b = current;
			while (b != '\n') {
				b = next();
			}
		}

		private int next() throws IOException {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer, 0, this.buffer.length);
				this.position = 0;
				if (this.limit <= 0) {
					this.limit = 0;
					throw new IOException("connection closed");
				}
			}
			return this.buffer[this.position++];
		}

	}

}
