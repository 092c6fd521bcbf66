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

package io.github.smtphealth.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A loopback server that plays one {@link Conversation} per connection, one connection at
 * a time: it sends the first reply as soon as it accepts, the next one after each read
 * that brings bytes from the client (whatever they are, a command or a TLS record), or at
 * once while what it sent cannot be a whole reply yet, and then ends as the conversation
 * says. It knows no SMTP; the bytes are the fuzzer's. A connection still waiting to be
 * accepted when the next session starts is stale (a probe that gave up connecting) and is
 * closed unanswered.
 * <p>
 * Why not the shared {@code ScriptedSmtpServer}: a fuzz run plays hundreds of thousands
 * of inputs, and Jazzer's network sanitizer may allow connections to one address only, so
 * this server keeps one port for the whole run and clears the connections a previous
 * input left in its accept queue; the scripted server binds a new port per test and fixes
 * its scripts before it starts. And the replies here are the fuzzer's bytes, sent
 * whatever the client says (a command or a TLS record), where a script expects SMTP
 * commands.
 */
final class ReplayServer implements AutoCloseable {

	/**
	 * How long the server waits for the client to send or close; longer than any probe
	 * here, so a session that ends by this timeout means the client never closed its
	 * socket.
	 */
	static final Duration PATIENCE = Duration.ofSeconds(5);

	private static final int DRIBBLED_BYTES = 64;

	private final ServerSocketChannel channel;

	private final InetSocketAddress address;

	private @Nullable Session current;

	ReplayServer() {
		try {
			this.channel = ServerSocketChannel.open();
			this.channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
			this.address = (InetSocketAddress) this.channel.getLocalAddress();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on the loopback interface", ex);
		}
	}

	int port() {
		return this.address.getPort();
	}

	/**
	 * Play the conversation on the next connection, after the previous session has ended.
	 * @param conversation what to send
	 * @return the session, running on a thread of its own
	 */
	Session serve(Conversation conversation) {
		if (this.current != null) {
			this.current.awaitEnd(PATIENCE.multipliedBy(2));
		}
		closeStaleConnections();
		Session session = new Session(conversation);
		this.current = session;
		session.thread.start();
		return session;
	}

	/**
	 * Close what is waiting to be accepted while no session runs: no probe is connecting
	 * then.
	 */
	private void closeStaleConnections() {
		try {
			this.channel.configureBlocking(false);
			try {
				for (SocketChannel stale = this.channel.accept(); stale != null; stale = this.channel.accept()) {
					stale.close();
				}
			}
			finally {
				this.channel.configureBlocking(true);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clear the accept queue", ex);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.current != null) {
			this.current.abandon();
			this.current.awaitEnd(PATIENCE.multipliedBy(2));
		}
		this.channel.close();
	}

	/**
	 * What the server does once it has sent every reply.
	 */
	enum Ending {

		/**
		 * Close the connection.
		 */
		CLOSE,

		/**
		 * Shut down its output, then read until the client closes.
		 */
		HALF_CLOSE,

		/**
		 * Reset the connection (RST).
		 */
		RESET,

		/**
		 * Say nothing more and read until the client closes.
		 */
		SILENCE

	}

	/**
	 * The server's side of a conversation.
	 *
	 * @param replies the bytes sent on connecting and after each read from the client
	 * @param ending what happens after the last reply
	 * @param dribble whether the start of each reply goes out one byte per write
	 */
	record Conversation(List<byte[]> replies, Ending ending, boolean dribble) {
	}

	/**
	 * One connection's conversation.
	 */
	final class Session {

		private final Conversation conversation;

		private final Thread thread;

		Session(Conversation conversation) {
			this.conversation = conversation;
			this.thread = new Thread(this::run, "fuzz-replay-" + port());
			this.thread.setDaemon(true);
		}

		/**
		 * Wait for the session to end.
		 * @param within how long to wait
		 * @return whether it ended
		 */
		boolean awaitEnd(Duration within) {
			try {
				this.thread.join(within.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return !this.thread.isAlive();
		}

		/**
		 * Stop waiting for a connection, because the client gave up before connecting:
		 * connect and hang up in its place.
		 */
		void abandon() {
			if (this.thread.isAlive()) {
				try {
					SocketChannel.open(ReplayServer.this.address).close();
				}
				catch (IOException ex) {
					// Listening has stopped: the session ends too.
				}
			}
		}

		private void run() {
			try (SocketChannel accepted = ReplayServer.this.channel.accept()) {
				Socket socket = accepted.socket();
				socket.setSoTimeout((int) PATIENCE.toMillis());
				socket.setTcpNoDelay(true);
				converse(socket);
			}
			catch (IOException ex) {
				// The client closed or reset the connection, or never closed it
				// (SocketTimeoutException):
				// the session ends either way, the time it took tells which.
			}
		}

		private void converse(Socket socket) throws IOException {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			byte[] buffer = new byte[8192];
			List<byte[]> replies = this.conversation.replies();
			ByteArrayOutputStream unanswered = new ByteArrayOutputStream();
			for (int i = 0; i < replies.size(); i++) {
				if (i > 0 && !leavesClientWaiting(unanswered.toByteArray())) {
					if (in.read(buffer) < 0) {
						return;
					}
					unanswered.reset();
				}
				send(out, replies.get(i));
				unanswered.write(replies.get(i));
			}
			switch (this.conversation.ending()) {
				case CLOSE -> {
					// Closed on the way out.
				}
				case HALF_CLOSE -> {
					socket.shutdownOutput();
					drain(in, buffer);
				}
				case RESET -> socket.setSoLinger(true, 0);
				case SILENCE -> drain(in, buffer);
			}
		}

		private void send(OutputStream out, byte[] reply) throws IOException {
			int dribbled = this.conversation.dribble() ? Math.min(DRIBBLED_BYTES, reply.length) : 0;
			for (int i = 0; i < dribbled; i++) {
				out.write(reply[i]);
				out.flush();
			}
			out.write(reply, dribbled, reply.length - dribbled);
			out.flush();
		}

		/**
		 * Return whether what was sent since the client last spoke cannot be a whole
		 * reply, so the client must be waiting for more: nothing, a line without its LF,
		 * or a last line that says more lines follow ({@code 250-}). Waiting for the
		 * client then would only run out its timeout, so the next reply goes out at once.
		 */
		private static boolean leavesClientWaiting(byte[] sent) {
			int end = sent.length - 1;
			if (end < 0 || sent[end] != '\n') {
				return true;
			}
			int start = end;
			while (start > 0 && sent[start - 1] != '\n') {
				start--;
			}
			return end - start >= 4 && isDigit(sent[start]) && isDigit(sent[start + 1]) && isDigit(sent[start + 2])
					&& sent[start + 3] == '-';
		}

		private static boolean isDigit(byte b) {
			return b >= '0' && b <= '9';
		}

		private void drain(InputStream in, byte[] buffer) throws IOException {
			while (in.read(buffer) >= 0) {
				// Read and forget until the client closes.
			}
		}

	}

}
