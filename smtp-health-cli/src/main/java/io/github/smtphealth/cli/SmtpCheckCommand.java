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

package io.github.smtphealth.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.smtphealth.check.CheckVerdict;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.jspecify.annotations.Nullable;

/**
 * {@code smtp-check}: runs one probe and reports it as a Nagios plugin does, one line on
 * standard output and exit code 0 (OK), 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN). The
 * verdict is the health indicator's ({@link io.github.smtphealth.check.CheckPolicy}): UP
 * is OK, DEGRADED is WARNING, DOWN is CRITICAL. Never a stack trace; never the password.
 *
 * @since 0.1.0
 */
public final class SmtpCheckCommand {

	/**
	 * The name of the server in the outcome, as the starter names its top-level server.
	 */
	private static final String SERVER_NAME = "default";

	private final PrintStream out;

	private final PrintStream err;

	private final Function<String, @Nullable String> environment;

	SmtpCheckCommand(PrintStream out, PrintStream err, Function<String, @Nullable String> environment) {
		this.out = out;
		this.err = err;
		this.environment = environment;
	}

	/**
	 * Run the command and exit with its plugin status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		int exitCode = new SmtpCheckCommand(System.out, System.err, System::getenv).run(Arrays.asList(args));
		System.out.flush();
		System.exit(exitCode);
	}

	/**
	 * Run the command.
	 * @param args the command line
	 * @return the exit code
	 */
	int run(List<String> args) {
		SecretMask mask = new SecretMask(null);
		boolean json = args.contains("--json");
		try {
			Map<Option, String> options = ArgumentParser.parse(args);
			if (options.containsKey(Option.HELP)) {
				this.out.print(Usage.HELP);
				return 0;
			}
			if (options.containsKey(Option.VERSION)) {
				this.out.println("smtp-check " + version());
				return 0;
			}
			CheckRequest request = new CheckRequestFactory(options, this.environment).create();
			mask = new SecretMask(request.secret());
			if (request.verbose()) {
				VerboseLog.enable(this.err, mask);
			}
			return check(request, mask);
		}
		catch (UsageException ex) {
			return unknown(mask, json, String.valueOf(ex.getMessage()), true);
		}
		catch (Throwable ex) {
			return unknown(mask, json, "internal error: " + ex, false);
		}
	}

	private int check(CheckRequest request, SecretMask mask) {
		SmtpProbe probe;
		try {
			probe = new SmtpProbe(request.settings());
		}
		catch (IllegalArgumentException ex) {
			return unknown(mask, request.json(), String.valueOf(ex.getMessage()), false);
		}
		SmtpProbeResult result = probe.run();
		Instant now = Instant.now();
		CheckVerdict verdict = request.policy().evaluate(result, now);
		SmtpCheckOutcome outcome = new SmtpCheckOutcome(SERVER_NAME, request.settings(), result, verdict, false);
		print(mask, request.json() ? JsonOutput.of(outcome) : PluginOutput.line(outcome, request.policy(), now));
		return PluginStatus.of(verdict.status()).exitCode();
	}

	/**
	 * UNKNOWN: the message, and after a usage error the usage line (not in JSON, which is
	 * one value).
	 */
	private int unknown(SecretMask mask, boolean json, String message, boolean usage) {
		print(mask, json ? JsonOutput.unknown(message) : PluginOutput.unknown(message));
		if (usage && !json) {
			print(mask, Usage.LINE);
		}
		return PluginStatus.UNKNOWN.exitCode();
	}

	private void print(SecretMask mask, String line) {
		this.out.println(mask.apply(line));
	}

	private static String version() {
		String version = SmtpCheckCommand.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "(development build)";
	}

}
