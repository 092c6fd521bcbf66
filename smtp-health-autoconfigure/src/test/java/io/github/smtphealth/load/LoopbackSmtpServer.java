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

package io.github.smtphealth.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A small, well-behaved SMTP server on the loopback interface that remembers nothing but
 * how many connections it took, so that it can answer thousands of probes without
 * growing. It can fail in two ways and recover: hang ({@link #stopAccepting()}:
 * connections queue up unanswered) and die ({@link #down()}: connecting is refused), then
 * come back on the same port.
 * <p>
 * Why not the shared {@code ScriptedSmtpServer}: that one records every line and starts a
 * thread per connection, which is what a fault test asserts on but grows without bound
 * under a load test, and it can neither stop answering while it listens nor listen again
 * on the same port once closed.
 */
final class LoopbackSmtpServer implements AutoCloseable {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration ACCEPT_POLL = Duration.ofMillis(20);

	private static final Duration REBIND_PATIENCE = Duration.ofSeconds(5);

	private final ExecutorService workers;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connections = new AtomicInteger();

	private int port;

	private @Nullable ServerSocket serverSocket;

	private @Nullable Thread acceptThread;

	private volatile boolean accepting = true;

	/**
	 * Start listening on an ephemeral port.
	 * @param workerThreads how many connections are served at the same time
	 */
	LoopbackSmtpServer(int workerThreads) {
		AtomicInteger counter = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(workerThreads, (runnable) -> {
			Thread thread = new Thread(runnable, "loopback-smtp-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		up();
	}

	int port() {
		return this.port;
	}

	int connectionCount() {
		return this.connections.get();
	}

	/**
	 * Hang: leave new connections unanswered in the listen queue and drop the open ones.
	 */
	void stopAccepting() {
		this.accepting = false;
		this.open.forEach(LoopbackSmtpServer::closeQuietly);
	}

	/**
	 * Answer connections again, the queued ones first.
	 */
	void startAccepting() {
		this.accepting = true;
	}

	/**
	 * Listen again, on the same port as before.
	 */
	synchronized void up() {
		if (this.serverSocket != null) {
			return;
		}
		ServerSocket listening = bind();
		this.serverSocket = listening;
		Thread thread = new Thread(() -> acceptConnections(listening), "loopback-smtp-accept");
		thread.setDaemon(true);
		thread.start();
		this.acceptThread = thread;
	}

	/**
	 * Bind the port used before, or a new one the first time. While the port was free, a
	 * client socket of any process may have taken it for a while: try again until it is
	 * free.
	 */
	private ServerSocket bind() {
		long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
		while (true) {
			try {
				ServerSocket socket = new ServerSocket();
				try {
					socket.setReuseAddress(true);
					socket.setSoTimeout((int) ACCEPT_POLL.toMillis());
					socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
				}
				catch (IOException ex) {
					closeQuietly(socket);
					throw ex;
				}
				this.port = socket.getLocalPort();
				return socket;
			}
			catch (IOException ex) {
				if (this.port == 0 || System.nanoTime() - deadline > 0) {
					throw new UncheckedIOException("Cannot listen on port " + this.port, ex);
				}
				sleep(ACCEPT_POLL);
			}
		}
	}

	/**
	 * Stop listening, so that connecting is refused, and drop every open connection.
	 */
	synchronized void down() {
		ServerSocket listening = this.serverSocket;
		if (listening == null) {
			return;
		}
		this.serverSocket = null;
		closeQuietly(listening);
		join(this.acceptThread);
		this.open.forEach(LoopbackSmtpServer::closeQuietly);
	}

	@Override
	public void close() {
		down();
		this.workers.shutdownNow();
		try {
			if (!this.workers.awaitTermination(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Loopback SMTP server threads did not stop");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void acceptConnections(ServerSocket listening) {
		while (!listening.isClosed()) {
			if (!this.accepting) {
				sleep(ACCEPT_POLL);
				continue;
			}
			Socket socket;
			try {
				socket = listening.accept();
			}
			catch (IOException ex) {
				// Timed out (poll again), or closed by down() or close().
				continue;
			}
			this.connections.incrementAndGet();
			this.open.add(socket);
			try {
				this.workers.execute(() -> serve(socket));
			}
			catch (RejectedExecutionException ex) {
				this.open.remove(socket);
				closeQuietly(socket);
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = socket.getOutputStream();
			reply(out, "220 loopback.test ESMTP ready");
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO", "LHLO" -> reply(out, "250-loopback.test\r\n250-PIPELINING\r\n250 8BITMIME");
					case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "500 Unrecognized command");
				}
			}
		}
		catch (IOException ex) {
			// The client went away, or down() closed the connection.
		}
		finally {
			this.open.remove(socket);
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void join(@Nullable Thread thread) {
		if (thread == null) {
			return;
		}
		try {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing anyway
		}
	}

}
