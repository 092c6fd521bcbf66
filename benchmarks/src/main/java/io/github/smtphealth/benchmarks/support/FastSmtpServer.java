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

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * A minimal, fast SMTP server on the loopback interface: greeting, EHLO/HELO, STARTTLS,
 * AUTH LOGIN and PLAIN, MAIL, RCPT, RSET, NOOP and QUIT, and nothing else. It serves one
 * connection at a time on one thread (no thread per connection, no parsing beyond the
 * verb), so that a benchmark measures the client rather than the server. It counts the
 * connections it accepts, and can wait before every reply to stand in for a server that
 * is some network distance away.
 * <p>
 * Why not the shared {@code ScriptedSmtpServer} of {@code smtp-health-test-support}: that
 * one starts a thread per connection and records every line, which is what a fault test
 * asserts on and what a benchmark must not measure; it plays a fixed script, where this
 * one answers whatever dialogue a client (ours, JavaMail, {@code check_smtp}) chooses,
 * checks the AUTH credentials, and adds a reply delay. Its certificate and the lab reader
 * do come from the shared module.
 *
 * @since 0.1.0
 */
public final class FastSmtpServer implements AutoCloseable {

	private static final int SERVER_READ_TIMEOUT_MILLIS = 10_000;

	private final ServerSocket serverSocket;

	private final @Nullable SSLContext tls;

	private final @Nullable String username;

	private final @Nullable String password;

	private final Thread thread;

	private final AtomicLong connections = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile long replyDelayNanos;

	private volatile boolean closed;

