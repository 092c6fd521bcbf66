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

package io.github.smtphealth.probe;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads SMTP replies strictly and within fixed bounds: {@code ddd}, then {@code '-'}
 * (more lines follow), {@code ' '} or nothing (last line), then text, then CRLF (a bare
 * LF is accepted). Anything else is a {@link MalformedReplyException}; so is a line over
 * {@value #MAX_LINE_LENGTH} bytes, a reply over {@value #MAX_LINES} lines, or a
 * multi-line reply that changes its code.
 */
final class ReplyReader {

	static final int MAX_LINE_LENGTH = 4096;

	static final int MAX_LINES = 100;

	private static final int EXCERPT_LENGTH = 40;

	private final byte[] buffer = new byte[8192];

	/**
	 * Room for the longest line and its CR, which is dropped once the LF arrives.
	 */
	private final byte[] line = new byte[MAX_LINE_LENGTH + 1];

	private final ByteSource source;

	private int position;

	private int limit;

	ReplyReader(ByteSource source) {
		this.source = source;
	}

	/**
	 * Read one complete reply.
	 * @return the reply
	 * @throws EOFException if the stream ends before the reply starts
	 * @throws MalformedReplyException if the bytes are not a valid reply, or end inside
	 * one
	 * @throws IOException if the source fails
	 */
	SmtpReply read() throws IOException {
		List<String> lines = new ArrayList<>();
		int code = -1;
		while (true) {
			String text = readLine(lines.isEmpty());
			int lineCode = parseCode(text);
			if (code != -1 && lineCode != code) {
				throw new MalformedReplyException("multi-line reply mixes codes " + code + " and " + lineCode);
			}
			code = lineCode;
			if (lines.size() == MAX_LINES) {
				throw new MalformedReplyException("reply longer than " + MAX_LINES + " lines");
			}
			lines.add((text.length() > 4) ? text.substring(4) : "");
			if (text.length() == 3 || text.charAt(3) == ' ') {
				return new SmtpReply(code, lines);
			}
		}
	}

	/**
	 * Drop every byte already received but not yet read, as RFC 3207 requires after
	 * STARTTLS.
	 * @return the number of bytes dropped
	 */
	int discardBuffered() {
		int dropped = this.limit - this.position;
		this.position = 0;
		this.limit = 0;
		return dropped;
	}

	/**
	 * Return whether bytes were received that no reply has consumed yet.
	 * @return {@code true} if some are buffered
	 */
	boolean hasBuffered() {
		return this.position < this.limit;
	}

	private String readLine(boolean startOfReply) throws IOException {
		int length = 0;
		boolean sawAnyByte = false;
		while (true) {
			if (this.position == this.limit && !fill()) {
				if (startOfReply && !sawAnyByte) {
					throw new EOFException("connection closed by server");
				}
				throw new MalformedReplyException("connection closed in the middle of a reply",
						excerpt(this.line, length));
			}
			byte b = this.buffer[this.position++];
			sawAnyByte = true;
			if (b == '\n') {
				if (length > 0 && this.line[length - 1] == '\r') {
					length--;
				}
				return new String(this.line, 0, length, StandardCharsets.ISO_8859_1);
			}
			if (length > MAX_LINE_LENGTH || (length == MAX_LINE_LENGTH && b != '\r')) {
				throw new MalformedReplyException("reply line longer than " + MAX_LINE_LENGTH + " bytes",
						excerpt(this.line, length));
			}
			this.line[length++] = b;
		}
	}

	private boolean fill() throws IOException {
		int read = this.source.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	private static int parseCode(String text) throws MalformedReplyException {
		if (text.length() < 3 || !isCode(text)) {
			throw new MalformedReplyException("not an SMTP reply", text);
		}
		if (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-') {
			throw new MalformedReplyException("no space or hyphen after the reply code", text);
		}
		return Integer.parseInt(text, 0, 3, 10);
	}

	private static boolean isCode(String text) {
		char first = text.charAt(0);
		return first >= '1' && first <= '5' && isDigit(text.charAt(1)) && isDigit(text.charAt(2));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static String excerpt(byte[] bytes, int length) {
		return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Where the reader gets its bytes; a socket-backed source sets the read timeout
	 * before each call.
	 */
	@FunctionalInterface
	interface ByteSource {

		/**
		 * Read up to {@code length} bytes.
		 * @param target the array to read into
		 * @param offset where to start writing
		 * @param length the most bytes to read
		 * @return the number read, or -1 at the end of the stream
		 * @throws IOException if reading fails
		 */
		int read(byte[] target, int offset, int length) throws IOException;

	}

	/**
	 * The server's bytes are not a valid SMTP reply. The offending line is kept whole, so
	 * that secrets can be masked before it is cut to an excerpt.
	 */
	static final class MalformedReplyException extends IOException {

		private static final long serialVersionUID = 1L;

		private final String reason;

		private final String line;

		MalformedReplyException(String reason) {
			this(reason, "");
		}

		MalformedReplyException(String reason, String line) {
			super(reason);
			this.reason = reason;
			this.line = line;
		}

		@Override
		public String getMessage() {
			return describe(UnaryOperator.identity());
		}

		/**
		 * Describe the problem with a short excerpt of the line, after masking.
		 * @param mask what hides secrets in the line
		 * @return the description
		 */
		String describe(UnaryOperator<String> mask) {
			if (this.line.isEmpty()) {
				return this.reason;
			}
			String masked = mask.apply(this.line);
			return this.reason + ": '" + Texts.printable(masked.substring(0, Math.min(masked.length(), EXCERPT_LENGTH)))
					+ "'";
		}

	}

}
