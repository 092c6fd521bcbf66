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

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtphealth.fuzz.ReplayServer.Conversation;
import io.github.smtphealth.fuzz.ReplayServer.Ending;
import io.github.smtphealth.fuzz.ReplayServer.Session;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz tests for {@link SmtpProbe}: a whole probe against a loopback server whose side of
 * the conversation is the fuzzer's bytes. Whatever the server says, the probe returns a
 * result within its deadline plus a second, never throws, explains a failure with a phase
 * and a short printable reason free of the credentials, and closes its connection.
 * <p>
 * Input layout, so that a seed can be written by hand: byte 0 picks the probe's settings
 * (bits 0-1 security: none, starttls, smtps, none; bits 2-4 AUTH: none, auto, plain,
 * login, cram-md5, xoauth2, none, none; bit 5 LMTP; bit 6 RCPT TO), byte 1 the server's
 * manners (bits 0-1 ending: close, half-close, reset, close; bit 2 dribble; bit 3 silence
 * instead, which costs the whole timeout and so is kept rare), and the rest, split at
 * every {@code 0xFF} byte, are the replies: the first on connecting, each next one after
 * the probe's next command.
 */
class SmtpProbeFuzzTests {

	static final Duration TIMEOUT = Duration.ofMillis(300);

	private static final Duration RETURN_MARGIN = Duration.ofSeconds(1);

	private static final String PASSWORD = "Fuzz-Canary-Pa55word";

	private static final String TOKEN = "Fuzz-Canary-T0ken-ya29";

	private static final byte SEPARATOR = (byte) 0xFF;

	private static final Security[] SECURITIES = { Security.NONE, Security.STARTTLS, Security.SMTPS, Security.NONE };

	private static final @Nullable AuthMechanism[] MECHANISMS = { null, AuthMechanism.AUTO, AuthMechanism.PLAIN,
			AuthMechanism.LOGIN, AuthMechanism.CRAM_MD5, AuthMechanism.XOAUTH2, null, null };

	private static final Ending[] ENDINGS = { Ending.CLOSE, Ending.HALF_CLOSE, Ending.RESET, Ending.CLOSE };

	private static final FuzzFigures figures = new FuzzFigures(SmtpProbeFuzzTests.class,
			"probeWhateverTheServerSaysShouldReturnResultWithinDeadline",
			"A whole probe (timeout " + TIMEOUT.toMillis() + " ms; security, AUTH mechanism, LMTP and RCPT TO "
					+ "chosen by the input) runs against a loopback server that replays the fuzzer's bytes as its "
					+ "replies, split per command, and then closes, half-closes, resets or goes silent: the probe "
					+ "returns a result within timeout + 1 s and never throws; a failure has a phase, a kind and a "
					+ "printable reason of at most 200 characters; when the probe has credentials, no text in the "
					+ "result contains the password or the token, even when the server echoes them; the server sees "
					+ "the probe close its connection within 2 s of the result.");

	private static final Map<Integer, SmtpProbe> probes = new ConcurrentHashMap<>();

	private static @Nullable ReplayServer server;

	private static boolean warmedUp;

	/**
	 * Run each kind of probe once, unchecked, so that the bound on the time to return
	 * measures the probe rather than class loading and Jazzer's instrumentation of what
	 * it loads. It runs in the first execution, not before: Jazzer instruments what loads
	 * after its agent is in place, and the agent arrives with the first execution.
	 */
	private static void warmUp() {
		String conversation = String.join("\u00ff", "220 x\r\n",
				"250-x\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2\r\n", "334 PDE+\r\n", "235 ok\r\n",
				"250 ok\r\n", "250 ok\r\n", "250 ok\r\n", "221 bye\r\n");
		byte[] replies = conversation.getBytes(StandardCharsets.ISO_8859_1);
		for (int options : new int[] { 0x00, 0x01, 0x02, 0x04, 0x08, 0x0C, 0x10, 0x14, 0x60 }) {
			byte[] input = new byte[replies.length + 2];
			input[0] = (byte) options;
			System.arraycopy(replies, 0, input, 2, replies.length);
			exchange(input).session().awaitEnd(ReplayServer.PATIENCE);
		}
		warmedUp = true;
	}

	@AfterAll
	static void closeServerAndWriteFigures() throws IOException {
		ReplayServer replay = server;
		server = null;
		probes.clear();
		warmedUp = false;
		if (replay != null) {
			replay.close();
		}
		figures.write();
	}

	@FuzzTest(maxDuration = "30s")
	@DictionaryFile(resourcePath = "smtp-replies.dict")
	void probeWhateverTheServerSaysShouldReturnResultWithinDeadline(byte[] input) {
		if (!warmedUp) {
			warmUp();
		}
		figures.execute(() -> probeAndCheck(input));
	}

