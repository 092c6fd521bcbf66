package io.github.smtphealth.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * An SMTPS server that starts a TLS renegotiation ({@link SSLSocket#startHandshake()} on the
 * established session) after it reads EHLO and before it answers it, then finishes the dialogue.
 * This is what the {@code ScriptedSmtpServer} cannot do: its steps have no hook into the TLS
 * session. One connection at a time; {@link #close()} joins its thread.
 */
final class RenegotiatingSmtpServer implements AutoCloseable {

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private final SSLContext sslContext;

	private final ServerSocket serverSocket;

	private final Thread thread;

	private final AtomicInteger handshakes = new AtomicInteger();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private volatile @Nullable Socket current;

	private RenegotiatingSmtpServer(SSLContext sslContext) throws IOException {
		this.sslContext = sslContext;
		this.serverSocket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
		this.thread = new Thread(this::serve, "renegotiating-smtp-" + this.serverSocket.getLocalPort());
		this.thread.setDaemon(true);
	}

	static RenegotiatingSmtpServer start(SSLContext sslContext) {
		try {
			RenegotiatingSmtpServer server = new RenegotiatingSmtpServer(sslContext);
			server.thread.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start server", ex);
		}
	}

	String host() {
		return this.serverSocket.getInetAddress().getHostAddress();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Return what happened on the server side, in order, for example {@code "renegotiation requested"}.
	 * @return the events
	 */
	List<String> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Return how many TLS handshakes completed, the first included.
	 * @return the count
	 */
	int handshakes() {
		return this.handshakes.get();
	}

	private void serve() {
		while (!this.serverSocket.isClosed()) {
			try (Socket raw = this.serverSocket.accept()) {
				this.current = raw;
				raw.setSoTimeout(READ_TIMEOUT_MILLIS);
				converse(raw);
			}
			catch (IOException ex) {
				if (!this.serverSocket.isClosed()) {
					this.events.add("error: " + ex);
				}
			}
		}
	}

	private void converse(Socket raw) throws IOException {
		SSLSocket tls = (SSLSocket) this.sslContext.getSocketFactory().createSocket(raw, null, true);
		tls.addHandshakeCompletedListener((event) -> {
			this.handshakes.incrementAndGet();
			this.events.add("handshake completed (" + event.getSession().getProtocol() + ")");
		});
		tls.startHandshake();
		InputStream in = tls.getInputStream();
		OutputStream out = tls.getOutputStream();
		write(out, "220 reneg.test ESMTP");
		expect(in, "EHLO");
		tls.startHandshake();
		this.events.add("renegotiation requested");
		write(out, "250-reneg.test\r\n250 PIPELINING");
		expect(in, "MAIL");
		write(out, "250 OK");
		expect(in, "RSET");
		write(out, "250 OK");
		expect(in, "QUIT");
		write(out, "221 Bye");
		tls.shutdownOutput();
	}

	private void expect(InputStream in, String verb) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			line.write(b);
		}
		String text = line.toString(StandardCharsets.US_ASCII).strip();
		this.events.add("read " + text.split(" ", 2)[0]);
		if (!text.regionMatches(true, 0, verb, 0, verb.length())) {
			throw new IOException("expected " + verb + " but read '" + text + "'");
		}
	}

	private static void write(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		Socket socket = this.current;
		if (socket != null) {
			socket.close();
		}
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			throw new IllegalStateException(this.thread.getName() + " still alive after close");
		}
	}

}
