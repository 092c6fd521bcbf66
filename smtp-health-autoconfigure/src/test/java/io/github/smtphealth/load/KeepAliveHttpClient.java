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

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection kept alive from request to request, for a client that asks now
 * and then ({@code /actuator/info} during a load): a blocking GET on a plain socket, its
 * response read to the end (by {@code Content-Length} or chunked) and reduced to the
 * status code. Cheaper than the JDK's {@code HttpClient}, whose selector thread and
 * futures would compete with the application for the CPU; {@link HttpLoad} runs the many
 * clients of a load.
 */
final class KeepAliveHttpClient implements Closeable {

	private final InetSocketAddress address;

	private final int readTimeoutMillis;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	KeepAliveHttpClient(int port, Duration readTimeout) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
	}

	/**
	 * Send one GET and read its response to the end.
	 * @param path the request target
	 * @return the status code, or the simple name of the exception that ended the
	 * exchange (the connection is then closed and opened again for the next request)
	 */
	String get(String path) {
		try {
			connectIfClosed();
			this.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.address.getPort()
					+ "\r\nAccept: application/json\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			return Integer.toString(readResponse());
		}
		catch (IOException | RuntimeException ex) {
			close();
			return ex.getClass().getSimpleName();
		}
	}

	private void connectIfClosed() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket connecting = new Socket();
		try {
			connecting.setTcpNoDelay(true);
			connecting.setSoTimeout(this.readTimeoutMillis);
			connecting.connect(this.address, this.readTimeoutMillis);
			this.in = new BufferedInputStream(connecting.getInputStream());
			this.out = connecting.getOutputStream();
			this.socket = connecting;
		}
		catch (IOException ex) {
			connecting.close();
			throw ex;
		}
	}

	private int readResponse() throws IOException {
		String statusLine = line();
		int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
		long contentLength = -1;
		boolean chunked = false;
		boolean closing = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				closing = true;
			}
		}
		if (chunked) {
			for (long size = chunkSize(); size > 0; size = chunkSize()) {
				skip(size);
				line();
			}
			while (!line().isEmpty()) {
				// trailers
			}
		}
		else if (contentLength >= 0) {
			skip(contentLength);
		}
		else {
			closing = true;
		}
		if (closing) {
			close();
		}
		return status;
	}

	private long chunkSize() throws IOException {
		String line = line();
		int extension = line.indexOf(';');
		return Long.parseLong((extension >= 0) ? line.substring(0, extension).trim() : line.trim(), 16);
	}

	private void skip(long bytes) throws IOException {
		long left = bytes;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("connection closed inside a response body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new EOFException("connection closed inside a response");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() {
		Socket open = this.socket;
		this.socket = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