	private static String probeAndCheck(byte[] input) {
		Exchange exchange = exchange(input);
		SmtpProbeResult result = exchange.result();
		Session session = exchange.session();
		figures.took(exchange.took());
		assertThat(exchange.took()).as("time to return").isLessThanOrEqualTo(TIMEOUT.plus(RETURN_MARGIN));
		assertThat(result).isNotNull();
		assertThat(result.total()).isLessThanOrEqualTo(TIMEOUT.plus(RETURN_MARGIN));
		boolean hasSecrets = exchange.probe().settings().credentials() != null;
		assertPrintable(result.greeting(), hasSecrets);
		assertPrintable(result.quitProblem(), hasSecrets);
		result.capabilities().forEach((capability) -> assertPrintable(capability, hasSecrets));
		ProbeFailure failure = result.failure();
		if (failure != null) {
			assertThat(failure.phase()).isNotNull();
			assertThat(failure.kind()).isNotNull();
			assertThat(failure.reason()).isNotBlank();
			assertPrintable(failure.reason(), hasSecrets);
		}
		else {
			assertThat(result.greeting()).isNotNull();
		}
		assertThat(session.awaitEnd(Duration.ofSeconds(2))).as("the server saw the probe close its connection")
			.isTrue();
		if (failure == null) {
			return "UP";
		}
		return "DOWN in " + failure.phase().id() + ", " + failure.kind().name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Probe the replay server, telling Jazzer that connections to it are expected.
	 */
	private static Exchange exchange(byte[] input) {
		SmtpProbe probe = probeFor(input);
		Session session = replayServer().serve(conversation(input));
		SmtpProbeResult result;
		long start = System.nanoTime();
		SilentCloseable connectionPermission = BugDetectors.allowNetworkConnections(SmtpProbeFuzzTests::isReplayServer);
		try {
			result = probe.run();
			if (result.remoteAddress() == null) {
				session.abandon();
			}
		}
		finally {
			connectionPermission.close();
		}
		return new Exchange(probe, result, Duration.ofNanos(System.nanoTime() - start), session);
	}

	private static SmtpProbe probeFor(byte[] input) {
		int options = (input.length > 0) ? input[0] : 0;
		int port = replayServer().port();
		return probes.computeIfAbsent(options & 0x7f, (key) -> createProbe(key, port));
	}

	private static Conversation conversation(byte[] input) {
		int manners = (input.length > 1) ? input[1] : 0;
		Ending ending = ((manners & 0x08) != 0) ? Ending.SILENCE : ENDINGS[manners & 0x03];
		return new Conversation(replies(input), ending, (manners & 0x04) != 0);
	}

	/**
	 * Assert that a text is short and printable and, when the probe has credentials, free
	 * of them: a server may echo them (or Jazzer may learn them from this very
	 * assertion), and the probe must mask them. Without credentials the canaries are just
	 * text the server chose.
	 */
	private static void assertPrintable(@Nullable String text, boolean hasSecrets) {
		if (text != null) {
			assertThat(text).hasSizeLessThanOrEqualTo(200).matches("[\\x20-\\x7e]*");
			if (hasSecrets) {
				assertThat(text).doesNotContain(PASSWORD).doesNotContain(TOKEN);
			}
		}
	}

	private static List<byte[]> replies(byte[] input) {
		List<byte[]> replies = new ArrayList<>();
		if (input.length <= 2) {
			return replies;
		}
		int start = 2;
		for (int i = 2; i <= input.length; i++) {
			if (i == input.length || input[i] == SEPARATOR) {
				replies.add(Arrays.copyOfRange(input, start, i));
				start = i + 1;
			}
		}
		return replies;
	}

	private static SmtpProbe createProbe(int options, int port) {
		AuthMechanism mechanism = MECHANISMS[(options >> 2) & 0x07];
		SmtpProbeSettings.Builder settings = SmtpProbeSettings.builder("127.0.0.1")
			.port(port)
			.security(SECURITIES[options & 0x03])
			.heloName("probe.fuzz.test")
			.lmtp((options & 0x20) != 0)
			.mailFrom("probe@fuzz.test")
			.rcptTo(((options & 0x40) != 0) ? "postmaster@fuzz.test" : null)
			.timeout(TIMEOUT);
		if (mechanism != null) {
			settings.credentials(new SmtpCredentials("fuzz-user", PASSWORD, TOKEN))
				.authMechanism(mechanism)
				.allowPlaintextAuth(true);
		}
		return new SmtpProbe(settings.build());
	}

	private static ReplayServer replayServer() {
		ReplayServer replay = server;
		if (replay == null) {
			replay = new ReplayServer();
			server = replay;
		}
		return replay;
	}

	private static boolean isReplayServer(String host, Integer port) {
		ReplayServer replay = server;
		try {
			return replay != null && port == replay.port() && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * One probe against the replay server.
	 */
	private record Exchange(SmtpProbe probe, SmtpProbeResult result, Duration took, Session session) {
	}

}
