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
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * An {@link SSLContext} that delegates to another and enables only some protocols on
 * every socket, server socket and engine it makes.
 *
 * @see TestCertificate#serverSslContext(String...)
 */
final class ProtocolRestrictedSslContext extends SSLContext {

	private ProtocolRestrictedSslContext(SSLContext delegate, String[] protocols) {
		super(new Spi(delegate, protocols), delegate.getProvider(), delegate.getProtocol());
	}

	static SSLContext restrict(SSLContext delegate, String... protocols) {
		if (protocols.length == 0) {
			throw new IllegalArgumentException("At least one protocol is required");
		}
		List<String> supported = Arrays.asList(delegate.getSupportedSSLParameters().getProtocols());
		for (String protocol : protocols) {
			if (!supported.contains(protocol)) {
				throw new IllegalArgumentException("Unsupported protocol '" + protocol + "', supported: " + supported);
			}
		}
		return new ProtocolRestrictedSslContext(delegate, protocols.clone());
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext delegate;

		private final String[] protocols;

		Spi(SSLContext delegate, String[] protocols) {
			this.delegate = delegate;
			this.protocols = protocols;
		}

		@Override
		protected void engineInit(KeyManager @Nullable [] keyManagers, TrustManager @Nullable [] trustManagers,
				@Nullable SecureRandom random) throws KeyManagementException {
			this.delegate.init(keyManagers, trustManagers, random);
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new SocketFactory(this.delegate.getSocketFactory(), this.protocols);
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return new ServerSocketFactory(this.delegate.getServerSocketFactory(), this.protocols);
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			SSLEngine engine = this.delegate.createSSLEngine();
			engine.setEnabledProtocols(this.protocols);
			return engine;
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			SSLEngine engine = this.delegate.createSSLEngine(host, port);
			engine.setEnabledProtocols(this.protocols);
			return engine;
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.delegate.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.delegate.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			SSLParameters parameters = this.delegate.getDefaultSSLParameters();
			parameters.setProtocols(this.protocols);
			return parameters;
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.delegate.getSupportedSSLParameters();
		}

	}

	private static final class SocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		private final String[] protocols;

		SocketFactory(SSLSocketFactory delegate, String[] protocols) {
			this.delegate = delegate;
			this.protocols = protocols;
		}

		private Socket restrict(Socket socket) {
			((SSLSocket) socket).setEnabledProtocols(this.protocols);
			return socket;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return restrict(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return restrict(this.delegate.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(Socket socket, @Nullable InputStream consumed, boolean autoClose)
				throws IOException {
			return restrict(this.delegate.createSocket(socket, consumed, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return restrict(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return restrict(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return restrict(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return restrict(this.delegate.createSocket(address, port, localAddress, localPort));
		}

	}

	private static final class ServerSocketFactory extends SSLServerSocketFactory {

		private final SSLServerSocketFactory delegate;

		private final String[] protocols;

		ServerSocketFactory(SSLServerSocketFactory delegate, String[] protocols) {
			this.delegate = delegate;
			this.protocols = protocols;
		}

		private ServerSocket restrict(ServerSocket socket) {
			((SSLServerSocket) socket).setEnabledProtocols(this.protocols);
			return socket;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		@Override
		public ServerSocket createServerSocket() throws IOException {
			return restrict(this.delegate.createServerSocket());
		}

		@Override
		public ServerSocket createServerSocket(int port) throws IOException {
			return restrict(this.delegate.createServerSocket(port));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog) throws IOException {
			return restrict(this.delegate.createServerSocket(port, backlog));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
			return restrict(this.delegate.createServerSocket(port, backlog, address));
		}

	}

}
