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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Many HTTP/1.1 clients on one thread: each keeps its connection alive and sends the next
 * GET as soon as the previous response has been read to the end (a closed loop, like as
 * many users each clicking again at once), until the end of the run.
 * <p>
 * The load tests measure the application, and on a machine of two processors the clients
 * share them with it. One selector thread costs the application little: 200 client
 * threads (let alone the JDK's {@code HttpClient}, a chain of futures per request) made
 * every request of the application, {@code /actuator/info} too, queue behind them for the
 * CPU, and measured the scheduler rather than the health check.
 */
final class HttpLoad {

	private final InetSocketAddress address;

	private final byte[] request;

	private final int clients;

	private final Duration requestTimeout;

	HttpLoad(int port, String path, int clients, Duration requestTimeout) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.clients = clients;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Send requests until {@code endNanos}, then wait for the ones in flight (each at
	 * most the request timeout) and close every connection.
	 * @param endNanos when to stop sending ({@link System#nanoTime()})
	 * @param recorder told about every exchange
	 * @throws IOException if the selector cannot be opened
	 */
	void run(long endNanos, Recorder recorder) throws IOException {
		try (Selector selector = Selector.open()) {
			for (int i = 0; i < this.clients; i++) {
				open(selector, System.nanoTime());
			}
			while (!selector.keys().isEmpty()) {
				selector.select(50);
				long now = System.nanoTime();
				for (SelectionKey key : selector.selectedKeys()) {
					handle(key, now, endNanos, recorder);
				}
				selector.selectedKeys().clear();
				for (SelectionKey key : selector.keys()) {
					Exchange exchange = (Exchange) key.attachment();
					if (key.isValid() && now - exchange.startNanos > this.requestTimeout.toNanos()) {
						fail(key, now, "timeout", endNanos, recorder);
					}
				}
			}
		}
	}

	private void open(Selector selector, long startNanos) throws IOException {
		SocketChannel channel = SocketChannel.open();
		try {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			Exchange exchange = new Exchange(startNanos);
			if (channel.connect(this.address)) {
				send(channel, exchange);
				channel.register(selector, SelectionKey.OP_READ, exchange);
			}
			else {
				channel.register(selector, SelectionKey.OP_CONNECT, exchange);
			}
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	private void handle(SelectionKey key, long now, long endNanos, Recorder recorder) throws IOException {
		SocketChannel channel = (SocketChannel) key.channel();
		Exchange exchange = (Exchange) key.attachment();
		try {
			if (key.isConnectable()) {
				channel.finishConnect();
				send(channel, exchange);
				key.interestOps(SelectionKey.OP_READ);
				return;
			}
			if (!key.isReadable()) {
				return;
			}
			if (channel.read(exchange.buffer()) < 0) {
				fail(key, now, "closed by the server", endNanos, recorder);
				return;
			}
			Response response = exchange.response();
			if (response == null) {
				return;
			}
			recorder.record(exchange.startNanos, Duration.ofNanos(now - exchange.startNanos),
					Integer.toString(response.status()));
			if (response.closing()) {
				key.cancel();
				channel.close();
				if (now - endNanos < 0) {
					open(key.selector(), now);
				}
			}
			else if (now - endNanos < 0) {
				exchange.reset(now);
				send(channel, exchange);
			}
			else {
				key.cancel();
				channel.close();
			}
		}
		catch (IOException ex) {
			fail(key, now, ex.getClass().getSimpleName(), endNanos, recorder);
		}
	}

	private void fail(SelectionKey key, long now, String outcome, long endNanos, Recorder recorder) throws IOException {
		Exchange exchange = (Exchange) key.attachment();
		recorder.record(exchange.startNanos, Duration.ofNanos(now - exchange.startNanos), outcome);
		key.cancel();
		key.channel().close();
		if (now - endNanos < 0) {
			open(key.selector(), now);
		}
	}

	/**
	 * A request of a few dozen bytes on a connection with nothing else to send goes into
	 * the socket's buffer at once.
	 */
	private void send(SocketChannel channel, Exchange exchange) throws IOException {
		ByteBuffer out = ByteBuffer.wrap(this.request);
		while (out.hasRemaining()) {
			channel.write(out);
		}
	}

	/**
	 * A status code, and whether the server closes the connection after it.
	 */
	private record Response(int status, boolean closing) {
	}

	/**
	 * One connection's request in flight and the bytes of its response so far.
	 */
	private static final class Exchange {

		private long startNanos;

		private ByteBuffer buffer = ByteBuffer.allocate(4096);

		Exchange(long startNanos) {
			this.startNanos = startNanos;
		}

		ByteBuffer buffer() {
			if (!this.buffer.hasRemaining()) {
				ByteBuffer larger = ByteBuffer.allocate(this.buffer.capacity() * 2);
				this.buffer.flip();
				larger.put(this.buffer);
				this.buffer = larger;
			}
			return this.buffer;
		}

		void reset(long startNanos) {
			this.buffer.clear();
			this.startNanos = startNanos;
		}

		/**
		 * Return the response once it is complete (by {@code Content-Length}, or the last
		 * chunk of a chunked body), else {@code null}.
		 */
		Response response() {
			String received = new String(this.buffer.array(), 0, this.buffer.position(), StandardCharsets.ISO_8859_1);
			int headerEnd = received.indexOf("\r\n\r\n");
			if (headerEnd < 0) {
				return null;
			}
			String head = received.substring(0, headerEnd).toLowerCase(Locale.ROOT);
			int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
			boolean closing = head.contains("\r\nconnection: close");
			int bodyStart = headerEnd + 4;
			int lengthAt = head.indexOf("\r\ncontent-length:");
			if (lengthAt >= 0) {
				int valueStart = lengthAt + "\r\ncontent-length:".length();
				int valueEnd = head.indexOf("\r\n", valueStart);
				int length = Integer
					.parseInt(head.substring(valueStart, (valueEnd < 0) ? head.length() : valueEnd).trim());
				return (received.length() >= bodyStart + length) ? new Response(status, closing) : null;
			}
			if (head.contains("\r\ntransfer-encoding: chunked")) {
				return received.endsWith("\r\n0\r\n\r\n") ? new Response(status, closing) : null;
			}
			return (received.length() == bodyStart) ? new Response(status, closing) : null;
		}

	}

	/**
	 * Told about every response, or every exchange that failed, in the load's thread.
	 */
	interface Recorder {

		/**
		 * Record one exchange.
		 * @param startNanos when the request was sent ({@link System#nanoTime()})
		 * @param time how long until its response was complete
		 * @param outcome the status code, or what ended the exchange
		 */
		void record(long startNanos, Duration time, String outcome);

	}

}
