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

package io.github.smtphealth.sample.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server on the loopback interface that behaves like a mail submission service:
 * STARTTLS is required before anything but EHLO, AUTH PLAIN or LOGIN is required before
 * {@code MAIL}, and every message is accepted and thrown away, or kept in an
 * {@link EmbeddedMailbox} when {@code sample.embedded-smtp.delivery} is true. Built on
 * SubEthaSMTP; its threads are daemons named {@code embedded-smtp-*}, and {@link #stop()}
 * ends all of them.
 * <p>
 * This is the demo's product code, not a test server: it is what
 * {@code mvn spring-boot:run} checks out of the box, so it lives in the sample's main
 * code, where the test-only {@code ScriptedSmtpServer} of
 * {@code smtp-health-test-support} may not go. It is a working submission service (a real
 * SMTP stack that accepts any client's dialogue and checks credentials), where the
 * scripted server plays one fixed dialogue to make a fault happen.
 *
 * @since 0.1.0
 */
public final class EmbeddedSmtpServer implements AutoCloseable {

	/**
	 * The host name the server is reached by; its certificate is issued for it.
	 */
	public static final String HOST = "localhost";

	private static final String THREAD_NAME_PREFIX = "embedded-smtp-";

	private final SMTPServer server;

	private final GreetingDelay greetingDelay;

	private final int port;

	private final @Nullable EmbeddedMailbox mailbox;

	private EmbeddedSmtpServer(SMTPServer server, GreetingDelay greetingDelay, @Nullable EmbeddedMailbox mailbox) {
		this.server = server;
		this.greetingDelay = greetingDelay;
		this.port = server.getPortAllocated();
		this.mailbox = mailbox;
	}

	/**
	 * Start a server.
	 * @param properties the port, credentials and greeting delay
	 * @param certificate the certificate the server presents after STARTTLS
	 * @return the running server
	 */
	public static EmbeddedSmtpServer start(EmbeddedSmtpProperties properties, SelfSignedCertificate certificate) {
		GreetingDelay greetingDelay = new GreetingDelay(properties.getGreetingDelay());
		SSLContext sslContext = certificate.serverSslContext();
		String expectedUsername = properties.getUsername();
		String expectedPassword = properties.getPassword();
		EmbeddedMailbox mailbox = properties.isDelivery() ? new EmbeddedMailbox() : null;
		SMTPServer server = SMTPServer.port(properties.getPort())
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName(HOST)
			.softwareName("smtp-health sample (SubEthaSMTP)")
			.serverThreadName(THREAD_NAME_PREFIX + "server")
			.executorService(sessionExecutor())
			.sessionHandler(greetingDelay)
			.enableTLS()
			.requireTLS()
			.startTlsSocketFactory((socket) -> startTls(sslContext, socket))
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(
					(username, password, context) -> login(expectedUsername, expectedPassword, username, password)))
			.requireAuth()
			.messageHandler((context, from, to, data) -> {
				if (mailbox != null) {
					mailbox.deliver(data);
				}
			})
			.build();
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			if (mailbox != null) {
				mailbox.stop();
			}
			throw ex;
		}
		return new EmbeddedSmtpServer(server, greetingDelay, mailbox);
	}

	private static ExecutorService sessionExecutor() {
		AtomicInteger sessions = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + "session-" + sessions.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newCachedThreadPool(threads);
	}

	/**
	 * The server side of STARTTLS with the JDK's default protocols and cipher suites
	 * (SubEthaSMTP's own factory would enable every protocol the JDK supports, and look
	 * the client's name up in DNS).
	 */
	private static SSLSocket startTls(SSLContext sslContext, Socket socket) throws IOException {
		InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
		SSLSocket tlsSocket = (SSLSocket) sslContext.getSocketFactory()
			.createSocket(socket, remote.getHostString(), remote.getPort(), true);
		tlsSocket.setUseClientMode(false);
		return tlsSocket;
	}

	private static void login(String expectedUsername, String expectedPassword, String username, String password)
			throws LoginFailedException {
		boolean usernameMatches = equal(expectedUsername, username);
		boolean passwordMatches = equal(expectedPassword, password);
		if (!usernameMatches || !passwordMatches) {
			throw new LoginFailedException("5.7.8 Authentication credentials invalid");
		}
	}

	private static boolean equal(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the port the server listens on, or listened on once it has stopped.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the mailbox that keeps what the server accepts, when
	 * {@code sample.embedded-smtp.delivery} is true.
	 * @return the mailbox, or {@code null} if accepted messages are thrown away
	 */
	public @Nullable EmbeddedMailbox mailbox() {
		return this.mailbox;
	}

	/**
	 * Return whether the server is running.
	 * @return whether the server is running
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/**
	 * Stop the server: close its port, end every session and wait for their threads. Does
	 * nothing if the server has stopped already.
	 */
	public void stop() {
		this.greetingDelay.release();
		synchronized (this.server) {
			if (this.server.isRunning()) {
				this.server.stop();
			}
		}
		if (this.mailbox != null) {
			this.mailbox.stop();
		}
	}

	/**
	 * Stop the server, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

}
