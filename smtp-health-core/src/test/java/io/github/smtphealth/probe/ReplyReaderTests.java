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

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.smtphealth.probe.ReplyReader.MalformedReplyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReplyReader}.
 */
class ReplyReaderTests {

	@ParameterizedTest(name = "''{0}''")
	@CsvSource(delimiter = '|', value = { "220 mail.test ESMTP ready | 220 | mail.test ESMTP ready", "250 | 250 | ''" })
	void readWhenSingleLineShouldReturnCodeTextAndSummary(String line, int code, String text) throws IOException {
		SmtpReply reply = reader(line + "\r\n").read();
		assertThat(reply.code()).isEqualTo(code);
		assertThat(reply.lines()).containsExactly(text);
		assertThat(reply.summary()).isEqualTo(line);
	}

	@Test
	void readWhenMultiLineShouldReturnEveryLineInOrder() throws IOException {
		SmtpReply reply = reader("250-mail.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n").read();
		assertThat(reply.code()).isEqualTo(250);
		assertThat(reply.lines()).containsExactly("mail.test", "PIPELINING", "SIZE 1000");
	}

	@Test
	void readWhenLinesEndWithBareLfShouldAcceptThem() throws IOException {
		SmtpReply reply = reader("250-mail.test\n250 8BITMIME\n").read();
		assertThat(reply.lines()).containsExactly("mail.test", "8BITMIME");
	}

	@Test
	void readWhenRepliesFollowEachOtherShouldReadThemOneByOne() throws IOException {
		ReplyReader reader = reader("220 hi\r\n250 OK\r\n221 bye\r\n");
		assertThat(reader.read().code()).isEqualTo(220);
		assertThat(reader.read().code()).isEqualTo(250);
		assertThat(reader.read().code()).isEqualTo(221);
		assertThatExceptionOfType(EOFException.class).isThrownBy(reader::read);
	}

	@Test
	void readWhenBytesArriveOneAtATimeShouldAssembleTheReply() throws IOException {
		byte[] bytes = "250-first\r\n250 second\r\n".getBytes(StandardCharsets.US_ASCII);
		InputStream in = new ByteArrayInputStream(bytes);
		ReplyReader reader = new ReplyReader((target, offset, length) -> in.read(target, offset, Math.min(1, length)));
		assertThat(reader.read().lines()).containsExactly("first", "second");
	}

	@Test
	void readWhenCodesDifferAcrossLinesShouldFail() {
		assertThatExceptionOfType(MalformedReplyException.class)
			.isThrownBy(() -> reader("250-mail.test\r\n251 OK\r\n").read())
			.withMessage("multi-line reply mixes codes 250 and 251");
	}

	@Test
	void readWhenLineIs4096BytesEndingInLfShouldAcceptIt() throws IOException {
		String line = "250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH - 4);
		assertThat(line).hasSize(4096);
		assertThat(reader(line + "\n").read().firstLine()).hasSize(4092);
	}

	@Test
	void readWhenLineIs4096BytesEndingInCrLfShouldAcceptIt() throws IOException {
		String line = "250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH - 4);
		assertThat(reader(line + "\r\n").read().firstLine()).hasSize(4092);
	}

	@Test
	void readWhenLineIs4095BytesEndingInCrLfShouldAcceptIt() throws IOException {
		String line = "250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH - 5);
		assertThat(reader(line + "\r\n").read().firstLine()).hasSize(4091);
	}