	private FastSmtpServer(@Nullable SSLContext tls, @Nullable String username, @Nullable String password)
			throws IOException {
		this.tls = tls;
		this.username = username;
		this.password = password;
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		this.thread = new Thread(this::serve, "fast-smtp-" + this.serverSocket.getLocalPort());
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Start a server without TLS or AUTH.
	 * @return the running server
	 * @throws IOException if it cannot listen
	 */
	public static FastSmtpServer plain() throws IOException {
		return new FastSmtpServer(null, null, null);
	}

	/**
	 * Start a server that offers STARTTLS and, once TLS is on, AUTH LOGIN and PLAIN.
	 * @param tls the server's TLS context
	 * @param username the only user
	 * @param password the user's password
	 * @return the running server
	 * @throws IOException if it cannot listen
	 */
	public static FastSmtpServer startTls(SSLContext tls, String username, String password) throws IOException {
		return new FastSmtpServer(tls, username, password);
	}

	/**
	 * Return the port.
	 * @return the port on 127.0.0.1
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Return how many connections were accepted so far.
	 * @return the count
	 */
	public long connections() {
		return this.connections.get();
	}

	/**
	 * Return how many sessions ended other than with QUIT.
	 * @return the count
	 */
	public long failures() {
		return this.failures.get();
	}

	/**
	 * Wait this long before every reply, the greeting included.
	 * @param delay the delay; zero for none
	 */
	public void replyDelay(Duration delay) {
		this.replyDelayNanos = delay.toNanos();
	}

	private void serve() {
		while (!this.closed) {
			try (Socket socket = this.serverSocket.accept(); Session session = new Session(socket)) {
				this.connections.incrementAndGet();
				if (!session.run()) {
					this.failures.incrementAndGet();
				}
			}
			catch (IOException ex) {
				if (!this.closed) {
					this.failures.incrementAndGet();
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.serverSocket.close();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One SMTP session.
	 */
	private final class Session implements Closeable {

		private final Socket raw;

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		private final byte[] buffer = new byte[4096];

		private int position;

		private int limit;

		Session(Socket raw) throws IOException {
			this.raw = raw;
			this.socket = raw;
			raw.setTcpNoDelay(true);
			raw.setSoTimeout(SERVER_READ_TIMEOUT_MILLIS);
			this.in = raw.getInputStream();
			this.out = raw.getOutputStream();
		}

		/**
		 * Run the session; return whether it ended with QUIT.
		 */
		boolean run() throws IOException {
			reply("220 localhost ESMTP fast\r\n");
			while (true) {
				String line;
				try {
					line = readLine();
				}
				catch (EOFException | SocketException ex) {
					return false;
				}
				String verb = verb(line);
				switch (verb) {
					case "EHLO" -> reply(ehlo());
					case "HELO" -> reply("250 localhost\r\n");
					case "STARTTLS" -> {
						if (FastSmtpServer.this.tls == null || isTls()) {
							reply("502 5.5.1 Error: command not implemented\r\n");
						}
						else {
							reply("220 2.0.0 Ready to start TLS\r\n");
							startTls();
						}
					}
					case "AUTH" -> reply(auth(line));
					case "MAIL" -> reply("250 2.1.0 Ok\r\n");
					case "RCPT" -> reply("250 2.1.5 Ok\r\n");
					case "RSET", "NOOP" -> reply("250 2.0.0 Ok\r\n");
					case "QUIT" -> {
						reply("221 2.0.0 Bye\r\n");
						return true;
					}
					default -> reply("502 5.5.2 Error: command not recognized\r\n");
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		private boolean isTls() {
			return this.socket instanceof SSLSocket;
		}

		private String ehlo() {
			StringBuilder reply = new StringBuilder("250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n");
			if (FastSmtpServer.this.tls != null && !isTls()) {
				reply.append("250-STARTTLS\r\n");
			}
			if (FastSmtpServer.this.username != null && isTls()) {
				reply.append("250-AUTH PLAIN LOGIN\r\n");
			}
			return reply.append("250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n").toString();
		}

		private void startTls() throws IOException {
			SSLContext context = FastSmtpServer.this.tls;
			if (context == null) {
				throw new IllegalStateException("STARTTLS without TLS: ehlo() does not advertise it");
			}
			SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory()
				.createSocket(this.raw, "localhost", this.raw.getPort(), true);
			tlsSocket.setUseClientMode(false);
			tlsSocket.startHandshake();
			this.socket = tlsSocket;
			this.in = tlsSocket.getInputStream();
			this.out = tlsSocket.getOutputStream();
			this.position = 0;
			this.limit = 0;
		}

		private String auth(String line) throws IOException {
			if (FastSmtpServer.this.username == null || !isTls()) {
				return "503 5.5.1 Error: authentication not enabled\r\n";
			}
			String[] words = line.split(" ");
			String mechanism = (words.length > 1) ? words[1].toUpperCase(Locale.ROOT) : "";
			if (mechanism.equals("LOGIN")) {
				reply("334 VXNlcm5hbWU6\r\n");
				String user = decode(readLine());
				reply("334 UGFzc3dvcmQ6\r\n");
				String pass = decode(readLine());
				return verdict(user, pass);
			}
			if (mechanism.equals("PLAIN")) {
				String response;
				if (words.length > 2) {
					response = words[2];
				}
				else {
					reply("334 \r\n");
					response = readLine();
				}
				String[] parts = decode(response).split("\0", -1);
				return (parts.length == 3) ? verdict(parts[1], parts[2]) : "501 5.5.2 Bad PLAIN response\r\n";
			}
			return "504 5.5.4 Unsupported mechanism\r\n";
		}

		private String verdict(String user, String pass) {
			boolean ok = user.equals(FastSmtpServer.this.username) && pass.equals(FastSmtpServer.this.password);
			return ok ? "235 2.7.0 Authentication successful\r\n" : "535 5.7.8 Authentication failed\r\n";
		}

		private String decode(String base64) {
			try {
				return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}

		private void reply(String text) throws IOException {
			long delay = FastSmtpServer.this.replyDelayNanos;
			if (delay > 0) {
				try {
					TimeUnit.NANOSECONDS.sleep(delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", ex);
				}
			}
			this.out.write(text.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = null;
			int start = this.position;
			while (true) {
				if (this.position == this.limit) {
					if (this.position > start) {
						line = append(line, start, this.position);
					}
					this.limit = this.in.read(this.buffer, 0, this.buffer.length);
					this.position = 0;
					start = 0;
					if (this.limit < 0) {
						this.limit = 0;
						throw new EOFException();
					}
				}
				if (this.buffer[this.position++] == '\n') {
					line = append(line, start, this.position);
					String text = line.toString(StandardCharsets.US_ASCII);
					return text.substring(0, text.length() - ((text.endsWith("\r\n")) ? 2 : 1));
				}
			}
		}

		private ByteArrayOutputStream append(@Nullable ByteArrayOutputStream line, int from, int to) {
			ByteArrayOutputStream target = (line != null) ? line : new ByteArrayOutputStream(64);
			target.write(this.buffer, from, to - from);
			return target;
		}

		private static String verb(String line) {
			int space = line.indexOf(' ');
			String verb = (space > 0) ? line.substring(0, space) : line;
			return verb.toUpperCase(Locale.ROOT);
		}

	}

}
