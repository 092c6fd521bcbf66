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
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtphealth.fuzz.FuzzFigures;
import io.github.smtphealth.probe.ReplyReader.MalformedReplyException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzz tests for {@link ReplyReader}: whatever bytes a server sends, and however TCP
 * splits them, reading replies ends in a reply, an {@link EOFException} or a
 * {@link MalformedReplyException}, never anything else, and every reply is the one its
 * class Javadoc describes. The first input byte chooses how the bytes are split into
 * reads; the rest are the server's bytes.
 */
class ReplyReaderFuzzTests {

	private static final FuzzFigures figures = new FuzzFigures(ReplyReaderFuzzTests.class,
			"readWhateverTheServerSendsShouldEndInReplyEofOrMalformedReply",
			"Bytes from the fuzzer, split into reads of fuzzer-chosen sizes, are read as replies until the "
					+ "stream ends: every call returns a reply (code 100-599, 1 to " + ReplyReader.MAX_LINES
					+ " lines, equal to the one a plain reading of the reply grammar gives) or throws EOFException "
					+ "(only at a reply boundary) or MalformedReplyException with a printable message; "
					+ "nothing else is thrown.");

	@AfterAll
	static void writeFigures() {
		figures.write();
	}

	@FuzzTest(maxDuration = "30s")
	@DictionaryFile(resourcePath = "/io/github/smtphealth/fuzz/smtp-replies.dict")
	void readWhateverTheServerSendsShouldEndInReplyEofOrMalformedReply(byte[] input) {
		figures.execute(() -> readAll(input));
	}

	private static String readAll(byte[] input) {
		byte[] data = (input.length > 0) ? Arrays.copyOfRange(input, 1, input.length) : input;
		int maxRead = (input.length > 0) ? Byte.toUnsignedInt(input[0]) : 0;
		ChunkedSource source = new ChunkedSource(data, maxRead);
		ReplyReader reader = new ReplyReader(source);
		Grammar expected = new Grammar(data);
		int replies = 0;
		while (true) {
			Expectation next = expected.next();
			SmtpReply reply;
			try {
				reply = reader.read();
			}
			catch (EOFException ex) {
				assertThat(next.kind()).as("outcome after %d replies", replies).isEqualTo(Outcome.EOF);
				assertThat(source.delivered()).isEqualTo(data.length);
				return "EOFException after " + bucket(replies) + " replies";
			}
			catch (MalformedReplyException ex) {
				assertThat(next.kind()).as("outcome after %d replies (%s)", replies, ex.getMessage())
					.isEqualTo(Outcome.MALFORMED);
				assertThat(ex.getMessage()).isNotNull().matches("[\\x20-\\x7e]+");
				return "MalformedReplyException: " + reason(ex.getMessage());
			}
			catch (IOException ex) {
				return fail("Undocumented exception", ex);
			}
			replies++;
			assertThat(next.kind()).as("outcome of reply %d", replies).isEqualTo(Outcome.REPLY);
			assertThat(reply.code()).isBetween(100, 599).isEqualTo(next.code());
			assertThat(reply.lines()).hasSizeBetween(1, ReplyReader.MAX_LINES).isEqualTo(next.lines());
			assertThat(replies).isLessThanOrEqualTo(data.length / 4);
		}
	}

	private static String bucket(int count) {
		return (count < 2) ? Integer.toString(count) : "2 or more";
	}

	/**
	 * The fixed text before any quoted excerpt, so that the outcomes form a small set.
	 */
	private static String reason(String message) {
		int colon = message.indexOf(':');
		String reason = (colon >= 0) ? message.substring(0, colon) : message;
		return reason.replaceAll("\\d+", "N");
	}

	/**
	 * A source that hands out the data in reads of pseudo-random sizes up to
	 * {@code maxRead} (all that is asked for when zero), the same sizes for the same
	 * input.
	 */
	private static final class ChunkedSource implements ReplyReader.ByteSource {

		private final byte[] data;

		private final int maxRead;

		private final Random sizes;

		private int position;

		ChunkedSource(byte[] data, int maxRead) {
			this.data = data;
			this.maxRead = maxRead;
			this.sizes = new Random(maxRead);
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			assertThat(length).isPositive();
			if (this.position == this.data.length) {
				return -1;
			}
			int size = Math.min(length, this.data.length - this.position);
			if (this.maxRead > 0) {
				size = Math.min(size, 1 + this.sizes.nextInt(this.maxRead));
			}
			System.arraycopy(this.data, this.position, target, offset, size);
			this.position += size;
			return size;
		}

		int delivered() {
			return this.position;
		}

	}

	enum Outcome {

		REPLY, EOF, MALFORMED

	}

	record Expectation(Outcome kind, int code, List<String> lines) {

		static final Expectation EOF = new Expectation(Outcome.EOF, 0, List.of());

		static final Expectation MALFORMED = new Expectation(Outcome.MALFORMED, 0, List.of());

	}

	/**
	 * The reply grammar of {@link ReplyReader}'s Javadoc, read over the whole input at
	 * once: no reads, no buffers, so that any difference comes from how the reader
	 * handles split input.
	 */
	private static final class Grammar {

		private final byte[] data;

		private int position;

		Grammar(byte[] data) {
			this.data = data;
		}

		Expectation next() {
			List<String> lines = new ArrayList<>();
			int code = -1;
			while (true) {
				String text = nextLine();
				if (text == null) {
					return (lines.isEmpty() && this.position == this.data.length) ? Expectation.EOF
							: Expectation.MALFORMED;
				}
				if (text.length() > ReplyReader.MAX_LINE_LENGTH || !isReplyLine(text)) {
					return Expectation.MALFORMED;
				}
				int lineCode = Integer.parseInt(text.substring(0, 3));
				if ((code != -1 && lineCode != code) || lines.size() == ReplyReader.MAX_LINES) {
					return Expectation.MALFORMED;
				}
				code = lineCode;
				lines.add((text.length() > 4) ? text.substring(4) : "");
				if (text.length() == 3 || text.charAt(3) == ' ') {
					return new Expectation(Outcome.REPLY, code, lines);
				}
			}
		}

		/**
		 * Return the next line without its LF and without a CR just before the LF
		 * (neither counts in the length limit); {@code null} when no complete line is
		 * left.
		 */
		private @Nullable String nextLine() {
			int end = this.position;
			while (end < this.data.length && this.data[end] != '\n') {
				end++;
			}
			if (end == this.data.length) {
				return null;
			}
			int length = end - this.position;
			String raw = new String(this.data, this.position, length, StandardCharsets.ISO_8859_1);
			this.position = end + 1;
			return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
		}

		private static boolean isReplyLine(String text) {
			if (text.length() < 3 || text.charAt(0) < '1' || text.charAt(0) > '5' || !isDigit(text.charAt(1))
					|| !isDigit(text.charAt(2))) {
				return false;
			}
			return text.length() == 3 || text.charAt(3) == ' ' || text.charAt(3) == '-';
		}

		private static boolean isDigit(char c) {
			return c >= '0' && c <= '9';
		}

	}

}