	@Test
	void readWhenLineIsLongerThan4096BytesShouldFailWithAnExcerpt() {
		String line = "250 " + "x".repeat(ReplyReader.MAX_LINE_LENGTH - 3);
		assertThatExceptionOfType(MalformedReplyException.class).isThrownBy(() -> reader(line + "\r\n").read())
			.withMessageStartingWith("reply line longer than 4096 bytes: '250 xxx")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(100));
	}

	@Test
	void readWhenLineNeverEndsShouldFailAfter4096Bytes() {
		CountingSource endless = new CountingSource((byte) 'x');
		assertThatExceptionOfType(MalformedReplyException.class).isThrownBy(() -> new ReplyReader(endless).read())
			.withMessageStartingWith("reply line longer than 4096 bytes");
		assertThat(endless.delivered).isLessThanOrEqualTo(2 * 8192);
	}

	@Test
	void readWhenReplyHas100LinesShouldAcceptIt() throws IOException {
		assertThat(reader(continuationLines(99) + "250 last\r\n").read().lines()).hasSize(100);
	}

	@Test
	void readWhenReplyHasMoreThan100LinesShouldFail() {
		assertThatExceptionOfType(MalformedReplyException.class)
			.isThrownBy(() -> reader(continuationLines(100) + "250 last\r\n").read())
			.withMessage("reply longer than 100 lines");
	}

	@Test
	void readWhenReplyHas10000ContinuationLinesShouldFailWithoutReadingThemAll() {
		ReplyReader reader = reader(continuationLines(10_000) + "250 last\r\n");
		assertThatExceptionOfType(MalformedReplyException.class).isThrownBy(reader::read)
			.withMessage("reply longer than 100 lines");
	}

	/**
	 * {@code (case, input line, message)} for lines that cannot start a reply.
	 */
	static Stream<Arguments> malformedLines() {
		String garbage = "HTTP/1.1 400 Bad Request " + "y".repeat(500);
		return Stream.of(Arguments.of("code not numeric", "2x0 what", "not an SMTP reply: '2x0 what'"),
				Arguments.of("code above 599", "600 what", "not an SMTP reply: '600 what'"),
				Arguments.of("code below 100", "099 what", "not an SMTP reply: '099 what'"),
				Arguments.of("control bytes in the code, quoted printable", "2\u00005\u001b0 hi",
						"not an SMTP reply: '2?5?0 hi'"),
				Arguments.of("shorter than a code", "25", "not an SMTP reply: '25'"),
				Arguments.of("empty line", "", "not an SMTP reply"),
				Arguments.of("neither space nor hyphen after the code", "250_OK",
						"no space or hyphen after the reply code: '250_OK'"),
				Arguments.of("long garbage, quoted as a short excerpt", garbage,
						"not an SMTP reply: '" + garbage.substring(0, 40) + "'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedLines")
	void readWhenLineIsNotAReplyShouldFailSayingWhy(String description, String line, String message) {
		assertThatExceptionOfType(MalformedReplyException.class).isThrownBy(() -> reader(line + "\r\n").read())
			.withMessage(message);
	}

	@Test
	void readWhenStreamEndsBeforeAReplyShouldThrowEofException() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> reader("").read());
	}

	@Test
	void readWhenStreamEndsInsideALineShouldFail() {
		assertThatExceptionOfType(MalformedReplyException.class).isThrownBy(() -> reader("220 mail.te").read())
			.withMessage("connection closed in the middle of a reply: '220 mail.te'");
	}

	@Test
	void readWhenStreamEndsBetweenLinesOfAReplyShouldFail() {
		assertThatExceptionOfType(MalformedReplyException.class)
			.isThrownBy(() -> reader("250-mail.test\r\n250-PIPELINING\r\n").read())
			.withMessage("connection closed in the middle of a reply");
	}

	@Test
	void discardBufferedShouldDropWhatWasReceivedButNotRead() throws IOException {
		ReplyReader reader = reader("220 go ahead\r\n250 injected\r\n");
		assertThat(reader.read().code()).isEqualTo(220);
		assertThat(reader.discardBuffered()).isEqualTo("250 injected\r\n".length());
		assertThatExceptionOfType(EOFException.class).isThrownBy(reader::read);
		assertThat(reader.discardBuffered()).isZero();
	}

	private static ReplyReader reader(String text) {
		InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
		return new ReplyReader(in::read);
	}

	private static String continuationLines(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append("250-line ").append(i).append("\r\n");
		}
		return text.toString();
	}

	/**
	 * A source that never ends, counting what it delivered.
	 */
	private static final class CountingSource implements ReplyReader.ByteSource {

		private final byte fill;

		private long delivered;

		CountingSource(byte fill) {
			this.fill = fill;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				target[i] = this.fill;
			}
			this.delivered += length;
			return length;
		}

	}

}
