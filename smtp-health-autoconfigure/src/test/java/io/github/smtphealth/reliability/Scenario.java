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

package io.github.smtphealth.reliability;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.smtphealth.health.SmtpHealthStatus;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.SmtpScript;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Status;

/**
 * One hostile situation and what the health indicator must make of it.
 *
 * @param name what the server, network or resolver does
 * @param target starts the server or resolver that does it
 * @param tweaks changes to the probe settings (security, credentials...)
 * @param status the expected status
 * @param failedPhase the expected {@code failedPhase} detail, or {@code null} when there
 * must be none
 * @param reason a fragment the {@code error}, {@code reason} or {@code quitProblem}
 * detail must contain
 */
record Scenario(String name, Supplier<Target> target, UnaryOperator<SmtpProbeSettings.Builder> tweaks, Status status,
		@Nullable Phase failedPhase, String reason) {

	static Builder named(String name) {
		return new Builder(name);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * Builder of a {@link Scenario}: the target, the tweaks, then the expectation.
	 */
	static final class Builder {

		private final String name;

		private @Nullable Supplier<Target> target;

		private UnaryOperator<SmtpProbeSettings.Builder> tweaks = (settings) -> settings;

		private Builder(String name) {
			this.name = name;
		}

		Builder server(Consumer<SmtpScript> script) {
			return target(() -> Target.scripted(script));
		}

		Builder target(Supplier<Target> target) {
			this.target = target;
			return this;
		}

		Builder with(UnaryOperator<SmtpProbeSettings.Builder> tweak) {
			UnaryOperator<SmtpProbeSettings.Builder> before = this.tweaks;
			this.tweaks = (settings) -> tweak.apply(before.apply(settings));
			return this;
		}

		Scenario up() {
			return up("");
		}

		/**
		 * Expect UP, with a {@code quitProblem} that contains the given fragment.
		 * @param quitProblem the fragment, empty for any
		 * @return the scenario
		 */
		Scenario up(String quitProblem) {
			return build(Status.UP, null, quitProblem);
		}

		/**
		 * Expect DEGRADED, with a {@code reason} that contains the given fragment.
		 * @param reason the fragment
		 * @return the scenario
		 */
		Scenario degraded(String reason) {
			return build(SmtpHealthStatus.DEGRADED, null, reason);
		}

		Scenario down(Phase failedPhase, String reason) {
			return build(Status.DOWN, failedPhase, reason);
		}

		private Scenario build(Status status, @Nullable Phase failedPhase, String reason) {
			if (this.target == null) {
				throw new IllegalStateException("No target for scenario '" + this.name + "'");
			}
			return new Scenario(this.name, this.target, this.tweaks, status, failedPhase, reason);
		}

	}

}
