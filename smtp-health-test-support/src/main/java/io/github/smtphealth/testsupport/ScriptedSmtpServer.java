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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A TCP server on the loopback interface that plays an {@link SmtpScript} on every
 * connection: the misbehaving SMTP server of fault tests. For example: <pre class="code">
 * try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -&gt; script.send("220 ready")
 * 		.expect("EHLO").send("250-hi", "250 STARTTLS")
 * 		.expect("STARTTLS").send("220 go").startTls(certificate.serverSslContext())
 * 		.expect("EHLO").send("250 ok"))) {
 * 	// probe server.host():server.port(), then assert on server.received() and server.errors()
 * }
 * </pre>
 * <p>
 * Each connection runs on its own daemon thread; every read has a timeout (30 seconds
 * unless changed), so nothing hangs forever. What goes wrong on the server side (an
 * unexpected command, a client that disconnects mid-script, a failed handshake) is
 * recorded in {@link #errors()}, never thrown into the test. {@link #close()} stops
 * accepting, closes every connection and joins every thread.
 *
 * @since 0.1.0
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

	private final String host;

	private final ServerSocket serverSocket;

	private final List<List<SmtpScript.Step>> scripts;

	private final Duration readTimeout;

	private final Thread acceptThread;

	private final List<Thread> connectionThreads = new CopyOnWriteArrayList<>();

	private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();

	private final List<ReceivedLine> received = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final List<String> tlsProtocols = new CopyOnWriteArrayList<>();

	private final List<String> sniHostNames = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private int accepted;

	private int completed;

	private volatile boolean closing;

	private ScriptedSmtpServer(Builder builder) {
		this.host = builder.host;
		this.readTimeout = builder.readTimeout;
		this.scripts = new ArrayList<>();
		for (Consumer<SmtpScript> customizer : builder.scripts) {
			SmtpScript script = new SmtpScript();
			customizer.accept(script);
			this.scripts.add(script.steps());
		}
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getByName(this.host));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot bind " + this.host, ex);
		}
		this.acceptThread = new Thread(this::acceptConnections, "scripted-smtp-" + port() + "-accept");
		this.acceptThread.setDaemon(true);
	}

	/**
	 * Start a server on {@code 127.0.0.1} that plays the given script on every
	 * connection.
	 * @param script the script, for example {@code (script) -> script.send("220 ready")}
	 * @return the running server
	 */
	public static ScriptedSmtpServer start(Consumer<SmtpScript> script) {
		return builder().script(script).start();
	}

	/**
	 * Start a server on {@code 127.0.0.1} that plays {@link SmtpScript#happyPath()} on
	 * every connection.
	 * @return the running server
	 */
	public static ScriptedSmtpServer happyPath() {
		return start(SmtpScript::happyPath);
	}

	/**
	 * Start a server on {@code 127.0.0.1} that accepts connections and never sends a byte
	 * (it reads and records until the client closes, for at most 60 seconds).
	 * @return the running server
	 */
	public static ScriptedSmtpServer acceptButNeverSpeak() {
		return start(SmtpScript::silence);
	}

	/**
	 * Start a server on {@code 127.0.0.1} that sends one line on every connection and
	 * then never another byte, as {@link #acceptButNeverSpeak()} does after it.
	 * @param line the line to send, without its CRLF
	 * @return the running server
	 */
	public static ScriptedSmtpServer sayOnce(String line) {
		return start((script) -> script.send(line).silence());
	}

	/**
	 * Return a builder for a server with more options: the bind address, the read
	 * timeout, a different script per connection.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the address literal the server is bound to, for example {@code "127.0.0.1"}
	 * or {@code "::1"}.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the ephemeral port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Return the socket address the server listens on.
	 * @return the address
	 */
	public InetSocketAddress address() {
		return new InetSocketAddress(this.serverSocket.getInetAddress(), port());
	}

	/**
	 * Return how many connections were accepted so far.
	 * @return the number of connections
	 */
	public int connectionCount() {
		synchronized (this.monitor) {
			return this.accepted;
		}
	}

	/**
	 * Return the text of every line read so far, from all connections, in the order read.
	 * @return a snapshot of the lines
	 */
	public List<String> received() {
		return this.received.stream().map(ReceivedLine::text).toList();
	}

	/**
	 * Return the text of every line read so far on one connection.
	 * @param connection the connection number, from 1 in accept order
	 * @return a snapshot of the lines
	 */
	public List<String> received(int connection) {
		return this.received.stream()
			.filter((line) -> line.connection() == connection)
			.map(ReceivedLine::text)
			.toList();
	}

	/**
	 * Return the text of every line read so far without TLS, for example to assert that
	 * no {@code AUTH} line was ever sent in plaintext.
	 * @return a snapshot of the lines
	 */
	public List<String> receivedInPlaintext() {
		return this.received.stream().filter((line) -> !line.tls()).map(ReceivedLine::text).toList();
	}

	/**
	 * Return every line read so far with its connection number and whether it came over
	 * TLS.
	 * @return a snapshot of the lines
	 */
	public List<ReceivedLine> receivedLines() {
		return List.copyOf(this.received);
	}

	/**
	 * Return what went wrong on the server side so far, one message per failure, each
	 * naming the connection and the script step, for example
	 * {@code connection 1, step 2 (expect "EHLO"): expected "EHLO" but received "HELO x"}.
	 * @return a snapshot of the errors
	 */
	public List<String> errors() {
		return List.copyOf(this.errors);
	}

	/**
	 * Return the protocol of every completed TLS handshake, for example
	 * {@code "TLSv1.3"}.
	 * @return a snapshot of the protocols
	 */
	public List<String> tlsProtocols() {
		return List.copyOf(this.tlsProtocols);
	}

	/**
	 * Return every SNI host name that clients sent during TLS handshakes.
	 * @return a snapshot of the host names
	 */
	public List<String> sniHostNames() {
		return List.copyOf(this.sniHostNames);
	}

	/**
	 * Wait until the given number of connections have been accepted and have finished
	 * their scripts, so that {@link #received()} and {@link #errors()} are complete.
	 * @param connections the number of connections
	 * @param within how long to wait
	 * @throws AssertionError if they have not finished in time
	 */
	public void awaitCompleted(int connections, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		synchronized (this.monitor) {
			while (this.completed < connections) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new AssertionError("Expected " + connections + " completed connections within " + within
							+ " but " + this.completed + " of " + this.accepted + " accepted completed; errors: "
							+ this.errors + "; still running: " + describeRunningThreads());
				}
				try {
					this.monitor.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted", ex);
				}
			}
		}
	}

	/**
	 * Stop accepting, close every connection and join every thread of this server.
	 * Idempotent.
	 * @throws IllegalStateException if a thread is still alive after 10 seconds
	 */
	@Override
	public void close() {
		this.closing = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// Closing anyway
		}
		long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
		join(this.acceptThread, deadline);
		for (Socket socket : this.openSockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing anyway
			}
		}
		this.connectionThreads.forEach(Thread::interrupt);
		List<String> alive = new ArrayList<>();
		for (Thread thread : this.connectionThreads) {
			if (!join(thread, deadline)) {
				alive.add(thread.getName());
			}
		}
		if (this.acceptThread.isAlive()) {
			alive.add(this.acceptThread.getName());
		}
		if (!alive.isEmpty()) {
			throw new IllegalStateException("Threads still alive after close: " + alive);
		}
	}

	void recordLine(ReceivedLine line) {
		this.received.add(line);
	}

	void recordError(String message) {
		if (!this.closing) {
			this.errors.add(message);
		}
	}

	void recordTlsProtocol(String protocol) {
		this.tlsProtocols.add(protocol);
	}

	void recordSniHostName(String hostName) {
		this.sniHostNames.add(hostName);
	}

	private ScriptedSmtpServer startAccepting() {
		this.acceptThread.start();
		return this;
	}

	private void acceptConnections() {
		while (!this.closing) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				recordError("accept: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
				return;
			}
			int number;
			synchronized (this.monitor) {
				number = ++this.accepted;
			}
			this.openSockets.add(socket);
			List<SmtpScript.Step> steps = this.scripts.get(Math.min(number, this.scripts.size()) - 1);
			Thread thread = new Thread(() -> serve(number, socket, steps), "scripted-smtp-" + port() + "-" + number);
			thread.setDaemon(true);
			this.connectionThreads.add(thread);
			if (this.closing) {
				this.connectionThreads.remove(thread);
				closeQuietly(socket);
				return;
			}
			thread.start();
		}
	}

	private void serve(int number, Socket socket, List<SmtpScript.Step> steps) {
		try {
			ScriptedConnection connection = new ScriptedConnection(this, number, socket, this.readTimeout);
			if (!this.closing) {
				connection.play(steps);
			}
		}
		catch (IOException ex) {
			recordError("connection " + number + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			closeQuietly(socket);
			this.openSockets.remove(socket);
			synchronized (this.monitor) {
				this.completed++;
				this.monitor.notifyAll();
			}
		}
	}

	private String describeRunningThreads() {
		StringBuilder description = new StringBuilder();
		for (Thread thread : this.connectionThreads) {
			if (thread.isAlive()) {
				description.append("\n  \"").append(thread.getName()).append('"');
				StackTraceElement[] stack = thread.getStackTrace();
				for (int i = 0; i < Math.min(stack.length, 12); i++) {
					description.append("\n    at ").append(stack[i]);
				}
			}
		}
		return description.toString();
	}

	private static boolean join(Thread thread, long deadline) {
		try {
			thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !thread.isAlive();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway
		}
	}

	/**
	 * Builder for a {@link ScriptedSmtpServer}.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private Duration readTimeout = Duration.ofSeconds(30);

		private final List<Consumer<SmtpScript>> scripts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Bind to the given address literal instead of {@code 127.0.0.1}.
		 * @param host the address literal, for example {@code "::1"}
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/**
		 * Bind to the IPv6 loopback address {@code ::1}.
		 * @return this builder
		 */
		public Builder ipv6() {
			return host("::1");
		}

		/**
		 * Use the given timeout for every server-side read (30 seconds by default); also
		 * how long the server waits for the client to close once the script ends.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			if (readTimeout.isNegative() || readTimeout.isZero()) {
				throw new IllegalArgumentException("'readTimeout' must be positive");
			}
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Add a script: the first call scripts connection 1, the second connection 2 and
		 * so on; connections beyond the last script play the last one again.
		 * @param script the script
		 * @return this builder
		 */
		public Builder script(Consumer<SmtpScript> script) {
			this.scripts.add(script);
			return this;
		}

		/**
		 * Bind and start accepting.
		 * @return the running server
		 */
		public ScriptedSmtpServer start() {
			if (this.scripts.isEmpty()) {
				throw new IllegalStateException("No script");
			}
			return new ScriptedSmtpServer(this).startAccepting();
		}

	}

}
